"""Views of the volunteer registry: the list, the form, (de)activating, absences."""

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select
from wtforms import SelectChoice

from matcher import languages
from matcher.extensions import db
from matcher.models import Gender, Role, User, Volunteer, VolunteerKind
from matcher.services import invitations, records, registry_volunteers, submissions, week_plan
from matcher.web import boundary, edits, params, prefill
from matcher.web.registry import forms as registry
from matcher.web.volunteers import bp, invitation_views  # noqa: F401  (its routes)
from matcher.web.volunteers.forms import (
    AbsenceForm,
    PostOnlyForm,
    VolunteerFilterForm,
    VolunteerForm,
)
from matcher.weeks import today


@bp.route("/")
def index():
    form = VolunteerFilterForm(request.args)
    form.municipality.choices = registry.municipality_choices(_l("alle"))
    ok = form.validate()
    result = registry_volunteers.search(
        text=form.q.data or "" if ok else "",
        kind=VolunteerKind(form.kind.data) if ok and form.kind.data else None,
        municipality_id=int(form.municipality.data) if ok and form.municipality.data else None,
        active=registry.active_filter(form.active.data) if ok else None,
        page=form.page.data or 1 if ok else 1,
        per_page=current_app.config["PAGE_SIZE"],
        vog_needed_on=today() if ok and form.vog.data == "needed" else None,
    )
    return render_template(
        "volunteers/index.html",
        form=form,
        result=result,
        vog=lambda v: registry_volunteers.vog_status(v.vog_date, today()),
    )


@bp.route("/nieuw", methods=["GET", "POST"])
def create():
    return _edit(None)


@bp.route("/<int:volunteer_id>", methods=["GET", "POST"])
def edit(volunteer_id: int):
    return _edit(registry_volunteers.get(volunteer_id))


def _edit(volunteer: Volunteer | None):
    form = VolunteerForm(obj=volunteer if request.method == "GET" else None)
    _fill_choices(form, volunteer)
    mask = volunteer.availability if volunteer else 0
    grid_error = conflict = None
    if request.method == "GET":
        mask = _prefill(form, volunteer) or mask
    else:
        mask, grid_error = registry.read_availability(request.form)
        if form.validate() and grid_error is None:
            try:
                with boundary.form_errors(form, {"availability": _("Beschikbaarheid")}) as refused:
                    saved = _save(form, volunteer, mask)
            except submissions.AlreadySubmitted as done:
                return edits.already_sent(_landing(done.record_id))
            if not refused:
                flash(_("%(name)s is opgeslagen.", name=saved.full_name), "success")
                return redirect(url_for("volunteers.edit", volunteer_id=saved.id))
            conflict, grid_error = refused.conflict, refused.unplaced.get("availability")
    week, weeks = params.arg_week()
    return render_template(
        "volunteers/form.html",
        form=form,
        volunteer=volunteer,
        week=week,
        weeks=weeks,
        matches=week_plan.volunteer_matches(volunteer.id, week) if volunteer else [],
        mask=mask,
        grid_error=grid_error,
        absence_form=AbsenceForm(formdata=None),
        post_form=PostOnlyForm(),
        vog=registry_volunteers.vog_status(volunteer.vog_date, today()) if volunteer else None,
        conflict=conflict,
        invitation=invitations.open_invitation(volunteer.user) if volunteer else None,
    ), (409 if conflict else 422 if request.method == "POST" else 200)


def _save(form: VolunteerForm, volunteer: Volunteer | None, mask: int) -> Volunteer:
    claimed = None
    if volunteer is None:
        claimed = submissions.claim(edits.posted_key(), current_user, "volunteer")
    postcode, lat, lon = records.coordinates(
        form.postcode.data, form.lat.data, form.lon.data, volunteer
    )
    values = _values(form, mask, postcode, lat, lon)
    saved = registry_volunteers.save(current_user, volunteer, values, edits.posted_version())
    submissions.finish(claimed, saved.id)
    return saved


def _landing(volunteer_id: int | None) -> str:
    if volunteer_id is None:
        return url_for("volunteers.index")
    return url_for("volunteers.edit", volunteer_id=volunteer_id)


def _fill_choices(form: VolunteerForm, volunteer: Volunteer | None) -> None:
    form.municipality.choices = registry.municipality_choices(_l("kies een gemeente"))
    form.interests.choices = registry.category_choices()
    taken = select(Volunteer.user_id).where(Volunteer.user_id.is_not(None))
    if volunteer is not None:
        taken = taken.where(Volunteer.id != volunteer.id)
    accounts = db.session.scalars(
        select(User).where(User.role == Role.VOLUNTEER, User.id.not_in(taken)).order_by(User.name)
    )
    form.user.choices = [SelectChoice("", _l("geen"))] + [
        SelectChoice(str(u.id), f"{u.name} ({u.email})") for u in accounts
    ]


def _prefill(form: VolunteerForm, volunteer: Volunteer | None) -> int:
    """Fill the form for GET; a new one from a suggestion's link (web/prefill): its mask."""
    if volunteer is None:
        given = prefill.volunteer_fields()
        for name in ("kind", "travel_km", "capacity", "session_hours", "lat", "lon"):
            if given[name] is not None:
                getattr(form, name).data = given[name]
        if given["kind"] or given["availability"]:
            form.prefilled = given  # the page says where it came from (volunteers/form.html)
        return given["availability"]
    form.kind.data = volunteer.kind.value
    form.gender.data = volunteer.gender.value if volunteer.gender else ""
    form.municipality.data = str(volunteer.municipality_id)
    form.user.data = str(volunteer.user_id or "")
    form.languages.data = ", ".join(volunteer.languages)
    form.interests.data = list(volunteer.interests)
    return volunteer.availability


def _values(form: VolunteerForm, mask: int, postcode: str, lat: float, lon: float) -> dict:
    return {
        "kind": VolunteerKind(form.kind.data),
        "first_name": form.first_name.data.strip(),
        "last_name": form.last_name.data.strip(),
        "email": (form.email.data or "").strip().lower(),
        "phone": (form.phone.data or "").strip(),
        "gender": Gender(form.gender.data) if form.gender.data else None,
        "municipality_id": int(form.municipality.data),
        "availability": mask,
        "capacity": form.capacity.data,
        "session_hours": form.session_hours.data,
        "languages": languages.parse_list(form.languages.data),
        "interests": list(form.interests.data or []),
        "postcode": postcode,
        "lat": lat,
        "lon": lon,
        "travel_km": form.travel_km.data,
        "vog_date": form.vog_date.data,
        "user_id": int(form.user.data) if form.user.data else None,
        "external_ref": (form.external_ref.data or "").strip(),
    }


@bp.post("/<int:volunteer_id>/actief")
def toggle(volunteer_id: int):
    volunteer = registry_volunteers.get(volunteer_id)
    if PostOnlyForm().validate_on_submit():
        registry_volunteers.set_active(current_user, volunteer, not volunteer.active)
        if volunteer.active:
            flash(_("%(name)s is weer actief.", name=volunteer.full_name), "success")
        else:
            flash(_("%(name)s is gedeactiveerd.", name=volunteer.full_name), "success")
    return redirect(url_for("volunteers.edit", volunteer_id=volunteer.id))


@bp.post("/<int:volunteer_id>/afwezigheid")
def add_absence(volunteer_id: int):
    volunteer = registry_volunteers.get(volunteer_id)
    form = AbsenceForm()
    boundary.back_to(url_for("volunteers.edit", volunteer_id=volunteer.id) + "#absences")
    if form.validate_on_submit():
        try:
            claimed = submissions.claim(edits.posted_key(), current_user, "volunteer_absence")
            absence = registry_volunteers.add_absence(
                current_user,
                volunteer,
                form.starts_on.data,
                form.ends_on.data,
                form.reason.data or "",
            )
            submissions.finish(claimed, absence.id)
        except submissions.AlreadySubmitted:
            return edits.already_sent(
                url_for("volunteers.edit", volunteer_id=volunteer_id) + "#absences"
            )
        flash(_("De afwezigheid is opgeslagen."), "success")
    else:
        flash(_("Vul een begin- en einddatum in."), "error")
    return redirect(url_for("volunteers.edit", volunteer_id=volunteer.id) + "#absences")


@bp.post("/<int:volunteer_id>/afwezigheid/<int:absence_id>/verwijderen")
def delete_absence(volunteer_id: int, absence_id: int):
    volunteer = registry_volunteers.get(volunteer_id)
    if PostOnlyForm().validate_on_submit():
        registry_volunteers.delete_absence(current_user, volunteer, absence_id)
        flash(_("De afwezigheid is verwijderd."), "success")
    return redirect(url_for("volunteers.edit", volunteer_id=volunteer.id) + "#absences")
