"""The 21 weekly day-parts of the instance format, `mon-am` … `sun-ev`, and their indices."""

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
PARTS = ("am", "pm", "ev")
DAYPARTS = tuple(f"{day}-{part}" for day in DAYS for part in PARTS)
INDEX = {name: i for i, name in enumerate(DAYPARTS)}
LEVELS = ("A0", "A1", "A2", "B1", "B2")
LEVEL_RANK = {name: i for i, name in enumerate(LEVELS)}
KINDS = ("placement", "taalmaatje", "buddy")
VOLUNTEER_KINDS = ("taalmaatje", "buddy")


def sort_dayparts(names) -> tuple[str, ...]:
    """Return day-part names in week order."""
    return tuple(sorted(names, key=INDEX.__getitem__))
