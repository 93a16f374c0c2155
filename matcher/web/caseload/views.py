"""Views of the caseload: the coach's home page."""

from functools import lru_cache

from babel.numbers import get_decimal_symbol, get_group_symbol
from flask import current_app, render_template
from flask_babel import get_locale
from flask_login import current_user

from matcher.services import attendance, caseload_overview
from matcher.services.participant_filters import SORTS, Need
from matcher.web import params
from matcher.web.caseload import bp
from matcher.web.caseload.forms import NeedForm
from matcher.web.fields import PAGE
from matcher.web.labels import FLAG_LABELS, STATUS_LABELS
from matcher.weeks import today


@bp.route("/")
def index():
    interval = current_app.config["GESPREK_INTERVAL_MONTHS"]
    need = params.arg_enum("need", Need)
    sort = params.arg_choice("sort", SORTS, "urgency")
    form = NeedForm(data={"need": need.value if need else "", "sort": sort})
    caseload = caseload_overview.overview(
        current_user,
        today(),
        interval,
        sort,
        need,
        params.arg_int("page", 1, PAGE),
        current_app.config["CASELOAD_PAGE_SIZE"],
    )
    lines = caseload.page.items
    weeks = [monday for monday, _ in lines[0].progress.weeks] if lines else []
    symbols = _symbols(str(get_locale()))
    return render_template(
        "caseload/index.html",
        form=form,
        need=need,
        sort=sort,
        counts=caseload.counts,
        total=caseload.total,
        submitted=caseload.submitted,
        lines=lines,
        result=caseload.page,
        weeks=weeks,
        fmt=lambda value: quick_hours(value, symbols),
        flag_text={key: str(label) for key, label in FLAG_LABELS.items()},
        status_text={key: str(label) for key, label in STATUS_LABELS.items()},
        no_shows=attendance.no_shows(current_user, today()),
    )


@lru_cache(maxsize=8)
def _symbols(locale: str) -> dict[int, str]:
    """Translation table from Python's '1,234.5' to the locale's separators."""
    return {ord(","): get_group_symbol(locale), ord("."): get_decimal_symbol(locale)}


def quick_hours(value: float | None, symbols: dict[int, str]) -> str:
    """The `hours` filter's output without babel's per-call cost, for the big caseload table."""
    return f"{round(value or 0.0, 1):,.1f}".removesuffix(".0").translate(symbols)
