"""Matches by hand: added when every hard rule holds, ended on a chosen day, kept by the next
run unless they became impossible (and then the run says why)."""

from datetime import date

import pytest
from sqlalchemy import select

from matcher.dayparts import to_mask
from matcher.extensions import db
from matcher.models import AuditEvent, MatchKind, MatchSource, MatchStatus, Role, User
from matcher.services.errors import ValidationFailed
from matcher.services.matching import manual
from matcher.services.matching.confirm import Conflicts
from tests.matching.conftest import NEXT_WEEK, WEEK
from tests.matching.helpers import in_parallel, proposals, run_now, wait_at_barrier_before


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


def test_two_coordinators_ending_one_match_at_once_end_it_once(
    app, world, coordinator, make, monkeypatch
):
    match = make.match(world["amina"], placement=world["shop"], dayparts=("mon-am",))
    match_id = match.id
    colleague = make.user(Role.COORDINATOR)
    # both have read the match as running when they reach the write
    wait_at_barrier_before(monkeypatch, manual, "get_participant")

    def end(user_id):
        with app.app_context():
            user = db.session.get(User, user_id)
            try:
                manual.end_match(user, match_id, date(2026, 11, 15))
                db.session.commit()
                return "ended"
            except manual.EndedMeanwhile:
                db.session.rollback()
                return "refused"

    ids = coordinator.id, colleague.id
    outcomes = in_parallel(lambda: end(ids[0]), lambda: end(ids[1]))
    assert sorted(map(str, outcomes)) == [
        "ended",
        "refused",
    ]
    events = db.session.scalars(
        select(AuditEvent).where(AuditEvent.entity == "match", AuditEvent.entity_id == match_id)
    ).all()
    assert [e.action for e in events] == ["end"]
