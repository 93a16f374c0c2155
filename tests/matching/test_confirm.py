"""Confirming: accepted proposals become active from the run's week in one transaction; the
hard rules are checked again and conflicts named instead of saving a broken plan."""

from datetime import date

import pytest
from sqlalchemy import select

from matcher.dayparts import to_mask
from matcher.extensions import db
from matcher.models import (
    Decision,
    Match,
    MatchStatus,
    ParticipantStatus,
    RunStatus,
    VolunteerAbsence,
)
from matcher.services import dashboard
from matcher.services.errors import ValidationFailed
from matcher.services.matching import confirm, review
from tests.matching.conftest import WEEK
from tests.matching.helpers import accept_everything, proposals, run_now


def _active():
    return db.session.scalars(select(Match).where(Match.status == MatchStatus.ACTIVE)).all()


def test_accepted_become_active_from_the_week_rejected_and_pending_do_not(world, coordinator):
    run = run_now(coordinator, WEEK)
    added = proposals(run, "add")
    assert len(added) >= 3
    accepted, rejected, pinned = added[0], added[1], added[2]
    review.decide(coordinator, run, accepted.id, "accept")
    review.decide(coordinator, run, rejected.id, "reject")
    review.decide(coordinator, run, pinned.id, "pin")
    changes = confirm.confirm_run(coordinator, run)
    db.session.commit()
    assert {c.match.id for c in changes} == {accepted.match_id, pinned.match_id}
    assert {m.id for m in _active()} == {accepted.match_id, pinned.match_id}
    assert all(m.starts_on == WEEK for m in _active())
    assert db.session.get(Match, pinned.match_id).pinned
    assert db.session.get(Match, rejected.match_id).status == MatchStatus.REJECTED
    untouched = [p for p in added[3:]]
    assert all(p.match.status == MatchStatus.REJECTED for p in untouched)
    assert run.status == RunStatus.CONFIRMED
    with pytest.raises(ValidationFailed):
        review.decide(coordinator, run, accepted.id, "reject")


def test_the_coordinators_count_at_six_hours_rises_after_confirmation(world, coordinator):
    before = dashboard.coordinator_figures(coordinator, WEEK).planned_at_minimum
    run = run_now(coordinator, WEEK)
    review.accept_all(coordinator, run)
    confirm.confirm_run(coordinator, run)
    db.session.commit()
    after = dashboard.coordinator_figures(coordinator, WEEK).planned_at_minimum
    assert (before, after) == (0, 2)


def test_a_volunteer_changing_availability_during_the_run_is_named_at_confirmation(
    world, coordinator
):
    run = run_now(coordinator, WEEK)
    review.accept_all(coordinator, run)
    db.session.commit()
    world["henk"].availability = to_mask(["fri-ev"])  # while the coordinator reviews
    db.session.commit()
    with pytest.raises(confirm.Conflicts) as caught:
        confirm.confirm_run(coordinator, run)
    db.session.rollback()
    assert caught.value.conflicts == [
        {
            "code": "volunteer_unavailable",
            "data": {"daypart": "mon-ev"},
            "who": world["amina"].full_name,
            "what": world["henk"].full_name,
        }
    ]
    assert _active() == [] and run.status == RunStatus.DONE


def test_lowered_capacity_a_paused_participant_and_an_absence_are_all_named(world, coordinator):
    run = run_now(coordinator, WEEK)
    review.accept_all(coordinator, run)
    db.session.commit()
    for s in world["garden"].sessions + world["shop"].sessions:
        s.capacity = 0
    world["yonas"].status = ParticipantStatus.PAUSED
    db.session.add(VolunteerAbsence(volunteer=world["henk"], starts_on=WEEK, ends_on=WEEK))
    db.session.commit()
    with pytest.raises(confirm.Conflicts) as caught:
        confirm.confirm_run(coordinator, run)
    db.session.rollback()
    codes = {(c["code"], c["who"]) for c in caught.value.conflicts}
    assert ("participant_paused", world["yonas"].full_name) in codes
    assert ("volunteer_away", world["amina"].full_name) in codes
    assert ("session_full", world["amina"].full_name) in codes
    assert _active() == []


def test_accept_all_accepts_only_what_is_pending(world, coordinator):
    run = run_now(coordinator, WEEK)
    first = proposals(run)[0]
    review.decide(coordinator, run, first.id, "reject")
    count = review.accept_all(coordinator, run)
    assert count == len(proposals(run)) - 1
    assert {p.decision for p in proposals(run)} == {Decision.ACCEPTED, Decision.REJECTED}


def _impossible_running_match(world, make):
    running = make.match(world["yonas"], placement=world["garden"], dayparts=("mon-am",))
    world["yonas"].availability = to_mask(["tue-am", "wed-am"])  # mon-am no longer possible
    db.session.commit()
    return running


def test_a_running_match_that_became_impossible_ends_with_its_reason(world, coordinator, make):
    running = _impossible_running_match(world, make)
    run = run_now(coordinator, WEEK)
    (end,) = [p for p in proposals(run, "end") if p.match_id == running.id]
    assert end.reasons == [{"code": "participant_unavailable", "data": {"daypart": "mon-am"}}]
    accept_everything(coordinator, run)  # the stop after its confirmation
    changes = confirm.confirm_run(coordinator, run)
    db.session.commit()
    assert running.status == MatchStatus.ENDED and running.ends_on == date(2026, 11, 15)
    assert ("ended", running.id) in {(c.action, c.match.id) for c in changes}


def test_rejecting_an_end_keeps_the_running_match(world, coordinator, make):
    running = _impossible_running_match(world, make)
    run = run_now(coordinator, WEEK)
    (end,) = [p for p in proposals(run, "end") if p.match_id == running.id]
    review.decide(coordinator, run, end.id, "reject")
    confirm.confirm_run(coordinator, run)
    db.session.commit()
    assert running.status == MatchStatus.ACTIVE and running.ends_on is None
