"""Confirming a candidate on its neighbourhood (advice_local.py): the others keep their plan,
the combination is a plan of the whole instance with the addition (checked independently), and
the gains are those a re-plan of everyone finds."""

import json
import random
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from matcher.solve_command import result_document
from matcher.solver.advice import ranked_candidates
from matcher.solver.advice_confirm import confirm, figures, warm
from matcher.solver.advice_local import merged, neighbourhood, residual
from matcher.solver.advice_model import Added, Suggestion, apply, suggestion_to_json
from matcher.solver.advice_state import PlanState
from matcher.solver.instance_io import parse_instance
from matcher.solver.solve import solve

from .advice_doc import with_suggestions
from .conftest import doc, person, place, volunteer
from .feasibility import check
from .test_advice import _planted

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from generate import generate

IDENT = "added-1"  # the id advice_doc.with_suggestions gives suggestion 1


def _slice(seed: int) -> dict:
    full = generate("S", seed)
    rng = random.Random(seed)
    return {
        **full,
        "participants": rng.sample(full["participants"], 70),
        "placements": rng.sample(full["placements"], 18),
        "volunteers": rng.sample(full["volunteers"], 8),
    }


def _solve(instance, limit=2.0):
    return solve(instance, time_limit=limit, workers=1, seed=0)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_local_replan_is_a_plan_of_the_whole_instance(seed):
    """For the best-priced candidates: the residual instance solved and put back together with
    the others' assignments passes the independent check of the instance with the addition,
    leaves everyone outside the neighbourhood exactly as planned and loses nobody."""
    document = _slice(seed)
    instance = parse_instance(document)
    plan = _solve(instance)
    state = PlanState(instance, plan)
    ranked = ranked_candidates(state)
    assert ranked, "the slice leaves people short"
    for _price, s in ranked[:4]:
        inside = neighbourhood(state, s)
        assert s.group <= inside < {p.id for p in instance.participants}
        trial = apply(instance, s, IDENT)
        local = _solve(warm(residual(trial, plan, inside), plan))
        after = merged(trial, plan, local, inside)
        assert after is not None
        added = with_suggestions(document, [{**suggestion_to_json(s), "rank": 1}])
        out = json.loads(json.dumps(result_document(after)))
        assert check(added, out) == []
        kept = [a for a in plan.assignments if a.participant not in inside]
        assert [a for a in after.assignments if a.participant not in inside] == kept
        assert figures(after).meets_minimum >= figures(plan).meets_minimum
        assert after.stats.participants_at_minimum == sum(
            o["meets_minimum"] for o in out["participants"]
        )


def test_the_neighbourhood_is_who_the_addition_can_reach_in_one_move():
    """Whom the addition could serve (s below the minimum, w lacking a taalmaatje), who holds
    a seat s could use (m), who attends the placement a suggestion extends (e); never f, placed
    where nobody short can go."""
    at_a = {"kind": "placement", "id": "a", "dayparts": ["mon-am"]}
    people = [
        person("s", available=["mon-am"]),
        person("m", available=["mon-am", "tue-am"], pinned=[at_a]),
        person("f", at_km=40, available=["mon-am", "tue-am"]),
        person("e", at_km=40, available=["wed-am", "thu-am"]),
        person("w", at_km=40, available=["mon-am", "tue-am", "fri-ev"], wants=["taalmaatje"]),
    ]
    places = [
        place("a", at_km=1, sessions=[("mon-am", 6, 1)]),
        place("far", at_km=41, sessions=[("mon-am", 3, 2), ("tue-am", 3, 2)]),
        place("ext", at_km=41, sessions=[("wed-am", 3, 1), ("thu-am", 3, 1)]),
    ]
    busy = volunteer("t", at_km=80, available=["fri-ev"])  # out of w's reach
    instance = parse_instance(doc(people, places, [busy]))
    plan = _solve(instance)
    placed = {a.participant: a.id for a in plan.assignments}
    assert placed == {"m": "a", "f": "far", "e": "ext", "w": "far"}
    state = PlanState(instance, plan)
    seats = Suggestion("more_capacity", placement="a", sessions=(Added("mon-am", 1),))
    assert neighbourhood(state, seats) == {"s", "m"}
    session = Suggestion(
        "new_session", placement="ext", sessions=(Added("mon-am", 1, 6.0),), group=frozenset("s")
    )
    assert neighbourhood(state, session) == {"s", "m", "e"}
    maatje = Suggestion("new_volunteer", volunteer_kind="taalmaatje", group=frozenset({"w"}))
    assert neighbourhood(state, maatje) == {"w"}


def test_residual_leaves_what_the_others_do_not_use():
    people = [person("in"), person("out", wants=["taalmaatje"], available=["fri-ev", "mon-am"])]
    places = [place("a", sessions=[("mon-am", 3, 2), ("wed-am", 3, 1)])]
    maatje = volunteer("t", available=["fri-ev", "sat-am"], capacity=2)
    instance = parse_instance(doc(people, places, [maatje]))
    plan = _solve(instance)
    assert {(a.participant, a.id) for a in plan.assignments} >= {("out", "a"), ("out", "t")}
    rest = residual(instance, plan, frozenset({"in"}))
    assert [p.id for p in rest.participants] == ["in"]
    seats = {s.daypart: s.capacity for s in rest.placements[0].sessions}
    assert seats == {"mon-am": 1, "wed-am": 1}
    (t,) = rest.volunteers
    assert t.available == {"sat-am"} and t.capacity == 1


def test_the_planted_gap_is_confirmed_on_its_neighbourhood_as_on_everyone():
    instance = parse_instance(_planted())
    plan = _solve(instance)
    state = PlanState(instance, plan)
    _price, top = ranked_candidates(state)[0]
    limits = {"limit": 2.0, "workers": 1, "seed": 0}
    local = confirm(instance, plan, top, IDENT, inside=neighbourhood(state, top), **limits)
    everyone = confirm(instance, plan, top, IDENT, **limits)
    assert local is not None and everyone is not None
    assert local.gain == everyone.gain and local.gain.meets_minimum == 4
    assert sorted(local.participants) == ["far0", "far1", "far2", "far3"]


def _short_of(result, missing: set[str]):
    """`result` as if the participants `missing` did not reach their minimum."""
    outcomes = tuple(
        replace(o, meets_minimum=False) if o.id in missing else o for o in result.participants
    )
    stats = replace(result.stats, participants_at_minimum=sum(o.meets_minimum for o in outcomes))
    return replace(result, participants=outcomes, stats=stats)


def test_claims_are_capped_at_what_the_cold_check_reaches(monkeypatch):
    """When a cold solve of the instance with the suggestions reaches less than claimed, the
    claims are capped at what it reached and name only those it lifts (or, when it lifts none of
    the suggestion's people, those the advice's plan lifts); when it reaches nothing more than
    the baseline, nothing is claimed."""
    from matcher.solver import advice

    instance = parse_instance(_planted())
    plan = _solve(instance)
    state = PlanState(instance, plan)
    _price, top = ranked_candidates(state)[0]
    trial = confirm(instance, plan, top, IDENT, limit=2.0, workers=1, seed=0)
    assert trial.gain.meets_minimum == 4
    limits = advice.Limits(2.0, 1.0, 1, 0)

    monkeypatch.setattr(advice, "_cold", lambda *_: _short_of(trial.result, {"far2", "far3"}))
    (capped,) = advice.verified(instance, plan, [trial], limits, lambda _m: None)
    (row,) = advice.listed(plan, [capped])
    assert row.gain.meets_minimum == 2 and sorted(row.participants) == ["far0", "far1"]
    assert row.cumulative.meets_minimum == plan.stats.participants_at_minimum + 2

    far = {f"far{i}" for i in range(4)}
    monkeypatch.setattr(advice, "_cold", lambda *_: _short_of(trial.result, far))
    assert advice.verified(instance, plan, [trial], limits, lambda _m: None) == []

    # A cold plan that gains with other people than the suggestion's (two more at the minimum,
    # none of them far0-far3): the capped gain stands, named from the advice's own plan.
    elsewhere = _short_of(trial.result, far)
    elsewhere = replace(
        elsewhere,
        stats=replace(elsewhere.stats, participants_at_minimum=row.cumulative.meets_minimum),
    )
    monkeypatch.setattr(advice, "_cold", lambda *_: elsewhere)
    (kept,) = advice.verified(instance, plan, [trial], limits, lambda _m: None)
    (row,) = advice.listed(plan, [kept])
    assert row.gain.meets_minimum == 2 and sorted(row.participants) == sorted(far)
