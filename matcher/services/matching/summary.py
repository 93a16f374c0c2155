"""The counts at the top of a run's review page, over the whole run (whatever the filter), and
the count after confirmation that the run history shows next to the plan's."""

from dataclasses import dataclass

from sqlalchemy import func, select

from matcher.extensions import db
from matcher.models import (
    Decision,
    MatchingRun,
    MatchProposal,
    Participant,
    ParticipantOutcomeRow,
    ProposalAction,
)
from matcher.services.dashboard import planned_hours
from matcher.solver.rules import meets_minimum, weekly_minimum


@dataclass(frozen=True)
class Summary:
    """The counts at the top of the review page, over the whole run."""

    new: int
    changed: int
    stopping: int
    below_minimum: int
    participants: int
    open: int


def summary(run: MatchingRun) -> Summary:
    """How many new, changed and stopping matches, how many below the minimum, how many open."""
    counts = {"new": 0, "changed": 0, "end": 0, "open": 0}
    rows = db.session.execute(
        select(
            MatchProposal.action,
            MatchProposal.replaces_id.is_(None),
            MatchProposal.decision,
            func.count(),
        )
        .where(MatchProposal.run_id == run.id, MatchProposal.action != ProposalAction.KEEP)
        .group_by(MatchProposal.action, MatchProposal.replaces_id.is_(None), MatchProposal.decision)
    )
    for action, plain, decision, n in rows:
        key = "end" if action == ProposalAction.END else ("new" if plain else "changed")
        counts[key] += n
        if decision == Decision.PENDING:
            counts["open"] += n
    hours = db.session.execute(
        select(ParticipantOutcomeRow.participation_hours, Participant.max_hours_week)
        .join(Participant, Participant.id == ParticipantOutcomeRow.participant_id)
        .where(ParticipantOutcomeRow.run_id == run.id)
    ).all()
    below = sum(1 for worked, cap in hours if not meets_minimum(worked, weekly_minimum(cap)))
    return Summary(
        counts["new"], counts["changed"], counts["end"], below, len(hours), counts["open"]
    )


def record_confirmed(run: MatchingRun) -> int:
    """Store in the run's figures how many of its participants reach their weekly minimum in
    the run's week with the matches as confirmed ("confirmed_at_minimum", next to the plan's
    "at_minimum"): the same minimum and the same counting rule as the home page."""
    rows = db.session.execute(
        select(Participant.id, Participant.max_hours_week)
        .join(ParticipantOutcomeRow, ParticipantOutcomeRow.participant_id == Participant.id)
        .where(ParticipantOutcomeRow.run_id == run.id)
    ).all()
    hours = planned_hours([pid for pid, _ in rows], run.week_start)
    reached = sum(1 for pid, cap in rows if meets_minimum(hours.get(pid, 0.0), weekly_minimum(cap)))
    run.figures = {**(run.figures or {}), "confirmed_at_minimum": reached}
    return reached
