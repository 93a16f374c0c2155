"""Cell parsers for imports: text in, a value out, or CellError with a Dutch message."""

from datetime import date, datetime

from flask_babel import lazy_gettext as _l

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


def text(value: str, max_length: int, required: bool = False) -> str:
    """Trimmed text of at most max_length characters."""
    if required and not value:
        raise CellError(_l("verplicht, maar leeg"))
    if len(value) > max_length:
        raise CellError(_l("langer dan %(max)d tekens", max=max_length))
    return value


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
        if low_open:
            raise CellError(
                _l("moet groter dan %(low)s en hooguit %(high)s zijn", low=low, high=high)
            )
        raise CellError(_l("moet tussen %(low)s en %(high)s liggen", low=low, high=high))
    return result


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
    """ISO 639-1 codes separated by commas."""
    codes = [part.strip().lower() for part in value.replace(";", ",").split(",") if part.strip()]
    for code in codes:
        if len(code) != 2 or not code.isalpha():
            raise CellError(_l("'%(value)s' is geen taalcode van twee letters", value=code[:20]))
    return codes


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
            hours = number(pieces[1], 0, 12, low_open=True)
            capacity = whole(pieces[2], 0, 1000)
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
