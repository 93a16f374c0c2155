"""Views of the coach's hours: the weekly grid, and approving reported sessions."""

from datetime import timedelta

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from matcher.extensions import db
from matcher.models import ActivityKind, HoursEntry
from matcher.services import access, hours, hours_grid
from matcher.services.errors import NotFound
from matcher.web import boundary, params
from matcher.web.hours import bp
from matcher.web.hours.forms import DecisionForm, SaveForm, WeekForm
from matcher.weeks import today, week_start


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


@bp.route("/goedkeuren")
def approvals():
    ids = list(
        db.session.scalars(
            access.visible_participants(current_user).with_only_columns(access.Participant.id)
        )
    )
    entries = hours.submitted_for(ids)
    return render_template("hours/approvals.html", entries=entries, form=DecisionForm())


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
