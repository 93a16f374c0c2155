"""Two coordinators at the same moment: confirming a run, deciding a proposal, starting a run.
Each race has exactly one winner (a conditional update or a unique index in the database, on
SQLite and PostgreSQL alike); the loser is told what happened and nothing is written twice."""

import threading

import pytest
from sqlalchemy import func, select

from matcher.extensions import db
from matcher.models import (
    AuditEvent,
    Decision,
    Match,
    MatchingRun,
    MatchProposal,
    MatchStatus,
    OutboxMessage,
    Role,
    RunStatus,
)
from matcher.services.matching import confirm, review, runs
from tests.matching.conftest import WEEK
from tests.matching.helpers import (
    accept_all_and_confirm,
    in_parallel,
    proposals,
    run_now,
    wait_at_barrier_before,
)

BASE = "/coordinator/koppelen"


def _count(model, *where) -> int:
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


@pytest.fixture
def reviewed_run(world, coordinator):
    """A finished run with every proposal accepted; three hosts to tell."""
    world["garden"].organisation.contact_email = "tuin@host.example"
    world["shop"].organisation.contact_email = "winkel@host.example"
    db.session.commit()
    run = run_now(coordinator, WEEK)
    review.accept_all(coordinator, run)
    db.session.commit()
    return run


def test_two_coordinators_confirming_at_once_confirm_once(login_as, reviewed_run, monkeypatch, app):
    monkeypatch.setattr("matcher.jobs.deliver_mail", lambda: None)
    added = len(proposals(reviewed_run, "add"))
    (anna, anna_user), (bram, bram_user) = (
        login_as(Role.COORDINATOR, name="Anna de Vries"),
        login_as(Role.COORDINATOR, name="Bram Smit"),
    )
    wait_at_barrier_before(monkeypatch, confirm, "confirm_run")
    url = f"{BASE}/runs/{reviewed_run.id}/confirm"
    pages = in_parallel(
        lambda: anna.post_form(url, follow_redirects=True).get_data(as_text=True),
        lambda: bram.post_form(url, follow_redirects=True).get_data(as_text=True),
    )
    confirmed = [p for p in pages if "Koppelingen bevestigd" in p]
    refused = [p for p in pages if "Deze ronde is al bevestigd door" in p]
    assert len(confirmed) == 1 and len(refused) == 1
    db.session.expire_all()
    run = runs.get_run(reviewed_run.id)
    assert run.status == RunStatus.CONFIRMED and run.confirmed_at is not None
    winner = run.confirmed_by
    assert winner.id in (anna_user.id, bram_user.id)
    assert f"al bevestigd door {winner.name} op" in refused[0]
    assert "niets opnieuw opgeslagen of verstuurd" in refused[0]
    assert _count(OutboxMessage) == 3  # one per host, not two
    assert _count(AuditEvent, AuditEvent.action == "confirm") == 1
    assert _count(AuditEvent, AuditEvent.action == "new") == added
    assert _count(Match, Match.status == MatchStatus.ACTIVE) == added


def test_confirming_an_already_confirmed_run_names_who_and_writes_nothing(
    reviewed_run, coordinator, make
):
    accept_all_and_confirm(coordinator, reviewed_run)
    late = make.user(Role.COORDINATOR)
    events = _count(AuditEvent)
    with pytest.raises(review.AlreadyConfirmed) as caught:
        confirm.confirm_run(late, reviewed_run)
    db.session.rollback()
    assert caught.value.by.id == coordinator.id and caught.value.at is not None
    assert _count(AuditEvent) == events


def test_two_coordinators_deciding_one_proposal_at_once_get_one_winner(
    login_as, world, coordinator, monkeypatch
):
    run = run_now(coordinator, WEEK)
    proposal = proposals(run, "add")[0]
    (anna, _a), (bram, _b) = (
        login_as(Role.COORDINATOR, name="Anna de Vries"),
        login_as(Role.COORDINATOR, name="Bram Smit"),
    )
    page = anna.get(f"{BASE}/runs/{run.id}/review").get_data(as_text=True)
    assert 'name="version" value="0"' in page  # the form says which version it decides on
    wait_at_barrier_before(monkeypatch, review, "decide")
    url = f"{BASE}/runs/{run.id}/proposals/{proposal.id}"
    pages = in_parallel(
        lambda: anna.post_form(url, {"choice": "accept", "version": "0"}, follow_redirects=True),
        lambda: bram.post_form(url, {"choice": "reject", "version": "0"}, follow_redirects=True),
    )
    texts = [p.get_data(as_text=True) for p in pages]
    told = [t for t in texts if "heeft dit voorstel intussen" in t]
    assert len(told) == 1
    db.session.expire_all()
    stored = db.session.get(MatchProposal, proposal.id)
    assert stored.version == 1
    winner = stored.decided_by.name
    what = "geaccepteerd" if stored.decision == Decision.ACCEPTED else "afgewezen"
    assert f"{winner} heeft dit voorstel intussen {what}" in told[0]
    assert "uw keuze is niet opgeslagen" in told[0]
    assert _count(AuditEvent, AuditEvent.entity == "match_proposal") == 1


def test_a_decision_on_a_page_older_than_the_last_decision_is_refused(world, coordinator, make):
    run = run_now(coordinator, WEEK)
    proposal = proposals(run, "add")[0]
    colleague = make.user(Role.COORDINATOR, name="Bram Smit")
    review.decide(colleague, run, proposal.id, "reject", seen_version=0)
    db.session.commit()
    with pytest.raises(review.DecidedMeanwhile) as caught:
        review.decide(coordinator, run, proposal.id, "accept", seen_version=0)
    db.session.rollback()
    assert caught.value.proposal.decided_by.name == "Bram Smit"
    assert caught.value.proposal.decision == Decision.REJECTED
    review.decide(coordinator, run, proposal.id, "accept", seen_version=1)  # after a reload
    assert db.session.get(MatchProposal, proposal.id).decision == Decision.ACCEPTED


def test_deciding_while_the_run_is_confirmed_is_refused_naming_who_confirmed(
    login_as, world, coordinator, monkeypatch
):
    run = run_now(coordinator, WEEK)
    first, second = proposals(run, "add")[:2]
    review.decide(coordinator, run, first.id, "accept")
    db.session.commit()
    monkeypatch.setattr("matcher.jobs.deliver_mail", lambda: None)
    (anna, _a), (bram, _b) = (
        login_as(Role.COORDINATOR, name="Anna de Vries"),
        login_as(Role.COORDINATOR, name="Bram Smit"),
    )
    barrier = wait_at_barrier_before(monkeypatch, confirm, "confirm_run")
    wait_at_barrier_before(monkeypatch, review, "decide", barrier)  # the two meet there
    confirm_url = f"{BASE}/runs/{run.id}/confirm"
    decide_url = f"{BASE}/runs/{run.id}/proposals/{second.id}"
    pages = in_parallel(
        lambda: anna.post_form(confirm_url, follow_redirects=True),
        lambda: bram.post_form(
            decide_url, {"choice": "accept", "version": "0"}, follow_redirects=True
        ),
    )
    confirmed, decided = (p.get_data(as_text=True) for p in pages)
    assert "Koppelingen bevestigd" in confirmed
    db.session.expire_all()
    stored = db.session.get(MatchProposal, second.id)
    if "al bevestigd door Anna de Vries" in decided:  # the confirmation came first
        assert stored.decision == Decision.PENDING
        assert db.session.get(Match, second.match_id).status == MatchStatus.REJECTED
    else:  # the decision came first: the confirmation applied it
        assert stored.decision == Decision.ACCEPTED
        assert db.session.get(Match, second.match_id).status == MatchStatus.ACTIVE


def test_two_starts_for_one_scope_and_week_at_once_queue_one_run(app, world, coordinator):
    barrier = threading.Barrier(2, timeout=60)

    def start():
        with app.app_context():
            user = db.session.get(type(coordinator), coordinator.id)
            barrier.wait()
            try:
                run = runs.start_run(user, WEEK, None)
                db.session.commit()
                return run.id
            except runs.RunBusy as busy:
                db.session.rollback()
                return busy

    first, second = in_parallel(start, start)
    started = [r for r in (first, second) if isinstance(r, int)]
    refused = [r for r in (first, second) if isinstance(r, runs.RunBusy)]
    assert len(started) == 1 and len(refused) == 1
    assert str(refused[0]) == str(started[0])  # the loser is sent to the running one
    db.session.expire_all()
    assert _count(MatchingRun, MatchingRun.status == RunStatus.QUEUED) == 1


def test_the_database_refuses_a_second_busy_run_for_one_scope_and_week(world, coordinator):
    from sqlalchemy.exc import IntegrityError

    def add(status, municipality_id=None, week=WEEK):
        db.session.add(
            MatchingRun(
                week_start=week,
                municipality_id=municipality_id,
                status=status,
                started_by_id=coordinator.id,
            )
        )
        db.session.commit()

    add(RunStatus.RUNNING)
    add(RunStatus.FAILED)  # finished runs do not count
    add(RunStatus.DONE)
    add(RunStatus.QUEUED, world["town"].id)  # another scope
    with pytest.raises(IntegrityError):
        add(RunStatus.QUEUED)  # bypassing the service: the index still says no
    db.session.rollback()
    assert _count(MatchingRun, MatchingRun.status.in_(runs.BUSY)) == 2
