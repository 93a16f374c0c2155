"""Solver benchmark: for each size, the solver against the greedy baseline, and week to week.

    .venv/bin/python benchmarks/run_solver.py S M L            # default limits 5/30/120/300 s
    .venv/bin/python benchmarks/run_solver.py XL --no-week

Each size runs in its own process so that peak memory (max RSS) is per size.
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

LIMITS = {"S": 5.0, "M": 30.0, "L": 120.0, "XL": 300.0}


def figures(result) -> dict:
    """The benchmark's figures from a Result."""
    s = result.stats
    return {
        "status": result.status,
        "seconds": s.seconds,
        "build_s": s.build_seconds,
        "at_min": s.participants_at_minimum,
        "bound": s.upper_bound,
        "gap": s.gap,
        "shortfall_h": round(s.shortfall_hours, 1),
        "vol_given": s.volunteers_given,
        "vol_wanted": s.volunteers_wanted,
        "greedy_at_min": s.greedy_at_minimum,
        "changed": s.current_changed,
        "kept": s.current_kept,
    }


def greedy_figures(instance) -> dict:
    """The greedy baseline alone: time, participants at minimum, shortfall, volunteers."""
    from matcher.solver.candidates import build_candidates
    from matcher.solver.greedy import greedy
    from matcher.solver.plan import participation

    start = time.monotonic()
    c = build_candidates(instance)
    plan = greedy(c, keep_current=bool(c.current_x or c.current_y))
    seconds = time.monotonic() - start
    hours = participation(c, plan)
    at_min = sum(hours[p] >= c.p_min[p] for p in range(c.n_participants))
    short = sum(
        max(0.0, p.required - hours[i] / 100) for i, p in enumerate(c.instance.participants)
    )
    return {
        "seconds": round(seconds, 2),
        "at_min": at_min,
        "shortfall_h": round(short, 1),
        "vol_given": len(plan.y),
    }


def lost_slots(doc: dict, out: dict, instance) -> dict:
    """Continuing participants who lost a current slot, and how many of those slots became
    impossible (no longer a candidate)."""
    from matcher.solver.candidates import build_candidates

    c = build_candidates(instance)
    c.index_of = {q.id: i for i, q in enumerate(c.instance.participants)}
    have = {
        (a["participant"], a["kind"], a["id"], d) for a in out["assignments"] for d in a["dayparts"]
    }
    continuing, lost, forced = 0, 0, 0
    for p in doc["participants"]:
        units = {
            (p["id"], a["kind"], a["id"], d) for a in p.get("current", []) for d in a["dayparts"]
        }
        if not units:
            continue
        continuing += 1
        gone = units - have
        if gone:
            lost += 1
            forced += all(not _still_allowed(c, u) for u in gone)
    return {"continuing": continuing, "lost_a_slot": lost, "only_impossible_slots": forced}


def _still_allowed(c, unit) -> bool:
    """Whether a current unit is still a candidate edge (allowed by the hard rules alone)."""
    from matcher.solver.dayparts import INDEX

    pid, kind, ident, day = unit
    p = c.index_of[pid]
    if kind == "placement":
        return any(
            c.instance.placements[c.s_place[c.x_s[e]]].id == ident
            and c.s_day[c.x_s[e]] == INDEX[day]
            for e in c.p_x[p]
        )
    return any(
        c.instance.volunteers[c.y_v[e]].id == ident and c.y_day[e] == INDEX[day] for e in c.p_y[p]
    )


def run_one(size: str, limit: float, seed: int, workers: int, week: bool) -> dict:
    """Solve one size (and its next week); returns all figures."""
    from benchmarks.generate import generate, next_week
    from matcher.solver.instance_io import parse_instance, result_to_json
    from matcher.solver.solve import solve

    started = time.monotonic()
    doc = generate(size, seed)
    instance = parse_instance(doc)
    row = {
        "size": size,
        "participants": len(doc["participants"]),
        "placements": len(doc["placements"]),
        "volunteers": len(doc["volunteers"]),
        "limit": limit,
        "greedy": greedy_figures(instance),
    }
    result = solve(instance, time_limit=limit, workers=workers, seed=seed)
    row["solver"] = figures(result)
    if week:
        out = result_to_json(result)
        plan: dict[str, list] = {}
        for a in out["assignments"]:
            plan.setdefault(a["participant"], []).append(
                {k: a[k] for k in ("kind", "id", "dayparts")}
            )
        unchanged = dict(
            doc, participants=[dict(p, current=plan.get(p["id"], [])) for p in doc["participants"]]
        )
        again = solve(parse_instance(unchanged), time_limit=limit, workers=workers, seed=seed)
        row["unchanged"] = figures(again)
        nxt = next_week(doc, out, seed)
        nxt_instance = parse_instance(nxt)
        following = solve(nxt_instance, time_limit=limit, workers=workers, seed=seed)
        row["next_week"] = figures(following)
        row["next_week"].update(lost_slots(nxt, result_to_json(following), nxt_instance))
    usage = resource.getrusage(resource.RUSAGE_SELF)
    row["peak_mb"] = round(usage.ru_maxrss / 1024)
    row["cpu_s"] = round(usage.ru_utime + usage.ru_stime)
    row["wall_s"] = round(time.monotonic() - started)
    row["load_avg"] = [round(x, 1) for x in os.getloadavg()]
    return row


def main() -> None:
    """Run the sizes asked for, one process each, and print one JSON line per size."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("sizes", nargs="*", default=["S", "M", "L"])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--time-limit", type=float, help="override the per-size default")
    parser.add_argument("--no-week", action="store_true", help="skip the week-to-week runs")
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        size = args.sizes[0]
        limit = args.time_limit or LIMITS[size]
        print(json.dumps(run_one(size, limit, args.seed, args.workers, not args.no_week)))
        return
    for size in args.sizes:
        cmd = [
            sys.executable,
            __file__,
            size,
            "--one",
            "--seed",
            str(args.seed),
            "--workers",
            str(args.workers),
        ]
        if args.time_limit:
            cmd += ["--time-limit", str(args.time_limit)]
        if args.no_week:
            cmd.append("--no-week")
        line = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout  # noqa: S603
        print(line.strip(), flush=True)


if __name__ == "__main__":
    main()
