"""Views of the participants: the list, the profile page, and the profile form (coordinator:
matching fields; own coach: all)."""

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select
from wtforms import SelectChoice

from matcher import languages
from matcher.extensions import db
from matcher.models import (
    DutchLevel,
    Gender,
    Municipality,
    Participant,
    ParticipantStatus,
    Role,
    User,
)
from matcher.services import (
    access,
    attendance,
    participants,
    privacy,
    profiles,
    records,
    submissions,
    week_plan,
)
from matcher.services.participant_filters import SORTS, Need
from matcher.web import boundary, edits, params
from matcher.web.participants import bp
from matcher.web.participants.forms import FilterForm, ProfileForm
from matcher.web.registry import forms as registry
from matcher.web.weekcard import catalogue
from matcher.weeks import today


@bp.route("/")
def index():
    form = FilterForm(request.args)
    municipalities = db.session.scalars(select(Municipality).order_by(Municipality.name)).all()
    form.municipality.choices = [SelectChoice("", _l("alle"))] + [
        SelectChoice(str(m.id), m.name) for m in municipalities
    ]
    need = params.arg_enum("need", Need)
    sort = params.arg_choice("sort", SORTS, "name")
    form.sort.data = sort
    valid = form.validate()
    result = participants.search(
        current_user,
        text=form.q.data or "" if valid else "",
        status=ParticipantStatus(form.status.data) if valid and form.status.data else None,
        municipality_id=int(form.municipality.data) if valid and form.municipality.data else None,
        page=form.page.data or 1 if valid else 1,
        per_page=current_app.config["PAGE_SIZE"],
        need=need,
        sort=sort,
        today=today(),
    )
    return render_template(
        "participants/index.html", form=form, result=result, need=need, sort=sort
    )


@bp.route("/<int:participant_id>")
def detail(participant_id: int):
    participant = access.get_participant(current_user, participant_id)
    privacy.log_profile_view(current_user, participant)  # AVG: opening a profile is audited
    week, weeks = params.arg_week()
    return render_template(
        "participants/detail.html",
        participant=participant,
        coach_fields=access.sees_coach_fields(current_user, participant),
        attendance=attendance.record(participant.id, today()),
        week=week,
        weeks=weeks,
        plan=week_plan.participant_week(participant.id, week),
        history=week_plan.participant_history(participant.id),
    )


@bp.route("/nieuw", methods=["GET", "POST"])
def create():
    if current_user.role != Role.COORDINATOR:
        abort(403)
    return _edit(None)


@bp.route("/<int:participant_id>/bewerken", methods=["GET", "POST"])
def edit(participant_id: int):
    return _edit(access.get_participant(current_user, participant_id))


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
    form.card_language.choices = [SelectChoice("", _l("alleen Nederlands"))] + [
        SelectChoice(code, label) for code, label in catalogue.language_choices()
    ]
    return form


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
                with boundary.form_errors(form, {"availability": _("Beschikbaarheid")}) as refused:
                    saved = _save(form, participant, mask)
            except submissions.AlreadySubmitted as done:
                return edits.already_sent(_landing(done.record_id))
            if not refused:
                flash(_("Het profiel van %(name)s is opgeslagen.", name=saved.full_name), "success")
                return redirect(url_for("participants.detail", participant_id=saved.id))
            conflict, grid_error = refused.conflict, refused.unplaced.get("availability")
    return render_template(
        "participants/form.html",
        form=form,
        participant=participant,
        mask=mask,
        grid_error=grid_error,
        conflict=conflict,
    ), (409 if conflict else 422 if request.method == "POST" else 200)


def _save(form: ProfileForm, participant: Participant | None, mask: int) -> Participant:
    claimed = None
    if participant is None:
        claimed = submissions.claim(edits.posted_key(), current_user, "participant")
    postcode, lat, lon = records.coordinates(
        form.postcode.data, form.lat.data, form.lon.data, participant
    )
    values = _values(form, mask, postcode, lat, lon)
    saved = profiles.save(current_user, participant, values, today(), edits.posted_version())
    submissions.finish(claimed, saved.id)
    return saved


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
    form.card_language.data = participant.card_language or ""
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
        "card_language": form.card_language.data or None,
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
