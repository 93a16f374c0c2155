"""Lifting a participant to the weekly minimum by re-planning their neighbourhood with CP-SAT.

A participant below the minimum who could reach it alone is re-planned together with everyone
holding a seat they could use (with two hops, also everyone holding a seat those could use);
the rest of the plan stays fixed. First goal 1 alone on that neighbourhood: a pure Boolean count
that core-based search proves fast, so "no lift possible here" is a proof, which a re-solve of the
same instance repeats. Only when more people can reach the minimum does a second, time-limited
search pick, among such plans, one with the fewest changes to the running plan.
"""

from ortools.sat.python import cp_model

from matcher.solver.candidates import Candidates
from matcher.solver.clock import BUILD_CHARGE, Clock
from matcher.solver.cpsat import MatchModel, Options
from matcher.solver.goals import AT_MINIMUM
from matcher.solver.plan import Plan, score
from matcher.solver.stages import run_model

FOUND = (cp_model.OPTIMAL, cp_model.FEASIBLE)
CHANGES_SECONDS = 2.0  # at most, for the fewest changes once a lift is found


def neighbourhood(c: Candidates, plan: Plan, p: int, hops: int) -> list[int]:
    """p and everyone holding a seat p could use, repeated `hops` times."""
    near = {p}
    for _ in range(hops):
        seats = {c.edge_session(e) for q in near for e in c.p_x[q] if e not in c.forbidden_x}
        near |= {c.edge_participant(e) for e in plan.x if c.edge_session(e) in seats}
    return sorted(near)


def lift(c: Candidates, plan: Plan, p: int, clock: Clock, opts: Options, alone, hops: int = 1):
    """Returns (plan, lifted, proven): the plan is new only when more of p's neighbourhood reach
    the minimum; `proven` when CP-SAT proved that no more can."""
    free = neighbourhood(c, plan, p, hops)
    before = score(c, plan, free)[AT_MINIMUM]
    if before >= sum(alone[q] for q in free):
        return plan, False, True
    mm = MatchModel(c, plan, free)
    clock.charge(BUILD_CHARGE * (len(mm.x) + len(mm.y)))
    mm.model.maximize(mm.at_min)
    mm.hint(plan)
    solver, status, _ = run_model(mm.model, max(0.05, clock.left() / 2), opts, core=True)
    clock.charge(solver.response_proto.deterministic_time)
    proven = status == cp_model.OPTIMAL
    if status not in FOUND:
        return plan, False, False
    found = mm.read(solver, plan)
    reached = score(c, found, free)[AT_MINIMUM]
    if reached <= before:
        return plan, False, proven
    if any(c.current_units[q] for q in free) and clock.left() > 0.05:
        mm.model.add(mm.at_min >= reached)
        mm.model.minimize(mm.changes)
        mm.hint(found)
        solver, status, _ = run_model(mm.model, min(clock.left(), CHANGES_SECONDS), opts)
        clock.charge(solver.response_proto.deterministic_time)
        if status in FOUND:
            fewer = mm.read(solver, plan)
            if score(c, fewer, free)[AT_MINIMUM] >= reached:
                found = fewer
    # The lower goals of the neighbourhood are left to settling, which follows every lift.
    return found, True, proven
