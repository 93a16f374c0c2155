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


@dataclass(frozen=True)
class Caseload:
    """One page of a coach's caseload, with the figures of the whole caseload."""

    page: records.Page  # items: the page's CaseloadLines, in the chosen order
    counts: dict[Need, int]  # how many of the whole caseload have each need
    total: int  # the whole caseload
    submitted: int  # entries of the whole caseload awaiting approval


def overview(
    user: User,
    today: date,
    interval_months: int,
    sort: str = "urgency",
    need: Need | None = None,
    page: int = 1,
    per_page: int = 100,
) -> Caseload:
    """The visible participants with `need` (all when None), most urgent first
    (participant_filters.urgency_key) or by name or PIP date, one page of them with progress,
    planned hours and entries awaiting approval. The needs of everyone are decided on a few
    columns (participant_filters.needs_for); progress is computed for the page only, so the cost
    of a page does not grow with the caseload's history."""
    visible = visible_participants(user)
    found = participant_filters.needs_for(visible, today)
    counts = dict.fromkeys(Need, 0)
    for needs, _key in found.values():
        for each in needs:
            counts[each] += 1
    chosen = [pid for pid, (needs, _key) in found.items() if need is None or need in needs]
    chosen.sort(key=_order(found, sort, chosen))
    ids = page_of(chosen, page, per_page)
    return Caseload(
        page=records.Page(
            _lines(ids.items, found, today, interval_months), ids.total, ids.page, ids.per_page
        ),
        counts=counts,
        total=len(found),
        submitted=_submitted_total(visible),
    )


def _lines(ids: list[int], found: dict, today: date, interval_months: int) -> list[CaseloadLine]:
    if not ids:
        return []
    loaded = db.session.scalars(select(Participant).where(Participant.id.in_(ids)))
    by_id = {p.id: p for p in loaded}
    participants = [by_id[pid] for pid in ids]
    planned = planned_hours(ids, today)
    facts = facts_for(participants, today, planned)
    submitted = _submitted(ids)
    return [
        CaseloadLine(
            participant=p,
            progress=progress.compute(facts[p.id], today, interval_months),
            planned_hours=planned.get(p.id, 0.0),
            submitted=submitted.get(p.id, 0),
            needs=found[p.id][0],
        )
        for p in participants
    ]


def _order(found: dict, sort: str, chosen: list[int]):
    """The sort key of a participant id: urgency, name or PIP date (then name)."""
    if sort == "urgency":
        return lambda pid: found[pid][1]
    by_name = len(participant_filters.URGENCY)  # urgency_key: (*urgency flags, last, first, id)
    if sort == "pip":
        pip = dict(
            db.session.execute(
                select(Participant.id, Participant.pip_date).where(Participant.id.in_(chosen))
            ).all()
        )
        return lambda pid: (pip[pid], *found[pid][1][by_name:])
    return lambda pid: found[pid][1][by_name:]


def _submitted_total(visible) -> int:
    return db.session.scalar(
        select(func.count())
        .select_from(HoursEntry)
        .where(
            HoursEntry.participant_id.in_(visible.with_only_columns(Participant.id)),
            HoursEntry.status == HoursStatus.SUBMITTED,
        )
    )


def page_of(items: list, page: int, per_page: int) -> records.Page:
    """One page of an ordered list; a page past the end shows the last one."""
    pages = max(1, -(-len(items) // per_page))
    page = max(1, min(page, pages))
    start = (page - 1) * per_page
    return records.Page(items[start : start + per_page], len(items), page, per_page)


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
