"""Each hard rule of instance-format.md alone: a case where it allows, one where it forbids."""

from .conftest import doc, outcome, person, place, placed, volunteer


def test_rule1_only_available_dayparts(run):
    out = run(
        doc([person(available=["mon-am"])], [place(sessions=[("mon-am", 3, 1), ("tue-am", 3, 1)])])
    )
    assert placed(out, "p1") == {"s1": ["mon-am"]}


def test_rule1_one_activity_per_daypart(run):
    out = run(
        doc(
            [person(available=["mon-am"], min_hours=3)],
            [place("s1", sessions=[("mon-am", 3, 1)]), place("s2", sessions=[("mon-am", 3, 1)])],
        )
    )
    assert sum(len(d) for d in placed(out, "p1").values()) == 1


def test_rule2_capacity(run):
    people = [person(f"p{i}", min_hours=3) for i in range(3)]
    out = run(doc(people, [place(sessions=[("mon-am", 3, 2)])]))
    assert sum(o["meets_minimum"] for o in out["participants"]) == 2
    out = run(doc(people, [place(sessions=[("mon-am", 3, 3)])]))
    assert all(o["meets_minimum"] for o in out["participants"])


def test_rule2_capacity_zero_session_unused(run):
    out = run(doc([person(min_hours=3)], [place(sessions=[("mon-am", 3, 0)])]))
    assert out["assignments"] == []


def test_rule2_only_dayparts_with_a_session(run):
    out = run(doc([person(available=["mon-am", "tue-am"])], [place(sessions=[("mon-am", 3, 1)])]))
    assert placed(out, "p1") == {"s1": ["mon-am"]}


def test_rule3_reach_boundary(run):
    inside = run(doc([person(max_km=5)], [place(at_km=4.99)]))
    assert placed(inside, "p1") == {"s1": ["mon-am", "wed-am"]}
    outside = run(doc([person(max_km=5)], [place(at_km=5.01)]))
    assert outside["assignments"] == []


def test_rule3_volunteer_needs_both_radii(run):
    p = person(wants=["taalmaatje"], available=["fri-ev"], max_km=10)
    assert run(doc([p], [], [volunteer(at_km=3, max_km=4)]))["assignments"]
    assert not run(doc([p], [], [volunteer(at_km=3, max_km=2)]))["assignments"]


def test_rule4_language_level(run):
    assert run(doc([person(language_level="A2")], [place(min_language_level="A2")]))["assignments"]
    assert not run(doc([person(language_level="A1")], [place(min_language_level="A2")]))[
        "assignments"
    ]


def test_rule5_load_cap_counts_volunteer_hours(run):
    p = person(max_hours=7, wants=["taalmaatje"], available=["mon-am", "wed-am", "fri-ev"])
    out = run(doc([p], [place()], [volunteer(session_hours=2)]))
    assert outcome(out, "p1")["participation_hours"] == 6
    assert outcome(out, "p1")["support_hours"] == 0  # 6 + 2 > 7: the minimum comes first


def test_rule5_minimum_capped_by_max_hours(run):
    out = run(doc([person(max_hours=4)], [place(sessions=[("mon-am", 4, 1), ("tue-am", 4, 1)])]))
    assert outcome(out, "p1")["meets_minimum"]
    assert outcome(out, "p1")["participation_hours"] == 4


def test_rule6_only_wanted_kind_one_each(run):
    vols = [
        volunteer("t1"),
        volunteer("t2", available=["fri-ev", "thu-ev"]),
        volunteer("b1", "buddy"),
    ]
    p = person(wants=["taalmaatje"], available=["fri-ev", "thu-ev"])
    out = run(doc([p], [], vols))
    kinds = [a["kind"] for a in out["assignments"]]
    assert kinds == ["taalmaatje"]


def test_rule6_volunteer_one_per_daypart_and_capacity(run):
    people = [person(f"p{i}", wants=["buddy"], available=["fri-ev", "sat-am"]) for i in range(3)]
    out = run(
        doc(people, [], [volunteer("b1", "buddy", available=["fri-ev", "sat-am"], capacity=5)])
    )
    assert len(out["assignments"]) == 2  # one per day-part
    out = run(
        doc(people, [], [volunteer("b1", "buddy", available=["fri-ev", "sat-am"], capacity=1)])
    )
    assert len(out["assignments"]) == 1


def test_rule6_shared_daypart_needed(run):
    p = person(wants=["taalmaatje"], available=["mon-am"])
    assert not run(doc([p], [], [volunteer(available=["fri-ev"])]))["assignments"]


def test_rule7_pins_kept_even_when_worse(run):
    pin = {"kind": "placement", "id": "s2", "dayparts": ["mon-am"]}
    out = run(
        doc(
            [person(pinned=[pin])],
            [
                place("s1", sessions=[("tue-am", 3, 1), ("wed-am", 3, 1)]),
                place("s2", sessions=[("mon-am", 2, 1), ("thu-am", 4, 1)], at_km=8),
            ],
        )
    )
    assert placed(out, "p1")["s2"] == ["mon-am"]


def test_rule7_pinned_volunteer(run):
    pin = {"kind": "buddy", "id": "b2", "dayparts": ["fri-ev"]}
    p = person(wants=["buddy"], available=["fri-ev"], pinned=[pin])
    out = run(doc([p], [], [volunteer("b1", "buddy"), volunteer("b2", "buddy", at_km=5)]))
    assert [a["id"] for a in out["assignments"]] == ["b2"]
