"""Drafting a what-if scenario by hand: a new blank scenario, and on a draft one form per kind
of change (a new placement, seats on a session, an organisation paused, a new taalmaatje or
buddy, someone's availability) and removing a change. Only the scenario row changes."""

from datetime import date

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from matcher.services import scenario_changes as changes
from matcher.services import scenarios, submissions
from matcher.services.errors import NotFound
from matcher.web import boundary, edits, params
from matcher.web.fields import RECORD_ID
from matcher.web.matching.forms import week_choices
from matcher.web.recruitment import bp
from matcher.web.recruitment import forms as f
from matcher.web.recruitment.scenario_kinds import KINDS
from matcher.weeks import today, week_start

LABELS = {"sessions": _l("Wekelijkse sessies"), "availability": _l("Dagdelen")}


@bp.route("/scenarios/nieuw", methods=["GET", "POST"])
def scenario_new():
    form = f.ScenarioForm()
    form.week.choices = week_choices(week_start(today()))
    if form.validate_on_submit():
        try:
            with boundary.form_errors(form) as refused:
                claimed = submissions.claim(edits.posted_key(), current_user, "scenario")
                week = date.fromisoformat(form.week.data)
                made = scenarios.create(current_user, form.name.data.strip(), week, [])
                submissions.finish(claimed, made.id)
        except submissions.AlreadySubmitted as done:
            landing = "recruitment.scenario_list"
            if done.record_id is None:
                return edits.already_sent(url_for(landing))
            return edits.already_sent(url_for("recruitment.scenario", scenario_id=done.record_id))
        if not refused:
            return redirect(url_for("recruitment.scenario", scenario_id=made.id))
    status = 422 if request.method == "POST" else 200
    return render_template("recruitment/scenario_new.html", form=form), status


def _busy(item) -> bool:
    return item.status in scenarios.BUSY


def _add_change(scenario_id: int, slug: str):
    item = scenarios.get(scenario_id)
    back = url_for("recruitment.scenario", scenario_id=scenario_id)
    if _busy(item):
        flash(_("Dit scenario wordt doorgerekend; wacht tot het klaar is."), "info")
        return redirect(back)
    title, make_form, read_grid, build = KINDS[slug]
    form = make_form()
    grid = read_grid() if read_grid else None
    if request.method == "GET" and slug == "beschikbaarheid":
        chosen = params.arg_int("participant", bound=RECORD_ID)
        form.participant.data = str(chosen) if chosen else ""
    if request.method == "POST" and form.validate() and _grid_ok(grid):
        with boundary.form_errors(form, LABELS) as refused:
            claimed = submissions.claim(edits.posted_key(), current_user, "scenario_change")
            changes.add(current_user, scenario_id, build(form, grid))
            submissions.finish(claimed, scenario_id)
        if not refused:
            flash(_("De wijziging is toegevoegd aan het scenario."), "success")
            return redirect(back)
        grid = _with_refusal(grid, refused.unplaced)
    return render_template(
        "recruitment/scenario_change.html",
        item=item,
        slug=slug,
        title=title,
        form=form,
        grid=grid,
    ), (422 if request.method == "POST" else 200)


def _grid_ok(grid) -> bool:
    """No errors in the session grid or the day-part grid (or the form has none)."""
    if grid is None:
        return True
    return not (grid[2] if len(grid) == 3 else grid[1])


def _with_refusal(grid, unplaced: dict):
    """A service's refusal about a grid (no sessions, no day-parts) shown at the grid."""
    if grid is None:
        return None
    if len(grid) == 3:
        typed, sessions, errors = grid
        if "sessions" in unplaced:
            errors = {**errors, "sessions": unplaced["sessions"]}
        return typed, sessions, errors
    mask, error = grid
    return mask, unplaced.get("availability", error)


def _register(slug: str) -> None:
    def view(scenario_id: int):
        try:
            return _add_change(scenario_id, slug)
        except submissions.AlreadySubmitted:
            return edits.already_sent(url_for("recruitment.scenario", scenario_id=scenario_id))

    bp.add_url_rule(
        f"/scenarios/<int:scenario_id>/{slug}",
        endpoint=f"scenario_{slug}",
        view_func=view,
        methods=["GET", "POST"],
    )


for _slug in KINDS:
    _register(_slug)


@bp.post("/scenarios/<int:scenario_id>/wijziging-verwijderen")
def scenario_remove_change(scenario_id: int):
    form = f.RemoveChangeForm()
    back = url_for("recruitment.scenario", scenario_id=scenario_id)
    scenarios.get(scenario_id)
    boundary.back_to(back)
    number = form.number.data or ""
    if not form.validate_on_submit() or not (number.isascii() and number.isdigit()):
        flash(_("Kies de wijziging die weg moet."), "error")
        return redirect(back)
    try:
        changes.remove(current_user, scenario_id, int(number[:9]))
    except NotFound:
        boundary.discard()
        flash(_("Deze wijziging bestaat niet (meer)."), "error")
        return redirect(back)
    flash(_("De wijziging is uit het scenario gehaald."), "success")
    return redirect(back)
