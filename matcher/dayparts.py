"""The 21 weekly day-parts (mon-am … sun-ev) and their compact bitmask form for storage."""

from collections.abc import Iterable

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
PARTS = ("am", "pm", "ev")
DAYPARTS = tuple(f"{day}-{part}" for day in DAYS for part in PARTS)
INDEX = {name: i for i, name in enumerate(DAYPARTS)}
ALL_MASK = (1 << len(DAYPARTS)) - 1


def to_mask(names: Iterable[str]) -> int:
    """Encode day-part names as a bitmask; unknown names raise ValueError."""
    mask = 0
    for name in names:
        if name not in INDEX:
            raise ValueError(name)
        mask |= 1 << INDEX[name]
    return mask


def from_mask(mask: int) -> list[str]:
    """Decode a bitmask into day-part names in week order."""
    return [name for i, name in enumerate(DAYPARTS) if mask >> i & 1]


def count(mask: int) -> int:
    """Number of day-parts in a bitmask."""
    return bin(mask).count("1")
