"""Helpers for matching tests: run synchronously, decide, confirm."""

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


def accept_all_and_confirm(user, run):
    review.accept_all(user, run)
    changes = confirm.confirm_run(user, run)
    db.session.commit()
    return changes
