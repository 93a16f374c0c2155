"""The hard rules re-checked against the database as it is now (confirmation, manual matches).

The rules themselves are the solver's: this module builds a solver instance from today's data
plus the week's plan and runs the solver's plan checker (solver/checker.py, rules R1–R6 of
docs/instance-format.md). What the instance cannot say — a paused participant, a deactivated
placement or volunteer, a volunteer away that week — is checked here first. Problems are reason
codes with their numbers, `{"code", "data"}`; the web layer words them (web/matching/reasons.py).
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import select

from matcher.dayparts import from_mask
from matcher.extensions import db
from matcher.models import Match, MatchKind, ParticipantStatus, VolunteerAbsence
from matcher.services.matching.instance import running_matches
from matcher.solver import model as sm
from matcher.solver.checker import Violation, check_plan

OPEN_STATUSES = (ParticipantStatus.INTAKE, ParticipantStatus.ACTIVE)
# Violations of one match by itself (its first one is the match's problem) …
OWN = {
    "too_far",
    "level_too_low",
    "participant_unavailable",
    "no_session",
    "not_wanted",
    "volunteer_unavailable",
}
# … of a participant's whole week, and of a session's or volunteer's capacity.
WEEK = {"daypart_double", "second_volunteer", "over_max_hours"}
CAPACITY = {"session_full", "volunteer_full", "volunteer_daypart_taken"}


def _problem(code: str, **data) -> dict:
    return {"code": code, "data": data}


@dataclass
class _Checked:
    """The solver's verdict on a list of matches: violations per match."""

    matches: list[Match]
    violations: dict[int, list[Violation]] = field(default_factory=dict)  # by match position

    def of(self, i: int, codes: set[str]) -> list[Violation]:
        return [v for v in self.violations.get(i, ()) if v.code in codes]


def check_matches(matches: list[Match]) -> _Checked:
    """Run the solver's plan checker over `matches` with their records as they are now."""
    people, places, vols = {}, {}, {}
    for m in matches:
        people.setdefault(m.participant_id, _participant(m.participant))
        if m.kind == MatchKind.PLACEMENT:
            places.setdefault(m.placement_id, _placement(m.placement))
        else:
            vols.setdefault(m.volunteer_id, _volunteer(m.volunteer))
    instance = sm.Instance(tuple(people.values()), tuple(places.values()), tuple(vols.values()))
    plan = [
        sm.Assignment(
            f"p{m.participant_id}",
            m.kind.value,
            f"s{m.placement_id}" if m.kind == MatchKind.PLACEMENT else f"v{m.volunteer_id}",
            tuple(from_mask(m.dayparts)),
        )
        for m in matches
    ]
    checked = _Checked(matches)
    for v in check_plan(instance, plan):
        checked.violations.setdefault(v.index, []).append(v)
    return checked


def _participant(p) -> sm.Participant:
    wants = [k for k, on in (("taalmaatje", p.wants_taalmaatje), ("buddy", p.wants_buddy)) if on]
    return sm.Participant(
        f"p{p.id}",
        p.lat,
        p.lon,
        p.travel_km,
        frozenset(from_mask(p.availability)),
        max_hours=p.max_hours_week,
        language_level=p.dutch_level.value,
        wants=frozenset(wants),
    )


def _placement(pl) -> sm.Placement:
    sessions = tuple(sm.Session(s.daypart, s.hours, s.capacity) for s in pl.sessions)
    return sm.Placement(
        f"s{pl.id}", pl.lat, pl.lon, pl.category, sessions, pl.min_dutch_level.value
    )


def _volunteer(v) -> sm.Volunteer:
    return sm.Volunteer(
        f"v{v.id}",
        v.kind.value,
        v.lat,
        v.lon,
        frozenset(from_mask(v.availability)),
        max_km=v.travel_km,
        capacity=v.capacity,
        session_hours=v.session_hours,
    )


def _words(v: Violation) -> dict:
    """A violation as the problem dict the web layer words (numbers as the pages show them)."""
    data = dict(v.data)
    if v.code == "too_far":
        data["km"] = round(data["km"], 1)
    return {"code": v.code, "data": data}


def match_problem(match: Match, week: date) -> dict | None:
    """The first hard rule this one match breaks in the week starting `week`, or None."""
    return _entity_problem(match, week) or _own_problem(check_matches([match]), 0)


def _own_problem(checked: _Checked, i: int) -> dict | None:
    own = checked.of(i, OWN)
    return _words(own[0]) if own else None


def _entity_problem(match: Match, week: date) -> dict | None:
    """What the instance cannot express: who or what is no longer taking part that week."""
    if match.participant.status not in OPEN_STATUSES:
        return _problem("participant_paused", status=match.participant.status.value)
    if match.kind == MatchKind.PLACEMENT:
        place = match.placement
        return (
            None if place.active and place.organisation.active else _problem("placement_inactive")
        )
    if not match.volunteer.active:
        return _problem("volunteer_inactive")
    return _problem("volunteer_away") if _absent(match.volunteer_id, week) else None


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
    """Every hard rule broken by the `new` matches in the week's active plan (flushed already):
    each new match's own problem, the week of each participant with a new match (R1 one
    activity per day-part, R5 load cap, R6 one volunteer of a kind), and the capacity of every
    session and volunteer a new match uses (R2, R6)."""
    new_ids = {m.id for m in new}
    plan = [m for m in db.session.scalars(running_matches(week)) if m.id not in new_ids]
    checked = check_matches([*plan, *new])
    conflicts = []
    for i, m in enumerate(new, start=len(plan)):
        problem = _entity_problem(m, week) or _own_problem(checked, i)
        if problem:
            conflicts.append(_named(problem, m))
    conflicts += _week_conflicts(checked, {m.participant_id for m in new})
    conflicts += _capacity_conflicts(checked, new)
    return conflicts


def _named(problem: dict, match: Match) -> dict:
    """A problem with the names the coordinator needs to find it."""
    target = match.placement.title if match.placement else match.volunteer.full_name
    return {**problem, "who": match.participant.full_name, "what": target}


def _week_conflicts(checked: _Checked, people: set[int]) -> list[dict]:
    """R1, R5 and R6 over a participant's week, once per participant, rule and day-part."""
    out, seen = [], set()
    for i, m in enumerate(checked.matches):
        if m.participant_id not in people:
            continue
        for v in checked.of(i, WEEK):
            key = (m.participant_id, v.code, v.daypart, v.data.get("kind"))
            if key not in seen:
                seen.add(key)
                out.append(_named(_words(v), m))
    return out


def _capacity_conflicts(checked: _Checked, new: list[Match]) -> list[dict]:
    """R2 and R6: every new match on a session or volunteer the plan holds over capacity."""
    over: dict[tuple, Violation] = {}
    for i in checked.violations:
        for v in checked.of(i, CAPACITY):
            over.setdefault(_capacity_key(v), v)
    out = []
    for m in new:
        target = f"s{m.placement_id}" if m.kind == MatchKind.PLACEMENT else f"v{m.volunteer_id}"
        keys = [] if m.kind == MatchKind.PLACEMENT else [("volunteer_full", target, None)]
        keys += [(_per_daypart(m), target, d) for d in from_mask(m.dayparts)]
        out += [_named(_words(over[key]), m) for key in keys if key in over]
    return out


def _per_daypart(match: Match) -> str:
    return "session_full" if match.kind == MatchKind.PLACEMENT else "volunteer_daypart_taken"


def _capacity_key(v: Violation) -> tuple:
    return v.code, v.target, None if v.code == "volunteer_full" else v.daypart
