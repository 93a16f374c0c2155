"""Property tests on small random instances: every hard rule holds (the `run` fixture checks each
result independently) and the solver never reaches fewer participants than the greedy baseline."""

import copy

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from matcher.solver.candidates import build_candidates
from matcher.solver.dayparts import DAYPARTS
from matcher.solver.greedy import greedy
from matcher.solver.instance_io import parse_instance
from matcher.solver.plan import score

from .conftest import doc, north

DAYS = st.lists(st.sampled_from(DAYPARTS[:9]), min_size=1, max_size=5, unique=True)
LEVEL = st.sampled_from(["A0", "A1", "A2", "B1"])


@st.composite
def participants(draw, i: int):
    lat, lon = north(draw(st.floats(0, 8)))
    return {
        "id": f"p{i}",
        "lat": lat,
        "lon": lon,
        "max_km": draw(st.sampled_from([2, 5, 10])),
        "available": draw(DAYS),
        "min_hours": draw(st.sampled_from([0, 4, 6])),
        "max_hours": draw(st.sampled_from([3, 6, 8, 16])),
        "hours_done": draw(st.sampled_from([0, 400])),
        "weeks_left": draw(st.sampled_from([20, 104])),
        "language_level": draw(LEVEL),
        "interests": draw(st.lists(st.sampled_from(["groen", "zorg"]), max_size=1)),
        "wants": draw(st.lists(st.sampled_from(["taalmaatje", "buddy"]), max_size=2, unique=True)),
    }


@st.composite
def placements(draw, j: int):
    lat, lon = north(draw(st.floats(0, 8)))
    days = draw(DAYS)
    return {
        "id": f"s{j}",
        "lat": lat,
        "lon": lon,
        "category": draw(st.sampled_from(["groen", "zorg"])),
        "min_language_level": draw(LEVEL),
        "sessions": [
            {
                "daypart": d,
                "hours": draw(st.sampled_from([2, 2.5, 3, 4])),
                "capacity": draw(st.integers(0, 2)),
            }
            for d in days
        ],
    }


@st.composite
def volunteers(draw, k: int):
    lat, lon = north(draw(st.floats(0, 8)))
    vol = {
        "id": f"v{k}",
        "kind": draw(st.sampled_from(["taalmaatje", "buddy"])),
        "lat": lat,
        "lon": lon,
        "available": draw(DAYS),
        "capacity": draw(st.integers(0, 2)),
    }
    if draw(st.booleans()):
        vol["max_km"] = draw(st.sampled_from([1, 4]))
    return vol


@st.composite
def instances(draw):
    n, m, v = draw(st.integers(1, 7)), draw(st.integers(0, 4)), draw(st.integers(0, 3))
    return doc(
        [draw(participants(i)) for i in range(n)],
        [draw(placements(j)) for j in range(m)],
        [draw(volunteers(k)) for k in range(v)],
    )


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(instances())
def test_random_instances_keep_every_rule_and_beat_greedy(run, instance):
    out = run(instance, time_limit=2)
    greedy_plan = greedy(build_candidates(parse_instance(instance)))
    greedy_at_min = score(build_candidates(parse_instance(instance)), greedy_plan)[0]
    assert out["stats"]["participants_at_minimum"] >= greedy_at_min
    assert out["stats"]["participants_at_minimum"] <= out["stats"]["upper_bound"]


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(instances(), st.data())
def test_random_pins_and_current_are_respected(run, instance, data):
    first = run(instance, time_limit=1)
    for p in instance["participants"]:
        mine = [
            {k: a[k] for k in ("kind", "id", "dayparts")}
            for a in first["assignments"]
            if a["participant"] == p["id"]
        ]
        p["current"] = mine
        if mine and data.draw(st.booleans()):
            p["pinned"] = mine[:1]
    again = run(instance, time_limit=1)
    assert again["stats"]["participants_at_minimum"] >= first["stats"]["participants_at_minimum"]


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(instances(), st.data())
def test_random_forbidden_pairings_never_appear(run, instance, data):
    """R8: forbid some of what a first solve gave; the second solve (checked independently by
    the `run` fixture's feasibility check, rule 8) holds none of it."""
    first = run(instance, time_limit=1)
    for a in first["assignments"]:
        if data.draw(st.booleans()):
            person = next(p for p in instance["participants"] if p["id"] == a["participant"])
            person.setdefault("forbidden", []).append({"kind": a["kind"], "id": a["id"]})
    again = run(instance, time_limit=1)
    refused = {
        (p["id"], f["kind"], f["id"])
        for p in instance["participants"]
        for f in p.get("forbidden", [])
    }
    assert not refused & {(a["participant"], a["kind"], a["id"]) for a in again["assignments"]}


CANDIDATE_FIELDS = ("x_p", "x_s", "x_km", "x_interest", "y_p", "y_v", "y_day", "y_km")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances(), st.data())
def test_remembered_distances_build_the_same_candidates(instance, data):
    """The advice's memo of distances (geo.remembered_distances) changes no candidate edge or
    distance, for the same instance again and for one with a place added or moved, and is gone
    after the block."""
    from dataclasses import replace

    from matcher.solver import geo

    first = parse_instance(instance)
    shifted = copy.deepcopy(instance)
    for where in shifted["placements"]:
        where["lat"] += data.draw(st.sampled_from([0.0, 0.01, -0.02]))
    variants = [first, parse_instance(shifted)]
    if first.placements:
        added = replace(first.placements[0], id="added")
        variants.append(replace(first, placements=(*first.placements, added)))
    plain = [build_candidates(v) for v in variants]
    with geo.remembered_distances():
        remembered = [build_candidates(v) for v in variants + variants]
    assert geo._MEMO.get() is None
    for want, got in zip(plain + plain, remembered, strict=True):
        for field in CANDIDATE_FIELDS:
            assert getattr(got, field) == getattr(want, field), field
