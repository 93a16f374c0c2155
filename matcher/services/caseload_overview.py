"""Gather progress facts for a whole caseload in a fixed number of queries (no N+1)."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select

from matcher.extensions import db
from matcher.models import (
    HoursEntry,
    HoursStatus,
    Participant,
    ProgressMeeting,
    User,
)
from matcher.services import audit, participant_filters, progress, records
from matcher.services import hours as hours_service
from matcher.services.access import visible_participants
from matcher.services.errors import ValidationFailed
from matcher.services.participant_filters import Need
from matcher.services.week_hours import counted as _counted
from matcher.services.week_hours import counted_totals, planned_hours
from matcher.weeks import week_start


@dataclass(frozen=True)
class CaseloadLine:
    participant: Participant
    progress: progress.Progress
    planned_hours: float
    submitted: int
    needs: frozenset = frozenset()  # participant_filters.Need


def weekly_hours(ids: list[int], since: date | None) -> dict[int, dict[date, float]]:
    """Approved counted hours per participant per week (Monday), from `since` on (or all)."""
    query = (
        select(HoursEntry.participant_id, HoursEntry.entry_date, func.sum(HoursEntry.hours))
        .where(HoursEntry.participant_id.in_(ids), *_counted())
        .group_by(HoursEntry.participant_id, HoursEntry.entry_date)
    )
    if since is not None:
        query = query.where(HoursEntry.entry_date >= since)
    weeks: dict[int, dict[date, float]] = defaultdict(lambda: defaultdict(float))
    for pid, day, total in db.session.execute(query):
        weeks[pid][week_start(day)] += float(total)
    return weeks


def _last_activity(ids: list[int], since: date) -> dict[int, date]:
    """Last active day from `since` on: older activity flags the same as none (≥ 3 weeks)."""
    rows = db.session.execute(
        select(HoursEntry.participant_id, func.max(HoursEntry.entry_date))
        .where(
            HoursEntry.participant_id.in_(ids),
            HoursEntry.entry_date >= since,
            HoursEntry.status != HoursStatus.REJECTED,
            HoursEntry.absence_kind.is_(None),
            HoursEntry.hours > 0,
        )
        .group_by(HoursEntry.participant_id)
    )
    return dict(rows.all())


def latest_meetings(ids: list[int]) -> dict[int, ProgressMeeting]:
    """Each participant's most recent voortgangsgesprek."""
    meetings = db.session.scalars(
        select(ProgressMeeting)
        .where(ProgressMeeting.participant_id.in_(ids))
        .order_by(ProgressMeeting.held_on, ProgressMeeting.id)
    )
    return {m.participant_id: m for m in meetings}  # later rows win


def _submitted(ids: list[int]) -> dict[int, int]:
    rows = db.session.execute(
        select(HoursEntry.participant_id, func.count())
        .where(HoursEntry.participant_id.in_(ids), HoursEntry.status == HoursStatus.SUBMITTED)
        .group_by(HoursEntry.participant_id)
    )
    return dict(rows.all())


def facts_for(
    participants: list[Participant],
    today: date,
    planned: dict[int, float] | None = None,
    totals: dict[int, float] | None = None,
) -> dict[int, progress.ProgressFacts]:
    """ProgressFacts for each participant, in a fixed number of queries whatever the size."""
    ids = [p.id for p in participants]
    since = week_start(today) - timedelta(weeks=progress.PACE_WINDOW_WEEKS)
    weekly = weekly_hours(ids, since)
    if totals is None:
        totals = counted_totals(ids)
    active, meetings = _last_activity(ids, since), latest_meetings(ids)
    if planned is None:
        planned = planned_hours(ids, today)
    facts = {}
    for p in participants:
        meeting = meetings.get(p.id)
        facts[p.id] = progress.ProgressFacts(
            pip_date=p.pip_date,
            status=str(p.status),
            trajectory_end=p.trajectory_end,
            target=p.participation_target,
            hours_before=p.hours_before,
            approved_total=totals.get(p.id, 0.0),
            weekly=dict(weekly.get(p.id, {})),
            placed=planned.get(p.id, 0.0) > 0,
            last_activity=active.get(p.id),
            last_gesprek=meeting.held_on if meeting else None,
            next_gesprek=meeting.next_date if meeting else None,
            minimum=progress.minimum_of(p),
        )
    return facts


def overview(
    user: User, today: date, interval_months: int, sort: str = "urgency"
) -> list[CaseloadLine]:
    """Every visible participant with progress, planned hours, entries
    awaiting approval and their needs; most urgent first (participant_filters.urgency_key), or
    by name or PIP date."""
    participants = list(db.session.scalars(visible_participants(user)))
    if not participants:
        return []
    ids = [p.id for p in participants]
    planned = planned_hours(ids, today)
    known = participant_filters.gather(ids, today, planned)
    facts = facts_for(participants, today, planned, known.totals)
    submitted = _submitted(ids)
    lines = [
        CaseloadLine(
            participant=p,
            progress=progress.compute(facts[p.id], today, interval_months),
            planned_hours=planned.get(p.id, 0.0),
            submitted=submitted.get(p.id, 0),
            needs=participant_filters.needs_of(p, known, today),
        )
        for p in participants
    ]
    lines.sort(key=lambda line: _order(line, sort))
    return lines


def with_need(lines: list[CaseloadLine], need: Need | None) -> list[CaseloadLine]:
    """The lines with `need` (all when None)."""
    return lines if need is None else [line for line in lines if need in line.needs]


def _order(line: CaseloadLine, sort: str):
    p = line.participant
    if sort == "urgency":
        return participant_filters.urgency_key(line.needs, p.last_name, p.first_name, p.id)
    if sort == "pip":
        return (p.pip_date, p.last_name, p.first_name, p.id)
    return (p.last_name, p.first_name, p.id)


def page_of(lines: list[CaseloadLine], page: int, per_page: int) -> records.Page:
    """One page of the (sorted, filtered) lines; a page past the end shows the last one."""
    pages = max(1, -(-len(lines) // per_page))
    page = max(1, min(page, pages))
    start = (page - 1) * per_page
    return records.Page(lines[start : start + per_page], len(lines), page, per_page)


def need_counts(lines: list[CaseloadLine]) -> dict[Need, int]:
    """How many lines have each need: the coach's home figures (each links to its filter)."""
    tally = dict.fromkeys(Need, 0)
    for line in lines:
        for need in line.needs:
            tally[need] += 1
    return tally


@dataclass(frozen=True)
class ParticipantProgress:
    participant: Participant
    progress: progress.Progress
    weekly: dict[date, float]  # every week since the PIP with approved counted hours
    meetings: list[ProgressMeeting]
    absences: dict[str, float]  # absence kind -> hours (approved or waiting)


def for_participant(participant: Participant, today: date, interval_months: int):
    """Progress, the full weekly series and the gesprekken of one (already visible) participant."""
    facts = facts_for([participant], today)[participant.id]
    weekly = dict(weekly_hours([participant.id], since=None).get(participant.id, {}))
    meetings = db.session.scalars(
        select(ProgressMeeting)
        .where(ProgressMeeting.participant_id == participant.id)
        .order_by(ProgressMeeting.held_on.desc(), ProgressMeeting.id.desc())
    ).all()
    absences = db.session.execute(
        select(HoursEntry.absence_kind, func.sum(HoursEntry.hours))
        .where(
            HoursEntry.participant_id == participant.id,
            HoursEntry.absence_kind.is_not(None),
            HoursEntry.status != HoursStatus.REJECTED,
            ~hours_service.is_superseded(),
        )
        .group_by(HoursEntry.absence_kind)
    )
    return ParticipantProgress(
        participant=participant,
        progress=progress.compute(facts, today, interval_months),
        weekly=weekly,
        meetings=list(meetings),
        absences={str(kind): float(total) for kind, total in absences},
    )


def record_meeting(
    actor: User, participant: Participant, held_on: date, summary: str, next_date, today: date
) -> ProgressMeeting:
    """Record a voortgangsgesprek; the next date (if any) sets when the next one is due."""
    if held_on > today:
        raise ValidationFailed("date.future", {"held_on": "date.future"})
    if held_on < participant.pip_date:
        raise ValidationFailed("meeting.before_pip", {"held_on": "meeting.before_pip"})
    if next_date is not None and next_date <= held_on:
        raise ValidationFailed(
            "meeting.next_before_held", {"next_date": "meeting.next_before_held"}
        )
    meeting = ProgressMeeting(
        participant_id=participant.id,
        held_on=held_on,
        summary=summary.strip(),
        next_date=next_date,
        coach_id=actor.id,
    )
    db.session.add(meeting)
    db.session.flush()
    audit.record(actor, "create", "progress_meeting", meeting.id, ["held_on", "summary"])
    return meeting
