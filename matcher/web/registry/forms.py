"""Form pieces shared by the registry screens: day-part grids, language lists, filters."""

from datetime import datetime, time

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from wtforms import SelectChoice, SelectMultipleField, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from matcher import bounds, languages, number_format
from matcher.dayparts import DAYPARTS, INDEX
from matcher.extensions import db
from matcher.models import Municipality
from matcher.services import placements
from matcher.web import messages
from matcher.web.labels import CATEGORY_LABELS

ACTIVE_CHOICES = [
    SelectChoice("", _l("alle")),
    SelectChoice("1", _l("actief")),
    SelectChoice("0", _l("niet actief")),
]


class MultiCheckboxField(SelectMultipleField):
    """A set of checkboxes (rendered in a fieldset by the checkboxes() macro)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def category_choices() -> list[SelectChoice]:
    """The placement categories with their labels."""
    return [SelectChoice(key, label) for key, label in CATEGORY_LABELS.items()]


def municipality_choices(blank: str | None = None) -> list[SelectChoice]:
    """Municipalities for a select list, optionally headed by a blank choice."""
    rows = db.session.scalars(select(Municipality).order_by(Municipality.name)).all()
    head = [SelectChoice("", blank)] if blank is not None else []
    return head + [SelectChoice(str(m.id), m.name) for m in rows]


def active_filter(value: str | None) -> bool | None:
    """'1' → True, '0' → False, anything else → no filter."""
    return {"1": True, "0": False}.get(value or "")


def language_codes(form, field) -> None:
    """A validator: every comma-separated part is an ISO 639 code (the view stores them with
    languages.parse_list, which makes 'ara, tir' ['ar', 'ti'])."""
    try:
        languages.parse_list(field.data)
    except languages.UnknownLanguage as unknown:
        raise ValidationError(
            _l(
                "'%(code)s' is geen taalcode. Gebruik ISO 639-codes, bijvoorbeeld ar, ti of prs.",
                code=unknown.code,
            )
        ) from unknown


def read_availability(form) -> tuple[int, str | None]:
    """The availability grid's ticked day-parts as a mask; an error for unknown names."""
    mask = 0
    for name in form.getlist("availability"):
        if name not in INDEX:
            return 0, _l("Onbekend dagdeel '%(name)s'.", name=name[:20])
        mask |= 1 << INDEX[name]
    return mask, None


GRID_FIELDS = ("starts", "ends", "capacity")


def read_clock(value: str) -> time | None:
    """A clock time as a time input sends it ("13:30", or "13:30:00"); also "13.30" and "9:00".
    ValueError when it is no time."""
    if not value:
        return None
    text = value.replace(".", ":")
    for pattern in ("%H:%M", "%H:%M:%S"):
        try:
            return datetime.strptime(text, pattern).time()
        except ValueError:
            continue
    raise ValueError(value)


def read_sessions(form) -> tuple[dict, dict, dict]:
    """The session grid: (typed values per day-part, sessions, errors per day-part).

    A session is its start and end time and its places; the times are checked by the one
    check every save uses (services.placements.time_problem)."""
    typed: dict[str, dict[str, str]] = {}
    sessions: dict[str, tuple[time, time, int]] = {}
    errors: dict[str, str] = {}
    for key in form:
        prefix, _, daypart = key.partition("-")
        if prefix in (*GRID_FIELDS, "hours") and daypart not in INDEX:
            errors[daypart[:20]] = _l("Onbekend dagdeel '%(name)s'.", name=daypart[:20])
    for daypart in DAYPARTS:
        given = {name: form.get(f"{name}-{daypart}", "").strip()[:20] for name in GRID_FIELDS}
        typed[daypart] = given
        if not any(given.values()):
            continue
        try:
            starts, ends = read_clock(given["starts"]), read_clock(given["ends"])
        except ValueError:
            errors[daypart] = messages.word("session.time_format")
            continue
        problem = placements.time_problem(daypart, starts, ends)
        if problem:
            errors[daypart] = messages.word(problem)
            continue
        capacity = given["capacity"]
        if not capacity.isascii() or not capacity.isdigit():
            errors[daypart] = _l("Vul bij plaatsen een heel getal van 0 of meer in.")
            continue
        if not bounds.SESSION_PLACES.contains(int(capacity)):
            errors[daypart] = number_format.bound_message(bounds.SESSION_PLACES)
            continue
        sessions[daypart] = (starts, ends, int(capacity))
    return typed, sessions, errors
