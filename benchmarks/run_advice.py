"""Advice benchmark (docs/advice-format.md).

    .venv/bin/python benchmarks/run_advice.py S      # top suggestion against the exhaustive best
    .venv/bin/python benchmarks/run_advice.py M      # 10 suggestions: time, and against "nearby"
    .venv/bin/python benchmarks/run_advice.py M --placements 0.6   # M with 60 % of its places

S: the top suggestion's exact gain against the best single addition found by confirming every
candidate of the first round's grid exactly (warm-started re-solve, as the advice confirms).
M: time to 10 confirmed suggestions, and the sum of their gains against 10 additions from the
same grid chosen by "most participants below the minimum nearby" (the largest groups, one per
group), added together and solved cold with the same limit.
"""

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.generate import generate  # noqa: E402
from matcher.solver.advice import advise, confirm_limit  # noqa: E402
from matcher.solver.advice_confirm import confirm, figures  # noqa: E402
from matcher.solver.advice_grid import candidate_grid  # noqa: E402
from matcher.solver.advice_model import apply, new_id  # noqa: E402
from matcher.solver.advice_state import PlanState  # noqa: E402
from matcher.solver.instance_io import parse_instance  # noqa: E402
from matcher.solver.solve import solve  # noqa: E402


def top_against_exhaustive(seed: int, limit: float, workers: int) -> dict:
    """S: the advice's first suggestion against every candidate confirmed exactly."""
    instance = parse_instance(generate("S", seed))
    started = time.monotonic()
    advice = advise(instance, suggestions=1, time_limit=limit, workers=workers, seed=seed)
    advice_s = time.monotonic() - started
    top = advice.suggestions[0].gain.meets_minimum if advice.suggestions else 0
    baseline = solve(instance, time_limit=limit, workers=workers, seed=seed)
    grid = candidate_grid(PlanState(instance, baseline))
    best, started = 0, time.monotonic()
    ident = new_id(instance, 1)
    for s in grid:
        trial = confirm(
            instance,
            baseline,
            s,
            ident,
            limit=confirm_limit(limit),
            workers=workers,
            seed=seed,
        )
        if trial is not None:
            best = max(best, trial.gain.meets_minimum)
    return {
        "size": "S",
        "baseline_at_min": advice.baseline.meets_minimum,
        "top_gain": top,
        "exhaustive_best_gain": best,
        "ratio": round(top / best, 3) if best else None,
        "grid": len(grid),
        "advice_s": round(advice_s, 1),
        "exhaustive_s": round(time.monotonic() - started, 1),
    }


def nearby_choice(instance, baseline, k: int) -> list:
    """k additions by "most participants below the minimum nearby": the grid's largest groups
    (placement additions only), one addition per group."""
    grid = [s for s in candidate_grid(PlanState(instance, baseline)) if s.kind != "new_volunteer"]
    grid.sort(key=lambda s: (len(s.group), -s.size), reverse=True)
    chosen, groups = [], set()
    for s in grid:
        if s.group not in groups:
            groups.add(s.group)
            chosen.append(s)
        if len(chosen) == k:
            break
    return chosen


def ten_on_m(seed: int, limit: float, workers: int, k: int, share: float = 1.0) -> dict:
    """M: time to k confirmed suggestions, and their gains against the "nearby" choice.
    `share` < 1: only that share of M's placements (the first ones), so that more people are
    short and more additions help (generated M leaves 5–15 below the minimum)."""
    document = generate("M", seed)
    document["placements"] = document["placements"][: round(len(document["placements"]) * share)]
    instance = parse_instance(document)
    started = time.monotonic()
    advice = advise(instance, suggestions=k, time_limit=limit, workers=workers, seed=seed)
    seconds = time.monotonic() - started
    gains = sum(c.gain.meets_minimum for c in advice.suggestions)
    baseline = solve(instance, time_limit=limit, workers=workers, seed=seed)
    naive = nearby_choice(instance, baseline, len(advice.suggestions) or k)
    full = instance
    for rank, s in enumerate(naive, start=1):
        full = apply(full, s, new_id(full, rank))
    naive_result = solve(full, time_limit=limit, workers=workers, seed=seed)
    return {
        "size": "M",
        "placements_share": share,
        "limit": limit,
        "baseline_at_min": advice.baseline.meets_minimum,
        "suggestions": len(advice.suggestions),
        "seconds": round(seconds, 1),
        "sum_of_gains": gains,
        "nearby_additions": len(naive),
        "nearby_gain": figures(naive_result).meets_minimum - figures(baseline).meets_minimum,
        "stats": advice.stats,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("sizes", nargs="*", default=["S", "M"])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--time-limit", type=float, help="full-solve limit (S 5 s, M 15 s)")
    parser.add_argument("--suggestions", type=int, default=10)
    parser.add_argument(
        "--placements", type=float, default=1.0, help="M: keep this share of its placements"
    )
    args = parser.parse_args()
    for size in args.sizes:
        load_before = [round(x, 1) for x in os.getloadavg()]
        if size == "S":
            row = top_against_exhaustive(args.seed, args.time_limit or 5.0, args.workers)
        else:
            row = ten_on_m(
                args.seed, args.time_limit or 15.0, args.workers, args.suggestions, args.placements
            )
        row["load_avg_before"] = load_before
        row["load_avg_after"] = [round(x, 1) for x in os.getloadavg()]
        print(json.dumps(row), flush=True)


if __name__ == "__main__":
    main()
