"""Hours per participant for many participants at once, in a fixed number of queries: what the
running placements plan this week and what was approved (the figures, lists and caseload share
these; nothing here grows with the number of participants). `ids` is a list of participant ids
or, for a large scope, a SELECT of them (a subquery instead of thousands of parameters)."""

from datetime import date

from sqlalchemy import case, func, select
from sqlalchemy.orm import aliased

from matcher.dayparts import INDEX
from matcher.extensions import db
from matcher.models import (
    HoursEntry,
    HoursStatus,
    Match,
    MatchKind,
    Participant,
    PlacementSession,
)
from matcher.services import hours as hours_service
from matcher.services.column_rows import column_rows


def _none(ids) -> bool:
    """An empty list of ids (a SELECT of ids, for a large scope, is never known empty here)."""
    return isinstance(ids, list | tuple | set) and not ids


def _session_bit():
    """SQL: the bit of the session's day-part in a match's `dayparts` mask (dayparts.INDEX)."""
    return case({name: 1 << index for name, index in INDEX.items()}, value=PlacementSession.daypart)


def planned_hours(participant_ids: list[int], on: date) -> dict[int, float]:
    """Weekly placement hours of each participant's matches that count on `on`
    (Match.counts_on: through their last day): the hours of the placement's sessions in the
    match's day-parts, summed in the database (one row per participant)."""
    if _none(participant_ids):
        return {}
    rows = column_rows(
        select(Match.participant_id, func.sum(PlacementSession.hours))
        .join(PlacementSession, PlacementSession.placement_id == Match.placement_id)
        .where(
            Match.participant_id.in_(participant_ids),
            Match.kind == MatchKind.PLACEMENT,
            Match.counts_on(on),
            Match.dayparts.op("&")(_session_bit()) != 0,
        )
        .group_by(Match.participant_id)
    )
    return {participant_id: float(hours) for participant_id, hours in rows}


def approved_hours(participant_ids: list[int], since: date | None) -> dict[int, float]:
    """Approved participation hours per participant, from `since` on (or all)."""
    if _none(participant_ids):
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
    """All counted hours minus those a correction replaced, in two queries: each participant's
    counted hours summed from the covering index ix_hours_entries_counted (a correlated sum per
    participant: an index-only range each; the join and hash aggregate PostgreSQL plans for the
    plain GROUP BY took twice as long at 5,000 participants), and the counted hours that
    corrections replaced, found from the corrections (ix_hours_entries_supersedes_id; there are
    few) and kept for the participants counted here. A replaced counted entry is itself in the
    first sum, so its participant is in `totals` exactly when they are in `ids`. Restricting the
    second query to `ids` in SQL made SQLite walk every entry of every participant instead
    (50 ms against 1 ms at 5,000 participants; benchmarks/web_lists.py)."""
    if _none(ids):
        return {}
    own_sum = (
        select(func.sum(HoursEntry.hours))
        .where(HoursEntry.participant_id == Participant.id, *counted(include_superseded=True))
        .scalar_subquery()
    )
    gross = column_rows(select(Participant.id, own_sum).where(Participant.id.in_(ids)))
    totals = {pid: float(total) for pid, total in gross if total is not None}
    replaced = select(HoursEntry.supersedes_id).where(HoursEntry.supersedes_id.is_not(None))
    superseded = column_rows(
        select(HoursEntry.participant_id, func.sum(HoursEntry.hours))
        .where(HoursEntry.id.in_(replaced), *counted(include_superseded=True))
        .group_by(HoursEntry.participant_id)
    )
    for pid, total in superseded:
        if pid in totals:
            totals[pid] -= float(total)
    return totals
