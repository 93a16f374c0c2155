"""The plan checker: which hard rules (R1–R6 and R8 of docs/instance-format.md) a list of
assignments breaks in an instance, as structured violations. Pure; the rules
themselves are in rules.py.

Assignments are checked in the order given, counting seats, volunteer meetings and hours as they
come, so a capacity violation names the assignment that goes over. The pin check (R7, pins.py)
and the web app's confirm-time re-check both run it; the web layer words the codes.
"""

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from matcher.solver import rules
from matcher.solver.model import Assignment, Instance


@dataclass(frozen=True)
class Violation:
    """One broken rule: the assignment (its position in the checked list), who, which rule (its
    number and code), with what, in which day-part, and the numbers behind it."""

    index: int
    participant: str
    rule: int
    code: str
    kind: str
    target: str
    daypart: str | None = None
    data: dict[str, Any] = field(default_factory=dict, compare=False)


class _Week:
    """What the assignments checked so far use: seats, meetings, and each participant's week."""

    def __init__(self) -> None:
        self.seats: Counter = Counter()
        self.meetings: Counter = Counter()
        self.load: Counter = Counter()
        self.used: dict[str, set[str]] = {}
        self.kinds: dict[str, set[str]] = {}
        self.hours: Counter = Counter()


def check_plan(instance: Instance, assignments: list[Assignment]) -> list[Violation]:
    """Every violation of rules R1–R6 and R8 by `assignments`, in order of the assignment that
    breaks it. An assignment whose participant, placement or volunteer is not in the instance breaks
    rule 0 (code `unknown`)."""
    people = {p.id: p for p in instance.participants}
    placements = {p.id: p for p in instance.placements}
    volunteers = {v.id: v for v in instance.volunteers}
    week, out, first_over = _Week(), [], {}
    for i, a in enumerate(assignments):
        person = people.get(a.participant)
        target = (placements if a.kind == "placement" else volunteers).get(a.id)
        found = []
        if person is None or target is None:
            found.append((0, "unknown", None, {}))
        elif a.kind == "placement":
            found += _placement(person, target, a, week)
        else:
            found += _meeting(person, target, a, week)
        if person is not None and target is not None:
            if not rules.allowed(person, a.kind, a.id):
                found.append((8, "forbidden", None, {"kind": a.kind, "id": a.id}))
            found += _week_of(person, a, week)
            if not rules.within_load_cap(week.hours[person.id], person.max_hours):
                first_over.setdefault(person.id, i)
        out += [Violation(i, a.participant, r, code, a.kind, a.id, d, x) for r, code, d, x in found]
    for pid, i in first_over.items():
        data = {"hours": week.hours[pid], "max_hours": people[pid].max_hours}
        a = assignments[i]
        out.append(Violation(i, pid, 5, "over_max_hours", a.kind, a.id, None, data))
    order = {id(v): n for n, v in enumerate(out)}
    return sorted(out, key=lambda v: (v.index, v.code == "over_max_hours", order[id(v)]))


def _placement(person, placement, a: Assignment, week: _Week) -> list[tuple]:
    """R3, R4, then per day-part R1 (free) and R2 (a session with a seat left)."""
    found = []
    km, radius = rules.placement_km(person, placement), rules.placement_radius(person)
    if not rules.within(km, radius):
        found.append((3, "too_far", None, {"km": km, "max_km": radius}))
    if not rules.level_allows(person.language_level, placement.min_language_level):
        needed = {"needed": placement.min_language_level, "level": person.language_level}
        found.append((4, "level_too_low", None, needed))
    for d in a.dayparts:
        if not rules.is_free(person, d):
            found.append((1, "participant_unavailable", d, {"daypart": d}))
        session = rules.session_on(placement, d)
        if session is None:
            found.append((2, "no_session", d, {"daypart": d}))
            continue
        if not rules.has_seat(week.seats[(placement.id, d)], session.capacity):
            found.append((2, "session_full", d, {"daypart": d, "capacity": session.capacity}))
        week.seats[(placement.id, d)] += 1
        week.hours[person.id] += session.hours
    return found


def _meeting(person, volunteer, a: Assignment, week: _Week) -> list[tuple]:
    """R6 (wanted), R3 (both radii), R1/R6 (both free), R6 (one meeting per volunteer day-part,
    at most `capacity` participants)."""
    found, (d,) = [], a.dayparts
    if not rules.wants(person, a.kind):
        found.append((6, "not_wanted", None, {"kind": a.kind}))
    km, radius = rules.volunteer_km(person, volunteer), rules.volunteer_radius(person, volunteer)
    if not rules.within(km, radius):
        found.append((3, "too_far", None, {"km": km, "max_km": radius}))
    if not rules.is_free(person, d):
        found.append((1, "participant_unavailable", d, {"daypart": d}))
    elif not rules.both_free(person, volunteer, d):
        found.append((6, "volunteer_unavailable", d, {"daypart": d}))
    if week.meetings[(volunteer.id, d)]:
        found.append((6, "volunteer_daypart_taken", d, {"daypart": d}))
    if not rules.has_seat(week.load[volunteer.id], volunteer.capacity):
        found.append((6, "volunteer_full", None, {"capacity": volunteer.capacity}))
    week.meetings[(volunteer.id, d)] += 1
    week.load[volunteer.id] += 1
    week.hours[person.id] += volunteer.session_hours
    return found


def _week_of(person, a: Assignment, week: _Week) -> list[tuple]:
    """R6: one volunteer of each kind; R1: one activity per day-part."""
    found = []
    kinds = week.kinds.setdefault(person.id, set())
    if a.kind != "placement":
        if a.kind in kinds:
            found.append((6, "second_volunteer", None, {"kind": a.kind}))
        kinds.add(a.kind)
    used = week.used.setdefault(person.id, set())
    clash = used.intersection(a.dayparts)
    if clash:
        d = sorted(clash)[0]
        found.append((1, "daypart_double", d, {"daypart": d}))
    used.update(a.dayparts)
    return found
