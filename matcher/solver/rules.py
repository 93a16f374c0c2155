"""The hard rules of matcher-instance/1, once (docs/instance-format.md, rules R1–R8).

Each rule is a small named predicate over the instance dataclasses; candidate generation, the
pin check, the explanations, the greedy, settling and the plan checker (checker.py) all call
these, and the web app's confirm-time re-check runs the plan checker. The weekly minimum of a
person (goal 1) is defined here too, for the solver and for every page, filter and figure.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from matcher.solver.dayparts import LEVEL_RANK

if TYPE_CHECKING:
    from matcher.solver.model import Participant, Placement, Session, Volunteer

EARTH_RADIUS_KM = 6371.0088
WEEKLY_MINIMUM = 6.0  # the "zes uur per week": min_hours when the instance gives none
HOURS_EPS = 1e-9  # float slack when hours are summed (R5, goal 1)


def weekly_minimum(max_hours: float, min_hours: float = WEEKLY_MINIMUM) -> float:
    """Goal 1: the participation hours a person must reach, min(min_hours, max_hours).

    A participant whose load cap is below the weekly minimum reaches it at their cap."""
    return min(min_hours, max_hours)


def meets_minimum(hours: float, minimum: float) -> bool:
    """Goal 1: whether participation hours reach the minimum (float sums allowed for)."""
    return hours >= minimum - HOURS_EPS


# R1: a participant does at most one activity per day-part, only in day-parts they are free.
def is_free(person: Participant, daypart: str) -> bool:
    """R1: the day-part is in the participant's `available`."""
    return daypart in person.available


# R2: a session holds at most `capacity`; a placement is attended only where it has a session.
def session_on(placement: Placement, daypart: str) -> Session | None:
    """R2: the placement's session in this day-part, or None (at most one per day-part)."""
    return next((s for s in placement.sessions if s.daypart == daypart), None)


def has_seat(taken: int, capacity: int) -> bool:
    """R2 (and R6 for a volunteer's capacity): one more fits after `taken`."""
    return taken < capacity


# R3: haversine distance; a placement within the participant's max_km, a volunteer within both.
def haversine_km(lat1, lon1, lat2, lon2, m=math):
    """R3: the great-circle distance in km on a sphere of radius 6371.0088 km.

    `m` is the maths module: `math` for numbers, `numpy` for arrays (the same formula)."""
    asin, smaller = (math.asin, min) if m is math else (m.arcsin, m.minimum)
    p1, p2 = m.radians(lat1), m.radians(lat2)
    dp, dl = p2 - p1, m.radians(lon2 - lon1)
    a = m.sin(dp / 2) ** 2 + m.cos(p1) * m.cos(p2) * m.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * asin(smaller(1.0, m.sqrt(a)))


def placement_radius(person: Participant) -> float:
    """R3: how far the participant travels to a placement."""
    return person.max_km


def volunteer_radius(person: Participant, volunteer: Volunteer) -> float:
    """R3: the combined radius of a meeting: within both `max_km`s (a volunteer may have none)."""
    return person.max_km if volunteer.max_km is None else min(person.max_km, volunteer.max_km)


def within(km: float, radius: float) -> bool:
    """R3: a distance is within a radius (inclusive, no tolerance)."""
    return km <= radius


def placement_km(person: Participant, placement: Placement) -> float:
    """R3: the distance from the participant's home to the placement."""
    return haversine_km(person.lat, person.lon, placement.lat, placement.lon)


def volunteer_km(person: Participant, volunteer: Volunteer) -> float:
    """R3: the distance between the participant and the volunteer."""
    return haversine_km(person.lat, person.lon, volunteer.lat, volunteer.lon)


# R4: the participant's Dutch level is at least the placement's minimum.
def level_allows(level: str, needed: str) -> bool:
    """R4: a Dutch level (A0 < A1 < A2 < B1 < B2) is at least the one needed."""
    return LEVEL_RANK[level] >= LEVEL_RANK[needed]


# R5: placement hours plus volunteer session hours stay within max_hours.
def within_load_cap(hours: float, max_hours: float) -> bool:
    """R5: a week's total hours fit the participant's load cap."""
    return hours <= max_hours + HOURS_EPS


# R6: volunteers only when wanted, one of each kind, one meeting per volunteer day-part.
def wants(person: Participant, kind: str) -> bool:
    """R6: the participant asked for a volunteer of this kind."""
    return kind in person.wants


def both_free(person: Participant, volunteer: Volunteer, daypart: str) -> bool:
    """R6 (with R1): the meeting's day-part is free for the participant and the volunteer."""
    return daypart in person.available and daypart in volunteer.available


# R8: no assignment pairs a participant with a kind and id in their `forbidden`.
def allowed(person: Participant, kind: str, ident: str) -> bool:
    """R8: the coordinator did not refuse this placement or volunteer for the participant."""
    return (kind, ident) not in person.forbidden
