"""The coordinator's weekly matching: start a run, watch it, review, confirm; history."""

from datetime import date

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    url_for,
)
from flask_babel import format_datetime
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select
from wtforms import SelectChoice

from matcher import jobs
from matcher.dayparts import from_mask
from matcher.extensions import db
from matcher.models import Municipality, Role, RunStatus
from matcher.services.errors import DomainError
from matcher.services.matching import confirm, review, runs
from matcher.web import boundary
from matcher.web.matching import mail, reasons
from matcher.web.matching.forms import EmptyForm, StartForm, week_choices
from matcher.web.roles import restrict_blueprint
from matcher.weeks import today, week_start

bp = Blueprint("matching", __name__, template_folder="templates", static_folder=None)
restrict_blueprint(bp, Role.COORDINATOR)
CHOICES = {"accept", "reject", "pin"}
RUN_STATUS = {
    "queued": _l("in de wachtrij"),
    "running": _l("bezig"),
    "done": _l("klaar om te beoordelen"),
    "failed": _l("mislukt"),
    "confirmed": _l("bevestigd"),
}
SOLVER_STATUS = {
    "optimal": _l("optimaal"),
    "feasible": _l("goed, niet bewezen optimaal"),
    "infeasible": _l("onmogelijk"),
    "no_solution": _l("geen oplossing"),
}
RUN_ERRORS = {
    "server_stopped": _l("de server is gestopt tijdens de koppelronde"),
    "stale": _l("de server is gestopt tijdens de koppelronde"),
    "not_picked_up": _l("geen verwerker heeft de koppelronde op tijd opgepakt"),
}
ACTIONS = {"keep": _l("blijft"), "add": _l("nieuw"), "end": _l("stopt"), "change": _l("gewijzigd")}
DECISIONS = {"pending": _l("open"), "accepted": _l("geaccepteerd"), "rejected": _l("afgewezen")}


@bp.before_app_request
def _resume_after_restart():
    """Under gunicorn (no start-up hook of ours runs): the first request of each process fails
    the runs whose server stopped and sends the mail that waits (MATCHER_RESUME_AT_START)."""
    if current_app.config["RESUME_AT_START"]:
        jobs.resume_once_per_process()


def match_hours(match) -> float:
    """Weekly hours of a match: its placement sessions, or the volunteer meeting."""
    if match.volunteer is not None:
        return match.volunteer.session_hours
    by_day = {s.daypart: s.hours for s in match.placement.sessions}
    return sum(by_day.get(d, 0.0) for d in from_mask(match.dayparts))


def action_of(proposal) -> str:
    """keep, add, end, or change (an added match that replaces a running one's day-parts)."""
    action = proposal.action.value
    return "change" if action == "add" and proposal.replaces_id is not None else action


@bp.context_processor
def _helpers():
    return {
        "reasons": reasons,
        "match_hours": match_hours,
        "run_status_label": lambda v: RUN_STATUS.get(str(v), v),
        "solver_status_label": lambda v: SOLVER_STATUS.get(str(v), v),
        "action_label": lambda v: ACTIONS.get(str(v), v),
        "action_of": action_of,
        "decision_label": lambda v: DECISIONS.get(str(v), v),
        "run_error_label": run_error_label,
    }


def run_error_label(run) -> str:
    """Why a run failed, in a few words."""
    return str(RUN_ERRORS.get(run.error, _l("er ging iets mis bij het berekenen")))


def _moment(at) -> str:
    return format_datetime(at, "d MMMM yyyy, HH:mm") if at else "?"


def _already_confirmed(error: review.AlreadyConfirmed) -> str:
    return _(
        "Deze ronde is al bevestigd door %(name)s op %(when)s; er is niets opnieuw opgeslagen"
        " of verstuurd.",
        name=error.by.name if error.by else "?",
        when=_moment(error.at),
    )


def _decided_meanwhile(error: review.DecidedMeanwhile) -> str:
    proposal = error.proposal
    if proposal.pinned:
        what = _("vastgezet")
    else:
        what = DECISIONS.get(str(proposal.decision.value), proposal.decision.value)
    return _(
        "%(name)s heeft dit voorstel intussen %(what)s (%(when)s); uw keuze is niet opgeslagen.",
        name=proposal.decided_by.name if proposal.decided_by else "?",
        what=what,
        when=_moment(proposal.decided_at),
    )


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
        mail.queue_messages(the_run, changes)
    except confirm.Conflicts as error:
        boundary.discard()
        return review_views.review_page(run_id, conflicts=error.conflicts)
    except review.AlreadyConfirmed as error:
        boundary.discard()
        flash(_already_confirmed(error), "error")
        return redirect(url_for(".review_page", run_id=run_id))
    except DomainError:
        boundary.discard()
        flash(_("Deze ronde kan niet (meer) worden bevestigd."), "error")
        return redirect(url_for(".review_page", run_id=run_id))
    boundary.after_commit(jobs.deliver_mail)
    flash(_("Koppelingen bevestigd: %(n)s wijzigingen.", n=len(changes)), "success")
    return redirect(url_for(".history"))


@bp.route("/history")
def history():
    return render_template("matching/history.html", runs=_history())


from matcher.web.matching import manual_views, review_views  # noqa: E402, F401  (routes)
