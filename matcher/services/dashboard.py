"""Figures for each role's home page, computed from what the database holds."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import aliased, selectinload

from matcher.dayparts import from_mask
from matcher.extensions import db
from matcher.models import (
    HoursEntry,
    HoursStatus,
    Match,
    MatchKind,
    Participant,
    ParticipantStatus,
    Placement,
    User,
    Volunteer,
)
from matcher.services.access import visible_participants
from matcher.services.notifications import failed_count
from matcher.services.progress import minimum_of
from matcher.services.volunteering import open_notices
from matcher.solver.rules import meets_minimum
from matcher.weeks import add_months, week_start

OPEN_STATUSES = (ParticipantStatus.INTAKE, ParticipantStatus.ACTIVE)


@dataclass(frozen=True)
class CoordinatorFigures:
    participants_open: int
    planned_at_minimum: int
    not_placed_after_three_months: int
    placements_active: int
    volunteers_active: int
    vog_missing_or_old: int
    hours_awaiting_approval: int
    notices: tuple = ()  # issue 6: volunteers' changes that affect an active match
    mail_failed: int = 0  # outbox messages past their last attempt


def planned_hours(participant_ids: list[int], on: date) -> dict[int, float]:
    """Weekly placement hours of each participant's matches that count on `on`
    (Match.counts_on: through their last day)."""
    matches = db.session.scalars(
        select(Match)
        .where(
            Match.participant_id.in_(participant_ids) if participant_ids else Match.id.is_(None),
            Match.kind == MatchKind.PLACEMENT,
            Match.counts_on(on),
        )
        .options(selectinload(Match.placement).selectinload(Placement.sessions))
    )
    hours: dict[int, float] = defaultdict(float)
    for match in matches:
        by_daypart = {s.daypart: s.hours for s in match.placement.sessions}
        hours[match.participant_id] += sum(
            by_daypart.get(dp, 0) for dp in from_mask(match.dayparts)
        )
    return hours


def coordinator_figures(user: User, today: date) -> CoordinatorFigures:
    """The coordinator's overview for the current week."""
    open_query = visible_participants(user).where(Participant.status.in_(OPEN_STATUSES))
    participants = list(db.session.scalars(open_query))
    ids = [p.id for p in participants]
    hours = planned_hours(ids, today)
    not_placed = sum(
        1 for p in participants if hours.get(p.id, 0) == 0 and add_months(p.pip_date, 3) < today
    )
    vog_cutoff = today - timedelta(days=3 * 365)
    active_volunteers = select(func.count()).select_from(Volunteer).where(Volunteer.active)
    return CoordinatorFigures(
        participants_open=len(participants),
        planned_at_minimum=sum(
            1 for p in participants if meets_minimum(hours.get(p.id, 0.0), minimum_of(p))
        ),
        not_placed_after_three_months=not_placed,
        placements_active=db.session.scalar(
            select(func.count()).select_from(Placement).where(Placement.active)
        ),
        volunteers_active=db.session.scalar(active_volunteers),
        vog_missing_or_old=db.session.scalar(
            active_volunteers.where(
                (Volunteer.vog_date.is_(None)) | (Volunteer.vog_date < vog_cutoff)
            )
        ),
        hours_awaiting_approval=db.session.scalar(
            select(func.count())
            .select_from(HoursEntry)
            .where(HoursEntry.status == HoursStatus.SUBMITTED)
        ),
        notices=tuple(open_notices()),
        mail_failed=failed_count(),
    )


@dataclass(frozen=True)
class CaseloadRow:
    participant: Participant
    planned_hours: float
    hours_this_week: float
    hours_total: float


def caseload(user: User, today: date) -> list[CaseloadRow]:
    """The coach's participants with this week's and the cumulative approved hours."""
    participants = list(
        db.session.scalars(
            visible_participants(user).order_by(Participant.last_name, Participant.first_name)
        )
    )
    ids = [p.id for p in participants]
    planned = planned_hours(ids, today)
    week_hours = approved_hours(ids, since=week_start(today))
    total_hours = approved_hours(ids, since=None)
    return [
        CaseloadRow(
            p,
            planned.get(p.id, 0.0),
            week_hours.get(p.id, 0.0),
            p.hours_before + total_hours.get(p.id, 0.0),
        )
        for p in participants
    ]


def approved_hours(participant_ids: list[int], since: date | None) -> dict[int, float]:
    """Approved participation hours per participant, from `since` on (or all)."""
    if not participant_ids:
        return {}
    correction = aliased(HoursEntry)
    superseded = select(correction.id).where(correction.supersedes_id == HoursEntry.id).exists()
    query = (
        select(HoursEntry.participant_id, func.sum(HoursEntry.hours))
        .where(
            HoursEntry.participant_id.in_(participant_ids),
            HoursEntry.status == HoursStatus.APPROVED,
            HoursEntry.counts_toward_target,
            HoursEntry.absence_kind.is_(None),
            ~superseded,
        )
        .group_by(HoursEntry.participant_id)
    )
    if since is not None:
        query = query.where(HoursEntry.entry_date >= since)
    return {pid: float(total) for pid, total in db.session.execute(query)}
