"""Drafting a what-if scenario by hand (issue 15): the changes a coordinator adds to or removes
from a draft, each stored in the scenario's `changes` list in the shape
matcher/services/scenarios.py applies. Nothing here touches a real placement, volunteer or
participant: only the scenario row changes.

Hand-made kinds on top of the ones a suggestion makes:
- `new_placement` / `new_volunteer`: `suggestion` in the matcher-advice/1 shape of that kind
  (applied exactly like an advice suggestion), `area` (where, in words: a town, an organisation
  or a postcode; never a person's address).
"""

from sqlalchemy import select

from matcher.extensions import db
from matcher.models import Municipality, Organisation, Placement, Scenario, User
from matcher.services import audit, records
from matcher.services.errors import NotFound, ValidationFailed
from matcher.services.scenarios import BUSY, KINDS, ScenarioBusy


def editable(scenario_id: int) -> Scenario:
    """The scenario, locked for the change; ScenarioBusy while it is queued or running."""
    scenario = db.session.scalars(
        select(Scenario).where(Scenario.id == scenario_id).with_for_update()
    ).one_or_none()
    if scenario is None:
        raise NotFound(scenario_id)
    if scenario.status in BUSY:
        raise ScenarioBusy(scenario_id)
    return scenario


def _store(user: User, scenario: Scenario, changes: list[dict]) -> None:
    """The new list; an earlier outcome no longer holds, so the scenario is a draft again."""
    scenario.changes = changes
    scenario.status, scenario.outcome, scenario.error = "draft", {}, ""
    db.session.flush()
    audit.record(user, "update", "scenario", scenario.id, ["changes"])


def add(user: User, scenario_id: int, change: dict) -> Scenario:
    """Add one change to a draft (flushes; the caller commits)."""
    if change.get("kind") not in KINDS:
        raise ValueError(change.get("kind"))
    scenario = editable(scenario_id)
    _store(user, scenario, [*scenario.changes, change])
    return scenario


def remove(user: User, scenario_id: int, number: int) -> Scenario:
    """Remove change `number` (1-based) from a draft (flushes)."""
    scenario = editable(scenario_id)
    if not 1 <= number <= len(scenario.changes):
        raise NotFound(number)
    _store(user, scenario, [c for i, c in enumerate(scenario.changes, 1) if i != number])
    return scenario


def location(
    postcode: str | None,
    lat: float | None,
    lon: float | None,
    municipality_id: int | None,
    organisation_id: int | None,
) -> tuple[float, float, str]:
    """(lat, lon, area) of exactly one of: an organisation (where its placements are, else its
    town), a town's centre, or a postcode (looked up, typed coordinates as the fallback)."""
    given = [bool(postcode), municipality_id is not None, organisation_id is not None]
    if sum(given) != 1:
        raise ValidationFailed("scenario.one_location", {"postcode": "scenario.one_location"})
    if organisation_id is not None:
        organisation = db.session.get(Organisation, organisation_id)
        if organisation is None:
            raise ValidationFailed("scenario.unknown", {"organisation": "scenario.unknown"})
        first = db.session.scalars(
            select(Placement)
            .where(Placement.organisation_id == organisation_id)
            .order_by(Placement.active.desc(), Placement.id)
        ).first()
        if first is not None:
            return first.lat, first.lon, organisation.name
        town = organisation.municipality
        return town.lat, town.lon, organisation.name
    if municipality_id is not None:
        town = db.session.get(Municipality, municipality_id)
        if town is None:
            raise ValidationFailed("scenario.unknown", {"municipality": "scenario.unknown"})
        return town.lat, town.lon, town.name
    shown, found_lat, found_lon = records.coordinates(postcode, lat, lon)
    return found_lat, found_lon, shown


def new_placement(
    lat: float, lon: float, area: str, category: str, level: str, sessions: dict
) -> dict:
    """A new placement: `sessions` maps a day-part to (hours, seats)."""
    if not sessions:
        raise ValidationFailed("scenario.no_sessions", {"sessions": "scenario.no_sessions"})
    rows = [
        {"daypart": daypart, "hours": float(value[0]), "capacity": int(value[1])}
        for daypart, value in sessions.items()
    ]
    return {
        "kind": "new_placement",
        "area": area[:120],
        "suggestion": {
            "kind": "new_placement",
            "lat": lat,
            "lon": lon,
            "categories": [category],
            "min_language_level": level,
            "sessions": rows,
        },
    }


def new_volunteer(
    lat: float,
    lon: float,
    area: str,
    kind: str,
    max_km: float,
    dayparts: list[str],
    capacity: int,
    session_hours: float,
) -> dict:
    """A new taalmaatje or buddy."""
    if not dayparts:
        raise ValidationFailed("scenario.no_dayparts", {"availability": "scenario.no_dayparts"})
    return {
        "kind": "new_volunteer",
        "area": area[:120],
        "suggestion": {
            "kind": "new_volunteer",
            "volunteer_kind": kind,
            "lat": lat,
            "lon": lon,
            "max_km": max_km,
            "available": list(dayparts),
            "capacity": capacity,
            "session_hours": session_hours,
        },
    }


def capacity(placement_id: int, daypart: str, delta: int) -> dict:
    """Seats added to (or, negative, removed from) an existing session."""
    if delta == 0:
        raise ValidationFailed("scenario.zero_delta", {"delta": "scenario.zero_delta"})
    return {"kind": "capacity", "placement_id": placement_id, "daypart": daypart, "delta": delta}


def pause(organisation_id: int) -> dict:
    return {"kind": "pause_organisation", "organisation_id": organisation_id}


def availability(participant_id: int, dayparts: list[str]) -> dict:
    """The participant's free day-parts in the scenario (none: free on no day-part)."""
    return {"kind": "availability", "participant_id": participant_id, "dayparts": list(dayparts)}
