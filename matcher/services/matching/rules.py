"""The hard rules re-checked against the database as it is now (confirmation, manual matches).

Problems are reason codes with their numbers, like the solver's; the web layer words them.
"""

from collections import Counter, defaultdict
from datetime import date, timedelta

from sqlalchemy import select

from matcher.dayparts import from_mask
from matcher.extensions import db
from matcher.models import (
    DutchLevel,
    Match,
    MatchKind,
    ParticipantStatus,
    VolunteerAbsence,
)
from matcher.services.matching.instance import running_matches
from matcher.solver.dayparts import LEVEL_RANK
from matcher.solver.geo import haversine_km

OPEN_STATUSES = (ParticipantStatus.INTAKE, ParticipantStatus.ACTIVE)


def _problem(code: str, **data) -> dict:
    return {"code": code, "data": data}


def match_problem(match: Match, week: date) -> dict | None:
    """The first hard rule this one match breaks in the week starting `week`, or None."""
    person = match.participant
    if person.status not in OPEN_STATUSES:
        return _problem("participant_paused", status=person.status.value)
    free = set(from_mask(person.availability))
    for daypart in from_mask(match.dayparts):
        if daypart not in free:
            return _problem("participant_unavailable", daypart=daypart)
    if match.kind == MatchKind.PLACEMENT:
        return _placement_problem(match)
    return _volunteer_problem(match, week)


def _placement_problem(match: Match) -> dict | None:
    place, person = match.placement, match.participant
    if not (place.active and place.organisation.active):
        return _problem("placement_inactive")
    sessions = {s.daypart for s in place.sessions}
    for daypart in from_mask(match.dayparts):
        if daypart not in sessions:
            return _problem("no_session", daypart=daypart)
    km = haversine_km(person.lat, person.lon, place.lat, place.lon)
    if km > person.travel_km + 1e-9:
        return _problem("too_far", km=round(km, 1), max_km=person.travel_km)
    if LEVEL_RANK[place.min_dutch_level.value] > LEVEL_RANK[DutchLevel(person.dutch_level).value]:
        return _problem(
            "level_too_low", needed=place.min_dutch_level.value, level=person.dutch_level.value
        )
    return None


def _volunteer_problem(match: Match, week: date) -> dict | None:
    vol, person = match.volunteer, match.participant
    wanted = {"taalmaatje": person.wants_taalmaatje, "buddy": person.wants_buddy}
    if not wanted[match.kind.value]:
        return _problem("not_wanted", kind=match.kind.value)
    if not vol.active:
        return _problem("volunteer_inactive")
    if _absent(vol.id, week):
        return _problem("volunteer_away")
    free = set(from_mask(vol.availability))
    for daypart in from_mask(match.dayparts):
        if daypart not in free:
            return _problem("volunteer_unavailable", daypart=daypart)
    km = haversine_km(person.lat, person.lon, vol.lat, vol.lon)
    limit = min(person.travel_km, vol.travel_km or person.travel_km)
    if km > limit + 1e-9:
        return _problem("too_far", km=round(km, 1), max_km=limit)
    return None


def _absent(volunteer_id: int, week: date) -> bool:
    return (
        db.session.scalar(
            select(VolunteerAbsence.id).where(
                VolunteerAbsence.volunteer_id == volunteer_id,
                VolunteerAbsence.starts_on <= week + timedelta(days=6),
                VolunteerAbsence.ends_on >= week,
            )
        )
        is not None
    )


def plan_conflicts(week: date, new: list[Match]) -> list[dict]:
    """Every hard rule broken by the `new` matches in the week's active plan (flushed already)."""
    conflicts = []
    for m in new:
        problem = match_problem(m, week)
        if problem:
            conflicts.append(_named(problem, m))
    plan = list(db.session.scalars(running_matches(week)))
    people = {m.participant_id for m in new}
    conflicts += _participant_conflicts([m for m in plan if m.participant_id in people])
    conflicts += _capacity_conflicts(plan, new)
    return conflicts


def _named(problem: dict, match: Match) -> dict:
    """A problem with the names the coordinator needs to find it."""
    target = match.placement.title if match.placement else match.volunteer.full_name
    return {**problem, "who": match.participant.full_name, "what": target}


def _participant_conflicts(plan: list[Match]) -> list[dict]:
    """Rules 1, 5 and 6 per participant: one activity per day-part, load cap, one per kind."""
    out = []
    by_person: dict[int, list[Match]] = defaultdict(list)
    for m in plan:
        by_person[m.participant_id].append(m)
    for matches in by_person.values():
        seen: Counter = Counter(d for m in matches for d in from_mask(m.dayparts))
        for daypart, n in seen.items():
            if n > 1:
                out.append(_named(_problem("daypart_double", daypart=daypart), matches[0]))
        kinds = Counter(m.kind.value for m in matches if m.kind != MatchKind.PLACEMENT)
        for kind, n in kinds.items():
            if n > 1:
                out.append(_named(_problem("second_volunteer", kind=kind), matches[0]))
        hours = sum(_hours(m) for m in matches)
        limit = matches[0].participant.max_hours_week
        if hours > limit + 1e-9:
            problem = _problem("over_max_hours", hours=hours, max_hours=limit)
            out.append(_named(problem, matches[0]))
    return out


def _hours(match: Match) -> float:
    if match.kind != MatchKind.PLACEMENT:
        return match.volunteer.session_hours
    by_day = {s.daypart: s.hours for s in match.placement.sessions}
    return sum(by_day.get(d, 0.0) for d in from_mask(match.dayparts))


def _capacity_conflicts(plan: list[Match], new: list[Match]) -> list[dict]:
    """Rules 2 and 6 for every session and volunteer a new match uses."""
    out = []
    seats: Counter = Counter()
    meetings: Counter = Counter()
    load: Counter = Counter()
    for m in plan:
        if m.kind == MatchKind.PLACEMENT:
            seats.update((m.placement_id, d) for d in from_mask(m.dayparts))
        else:
            load[m.volunteer_id] += 1
            meetings.update((m.volunteer_id, d) for d in from_mask(m.dayparts))
    for m in new:
        if m.kind == MatchKind.PLACEMENT:
            cap = {s.daypart: s.capacity for s in m.placement.sessions}
            for d in from_mask(m.dayparts):
                if seats[(m.placement_id, d)] > cap.get(d, 0):
                    problem = _problem("session_full", daypart=d, capacity=cap.get(d, 0))
                    out.append(_named(problem, m))
            continue
        if load[m.volunteer_id] > m.volunteer.capacity:
            problem = _problem("volunteer_full", capacity=m.volunteer.capacity)
            out.append(_named(problem, m))
        for d in from_mask(m.dayparts):
            if meetings[(m.volunteer_id, d)] > 1:
                out.append(_named(_problem("volunteer_daypart_taken", daypart=d), m))
    return out
