"""Reviewing a run: per participant the proposed plan, its hours, what changed and why; and the
coordinator's decisions (accept, reject, pin; accept all)."""

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from matcher.extensions import db
from matcher.models import (
    Decision,
    Match,
    MatchingRun,
    MatchProposal,
    ParticipantOutcomeRow,
    Placement,
    ProposalAction,
    RunStatus,
    User,
)
from matcher.models.people import utcnow
from matcher.services import audit
from matcher.services.errors import NotFound, ValidationFailed
from matcher.services.progress import WEEKLY_MINIMUM, minimum_of
from matcher.solver.rules import meets_minimum

FILTERS = ("below", "changed", "unmatched", "taalmaatje")


@dataclass
class ParticipantReview:
    """One participant's part of a run."""

    outcome: ParticipantOutcomeRow
    proposals: list[MatchProposal] = field(default_factory=list)

    @property
    def participant(self):
        """The participant."""
        return self.outcome.participant

    @property
    def minimum(self) -> float:
        """The weekly minimum they must reach (progress.minimum_of: 6 h, or a lower load cap)."""
        return minimum_of(self.participant)

    @property
    def reaches_minimum(self) -> bool:
        """Whether the planned participation hours reach that minimum."""
        return meets_minimum(self.outcome.participation_hours, self.minimum)

    @property
    def capped(self) -> bool:
        """Whether their load cap is below the six hours (they reach their maximum instead)."""
        return self.minimum < WEEKLY_MINIMUM


def review(run: MatchingRun, which: str | None = None) -> list[ParticipantReview]:
    """Participants of the run with their proposals; `which` is one of FILTERS or None."""
    outcomes = db.session.scalars(
        select(ParticipantOutcomeRow)
        .where(ParticipantOutcomeRow.run_id == run.id)
        .options(selectinload(ParticipantOutcomeRow.participant))
        .order_by(ParticipantOutcomeRow.participation_hours, ParticipantOutcomeRow.participant_id)
    )
    rows = {}
    for o in outcomes:
        row = ParticipantReview(o)
        if _keep(row, which):
            rows[o.participant_id] = row
    proposals = db.session.scalars(
        select(MatchProposal)
        .where(MatchProposal.run_id == run.id, MatchProposal.participant_id.in_(list(rows)))
        .options(
            selectinload(MatchProposal.match).selectinload(Match.volunteer),
            selectinload(MatchProposal.match)
            .selectinload(Match.placement)
            .selectinload(Placement.sessions),
        )
        .order_by(MatchProposal.id)
    )
    for p in proposals:
        rows[p.participant_id].proposals.append(p)
    return list(rows.values())


def _keep(row: ParticipantReview, which: str | None) -> bool:
    outcome = row.outcome
    if which == "below":
        return not row.reaches_minimum
    if which == "changed":
        return outcome.changed
    if which == "unmatched":
        return outcome.participation_hours == 0
    if which == "taalmaatje":
        return outcome.participant.wants_taalmaatje
    return True


def get_proposal(run: MatchingRun, proposal_id: int) -> MatchProposal:
    """A proposal of this run, or NotFound."""
    proposal = db.session.get(MatchProposal, proposal_id)
    if proposal is None or proposal.run_id != run.id:
        raise NotFound(proposal_id)
    return proposal


def decide(user: User, run: MatchingRun, proposal_id: int, choice: str) -> MatchProposal:
    """Record accept, reject or pin for one proposal of a finished, unconfirmed run."""
    _reviewable(run)
    proposal = get_proposal(run, proposal_id)
    if choice == "pin" and proposal.action == ProposalAction.END:
        raise ValidationFailed("cannot_pin_end")
    if choice not in ("accept", "reject", "pin"):
        raise ValidationFailed("unknown_choice")
    proposal.decision = Decision.REJECTED if choice == "reject" else Decision.ACCEPTED
    proposal.pinned = choice == "pin"
    proposal.decided_by_id, proposal.decided_at = user.id, utcnow()
    audit.record(user, choice, "match_proposal", proposal.id, ["decision", "pinned"])
    db.session.flush()
    return proposal


def accept_all(user: User, run: MatchingRun) -> int:
    """Accept every proposal still pending; returns how many."""
    _reviewable(run)
    pending = db.session.scalars(
        select(MatchProposal).where(
            MatchProposal.run_id == run.id, MatchProposal.decision == Decision.PENDING
        )
    ).all()
    now = utcnow()
    for proposal in pending:
        proposal.decision, proposal.decided_by_id, proposal.decided_at = (
            Decision.ACCEPTED,
            user.id,
            now,
        )
    audit.record(user, "accept_all", "matching_run", run.id, ["decision"])
    db.session.flush()
    return len(pending)


def _reviewable(run: MatchingRun) -> None:
    if run.status != RunStatus.DONE:
        raise ValidationFailed("run_not_reviewable")
