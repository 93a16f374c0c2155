"""The review page of a run: decisions (also saved without a page reload), accept all new and
unchanged, the stops confirmation page, and lifting a remembered rejection.

A decision form posted by static/review.js (header X-Requested-With: fetch) gets JSON with the
re-rendered row and summary; without JavaScript the same form posts and redirects."""

from flask import abort, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from matcher.extensions import db
from matcher.models import Role, RunStatus
from matcher.services import access
from matcher.services.errors import DomainError, NotFound
from matcher.services.matching import rejections, review, runs, summary
from matcher.web import boundary, params
from matcher.web.matching import bp
from matcher.web.matching.forms import EmptyForm
from matcher.web.matching.wording import (
    CHOICES,
    DECISIONS,
    _already_confirmed,
    _decided_meanwhile,
    _moment,
)

MAX_STOPS = 5000  # more "id:version" fields than any run has stops


@bp.app_context_processor
def _rejections_helper():
    """For the participant page's rejections section (participants/_rejections.html)."""

    def standing_rejections(participant_id: int):
        if not current_user.is_authenticated or current_user.role != Role.COORDINATOR:
            return []
        return rejections.of_participant(participant_id)

    return {"standing_rejections": standing_rejections, "rejection_moment": _moment}


@bp.route("/runs/<int:run_id>/review")
def review_page(run_id: int, conflicts=None):
    the_run = runs.get_run(run_id)
    if the_run.status not in (RunStatus.DONE, RunStatus.CONFIRMED):
        return redirect(url_for(".run", run_id=run_id))
    which = params.arg_choice("filter", review.FILTERS)
    rows = review.review(the_run, which)
    page = render_template(
        "matching/review.html",
        run=the_run,
        rows=rows,
        which=which,
        summary=summary.summary(the_run),
        form=EmptyForm(),
        conflicts=conflicts or [],
    )
    return page, 409 if conflicts else 200


def _wants_json() -> bool:
    return request.headers.get("X-Requested-With") == "fetch"


@bp.post("/runs/<int:run_id>/proposals/<int:proposal_id>")
def decide(run_id: int, proposal_id: int):
    if not EmptyForm().validate_on_submit() or request.form.get("choice") not in CHOICES:
        abort(400)
    the_run = runs.get_run(run_id)
    seen = request.form.get("version", type=int)
    choice = request.form["choice"]
    problem = None
    try:
        review.decide(current_user, the_run, proposal_id, choice, seen)
    except review.AlreadyConfirmed as error:
        boundary.discard()
        problem = _already_confirmed(error)
    except review.DecidedMeanwhile as error:
        boundary.discard()
        problem = _decided_meanwhile(error)
    except DomainError:
        boundary.discard()
        problem = _("Dit voorstel kan niet meer worden gewijzigd.")
    else:
        db.session.expire_all()  # read what the conditional update wrote; the boundary commits
    which = request.form.get("filter") or None
    if _wants_json():
        return _decision_json(the_run, proposal_id, which, problem)
    if problem:
        flash(problem, "error")
    target = url_for(".review_page", run_id=run_id, filter=which)
    return redirect(f"{target}#proposal-{proposal_id}")


def _decision_json(the_run, proposal_id: int, which, problem: str | None):
    """The decided row and the summary, re-rendered, with a message for the status region."""
    try:
        proposal = review.get_proposal(the_run, proposal_id)
    except NotFound:
        abort(404)
    db.session.refresh(the_run)
    if problem is None:
        decided = _("vastgezet") if proposal.pinned else DECISIONS[proposal.decision.value]
        message = _("Opgeslagen: %(what)s.", what=decided)
    else:
        message = problem
    form = EmptyForm()
    row = render_template(
        "matching/_proposal_row.html", p=proposal, run=the_run, which=which, form=form
    )
    counts = render_template(
        "matching/_summary.html", summary=summary.summary(the_run), run=the_run
    )
    return jsonify(ok=problem is None, message=message, row=row, summary=counts), (
        200 if problem is None else 409
    )


def refused(run_id: int, error: DomainError, otherwise: str):
    """A refused change to a run: nothing is stored, and the review page says why (who
    confirmed it, when it was confirmed meanwhile; else `otherwise`)."""
    boundary.discard()
    confirmed = isinstance(error, review.AlreadyConfirmed)
    flash(_already_confirmed(error) if confirmed else otherwise, "error")
    return redirect(url_for(".review_page", run_id=run_id))


@bp.post("/runs/<int:run_id>/accept-all")
def accept_all(run_id: int):
    if not EmptyForm().validate_on_submit():
        abort(400)
    the_run = runs.get_run(run_id)
    try:
        count = review.accept_all(current_user, the_run)
    except DomainError as error:
        return refused(run_id, error, _("Deze ronde kan niet meer worden gewijzigd."))
    db.session.expire_all()  # read what the conditional updates wrote; the boundary commits
    flash(
        ngettext("%(num)d voorstel geaccepteerd.", "%(num)d voorstellen geaccepteerd.", count),
        "success",
    )
    if review.pending_stops(the_run):
        return redirect(url_for(".stops", run_id=run_id))
    return redirect(url_for(".review_page", run_id=run_id))


@bp.route("/runs/<int:run_id>/stops")
def stops(run_id: int):
    the_run = runs.get_run(run_id)
    if the_run.status != RunStatus.DONE:
        return redirect(url_for(".review_page", run_id=run_id))
    return render_template(
        "matching/stops.html", run=the_run, stops=review.pending_stops(the_run), form=EmptyForm()
    )


def _seen_stops() -> list[tuple[int, int]]:
    """The stops listed on the confirmation page, as (proposal id, version); 400 when bad."""
    raw = request.form.getlist("stop")
    if len(raw) > MAX_STOPS:
        abort(400)
    seen = []
    for item in raw:
        ident, _sep, version = item.partition(":")
        if not all(
            part.isascii() and part.isdigit() and len(part) < 12 for part in (ident, version)
        ):
            abort(400)  # ASCII digits only: int() refuses '²', which isdigit() takes
        seen.append((int(ident), int(version)))
    return seen


@bp.post("/runs/<int:run_id>/accept-stops")
def accept_stops(run_id: int):
    if not EmptyForm().validate_on_submit():
        abort(400)
    seen = _seen_stops()
    the_run = runs.get_run(run_id)
    try:
        count = review.accept_stops(current_user, the_run, seen)
    except DomainError as error:
        return refused(run_id, error, _("Deze ronde kan niet meer worden gewijzigd."))
    flash(ngettext("%(num)d stop geaccepteerd.", "%(num)d stops geaccepteerd.", count), "success")
    if count < len(seen):
        flash(
            _("Een deel van de stops is intussen door iemand anders beslist; kijk ze na."),
            "error",
        )
    return redirect(url_for(".review_page", run_id=run_id))


@bp.post("/afwijzingen/<int:rejection_id>/opheffen")
def lift_rejection(rejection_id: int):
    if not EmptyForm().validate_on_submit():
        abort(400)
    try:
        rejection = rejections.get(rejection_id)
        access.get_participant(current_user, rejection.participant_id)
    except NotFound:
        abort(404)
    try:
        rejections.lift(current_user, rejection_id)
    except rejections.AlreadyLifted as error:
        boundary.discard()
        lifted = error.rejection
        flash(
            _(
                "%(name)s heeft deze afwijzing al opgeheven (%(when)s).",
                name=lifted.lifted_by.name if lifted.lifted_by else "?",
                when=_moment(lifted.lifted_at),
            ),
            "error",
        )
    else:
        flash(
            _("Afwijzing opgeheven: de volgende koppelronde kan dit weer voorstellen."), "success"
        )
    return redirect(
        url_for("participants.detail", participant_id=rejection.participant_id) + "#afwijzingen"
    )
