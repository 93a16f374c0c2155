"""The 21 weekly day-parts (mon-am … sun-ev) and their compact bitmask form for storage."""

from collections.abc import Iterable
from datetime import time

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


# Clock times of a placement session (issue 13). A session starts inside its day-part's window
# (ochtend before 12:00, middag 12:00–17:59, avond from 18:00) and ends later the same day;
# these windows are the one definition the forms, imports, seeds, services and the database
# check (window_sql) use.
WINDOWS = {
    "am": (time(0, 0), time(12, 0)),
    "pm": (time(12, 0), time(18, 0)),
    "ev": (time(18, 0), None),
}
# Where a session without clock times starts (older imports and seeds, the back-fill of 0016).
DEFAULT_STARTS = {"am": time(9, 0), "pm": time(13, 30), "ev": time(19, 0)}
# The latest a session may end: it ends on the day it starts.
LATEST_END = time(23, 59)


def part_of(daypart: str) -> str:
    """'thu-pm' → 'pm'."""
    return daypart.rpartition("-")[2]


def starts_inside(daypart: str, starts: time) -> bool:
    """Whether a session of `daypart` may start at `starts` (the day-part's window)."""
    low, high = WINDOWS[part_of(daypart)]
    return starts >= low and (high is None or starts < high)


def minutes(moment: time) -> int:
    """Minutes since midnight."""
    return moment.hour * 60 + moment.minute


def hours_between(starts: time, ends: time) -> float:
    """A session's hours, from its clock times: (end − start), in hours."""
    return round((minutes(ends) - minutes(starts)) / 60, 4)


def default_times(daypart: str, hours: float) -> tuple[time, time]:
    """Clock times for a session known only by day-part and hours: the day-part's usual start,
    moved earlier (not out of its window) when the session would run past the end of the day."""
    length = round(hours * 60)
    low, _high = WINDOWS[part_of(daypart)]
    start = minutes(DEFAULT_STARTS[part_of(daypart)])
    start = max(minutes(low), min(start, minutes(LATEST_END) - length))
    end = min(start + length, minutes(LATEST_END))
    return time(start // 60, start % 60), time(end // 60, end % 60)


def window_sql(daypart: str, starts: str) -> str:
    """The condition of the database CHECK that a session starts inside its day-part."""
    conditions = []
    for part, (low, high) in WINDOWS.items():
        inside = f"{starts} >= '{low:%H:%M:%S}'"
        if high is not None:
            inside += f" AND {starts} < '{high:%H:%M:%S}'"
        conditions.append(f"(substr({daypart}, 5, 2) = '{part}' AND {inside})")
    return " OR ".join(conditions)
