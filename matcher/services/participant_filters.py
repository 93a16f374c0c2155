"""The lists to act on, defined once: which participants need what (issue 13).

Every figure on the coordinator's and the coach's home page and every filter of the participant
list and the caseload is one of these `Need`s, computed here, so a figure and its list agree:

- open: in intake or active (paused and finished participants are not chased);
- at_minimum / below_minimum: open, and this week's planned placement hours (the matches running
  today, week_hours.planned_hours) reach / do not reach their weekly minimum
  (progress.minimum_of: six hours or their lower load cap, the solver's goal 1);
- not_placed: open, no running placement, more than three months after the PIP date
  (progress.is_placement_overdue);
- behind_pace: open, and the cumulative hours are below the straight line towards the target
  (800 h) at today (progress.is_behind_pace, the caseload's flag);
- no_volunteer: open, wants a taalmaatje (or a buddy) and has no such match running this week
  (matching.instance.running_matches);
- paused: paused.
- hours_waiting: has hours entries awaiting a coach's approval (any status: the hours were
  done); the coordinator's figure, so she sees whose coach has approvals open.

Status, volunteer and waiting-hours needs are SQL (`narrowed`, `without_volunteer`,
`with_hours_waiting`); the hour-based ones are narrowed in SQL and decided from a fixed number
of queries for all participants left (no query per participant). Urgency, the caseload's
default order: behind on the pace first, then below the minimum, then not placed after three
months, then without the wanted taalmaatje or buddy; then by name.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from functools import lru_cache

from sqlalchemy import Select, select

from matcher.extensions import db
from matcher.models import HoursEntry, HoursStatus, Match, MatchKind, Participant, ParticipantStatus
from matcher.services import progress
from matcher.services.column_rows import column_rows
from matcher.services.matching.instance import running_matches
from matcher.services.week_hours import counted_totals, planned_hours
from matcher.solver.rules import meets_minimum
from matcher.weeks import week_start

OPEN_STATUSES = (ParticipantStatus.INTAKE, ParticipantStatus.ACTIVE)


class Need(StrEnum):
    OPEN = "open"
    AT_MINIMUM = "at_minimum"
    BELOW_MINIMUM = "below_minimum"
    NOT_PLACED = "not_placed"
    BEHIND_PACE = "behind_pace"
    NO_VOLUNTEER = "no_volunteer"
    PAUSED = "paused"
    HOURS_WAITING = "hours_waiting"


URGENCY = (Need.BEHIND_PACE, Need.BELOW_MINIMUM, Need.NOT_PLACED, Need.NO_VOLUNTEER)
SORTS = ("name", "urgency", "pip")
_COLUMNS = (
    Participant.id,
    Participant.status,
    Participant.pip_date,
    Participant.trajectory_end,
    Participant.participation_target,
    Participant.hours_before,
    Participant.max_hours_week,
    Participant.wants_taalmaatje,
    Participant.wants_buddy,
    Participant.last_name,
    Participant.first_name,
)


@dataclass(frozen=True)
class Known:
    """What the needs are decided on, for many participants at once (from `gather`)."""

    planned: dict[int, float]  # this week's planned placement hours
    totals: dict[int, float] | None  # approved counted hours since the PIP (None: not read)
    no_volunteer: set[int]  # ids of open participants without the volunteer they want
    hours_waiting: set[int]  # ids of participants with hours entries awaiting approval


def gather(ids, today: date, planned: dict[int, float] | None = None, totals=True) -> Known:
    """The facts behind the needs, in a fixed number of queries whatever len(ids) (`ids`: a list
    of participant ids or a SELECT of them). `totals=False`: skip the hours done (then
    behind_pace is not decided)."""
    if planned is None:
        planned = planned_hours(ids, today)
    scope = (
        ids if isinstance(ids, Select) else select(Participant.id).where(Participant.id.in_(ids))
    )
    wanting = db.session.scalars(scope.where(without_volunteer(today)))
    waiting = db.session.scalars(scope.where(with_hours_waiting()))
    return Known(planned, counted_totals(ids) if totals else None, set(wanting), set(waiting))


def _running(kind: MatchKind, today: date):
    """SQL: the participant has a match of `kind` running this week. An uncorrelated IN: a
    correlated EXISTS let SQLite scan every active match per participant (O(n·m), 1 s at
    5,000 participants; benchmarks/web_lists.py)."""
    running = (
        running_matches(week_start(today))
        .with_only_columns(Match.participant_id)
        .where(Match.kind == kind)
    )
    return Participant.id.in_(running)


def without_volunteer(today: date):
    """SQL: open, wants a taalmaatje (or buddy) and has no such match running this week."""
    return Participant.status.in_(OPEN_STATUSES) & (
        (Participant.wants_taalmaatje & ~_running(MatchKind.TAALMAATJE, today))
        | (Participant.wants_buddy & ~_running(MatchKind.BUDDY, today))
    )


def with_hours_waiting():
    """SQL: the participant has hours entries awaiting approval (ix_hours_entries_awaiting)."""
    submitted = select(HoursEntry.participant_id).where(HoursEntry.status == HoursStatus.SUBMITTED)
    return Participant.id.in_(submitted)


EXACT_IN_SQL = (Need.OPEN, Need.PAUSED, Need.NO_VOLUNTEER, Need.HOURS_WAITING)


def narrowed(query: Select, need: Need, today: date) -> Select:
    """The SQL part of a need: exactly the need for EXACT_IN_SQL, for the others a superset
    (open; not placed: also a PIP date more than 89 days ago, which three months always are)."""
    if need == Need.PAUSED:
        return query.where(Participant.status == ParticipantStatus.PAUSED)
    if need == Need.NO_VOLUNTEER:
        return query.where(without_volunteer(today))
    if need == Need.HOURS_WAITING:
        return query.where(with_hours_waiting())
    query = query.where(Participant.status.in_(OPEN_STATUSES))
    if need == Need.NOT_PLACED:
        query = query.where(Participant.pip_date < today - timedelta(days=89))
    return query


_PAUSED_ONLY = frozenset({Need.PAUSED})
_NONE: frozenset[Need] = frozenset()
_WAITING = frozenset({Need.HOURS_WAITING})
_OPEN, _AT, _BELOW = Need.OPEN, Need.AT_MINIMUM, Need.BELOW_MINIMUM
_NOT_PLACED, _BEHIND, _NO_VOLUNTEER = Need.NOT_PLACED, Need.BEHIND_PACE, Need.NO_VOLUNTEER


def needs_of(p, known: Known, today: date) -> frozenset[Need]:
    """The needs of one participant (a Participant or a row with the same attributes). Called
    for every participant of a list: the members and the lookups are taken once."""
    status, pid = p.status, p.id
    waiting = pid in known.hours_waiting
    if status == ParticipantStatus.PAUSED:
        return (_PAUSED_ONLY | _WAITING) if waiting else _PAUSED_ONLY
    if status not in OPEN_STATUSES:
        return _WAITING if waiting else _NONE
    planned = known.planned.get(pid, 0.0)
    found = [_OPEN, _AT if meets_minimum(planned, progress.minimum_of(p)) else _BELOW]
    pip_date = p.pip_date
    if progress.is_placement_overdue(pip_date, planned > 0, today):
        found.append(_NOT_PLACED)
    if known.totals is not None:
        end = progress.trajectory_end(pip_date, p.trajectory_end)
        expected = progress.expected_now(pip_date, end, p.participation_target, today)
        if progress.is_behind_pace(p.hours_before + known.totals.get(pid, 0.0), expected):
            found.append(_BEHIND)
    if pid in known.no_volunteer:
        found.append(_NO_VOLUNTEER)
    if waiting:
        found.append(Need.HOURS_WAITING)
    return frozenset(found)


@lru_cache(maxsize=64)
def _urgency_flags(needs: frozenset[Need]) -> tuple[bool, ...]:
    """Per URGENCY need, in its order: whether `needs` lacks it (False sorts first). There are
    a few dozen sets of needs, so each is worked out once (5,000 rows a caseload)."""
    return tuple(need not in needs for need in URGENCY)


def urgency_key(needs: frozenset[Need], last_name: str, first_name: str, pid: int):
    """Sort key: the most urgent first (URGENCY order), then by name."""
    return (*_urgency_flags(needs), last_name, first_name, pid)


def needs_for(
    query: Select, today: date, totals: bool = True
) -> dict[int, tuple[frozenset[Need], tuple]]:
    """For each participant the `query` (a SELECT of Participant) yields: their needs and their
    urgency sort key. A fixed number of queries. `totals=False`: behind_pace left undecided."""
    rows = column_rows(query.with_only_columns(*_COLUMNS)).all()
    known = gather(query.with_only_columns(Participant.id), today, totals=totals)
    result = {}
    for r in rows:
        needs = needs_of(r, known, today)
        result[r.id] = (needs, urgency_key(needs, r.last_name, r.first_name, r.id))
    return result


def counts(query: Select, today: date) -> dict[Need, int]:
    """How many participants of `query` have each need: the home pages' figures."""
    tally = dict.fromkeys(Need, 0)
    for needs, _ in needs_for(query, today).values():
        for need in needs:
            tally[need] += 1
    return tally


def ids_with(query: Select, need: Need | None, today: date) -> list[int]:
    """The ids of the participants of `query` with `need` (None: all), most urgent first."""
    if need is not None:
        query = narrowed(query, need, today)
    found = needs_for(query, today)
    chosen = [pid for pid, (needs, _) in found.items() if need is None or need in needs]
    return sorted(chosen, key=lambda pid: found[pid][1])
