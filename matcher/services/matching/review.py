"""Reviewing a run: per participant the proposed plan, its hours, what changed and why; and the
coordinator's decisions (accept, reject, pin; accept all new and unchanged; accept the stops
after seeing them listed). A rejected pairing is remembered (rejections.py).

A decision is one conditional update on the proposal's version, only while its run is done
(not confirmed): of two coordinators deciding at once one wins and the other is told what was
decided; a decision on a confirmed run is refused."""

from dataclasses import dataclass, field

from sqlalchemy import and_, or_, select, update
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
from matcher.services.errors import DomainError, NotFound, ValidationFailed
from matcher.services.matching import rejections
from matcher.services.progress import WEEKLY_MINIMUM, minimum_of
from matcher.solver.rules import meets_minimum

FILTERS = ("below", "changed", "unmatched", "taalmaatje")


class AlreadyConfirmed(ValidationFailed):
    """The run was confirmed (by `by`, at `at`): nothing can be decided or confirmed again."""

    code = "run.confirmed"

    def __init__(self, run: MatchingRun):
        by = run.confirmed_by.name if run.confirmed_by else None
        super().__init__(None, name=by, at=run.confirmed_at)
        self.by, self.at = run.confirmed_by, run.confirmed_at


class DecidedMeanwhile(DomainError):
    """Someone else decided this proposal since it was shown; `proposal` holds their decision."""

    code = "proposal.decided_meanwhile"

    def __init__(self, proposal: MatchProposal):
        by = proposal.decided_by.name if proposal.decided_by else None
        decision = "pinned" if proposal.pinned else str(proposal.decision.value)
        super().__init__(None, name=by, decision=decision, at=proposal.decided_at)
        self.proposal = proposal


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

    @property
    def to_decide(self) -> bool:
        """Whether the plan changes anything for them (a new, changed or stopping match)."""
        return any(p.action != ProposalAction.KEEP for p in self.proposals)

    @property
    def open_count(self) -> int:
        """Their changes still waiting for a decision."""
        return sum(
            1
            for p in self.proposals
            if p.action != ProposalAction.KEEP and p.decision == Decision.PENDING
        )


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
            selectinload(MatchProposal.match)
            .selectinload(Match.placement)
            .selectinload(Placement.organisation),
            selectinload(MatchProposal.replaces),
            selectinload(MatchProposal.decided_by),
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


def decide(
    user: User, run: MatchingRun, proposal_id: int, choice: str, seen_version: int | None = None
) -> MatchProposal:
    """Record accept, reject or pin for one proposal of a finished, unconfirmed run (flushes).
    `seen_version` is the proposal's version the coordinator saw; DecidedMeanwhile when it
    changed, AlreadyConfirmed when the run was confirmed."""
    if choice not in ("accept", "reject", "pin"):
        raise ValidationFailed("proposal.unknown_choice")
    proposal = get_proposal(run, proposal_id)
    if choice == "pin" and proposal.action == ProposalAction.END:
        raise ValidationFailed("proposal.cannot_pin_end")
    version = proposal.version if seen_version is None else seen_version
    _hold_reviewable(run)
    decided = db.session.execute(
        update(MatchProposal)
        .where(
            MatchProposal.id == proposal.id,
            MatchProposal.version == version,
            _still_reviewable(run),
        )
        .values(
            decision=Decision.REJECTED if choice == "reject" else Decision.ACCEPTED,
            pinned=choice == "pin",
            decided_by_id=user.id,
            decided_at=utcnow(),
            version=MatchProposal.version + 1,
        )
        .execution_options(synchronize_session=False)
    ).rowcount
    db.session.refresh(proposal)
    if decided != 1:
        _refuse_closed(run)
        raise DecidedMeanwhile(proposal)
    if choice == "reject":
        rejections.remember(user, proposal)
    else:
        rejections.forget(user, proposal)
    audit.record(user, choice, "match_proposal", proposal.id, ["decision", "pinned"])
    db.session.flush()
    return proposal


def accept_all(user: User, run: MatchingRun) -> int:
    """Accept every new, changed and unchanged proposal still pending (one conditional update);
    stops stay open (accept_stops); returns how many were accepted."""
    return _accept(user, run, MatchProposal.action != ProposalAction.END, "accept_all")


def pending_stops(run: MatchingRun) -> list[MatchProposal]:
    """The stops still waiting for a decision, with participant and what stops."""
    return list(
        db.session.scalars(
            select(MatchProposal)
            .where(
                MatchProposal.run_id == run.id,
                MatchProposal.action == ProposalAction.END,
                MatchProposal.decision == Decision.PENDING,
            )
            .options(
                selectinload(MatchProposal.participant),
                selectinload(MatchProposal.match).selectinload(Match.volunteer),
                selectinload(MatchProposal.match)
                .selectinload(Match.placement)
                .selectinload(Placement.organisation),
            )
            .order_by(MatchProposal.participant_id, MatchProposal.id)
        )
    )


def accept_stops(user: User, run: MatchingRun, seen: list[tuple[int, int]]) -> int:
    """Accept exactly the stops the coordinator was shown, `seen` as (proposal id, version):
    one conditional update; a stop decided since (another version) is left as it is."""
    if not seen:
        return 0
    shown = or_(*(and_(MatchProposal.id == i, MatchProposal.version == v) for i, v in seen))
    return _accept(
        user, run, and_(MatchProposal.action == ProposalAction.END, shown), "accept_stops"
    )


def _accept(user: User, run: MatchingRun, which, action: str) -> int:
    _hold_reviewable(run)
    accepted = db.session.execute(
        update(MatchProposal)
        .where(
            MatchProposal.run_id == run.id,
            MatchProposal.decision == Decision.PENDING,
            which,
            _still_reviewable(run),
        )
        .values(
            decision=Decision.ACCEPTED,
            decided_by_id=user.id,
            decided_at=utcnow(),
            version=MatchProposal.version + 1,
        )
        .execution_options(synchronize_session="fetch")
    ).rowcount
    if accepted == 0:
        _refuse_closed(run)
    audit.record(user, action, "matching_run", run.id, ["decision"])
    db.session.flush()
    return accepted


def _hold_reviewable(run: MatchingRun) -> None:
    """Refuse unless the run is done; on PostgreSQL keep it so (FOR SHARE) until the caller's
    transaction ends, so a confirmation waits for this decision or this decision for it."""
    status = db.session.scalar(
        select(MatchingRun.status).where(MatchingRun.id == run.id).with_for_update(read=True)
    )
    if status != RunStatus.DONE:
        _refuse_closed(run)


def _still_reviewable(run: MatchingRun):
    """The same condition inside the update itself (SQLite has no row locks)."""
    return (
        select(MatchingRun.id)
        .where(MatchingRun.id == run.id, MatchingRun.status == RunStatus.DONE)
        .exists()
    )


def _refuse_closed(run: MatchingRun) -> None:
    """Raise when the run is no longer reviewable (confirmed, or never finished)."""
    db.session.refresh(run)
    if run.status == RunStatus.CONFIRMED:
        raise AlreadyConfirmed(run)
    if run.status != RunStatus.DONE:
        raise ValidationFailed("run.not_reviewable")
