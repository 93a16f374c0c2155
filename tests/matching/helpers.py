"""Helpers for matching tests: run synchronously, decide, confirm; race two threads."""

import threading

from sqlalchemy import select

from matcher.extensions import db
from matcher.models import MatchProposal, ProposalAction
from matcher.services.matching import confirm, review, runs


def run_now(user, week, municipality_id=None):
    """Start and execute a run in this thread; the run, fresh from the database."""
    run = runs.start_run(user, week, municipality_id)
    db.session.commit()
    runs.execute(run.id)
    return runs.get_run(run.id)


def proposals(run, action=None):
    query = select(MatchProposal).where(MatchProposal.run_id == run.id)
    if action is not None:
        query = query.where(MatchProposal.action == ProposalAction(action))
    return list(db.session.scalars(query.order_by(MatchProposal.id)))


def accept_everything(user, run):
    """ "Alles accepteren" and then the stops it lists for confirmation (issue 14)."""
    review.accept_all(user, run)
    review.accept_stops(user, run, [(p.id, p.version) for p in review.pending_stops(run)])


def accept_all_and_confirm(user, run):
    accept_everything(user, run)
    changes = confirm.confirm_run(user, run)
    db.session.commit()
    return changes


def wait_at_barrier_before(monkeypatch, owner, name: str, barrier=None):
    """Make `owner.name` wait until two callers (of it, or of another function given the same
    barrier) have arrived, then run: the contested steps start at the same moment, each in its
    own thread with its own session and connection."""
    barrier = barrier or threading.Barrier(2, timeout=60)
    real = getattr(owner, name)

    def waiting(*args, **kw):
        barrier.wait()
        return real(*args, **kw)

    monkeypatch.setattr(owner, name, waiting)
    return barrier


def in_parallel(*calls):
    """Run each call in its own thread; their results (or the exception raised) in order."""
    results: list = [None] * len(calls)

    def run(index, call):
        try:
            results[index] = call()
        except Exception as error:  # the test looks at it
            results[index] = error

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(t.is_alive() for t in threads)
    return results
