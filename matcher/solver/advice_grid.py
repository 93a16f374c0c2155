"""The candidate grid: additions built for the participants a plan leaves short.

Each candidate is made for a group of short participants (or of participants who lack a wanted
volunteer) and only for them: its day-parts are ones some of them have free, its Dutch level is
the lowest among them, and a new place or volunteer lies within reach of each (rules.py)."""

import math
from collections import Counter

from matcher.solver import rules
from matcher.solver.advice_model import Added, Suggestion
from matcher.solver.advice_state import PlanState
from matcher.solver.dayparts import LEVEL_RANK, sort_dayparts

MAX_SEATS = 12  # seats one candidate session asks for at most
NEW_SESSION_HOURS = 3.0
DEFAULT_CATEGORY = "buurt"


def candidate_grid(state: PlanState) -> list[Suggestion]:
    """Every candidate addition for the plan's short participants and missing volunteers."""
    found: dict[tuple, Suggestion] = {}
    for s in [*_at_placements(state), *_new_placements(state), *_new_volunteers(state)]:
        found.setdefault(s.signature(), s)
    return list(found.values())


def _at_placements(state: PlanState):
    """More seats on sessions short people could use; new sessions on their free day-parts."""
    for placement in state.instance.placements:
        if placement.id not in state.extendable:
            continue
        people = [p for p in state.short if state.reaches(p, placement)]
        if not people:
            continue
        existing = {s.daypart for s in placement.sessions}
        users = {
            d: [p for p in people if rules.is_free(p, d) and d in state.open_dayparts(p)]
            for d in existing
        }
        users = {d: ps for d, ps in users.items() if ps}
        for d, ps in users.items():
            yield _more(placement.id, {d: ps})
        if len(users) > 1:
            yield _more(placement.id, users)
        counts = Counter(d for p in people for d in state.open_dayparts(p) if d not in existing)
        top = [d for d, _ in counts.most_common(3)]
        hours = max((s.hours for s in placement.sessions), default=NEW_SESSION_HOURS)
        for n in range(1, len(top) + 1):
            days = top[:n]
            yield Suggestion(
                "new_session",
                placement=placement.id,
                sessions=tuple(
                    Added(d, min(MAX_SEATS, counts[d]), hours) for d in sort_dayparts(days)
                ),
                group=frozenset(p.id for p in people),
            )


def _more(placement: str, users: dict) -> Suggestion:
    return Suggestion(
        "more_capacity",
        placement=placement,
        sessions=tuple(Added(d, min(MAX_SEATS, len(users[d]))) for d in sort_dayparts(users)),
        group=frozenset(p.id for ps in users.values() for p in ps),
    )


def _group_around(state: PlanState, seed, pool, radius_of):
    """Members of `pool` for whom the seed's home is within their reach, and a meeting point
    within reach of each: their centre if it is, else the seed's home."""
    group = [
        q
        for q in pool
        if rules.within(rules.haversine_km(q.lat, q.lon, seed.lat, seed.lon), radius_of(q))
    ]
    lat = sum(q.lat for q in group) / len(group)
    lon = sum(q.lon for q in group) / len(group)
    lat, lon = round(lat, 5), round(lon, 5)
    if not all(
        rules.within(rules.haversine_km(q.lat, q.lon, lat, lon), radius_of(q)) for q in group
    ):
        lat, lon = seed.lat, seed.lon
    return group, lat, lon


def _new_placements(state: PlanState):
    """A new placement around each short participant, for the short people who can reach it."""
    seen = set()
    for seed in state.short:
        group, lat, lon = _group_around(state, seed, state.short, rules.placement_radius)
        key = frozenset(q.id for q in group)
        if key in seen:
            continue
        seen.add(key)
        level = min((q.language_level for q in group), key=LEVEL_RANK.__getitem__)
        interests = Counter(i for q in group for i in q.interests)
        categories = tuple(c for c, _ in interests.most_common(2)) or (DEFAULT_CATEGORY,)
        counts = Counter(d for q in group for d in state.open_dayparts(q))
        top = [d for d, _ in counts.most_common(3)]
        for n in (2, 3) if len(top) >= 2 else (len(top),):
            if not n:
                continue
            days = sort_dayparts(top[:n])
            yield Suggestion(
                "new_placement",
                lat=lat,
                lon=lon,
                categories=categories,
                min_language_level=level,
                sessions=tuple(
                    Added(d, min(MAX_SEATS, counts[d]), NEW_SESSION_HOURS) for d in days
                ),
                group=key,
            )


def _new_volunteers(state: PlanState):
    """A new taalmaatje or buddy around each participant who lacks the one they want."""
    for kind, pool in state.lacking.items():
        seen = set()
        for seed in pool:
            group, lat, lon = _group_around(state, seed, pool, rules.placement_radius)
            key = frozenset(q.id for q in group)
            if key in seen:
                continue
            seen.add(key)
            reach = max(rules.haversine_km(q.lat, q.lon, lat, lon) for q in group)
            counts = Counter(d for q in group for d in state.free_for_more(q))
            top = [d for d, _ in counts.most_common(2)]
            for n in range(1, len(top) + 1):
                yield Suggestion(
                    "new_volunteer",
                    lat=lat,
                    lon=lon,
                    volunteer_kind=kind,
                    max_km=max(1.0, math.ceil(reach * 2) / 2),
                    available=sort_dayparts(top[:n]),
                    capacity=min(MAX_SEATS, len(group)),
                    session_hours=2.0,
                    group=key,
                )
