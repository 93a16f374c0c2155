"""The wording of domain errors: services raise codes with data, the web layer words them.

`render(error)` gives the sentence for a DomainError and `field_errors(error)` the sentence per
form field (or grid or import cell) of a ValidationFailed. Views, the request boundary and the
command line use only these (and `word(code, data)`), so the catalogue behind them is the one
place where a service's refusal becomes text.

The catalogue maps a code to a lazy Dutch sentence with %(name)s placeholders, or to a function
of the data (plurals, words for a status). Dates, times and numbers in the data are written in
the user's locale here. A code the catalogue does not know is shown as it is: that is legacy
text still raised as its own message (the import preview, until it is converted).
"""

from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import Any

from flask_babel import format_date, format_datetime
from flask_babel.speaklater import LazyString

from matcher import number_format
from matcher.services.errors import DomainError, place_code
from matcher.web.messages import accounts, common, hours, matching, scenarios, seeds, sessions

Entry = Any  # a lazy sentence, or a function of the (prepared) data giving the sentence

CATALOGUE: dict[str, Entry] = {
    **common.CATALOGUE,
    **hours.CATALOGUE,
    **matching.CATALOGUE,
    **accounts.CATALOGUE,
    **seeds.CATALOGUE,
    **scenarios.CATALOGUE,
    **sessions.CATALOGUE,
}


def prepared(data: Mapping[str, Any]) -> dict[str, Any]:
    """The data with dates, times and decimal numbers written in the user's locale."""
    shown: dict[str, Any] = {}
    for name, value in data.items():
        if isinstance(value, datetime):
            value = format_datetime(value, "d MMMM yyyy, HH:mm")
        elif isinstance(value, date):
            value = format_date(value, format="d MMM yyyy")
        elif isinstance(value, float):
            value = number_format.format_number(value)
        elif value is None:
            value = "?"
        shown[name] = value
    return shown


def word(code: Any, data: Mapping[str, Any] | None = None) -> str:
    """The sentence for `code` filled in with `data`; unknown codes (legacy text) as they are."""
    entry = CATALOGUE.get(code) if isinstance(code, str) else None
    if entry is None:
        return str(code)
    values = prepared(data or {})
    if isinstance(entry, LazyString | str):
        text = str(entry)
        return text % values if "%(" in text else text
    function: Callable[[dict[str, Any]], Any] = entry
    return str(function(values))


def render(error: DomainError) -> str:
    """The user's sentence for a domain error."""
    return word(error.code, getattr(error, "data", {}))


def field_errors(error: DomainError) -> dict[str, str]:
    """The user's sentence per form field (or grid or import cell) for a ValidationFailed."""
    sentences = {}
    for place, entry in getattr(error, "errors", {}).items():
        code, data = place_code(entry) if isinstance(entry, str | tuple) else (entry, {})
        sentences[place] = word(code, data)
    return sentences


def known_codes() -> set[str]:
    """Every code the catalogue words (tests compare it with the codes services raise)."""
    return set(CATALOGUE)
