"""The bundle LP prices (advice_price.py) built from the live bundles only equal the prices of
the LP over every bundle (where a bundle through a full session is held at 0 by its seat row)."""

import random
import sys
from pathlib import Path

import pytest
from ortools.linear_solver import pywraplp

from matcher.solver.advice_grid import candidate_grid
from matcher.solver.advice_model import Suggestion
from matcher.solver.advice_price import Pricer, bundles
from matcher.solver.advice_state import PlanState
from matcher.solver.instance_io import parse_instance
from matcher.solver.solve import solve

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from generate import generate


def _every_bundle_lp(state: PlanState, pricer: Pricer, s) -> float:
    """The LP over every bundle of every short person, with the candidate's seats added."""
    extra, new = pricer._changes(s)
    solver = pywraplp.Solver.CreateSolver("GLOP")
    rows: dict = {}
    for person in state.short:
        seats = state.seats[person.id] + new.get(person.id, [])
        own = solver.Constraint(0.0, 1.0)
        for keys in bundles(seats, person.minimum, state.load_left(person)):
            z = solver.NumVar(0.0, 1.0, "")
            solver.Objective().SetCoefficient(z, 1.0)
            own.SetCoefficient(z, 1.0)
            for key in keys:
                if key not in rows:
                    rows[key] = solver.Constraint(0.0, state.residual(key) + extra.get(key, 0))
                rows[key].SetCoefficient(z, 1.0)
    solver.Objective().SetMaximization()
    assert solver.Solve() == pywraplp.Solver.OPTIMAL
    return solver.Objective().Value()


@pytest.mark.parametrize("seed", [1, 4])
def test_live_bundle_prices_equal_the_prices_over_every_bundle(seed):
    full = generate("S", seed)
    rng = random.Random(seed)
    document = {  # a tight slice: few places, so many sessions are full
        **full,
        "participants": rng.sample(full["participants"], 60),
        "placements": rng.sample(full["placements"], 10),
    }
    instance = parse_instance(document)
    state = PlanState(instance, solve(instance, time_limit=2.0, workers=1, seed=0))
    pricer = Pricer(state)
    assert pricer.dormant, "the slice has full sessions"
    base = _every_bundle_lp(state, pricer, _nothing())
    assert pricer.value == pytest.approx(base, abs=1e-6)
    grid = [s for s in candidate_grid(state) if s.kind != "new_volunteer"]
    kinds = {s.kind for s in grid}
    assert {"more_capacity", "new_session", "new_placement"} <= kinds
    some = [s for kind in sorted(kinds) for s in [x for x in grid if x.kind == kind][:15]]
    for s in some:
        want = max(0.0, _every_bundle_lp(state, pricer, s) - base)
        assert pricer.price(s) == pytest.approx(want, abs=1e-6), s


def _nothing() -> Suggestion:
    """A candidate that adds nothing: the LP as it is."""
    return Suggestion("more_capacity", placement=None, sessions=())
