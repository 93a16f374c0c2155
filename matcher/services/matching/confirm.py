"""Confirming a reviewed run: accepted proposals become active matches from the run's week, in
one transaction, after every hard rule is checked again against the data as it is now.

The transaction starts with one conditional update (done to confirmed): of two coordinators
confirming at once exactly one wins; the other gets AlreadyConfirmed and writes nothing."""

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select, update

from matcher.extensions import db
from matcher.models import (
    Decision,
    Match,
    MatchingRun,
    MatchProposal,
    MatchStatus,
    ProposalAction,
    RunStatus,
    User,
)
from matcher.models.people import utcnow
from matcher.services import audit
from matcher.services.errors import DomainError, ValidationFailed
from matcher.services.matching.review import AlreadyConfirmed
from matcher.services.matching.rules import plan_conflicts
from matcher.services.matching.summary import record_confirmed


class Conflicts(DomainError):
    """The plan breaks hard rules now; `conflicts` names each (codes with names and numbers)."""

    code = "plan.conflicts"

    def __init__(self, conflicts: list[dict]):
        super().__init__(None, count=len(conflicts))
        self.conflicts = conflicts


@dataclass(frozen=True)
class Change:
    """A match that starts or ends with this confirmation (who to tell)."""

    action: str  # "new" | "ended"
    match: Match


def confirm_run(user: User, run: MatchingRun) -> list[Change]:
    """Apply the accepted decisions (flushes; the caller commits); Conflicts when rules break,
    AlreadyConfirmed when someone else confirmed the run first (the caller rolls back)."""
    _take_for_confirmation(user, run)
    proposals = db.session.scalars(
        select(MatchProposal).where(MatchProposal.run_id == run.id).order_by(MatchProposal.id)
    ).all()
    week = run.week_start
    changes: list[Change] = []
    planned: list[Match] = []
    for p in proposals:
        changes += _apply(p, week)
        if p.match.status == MatchStatus.ACTIVE and p.action != ProposalAction.END:
            planned.append(p.match)
    db.session.flush()
    conflicts = plan_conflicts(week, planned)
    if conflicts:
        raise Conflicts(conflicts)
    record_confirmed(run)
    audit.record(user, "confirm", "matching_run", run.id, ["status"])
    for change in changes:
        audit.record(user, change.action, "match", change.match.id, ["status"])
    db.session.flush()
    return changes


def _take_for_confirmation(user: User, run: MatchingRun) -> None:
    """done → confirmed in one conditional update; its row lock (PostgreSQL) or the write lock
    (SQLite) holds a second confirmation, and decisions, until this transaction ends."""
    won = db.session.execute(
        update(MatchingRun)
        .where(MatchingRun.id == run.id, MatchingRun.status == RunStatus.DONE)
        .values(status=RunStatus.CONFIRMED, confirmed_by_id=user.id, confirmed_at=utcnow())
        .execution_options(synchronize_session=False)
    ).rowcount
    db.session.refresh(run)
    if won == 1:
        return
    if run.status == RunStatus.CONFIRMED:
        raise AlreadyConfirmed(run)
    raise ValidationFailed("run.not_reviewable")


def _apply(p: MatchProposal, week) -> list[Change]:
    """Carry out one proposal's decision; the changes it makes. An accepted day-part change
    ends the match it replaces and starts the new one; rejected, the running match stays."""
    match, accepted = p.match, p.decision == Decision.ACCEPTED
    if p.action == ProposalAction.ADD:
        if not accepted:
            match.status = MatchStatus.REJECTED
            return []
        match.status, match.starts_on, match.pinned = MatchStatus.ACTIVE, week, p.pinned
        ended = [_end(p.replaces, week)] if p.replaces is not None else []
        return [*ended, Change("new", match)]
    if p.action == ProposalAction.KEEP:
        if p.decision == Decision.REJECTED:
            return [_end(match, week)]
        match.pinned = match.pinned or p.pinned
        return []
    return [_end(match, week)] if accepted else []


def _end(match: Match, week) -> Change:
    """End a running match before the week (or at its start, if it began that week)."""
    match.status = MatchStatus.ENDED
    match.ends_on = max(match.starts_on, week - timedelta(days=1))
    return Change("ended", match)
