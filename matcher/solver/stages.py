"""Solving a MatchModel goal by goal, in the order of goals.GOALS (the Solve section of the
CP-SAT model)."""

import time

from ortools.sat.python import cp_model

from matcher.solver.candidates import Candidates
from matcher.solver.clock import BUILD_CHARGE, Clock
from matcher.solver.cpsat import STATUS, MatchModel, Options
from matcher.solver.goals import AT_MINIMUM, GOALS, STABILITY, Goal
from matcher.solver.greedy import complete
from matcher.solver.plan import Plan, score


def solve_stages(
    c: Candidates,
    plan: Plan,
    free: list[int],
    clock: Clock,
    opts: Options,
    *,
    known_bound: int | None = None,
    progress=None,
):
    """Improve `plan` for the `free` participants stage by stage while `clock` has time.

    Returns (plan, stage records, proven upper bound of stage 1 for the free participants or None).
    """
    started = time.monotonic()
    mm = MatchModel(c, plan, free)
    records: list[dict] = [{"stage": "model", "seconds": round(time.monotonic() - started, 3)}]
    clock.charge(BUILD_CHARGE * (len(mm.x) + len(mm.y)))
    exprs = [goal.expression(mm) for goal in GOALS]
    best, bound = plan, None
    for k, goal in enumerate(GOALS):
        level = score(c, best, free)[k]
        budget = clock.left() * goal.share / sum(g.share for g in GOALS[k:])
        trivial = goal.trivial(mm, abs(level), known_bound)
        if trivial or budget < 0.05:
            _fix(mm, exprs[k], goal, level)
            if not trivial:
                records.append({"stage": goal.name, "status": "skipped", "value": abs(level)})
            continue
        _objective(mm, exprs, k, free)
        mm.hint(best)
        solver, status, seconds = run_model(mm.model, budget, opts, core=k == AT_MINIMUM)
        clock.charge(solver.response_proto.deterministic_time)
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            found = mm.read(solver, plan)
            if k < STABILITY:  # fill what the stage left towards the required rate
                found = complete(c, found)
            if score(c, found, free) > score(c, best, free):
                best = found
            if k == AT_MINIMUM:
                bound = round(solver.best_objective_bound)
        level = score(c, best, free)[k]
        _fix(mm, exprs[k], goal, level)
        records.append(
            {
                "stage": goal.name,
                "status": STATUS[status],
                "seconds": round(seconds, 3),
                "value": abs(level),
            }
        )
        if progress:
            progress(f"stage {goal.name}: {STATUS[status]}, value {abs(level)}, {seconds:.1f} s")
    return best, records, bound


def _objective(mm: MatchModel, exprs, k: int, free: list[int]) -> None:
    """Goal k's objective; for the goals above stability, fewer changes to `current` (goal 4)
    break ties.

    The tie-break weight W exceeds the largest possible number of changes, so one unit of the
    stage's own goal always outweighs any difference in changes: the order of goals holds, and
    the search stays near the running plan instead of moving people for nothing.
    """
    c, goal = mm.c, GOALS[k]
    units = sum(c.current_units[p] for p in free)
    expr = exprs[k]
    if k < STABILITY and units:
        weight = units + len(mm.x) + len(mm.y) + 1
        tie = -exprs[STABILITY] if goal.maximise else exprs[STABILITY]
        expr = weight * expr + tie
    if goal.maximise:
        mm.model.maximize(expr)
    else:
        mm.model.minimize(expr)


def _fix(mm: MatchModel, expr, goal: Goal, level: int) -> None:
    """Keep what the goal's stage achieved while the later stages run (`level` is signed)."""
    if goal.maximise:
        mm.model.add(expr >= level)
    else:
        mm.model.add(expr <= -level)


def run_model(model: cp_model.CpModel, seconds: float, opts: Options, *, core: bool = False):
    solver = cp_model.CpSolver()
    params = solver.parameters
    params.max_time_in_seconds = seconds
    if opts.deterministic:
        params.max_deterministic_time = seconds
        params.max_time_in_seconds = 3 * seconds + 1
    params.num_workers = opts.workers
    params.random_seed = opts.seed
    params.log_search_progress = False
    if opts.fast_presolve:
        params.cp_model_probing_level = 0
        params.symmetry_level = 0
    if core and opts.workers == 2:
        # Stage 1 is a pure Boolean count: core-based search proves it far sooner.
        params.subsolvers.extend(["core", "default_lp"])
    start = time.monotonic()
    status = solver.solve(model)
    return solver, status, time.monotonic() - start
