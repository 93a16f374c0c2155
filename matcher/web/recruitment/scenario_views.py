"""What-if scenarios in Werving: make one from a suggestion (drafting by hand is in
scenario_edit.py), run it in the background, see it against the baseline, list and delete.
Nothing here changes real records or sends mail."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from matcher.extensions import db
from matcher.models import Participant
from matcher.services import advice as advice_service
from matcher.services import scenarios
from matcher.services.errors import NotFound
from matcher.web import boundary
from matcher.web.matching.forms import EmptyForm
from matcher.web.recruitment import bp, scenario_edit, words  # noqa: F401  (its routes)
from matcher.web.recruitment.change_words import describe, registration_url
from matcher.web.recruitment.forms import RemoveChangeForm

STATUSES = {
    "draft": _l("concept"),
    "queued": _l("wordt doorgerekend"),
    "running": _l("wordt doorgerekend"),
    "done": _l("doorgerekend"),
    "failed": _l("mislukt"),
}


@bp.context_processor
def _registration_link():
    """`registration_link(run, s)` for the suggestion page: the pre-filled registration form of
    a new placement or volunteer (web/prefill.py)."""

    def link(run, s):
        return registration_url({"suggestion": s, "area": words.area(run, s)})

    return {"registration_link": link}


@bp.post("/<int:advice_id>/<int:rank>/scenario")
def scenario_from_suggestion(advice_id: int, rank: int):
    if not EmptyForm().validate_on_submit():
        abort(400)
    run = advice_service.get_advice_or_none(advice_id)
    if run is None or run.status != "done":
        abort(404)
    found = [s for s in run.document.get("suggestions", []) if s["rank"] == rank]
    if not found:
        abort(404)
    scenario = scenarios.from_suggestion(current_user, run, rank, words.area(run, found[0]))
    flash(_("Het scenario is gemaakt. Voeg wijzigingen toe of reken het meteen door."), "info")
    return redirect(url_for("recruitment.scenario", scenario_id=scenario.id))


@bp.route("/scenarios/")
def scenario_list():
    return render_template(
        "recruitment/scenarios.html", rows=scenarios.listed(), form=EmptyForm(), statuses=STATUSES
    )


def _scenario_or_404(scenario_id: int):
    try:
        return scenarios.get(scenario_id)
    except NotFound:
        abort(404)


@bp.route("/scenarios/<int:scenario_id>")
def scenario(scenario_id: int):
    item = _scenario_or_404(scenario_id)
    outcome = item.outcome or {}

    def names(ids):
        if not ids:
            return []
        return db.session.scalars(
            db.select(Participant).where(Participant.id.in_(ids)).order_by(Participant.last_name)
        ).all()

    expected = sum(c.get("expected_gain", 0) for c in item.changes)
    return render_template(
        "recruitment/scenario.html",
        item=item,
        outcome=outcome,
        gains=names(outcome.get("gains")),
        loses=names(outcome.get("loses")),
        expected=expected,
        form=EmptyForm(),
        remove_form=RemoveChangeForm(),
        lines=[
            (
                describe(c),
                registration_url(c),
                (c.get("suggestion") or {}).get("kind") == "new_placement",
            )
            for c in item.changes
        ],
        busy=item.status in scenarios.BUSY,
    )


@bp.post("/scenarios/<int:scenario_id>/run")
def scenario_run(scenario_id: int):
    if not EmptyForm().validate_on_submit():
        abort(400)
    _scenario_or_404(scenario_id)
    try:
        scenarios.queue(scenario_id)
    except scenarios.ScenarioBusy:
        boundary.discard()
        flash(_("Dit scenario wordt al doorgerekend."), "info")
        return redirect(url_for("recruitment.scenario", scenario_id=scenario_id))
    boundary.after_commit(scenarios.start_in_background, scenario_id)
    return redirect(url_for("recruitment.scenario", scenario_id=scenario_id))


@bp.post("/scenarios/<int:scenario_id>/delete")
def scenario_delete(scenario_id: int):
    if not EmptyForm().validate_on_submit():
        abort(400)
    _scenario_or_404(scenario_id)
    try:
        scenarios.delete(current_user, scenario_id)
    except scenarios.ScenarioBusy:
        boundary.discard()
        flash(_("Een scenario dat wordt doorgerekend kan niet worden verwijderd."), "error")
        return redirect(url_for("recruitment.scenario", scenario_id=scenario_id))
    flash(_("Het scenario is verwijderd."), "info")
    return redirect(url_for("recruitment.scenario_list"))
