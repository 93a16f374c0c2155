"""The search after the greedy start: CP-SAT where it pays (`improve`), then the moves that bring
a plan to rest (`close`), which are also the only moves a running plan sees outside CP-SAT."""

import time

from matcher.solver import rules
from matcher.solver.candidates import Candidates
from matcher.solver.clock import Clock
from matcher.solver.greedy import urgency_order
from matcher.solver.lift import lift
from matcher.solver.plan import Plan, participation, score
from matcher.solver.settle import settle
from matcher.solver.stages import solve_stages
from matcher.solver.sweep import sweep

FULL_MODEL_EDGES = 150_000
CLUSTER_SIZE = 400
MAX_ROUNDS = 5


def unsettled(c: Candidates, plan: Plan) -> list[int]:
    """Participants without a running plan, or whose running plan could not be kept whole."""
    kept = [0] * c.n_participants
    for e in plan.x & c.current_x:
        kept[c.edge_participant(e)] += 1
    for e in plan.y & c.current_y:
        kept[c.meeting_participant(e)] += 1
    return [p for p in range(c.n_participants) if kept[p] < c.current_units[p] or not kept[p]]


def improve(c: Candidates, plan: Plan, free: list[int], clock: Clock, opts, alone, progress):
    """CP-SAT for the `free` participants against what the others hold: one model solved in
    stages when small enough, else the geographic cluster sweep.

    Returns (plan, stage records, proven bound of goal 1 for `free` or None, proven)."""
    known = sum(alone[p] for p in free)
    edges = sum(len(c.p_x[p]) + len(c.p_y[p]) for p in free)
    if edges <= FULL_MODEL_EDGES:
        plan, stages, bound = solve_stages(
            c, plan, free, clock, opts, known_bound=known, progress=progress
        )
        proven = all(r.get("status", "optimal") == "optimal" for r in stages)
        return plan, stages, bound, proven
    plan, stages = sweep(
        c, plan, clock, opts, size=CLUSTER_SIZE, alone=alone, people=free, progress=progress
    )
    return plan, stages, None, False


def close(c: Candidates, plan: Plan, clock: Clock, opts, alone, say) -> tuple[Plan, list[dict]]:
    """Bring the plan to rest with the moves a re-solve of the same instance would try:

    settle it (settle.py); place those still without anything (CP-SAT on them alone); and for
    each participant below the minimum who could reach it alone, re-plan them with everyone
    holding a seat they could use (stages.lift). Repeat after any gain, until a round finds
    nothing: a re-solve with this plan as `current` then finds nothing either.
    """
    records: list[dict] = []
    at_rest = False
    for _round in range(MAX_ROUNDS):
        started = time.monotonic()
        plan, record = settle(c, plan, clock, alone)
        records.append({**record, "seconds": round(time.monotonic() - started, 3)})
        say(f"settled: {record['moves']} moves, settled {record['settled']}")
        if not record["settled"]:
            break
        gained = False
        has = {c.edge_participant(e) for e in plan.x} | {c.meeting_participant(e) for e in plan.y}
        empty = [p for p in range(c.n_participants) if p not in has]
        if empty and clock.left() > 0.5:
            started, part = time.monotonic(), clock.part(clock.left() / 2)
            new, _, _, proven = improve(c, plan, empty, part, opts, alone, None)
            clock.charge(part.used)
            records.append(
                {
                    "stage": "unplaced",
                    "participants": len(empty),
                    "proven": proven,
                    "seconds": round(time.monotonic() - started, 3),
                }
            )
            if score(c, new) > score(c, plan):
                plan, gained = new, True
        started = time.monotonic()
        plan, lifted, unproven = _lift_all(c, plan, clock, opts, alone)
        records.append(
            {
                "stage": "lift",
                "lifted": lifted,
                "unproven": unproven,
                "seconds": round(time.monotonic() - started, 3),
            }
        )
        say(f"lifted to the minimum: {lifted}")
        if not (gained or lifted):
            at_rest = not unproven and all(r.get("proven", True) for r in records[-2:])
            break
    records.append({"stage": "rest", "at_rest": at_rest})
    return plan, records


def _lift_all(c: Candidates, plan: Plan, clock: Clock, opts, alone) -> tuple[Plan, int, int]:
    """stages.lift for everyone below the minimum who could reach it alone, most urgent first."""
    hours = participation(c, plan)
    below = [
        p for p in urgency_order(c) if alone[p] and not rules.meets_minimum(hours[p], c.p_min[p])
    ]
    lifted = unproven = 0
    for i, p in enumerate(below):
        left = clock.left()
        if left <= 0.05:
            unproven += len(below) - i
            break
        if rules.meets_minimum(participation(c, plan)[p], c.p_min[p]):
            continue  # lifted along with someone else
        for hops in (1, 2):
            part = clock.part(clock.left() / (len(below) - i) / (3 - hops))
            plan, up, proven = lift(c, plan, p, part, opts, alone, hops)
            clock.charge(part.used)
            if up or not proven:
                break
        lifted += up
        unproven += not (up or proven)
    return plan, lifted, unproven
