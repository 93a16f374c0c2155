"""Creating and editing the persoonlijk profiel (coordinator: matching fields; own coach: all)."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select
from wtforms import (
    BooleanField,
    DateField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from matcher import bounds, languages
from matcher.extensions import db
from matcher.models import DutchLevel, Gender, Participant, ParticipantStatus, Role, User
from matcher.services import access, profiles, records, submissions
from matcher.services.errors import ValidationFailed
from matcher.web import edits, messages, registry
from matcher.web.fields import Form, Name, NumberField
from matcher.web.labels import STATUS_LABELS
from matcher.web.participants import bp
from matcher.weeks import today


class ProfileForm(Form):
    first_name = StringField(_l("Voornaam"), validators=[DataRequired(), Length(max=80), Name()])
    last_name = StringField(_l("Achternaam"), validators=[DataRequired(), Length(max=120), Name()])
    municipality = SelectField(_l("Gemeente"), validators=[DataRequired()])
    coach = SelectField(_l("Coach"), validators=[Optional()])
    status = SelectField(
        _l("Status"),
        choices=[SelectChoice(s.value, STATUS_LABELS[s.value]) for s in ParticipantStatus],
    )
    max_hours_week = NumberField(
        _l("Maximaal uren per week"), [InputRequired()], bound=bounds.LOAD_CAP, default=16
    )
    interests = registry.MultiCheckboxField(_l("Interesses"), validators=[Optional()])
    dutch_level = SelectField(
        _l("Niveau Nederlands"), choices=[SelectChoice(lv.value, lv.value) for lv in DutchLevel]
    )
    languages = StringField(
        _l("Talen (ISO-codes, met komma's)"),
        validators=[Optional(), Length(max=120), registry.language_codes],
    )
    postcode = StringField(_l("Postcode"), validators=[DataRequired(), Length(max=10)])
    lat = NumberField(_l("Breedtegraad"), [Optional()], bound=bounds.LATITUDE)
    lon = NumberField(_l("Lengtegraad"), [Optional()], bound=bounds.LONGITUDE)
    travel_km = NumberField(
        _l("Reisafstand (km)"), [InputRequired()], bound=bounds.TRAVEL_KM, default=5
    )
    wants_taalmaatje = BooleanField(_l("Wil een taalmaatje"))
    wants_buddy = BooleanField(_l("Wil een buddy"))
    buddy_gender_preference = SelectField(
        _l("Voorkeur voor het gender van een buddy (wens van de deelnemer zelf)"),
        choices=[
            SelectChoice("", _l("geen voorkeur")),
            SelectChoice("female", _l("vrouw")),
            SelectChoice("male", _l("man")),
        ],
        validators=[Optional()],
    )
    hours_before = NumberField(
        _l("Uren vóór registratie"), [Optional()], bound=bounds.HOURS_BEFORE, default=0
    )
    external_ref = StringField(_l("Eigen kenmerk"), validators=[Optional(), Length(max=64)])
    pip_date = DateField(_l("PIP-datum"), validators=[DataRequired()])
    trajectory_end = DateField(_l("Einde traject"), validators=[Optional()])
    functional_limits = TextAreaField(
        _l("Belastbaarheid (functionele beperkingen, geen diagnoses)"),
        validators=[Optional(), Length(max=2000)],
    )
    notes = TextAreaField(_l("Notities"), validators=[Optional(), Length(max=4000)])


def _form(participant: Participant | None) -> ProfileForm:
    """The profile form with only the fields this user may see and change."""
    form = ProfileForm(obj=participant if request.method == "GET" else None)
    allowed = profiles.editable_fields(current_user, participant)
    if not allowed:
        abort(403)
    for name in profiles.COACH_FIELDS:
        if name not in allowed:
            delattr(form, name)
    if "coach_id" not in allowed:
        delattr(form, "coach")
    else:
        coaches = db.session.scalars(
            select(User).where(User.role == Role.COACH, User.active).order_by(User.name)
        )
        form.coach.choices = [SelectChoice("", _l("nog geen coach"))] + [
            SelectChoice(str(c.id), c.name) for c in coaches
        ]
    form.municipality.choices = registry.municipality_choices(_l("kies een gemeente"))
    form.interests.choices = registry.category_choices()
    return form


@bp.route("/nieuw", methods=["GET", "POST"])
def create():
    if current_user.role != Role.COORDINATOR:
        abort(403)
    return _edit(None)


@bp.route("/<int:participant_id>/bewerken", methods=["GET", "POST"])
def edit(participant_id: int):
    return _edit(access.get_participant(current_user, participant_id))


def _edit(participant: Participant | None):
    form = _form(participant)
    mask = participant.availability if participant else 0
    grid_error = conflict = None
    if request.method == "GET":
        _prefill(form, participant)
    else:
        mask, grid_error = registry.read_availability(request.form)
        if form.validate() and grid_error is None:
            try:
                claimed = None
                if participant is None:
                    claimed = submissions.claim(edits.posted_key(), current_user, "participant")
                postcode, lat, lon = records.coordinates(
                    form.postcode.data, form.lat.data, form.lon.data, participant
                )
                values = _values(form, mask, postcode, lat, lon)
                saved = profiles.save(
                    current_user, participant, values, today(), edits.posted_version()
                )
                submissions.finish(claimed, saved.id)
            except submissions.AlreadySubmitted as done:
                return edits.already_sent(_landing(done.record_id))
            except records.StaleRecord as stale:
                db.session.rollback()
                conflict = edits.conflict(stale, form, {"availability": _("Beschikbaarheid")})
            except ValidationFailed as error:
                db.session.rollback()
                errors = messages.field_errors(error)
                grid_error = registry.attach_errors(form, errors).get("availability")
            else:
                db.session.commit()
                flash(_("Het profiel van %(name)s is opgeslagen.", name=saved.full_name), "success")
                return redirect(url_for("participants.detail", participant_id=saved.id))
    return render_template(
        "participants/form.html",
        form=form,
        participant=participant,
        mask=mask,
        grid_error=grid_error,
        conflict=conflict,
    ), (409 if conflict else 422 if request.method == "POST" else 200)


def _landing(participant_id: int | None) -> str:
    if participant_id is None:
        return url_for("participants.index")
    return url_for("participants.detail", participant_id=participant_id)


def _prefill(form: ProfileForm, participant: Participant | None) -> None:
    if participant is None:
        return
    form.municipality.data = str(participant.municipality_id)
    if form.coach is not None:
        form.coach.data = str(participant.coach_id or "")
    form.status.data = participant.status.value
    form.dutch_level.data = participant.dutch_level.value
    pref = participant.buddy_gender_preference
    form.buddy_gender_preference.data = pref.value if pref else ""
    form.languages.data = ", ".join(participant.languages)
    form.interests.data = list(participant.interests)


def _values(form: ProfileForm, mask: int, postcode: str, lat: float, lon: float) -> dict:
    values = {
        "first_name": form.first_name.data.strip(),
        "last_name": form.last_name.data.strip(),
        "municipality_id": int(form.municipality.data),
        "status": ParticipantStatus(form.status.data),
        "availability": mask,
        "max_hours_week": form.max_hours_week.data,
        "interests": list(form.interests.data or []),
        "dutch_level": DutchLevel(form.dutch_level.data),
        "languages": languages.parse_list(form.languages.data),
        "postcode": postcode,
        "lat": lat,
        "lon": lon,
        "travel_km": form.travel_km.data,
        "wants_taalmaatje": bool(form.wants_taalmaatje.data),
        "wants_buddy": bool(form.wants_buddy.data),
        "buddy_gender_preference": Gender(form.buddy_gender_preference.data)
        if form.buddy_gender_preference.data
        else None,
        "hours_before": form.hours_before.data or 0.0,
        "external_ref": (form.external_ref.data or "").strip(),
    }
    if form.coach is not None:
        values["coach_id"] = int(form.coach.data) if form.coach.data else None
    for name in profiles.COACH_FIELDS:
        if getattr(form, name, None) is not None:
            value = getattr(form, name).data
            values[name] = value.strip() if isinstance(value, str) else value
    return values
