"""Placements with their weekly sessions: find, register, change, deactivate."""

import math
from datetime import time
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from matcher import bounds, dayparts
from matcher.dayparts import DAYPARTS
from matcher.extensions import db
from matcher.models import DutchLevel, Organisation, Placement, PlacementSession, Role, User
from matcher.services import records
from matcher.services import search as search_text
from matcher.services.errors import Place, ValidationFailed

FIELDS = (
    "organisation_id",
    "title",
    "category",
    "min_dutch_level",
    "description",
    "address",
    "postcode",
    "lat",
    "lon",
    "contact_user_id",
    "external_ref",
)


def search(
    text: str = "",
    category: str | None = None,
    municipality_id: int | None = None,
    active: bool | None = None,
    page: int = 1,
    per_page: int = 50,
) -> records.Page:
    """One page of placements, filtered, by organisation and title."""
    query = (
        select(Placement)
        .join(Placement.organisation)
        .options(
            selectinload(Placement.sessions),
            selectinload(Placement.organisation).selectinload(Organisation.municipality),
        )
    )
    # A term may be in the placement (title, postcode) or in its organisation's name.
    query = search_text.filtered(query, text, Placement.search_text, Organisation.search_text)
    if category:
        query = query.where(Placement.category == category)
    if municipality_id is not None:
        query = query.where(Organisation.municipality_id == municipality_id)
    if active is not None:
        query = query.where(Placement.active.is_(active))
    query = query.order_by(Organisation.name, Placement.title, Placement.id)
    return records.paged(query, page, per_page)


# A session as given: (start, end, capacity), or (hours, capacity) from an older import or seed
# (it keeps its stored times when its hours did not change, else gets the day-part's usual ones).
SessionValue = tuple[time, time, int] | tuple[float, int]


def time_problem(daypart: str, starts: time | None, ends: time | None) -> str | None:
    """The code of what is wrong with a session's clock times, None when they are fine: the
    one check of times, used by the form, the import and every save."""
    if starts is None or ends is None:
        return "session.times_missing"
    if ends <= starts:
        return "session.end_before_start"
    if not dayparts.starts_inside(daypart, starts):
        return f"session.outside_{dayparts.part_of(daypart)}"
    if not bounds.SESSION_HOURS.contains(dayparts.hours_between(starts, ends)):
        return "session.too_long"
    return None


def resolve_sessions(
    placement: Placement | None, sessions: dict[str, SessionValue]
) -> dict[str, SessionValue]:
    """The sessions with clock times: (start, end, capacity) per day-part. Unknown day-parts
    and hours out of bounds are passed on as given, for check_sessions to name."""
    stored = {s.daypart: s for s in (placement.sessions if placement else [])}
    resolved: dict[str, SessionValue] = {}
    for daypart, value in sessions.items():
        if len(value) == 3 or daypart not in DAYPARTS:
            resolved[daypart] = value
            continue
        hours, capacity = value
        if not bounds.SESSION_HOURS.contains(hours):
            resolved[daypart] = value
            continue
        known = stored.get(daypart)
        if known is not None and math.isclose(known.hours, hours):
            resolved[daypart] = (known.starts_at, known.ends_at, capacity)
        else:
            resolved[daypart] = (*dayparts.default_times(daypart, float(hours)), capacity)
    return resolved


def check_sessions(sessions: dict[str, SessionValue]) -> dict[str, Place]:
    """Errors per day-part for sessions the solver could not use (empty when all is well)."""
    errors: dict[str, Place] = {}
    for daypart, value in sessions.items():
        if daypart not in DAYPARTS:
            errors[daypart] = ("daypart.unknown_named", {"name": daypart})
            continue
        if len(value) == 2:
            errors[daypart] = ("number.out_of_bounds", {"bound": bounds.SESSION_HOURS})
            continue
        starts, ends, capacity = value
        problem = time_problem(daypart, starts, ends)
        if problem:
            errors[daypart] = problem
        elif not bounds.SESSION_PLACES.contains(capacity):
            errors[daypart] = ("number.out_of_bounds", {"bound": bounds.SESSION_PLACES})
    return errors


def contact_choices() -> list[User]:
    """Active volunteer-role accounts that can be a placement's contact person."""
    return list(
        db.session.scalars(
            select(User).where(User.role == Role.VOLUNTEER, User.active).order_by(User.name)
        )
    )


def save(
    actor: User,
    placement: Placement | None,
    values: dict[str, Any],
    sessions: dict[str, SessionValue],
    expected_version: int | None = None,
) -> Placement:
    """Create or update a placement and replace its sessions; audit the changed fields.

    A session is (start, end, capacity); one given as (hours, capacity) gets clock times
    (resolve_sessions). Its hours always follow from its times.

    An update against another version than `expected_version` raises StaleRecord (the
    session grid counts as part of the placement: it is compared and versioned with it).
    """
    sessions = resolve_sessions(placement, sessions)
    errors = check_sessions(sessions)
    if errors:
        raise ValidationFailed("placement.check_sessions", errors)
    values = {**values, "min_dutch_level": DutchLevel(values.get("min_dutch_level") or "A0")}

    def replace_sessions(record: Placement) -> list[str]:
        return ["sessions"] if _replace_sessions(record, sessions) else []

    return records.save_record(
        actor,
        Placement,
        placement,
        values,
        FIELDS,
        "placement",
        also=replace_sessions,
        expected_version=expected_version,
        extra=({"sessions": dict(sessions)}, stored_sessions),
    )


def stored_sessions(placement: Placement) -> dict[str, dict[str, SessionValue]]:
    """The placement's session grid as saved: {"sessions": {daypart: (start, end, capacity)}}."""
    return {
        "sessions": {s.daypart: (s.starts_at, s.ends_at, s.capacity) for s in placement.sessions}
    }


def _replace_sessions(placement: Placement, sessions: dict[str, SessionValue]) -> bool:
    """Update sessions in place per day-part (the unique key), add new, drop missing."""
    changed = False
    existing = {session.daypart: session for session in placement.sessions}
    for daypart, session in existing.items():
        if daypart not in sessions:
            placement.sessions.remove(session)
            changed = True
    for daypart in DAYPARTS:
        if daypart not in sessions:
            continue
        starts, ends, capacity = sessions[daypart]
        session = existing.get(daypart)
        if session is None:
            placement.sessions.append(
                PlacementSession(
                    daypart=daypart, starts_at=starts, ends_at=ends, capacity=int(capacity)
                )
            )
            changed = True
        elif (session.starts_at, session.ends_at, session.capacity) != (starts, ends, capacity):
            session.set_times(starts, ends)
            session.capacity = int(capacity)
            changed = True
    return changed


def set_active(actor: User, placement: Placement, active: bool) -> None:
    """(De)activate a placement; it is never deleted, so its match history stays."""
    records.set_active(actor, placement, "placement", active)
