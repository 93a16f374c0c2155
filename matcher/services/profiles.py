"""The persoonlijk profiel: coordinators keep the matching fields, the own coach also the rest."""

from datetime import date
from typing import Any

from matcher import bounds, free_text, languages
from matcher.dayparts import ALL_MASK
from matcher.extensions import db
from matcher.models import Participant, Role, User
from matcher.services import access, audit, records
from matcher.services.errors import Forbidden, Place, ValidationFailed

MATCHING_FIELDS = (
    "first_name",
    "last_name",
    "municipality_id",
    "status",
    "availability",
    "max_hours_week",
    "interests",
    "dutch_level",
    "languages",
    "card_language",
    "postcode",
    "lat",
    "lon",
    "travel_km",
    "wants_taalmaatje",
    "wants_buddy",
    "buddy_gender_preference",
    "hours_before",
    "external_ref",
)
COORDINATOR_FIELDS = ("coach_id",)
COACH_FIELDS = ("pip_date", "trajectory_end", "functional_limits", "notes")
BOUNDS = {
    "max_hours_week": bounds.LOAD_CAP,
    "travel_km": bounds.TRAVEL_KM,
    "hours_before": bounds.HOURS_BEFORE,
    "lat": bounds.LATITUDE,
    "lon": bounds.LONGITUDE,
}


def editable_fields(user: User, participant: Participant | None) -> tuple[str, ...]:
    """The profile fields this user may change on this participant (None: a new one)."""
    if user.role == Role.COORDINATOR:
        return MATCHING_FIELDS + COORDINATOR_FIELDS
    if participant is not None and access.sees_coach_fields(user, participant):
        return MATCHING_FIELDS + COACH_FIELDS
    return ()


def check(values: dict[str, Any]) -> dict[str, Place]:
    """Errors for values the solver or the database could not take."""
    errors: dict[str, Place] = {}
    if not 0 <= values.get("availability", 0) <= ALL_MASK:
        errors["availability"] = "daypart.unknown"
    for name, bound in BOUNDS.items():
        if name in values and not bound.contains(values[name]):
            errors[name] = ("number.out_of_bounds", {"bound": bound})
    for name in ("first_name", "last_name"):
        if name in values and not free_text.is_name(values[name]):
            errors[name] = "name.no_letter"
    card_language = values.get("card_language")
    if card_language is not None and not languages.is_canonical(card_language):
        errors["card_language"] = "language.unknown"
    end, pip = values.get("trajectory_end"), values.get("pip_date")
    if end is not None and pip is not None and end <= pip:
        errors["trajectory_end"] = "profile.trajectory_end_before_pip"
    return errors


def save(
    actor: User,
    participant: Participant | None,
    values: dict[str, Any],
    today: date,
    expected_version: int | None = None,
) -> Participant:
    """Create (coordinator) or update a profile; only fields this actor may change are taken.

    An update against another version than `expected_version` raises StaleRecord.
    """
    allowed = editable_fields(actor, participant)
    if not allowed:
        raise Forbidden()
    values = {name: value for name, value in values.items() if name in allowed}
    values["external_ref"] = values.get("external_ref") or None
    if participant is not None:
        records.check_version(participant, expected_version, "participant", values)
    records.check_unique_ref(Participant, participant, values["external_ref"])
    errors = check(values)
    if errors:
        raise ValidationFailed("form.check", errors)
    created = participant is None
    if created:
        # The PIP date is the coach's to set; until then the registration date stands in.
        participant = Participant(pip_date=today)
        db.session.add(participant)
    changed = records.apply(participant, values)
    if created or changed:
        records.stamp(participant, actor)
    records.flush_versioned(participant, "participant", values)
    if created or changed:
        audit.record(
            actor, "create" if created else "update", "participant", participant.id, changed
        )
    return participant
