"""Matches by hand: added when every hard rule holds, ended on a chosen day, kept by the next
run unless they became impossible (and then the run says why)."""

from datetime import date

import pytest

from matcher.dayparts import to_mask
from matcher.extensions import db
from matcher.models import MatchKind, MatchSource, MatchStatus
from matcher.services.errors import ValidationFailed
from matcher.services.matching import manual
from matcher.services.matching.confirm import Conflicts
from tests.matching.conftest import NEXT_WEEK, WEEK
from tests.matching.helpers import proposals, run_now


def test_a_manual_match_is_active_and_kept_by_the_next_run(world, coordinator):
    match = manual.add_match(
        coordinator,
        world["yonas"].id,
        MatchKind.PLACEMENT,
        world["shop"].id,
        ["mon-am", "tue-am"],
        WEEK,
    )
    db.session.commit()
    assert match.status == MatchStatus.ACTIVE and match.source == MatchSource.MANUAL
    run = run_now(coordinator, NEXT_WEEK)
    assert match.id in {p.match_id for p in proposals(run, "keep")}
    assert match.id not in {p.match_id for p in proposals(run, "end")}


def test_a_manual_match_that_became_impossible_is_ended_by_the_run_with_the_reason(
    world, coordinator
):
    match = manual.add_match(
        coordinator, world["amina"].id, MatchKind.TAALMAATJE, world["henk"].id, ["mon-ev"], WEEK
    )
    db.session.commit()
    world["henk"].availability = to_mask(["sat-am"])
    db.session.commit()
    run = run_now(coordinator, NEXT_WEEK)
    (end,) = [p for p in proposals(run, "end") if p.match_id == match.id]
    assert end.reasons == [{"code": "volunteer_unavailable", "data": {"daypart": "mon-ev"}}]


def test_a_manual_match_that_breaks_a_rule_is_refused_naming_it(world, coordinator, make):
    make.match(world["amina"], placement=world["shop"], dayparts=("mon-am",))
    with pytest.raises(Conflicts) as caught:
        manual.add_match(
            coordinator, world["yonas"].id, MatchKind.PLACEMENT, world["shop"].id, ["mon-am"], WEEK
        )
    db.session.rollback()
    assert [c["code"] for c in caught.value.conflicts] == ["session_full"]
    with pytest.raises(Conflicts) as caught:
        manual.add_match(
            coordinator, world["yonas"].id, MatchKind.PLACEMENT, world["shop"].id, ["fri-am"], WEEK
        )
    db.session.rollback()
    assert caught.value.conflicts[0]["code"] == "participant_unavailable"


def test_ending_a_match_by_hand(world, coordinator, make):
    match = make.match(world["amina"], placement=world["shop"], dayparts=("mon-am",))
    with pytest.raises(ValidationFailed):
        manual.end_match(coordinator, match.id, date(2025, 1, 1))
    manual.end_match(coordinator, match.id, date(2026, 11, 15))
    db.session.commit()
    assert match.status == MatchStatus.ENDED and match.ends_on == date(2026, 11, 15)
    run = run_now(coordinator, WEEK)
    assert match.id not in {p.match_id for p in proposals(run)}
