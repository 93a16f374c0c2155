"""The plan checker (solver/checker.py): each hard rule R1–R6 of docs/instance-format.md as a
structured violation (who, rule number and code, with what, which day-part), and the pins (R7)
reported through it without words to parse."""

from dataclasses import replace

import pytest

from matcher.solver import rules
from matcher.solver.checker import check_plan
from matcher.solver.instance_io import parse_instance
from matcher.solver.model import Assignment
from matcher.solver.pins import pin_violations

from .conftest import doc, person, place, volunteer


def _instance(**person_fields):
    return parse_instance(
        doc(
            [person("p1", **person_fields), person("p2")],
            [
                place("s1", sessions=[("mon-am", 3, 1), ("wed-am", 3, 1)]),
                place("s2", at_km=2, sessions=[("mon-am", 2, 1)], min_language_level="B1"),
            ],
            [volunteer("t1", at_km=0.3, available=["mon-pm", "fri-ev"], max_km=0.5)],
        )
    )


def _codes(instance, *assignments):
    return [(v.participant, v.rule, v.code, v.daypart) for v in check_plan(instance, assignments)]


def test_a_plan_within_the_rules_has_no_violations():
    inst = _instance(wants=["taalmaatje"])
    plan = [
        Assignment("p1", "placement", "s1", ("mon-am", "wed-am")),
        Assignment("p1", "taalmaatje", "t1", ("mon-pm",)),
    ]
    assert check_plan(inst, plan) == []


def test_rule_r1_free_dayparts_and_one_activity_per_daypart():
    inst = _instance(available=["mon-am"])
    assert _codes(inst, Assignment("p1", "placement", "s1", ("wed-am",))) == [
        ("p1", 1, "participant_unavailable", "wed-am")
    ]
    inst = _instance()
    found = _codes(
        inst,
        Assignment("p1", "placement", "s1", ("mon-am",)),
        Assignment("p2", "placement", "s2", ("mon-am",)),
        Assignment("p2", "placement", "s1", ("mon-am",)),
    )
    assert ("p2", 1, "daypart_double", "mon-am") in found


def test_rule_r2_sessions_and_capacity_name_the_assignment_that_goes_over():
    inst = _instance()
    found = check_plan(
        inst,
        [
            Assignment("p1", "placement", "s1", ("mon-am", "tue-am")),
            Assignment("p2", "placement", "s1", ("mon-am",)),
        ],
    )
    assert [(v.index, v.rule, v.code, v.daypart) for v in found] == [
        (0, 2, "no_session", "tue-am"),
        (1, 2, "session_full", "mon-am"),
    ]
    assert found[1].data == {"daypart": "mon-am", "capacity": 1}


def test_rule_r3_reach_and_the_combined_volunteer_radius():
    inst = _instance(max_km=0.5)
    (far,) = check_plan(inst, [Assignment("p1", "placement", "s1", ("mon-am",))])
    assert (far.rule, far.code, far.data["max_km"]) == (3, "too_far", 0.5)
    assert far.data["km"] == pytest.approx(1.0, abs=1e-6)
    # the volunteer's own radius (0.5 km) limits a participant who would travel 10 km
    inst = _instance(wants=["taalmaatje"], at_km=-0.5)
    (met,) = check_plan(inst, [Assignment("p1", "taalmaatje", "t1", ("mon-pm",))])
    assert (met.rule, met.code, met.data["max_km"]) == (3, "too_far", 0.5)
    assert rules.volunteer_radius(inst.participants[0], inst.volunteers[0]) == 0.5


def test_rule_r4_dutch_level():
    inst = _instance(language_level="A2")
    assert _codes(inst, Assignment("p1", "placement", "s2", ("mon-am",))) == [
        ("p1", 4, "level_too_low", None)
    ]


def test_rule_r5_load_cap_once_with_the_week_total():
    inst = _instance(max_hours=5)
    (over,) = check_plan(inst, [Assignment("p1", "placement", "s1", ("mon-am", "wed-am"))])
    assert (over.rule, over.code, over.data) == (5, "over_max_hours", {"hours": 6, "max_hours": 5})


def test_rule_r6_wanted_kind_both_free_and_one_meeting_per_volunteer_daypart():
    inst = _instance()
    assert _codes(inst, Assignment("p1", "taalmaatje", "t1", ("mon-pm",)))[0] == (
        "p1",
        6,
        "not_wanted",
        None,
    )
    inst = _instance(wants=["taalmaatje"], available=["mon-am", "tue-pm"])
    assert ("p1", 6, "volunteer_unavailable", "tue-pm") in _codes(
        inst, Assignment("p1", "taalmaatje", "t1", ("tue-pm",))
    )


def test_rule_r7_pins_are_reported_by_participant_and_pin_number():
    d = doc(
        [person("p1"), person("p2", max_km=0.5)],
        [place("s1", sessions=[("mon-am", 3, 1)])],
    )
    d["participants"][1]["pinned"] = [{"kind": "placement", "id": "s1", "dayparts": ["mon-am"]}]
    with pytest.raises(ValueError, match=r"participants\[1\]\.pinned\[0\]: .*km away"):
        parse_instance(d)
    d["participants"][1]["max_km"] = 10
    inst = parse_instance(d)
    moved = replace(inst.participants[1], max_km=0.5)  # as when a profile changes after pinning
    inst = replace(inst, participants=(inst.participants[0], moved))
    (found,) = pin_violations(inst)
    assert (found.participant, found.pin, found.violation.code) == (1, 0, "too_far")
    assert found.path == "participants[1].pinned[0]"
