"""Confirming a candidate on its neighbourhood (advice_confirm.py): only the participants the
addition can help, directly or by one move, are re-planned; everyone else keeps the plan.

The neighbourhood of a candidate is everyone it could serve (the short participants it was made
for and, for more seats, everyone short who could use them; for a volunteer, those lacking one
it was made for) and everyone who holds a seat one of those could use (so a chain of one move
is open: someone at the minimum moves to the new seat and frees theirs). The others'
assignments stay as they are and use up seats, volunteer day-parts and volunteer capacity: the
residual instance holds what is left. A plan of the residual instance together with the
others' assignments is a plan of the whole instance (the only rules between participants are
those counts, R2 and R6), so a gain found here is a gain of the whole instance, found by a solve
of a fraction of its size.
"""

from collections import Counter, defaultdict
from dataclasses import replace

from matcher.solver.advice_model import Suggestion
from matcher.solver.advice_state import PlanState
from matcher.solver.checker import check_plan
from matcher.solver.model import Instance, Result


def neighbourhood(state: PlanState, s: Suggestion) -> frozenset[str]:
    """Who a re-plan with `s` may move: those it could serve (below the minimum, or lacking
    the volunteer it adds), everyone holding a seat one of those could use, and everyone
    attending the placement `s` extends."""
    serves = set(s.group)
    if s.kind == "more_capacity":
        keys = {(s.placement, a.daypart) for a in s.sessions}
        serves.update(p.id for p in state.short if any(x.key in keys for x in state.seats[p.id]))
    wanted = {x.key for pid in serves for x in state.seats.get(pid, ())}
    holders = {
        a.participant
        for a in state.result.assignments
        if a.kind == "placement"
        and (a.id == s.placement or any((a.id, d) in wanted for d in a.dayparts))
    }
    return frozenset(serves | holders)


def residual(instance: Instance, plan: Result, inside: frozenset[str]) -> Instance:
    """The participants `inside`, with the seats, volunteer day-parts and volunteer capacity
    the others' assignments in `plan` leave."""
    seats: Counter = Counter()
    meetings: dict[str, set[str]] = defaultdict(set)
    load: Counter = Counter()
    for a in plan.assignments:
        if a.participant in inside:
            continue
        if a.kind == "placement":
            seats.update((a.id, d) for d in a.dayparts)
        else:
            meetings[a.id].update(a.dayparts)
            load[a.id] += 1
    placements = tuple(
        replace(
            p,
            sessions=tuple(
                replace(s, capacity=max(0, s.capacity - seats[(p.id, s.daypart)]))
                for s in p.sessions
            ),
        )
        for p in instance.placements
    )
    volunteers = tuple(
        replace(v, available=v.available - meetings[v.id], capacity=max(0, v.capacity - load[v.id]))
        for v in instance.volunteers
    )
    people = tuple(p for p in instance.participants if p.id in inside)
    return Instance(people, placements, volunteers)


def merged(instance: Instance, plan: Result, local: Result, inside: frozenset[str]) -> Result:
    """The whole-instance result: the others as in `plan`, those `inside` as in `local`. None
    when the combination breaks a rule of `instance` (it cannot, by construction; checked so a
    claim never rests on a broken plan)."""
    assignments = tuple(a for a in plan.assignments if a.participant not in inside)
    assignments += local.assignments
    if check_plan(instance, list(assignments)):
        return None
    outcome = {o.id: o for o in plan.participants}
    outcome.update((o.id, o) for o in local.participants)
    outcomes = tuple(outcome[p.id] for p in instance.participants)
    at_min = sum(o.meets_minimum for o in outcomes)
    stats = replace(
        plan.stats,
        seconds=local.stats.seconds,
        participants_at_minimum=at_min,
        upper_bound=max(plan.stats.upper_bound, at_min),
        shortfall_hours=round(sum(o.shortfall_hours for o in outcomes), 6),
        volunteers_given=sum(a.kind != "placement" for a in assignments),
    )
    return Result("feasible", assignments, outcomes, stats)
