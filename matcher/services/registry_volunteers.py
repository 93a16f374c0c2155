"""The coordinator's registry of taalmaatjes and buddies, with their VOG and absences."""

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from matcher import bounds
from matcher.dayparts import ALL_MASK
from matcher.extensions import db
from matcher.models import User, Volunteer, VolunteerAbsence, VolunteerKind
from matcher.services import audit, records
from matcher.services import search as search_text
from matcher.services.errors import NotFound, Place, ValidationFailed

FIELDS = (
    "kind",
    "first_name",
    "last_name",
    "email",
    "phone",
    "gender",
    "availability",
    "capacity",
    "session_hours",
    "languages",
    "interests",
    "postcode",
    "lat",
    "lon",
    "travel_km",
    "vog_date",
    "municipality_id",
    "user_id",
    "external_ref",
)
VOG_VALID_YEARS = 3
BOUNDS = {
    "capacity": bounds.VOLUNTEER_CAPACITY,
    "session_hours": bounds.MEETING_HOURS,
    "travel_km": bounds.TRAVEL_KM,
    "lat": bounds.LATITUDE,
    "lon": bounds.LONGITUDE,
}
MAY_BE_EMPTY = {"travel_km"}  # no limit


def vog_limit(today: date) -> date:
    """A VOG dated before this day is older than three years."""
    try:
        return today.replace(year=today.year - VOG_VALID_YEARS)
    except ValueError:  # 29 February
        return today.replace(year=today.year - VOG_VALID_YEARS, day=28)


def vog_status(vog_date: date | None, today: date) -> str:
    """'missing', 'expired' (older than three years) or 'ok'."""
    if vog_date is None:
        return "missing"
    return "expired" if vog_date < vog_limit(today) else "ok"


def vog_missing_or_old(today: date):
    """SQL: the volunteer's VOG is missing or 'expired' (vog_status), for lists and figures."""
    return Volunteer.vog_date.is_(None) | (Volunteer.vog_date < vog_limit(today))


def search(
    text: str = "",
    kind: VolunteerKind | None = None,
    municipality_id: int | None = None,
    active: bool | None = None,
    page: int = 1,
    per_page: int = 50,
    vog_needed_on: date | None = None,
) -> records.Page:
    """One page of taalmaatjes and buddies, filtered, by name; `vog_needed_on`: only those
    whose VOG is missing or expired on that day."""
    query = select(Volunteer).options(selectinload(Volunteer.municipality))
    query = search_text.filtered(query, text, Volunteer.search_text)
    if kind is not None:
        query = query.where(Volunteer.kind == kind)
    if municipality_id is not None:
        query = query.where(Volunteer.municipality_id == municipality_id)
    if active is not None:
        query = query.where(Volunteer.active.is_(active))
    if vog_needed_on is not None:
        query = query.where(vog_missing_or_old(vog_needed_on))
    query = query.order_by(Volunteer.last_name, Volunteer.first_name, Volunteer.id)
    return records.paged(query, page, per_page)


def get(volunteer_id: int) -> Volunteer:
    """The volunteer, or NotFound."""
    volunteer = db.session.get(Volunteer, volunteer_id)
    if volunteer is None:
        raise NotFound(volunteer_id)
    return volunteer


def check(values: dict[str, Any]) -> dict[str, Place]:
    """Errors for values the solver could not use."""
    errors: dict[str, Place] = {}
    if not 0 <= values.get("availability", 0) <= ALL_MASK:
        errors["availability"] = "daypart.unknown"
    for name, bound in BOUNDS.items():
        if name not in values or (values[name] is None and name in MAY_BE_EMPTY):
            continue
        if not bound.contains(values[name]):
            errors[name] = ("number.out_of_bounds", {"bound": bound})
    return errors


def save(
    actor: User,
    volunteer: Volunteer | None,
    values: dict[str, Any],
    expected_version: int | None = None,
) -> Volunteer:
    """Create or update a taalmaatje or buddy; audit the changed fields (names only).

    An update against another version than `expected_version` raises StaleRecord.
    """
    errors = check(values)
    if errors:
        raise ValidationFailed("form.check", errors)
    return records.save_record(
        actor, Volunteer, volunteer, values, FIELDS, "volunteer", expected_version=expected_version
    )


def set_active(actor: User, volunteer: Volunteer, active: bool) -> None:
    """(De)activate a volunteer; kept for the match history."""
    records.set_active(actor, volunteer, "volunteer", active)


def add_absence(
    actor: User, volunteer: Volunteer, starts_on: date, ends_on: date, reason: str = ""
) -> VolunteerAbsence:
    """Record a period (from–to, inclusive) in which the volunteer is away."""
    if ends_on < starts_on:
        raise ValidationFailed(
            "volunteer_absence.ends_before_start",
            {"ends_on": "volunteer_absence.ends_before_start"},
        )
    absence = VolunteerAbsence(starts_on=starts_on, ends_on=ends_on, reason=reason.strip())
    volunteer.absences.append(absence)
    db.session.flush()
    audit.record(actor, "create", "volunteer_absence", absence.id, ["starts_on", "ends_on"])
    return absence


def delete_absence(actor: User, volunteer: Volunteer, absence_id: int) -> None:
    """Remove one of this volunteer's absences."""
    absence = db.session.get(VolunteerAbsence, absence_id)
    if absence is None or absence.volunteer_id != volunteer.id:
        raise NotFound(absence_id)
    volunteer.absences.remove(absence)
    db.session.flush()
    audit.record(actor, "delete", "volunteer_absence", absence_id)
