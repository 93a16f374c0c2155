"""Participants: the list and the persoonlijk profiel, for coordinators and coaches."""

from flask import Blueprint, current_app, render_template, request
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select
from wtforms import SearchField, SelectChoice, SelectField
from wtforms.validators import Length, Optional

from matcher.extensions import db
from matcher.models import Municipality, ParticipantStatus, Role
from matcher.services import access, participants, privacy
from matcher.web.fields import PAGE, Form, WholeNumberField
from matcher.web.labels import STATUS_LABELS
from matcher.web.roles import restrict_blueprint

bp = Blueprint("participants", __name__, template_folder="templates")
restrict_blueprint(bp, Role.COORDINATOR, Role.COACH)


class FilterForm(Form):
    class Meta:
        csrf = False  # a GET search form changes nothing

    q = SearchField(_l("Zoeken op naam of postcode"), validators=[Optional(), Length(max=80)])
    status = SelectField(
        _l("Status"),
        validators=[Optional()],
        choices=[SelectChoice("", _l("alle"))]
        + [SelectChoice(s.value, STATUS_LABELS[s.value]) for s in ParticipantStatus],
    )
    municipality = SelectField(_l("Gemeente"), validators=[Optional()], coerce=str)
    page = WholeNumberField(validators=[Optional()], bound=PAGE, default=1)


@bp.route("/")
def index():
    form = FilterForm(request.args)
    municipalities = db.session.scalars(select(Municipality).order_by(Municipality.name)).all()
    form.municipality.choices = [SelectChoice("", _l("alle"))] + [
        SelectChoice(str(m.id), m.name) for m in municipalities
    ]
    valid = form.validate()
    result = participants.search(
        current_user,
        text=form.q.data or "" if valid else "",
        status=ParticipantStatus(form.status.data) if valid and form.status.data else None,
        municipality_id=int(form.municipality.data) if valid and form.municipality.data else None,
        page=form.page.data or 1 if valid else 1,
        per_page=current_app.config["PAGE_SIZE"],
    )
    return render_template("participants/index.html", form=form, result=result)


@bp.route("/<int:participant_id>")
def detail(participant_id: int):
    participant = access.get_participant(current_user, participant_id)
    privacy.log_profile_view(current_user, participant)  # AVG: opening a profile is audited
    return render_template(
        "participants/detail.html",
        participant=participant,
        coach_fields=access.sees_coach_fields(current_user, participant),
    )


from matcher.web.participants import profile  # noqa: E402,F401  (registers the profile views)
