"""Solving a MatchModel goal by goal (the Solve section of the CP-SAT model)."""

import time

from ortools.sat.python import cp_model

from matcher.solver.candidates import Candidates
from matcher.solver.clock import BUILD_CHARGE, Clock
from matcher.solver.cpsat import SHARES, STAGES, STATUS, MatchModel, Options
from matcher.solver.greedy import complete
from matcher.solver.plan import Plan, score

MAXIMISE = (True, False, True, False, False)


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
    exprs = (mm.at_min, mm.shortfall, mm.given, mm.changes, mm.cost)
    best, bound = plan, None
    for k, name in enumerate(STAGES):
        level = score(c, best, free)[k]
        budget = clock.left() * SHARES[k] / sum(SHARES[k:])
        trivial = _trivial(c, mm, k, level, known_bound, free)
        if trivial or budget < 0.05:
            _fix(mm, exprs[k], k, level)
            if not trivial:
                records.append({"stage": name, "status": "skipped", "value": abs(level)})
            continue
        _objective(mm, exprs, k, free)
        mm.hint(best)
        solver, status, seconds = run_model(mm.model, budget, opts, core=k == 0)
        clock.charge(solver.response_proto.deterministic_time)
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            found = complete(c, mm.read(solver, plan)) if k < 3 else mm.read(solver, plan)
            if score(c, found, free) > score(c, best, free):
                best = found
            if k == 0:
                bound = round(solver.best_objective_bound)
        level = score(c, best, free)[k]
        _fix(mm, exprs[k], k, level)
        records.append(
            {
                "stage": name,
                "status": STATUS[status],
                "seconds": round(seconds, 3),
                "value": abs(level),
            }
        )
        if progress:
            progress(f"stage {name}: {STATUS[status]}, value {abs(level)}, {seconds:.1f} s")
    return best, records, bound


def _trivial(c: Candidates, mm: MatchModel, k: int, level: int, known_bound, free) -> bool:
    """Stages that cannot improve: bound already reached, nothing to give, nothing to keep."""
    if k == 0:
        return known_bound is not None and level >= known_bound
    if k == 1:
        return level == 0
    if k == 2:
        return not mm.y
    if k == 3:
        return not any(c.current_units[p] for p in free)
    return not mm.x and not mm.y


def _objective(mm: MatchModel, exprs, k: int, free: list[int]) -> None:
    """Stage k's goal; in stages 1–3, fewer changes to `current` break ties.

    The tie-break weight W exceeds the largest possible number of changes, so one unit of the
    stage's own goal always outweighs any difference in changes: the order of goals holds, and
    the search stays near the running plan instead of moving people for nothing.
    """
    c = mm.c
    units = sum(c.current_units[p] for p in free)
    if k < 3 and units:
        weight = units + len(mm.x) + len(mm.y) + 1
        if MAXIMISE[k]:
            mm.model.maximize(weight * exprs[k] - exprs[3])
        else:
            mm.model.minimize(weight * exprs[k] + exprs[3])
    elif MAXIMISE[k]:
        mm.model.maximize(exprs[k])
    else:
        mm.model.minimize(exprs[k])


def _fix(mm: MatchModel, expr, k: int, level: int) -> None:
    """Keep what stage k achieved while the later stages run."""
    if MAXIMISE[k]:
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
