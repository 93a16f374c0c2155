"""Werving (issue 15): recruitment advice for the coordinator — ranked suggestions in words,
who gains, a recruitment text without personal data, and where demand meets no supply."""

from datetime import date

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from matcher.extensions import db
from matcher.models import Municipality, Participant
from matcher.services import advice as advice_service
from matcher.web import boundary
from matcher.web.labels import CATEGORY_LABELS, daypart_label
from matcher.web.matching.forms import EmptyForm, StartForm, week_choices
from matcher.web.recruitment import bp, map_views, scenario_views, words  # noqa: F401  (routes)
from matcher.weeks import today, week_start

TABLE_ROWS = 20


@bp.app_context_processor
def _lift_helper():
    """`smallest_lift(participant_id)` for the review page's include (recruitment/_lift.html)."""
    from matcher.web.recruitment.lift import smallest_lift

    return {"smallest_lift": smallest_lift}


def _form() -> StartForm:
    form = StartForm()
    form.week.choices = week_choices(week_start(today()))
    form.municipality.choices = [("", _("alle gemeenten"))]
    return form


def _town_names() -> dict[str, str]:
    return {str(m.id): m.name for m in db.session.scalars(db.select(Municipality))}


@bp.route("/")
def index():
    run = advice_service.latest()
    rows = []
    if run is not None and run.status == "done":
        rows = [(s, words.line(run, s)) for s in run.document.get("suggestions", [])]
    return render_template(
        "recruitment/index.html",
        form=_form(),
        run=run,
        rows=rows,
        table=(run.bottlenecks[:TABLE_ROWS] if run is not None else []),
        towns=_town_names(),
        daypart_label=daypart_label,
        category_label=lambda c: CATEGORY_LABELS.get(c, _("alle soorten werk")),
        **map_views.page_context(run),
    )


@bp.post("/start")
def start():
    form = _form()
    if not form.validate_on_submit():
        flash(_("Kies een week."), "error")
        return redirect(url_for("recruitment.index"))
    try:
        run = advice_service.start_advice(current_user, date.fromisoformat(form.week.data), None)
    except advice_service.AdviceBusy:
        boundary.discard()
        flash(_("Er wordt al een wervingsadvies berekend voor deze week."), "info")
        return redirect(url_for("recruitment.index"))
    boundary.after_commit(advice_service.start_in_background, run.id)
    flash(_("Het wervingsadvies wordt berekend."), "info")
    return redirect(url_for("recruitment.index"))


@bp.route("/<int:advice_id>/<int:rank>")
def suggestion(advice_id: int, rank: int):
    run = advice_service.get_advice_or_none(advice_id)
    if run is None or run.status != "done":
        abort(404)
    found = [s for s in run.document.get("suggestions", []) if s["rank"] == rank]
    if not found:
        abort(404)
    s = found[0]
    ids = [run.people[i] for i in s["participants"] if i in run.people]
    people = db.session.scalars(
        db.select(Participant).where(Participant.id.in_(ids)).order_by(Participant.last_name)
    ).all()
    return render_template(
        "recruitment/suggestion.html",
        run=run,
        s=s,
        line=words.line(run, s),
        text=words.recruitment_text(run, s),
        people=people,
        form=EmptyForm(),
    )
