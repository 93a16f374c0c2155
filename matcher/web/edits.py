"""Edit and create forms: the version the user saw, one-time submission keys, conflicts.

Every edit form carries the record's version in a hidden field (`record_version` macro) and
every create form a one-time key (`submission_key` macro). A save refused as stale is shown
with who changed the record and when, and their values beside the user's (`conflict` macro),
the user's input kept in the form and the form now carrying the current version.
"""

import enum
from dataclasses import dataclass
from datetime import date
from typing import Any

from flask import Flask, abort, flash, redirect, request
from flask_babel import format_date, format_datetime, format_decimal
from flask_babel import gettext as _
from wtforms import Field, SelectFieldBase

from matcher.dayparts import from_mask
from matcher.services import submissions
from matcher.services.versions import StaleRecord
from matcher.web.labels import daypart_label

VERSION_FIELD = "version"
KEY_FIELD = "submission_key"
MAX_VERSION_DIGITS = 9


@dataclass(frozen=True)
class Conflict:
    """A refused stale save, ready to show: the message and (label, theirs, yours) rows."""

    message: str
    rows: list[tuple[str, str, str]]
    version: int


def posted_version() -> int | None:
    """The version the submitted form showed; None for a form without one (400 if garbled)."""
    raw = request.form.get(VERSION_FIELD, "").strip()
    if not raw:
        return None
    if not _is_version(raw):
        abort(400)
    return int(raw)


def _is_version(raw: str) -> bool:
    """ASCII digits only: str.isdigit() also takes '²' and other digits int() refuses."""
    return raw.isascii() and raw.isdigit() and len(raw) <= MAX_VERSION_DIGITS


def posted_key() -> str | None:
    """The submitted one-time key, when it looks like one."""
    return submissions.valid_key(request.form.get(KEY_FIELD))


def form_key() -> str:
    """The key for a create form: the one sent back on a re-shown form, else a fresh one."""
    return (request.method == "POST" and posted_key()) or submissions.new_key()


def shown_version(record: Any, conflict: Conflict | None = None) -> str:
    """The version an edit form carries: after a conflict the current one (saving again is a
    deliberate choice); on a re-shown form the one it carried; else the record's."""
    if conflict is not None:
        return str(conflict.version)
    if request.method == "POST" and _is_version(request.form.get(VERSION_FIELD, "").strip()):
        return request.form[VERSION_FIELD].strip()
    return str(record.version) if record is not None and record.version is not None else ""


def already_sent(url: str):
    """The answer to a create form sent a second time: to what the first one made."""
    flash(_("Dit formulier was al verstuurd; u ziet wat de eerste keer is opgeslagen."), "info")
    return redirect(url)


def conflict(
    stale: StaleRecord, form: Any = None, labels: dict[str, str] | None = None
) -> Conflict:
    """The refusal as shown: who and when, and per differing field their value beside yours."""
    when = format_datetime(stale.changed_at, "d MMM yyyy HH:mm") if stale.changed_at else None
    who = stale.changed_by or _("iemand anders")
    if when:
        message = _(
            "%(who)s heeft dit gegeven intussen gewijzigd (%(when)s). Er is niets opgeslagen.",
            who=who,
            when=when,
        )
    else:
        message = _(
            "%(who)s heeft dit gegeven intussen gewijzigd. Er is niets opgeslagen.", who=who
        )
    rows = []
    for name in stale.differing:
        field = _field(form, name)
        label = (labels or {}).get(name) or (field.label.text if field is not None else name)
        rows.append(
            (
                str(label),
                display(field, name, stale.current[name]),
                display(field, name, stale.mine[name]),
            )
        )
    return Conflict(message, rows, stale.version)


def _field(form: Any, name: str) -> Field | None:
    if form is None:
        return None
    for candidate in (name, name.removesuffix("_id")):
        field = getattr(form, candidate, None)
        if isinstance(field, Field):
            return field
    return None


def display(field: Field | None, name: str, value: Any) -> str:
    """A stored or typed value as the user reads it."""
    if name == "availability" and isinstance(value, int):
        return ", ".join(daypart_label(n) for n in from_mask(value)) or _("geen dagdelen")
    if name == "sessions" and isinstance(value, dict):
        return "; ".join(
            _(
                "%(daypart)s, %(starts)s–%(ends)s: %(places)d plaatsen",
                daypart=daypart_label(part),
                starts=f"{starts:%H:%M}",
                ends=f"{ends:%H:%M}",
                places=places,
            )
            for part, (starts, ends, places) in sorted(value.items())
        ) or _("geen sessies")
    if value is None or value == "" or value == []:
        return _("(leeg)")
    if isinstance(value, bool):
        return _("ja") if value else _("nee")
    if isinstance(value, list):
        return ", ".join(display(field, "", item) for item in value)
    if isinstance(value, enum.Enum):
        value = value.value
    if isinstance(field, SelectFieldBase):
        for choice in field.choices or []:
            choice_value = getattr(choice, "value", None)
            if choice_value is None and isinstance(choice, tuple):
                choice_value = choice[0]
            if str(choice_value) == str(value):
                return str(getattr(choice, "label", None) or choice[1])
    if isinstance(value, float):
        return format_decimal(value)
    if isinstance(value, date):
        return format_date(value, "d MMM yyyy")
    return str(value)


def register(app: Flask) -> None:
    """The template globals the macros use."""
    app.jinja_env.globals.update(form_submission_key=form_key, shown_version=shown_version)
