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

Status and volunteer needs are SQL; the hour-based ones come from a fixed number of queries for
all participants in scope (no query per participant). Urgency, the caseload's default order:
behind on the pace first, then below the minimum, then not placed after three months, then
without the wanted taalmaatje or buddy; then by name.
"""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from sqlalchemy import Select

from matcher.extensions import db
from matcher.models import Match, MatchKind, Participant, ParticipantStatus
from matcher.services import progress
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
    totals: dict[int, float]  # approved counted hours since the PIP
    volunteers: set[tuple[int, str]]  # (participant id, "taalmaatje"/"buddy") running this week


def gather(ids, today: date, planned: dict[int, float] | None = None) -> Known:
    """The facts behind the needs, in a fixed number of queries whatever len(ids) (`ids`: a list
    of participant ids or a SELECT of them)."""
    if planned is None:
        planned = planned_hours(ids, today)
    running = db.session.execute(
        running_matches(week_start(today))
        .with_only_columns(Match.participant_id, Match.kind)
        .where(
            Match.participant_id.in_(ids),
            Match.kind.in_((MatchKind.TAALMAATJE, MatchKind.BUDDY)),
        )
    )
    return Known(planned, counted_totals(ids), {(pid, str(kind)) for pid, kind in running})


def needs_of(p, known: Known, today: date) -> frozenset[Need]:
    """The needs of one participant (a Participant or a row with the same attributes)."""
    if p.status == ParticipantStatus.PAUSED:
        return frozenset({Need.PAUSED})
    if p.status not in OPEN_STATUSES:
        return frozenset()
    found = {Need.OPEN}
    planned = known.planned.get(p.id, 0.0)
    minimum = progress.minimum_of(p)
    found.add(Need.AT_MINIMUM if meets_minimum(planned, minimum) else Need.BELOW_MINIMUM)
    if progress.is_placement_overdue(p.pip_date, planned > 0, today):
        found.add(Need.NOT_PLACED)
    end = progress.trajectory_end(p.pip_date, p.trajectory_end)
    expected = progress.expected_now(p.pip_date, end, p.participation_target, today)
    if progress.is_behind_pace(p.hours_before + known.totals.get(p.id, 0.0), expected):
        found.add(Need.BEHIND_PACE)
    if (p.wants_taalmaatje and (p.id, MatchKind.TAALMAATJE.value) not in known.volunteers) or (
        p.wants_buddy and (p.id, MatchKind.BUDDY.value) not in known.volunteers
    ):
        found.add(Need.NO_VOLUNTEER)
    return frozenset(found)


def urgency_key(needs: frozenset[Need], last_name: str, first_name: str, pid: int):
    """Sort key: the most urgent first (URGENCY order), then by name."""
    return (*(need not in needs for need in URGENCY), last_name, first_name, pid)


def needs_for(query: Select, today: date) -> dict[int, tuple[frozenset[Need], tuple]]:
    """For each participant the `query` (a SELECT of Participant) yields: their needs and their
    urgency sort key. A fixed number of queries."""
    rows = db.session.execute(query.with_only_columns(*_COLUMNS)).all()
    known = gather(query.with_only_columns(Participant.id), today)
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


def ids_with(query: Select, need: Need | None, today: date, sort: str = "name") -> list[int]:
    """The ids of the participants of `query` with `need` (None: all), in `sort` order."""
    found = needs_for(query, today)
    chosen = [pid for pid, (needs, _) in found.items() if need is None or need in needs]
    return sorted(chosen, key=lambda pid: found[pid][1])
