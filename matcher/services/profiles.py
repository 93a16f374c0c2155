"""The persoonlijk profiel: coordinators keep the matching fields, the own coach also the rest."""

from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l

from matcher.dayparts import ALL_MASK
from matcher.extensions import db
from matcher.models import Participant, Role, User
from matcher.services import access, audit, records
from matcher.services.errors import Forbidden, ValidationFailed

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
MAX_HOURS_WEEK = 20  # national guideline for volunteer work during inburgering


def editable_fields(user: User, participant: Participant | None) -> tuple[str, ...]:
    """The profile fields this user may change on this participant (None: a new one)."""
    if user.role == Role.COORDINATOR:
        return MATCHING_FIELDS + COORDINATOR_FIELDS
    if participant is not None and access.sees_coach_fields(user, participant):
        return MATCHING_FIELDS + COACH_FIELDS
    return ()


def check(values: dict[str, Any]) -> dict[str, str]:
    """Errors for values the solver or the database could not take."""
    errors: dict[str, str] = {}
    if not 0 <= values.get("availability", 0) <= ALL_MASK:
        errors["availability"] = _l("Onbekend dagdeel.")
    if not 0 < values.get("max_hours_week", 1) <= MAX_HOURS_WEEK:
        errors["max_hours_week"] = _l("Maximaal uren per week ligt tussen 0 en 20.")
    if values.get("travel_km", 1) <= 0:
        errors["travel_km"] = _l("Reisafstand moet groter dan 0 zijn.")
    if values.get("hours_before", 0) < 0:
        errors["hours_before"] = _l("Uren vóór registratie kunnen niet negatief zijn.")
    end, pip = values.get("trajectory_end"), values.get("pip_date")
    if end is not None and pip is not None and end <= pip:
        errors["trajectory_end"] = _l("Het einde van het traject ligt na de PIP-datum.")
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
        raise ValidationFailed(_l("Controleer het formulier."), errors)
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
