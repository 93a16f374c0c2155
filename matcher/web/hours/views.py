"""Views of the coach's hours: the weekly grid, and approving reported sessions."""

from datetime import timedelta

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from matcher.bounds import Bound
from matcher.extensions import db
from matcher.models import ActivityKind, HoursEntry
from matcher.services import access, hours, hours_grid, submissions
from matcher.services.errors import NotFound
from matcher.web import boundary, edits, params
from matcher.web.hours import bp
from matcher.web.hours.forms import BulkForm, DecisionForm, SaveForm, WeekForm
from matcher.web.hours.wording import bulk_report
from matcher.weeks import today, week_start

RECORD_ID = Bound(1, 2**31 - 1, whole=True)


@bp.route("/week", methods=["GET", "POST"])
def week():
    monday = week_start(params.arg_date("week", today()))
    kind = params.arg_enum("kind", ActivityKind, ActivityKind.PLACEMENT)
    choice = WeekForm(request.args)  # shows the choice back; the values are read above
    form, errors = SaveForm(), {}
    if form.validate_on_submit():
        with boundary.form_errors(form) as refused:
            added, corrected = hours_grid.save(current_user, monday, kind, request.form, today())
        if refused:
            flash(refused.message, "error")
            errors = refused.unplaced  # the grid's cells
        else:
            flash(
                _(
                    "Opgeslagen: %(added)d nieuw, %(corrected)d gecorrigeerd.",
                    added=added,
                    corrected=corrected,
                ),
                "success",
            )
            return redirect(url_for(".week", week=monday.isoformat(), kind=kind.value))
    rows = hours_grid.load(current_user, monday, kind)
    return render_template(
        "hours/week.html",
        choice=choice,
        form=form,
        rows=rows,
        monday=monday,
        kind=kind,
        days=[monday + timedelta(days=d) for d in range(7)],
        errors=errors,
        typed=request.form if errors else {},
        cell_name=hours_grid.cell_name,
        today=today(),
        previous=monday - timedelta(weeks=1),
        next=monday + timedelta(weeks=1),
    )


def _caseload_ids() -> list[int]:
    return list(
        db.session.scalars(
            access.visible_participants(current_user).with_only_columns(access.Participant.id)
        )
    )


@bp.route("/goedkeuren")
def approvals():
    entries = hours.submitted_for(_caseload_ids())
    return render_template(
        "hours/approvals.html", entries=entries, form=DecisionForm(), bulk=BulkForm()
    )


@bp.route("/goedkeuren/selectie", methods=["POST"])
def approve_selected():
    """Approve the ticked entries (or every entry shown, with "select all") in one POST."""
    boundary.back_to(url_for(".approvals"))
    form = BulkForm()
    if not form.validate_on_submit():
        flash(_("Het formulier was niet geldig; probeer het opnieuw."), "error")
        return redirect(url_for(".approvals"))
    chosen = params.form_ints("entry", RECORD_ID)
    if request.form.get("all") == "1":
        chosen = params.form_ints("shown", RECORD_ID)
    if not chosen:
        flash(_("Kies eerst een of meer regels om goed te keuren."), "error")
        return redirect(url_for(".approvals"))
    try:
        submissions.claim(edits.posted_key(), current_user, "hours_approval")
    except submissions.AlreadySubmitted:
        return edits.already_sent(url_for(".approvals"))
    done = hours.approve_many(current_user, _caseload_ids(), chosen)
    bulk_report(done)
    return redirect(url_for(".approvals"))


@bp.route("/goedkeuren/<int:entry_id>", methods=["POST"])
def decide(entry_id: int):
    boundary.back_to(url_for(".approvals"))
    form = DecisionForm()
    entry = db.session.get(HoursEntry, entry_id)
    if entry is None:
        raise NotFound(entry_id)
    access.get_participant(current_user, entry.participant_id)  # own caseload only
    if not form.validate_on_submit():
        flash(_("Het formulier was niet geldig; probeer het opnieuw."), "error")
        return redirect(url_for(".approvals"))
    approve = request.form.get("decision") == "approve"
    changed = hours.decide(current_user, entry, approve, form.reason.data or "")
    if not changed:
        flash(_("Deze uren waren al zo beoordeeld."), "success")
    else:
        flash(_("Goedgekeurd.") if approve else _("Afgekeurd."), "success")
    return redirect(url_for(".approvals"))
