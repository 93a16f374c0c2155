"""From database rows to a pseudonymous solver instance for one week and scope.

Only ids like "p3", "s7", "v2" reach the solver; the maps to database ids stay here. Active
matches become `current` (pinned ones `pinned`); deactivated placements, organisations and
volunteers, volunteers absent in the week, and paused or finished participants are left out.
Seats held by anyone outside the instance lower the capacity the solver may hand out.
Standing rejections (services/matching/rejections.py) become each participant's `forbidden`
(rule R8); a pinned match the coordinator rejected is released like any impossible pin.
"""

from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from matcher.dayparts import from_mask
from matcher.extensions import db
from matcher.models import (
    Match,
    MatchKind,
    MatchStatus,
    Organisation,
    Participant,
    ParticipantStatus,
    Placement,
    Volunteer,
    VolunteerAbsence,
)
from matcher.services.matching import rejections
from matcher.services.week_hours import approved_hours
from matcher.solver import model as sm
from matcher.solver.pins import pin_violations
from matcher.solver.rules import WEEKLY_MINIMUM
from matcher.weeks import add_months

OPEN_STATUSES = (ParticipantStatus.INTAKE, ParticipantStatus.ACTIVE)


@dataclass
class Built:
    """A solver instance plus the maps back to the database."""

    instance: sm.Instance
    week: date
    participant_of: dict[str, int] = field(default_factory=dict)  # "p1" -> Participant.id
    target_of: dict[str, int] = field(default_factory=dict)  # "s1"/"v1" -> Placement/Volunteer.id
    current: list[Match] = field(default_factory=list)  # running matches given to the solver
    dropped: list[tuple[Match, str]] = field(default_factory=list)  # left out, with a code
    unpinned: list[Match] = field(default_factory=list)  # pins no longer possible
    rejected: set[tuple[int, str, int]] = field(default_factory=set)  # (participant, kind, id)
    _reverse: dict[tuple[str, int], str] = field(default_factory=dict, repr=False)

    def pseudonym(self, kind: str, db_id: int) -> str | None:
        """The solver id of a placement ("s…") or volunteer ("v…") database id."""
        prefix = "s" if kind == MatchKind.PLACEMENT else "v"
        if len(self._reverse) != len(self.target_of):
            self._reverse = {(key[0], value): key for key, value in self.target_of.items()}
        return self._reverse.get((prefix, db_id))


def running_matches(week: date):
    """A SELECT of active matches that run in the week starting `week`."""
    return select(Match).where(
        Match.status == MatchStatus.ACTIVE,
        Match.starts_on <= week + timedelta(days=6),
        Match.ends_on.is_(None) | (Match.ends_on >= week),
    )


def scoped_participants(week: date, municipality_id: int | None) -> list[Participant]:
    """Participants in intake or active in the scope, in id order."""
    query = select(Participant).where(Participant.status.in_(OPEN_STATUSES))
    if municipality_id is not None:
        query = query.where(Participant.municipality_id == municipality_id)
    return list(db.session.scalars(query.order_by(Participant.id)))


def build_instance(week: date, municipality_id: int | None = None) -> Built:
    """The matching instance for the week starting `week` and the scope (None: everyone)."""
    people = scoped_participants(week, municipality_id)
    in_scope = {p.id for p in people}
    matches = list(
        db.session.scalars(
            running_matches(week).options(
                selectinload(Match.placement), selectinload(Match.volunteer)
            )
        )
    )
    fixed = [m for m in matches if m.participant_id not in in_scope]
    placements = _usable_placements()
    volunteers = _usable_volunteers(week)
    built = Built(sm.Instance((), ()), week)
    solver_placements = _placements(built, placements, fixed)
    solver_volunteers = _volunteers(built, volunteers, fixed)
    own = [m for m in matches if m.participant_id in in_scope]
    solver_people = _participants(built, people, own, week)
    built.instance = sm.Instance(
        tuple(solver_people), tuple(solver_placements), tuple(solver_volunteers)
    )
    _release_impossible_pins(built)
    return built


def _release_impossible_pins(built: Built) -> None:
    """A pin that now breaks a hard rule becomes an ordinary current match (and is reported)."""
    pinned = {
        (m.participant_id, m.kind.value, m.placement_id or m.volunteer_id): m
        for m in built.current
        if m.pinned
    }
    while found := pin_violations(built.instance):
        i, k = found[0].participant, found[0].pin
        people = list(built.instance.participants)
        person = people[i]
        pin = person.pinned[k]
        people[i] = replace(
            person,
            pinned=person.pinned[:k] + person.pinned[k + 1 :],
            current=(*person.current, pin),
        )
        built.instance = replace(built.instance, participants=tuple(people))
        key = (built.participant_of[person.id], pin.kind, built.target_of[pin.id])
        built.unpinned.append(pinned[key])


def _usable_placements() -> list[Placement]:
    return list(
        db.session.scalars(
            select(Placement)
            .join(Organisation)
            .where(Placement.active, Organisation.active)
            .options(selectinload(Placement.sessions))
            .order_by(Placement.id)
        )
    )


def _usable_volunteers(week: date) -> list[Volunteer]:
    absent = select(VolunteerAbsence.volunteer_id).where(
        VolunteerAbsence.starts_on <= week + timedelta(days=6), VolunteerAbsence.ends_on >= week
    )
    return list(
        db.session.scalars(
            select(Volunteer)
            .where(Volunteer.active, Volunteer.id.not_in(absent))
            .order_by(Volunteer.id)
        )
    )


def _placements(built: Built, placements: list[Placement], fixed: list[Match]) -> list:
    """Solver placements; seats of people outside the instance are taken off capacity."""
    taken: Counter = Counter()
    for m in fixed:
        if m.kind == MatchKind.PLACEMENT:
            for d in from_mask(m.dayparts):
                taken[(m.placement_id, d)] += 1
    out = []
    for n, pl in enumerate(placements, start=1):
        built.target_of[f"s{n}"] = pl.id
        sessions = tuple(
            sm.Session(s.daypart, s.hours, max(0, s.capacity - taken[(pl.id, s.daypart)]))
            for s in pl.sessions
        )
        out.append(
            sm.Placement(f"s{n}", pl.lat, pl.lon, pl.category, sessions, pl.min_dutch_level.value)
        )
    return out


def _volunteers(built: Built, volunteers: list[Volunteer], fixed: list[Match]) -> list:
    """Solver volunteers; meetings with people outside the instance take day-parts and capacity."""
    load: Counter = Counter()
    busy: dict[int, set[str]] = {}
    for m in fixed:
        if m.kind != MatchKind.PLACEMENT:
            load[m.volunteer_id] += 1
            busy.setdefault(m.volunteer_id, set()).update(from_mask(m.dayparts))
    out = []
    for n, v in enumerate(volunteers, start=1):
        built.target_of[f"v{n}"] = v.id
        out.append(
            sm.Volunteer(
                f"v{n}",
                v.kind.value,
                v.lat,
                v.lon,
                frozenset(from_mask(v.availability)) - busy.get(v.id, set()),
                max_km=v.travel_km,
                capacity=max(0, v.capacity - load[v.id]),
                session_hours=v.session_hours,
                languages=frozenset(v.languages or ()),
                interests=frozenset(v.interests or ()),
            )
        )
    return out


def _participants(built: Built, people: list[Participant], own: list[Match], week: date):
    """Solver participants with their running matches as `current` or `pinned`."""
    done = approved_hours([p.id for p in people], since=None)
    refused = rejections.standing([p.id for p in people])
    by_person: dict[int, list[Match]] = {}
    for m in own:
        by_person.setdefault(m.participant_id, []).append(m)
    out = []
    for n, p in enumerate(people, start=1):
        pid = f"p{n}"
        built.participant_of[pid] = p.id
        current, pinned = _assignments(built, pid, by_person.get(p.id, []))
        forbidden = set()
        for kind, target_id in refused.get(p.id, ()):
            built.rejected.add((p.id, kind, target_id))
            target = built.pseudonym(kind, target_id)
            if target is not None:
                forbidden.add((kind, target))
        wants = [
            k for k, on in (("taalmaatje", p.wants_taalmaatje), ("buddy", p.wants_buddy)) if on
        ]
        out.append(
            sm.Participant(
                pid,
                p.lat,
                p.lon,
                p.travel_km,
                frozenset(from_mask(p.availability)),
                min_hours=WEEKLY_MINIMUM,
                max_hours=p.max_hours_week,
                target_hours=float(p.participation_target),
                hours_done=p.hours_before + done.get(p.id, 0.0),
                weeks_left=_weeks_left(p, week),
                language_level=p.dutch_level.value,
                interests=frozenset(p.interests or ()),
                wants=frozenset(wants),
                current=tuple(current),
                pinned=tuple(pinned),
                forbidden=frozenset(forbidden),
            )
        )
    return out


def _assignments(built: Built, pid: str, matches: list[Match]):
    """Split one participant's running matches into current and pinned solver assignments."""
    current, pinned = [], []
    for m in matches:
        target = built.pseudonym(m.kind, m.placement_id or m.volunteer_id)
        if target is None:
            code = "placement_inactive" if m.kind == MatchKind.PLACEMENT else "volunteer_away"
            built.dropped.append((m, code))
            continue
        built.current.append(m)
        a = sm.Assignment(pid, m.kind.value, target, tuple(from_mask(m.dayparts)))
        (pinned if m.pinned else current).append(a)
    return current, pinned


def _weeks_left(p: Participant, week: date) -> float:
    """Weeks until the trajectory ends (PIP date + 3 years when no end is known), at least 1."""
    end = p.trajectory_end or add_months(p.pip_date, 36)
    return max(1.0, (end - week).days / 7)
