"""Figures for each role's home page, computed from what the database holds."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from matcher.extensions import db
from matcher.models import (
    Participant,
    Placement,
    User,
    Volunteer,
)
from matcher.services import participant_filters, registry_volunteers
from matcher.services.access import visible_participants
from matcher.services.notifications import failed_count
from matcher.services.participant_filters import OPEN_STATUSES, Need
from matcher.services.volunteering import open_notices
from matcher.services.week_hours import approved_hours, planned_hours
from matcher.weeks import week_start

__all__ = ["OPEN_STATUSES", "approved_hours", "planned_hours"]  # kept where callers found them


@dataclass(frozen=True)
class CoordinatorFigures:
    participants_open: int
    planned_at_minimum: int
    not_placed_after_three_months: int
    placements_active: int
    volunteers_active: int
    vog_missing_or_old: int
    hours_waiting: int  # participants with hours entries awaiting approval
    notices: tuple = ()  # issue 6: volunteers' changes that affect an active match
    mail_failed: int = 0  # outbox messages past their last attempt
    below_minimum: int = 0  # issue 13: each participant figure is a list filter's count
    behind_pace: int = 0
    no_volunteer: int = 0
    paused: int = 0


def coordinator_figures(user: User, today: date) -> CoordinatorFigures:
    """The coordinator's overview for the current week: the participant figures are the counts
    of the participant list's filters (participant_filters), so each matches its list."""
    tally = participant_filters.counts(visible_participants(user), today)
    active_volunteers = select(func.count()).select_from(Volunteer).where(Volunteer.active)
    return CoordinatorFigures(
        participants_open=tally[Need.OPEN],
        planned_at_minimum=tally[Need.AT_MINIMUM],
        not_placed_after_three_months=tally[Need.NOT_PLACED],
        placements_active=db.session.scalar(
            select(func.count()).select_from(Placement).where(Placement.active)
        ),
        volunteers_active=db.session.scalar(active_volunteers),
        vog_missing_or_old=db.session.scalar(
            active_volunteers.where(registry_volunteers.vog_missing_or_old(today))
        ),
        hours_waiting=tally[Need.HOURS_WAITING],
        notices=tuple(open_notices()),
        mail_failed=failed_count(),
        below_minimum=tally[Need.BELOW_MINIMUM],
        behind_pace=tally[Need.BEHIND_PACE],
        no_volunteer=tally[Need.NO_VOLUNTEER],
        paused=tally[Need.PAUSED],
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
