"""Distance as a counted cause of a miss (issue 14): placements beyond a participant's reach that
would fit otherwise are counted, with the nearest of them, next to the other causes."""

import random

from .conftest import HOME, KM_LAT, doc, outcome, person, place
from .feasibility import LEVELS, km

MORNING = [("mon-am", 3, 5)]


def _codes(out: dict, participant: str = "p1") -> list[str]:
    return [r["code"] for r in outcome(out, participant)["reason_codes"]]


def _reason(out: dict, code: str, participant: str = "p1") -> dict:
    return next(r for r in outcome(out, participant)["reason_codes"] if r["code"] == code)


def test_one_fitting_place_beyond_reach(run):
    places = [place("near", at_km=1, sessions=MORNING), place("far", at_km=7.2, sessions=MORNING)]
    out = run(doc([person(max_km=5)], places))
    assert _codes(out) == ["out_of_reach", "too_few_hours"]
    far = _reason(out, "out_of_reach")
    assert (far["count"], far["nearest_km"], far["max_km"]) == (1, 7.2, 5)
    assert outcome(out, "p1")["reasons"][0] == (
        "1 plek met een passend dagdeel en taalniveau ligt verder dan 5 km (op 7,2 km)."
    )


def test_only_places_that_fit_otherwise_are_counted(run):
    p1 = person(max_km=5, language_level="A1", forbidden=[{"kind": "placement", "id": "refused"}])
    places = [
        place("near", at_km=1, sessions=MORNING),
        place("level", at_km=5.5, sessions=MORNING, min_language_level="B1"),
        place("weekend", at_km=5.6, sessions=[("sat-ev", 3, 5)]),
        place("refused", at_km=5.7, sessions=MORNING),
        place("f1", at_km=7.2, sessions=MORNING),
        place("f2", at_km=8, sessions=[("tue-pm", 3, 5)]),
        place("f3", at_km=12, sessions=MORNING, min_language_level="A1"),
    ]
    out = run(doc([p1], places))
    far = _reason(out, "out_of_reach")
    assert (far["count"], far["nearest_km"], far["max_km"]) == (3, 7.2, 5)
    assert outcome(out, "p1")["reasons"][0] == (
        "3 plekken met een passend dagdeel en taalniveau liggen verder dan 5 km "
        "(de dichtstbijzijnde op 7,2 km)."
    )


def test_no_cause_when_nothing_beyond_reach_would_fit(run):
    places = [
        place("near", at_km=1, sessions=MORNING),
        place("weekend", at_km=7, sessions=[("sat-ev", 3, 5)]),
    ]
    out = run(doc([person(max_km=5)], places))
    assert _codes(out) == ["too_few_hours"]


def test_a_participant_at_the_minimum_gets_no_distance_cause(run):
    places = [place("near", at_km=1), place("far", at_km=7)]
    out = run(doc([person(max_km=5)], places))
    assert outcome(out, "p1")["meets_minimum"] and _codes(out) == []


def test_distance_beside_every_other_cause(run):
    p1 = person("p1", max_km=5, language_level="A1", available=["mon-am", "tue-am"], hours_done=0)
    p2 = person("p2", max_km=5, language_level="A1", available=["mon-am", "tue-am"], hours_done=700)
    places = [
        place("level", at_km=1, min_language_level="B1"),
        place("weekend", at_km=2, sessions=[("sat-ev", 3, 5)]),
        place("full", at_km=1, sessions=[("mon-am", 3, 1), ("tue-am", 3, 1)]),
        place("f1", at_km=9, sessions=[("tue-am", 3, 2)]),
        place("f2", at_km=6.5, sessions=[("mon-am", 3, 2)]),
        place("f3", at_km=6, sessions=MORNING, min_language_level="B2"),
    ]
    out = run(doc([p1, p2], places))
    assert outcome(out, "p1")["meets_minimum"]
    assert _codes(out, "p2") == [
        "language_level",
        "no_shared_daypart",
        "out_of_reach",
        "capacity_taken",
    ]
    far = _reason(out, "out_of_reach", "p2")
    assert (far["count"], far["nearest_km"], far["max_km"]) == (2, 6.5, 5)
    level, days = _reason(out, "language_level", "p2"), _reason(out, "no_shared_daypart", "p2")
    assert (level["count"], days["count"], days["reachable"]) == (1, 1, 3)


def test_no_reachable_placement_stays_the_only_reason(run):
    out = run(doc([person(max_km=0.3)], [place(at_km=7)]))
    assert _codes(out) == ["no_reachable_placement"]


def _random_instance(seed: int) -> dict:
    rnd = random.Random(seed)
    dayparts = ["mon-am", "mon-pm", "tue-am", "wed-pm", "sat-ev"]

    def spot() -> dict:
        return {"lat": HOME[0] + rnd.uniform(-12, 12) * KM_LAT, "lon": HOME[1]}

    places = [
        {
            "id": f"s{j}",
            **spot(),
            "category": "groen",
            "min_language_level": rnd.choice(LEVELS),
            "sessions": [
                {"daypart": d, "hours": rnd.choice([2, 3, 4]), "capacity": rnd.randint(1, 2)}
                for d in rnd.sample(dayparts, rnd.randint(1, 2))
            ],
        }
        for j in range(25)
    ]
    people = [
        {
            "id": f"p{i}",
            **spot(),
            "max_km": rnd.choice([2, 4, 6]),
            "language_level": rnd.choice(LEVELS),
            "available": rnd.sample(dayparts, rnd.randint(1, 3)),
            "forbidden": [{"kind": "placement", "id": f"s{j}"} for j in rnd.sample(range(25), 3)],
        }
        for i in range(20)
    ]
    return doc(people, places)


def _expected(instance: dict, p: dict) -> dict:
    """The counts from the instance alone (instance-format.md rules R1–R4 and R8)."""
    level = p.get("language_level", "A0")
    refused = {f["id"] for f in p.get("forbidden", [])}
    reach, far = [], []
    counts = {"language_level": 0, "no_shared_daypart": 0, "rejected": 0}
    for s in instance["placements"]:
        d = km(p, s)
        fits_level = LEVELS.index(level) >= LEVELS.index(s.get("min_language_level", "A0"))
        fits_day = any(x["daypart"] in p["available"] for x in s["sessions"])
        if d <= p["max_km"]:
            reach.append(s)
            if s["id"] in refused:
                counts["rejected"] += 1
            elif not fits_level:
                counts["language_level"] += 1
            elif not fits_day:
                counts["no_shared_daypart"] += 1
        elif fits_level and fits_day and s["id"] not in refused:
            far.append(d)
    return {"reach": len(reach), "far": far, **counts}


def test_the_counts_agree_with_the_instance(run):
    seen = set()
    for seed in range(4):
        instance = _random_instance(seed)
        out = run(instance, time_limit=2)
        for p in instance["participants"]:
            o = outcome(out, p["id"])
            if o["meets_minimum"]:
                assert o["reason_codes"] == []
                continue
            want = _expected(instance, p)
            got = {r["code"]: r for r in o["reason_codes"]}
            if want["reach"] == 0:
                assert list(got) == ["no_reachable_placement"]
                continue
            for code in ("language_level", "no_shared_daypart", "rejected"):
                if want[code]:
                    assert got[code]["count"] == want[code], (seed, p["id"], code)
                    assert got[code]["reachable"] == want["reach"]
                else:
                    assert code not in got or "count" not in got[code], (seed, p["id"], code)
            if want["far"]:
                far = got["out_of_reach"]
                assert far["count"] == len(want["far"]) and far["max_km"] == p["max_km"]
                assert abs(far["nearest_km"] - min(want["far"])) <= 0.05 + 1e-9
            else:
                assert "out_of_reach" not in got
            seen.update(got)
    assert {"out_of_reach", "language_level", "no_shared_daypart", "rejected"} <= seen
