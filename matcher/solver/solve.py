"""The public entry point: `solve(instance, time_limit=…, workers=…, seed=…) -> Result`."""

import time
from dataclasses import replace

from matcher.solver import rules
from matcher.solver.bounds import individual_bound
from matcher.solver.candidates import Candidates, build_candidates
from matcher.solver.clock import Clock
from matcher.solver.cpsat import Options
from matcher.solver.dayparts import DAYPARTS, sort_dayparts
from matcher.solver.explain import Explainer
from matcher.solver.goals import AT_MINIMUM, position
from matcher.solver.greedy import greedy
from matcher.solver.model import Assignment, Instance, ParticipantOutcome, Reason, Result, Stats
from matcher.solver.plan import Plan, participation, score
from matcher.solver.search import close, improve, unsettled

# Shares of the time limit for the CP-SAT search; the rest brings the plan to rest (close),
# which is where goal 1 gains most near the end, and which a stable week-to-week plan needs.
SEARCH_SHARE = 0.7
SEARCH_SHARE_WITH_CURRENT = 0.5


def solve(
    instance: Instance, *, time_limit: float, workers: int, seed: int, progress=None
) -> Result:
    """Best plan found within `time_limit` seconds (never worse than the greedy baseline).

    Without a `current` plan: CP-SAT over everyone, then the plan is settled (settle.py). With
    one: the running plan is kept where it is still allowed, CP-SAT places only those without a
    running plan or whose plan broke, and the same settling moves do the rest, so a running
    match changes only for a gain at goals 1–3 and an unchanged instance changes nothing.
    """
    start = time.monotonic()
    # Keep a little time back for writing the result, so the run ends within the limit.
    clock = Clock(time_limit - min(0.05 * time_limit, 3.0), deterministic=workers == 1)
    say = progress or (lambda _message: None)
    c = build_candidates(instance)
    built = time.monotonic() - start
    # The greedy plan is both the search's start and the baseline the result never falls below.
    baseline = plan = start_plan(c)
    greedy_at_min = score(c, baseline)[AT_MINIMUM]
    upper, alone = individual_bound(c, plan)
    say(f"candidates built, greedy start: {score(c, plan)[AT_MINIMUM]} at minimum, bound {upper}")
    opts = Options(workers=workers, seed=seed, fast_presolve=len(c.x_p) > 20_000)
    everyone = list(range(c.n_participants))
    running = any(c.current_units)
    free = unsettled(c, plan) if running else everyone
    search = clock.part(clock.left() * (SEARCH_SHARE_WITH_CURRENT if running else SEARCH_SHARE))
    plan, stages, bound, proven = improve(c, plan, free, search, opts, alone, progress)
    clock.charge(search.used)
    if free == everyone and bound is not None:
        upper = min(upper, bound)
    built += stages[0]["seconds"] if stages[0]["stage"] == "model" else 0.0
    plan, closing = close(c, plan, clock, opts, alone, say)
    stages += closing
    if score(c, baseline) > score(c, plan):
        plan = baseline
    at_min = score(c, plan)[AT_MINIMUM]
    status = "optimal" if proven and free == everyone and at_min >= upper else "feasible"
    result = build_result(c, plan, status, time.monotonic() - start, upper, greedy_at_min, stages)
    return replace(result, stats=replace(result.stats, build_seconds=round(built, 3)))


def start_plan(c: Candidates) -> Plan:
    """The greedy plan. With a running plan it is what a coordinator does by hand: keep what
    still fits and fill the rest."""
    return greedy(c, keep_current=bool(c.current_x or c.current_y))


def build_result(
    c: Candidates, plan: Plan, status: str, seconds: float, upper: int, greedy_at_min: int, stages
) -> Result:
    """Assemble the Result dataclasses with outcomes, reasons and statistics."""
    outcomes = _outcomes(c, plan)
    wanted = sum(len(p.wants) for p in c.instance.participants)
    at_min = sum(o.meets_minimum for o in outcomes)
    upper = max(upper, at_min)
    kept, changed = _stability(c, plan)
    stats = Stats(
        seconds=round(seconds, 3),
        participants_at_minimum=at_min,
        upper_bound=upper,
        gap=round((upper - at_min) / upper, 6) if upper else 0.0,
        greedy_at_minimum=greedy_at_min,
        shortfall_hours=round(sum(o.shortfall_hours for o in outcomes), 6),
        volunteers_wanted=wanted,
        volunteers_given=len(plan.y),
        current_kept=kept,
        current_changed=changed,
        stages=tuple(stages),
    )
    return Result(status, _assignments(c, plan), tuple(outcomes), stats)


def _outcomes(c: Candidates, plan: Plan) -> list[ParticipantOutcome]:
    """Hours, minimum and reasons per participant, in instance order."""
    _, alone = individual_bound(c, plan)
    explainer = Explainer(c, plan, participation(c, plan), alone)
    worked, support = [0.0] * c.n_participants, [0.0] * c.n_participants
    kinds: list[set[str]] = [set() for _ in range(c.n_participants)]
    for e in plan.x:
        worked[c.edge_participant(e)] += c.edge_hours(e)
    for e in plan.y:
        support[c.meeting_participant(e)] += c.meeting_hours(e)
        kinds[c.meeting_participant(e)].add(c.meeting_kind(e))
    outcomes = []
    for p, person in enumerate(c.instance.participants):
        meets = rules.meets_minimum(worked[p], person.minimum)
        reasons = [] if meets else explainer.below_minimum(p)
        reasons += [explainer.missing_volunteer(p, k) for k in sorted(person.wants - kinds[p])]
        required = person.required
        outcomes.append(
            ParticipantOutcome(
                person.id,
                round(worked[p], 6),
                round(support[p], 6),
                meets,
                round(required, 6),
                round(max(0.0, required - worked[p]), 6),
                tuple(reasons),
            )
        )
    return outcomes


def _stability(c: Candidates, plan: Plan) -> tuple[int, int]:
    """Current units kept, and current units dropped plus units added for continuing people."""
    kept = len(plan.x & c.current_x) + len(plan.y & c.current_y)
    return kept, -score(c, plan)[position("changes")]


def _assignments(c: Candidates, plan: Plan) -> tuple[Assignment, ...]:
    """Result assignments in participant order: placements (all day-parts), then volunteers."""
    inst = c.instance
    people = inst.participants
    grouped: dict[tuple[int, int], list[int]] = {}
    for e in plan.x:
        grouped.setdefault((c.edge_participant(e), c.edge_placement(e)), []).append(e)
    rows = []
    for (p, j), edges in grouped.items():
        placement = inst.placements[j]
        days = sort_dayparts(DAYPARTS[c.edge_daypart(e)] for e in edges)
        fit = [Reason("distance", {"km": round(c.edge_km(edges[0]), 2)})]
        if c.edge_liked(edges[0]):
            fit.append(Reason("interest", {"category": placement.category}))
        if all(e in c.pinned_x for e in edges):
            fit.append(Reason("pinned", {}))
        elif all(e in c.current_x for e in edges):
            fit.append(Reason("kept_from_current", {}))
        rows.append(
            ((p, 0, j), Assignment(people[p].id, "placement", placement.id, days, tuple(fit)))
        )
    for e in plan.y:
        p, v = c.meeting_participant(e), c.meeting_volunteer(e)
        fit = [Reason("distance", {"km": round(c.meeting_km(e), 2)})]
        if e in c.pinned_y:
            fit.append(Reason("pinned", {}))
        elif e in c.current_y:
            fit.append(Reason("kept_from_current", {}))
        rows.append(
            (
                (p, 1, v),
                Assignment(
                    people[p].id,
                    c.meeting_kind(e),
                    inst.volunteers[v].id,
                    (DAYPARTS[c.meeting_daypart(e)],),
                    tuple(fit),
                ),
            )
        )
    return tuple(a for _, a in sorted(rows, key=lambda row: row[0]))
