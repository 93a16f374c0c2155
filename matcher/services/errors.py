"""Domain errors: a code and its data, never a sentence; matcher/web/messages words them.

A service raises `DomainError("hours.decided_meanwhile", name=…, status="approved")`; the web
layer (and the command line) turns `code` and `data` into the user's sentence through the
catalogue in matcher/web/messages. `ValidationFailed` also names the places (form fields,
import cells, grid cells) that are wrong, each with its own code (or `(code, data)`).

`str(error)` is for developers, logs and tests: the catalogue's sentence when the web layer
has installed its wording (`install_wording(messages.word)`), followed by the code in brackets.
"""

from collections.abc import Callable
from typing import Any

Place = str | tuple[str, dict[str, Any]]  # a place's code, or its code and data

Wording = Callable[[str, dict[str, Any]], str]  # (code, data) -> the sentence
_wording: Wording | None = None


def install_wording(wording: Wording | None) -> None:
    """Let str(error) show the sentence (the web layer installs its catalogue at start-up)."""
    global _wording
    _wording = wording


def worded(code: str, data: dict[str, Any]) -> str:
    """The installed wording of `code` with `data`; the code and data themselves without one."""
    plain = f"{code} {data}" if data else str(code)
    if _wording is None:
        return plain
    try:
        return str(_wording(code, data))
    except Exception:  # str() of an error must never raise
        return plain


class DomainError(Exception):
    """Something the user asked for cannot be done; `code` names it, `data` fills it in."""

    code = "domain_error"

    def __init__(self, code: str | None = None, **data: Any):
        self.code = code or type(self).code
        self.data = data
        super().__init__(self.code)

    def __str__(self) -> str:
        text = worded(self.code, self.data)
        if _wording is None or text == str(self.code):
            return text
        return f"{text} [{self.code}]"


class NotFound(DomainError):
    """The record does not exist or is not visible to this user (never tell which)."""

    code = "not_found"

    def __init__(self, record_id: Any = None, **data: Any):
        super().__init__(None, **data)
        self.record_id = record_id


class Forbidden(DomainError):
    """The user's role may not do this."""

    code = "forbidden"


class ValidationFailed(DomainError):
    """Input broke a rule; `errors` maps a place (field, row, cell) to its code."""

    code = "validation_failed"

    def __init__(self, code: str | None = None, errors: dict[str, Place] | None = None, **data):
        super().__init__(code, **data)
        self.errors: dict[str, Place] = dict(errors or {})


def place_code(place: Place) -> tuple[str, dict[str, Any]]:
    """(code, data) of one entry of ValidationFailed.errors."""
    if isinstance(place, tuple):
        return place[0], dict(place[1])
    return place, {}
