"""An independent feasibility check of a matcher-result/1 against its matcher-instance/1.

Written from instance-format.md alone: it reads the two JSON documents and knows nothing of the
solver's code. `check(instance, result)` returns the list of broken rules (empty when all hold).
"""

import math
from collections import Counter

LEVELS = ["A0", "A1", "A2", "B1", "B2"]
PARTICIPANT_DEFAULTS = {
    "min_hours": 6,
    "max_hours": 16,
    "language_level": "A0",
    "wants": [],
    "pinned": [],
    "forbidden": [],
}


def km(a: dict, b: dict) -> float:
    """Haversine distance on a sphere of radius 6371.0088 km."""
    p1, p2 = math.radians(a["lat"]), math.radians(b["lat"])
    h = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(b["lon"] - a["lon"]) / 2) ** 2
    )
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


def check(instance: dict, result: dict) -> list[str]:
    """Every hard rule 1–8 and the result's own bookkeeping; returns the problems found."""
    people = {p["id"]: {**PARTICIPANT_DEFAULTS, **p} for p in instance["participants"]}
    places = {p["id"]: p for p in instance["placements"]}
    vols = {
        v["id"]: {"capacity": 1, "session_hours": 2, **v} for v in instance.get("volunteers", [])
    }
    problems: list[str] = []
    if result.get("format") != "matcher-result/1":
        problems.append("format is not matcher-result/1")
    if result.get("status") not in ("optimal", "feasible", "infeasible", "no_solution"):
        problems.append(f"unknown status {result.get('status')!r}")
    used, hours, support, seats, meets, kinds, pairs = (Counter() for _ in range(7))
    given = {}
    for a in result["assignments"]:
        problems += _one(a, people, places, vols, used, hours, support, seats, meets, kinds, pairs)
        given.setdefault(a["participant"], set()).add(a["kind"])
    problems += [f"{k}: day-part used twice" for k, n in used.items() if n > 1]
    problems += [f"session {k} over capacity" for k, n in seats.items() if n > _cap(places, *k)]
    problems += [f"{k}: two assignments for one pair" for k, n in pairs.items() if n > 1]
    for vid, v in vols.items():
        if meets[vid] > v["capacity"]:
            problems.append(f"volunteer {vid} over capacity")
    for pid, p in people.items():
        if hours[pid] + support[pid] > p["max_hours"] + 1e-9:
            problems.append(f"{pid}: over max_hours")
        for pin in p["pinned"]:
            if not _present(result["assignments"], pid, pin):
                problems.append(f"{pid}: pin {pin} missing or changed")
    problems += _outcomes(result, people, hours, support, given)
    return problems


def _cap(places: dict, pid: str, daypart: str) -> int:
    return next(s["capacity"] for s in places[pid]["sessions"] if s["daypart"] == daypart)


def _one(a, people, places, vols, used, hours, support, seats, meets, kinds, pairs) -> list[str]:
    """Rules 1–6 for one assignment; tallies what the joint checks need."""
    p = people.get(a["participant"])
    if p is None:
        return [f"unknown participant {a['participant']}"]
    out, tag = [], f"{a['participant']}->{a['id']}"
    pairs[(a["participant"], a["kind"], a["id"])] += 1
    if any(f["kind"] == a["kind"] and f["id"] == a["id"] for f in p["forbidden"]):
        out.append(f"{tag}: forbidden pairing (rule 8)")
    for d in a["dayparts"]:
        used[(a["participant"], d)] += 1
        if d not in p["available"]:
            out.append(f"{tag}: participant not available {d}")
    if a["kind"] == "placement":
        place = places.get(a["id"])
        if place is None:
            return [*out, f"{tag}: unknown placement"]
        sessions = {s["daypart"]: s for s in place["sessions"]}
        if km(p, place) > p["max_km"]:
            out.append(f"{tag}: out of reach")
        if LEVELS.index(p["language_level"]) < LEVELS.index(place.get("min_language_level", "A0")):
            out.append(f"{tag}: language level")
        for d in a["dayparts"]:
            if d not in sessions:
                out.append(f"{tag}: no session {d}")
                continue
            seats[(a["id"], d)] += 1
            hours[a["participant"]] += sessions[d]["hours"]
        return out
    v = vols.get(a["id"])
    if v is None or v["kind"] != a["kind"]:
        return [*out, f"{tag}: unknown {a['kind']}"]
    if a["kind"] not in p["wants"]:
        out.append(f"{tag}: not wanted")
    kinds[(a["participant"], a["kind"])] += 1
    if kinds[(a["participant"], a["kind"])] > 1:
        out.append(f"{tag}: second {a['kind']}")
    if len(a["dayparts"]) != 1 or a["dayparts"][0] not in v["available"]:
        out.append(f"{tag}: meeting day-part")
    if km(p, v) > min(p["max_km"], v.get("max_km", math.inf)):
        out.append(f"{tag}: volunteer out of reach")
    for d in a["dayparts"]:
        used[("volunteer", a["id"], d)] += 1
    meets[a["id"]] += 1
    support[a["participant"]] += v["session_hours"]
    return out


def _present(assignments: list[dict], pid: str, pin: dict) -> bool:
    return any(
        a["participant"] == pid
        and a["kind"] == pin["kind"]
        and a["id"] == pin["id"]
        and sorted(a["dayparts"]) == sorted(pin["dayparts"])
        for a in assignments
    )


def _outcomes(result, people, hours, support, given) -> list[str]:
    """Each participant once, with hours, minimum and reasons that agree with the plan."""
    out, seen = [], Counter(o["id"] for o in result["participants"])
    if set(seen) != set(people) or any(n > 1 for n in seen.values()):
        out.append("participants list does not hold every participant exactly once")
    for o in result["participants"]:
        p = people.get(o["id"])
        if p is None:
            continue
        if abs(o["participation_hours"] - hours[o["id"]]) > 1e-6:
            out.append(f"{o['id']}: participation_hours {o['participation_hours']}")
        if abs(o["support_hours"] - support[o["id"]]) > 1e-6:
            out.append(f"{o['id']}: support_hours {o['support_hours']}")
        meets = hours[o["id"]] >= min(p["min_hours"], p["max_hours"]) - 1e-9
        if o["meets_minimum"] != meets:
            out.append(f"{o['id']}: meets_minimum wrong")
        missing = set(p["wants"]) - given.get(o["id"], set())
        if bool(o["reasons"]) != (not meets or bool(missing)):
            out.append(f"{o['id']}: reasons {o['reasons']!r} do not match the plan")
    return out
