"""Cell parsers for imports: text in, a value out, or CellError naming what is wrong (a code
with its data; matcher/web/imports/wording.py words it)."""

import re
from datetime import date, datetime, time

from matcher import bounds, free_text
from matcher import languages as language_codes
from matcher.bounds import Bound
from matcher.dayparts import DAYPARTS, INDEX
from matcher.models import DutchLevel
from matcher.models.enums import CATEGORIES
from matcher.services import placements

YES = {"ja", "j", "yes", "y", "1", "waar", "true", "x"}
NO = {"nee", "n", "no", "0", "onwaar", "false", ""}


class CellError(ValueError):
    """One cell is wrong: `code` says what, `data` holds the numbers and the value it is about;
    `column` is set when the error belongs to another column than the one being read."""

    def __init__(self, code: str, column: str | None = None, **data):
        super().__init__(code, *data.values())
        self.code, self.column, self.data = code, column, data


def text(value: str, max_length: int, required: bool = False, multiline: bool = False) -> str:
    """Trimmed text of at most max_length characters, in NFC, without control characters."""
    value = free_text.clean(value, multiline=multiline)
    if required and not value:
        raise CellError("required_empty")
    if len(value) > max_length:
        raise CellError("too_long", max=max_length)
    return value


def name(value: str, max_length: int) -> str:
    """A required name: text with at least one letter."""
    result = text(value, max_length, required=True)
    if not free_text.is_name(result):
        raise CellError("name_needs_letter")
    return result


def number(
    value: str, low: float, high: float, required: bool = True, low_open=False
) -> float | None:
    """A decimal number (point or comma) within [low, high] (or (low, high])."""
    if not value:
        if required:
            raise CellError("required_empty")
        return None
    try:
        result = float(value.replace(",", "."))
    except ValueError as error:
        raise CellError("not_a_number", value=value[:30]) from error
    if result != result or result > high or result < low or (low_open and result == low):
        raise CellError("above_and_at_most" if low_open else "between", low=low, high=high)
    return result


def within(value: str, bound: Bound, required: bool = True) -> float | int | None:
    """A number inside `bound` (matcher/bounds.py); a whole number when the bound says so."""
    result = number(value, bound.low, bound.high, required, bound.low_open)
    if result is None or not bound.whole:
        return result
    if result != int(result):
        raise CellError("not_whole", value=value[:30])
    return int(result)


def whole(value: str, low: int, high: int) -> int:
    """A whole number within [low, high]."""
    result = number(value, low, high)
    if result != int(result):
        raise CellError("not_whole", value=value[:30])
    return int(result)


def boolean(value: str) -> bool:
    """ja/nee (also yes/no, 1/0, x)."""
    lowered = value.lower()
    if lowered in YES:
        return True
    if lowered in NO:
        return False
    raise CellError("yes_no")


def level(value: str) -> DutchLevel:
    """A Dutch level A0…B2 (empty: A0)."""
    if not value:
        return DutchLevel.A0
    try:
        return DutchLevel(value.upper())
    except ValueError as error:
        raise CellError("level") from error


def category(value: str) -> str:
    """One of the placement categories."""
    lowered = value.lower()
    if lowered not in CATEGORIES:
        raise CellError("unknown_category", value=value[:30])
    return lowered


def categories(value: str) -> list[str]:
    """Categories separated by commas or semicolons."""
    return [category(part.strip()) for part in value.replace(";", ",").split(",") if part.strip()]


def languages(value: str) -> list[str]:
    """ISO 639 codes separated by commas, in their canonical form ('tir' → 'ti')."""
    try:
        return language_codes.parse_list(value)
    except language_codes.UnknownLanguage as unknown:
        raise CellError("unknown_language", value=unknown.code) from unknown


def dayparts(value: str) -> int:
    """Day-part names (mon-am … sun-ev) separated by spaces, commas or semicolons."""
    mask = 0
    for name in value.replace(",", " ").replace(";", " ").split():
        if name.lower() not in INDEX:
            raise CellError("unknown_daypart", value=name[:20])
        mask |= 1 << INDEX[name.lower()]
    return mask


SESSION = re.compile(r"^([^:]*):(.*):([^:]*)$")
TIMES = re.compile(r"^(\d{1,2}[:.]\d{2})\s*[-–]\s*(\d{1,2}[:.]\d{2})$")


def sessions(value: str) -> dict[str, tuple]:
    """'mon-am:09:00-12:00:2; wed-pm:13:30-16:00:4' → {daypart: (start, end, capacity)}.

    An older file gives hours instead of times ('mon-am:3:2' → (hours, capacity)); the save
    gives such a session clock times (services.placements.resolve_sessions)."""
    result: dict[str, tuple] = {}
    for part in (p.strip() for p in value.split(";")):
        if not part:
            continue
        found = SESSION.match(part)
        if found is None:
            raise CellError("session_format", value=part[:30])
        name, middle, places = (piece.strip() for piece in found.groups())
        name = name.lower()
        if name not in DAYPARTS:
            raise CellError("unknown_daypart", value=name[:20])
        if name in result:
            raise CellError("daypart_twice", value=name)
        try:
            capacity = within(places, bounds.SESSION_PLACES)
            times = TIMES.match(middle)
            if times is None and (":" in middle or "-" in middle):
                raise CellError("session_format", value=part[:30])
            if times is None:
                result[name] = (within(middle, bounds.SESSION_HOURS), capacity)
                continue
            starts, ends = (clock(piece) for piece in times.groups())
            problem = placements.time_problem(name, starts, ends)
            if problem:
                raise CellError("session_times", problem=problem)
        except CellError as error:
            if error.code == "session_format":
                raise
            raise CellError("session_cell", daypart=name, inner=error) from error
        result[name] = (starts, ends, capacity)
    if not result:
        raise CellError("no_sessions")
    return result


def clock(value: str) -> time:
    """A clock time 'HH:MM' (or 'HH.MM')."""
    try:
        return datetime.strptime(value.replace(".", ":"), "%H:%M").time()
    except ValueError:
        raise CellError("session_times", problem="session.time_format") from None


def day(value: str, required: bool = False) -> date | None:
    """A date as DD-MM-YYYY (also with / or .) or YYYY-MM-DD; an XLSX date cell reads as the
    latter."""
    if not value:
        if required:
            raise CellError("required_empty")
        return None
    for pattern in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y"):
        try:
            return datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    raise CellError("not_a_date", value=value[:30])
