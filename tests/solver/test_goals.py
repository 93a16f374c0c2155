"""Goals in order, stability, determinism, reasons and statistics."""

from .conftest import doc, outcome, person, place, placed, volunteer

WEEK = [f"{d}-{p}" for d in ("mon", "tue", "wed", "thu", "fri") for p in ("am", "pm")]


def test_goal1_before_goal2(run):
    # p1 is far behind and could use all four sessions (12 h); p2 reaching 6 h comes first.
    days = ["mon-am", "tue-am", "wed-am", "thu-am"]
    urgent = person("p1", hours_done=0, weeks_left=10, available=days)
    calm = person("p2", available=days[:2], hours_done=700, weeks_left=100)
    out = run(doc([urgent, calm], [place(sessions=[(d, 3, 1) for d in days])]))
    assert placed(out, "p2") == {"s1": ["mon-am", "tue-am"]}
    assert placed(out, "p1") == {"s1": ["wed-am", "thu-am"]}
    assert out["stats"]["participants_at_minimum"] == out["stats"]["upper_bound"] == 2


def test_goal2_most_behind_gets_the_extra_hours(run):
    sessions = [("mon-am", 3, 2), ("tue-am", 3, 2), ("wed-am", 3, 1)]
    behind = person("p1", hours_done=0, weeks_left=50)  # needs 16 h/week, capped by max_hours
    ahead = person("p2", hours_done=790, weeks_left=50)  # needs 6 h/week
    out = run(doc([behind, ahead], [place(sessions=sessions)]))
    assert outcome(out, "p1")["participation_hours"] == 9
    assert outcome(out, "p2")["participation_hours"] == 6


def test_goal3_volunteers_given(run):
    people = [
        person(f"p{i}", wants=["taalmaatje"], available=["fri-ev", "thu-ev"]) for i in range(2)
    ]
    out = run(doc(people, [], [volunteer(available=["fri-ev", "thu-ev"], capacity=2)]))
    assert out["stats"]["volunteers_given"] == out["stats"]["volunteers_wanted"] == 2


def _week_instance() -> dict:
    places = [
        place(f"s{j}", at_km=j % 4, sessions=[(WEEK[(2 * j + k) % 10], 3, 1) for k in range(3)])
        for j in range(6)
    ]
    people = [
        person(
            f"p{i}",
            at_km=i % 3,
            wants=["buddy"] if i % 2 else [],
            available=[*WEEK[i % 3 :], "fri-ev"],
        )
        for i in range(6)
    ]
    vols = [volunteer("b1", "buddy", capacity=2, available=["fri-ev", "mon-am"])]
    return doc(people, places, vols)


def _with_current(instance: dict, out: dict) -> dict:
    for p in instance["participants"]:
        p["current"] = [
            {k: a[k] for k in ("kind", "id", "dayparts")}
            for a in out["assignments"]
            if a["participant"] == p["id"]
        ]
    return instance


def test_stability_unchanged_instance_keeps_everything(run):
    first = run(_week_instance())
    again = run(_with_current(_week_instance(), first), seed=7)
    strip = [
        {k: a[k] for k in ("participant", "kind", "id", "dayparts")} for a in first["assignments"]
    ]
    assert [
        {k: a[k] for k in ("participant", "kind", "id", "dayparts")} for a in again["assignments"]
    ] == strip
    assert again["stats"]["current_changed"] == 0
    assert all(
        any(f["code"] == "kept_from_current" for f in a["fit"]) for a in again["assignments"]
    )


def test_stability_keeps_a_worse_current_slot(run):
    # s2 is farther and not an interest, but it runs now: goal 4 keeps it over goal 5's preference.
    near = place("s1", at_km=0.5, category="zorg", sessions=[("mon-am", 3, 1), ("tue-am", 3, 1)])
    far = place("s2", at_km=6, sessions=[("mon-am", 3, 1), ("tue-am", 3, 1)])
    current = [{"kind": "placement", "id": "s2", "dayparts": ["mon-am", "tue-am"]}]
    out = run(doc([person(interests=["zorg"], current=current)], [near, far]))
    assert placed(out, "p1") == {"s2": ["mon-am", "tue-am"]}
    out = run(doc([person(interests=["zorg"])], [near, far]))
    assert placed(out, "p1") == {"s1": ["mon-am", "tue-am"]}


def test_stability_gives_way_to_a_higher_goal(run):
    # p1 runs on s1 mon+tue; p2 can only reach s1: moving p1 to s2 lifts p2 to the minimum.
    s1 = place("s1", sessions=[("mon-am", 3, 1), ("tue-am", 3, 1)])
    s2 = place("s2", at_km=-6, sessions=[("mon-am", 3, 1), ("tue-am", 3, 1)])
    current = [{"kind": "placement", "id": "s1", "dayparts": ["mon-am", "tue-am"]}]
    p1 = person("p1", current=current)
    p2 = person("p2", at_km=3, max_km=3)
    out = run(doc([p1, p2], [s1, s2]))
    assert all(o["meets_minimum"] for o in out["participants"])
    assert out["stats"]["current_changed"] > 0


def test_determinism_one_worker_fixed_seed(run):
    a = run(_week_instance(), seed=3)
    b = run(_week_instance(), seed=3)
    for x in (a, b):
        x["stats"].pop("seconds"), x["stats"].pop("build_seconds")
        for stage in x["stats"]["stages"]:
            stage.pop("seconds", None)
    assert a == b


def test_reasons_codes_and_dutch(run):
    people = [
        person("far", max_km=0.3),
        person("level", language_level="A0"),
        person("days", available=["sat-ev"]),
        person("few", available=["mon-am"]),
        person("cap", max_hours=5),
    ]
    places = [
        place(
            "s1", at_km=5, min_language_level="A0", sessions=[("mon-am", 3, 5), ("tue-am", 3, 5)]
        ),
        place("s2", at_km=0.5, min_language_level="B1"),
    ]
    out = run(doc(people, places))
    codes = {o["id"]: [r["code"] for r in o["reason_codes"]] for o in out["participants"]}
    assert codes == {
        "far": ["no_reachable_placement"],
        "level": [],
        # every cause that applies: s2 within reach asks B1 (issue 14)
        "days": ["language_level", "no_shared_daypart"],
        "few": ["language_level", "too_few_hours"],
        "cap": ["language_level", "load_cap"],
    }
    level = outcome(out, "days")["reason_codes"][0]
    assert (level["count"], level["reachable"], level["lowest_needed"]) == (1, 2, "B1")
    cap = outcome(out, "cap")["reason_codes"][1]
    assert (cap["max_hours"], cap["minimum"], cap["possible_hours"]) == (5, 5, 3)
    far = outcome(out, "far")
    assert far["reason_codes"][0]["nearest_km"] == 0.5
    assert far["reasons"] == ["Geen plek binnen 0,3 km; de dichtstbijzijnde ligt op 0,5 km."]


def test_reason_language_level(run):
    out = run(doc([person(language_level="A1")], [place(min_language_level="B1")]))
    assert outcome(out, "p1")["reason_codes"] == [
        {"code": "language_level", "level": "A1", "lowest_needed": "B1", "reachable": 1, "count": 1}
    ]


def test_reason_capacity_taken_by_more_urgent(run):
    people = [person("p1", hours_done=0, weeks_left=20), person("p2", hours_done=700)]
    out = run(doc(people, [place()]))
    assert outcome(out, "p2")["reason_codes"] == [
        {
            "code": "capacity_taken",
            "sessions": 2,
            "taken_by": 1,
            "more_urgent": 1,
            "at_minimum": 1,
            "most_hours": 3.0,
        }
    ]


def test_reasons_for_missing_volunteers(run):
    people = [
        person("p1", wants=["taalmaatje", "buddy"], available=["fri-ev"]),
        person("p2", wants=["taalmaatje"], available=["mon-ev"]),
        person("p3", wants=["taalmaatje"], available=["fri-ev"], hours_done=799),
    ]
    out = run(doc(people, [], [volunteer("t1")]))
    codes = {o["id"]: [r["code"] for r in o["reason_codes"]] for o in out["participants"]}
    assert "no_volunteer_reachable" in codes["p1"]  # no buddy at all
    assert "no_volunteer_daypart" in codes["p2"]
    assert sorted(codes["p1"] + codes["p3"]).count("volunteer_capacity_taken") == 1


def test_assignment_fit_reasons(run):
    out = run(doc([person(interests=["groen"])], [place(at_km=2)]))
    fit = out["assignments"][0]["fit"]
    assert {"code": "distance", "km": 2.0} in fit and {
        "code": "interest",
        "category": "groen",
    } in fit


def test_empty_instance(run):
    out = run(doc())
    assert out["assignments"] == [] and out["participants"] == [] and out["status"] == "optimal"


def test_zero_time_limit_still_returns_a_plan(run):
    out = run(_week_instance(), time_limit=0)
    assert out["assignments"] and out["status"] == "feasible"
    assert out["stats"]["participants_at_minimum"] >= out["stats"]["greedy_at_minimum"]


def test_cluster_sweep_keeps_every_rule(run, monkeypatch):
    import random

    import matcher.solver.search as search_module

    monkeypatch.setattr(search_module, "FULL_MODEL_EDGES", 0)
    monkeypatch.setattr(search_module, "CLUSTER_SIZE", 8)
    rng = random.Random(4)
    people = [
        person(
            f"p{i}",
            at_km=rng.uniform(0, 12),
            available=rng.sample(WEEK, 5),
            wants=["taalmaatje"] if i % 3 == 0 else [],
        )
        for i in range(30)
    ]
    places = [
        place(
            f"s{j}",
            at_km=rng.uniform(0, 12),
            sessions=[(d, rng.choice([2, 3, 4]), rng.randint(1, 2)) for d in rng.sample(WEEK, 3)],
        )
        for j in range(14)
    ]
    vols = [
        volunteer(f"t{k}", at_km=rng.uniform(0, 12), available=rng.sample(WEEK, 3))
        for k in range(4)
    ]
    out = run(doc(people, places, vols), time_limit=1.5)
    assert any(s["stage"].startswith("sweep") for s in out["stats"]["stages"])
    assert out["stats"]["participants_at_minimum"] >= out["stats"]["greedy_at_minimum"]
