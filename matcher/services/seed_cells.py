"""Reading one cell of a seed file: a parser per kind of value; BadCell (a code) on error."""

from collections.abc import Callable
from datetime import date, datetime, time
from typing import Any

from matcher import free_text as cleaning
from matcher import languages
from matcher.bounds import Bound
from matcher.dayparts import DAYPARTS, to_mask
from matcher.services.errors import DomainError

Parser = Callable[[str], Any]


class BadCell(DomainError, ValueError):
    """One cell cannot be read: a code (seed.*) and the value it got."""


def text(value: str) -> str:
    """A required piece of text."""
    if not value.strip():
        raise BadCell("seed.empty")
    return value.strip()


def free_text(value: str) -> str:
    """Text that may be empty."""
    return value.strip()


def name(value: str) -> str:
    """A required name: at least one letter, cleaned like every other name."""
    result = cleaning.clean(text(value))
    if not cleaning.is_name(result):
        raise BadCell("seed.no_letter", value=value)
    return result


def number(bound: Bound) -> Parser:
    """A decimal number inside `bound` (a comma is accepted as decimal sign)."""

    def parse(value: str) -> float:
        try:
            result = float(value.replace(",", "."))
        except ValueError:
            raise BadCell("seed.not_a_number", value=value) from None
        if not bound.contains(result):
            code = "seed.not_above" if bound.low_open else "seed.not_between"
            raise BadCell(code, value=result, low=float(bound.low), high=float(bound.high))
        return result

    return parse


def integer(bound: Bound) -> Parser:
    """A whole number inside `bound`."""

    def parse(value: str) -> int:
        if not (value.strip().isascii() and value.strip().lstrip("-").isdigit()):
            raise BadCell("seed.not_whole", value=value)
        return int(number(bound)(value))

    return parse


def language_list(value: str) -> list[str]:
    """Space-separated ISO 639 codes, in their canonical form."""
    try:
        return languages.parse_list(",".join(value.split()))
    except languages.UnknownLanguage as unknown:
        raise BadCell("seed.unknown_language", value=unknown.code) from None


def choice(enum_cls) -> Parser:
    """One of the values of an enum."""

    def parse(value: str):
        try:
            return enum_cls(value.strip())
        except ValueError:
            allowed = ", ".join(m.value for m in enum_cls)
            raise BadCell("seed.not_a_choice", value=value, allowed=allowed) from None

    return parse


def iso_date(value: str) -> date:
    """A date written as YYYY-MM-DD."""
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise BadCell("seed.not_a_date", value=value) from None


def clock(value: str) -> time:
    """A clock time written as HH:MM."""
    try:
        return datetime.strptime(value.strip(), "%H:%M").time()
    except ValueError:
        raise BadCell("seed.not_a_time", value=value) from None


def words(value: str) -> list[str]:
    """A space-separated list."""
    return value.split()


def daypart(value: str) -> str:
    """One day-part name such as tue-am."""
    if value.strip() not in DAYPARTS:
        raise BadCell("seed.unknown_daypart", value=value)
    return value.strip()


def dayparts(value: str) -> int:
    """Space-separated day-part names, as a bitmask."""
    return to_mask(daypart(name) for name in value.split())


def flag(value: str) -> bool:
    """ja/nee, 1/0 or true/false."""
    normalised = value.strip().lower()
    if normalised not in {"0", "1", "ja", "nee", "true", "false"}:
        raise BadCell("seed.not_a_flag", value=value)
    return normalised in {"1", "ja", "true"}


def optional(parser: Parser) -> Parser:
    """The parser's value, or None for an empty cell."""
    return lambda value: parser(value) if value.strip() else None


# The participation target is not a profile field; a whole number of hours.
