"""The coordinator's weekly matching: start a run, watch it, confirm; history. The review page
(review_views) and matches by hand (manual_views) register their routes when imported here."""

from datetime import date

from flask import (
    abort,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from wtforms import SelectChoice

from matcher import jobs
from matcher.extensions import db
from matcher.models import Municipality, RunStatus
from matcher.services.errors import DomainError
from matcher.services.matching import confirm, runs
from matcher.web import boundary
from matcher.web.matching import (  # noqa: F401  (routes)
    bp,
    contact_views,
    mail,
    manual_views,
    outbox_views,
    reasons,
    review_views,
)
from matcher.web.matching.forms import EmptyForm, StartForm, week_choices
from matcher.web.matching.wording import (
    ACTIONS,
    DECISIONS,
    RUN_STATUS,
    SOLVER_STATUS,
    action_of,
    match_hours,
    match_when,
    run_error_label,
)
from matcher.weeks import today, week_start


@bp.before_app_request
def _resume_after_restart():
    """Under gunicorn (no start-up hook of ours runs): the first request of each process fails
    the runs whose server stopped and sends the mail that waits (MATCHER_RESUME_AT_START)."""
    if current_app.config["RESUME_AT_START"]:
        jobs.resume_once_per_process()


@bp.context_processor
def _helpers():
    return {
        "reasons": reasons,
        "match_hours": match_hours,
        "match_when": match_when,
        "run_status_label": lambda v: RUN_STATUS.get(str(v), v),
        "solver_status_label": lambda v: SOLVER_STATUS.get(str(v), v),
        "action_label": lambda v: ACTIONS.get(str(v), v),
        "action_of": action_of,
        "decision_label": lambda v: DECISIONS.get(str(v), v),
        "run_error_label": run_error_label,
    }


def _start_form() -> StartForm:
    form = StartForm()
    form.week.choices = week_choices(week_start(today()))
    towns = db.session.scalars(select(Municipality).order_by(Municipality.name))
    form.municipality.choices = [SelectChoice("", _("alle gemeenten"))] + [
        SelectChoice(str(m.id), m.name) for m in towns
    ]
    return form


@bp.route("/")
def index():
    return render_template("matching/index.html", form=_start_form(), runs=_history(10))


@bp.post("/runs")
def start():
    form = _start_form()
    if not form.validate_on_submit():
        return render_template("matching/index.html", form=form, runs=runs.history(10)), 400
    town = int(form.municipality.data) if form.municipality.data else None
    try:
        run = runs.start_run(current_user, date.fromisoformat(form.week.data), town)
    except runs.RunBusy as busy:
        boundary.discard()
        flash(_("Voor deze week en gemeenten loopt al een koppelronde."), "error")
        return redirect(url_for(".run", run_id=int(str(busy))))
    boundary.after_commit(jobs.start_matching, run.id)
    return redirect(url_for(".run", run_id=run.id))


def _current_run(run_id: int):
    """The run; one whose server stopped is marked failed first (so its page says so)."""
    the_run = runs.get_run(run_id)
    if runs.looks_stopped(the_run):
        runs.recover_stale_runs()
        the_run = runs.get_run(run_id)
    return the_run


def _history(limit: int = 100):
    """Past runs; a busy one whose server stopped is marked failed first."""
    past = runs.history(limit)
    if any(runs.looks_stopped(r) for r in past):
        runs.recover_stale_runs()
        past = runs.history(limit)
    return past


@bp.route("/runs/<int:run_id>")
def run(run_id: int):
    the_run = _current_run(run_id)
    if the_run.status in (RunStatus.DONE, RunStatus.CONFIRMED):
        return redirect(url_for(".review_page", run_id=run_id))
    return render_template("matching/run.html", run=the_run)


@bp.route("/runs/<int:run_id>/status")
def status(run_id: int):
    the_run = _current_run(run_id)
    return jsonify(
        status=the_run.status.value,
        progress=the_run.progress,
        review_url=url_for(".review_page", run_id=run_id),
    )


@bp.post("/runs/<int:run_id>/confirm")
def confirm_run(run_id: int):
    if not EmptyForm().validate_on_submit():
        abort(400)
    the_run = runs.get_run(run_id)
    try:
        changes = confirm.confirm_run(current_user, the_run)
        queued = mail.queue_messages(the_run, changes, current_user)
    except confirm.Conflicts as error:
        boundary.discard()
        return review_views.review_page(run_id, conflicts=error.conflicts)
    except DomainError as error:
        return review_views.refused(
            run_id, error, _("Deze ronde kan niet (meer) worden bevestigd.")
        )
    boundary.after_commit(jobs.deliver_mail)
    flash(_("Koppelingen bevestigd: %(n)s wijzigingen.", n=len(changes)), "success")
    flash(mail.queued_note(queued), "info")
    return redirect(url_for(".history"))


@bp.route("/history")
def history():
    return render_template("matching/history.html", runs=_history())
