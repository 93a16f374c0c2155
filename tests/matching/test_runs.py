"""Runs: the solver's plan stored as proposals with reasons, one run per scope and week at a
time, in a worker thread with progress; stable when nothing changed."""

import time

import pytest
from sqlalchemy import select

from matcher.dayparts import from_mask
from matcher.extensions import db
from matcher.jobs import start_matching
from matcher.models import (
    Match,
    MatchStatus,
    ParticipantOutcomeRow,
    RunStatus,
)
from matcher.services import seeding
from matcher.services.demo import SEEDS_DIR
from matcher.services.matching import runs
from tests.matching.conftest import NEXT_WEEK, WEEK
from tests.matching.helpers import accept_all_and_confirm, proposals, run_now


def test_a_run_stores_proposals_with_reason_codes_and_figures(world, coordinator):
    run = run_now(coordinator, WEEK)
    assert run.status == RunStatus.DONE and run.progress == 100
    added = proposals(run, "add")
    assert added and all(p.match.status == MatchStatus.PROPOSED for p in added)
    assert all(p.match.run_id == run.id and p.match.starts_on == WEEK for p in added)
    codes = {r["code"] for p in added for r in p.reasons}
    assert {"distance", "places_left"} <= codes
    amina_garden = [
        p
        for p in added
        if p.match.placement_id == world["garden"].id and p.participant_id == world["amina"].id
    ]
    assert (
        amina_garden
        and {"code": "interest", "data": {"category": "groen"}} in amina_garden[0].reasons
    )
    taalmaatje = [p for p in added if p.match.volunteer_id == world["henk"].id]
    assert [from_mask(p.match.dayparts) for p in taalmaatje] == [["mon-ev"]]
    outcomes = db.session.scalars(select(ParticipantOutcomeRow)).all()
    assert {o.participant_id for o in outcomes} == {world["amina"].id, world["yonas"].id}
    assert all(o.participation_hours >= 6 and o.meets_minimum for o in outcomes)
    assert run.figures["at_minimum"] == 2 and run.figures["unmatched"] == 0
    assert run.figures["volunteers_wanted"] == 1 and run.figures["volunteers_given"] == 1
    assert run.figures["solver_status"] in {"optimal", "feasible"}


def test_a_miss_is_stored_with_its_reason(world, coordinator, make):
    far = make.participant(municipality=world["town"], lat=53.2, lon=6.56, travel_km=3)
    run = run_now(coordinator, WEEK)
    outcome = db.session.scalar(
        select(ParticipantOutcomeRow).where(ParticipantOutcomeRow.participant_id == far.id)
    )
    assert outcome.participation_hours == 0 and not outcome.meets_minimum
    assert outcome.reasons[0]["code"] == "no_reachable_placement"
    assert run.figures["unmatched"] == 1


def test_a_second_run_for_the_same_scope_and_week_is_refused_while_one_runs(world, coordinator):
    first = runs.start_run(coordinator, WEEK, None)
    db.session.commit()
    with pytest.raises(runs.RunBusy):
        runs.start_run(coordinator, WEEK, None)
    other_week = runs.start_run(coordinator, NEXT_WEEK, None)
    one_town = runs.start_run(coordinator, WEEK, world["town"].id)
    assert other_week.id != first.id and one_town.id != first.id
    db.session.commit()
    runs.execute(first.id)
    again = runs.start_run(coordinator, WEEK, None)  # the first one is done now
    assert again.status == RunStatus.QUEUED


def test_a_run_goes_in_a_worker_thread_and_reports_progress(world, coordinator, app):
    run = runs.start_run(coordinator, WEEK, None)
    db.session.commit()
    thread = start_matching(run.id)
    assert thread is not None
    thread.join(timeout=30)
    db.session.expire_all()
    run = runs.get_run(run.id)
    assert run.status == RunStatus.DONE and run.progress == 100 and run.finished_at
    assert proposals(run, "add")


def test_a_failing_run_is_marked_failed(world, coordinator, monkeypatch):
    def broken(*args, **kw):
        raise RuntimeError("boom")

    monkeypatch.setattr(runs, "solve", broken)
    run = run_now(coordinator, WEEK)
    assert run.status == RunStatus.FAILED and run.error == "RuntimeError"


def test_the_next_week_with_nothing_changed_proposes_no_changes(world, coordinator):
    first = run_now(coordinator, WEEK)
    accept_all_and_confirm(coordinator, first)
    second = run_now(coordinator, NEXT_WEEK)
    assert proposals(second, "add") == [] and proposals(second, "end") == []
    assert len(proposals(second, "keep")) == len(proposals(first, "add"))
    assert second.figures["changed"] == 0


def test_after_a_placement_loses_capacity_only_those_affected_move(make, coordinator):
    town = make.municipality("Almelo")
    sessions = {"mon-am": (3, 2), "tue-am": (3, 2)}
    shops = [make.placement(sessions, municipality=town, title=f"Plek {i}") for i in range(3)]
    people = [make.participant(municipality=town) for _ in range(6)]
    first = run_now(coordinator, WEEK)
    accept_all_and_confirm(coordinator, first)
    active = db.session.scalars(select(Match).where(Match.status == MatchStatus.ACTIVE)).all()
    assert {m.participant_id for m in active} == {p.id for p in people}
    lowered = shops[0]
    for s in lowered.sessions:
        s.capacity = 1
    db.session.commit()
    affected = {m.participant_id for m in active if m.placement_id == lowered.id}
    assert affected
    second = run_now(coordinator, NEXT_WEEK)
    moved = {p.participant_id for p in proposals(second, "add") + proposals(second, "end")}
    assert moved and moved <= affected
    untouched = {p.id for p in people} - affected
    kept = {p.match.participant_id for p in proposals(second, "keep")}
    assert untouched <= kept
    unchanged = [m for m in active if m.participant_id in untouched]
    assert {p.match_id for p in proposals(second, "keep")} >= {m.id for m in unchanged}


def test_progress_moves_while_the_solver_works(world, coordinator, monkeypatch, app):
    real_solve = runs.solve
    seen = []

    def slow(instance, **kw):
        time.sleep(1.6)
        return real_solve(instance, **kw)

    monkeypatch.setattr(runs, "solve", slow)
    monkeypatch.setitem(app.config, "SOLVER_TIME_LIMIT", 2)
    run = runs.start_run(coordinator, WEEK, None)
    db.session.commit()
    thread = start_matching(run.id)
    while thread.is_alive():
        db.session.expire_all()
        seen.append((runs.get_run(run.id).status, runs.get_run(run.id).progress))
        db.session.rollback()
        time.sleep(0.2)
    running = [p for s, p in seen if s == RunStatus.RUNNING]
    assert running and any(10 < p < 100 for p in running)
    assert running == sorted(running)


@pytest.mark.slow
def test_the_demo_region_re_run_after_confirming_proposes_no_changes(coordinator):
    seeding.load_region(SEEDS_DIR)
    db.session.commit()
    first = run_now(coordinator, WEEK)
    assert len(proposals(first, "add")) > 50
    accept_all_and_confirm(coordinator, first)
    again = run_now(coordinator, WEEK)
    assert proposals(again, "add") == [] and proposals(again, "end") == []
    assert again.figures["changed"] == 0
