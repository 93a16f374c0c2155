"""Participation progress: pace, projection and flags, computed from plain facts (pure).

No Flask and no database here: callers gather `ProgressFacts` (one query per figure for a
whole caseload) and get a `Progress` back, so every rule can be tested on hand-computed cases.

Rules, as the coaches use them:
- The trajectory runs three years from the PIP date, unless `trajectory_end` is set (extension).
- Cumulative hours = hours done before the PIP + approved, counted, non-absence hours.
- Pace still needed = remaining hours / remaining weeks (days to the trajectory end / 7, so a
  trajectory that ends mid-week counts the part-week as a fraction).
- Current pace = approved counted hours in the last 8 complete weeks / 8 (fewer weeks when the
  PIP is more recent); projection = today + remaining / current pace (in days, rounded up).
- Behind pace: cumulative below the straight line from 0 at the PIP date to the target at the
  trajectory end, measured at today.
- A paused participant gets no activity flags (below 6, no activity, behind pace, not placed):
  the pause is agreed, the clock is not theirs to chase. Finished participants get no flags.
"""

import math
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from matcher.solver.rules import WEEKLY_MINIMUM, meets_minimum, weekly_minimum
from matcher.weeks import add_months, week_start

TRAJECTORY_MONTHS = 36
PLACEMENT_DEADLINE_MONTHS = 3
PACE_WINDOW_WEEKS = 8
LOW_WEEKS_FLAG = 2
INACTIVE_DAYS = 21
DEFAULT_GESPREK_INTERVAL_MONTHS = 3


class Flag(StrEnum):
    NOT_PLACED = "not_placed"
    BELOW_SIX = "below_six"
    BEHIND_PACE = "behind_pace"
    GESPREK_DUE = "gesprek_due"
    NO_ACTIVITY = "no_activity"


@dataclass(frozen=True)
class ProgressFacts:
    """What the database knows about one participant, as plain values."""

    pip_date: date
    status: str = "active"
    trajectory_end: date | None = None
    target: float = 800
    hours_before: float = 0
    approved_total: float = 0  # approved, counted, non-absence hours since the PIP
    weekly: dict[date, float] = field(default_factory=dict)  # Monday -> approved counted hours
    placed: bool = False  # has an active placement now
    last_activity: date | None = None  # last day with any recorded (non-rejected) hours
    last_gesprek: date | None = None
    next_gesprek: date | None = None
    minimum: float = WEEKLY_MINIMUM  # their weekly minimum: rules.weekly_minimum(load cap)


@dataclass(frozen=True)
class Progress:
    cumulative: float
    remaining: float
    trajectory_end: date
    days_left: int
    pace_needed: float | None  # None when the trajectory is over (and hours remain)
    current_pace: float | None  # None before the first complete week
    projected_completion: date | None  # None without pace; the target date once reached
    expected_now: float  # the straight line at today
    weeks: list[tuple[date, float]]  # the last 8 complete weeks and this week, oldest first
    flags: frozenset[Flag]
    gesprek_due_on: date
    minimum: float = WEEKLY_MINIMUM  # the weekly minimum the weeks are measured against


def minimum_of(participant) -> float:
    """The weekly participation minimum a participant (with `max_hours_week`) must reach: six
    hours, or their load cap when that is lower (rules.weekly_minimum, the solver's goal 1).
    Every page, filter, figure and e-mail measures "6 uur" with this."""
    return weekly_minimum(participant.max_hours_week)


def trajectory_end(pip_date: date, extended_to: date | None = None) -> date:
    """The trajectory's last day: the extension when set, else three years after the PIP."""
    return extended_to or add_months(pip_date, TRAJECTORY_MONTHS)


def expected_now(pip_date: date, end: date, target: float, today: date) -> float:
    """The straight line from 0 at the PIP date to the target at the trajectory end, at today."""
    total_days = (end - pip_date).days
    elapsed = min(max((today - pip_date).days, 0), total_days)
    return target * elapsed / total_days if total_days > 0 else target


def is_behind_pace(cumulative: float, expected: float) -> bool:
    """Behind on the pace for the target (800 h): below the straight line at today."""
    return cumulative < expected


def is_placement_overdue(pip_date: date, placed: bool, today: date) -> bool:
    """Not placed (no running placement) more than three months after the PIP date."""
    return not placed and today > add_months(pip_date, PLACEMENT_DEADLINE_MONTHS)


def recent_weeks(today: date, weekly: dict[date, float], count: int = PACE_WINDOW_WEEKS):
    """The last `count` complete weeks plus the current one, oldest first, as (Monday, hours)."""
    this_week = week_start(today)
    mondays = [this_week - timedelta(weeks=n) for n in range(count, -1, -1)]
    return [(monday, weekly.get(monday, 0.0)) for monday in mondays]


def current_pace(facts: ProgressFacts, today: date) -> float | None:
    """Average approved hours over the complete weeks since the PIP week, at most the last 8."""
    complete = (week_start(today) - week_start(facts.pip_date)).days // 7
    window = min(PACE_WINDOW_WEEKS, complete)
    if window <= 0:
        return None
    this_week = week_start(today)
    done = sum(facts.weekly.get(this_week - timedelta(weeks=n), 0.0) for n in range(1, window + 1))
    return done / window


def weeks_below_minimum(facts: ProgressFacts, today: date) -> int:
    """Consecutive complete weeks, counting back from last week, below the participant's weekly
    minimum (six hours, or their load cap when that is lower)."""
    first = week_start(facts.pip_date)
    monday, run = week_start(today) - timedelta(weeks=1), 0
    while monday >= first and not meets_minimum(facts.weekly.get(monday, 0.0), facts.minimum):
        run += 1
        monday -= timedelta(weeks=1)
    return run


def gesprek_due_on(facts: ProgressFacts, interval_months: int) -> date:
    """The agreed next gesprek, else the last one (or the PIP date) plus the interval."""
    if facts.next_gesprek is not None:
        return facts.next_gesprek
    return add_months(facts.last_gesprek or facts.pip_date, interval_months)


def compute(
    facts: ProgressFacts,
    today: date,
    gesprek_interval_months: int = DEFAULT_GESPREK_INTERVAL_MONTHS,
) -> Progress:
    """Pace, projection and flags for one participant on `today`."""
    end = trajectory_end(facts.pip_date, facts.trajectory_end)
    cumulative = facts.hours_before + facts.approved_total
    remaining = max(0.0, facts.target - cumulative)
    days_left = (end - today).days
    if remaining == 0:
        needed: float | None = 0.0
    else:
        needed = remaining / (days_left / 7) if days_left > 0 else None
    pace = current_pace(facts, today)
    expected = expected_now(facts.pip_date, end, facts.target, today)
    due_on = gesprek_due_on(facts, gesprek_interval_months)
    return Progress(
        cumulative=cumulative,
        remaining=remaining,
        trajectory_end=end,
        days_left=days_left,
        pace_needed=needed,
        current_pace=pace,
        projected_completion=_projection(today, remaining, pace),
        expected_now=expected,
        weeks=recent_weeks(today, facts.weekly),
        flags=_flags(facts, today, cumulative, expected, due_on),
        gesprek_due_on=due_on,
        minimum=facts.minimum,
    )


def _projection(today: date, remaining: float, pace: float | None) -> date | None:
    if remaining == 0:
        return today
    if not pace:
        return None
    return today + timedelta(days=math.ceil(remaining / pace * 7))


def _flags(
    facts: ProgressFacts, today: date, cumulative: float, expected: float, due_on: date
) -> frozenset[Flag]:
    if facts.status == "finished":
        return frozenset()
    flags = set()
    if due_on <= today:
        flags.add(Flag.GESPREK_DUE)
    if facts.status == "paused":
        return frozenset(flags)
    if is_placement_overdue(facts.pip_date, facts.placed, today):
        flags.add(Flag.NOT_PLACED)
    if weeks_below_minimum(facts, today) >= LOW_WEEKS_FLAG:
        flags.add(Flag.BELOW_SIX)
    if is_behind_pace(cumulative, expected):
        flags.add(Flag.BEHIND_PACE)
    if (today - (facts.last_activity or facts.pip_date)).days >= INACTIVE_DAYS:
        flags.add(Flag.NO_ACTIVITY)
    return frozenset(flags)
