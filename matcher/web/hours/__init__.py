"""Hours for coaches: the weekly grid for the caseload, and approving reported sessions."""

from datetime import timedelta

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from wtforms import DateField, SelectChoice, SelectField, StringField
from wtforms.validators import Length, Optional

from matcher.extensions import db
from matcher.models import ActivityKind, HoursEntry, Role
from matcher.services import access, hours, hours_grid
from matcher.services.errors import DomainError, NotFound, ValidationFailed
from matcher.web import messages, params
from matcher.web.fields import Form
from matcher.web.labels import ACTIVITY_LABELS
from matcher.web.roles import restrict_blueprint
from matcher.weeks import today, week_start

bp = Blueprint("hours", __name__, template_folder="templates")
restrict_blueprint(bp, Role.COACH)


class WeekForm(Form):
    class Meta:
        csrf = False  # choosing a week and an activity changes nothing

    week = DateField(_l("Week van"), validators=[Optional()])
    kind = SelectField(
        _l("Activiteit"),
        choices=[SelectChoice(k.value, ACTIVITY_LABELS[k.value]) for k in ActivityKind],
        default=ActivityKind.PLACEMENT.value,
    )


class SaveForm(Form):
    """Only the CSRF token: the cells are read from the raw form."""


class DecisionForm(Form):
    reason = StringField(_l("Reden bij afkeuren"), validators=[Length(max=300)])


@bp.route("/week", methods=["GET", "POST"])
def week():
    monday = week_start(params.arg_date("week", today()))
    kind = params.arg_enum("kind", ActivityKind, ActivityKind.PLACEMENT)
    choice = WeekForm(request.args)  # shows the choice back; the values are read above
    form, errors = SaveForm(), {}
    if form.validate_on_submit():
        try:
            added, corrected = hours_grid.save(current_user, monday, kind, request.form, today())
        except ValidationFailed as failed:
            db.session.rollback()
            flash(messages.render(failed), "error")
            errors = messages.field_errors(failed)
        else:
            db.session.commit()
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
    form = DecisionForm()
    entry = db.session.get(HoursEntry, entry_id)
    if entry is None:
        raise NotFound(entry_id)
    access.get_participant(current_user, entry.participant_id)  # own caseload only
    if not form.validate_on_submit():
        flash(_("Het formulier was niet geldig; probeer het opnieuw."), "error")
        return redirect(url_for(".approvals"))
    approve = request.form.get("decision") == "approve"
    try:
        changed = hours.decide(current_user, entry, approve, form.reason.data or "")
    except DomainError as problem:
        db.session.rollback()
        flash(messages.render(problem), "error")
        return redirect(url_for(".approvals"))
    db.session.commit()
    if not changed:
        flash(_("Deze uren waren al zo beoordeeld."), "success")
    else:
        flash(_("Goedgekeurd.") if approve else _("Afgekeurd."), "success")
    return redirect(url_for(".approvals"))


from matcher.web.hours.monitor import monitor_bp  # noqa: E402  (registered by the app)
from matcher.web.hours.notices import notices_bp  # noqa: E402

__all__ = ["bp", "monitor_bp", "notices_bp"]
