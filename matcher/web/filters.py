"""Jinja filters and globals: numbers, dates and labels in the user's language."""

from datetime import date, datetime, timedelta

from flask import Flask
from flask_babel import format_date, format_datetime, format_decimal, get_locale
from flask_babel import gettext as _

from matcher import languages
from matcher.dayparts import DAYPARTS, DAYS, PARTS, from_mask
from matcher.web import labels
from matcher.weeks import today, week_start


def hours(value: float | None) -> str:
    """Hours with at most one decimal, in the user's number format (6,5)."""
    return format_decimal(round(value or 0.0, 1), format="#,##0.#")


def language_name(code: str) -> str:
    """An ISO 639 code by its name in the user's language ("ti" → "Tigrinya")."""
    return languages.name(code, str(get_locale() or "nl"))


def language_names(codes) -> str:
    """Stored language codes as names, separated by commas ("Arabisch, Tigrinya")."""
    return ", ".join(language_name(code) for code in codes or ())


def week_label(day: date | None) -> str:
    """The ISO week holding `day` with its dates: "week 50, 7–13 dec 2026" (issue 13)."""
    if day is None:
        return ""
    monday = week_start(day)
    sunday = monday + timedelta(days=6)
    number = monday.isocalendar().week
    if monday.year != sunday.year:
        span = f"{format_date(monday, 'd MMM yyyy')} – {format_date(sunday, 'd MMM yyyy')}"
    elif monday.month != sunday.month:
        span = f"{format_date(monday, 'd MMM')} – {format_date(sunday, 'd MMM yyyy')}"
    else:
        span = f"{monday.day}–{format_date(sunday, 'd MMM yyyy')}"
    return _("week %(number)d, %(span)s", number=number, span=span)


def session_when(session) -> str:
    """A placement session's day-part, with its clock times when it has them:
    "donderdag middag, 13:30–16:30"."""
    label = labels.daypart_label(session.daypart)
    starts, ends = getattr(session, "starts_at", None), getattr(session, "ends_at", None)
    if starts is None or ends is None:
        return label
    return f"{label}, {clock(starts)}–{clock(ends)}"


def clock(moment) -> str:
    """A clock time as a Dutch office writes it: "09:30"."""
    return f"{moment:%H:%M}"


def readable(value):
    """A value of a data export as a person reads it: a date or a moment written the ISO way
    ("2026-12-07", "2026-12-07T10:15:00+00:00") in the user's language; anything else as is."""
    if isinstance(value, str) and len(value) >= 10 and value[4:5] == "-" and value[7:8] == "-":
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            return value
        if len(value) == 10:
            return format_date(moment.date(), format="d MMM yyyy")
        return format_datetime(moment, "d MMM yyyy, HH:mm")
    return value


def register(app: Flask) -> None:
    """Make the filters and label tables available to every template."""
    app.jinja_env.filters.update(
        hours=hours,
        language_name=language_name,
        language_names=language_names,
        date=lambda d: format_date(d, format="d MMM yyyy") if d else "",
        dayparts=lambda mask: ", ".join(labels.daypart_label(n) for n in from_mask(mask)),
        daypart=labels.daypart_label,
        role=lambda v: labels.ROLE_LABELS.get(str(v), v),
        status=lambda v: labels.STATUS_LABELS.get(str(v), v),
        route=lambda v: labels.ROUTE_LABELS.get(str(v), v),
        category=lambda v: labels.CATEGORY_LABELS.get(str(v), v),
        match_kind=lambda v: labels.MATCH_KIND_LABELS.get(str(v), v),
        week_label=week_label,
        date_long=lambda d: format_date(d, format="EEEE d MMMM yyyy") if d else "",
        session_when=session_when,
        clock=clock,
        readable=readable,
    )
    app.jinja_env.globals.update(
        DAYPARTS=DAYPARTS,
        DAYS=DAYS,
        PARTS=PARTS,
        labels=labels,
        get_locale=get_locale,
        current_day=today,
    )
