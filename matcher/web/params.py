"""Query parameters read safely: a value that is missing gives the default, a value that is
there but wrong (an unknown choice, not a whole number, not a date) ends the request with a 400
page that says in Dutch which parameter is wrong, never a 500."""

import re
from datetime import date, timedelta
from enum import Enum
from typing import TypeVar

from flask import abort, request
from flask_babel import gettext as _

from matcher.bounds import Bound
from matcher.free_text import clean
from matcher.web.fields import FIRST_DAY, LAST_DAY
from matcher.weeks import today, week_start

E = TypeVar("E", bound=Enum)
_WHOLE = re.compile(r"-?[0-9]{1,12}")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_DECIMAL = re.compile(r"-?[0-9]{1,6}(\.[0-9]{1,8})?")  # as a link writes it: 52.377, never 52,377


def _raw(name: str, form_too: bool = False) -> str | None:
    value = (request.values if form_too else request.args).get(name)
    if value is None:
        return None
    return clean(value) or None


def _refuse(name: str, problem: str):
    """End the request: 400, saying which parameter is wrong and why (the handler in
    matcher/web/__init__.py renders the page)."""
    message = _("Het adres klopt niet: '%(name)s' %(problem)s", name=name[:30], problem=problem)
    abort(400, description=message)


def arg_enum(name: str, enum: type[E], default: E | None = None) -> E | None:
    """The member of `enum` whose value is ?name=...; the default when it is absent."""
    raw = _raw(name)
    if raw is None:
        return default
    try:
        return enum(raw)
    except ValueError:
        choices = ", ".join(str(member.value) for member in enum)
        _refuse(name, _("moet een van deze zijn: %(choices)s.", choices=choices))


def arg_choice(name: str, choices, default: str | None = None) -> str | None:
    """?name=... when it is one of `choices`; the default when it is absent."""
    raw = _raw(name)
    if raw is None:
        return default
    if raw not in choices:
        listed = ", ".join(sorted(choices))
        _refuse(name, _("moet een van deze zijn: %(choices)s.", choices=listed))
    return raw


def arg_int(
    name: str, default: int | None = None, bound: Bound | None = None, form_too: bool = False
) -> int | None:
    """?name=... as a whole number inside `bound`; the default when it is absent.
    `form_too`: also read it from a POSTed form."""
    raw = _raw(name, form_too)
    if raw is None:
        return default
    if not _WHOLE.fullmatch(raw):
        _refuse(name, _("moet een heel getal zijn."))
    value = int(raw)
    if bound is not None and not bound.contains(value):
        _refuse(name, _("is een getal dat hier niet kan."))
    return value


def arg_date(name: str, default: date | None = None) -> date | None:
    """?name=YYYY-MM-DD as a date; the default when it is absent."""
    raw = _raw(name)
    if raw is None:
        return default
    try:
        day = date.fromisoformat(raw) if _DATE.fullmatch(raw) else None
    except ValueError:
        day = None
    if day is not None and FIRST_DAY <= day <= LAST_DAY:
        return day
    _refuse(name, _("moet een datum zijn, geschreven als JJJJ-MM-DD."))


def arg_week(name: str = "week") -> tuple[date, tuple[date, date]]:
    """The Monday of the week ?name=YYYY-MM-DD falls in (this week when absent), with the
    Mondays before and after it for a week navigation."""
    monday = week_start(arg_date(name) or today())
    return monday, (monday - timedelta(days=7), monday + timedelta(days=7))


def form_ints(name: str, bound: Bound | None = None) -> list[int]:
    """Every POSTed value of `name` as a whole number inside `bound` (checkbox lists); a wrong
    one ends the request like a wrong query parameter."""
    values = []
    for raw in request.form.getlist(name):
        raw = clean(raw)
        if not _WHOLE.fullmatch(raw):
            _refuse(name, _("moet een heel getal zijn."))
        value = int(raw)
        if bound is not None and not bound.contains(value):
            _refuse(name, _("is een getal dat hier niet kan."))
        values.append(value)
    return values


def arg_number(name: str, default: float | None = None, bound: Bound | None = None):
    """?name=... as a decimal number with a point (2.5, as links write it) inside `bound`;
    the default when it is absent."""
    raw = _raw(name)
    if raw is None:
        return default
    if not _DECIMAL.fullmatch(raw):
        _refuse(name, _("moet een getal zijn, met een punt: 2.5."))
    value = float(raw)
    if bound is not None and not bound.contains(value):
        _refuse(name, _("is een getal dat hier niet kan."))
    return value


def arg_choices(name: str, choices) -> list[str]:
    """Every ?name=... (the parameter may repeat), each one of `choices`; [] when absent."""
    values = [v for v in (clean(x) for x in request.args.getlist(name)[:50]) if v]
    for value in values:
        if value not in choices:
            _refuse(name, _("moet een van deze zijn: %(choices)s.", choices=", ".join(choices)))
    return values


def arg_text(name: str, max_length: int = 80) -> str:
    """?name=... as a short line of text (cleaned, cut to `max_length`); '' when absent."""
    return (_raw(name) or "")[:max_length]
