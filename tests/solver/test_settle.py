"""Settling (matcher/solver/settle.py) and week-to-week stability.

The single-participant re-plan is checked against brute force; stability is checked on whole
solves: an unchanged instance with `current` set to the solver's own plan changes nothing, also
where the CP-SAT stages are far from proven (the generated S region with a one-second limit)."""

import copy
import itertools
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.generate import generate, next_week
from matcher.solve_command import result_document as result_to_json
from matcher.solver.bounds import individual_bound
from matcher.solver.candidates import build_candidates
from matcher.solver.clock import Clock
from matcher.solver.greedy import greedy
from matcher.solver.instance_io import parse_instance
from matcher.solver.plan import Plan, score
from matcher.solver.settle import KIND_BIT, Board, best_choice, settle, value
from matcher.solver.solve import solve

from . import test_goals
from .conftest import doc, person, place
from .feasibility import check
from .test_properties import instances


def _units(out: dict) -> set[tuple]:
    return {
        (a["participant"], a["kind"], a["id"], d) for a in out["assignments"] for d in a["dayparts"]
    }


def _with_current(instance: dict, out: dict) -> dict:
    return test_goals._with_current(copy.deepcopy(instance), out)


def _solve(instance: dict, *, time_limit: float, workers: int = 1, seed: int = 0) -> dict:
    frozen = copy.deepcopy(instance)
    result = solve(parse_instance(instance), time_limit=time_limit, workers=workers, seed=seed)
    out = json.loads(json.dumps(result_to_json(result)))
    assert check(frozen, out) == []
    return out


def _brute_force_best(c, board: Board, p: int) -> tuple:
    """The best value p can reach alone, by trying every subset of p's usable edges."""
    usable_x = [
        e
        for e in c.p_x[p]
        if e not in c.forbidden_x and (board.seats[c.x_s[e]] > 0 or e in board.xs[p])
    ]
    own_vols = {c.y_v[e] for e in board.ys[p]}
    usable_y = [
        e
        for e in c.p_y[p]
        if e in board.ys[p]
        or (
            (c.y_v[e], c.y_day[e]) not in board.vol_busy
            and (board.vol_left[c.y_v[e]] > 0 or c.y_v[e] in own_vols)
        )
    ]
    pinned = {e for e in usable_x if e in c.pinned_x} | {e for e in usable_y if e in c.pinned_y}
    best = None
    edges = [(e, True) for e in usable_x] + [(e, False) for e in usable_y]
    for size in range(len(edges) + 1):
        for combo in itertools.combinations(edges, size):
            chosen = {e for e, _ in combo}
            if not pinned <= chosen:
                continue
            days = [c.s_day[c.x_s[e]] if is_x else c.y_day[e] for e, is_x in combo]
            kinds = [KIND_BIT[c.v_kind[c.y_v[e]]] for e, is_x in combo if not is_x]
            load = sum(c.x_hours(e) if is_x else c.v_hours[c.y_v[e]] for e, is_x in combo)
            if len(set(days)) < len(days) or len(set(kinds)) < len(kinds) or load > c.p_max[p]:
                continue
            choice = (
                tuple(sorted(e for e, is_x in combo if is_x)),
                tuple(sorted(e for e, is_x in combo if not is_x)),
            )
            found = value(c, p, choice)
            best = found if best is None or found > best else best
    return best


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(instances(), st.data())
def test_best_choice_equals_brute_force(instance, data):
    c = build_candidates(parse_instance(instance))
    board = Board(c, greedy(c))
    p = data.draw(st.integers(0, c.n_participants - 1))
    if len(c.p_x[p]) + len(c.p_y[p]) > 12:
        return  # keep the brute force small
    assert value(c, p, best_choice(c, board, p)) == _brute_force_best(c, board, p)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(instances())
def test_participant_values_add_up_to_the_score(instance):
    c = build_candidates(parse_instance(instance))
    plan = greedy(c)
    board = Board(c, plan)
    total = [0] * 5
    for p in range(c.n_participants):
        for k, part in enumerate(value(c, p, (tuple(board.xs[p]), tuple(board.ys[p])))):
            total[k] += part
    assert tuple(total) == score(c, plan)


def test_settle_lifts_one_participant_with_a_free_seat():
    # Greedy-like start: p1 has only one session although a second one is free.
    instance = doc([person("p1")], [place(sessions=[("mon-am", 3, 1), ("wed-am", 3, 1)])])
    c = build_candidates(parse_instance(instance))
    start = Plan({c.p_x[0][0]}, set())
    plan, record = settle(c, start, Clock(10, False), individual_bound(c, start)[1])
    assert len(plan.x) == 2 and record["settled"] and record["moves"] == 1


def test_settled_plan_has_no_improving_single_move():
    instance = generate("S", 3)
    out = _solve(instance, time_limit=1, workers=2)
    c = build_candidates(parse_instance(_with_current(instance, out)))
    board = Board(c, greedy(c, keep_current=True))
    for p in range(c.n_participants):
        had = (tuple(sorted(board.xs[p])), tuple(sorted(board.ys[p])))
        assert value(c, p, best_choice(c, board, p))[:3] <= value(c, p, had)[:3]


def test_unchanged_region_changes_nothing_even_when_not_proven():
    # Three seconds are far too short to prove the shortfall goal for 120 participants, yet
    # leave the closing moves time to finish on a loaded machine (at 1 s they sometimes did not
    # while other suites shared the two cores).
    instance = generate("S", 2)
    first = _solve(instance, time_limit=3, workers=2)
    again = _solve(_with_current(instance, first), time_limit=3, workers=2, seed=5)
    assert _units(again) == _units(first)
    assert again["stats"]["current_changed"] == 0


def test_next_week_only_moves_what_changed():
    instance = generate("S", 4)
    first = _solve(instance, time_limit=1)
    following = next_week(instance, first, 4)
    out = _solve(following, time_limit=1)
    before = {p["id"]: p for p in instance["participants"]}
    untouched = [
        p
        for p in following["participants"]
        if p["id"] in before and p["available"] == before[p["id"]]["available"]
    ]
    kept = sum(
        {(p["id"], a["kind"], a["id"], d) for a in p["current"] for d in a["dayparts"]}
        <= _units(out)
        for p in untouched
    )
    # Capacity cuts and arrivals that displace someone below the minimum may move a few.
    assert kept >= 0.9 * len(untouched)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(instances())
def test_random_unchanged_instances_change_nothing(instance):
    first = _solve(instance, time_limit=1)
    again = _solve(_with_current(instance, first), time_limit=1, seed=3)
    assert _units(again) == _units(first)


def test_a_chain_of_moves_lifts_a_newcomer_to_the_minimum(run):
    # p3 can only reach s1. p1 runs on s1 and could move to s2, which p2 runs on; p2 could move
    # to s3. Only moving both running matches lifts p3: two hops from p3.
    two_days = [("mon-am", 3, 1), ("tue-am", 3, 1)]
    places = [place("s1", sessions=two_days), place("s2", at_km=-4, sessions=two_days)]
    places.append(place("s3", at_km=-9, sessions=two_days))

    def running(ident):
        return [{"kind": "placement", "id": ident, "dayparts": ["mon-am", "tue-am"]}]

    p1 = person("p1", max_km=6, current=running("s1"))
    p2 = person("p2", at_km=-5, max_km=5, current=running("s2"))
    p3 = person("p3", at_km=3, max_km=2.5)
    out = run(doc([p1, p2, p3], places))
    assert all(o["meets_minimum"] for o in out["participants"])
    lift = [s for s in out["stats"]["stages"] if s["stage"] == "lift"]
    assert lift[0]["lifted"] == 1


def test_a_running_match_is_not_moved_when_nobody_gains():
    # p2 would be nearer to s1, but s1 runs with p1 and p2 reaches the minimum at s2 as well.
    two_days = [("mon-am", 3, 1), ("tue-am", 3, 1)]
    places = [place("s1", sessions=two_days), place("s2", at_km=4, sessions=two_days)]
    current = [{"kind": "placement", "id": "s1", "dayparts": ["mon-am", "tue-am"]}]
    instance = doc(
        [person("p1", at_km=3, current=current), person("p2", at_km=1)],
        places,
    )
    out = _solve(instance, time_limit=2)
    assert ("p1", "placement", "s1", "mon-am") in _units(out)
    assert ("p2", "placement", "s2", "mon-am") in _units(out)
