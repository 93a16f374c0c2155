"""Where demand meets no supply: per area × day-part × category, the participants below the
minimum who are free then against the free seats within their reach (rules.py's predicates).

A participant counts under each category of their interests (under ANY without interests); the
seats are those still free in the plan on sessions of that category (any category for ANY) in
that day-part, at placements within reach of at least one of the counted participants."""

from collections import Counter, defaultdict
from dataclasses import dataclass

from matcher.solver import rules
from matcher.solver.dayparts import INDEX
from matcher.solver.model import Instance, Result

ANY = "*"


@dataclass(frozen=True)
class Bottleneck:
    """One row of the table."""

    area: str
    daypart: str
    category: str
    short_free: int  # participants below the minimum, free in the day-part
    seats: int  # free seats within reach of them


def bottlenecks(instance: Instance, result: Result, area_of: dict[str, str]) -> list[Bottleneck]:
    """The table, worst first (most people per seat), ties in area, week and category order."""
    outcome = {o.id: o for o in result.participants}
    taken = Counter(
        (a.id, d) for a in result.assignments if a.kind == "placement" for d in a.dayparts
    )
    groups = defaultdict(list)
    for p in instance.participants:
        if outcome[p.id].meets_minimum:
            continue
        for d in p.available:
            for category in sorted(p.interests) or [ANY]:
                groups[(area_of.get(p.id, ""), d, category)].append(p)
    rows = []
    for (area, d, category), people in groups.items():
        seats = 0
        for placement in instance.placements:
            if category != ANY and placement.category != category:
                continue
            session = rules.session_on(placement, d)
            if session is None or not any(_reaches(p, placement) for p in people):
                continue
            seats += max(0, session.capacity - taken[(placement.id, d)])
        rows.append(Bottleneck(area, d, category, len(people), seats))
    rows.sort(key=lambda r: (-(r.short_free - r.seats), r.area, INDEX[r.daypart], r.category))
    return rows


def _reaches(person, placement) -> bool:
    return rules.within(
        rules.placement_km(person, placement), rules.placement_radius(person)
    ) and rules.level_allows(person.language_level, placement.min_language_level)
