"""Jinja filters and globals: numbers, dates and labels in the user's language."""

from flask import Flask
from flask_babel import format_date, format_decimal, get_locale

from matcher import languages
from matcher.dayparts import DAYPARTS, DAYS, PARTS, from_mask
from matcher.web import labels


def hours(value: float | None) -> str:
    """Hours with at most one decimal, in the user's number format (6,5)."""
    return format_decimal(round(value or 0.0, 1), format="#,##0.#")


def language_name(code: str) -> str:
    """An ISO 639 code by its name in the user's language ("ti" → "Tigrinya")."""
    return languages.name(code, str(get_locale() or "nl"))


def language_names(codes) -> str:
    """Stored language codes as names, separated by commas ("Arabisch, Tigrinya")."""
    return ", ".join(language_name(code) for code in codes or ())


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
    )
    app.jinja_env.globals.update(
        DAYPARTS=DAYPARTS, DAYS=DAYS, PARTS=PARTS, labels=labels, get_locale=get_locale
    )
