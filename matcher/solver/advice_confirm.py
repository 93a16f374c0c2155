"""Confirming a candidate exactly: solve the instance with it added, warm-started from the
current plan, trim it to what the new plan uses, and check it against the people who gain."""

from collections import Counter
from dataclasses import dataclass, replace

from matcher.solver import rules
from matcher.solver.advice_local import merged, residual
from matcher.solver.advice_model import Added, Figures, Suggestion, apply
from matcher.solver.dayparts import LEVEL_RANK, sort_dayparts
from matcher.solver.model import Instance, Result
from matcher.solver.solve import solve


def figures(result: Result) -> Figures:
    """At minimum, wanted volunteers given and participation hours of a solve."""
    return Figures(
        result.stats.participants_at_minimum,
        result.stats.volunteers_given,
        round(sum(o.participation_hours for o in result.participants), 6),
    )


def warm(instance: Instance, result: Result) -> Instance:
    """The instance with the plan as everyone's `current` (pins stay): a warm start."""
    plan: dict[str, list] = {}
    for a in result.assignments:
        plan.setdefault(a.participant, []).append(replace(a, fit=()))
    people = tuple(replace(p, current=tuple(plan.get(p.id, ()))) for p in instance.participants)
    return replace(instance, participants=people)


def gains(s: Suggestion, gain: Figures) -> bool:
    """Whether `gain` is one `s` can claim (A3, A5): more at the minimum; for a volunteer
    suggestion also more wanted volunteers given. Volunteers a placement suggestion happens to
    free are not its gain: the check (A3) does not hold them to it, and a solve may trade them."""
    if s.kind == "new_volunteer":
        return gain.meets_minimum > 0 or gain.wants_met > 0
    return gain.meets_minimum > 0


@dataclass(frozen=True)
class Trial:
    """A confirmed candidate: trimmed, with the instance after it and the plan that shows it."""

    suggestion: Suggestion
    instance: Instance
    result: Result
    gain: Figures
    participants: tuple[str, ...]
    claim: Figures | None = None  # the figures claimed, when less than the plan's (verified)


def lifted(before: Result, after: Result) -> tuple[str, ...]:
    """Who reaches the minimum, or gets a wanted volunteer, only in `after`."""
    was = {o.id for o in before.participants if o.meets_minimum}
    had = {(a.participant, a.kind) for a in before.assignments if a.kind != "placement"}
    now = [o.id for o in after.participants if o.meets_minimum and o.id not in was]
    got = [
        a.participant
        for a in after.assignments
        if a.kind != "placement" and (a.participant, a.kind) not in had
    ]
    return tuple(dict.fromkeys([*now, *got]))


def confirm(
    instance: Instance,
    plan: Result,
    s: Suggestion,
    ident: str,
    *,
    limit,
    workers,
    seed,
    inside: frozenset[str] | None = None,
) -> Trial | None:
    """The candidate's exact gain over `plan`, or None when it gains nothing or cannot be
    stated without breaking its promises to the people who gain (level, day-part, reach).
    `inside`: re-plan only those participants, the others keep `plan` (advice_local.py);
    None: re-plan everyone."""
    trial = apply(instance, s, ident)
    after = _replanned(trial, plan, inside, time_limit=limit, workers=workers, seed=seed)
    gain = figures(after).minus(figures(plan))
    if not gains(s, gain):
        return None
    trimmed = trim(s, ident, instance, after, lifted(plan, after))
    if trimmed is None:
        return None
    # Those the re-solve lifts for whom the addition keeps its promises (a re-solve may also
    # lift someone elsewhere by moving others: they are not listed as gaining from it).
    who = tuple(i for i in lifted(plan, after) if fits(trimmed, instance, (i,)))
    if not who:
        return None
    trimmed = trim(s, ident, instance, after, who)
    if trimmed is None or not fits(trimmed, instance, who):
        return None
    return Trial(trimmed, apply(instance, trimmed, ident), after, gain, who)


def _replanned(trial: Instance, plan: Result, inside, **limits) -> Result:
    """`trial` solved warm-started from `plan`: on the neighbourhood `inside` when given."""
    if inside is not None:
        local = solve(warm(residual(trial, plan, inside), plan), **limits)
        after = merged(trial, plan, local, inside)
        if after is not None:
            return after
    return solve(warm(trial, plan), **limits)


def trim(s: Suggestion, ident: str, instance: Instance, after: Result, who) -> Suggestion | None:
    """Only the seats, sessions and day-parts the new plan uses; the level lowered to the
    lowest among those who gain. The plan stays valid on the trimmed instance."""
    if s.kind == "new_volunteer":
        days = [a.dayparts[0] for a in after.assignments if a.id == ident]
        if not days:
            return None
        return replace(s, available=sort_dayparts(set(days)), capacity=len(days))
    place = s.placement if s.kind != "new_placement" else ident
    used = Counter(d for a in after.assignments if a.id == place for d in a.dayparts)
    if s.kind == "more_capacity":
        have = {
            x.daypart: x.capacity for p in instance.placements if p.id == place for x in p.sessions
        }
        kept = tuple(
            Added(a.daypart, min(a.capacity, used[a.daypart] - have[a.daypart]))
            for a in s.sessions
            if used[a.daypart] > have[a.daypart]
        )
    else:
        kept = tuple(replace(a, capacity=used[a.daypart]) for a in s.sessions if used[a.daypart])
    if not kept:
        return None
    if s.kind == "new_placement":
        people = {p.id: p for p in instance.participants}
        levels = [s.min_language_level, *(people[i].language_level for i in who)]
        return replace(s, sessions=kept, min_language_level=min(levels, key=LEVEL_RANK.get))
    return replace(s, sessions=kept)


def fits(s: Suggestion, instance: Instance, who) -> bool:
    """docs/advice-format.md: no level above the lowest of those who gain, no day-part none of
    them has free, and within reach of each of them (rules.py)."""
    people = [p for p in instance.participants if p.id in who]
    if not people:
        return False
    if s.kind == "new_volunteer":
        days = s.available
        reach = all(
            rules.within(rules.haversine_km(p.lat, p.lon, s.lat, s.lon), min(p.max_km, s.max_km))
            for p in people
        )
        return reach and all(any(rules.is_free(p, d) for p in people) for d in days)
    if s.kind == "new_placement":
        lat, lon, level = s.lat, s.lon, s.min_language_level
    else:
        placement = next(p for p in instance.placements if p.id == s.placement)
        lat, lon, level = placement.lat, placement.lon, placement.min_language_level
    for p in people:
        km = rules.haversine_km(p.lat, p.lon, lat, lon)
        if not rules.within(km, rules.placement_radius(p)):
            return False
        if not rules.level_allows(p.language_level, level):
            return False
    return all(any(rules.is_free(p, a.daypart) for p in people) for a in s.sessions)
