"""Checking that the coordinator's pins keep hard rules 1–6, alone and together (rule 7)."""

from collections import Counter

from matcher.solver.dayparts import LEVEL_RANK
from matcher.solver.geo import haversine_km
from matcher.solver.model import Instance


def check_pins(instance: Instance) -> None:
    """Raise InstanceError naming the first pin that breaks a hard rule 1–6."""
    from matcher.solver.instance_io import InstanceError

    placements = {p.id: p for p in instance.placements}
    volunteers = {v.id: v for v in instance.volunteers}
    seats: Counter = Counter()
    meetings: Counter = Counter()
    load: Counter = Counter()
    for i, person in enumerate(instance.participants):
        used: set[str] = set()
        hours, kinds = 0.0, set()
        for k, pin in enumerate(person.pinned):
            where = f"participants[{i}].pinned[{k}]"
            if pin.kind == "placement":
                problem, added = _placement_problem(person, placements[pin.id], pin, seats)
            else:
                problem, added = _volunteer_problem(person, volunteers[pin.id], pin, meetings, load)
                if not problem and pin.kind in kinds:
                    problem = f"a second {pin.kind} for this participant"
                kinds.add(pin.kind)
            clash = used.intersection(pin.dayparts)
            if not problem and clash:
                problem = f"day-part {sorted(clash)[0]!r} is already taken by another pin"
            used.update(pin.dayparts)
            hours += added
            if not problem and hours > person.max_hours + 1e-9:
                problem = f"pinned hours {hours:g} exceed max_hours {person.max_hours:g}"
            if problem:
                raise InstanceError(where, f"pin breaks a hard rule: {problem}")


def _placement_problem(person, placement, pin, seats: Counter) -> tuple[str | None, float]:
    """Rules 1–4 for one pinned placement; counts the seats it takes."""
    sessions = {s.daypart: s for s in placement.sessions}
    km = haversine_km(person.lat, person.lon, placement.lat, placement.lon)
    if km > person.max_km:
        return f"placement is {km:.2f} km away, farther than max_km {person.max_km:g}", 0.0
    if LEVEL_RANK[person.language_level] < LEVEL_RANK[placement.min_language_level]:
        return f"needs language level {placement.min_language_level}", 0.0
    hours = 0.0
    for d in pin.dayparts:
        if d not in person.available:
            return f"participant is not available on {d!r}", 0.0
        if d not in sessions:
            return f"placement has no session on {d!r}", 0.0
        seats[(placement.id, d)] += 1
        if seats[(placement.id, d)] > sessions[d].capacity:
            return f"session {d!r} is over its capacity {sessions[d].capacity}", 0.0
        hours += sessions[d].hours
    return None, hours


def _volunteer_problem(person, volunteer, pin, meetings: Counter, load: Counter):
    """Rules 1, 3 and 6 for one pinned volunteer meeting; counts the volunteer's load."""
    (d,) = pin.dayparts
    km = haversine_km(person.lat, person.lon, volunteer.lat, volunteer.lon)
    limit = min(person.max_km, volunteer.max_km or person.max_km)
    if pin.kind not in person.wants:
        return f"participant does not want a {pin.kind}", 0.0
    if km > limit:
        return f"volunteer is {km:.2f} km away, farther than {limit:g} km", 0.0
    if d not in person.available or d not in volunteer.available:
        return f"not both available on {d!r}", 0.0
    meetings[(volunteer.id, d)] += 1
    load[volunteer.id] += 1
    if meetings[(volunteer.id, d)] > 1:
        return f"volunteer already meets someone on {d!r}", 0.0
    if load[volunteer.id] > volunteer.capacity:
        return f"volunteer is over capacity {volunteer.capacity}", 0.0
    return None, volunteer.session_hours
