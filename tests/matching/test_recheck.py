"""The confirm-time re-check is the solver's plan checker run on an instance built from today's
data (services/matching/rules.py): the same rules R1–R6 of docs/instance-format.md, worded by
the web layer."""

import pytest

from matcher.extensions import db
from matcher.models import MatchKind
from matcher.services.matching import manual
from matcher.services.matching.confirm import Conflicts
from matcher.services.matching.rules import match_problem
from matcher.solver import rules
from tests.matching.conftest import WEEK


def test_rule_r5_a_manual_match_over_the_load_cap_is_refused_with_the_week_total(
    world, coordinator, make
):
    yonas = world["yonas"]
    yonas.max_hours_week = 5
    make.match(yonas, placement=world["garden"], dayparts=("mon-am",))
    with pytest.raises(Conflicts) as caught:
        manual.add_match(
            coordinator, yonas.id, MatchKind.PLACEMENT, world["shop"].id, ["tue-am"], WEEK
        )
    db.session.rollback()
    (conflict,) = caught.value.conflicts
    assert (conflict["code"], conflict["data"]) == ("over_max_hours", {"hours": 6, "max_hours": 5})
    assert conflict["who"] == yonas.full_name


def test_rule_r3_reach_is_the_solvers_with_no_tolerance(world, make):
    amina, garden = world["amina"], world["garden"]
    garden.lat += 0.03  # about 3.3 km north
    km = rules.haversine_km(amina.lat, amina.lon, garden.lat, garden.lon)
    amina.travel_km = km  # exactly at the edge: reachable
    match = make.match(amina, placement=garden, dayparts=("mon-am",))
    assert match_problem(match, WEEK) is None
    amina.travel_km = km - 1e-12  # a hair short: too far, as the solver's rule R3 says
    problem = match_problem(match, WEEK)
    assert problem["code"] == "too_far" and problem["data"]["max_km"] == km - 1e-12
