"""Hours per participant for many participants at once, in a fixed number of queries: what the
running placements plan this week and what was approved (the figures, lists and caseload share
these; nothing here grows with the number of participants)."""

from collections import defaultdict
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import aliased, selectinload

from matcher.dayparts import from_mask
from matcher.extensions import db
from matcher.models import HoursEntry, HoursStatus, Match, MatchKind, MatchStatus, Placement
from matcher.services import hours as hours_service


def planned_hours(participant_ids: list[int], on: date) -> dict[int, float]:
    """Weekly placement hours of each participant's active matches running on `on`."""
    matches = db.session.scalars(
        select(Match)
        .where(
            Match.participant_id.in_(participant_ids) if participant_ids else Match.id.is_(None),
            Match.kind == MatchKind.PLACEMENT,
            Match.status == MatchStatus.ACTIVE,
            Match.starts_on <= on,
            (Match.ends_on.is_(None)) | (Match.ends_on >= on),
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


def counted(include_superseded: bool = False):
    """Conditions of hours that count toward the target."""
    conditions = (
        HoursEntry.status == HoursStatus.APPROVED,
        HoursEntry.counts_toward_target,
        HoursEntry.absence_kind.is_(None),
    )
    return conditions if include_superseded else (*conditions, ~hours_service.is_superseded())


def counted_totals(ids: list[int]) -> dict[int, float]:
    """All counted hours minus those a correction replaced: two cheap scans, no anti-join."""
    if not ids:
        return {}
    gross = db.session.execute(
        select(HoursEntry.participant_id, func.sum(HoursEntry.hours))
        .where(HoursEntry.participant_id.in_(ids), *counted(include_superseded=True))
        .group_by(HoursEntry.participant_id)
    )
    totals = {pid: float(total) for pid, total in gross}
    replaced = select(HoursEntry.supersedes_id).where(
        HoursEntry.participant_id.in_(ids), HoursEntry.supersedes_id.is_not(None)
    )
    superseded = db.session.execute(
        select(HoursEntry.participant_id, func.sum(HoursEntry.hours))
        .where(HoursEntry.id.in_(replaced), *counted(include_superseded=True))
        .group_by(HoursEntry.participant_id)
    )
    for pid, total in superseded:
        totals[pid] -= float(total)
    return totals
