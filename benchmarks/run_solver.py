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
        **_settling(s.stages),
    }


def _settling(stages) -> dict:
    """Moves made while bringing the plan to rest, and whether it got there (no move left, every
    check proven) within the time."""
    settles = [r for r in stages if r.get("stage") == "settle"]
    return {
        "settle_moves": sum(r["moves"] for r in settles),
        "displaced": sum(r["displaced"] for r in settles),
        "lifted": sum(r["lifted"] for r in stages if r.get("stage") == "lift"),
        "at_rest": any(r.get("at_rest") for r in stages),
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
    """Continuing participants who lost a current slot, split by why: forced (a slot of theirs
    became impossible, or its session's capacity fell below the number it held, so their plan
    broke); moved up (more participation hours towards their required rate, or another wanted
    volunteer); or gave way (their move let someone else gain)."""
    from matcher.solver.candidates import build_candidates

    c = build_candidates(instance)
    c.index_of = {q.id: i for i, q in enumerate(c.instance.participants)}
    have = {
        (a["participant"], a["kind"], a["id"], d) for a in out["assignments"] for d in a["dayparts"]
    }
    hours = {
        (pl["id"], s["daypart"]): s["hours"] for pl in doc["placements"] for s in pl["sessions"]
    }
    outcome = {o["id"]: o for o in out["participants"]}
    given = {}
    for a in out["assignments"]:
        given[a["participant"]] = given.get(a["participant"], 0) + (a["kind"] != "placement")
    holders: dict[tuple, int] = {}
    for p in doc["participants"]:
        for a in p.get("current", []):
            for d in a["dayparts"]:
                holders[(a["id"], d)] = holders.get((a["id"], d), 0) + (a["kind"] == "placement")
    capacity = {
        (pl["id"], s["daypart"]): s["capacity"] for pl in doc["placements"] for s in pl["sessions"]
    }

    def forced_out(unit) -> bool:
        """No longer allowed, or its session now holds fewer than those it held."""
        over = unit[1] == "placement" and capacity.get(unit[2:], 0) < holders[unit[2:]]
        return over or not _still_allowed(c, unit)

    continuing = lost = forced = moved_up = 0
    for p in doc["participants"]:
        units = {
            (p["id"], a["kind"], a["id"], d) for a in p.get("current", []) for d in a["dayparts"]
        }
        if not units:
            continue
        continuing += 1
        gone = units - have
        if not gone:
            continue
        lost += 1
        if any(forced_out(u) for u in gone):
            forced += 1
            continue
        required = outcome[p["id"]]["required_hours"]
        before = sum(hours.get((u[2], u[3]), 0) for u in units if u[1] == "placement")
        after = outcome[p["id"]]["participation_hours"]
        vols_before = sum(1 for u in units if u[1] != "placement")
        if min(after, required) > min(before, required) or given.get(p["id"], 0) > vols_before:
            moved_up += 1
    return {
        "continuing": continuing,
        "lost_a_slot": lost,
        "forced": forced,
        "moved_up": moved_up,
        "gave_way": lost - forced - moved_up,
    }


def _units_moved(before: dict, after: dict) -> int:
    """Assignment units (participant, kind, id, day-part) in one plan and not the other."""

    def units(out):
        return {
            (a["participant"], a["kind"], a["id"], d)
            for a in out["assignments"]
            for d in a["dayparts"]
        }

    return len(units(before) ^ units(after))


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
    from matcher.solve_command import result_document as result_to_json
    from matcher.solver.instance_io import parse_instance
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
        row["unchanged"]["units_moved"] = _units_moved(out, result_to_json(again))
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
