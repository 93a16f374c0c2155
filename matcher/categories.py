"""Placement categories (instance-format.md): the vocabulary of placements and interests.

Plain data with no imports, so the solver's benchmark generator and the seed script can use it.
"""

CATEGORIES = (
    "groen", "zorg", "horeca", "techniek", "winkel", "sport", "kinderen", "dieren", "cultuur",
    "schoonmaak", "logistiek", "kantoor", "koken", "buurt", "kringloop",
)  # fmt: skip
