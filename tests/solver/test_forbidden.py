"""Rule R8 (`forbidden`): the reader, candidate generation, the plan checker and the solver."""

import pytest

from matcher.solver.checker import check_plan
from matcher.solver.instance_io import InstanceError, parse_instance
from matcher.solver.model import Assignment

from .conftest import doc, outcome, person, place, volunteer
from .feasibility import check


def test_a_forbidden_placement_is_not_given_though_it_is_the_only_one(run):
    out = run(doc([person(forbidden=[{"kind": "placement", "id": "s1"}])], [place()]))
    assert out["assignments"] == []
    codes = [r["code"] for r in outcome(out, "p1")["reason_codes"]]
    assert codes == ["rejected"]
    assert outcome(out, "p1")["reason_codes"][0]["count"] == 1


def test_the_next_best_placement_is_given_instead(run):
    p = person(forbidden=[{"kind": "placement", "id": "s1"}])
    out = run(doc([p], [place("s1", at_km=0.5), place("s2", at_km=3)]))
    assert {a["id"] for a in out["assignments"]} == {"s2"}


def test_a_forbidden_volunteer_is_not_given(run):
    p = person(
        wants=["taalmaatje"],
        available=["fri-ev", "mon-am", "wed-am"],
        forbidden=[{"kind": "taalmaatje", "id": "t1"}],
    )
    out = run(doc([p], [place()], [volunteer("t1"), volunteer("t2", at_km=2)]))
    assert [a["id"] for a in out["assignments"] if a["kind"] == "taalmaatje"] == ["t2"]
    alone = run(doc([p], [place()], [volunteer("t1")]))
    assert [r["code"] for r in outcome(alone, "p1")["reason_codes"]] == ["volunteer_rejected"]


def test_a_forbidden_current_match_ends(run):
    current = [{"kind": "placement", "id": "s1", "dayparts": ["mon-am", "wed-am"]}]
    p = person(current=current, forbidden=[{"kind": "placement", "id": "s1"}])
    out = run(doc([p], [place("s1"), place("s2", at_km=2)]))
    assert {a["id"] for a in out["assignments"]} == {"s2"}


def test_instances_without_forbidden_are_unchanged(run):
    plain = run(doc([person()], [place()]))
    empty = run(doc([person(forbidden=[])], [place()]))
    assert plain["assignments"] == empty["assignments"] != []


@pytest.mark.parametrize(
    ("forbidden", "where", "message"),
    [
        ({"kind": "placement"}, "participants[0].forbidden[0].id", "required field missing"),
        ({"kind": "bus", "id": "s1"}, "participants[0].forbidden[0].kind", "unknown value"),
        ({"kind": "placement", "id": "s9"}, "participants[0].forbidden[0].id", "unknown placement"),
        ("s1", "participants[0].forbidden[0]", "expected an object"),
    ],
)
def test_the_reader_names_a_bad_forbidden_entry(forbidden, where, message):
    with pytest.raises(InstanceError) as error:
        parse_instance(doc([person(forbidden=[forbidden])], [place()]))
    assert error.value.path == where
    assert message in error.value.message


def test_pinning_and_forbidding_the_same_pairing_is_invalid():
    pin = {"kind": "placement", "id": "s1", "dayparts": ["mon-am"]}
    p = person(pinned=[pin], forbidden=[{"kind": "placement", "id": "s1"}])
    with pytest.raises(InstanceError) as error:
        parse_instance(doc([p], [place()]))
    assert error.value.path == "participants[0].forbidden[0].id"
    assert "both pinned and forbidden" in error.value.message


def test_the_plan_checker_reports_rule_8():
    instance = parse_instance(
        doc([person(forbidden=[{"kind": "placement", "id": "s1"}])], [place()])
    )
    found = check_plan(instance, [Assignment("p1", "placement", "s1", ("mon-am",))])
    assert [(v.rule, v.code, v.data) for v in found] == [
        (8, "forbidden", {"kind": "placement", "id": "s1"})
    ]


def test_the_independent_check_catches_a_forbidden_assignment():
    instance = doc([person(forbidden=[{"kind": "placement", "id": "s1"}])], [place()])
    result = {
        "format": "matcher-result/1",
        "status": "feasible",
        "assignments": [
            {"participant": "p1", "kind": "placement", "id": "s1", "dayparts": ["mon-am"]}
        ],
        "participants": [],
    }
    assert any("rule 8" in problem for problem in check(instance, result))


def test_every_cause_is_listed_with_its_numbers(run):
    """Seven places within reach: one fits the day-parts but asks B1, six have no day-part."""
    p = person(available=["mon-am"], language_level="A1")
    places = [place("s1", sessions=[("mon-am", 3, 1)], min_language_level="B1")]
    places += [place(f"s{j}", sessions=[("sat-ev", 3, 1)]) for j in range(2, 8)]
    out = run(doc([p], places))
    reasons = outcome(out, "p1")["reason_codes"]
    assert [(r["code"], r["count"], r["reachable"]) for r in reasons] == [
        ("language_level", 1, 7),
        ("no_shared_daypart", 6, 7),
    ]


def test_seats_taken_by_people_who_now_reach_the_minimum_are_named(run):
    """p2 can only reach a 3-hour session; p1 holds its seat and reaches six with it."""
    s1 = place("s1", sessions=[("mon-am", 3, 1), ("wed-am", 3, 1)])
    p1 = person("p1")
    p2 = person("p2", available=["mon-am"])
    out = run(doc([p1, p2], [s1]))
    reasons = outcome(out, "p2")["reason_codes"]
    assert [r["code"] for r in reasons] == ["too_few_hours", "capacity_taken"]
    assert (reasons[1]["taken_by"], reasons[1]["at_minimum"], reasons[1]["most_hours"]) == (1, 1, 3)


def test_the_result_sentences_say_some_of_the_places(run):
    p = person(
        available=["mon-am"], language_level="A1", forbidden=[{"kind": "placement", "id": "s3"}]
    )
    places = [
        place("s1", sessions=[("mon-am", 3, 1)], min_language_level="B1"),
        place("s2", sessions=[("sat-ev", 3, 1)]),
        place("s3", sessions=[("mon-am", 3, 1)]),
    ]
    out = run(doc([p], places))
    assert outcome(out, "p1")["reasons"] == [
        "1 van de 3 plekken binnen bereik vraagt een hoger taalniveau (minstens B1) dan A1.",
        "1 van de 3 plekken binnen bereik heeft geen dagdeel waarop deze deelnemer beschikbaar is.",
        "1 van de 3 plekken binnen bereik is eerder afgewezen voor deze deelnemer.",
    ]
