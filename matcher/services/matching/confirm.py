"""Confirming a reviewed run: accepted proposals become active matches from the run's week, in
one transaction, after every hard rule is checked again against the data as it is now."""

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select

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
from matcher.services import audit
from matcher.services.errors import DomainError, ValidationFailed
from matcher.services.matching.rules import plan_conflicts


class Conflicts(DomainError):
    """The plan breaks hard rules now; `conflicts` names each (codes with names and numbers)."""

    def __init__(self, conflicts: list[dict]):
        super().__init__("conflicts")
        self.conflicts = conflicts


@dataclass(frozen=True)
class Change:
    """A match that starts or ends with this confirmation (who to tell)."""

    action: str  # "new" | "ended"
    match: Match


def confirm_run(user: User, run: MatchingRun) -> list[Change]:
    """Apply the accepted decisions (flushes; the caller commits); Conflicts when rules break."""
    if run.status != RunStatus.DONE:
        raise ValidationFailed("run_not_reviewable")
    proposals = db.session.scalars(
        select(MatchProposal).where(MatchProposal.run_id == run.id).order_by(MatchProposal.id)
    ).all()
    week = run.week_start
    changes: list[Change] = []
    planned: list[Match] = []
    for p in proposals:
        change = _apply(p, week)
        if change is not None:
            changes.append(change)
        if p.match.status == MatchStatus.ACTIVE and p.action != ProposalAction.END:
            planned.append(p.match)
    db.session.flush()
    conflicts = plan_conflicts(week, planned)
    if conflicts:
        raise Conflicts(conflicts)
    run.status = RunStatus.CONFIRMED
    audit.record(user, "confirm", "matching_run", run.id, ["status"])
    for change in changes:
        audit.record(user, change.action, "match", change.match.id, ["status"])
    db.session.flush()
    return changes


def _apply(p: MatchProposal, week) -> Change | None:
    """Carry out one proposal's decision; the change it makes, if any."""
    match, accepted = p.match, p.decision == Decision.ACCEPTED
    if p.action == ProposalAction.ADD:
        if not accepted:
            match.status = MatchStatus.REJECTED
            return None
        match.status, match.starts_on, match.pinned = MatchStatus.ACTIVE, week, p.pinned
        return Change("new", match)
    if p.action == ProposalAction.KEEP:
        if p.decision == Decision.REJECTED:
            return _end(match, week)
        match.pinned = match.pinned or p.pinned
        return None
    return _end(match, week) if accepted else None


def _end(match: Match, week) -> Change:
    """End a running match before the week (or at its start, if it began that week)."""
    match.status = MatchStatus.ENDED
    match.ends_on = max(match.starts_on, week - timedelta(days=1))
    return Change("ended", match)
