"""Cell parsers for imports: text in, a value out, or CellError with a Dutch message."""

from datetime import date, datetime

from flask_babel import lazy_gettext as _l

from matcher import bounds, free_text, number_format
from matcher import languages as language_codes
from matcher.bounds import Bound
from matcher.dayparts import DAYPARTS, INDEX
from matcher.models import DutchLevel
from matcher.models.enums import CATEGORIES

YES = {"ja", "j", "yes", "y", "1", "waar", "true", "x"}
NO = {"nee", "n", "no", "0", "onwaar", "false", ""}


class CellError(ValueError):
    """One cell is wrong; the message says what, in the user's language."""

    def __init__(self, message, column: str | None = None):
        super().__init__(str(message))
        self.column = column


def text(value: str, max_length: int, required: bool = False, multiline: bool = False) -> str:
    """Trimmed text of at most max_length characters, in NFC, without control characters."""
    value = free_text.clean(value, multiline=multiline)
    if required and not value:
        raise CellError(_l("verplicht, maar leeg"))
    if len(value) > max_length:
        raise CellError(_l("langer dan %(max)d tekens", max=max_length))
    return value


def name(value: str, max_length: int) -> str:
    """A required name: text with at least one letter."""
    result = text(value, max_length, required=True)
    if not free_text.is_name(result):
        raise CellError(_l("een naam bevat minstens één letter"))
    return result


def number(
    value: str, low: float, high: float, required: bool = True, low_open=False
) -> float | None:
    """A decimal number (point or comma) within [low, high] (or (low, high])."""
    if not value:
        if required:
            raise CellError(_l("verplicht, maar leeg"))
        return None
    try:
        result = float(value.replace(",", "."))
    except ValueError as error:
        raise CellError(_l("'%(value)s' is geen getal", value=value[:30])) from error
    if result != result or result > high or result < low or (low_open and result == low):
        low_text, high_text = number_format.format_number(low), number_format.format_number(high)
        if low_open:
            raise CellError(
                _l("moet groter dan %(low)s en hooguit %(high)s zijn", low=low_text, high=high_text)
            )
        raise CellError(_l("moet tussen %(low)s en %(high)s liggen", low=low_text, high=high_text))
    return result


def within(value: str, bound: Bound, required: bool = True) -> float | int | None:
    """A number inside `bound` (matcher/bounds.py); a whole number when the bound says so."""
    result = number(value, bound.low, bound.high, required, bound.low_open)
    if result is None or not bound.whole:
        return result
    if result != int(result):
        raise CellError(_l("'%(value)s' is geen heel getal", value=value[:30]))
    return int(result)


def whole(value: str, low: int, high: int) -> int:
    """A whole number within [low, high]."""
    result = number(value, low, high)
    if result != int(result):
        raise CellError(_l("'%(value)s' is geen heel getal", value=value[:30]))
    return int(result)


def boolean(value: str) -> bool:
    """ja/nee (also yes/no, 1/0, x)."""
    lowered = value.lower()
    if lowered in YES:
        return True
    if lowered in NO:
        return False
    raise CellError(_l("vul ja of nee in"))


def level(value: str) -> DutchLevel:
    """A Dutch level A0…B2 (empty: A0)."""
    if not value:
        return DutchLevel.A0
    try:
        return DutchLevel(value.upper())
    except ValueError as error:
        raise CellError(_l("kies A0, A1, A2, B1 of B2")) from error


def category(value: str) -> str:
    """One of the placement categories."""
    lowered = value.lower()
    if lowered not in CATEGORIES:
        raise CellError(_l("onbekende categorie '%(value)s'", value=value[:30]))
    return lowered


def categories(value: str) -> list[str]:
    """Categories separated by commas or semicolons."""
    return [category(part.strip()) for part in value.replace(";", ",").split(",") if part.strip()]


def languages(value: str) -> list[str]:
    """ISO 639 codes separated by commas, in their canonical form ('tir' → 'ti')."""
    try:
        return language_codes.parse_list(value)
    except language_codes.UnknownLanguage as unknown:
        raise CellError(
            _l(
                "'%(value)s' is geen taalcode (ISO 639, bijvoorbeeld ar, ti of prs)",
                value=unknown.code,
            )
        ) from unknown


def dayparts(value: str) -> int:
    """Day-part names (mon-am … sun-ev) separated by spaces, commas or semicolons."""
    mask = 0
    for name in value.replace(",", " ").replace(";", " ").split():
        if name.lower() not in INDEX:
            raise CellError(_l("onbekend dagdeel '%(value)s'", value=name[:20]))
        mask |= 1 << INDEX[name.lower()]
    return mask


def sessions(value: str) -> dict[str, tuple[float, int]]:
    """'mon-am:3:2; wed-pm:2,5:4' → {daypart: (hours, capacity)}."""
    result: dict[str, tuple[float, int]] = {}
    for part in (p.strip() for p in value.split(";")):
        if not part:
            continue
        pieces = [piece.strip() for piece in part.split(":")]
        if len(pieces) != 3:
            raise CellError(_l("'%(value)s': schrijf dagdeel:uren:plaatsen", value=part[:30]))
        name = pieces[0].lower()
        if name not in DAYPARTS:
            raise CellError(_l("onbekend dagdeel '%(value)s'", value=pieces[0][:20]))
        if name in result:
            raise CellError(_l("dagdeel '%(value)s' staat er twee keer in", value=name))
        try:
            hours = within(pieces[1], bounds.SESSION_HOURS)
            capacity = within(pieces[2], bounds.SESSION_PLACES)
        except CellError as error:
            raise CellError(f"{name}: {error}") from error
        result[name] = (hours, capacity)
    if not result:
        raise CellError(_l("minstens één sessie nodig, bijvoorbeeld mon-am:3:2"))
    return result


def day(value: str, required: bool = False) -> date | None:
    """A date as YYYY-MM-DD or DD-MM-YYYY."""
    if not value:
        if required:
            raise CellError(_l("verplicht, maar leeg"))
        return None
    for pattern in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"):
        try:
            return datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    raise CellError(_l("'%(value)s' is geen datum (JJJJ-MM-DD)", value=value[:30]))
