"""Pace, projection and flags on hand-computed cases (pure: no database)."""

from datetime import date, timedelta

import pytest

from matcher.services.progress import Flag, ProgressFacts, compute, current_pace, trajectory_end

TODAY = date(2026, 11, 18)  # a Wednesday; its week starts on Monday 16 November
PIP = date(2026, 1, 5)  # a Monday


def eight_weeks(hours: float) -> dict[date, float]:
    """`hours` in each of the 8 complete weeks before TODAY's week (21 Sep … 9 Nov 2026)."""
    return {date(2026, 11, 9) - timedelta(weeks=n): hours for n in range(8)}


def facts(**kw) -> ProgressFacts:
    defaults = dict(pip_date=PIP, placed=True, last_activity=date(2026, 11, 13))
    defaults.update(kw)
    defaults.setdefault("last_gesprek", date(2026, 9, 1))
    return ProgressFacts(**defaults)


def test_on_track_participant_hand_computed():
    # end 5 Jan 2029; 779 days left (2028 is a leap year); 317 days done of 1,096.
    progress = compute(facts(approved_total=200, weekly=eight_weeks(6)), TODAY)
    assert progress.trajectory_end == date(2029, 1, 5)
    assert progress.days_left == 779
    assert progress.remaining == 600
    assert progress.pace_needed == pytest.approx(600 * 7 / 779)  # 5.39 h a week
    assert progress.current_pace == 6.0
    assert progress.projected_completion == date(2028, 10, 18)  # today + 700 days
    assert progress.expected_now == pytest.approx(800 * 317 / 1096)  # 231.4 h
    assert progress.flags == {Flag.BEHIND_PACE}  # 200 h is under the straight line
    assert next(w for w, _ in progress.weeks) == date(2026, 9, 21)
    assert progress.weeks[-1] == (date(2026, 11, 16), 0.0)  # this week, still open


def test_hours_before_count_toward_cumulative():
    progress = compute(facts(approved_total=200, hours_before=40, weekly=eight_weeks(6)), TODAY)
    assert progress.cumulative == 240
    assert progress.flags == set()  # 240 h is above the line (231.4 h)


def test_extension_moves_the_end_and_the_line():
    extended = facts(approved_total=200, weekly=eight_weeks(6), trajectory_end=date(2029, 7, 5))
    progress = compute(extended, TODAY)
    assert progress.days_left == 779 + 181
    assert progress.pace_needed == pytest.approx(4.375)  # 600 h / (960 / 7) weeks
    assert progress.expected_now == pytest.approx(800 * 317 / 1277)  # 198.6 h
    assert Flag.BEHIND_PACE not in progress.flags


def test_trajectory_ending_mid_week_counts_the_part_week():
    pip = date(2023, 11, 20)  # ends Friday 20 November 2026
    monday = date(2026, 11, 16)
    progress = compute(facts(pip_date=pip, approved_total=794, last_gesprek=monday), monday)
    assert progress.trajectory_end == date(2026, 11, 20)
    assert progress.days_left == 4
    assert progress.pace_needed == pytest.approx(10.5)  # 6 h in 4/7 of a week


def test_trajectory_over_with_hours_left_has_no_pace_and_is_behind():
    pip = date(2023, 11, 20)
    after = date(2026, 11, 23)
    progress = compute(facts(pip_date=pip, approved_total=794, last_gesprek=after), after)
    assert progress.days_left == -3
    assert progress.pace_needed is None
    assert progress.expected_now == 800
    assert Flag.BEHIND_PACE in progress.flags


def test_target_reached_needs_no_pace_and_projects_today():
    progress = compute(facts(approved_total=810, weekly=eight_weeks(6)), TODAY)
    assert progress.remaining == 0
    assert progress.pace_needed == 0
    assert progress.projected_completion == TODAY


def test_leap_year_pip_on_29_february():
    pip = date(2024, 2, 29)
    assert trajectory_end(pip) == date(2027, 2, 28)
    today = date(2026, 2, 28)
    progress = compute(facts(pip_date=pip, approved_total=435, last_gesprek=today), today)
    assert progress.days_left == 365
    assert progress.pace_needed == pytest.approx(7.0)  # 365 h in 365 / 7 weeks
    assert progress.expected_now == pytest.approx(800 * 730 / 1095)  # 533.3 h
    assert Flag.BEHIND_PACE in progress.flags


def test_three_month_placement_deadline_across_a_leap_day():
    pip = date(2023, 11, 30)  # three months later is 29 February 2024
    unplaced = dict(pip_date=pip, placed=False, last_gesprek=date(2024, 2, 1))
    on_deadline = compute(facts(**unplaced, last_activity=date(2024, 2, 28)), date(2024, 2, 29))
    day_after = compute(facts(**unplaced, last_activity=date(2024, 2, 28)), date(2024, 3, 1))
    assert Flag.NOT_PLACED not in on_deadline.flags
    assert Flag.NOT_PLACED in day_after.flags


def test_paused_participant_gets_no_activity_flags_but_keeps_pace_and_gesprek():
    paused = facts(status="paused", placed=False, last_activity=None, last_gesprek=None)
    progress = compute(paused, TODAY)
    assert progress.flags == {Flag.GESPREK_DUE}  # 5 Jan + 3 months = 5 Apr, long past
    assert progress.pace_needed == pytest.approx(800 * 7 / 779)
    assert progress.current_pace == 0
    assert progress.projected_completion is None
    active = compute(facts(placed=False, last_activity=None, last_gesprek=None), TODAY)
    assert active.flags == set(Flag)


def test_finished_participant_has_no_flags():
    done = facts(status="finished", placed=False, last_activity=None, last_gesprek=None)
    assert compute(done, TODAY).flags == set()


def test_below_six_needs_two_consecutive_complete_weeks():
    two_low = {date(2026, 11, 9): 5, date(2026, 11, 2): 4, date(2026, 10, 26): 7}
    one_low = {date(2026, 11, 9): 5, date(2026, 11, 2): 7}
    extra = dict(approved_total=400)
    assert Flag.BELOW_SIX in compute(facts(weekly=two_low, **extra), TODAY).flags
    assert Flag.BELOW_SIX not in compute(facts(weekly=one_low, **extra), TODAY).flags


def test_below_six_ignores_weeks_before_the_pip():
    pip = date(2026, 11, 4)  # week of 2 Nov is the first; only 2 Nov and 9 Nov count
    low = facts(pip_date=pip, weekly={date(2026, 11, 9): 6, date(2026, 11, 2): 2})
    assert Flag.BELOW_SIX not in compute(low, TODAY).flags


def test_no_activity_after_three_weeks():
    quiet = facts(approved_total=400, weekly=eight_weeks(6), last_activity=TODAY - timedelta(21))
    recent = facts(approved_total=400, weekly=eight_weeks(6), last_activity=TODAY - timedelta(20))
    assert Flag.NO_ACTIVITY in compute(quiet, TODAY).flags
    assert Flag.NO_ACTIVITY not in compute(recent, TODAY).flags


def test_gesprek_interval_is_configurable_and_next_date_wins():
    held = facts(approved_total=400, last_gesprek=date(2026, 8, 18))
    assert Flag.GESPREK_DUE in compute(held, TODAY, gesprek_interval_months=3).flags
    assert Flag.GESPREK_DUE not in compute(held, TODAY, gesprek_interval_months=6).flags
    agreed = facts(
        approved_total=400, last_gesprek=date(2026, 8, 18), next_gesprek=date(2027, 1, 5)
    )
    assert compute(agreed, TODAY).gesprek_due_on == date(2027, 1, 5)
    assert Flag.GESPREK_DUE not in compute(agreed, TODAY).flags


def test_current_pace_uses_the_complete_weeks_since_a_recent_pip():
    recent = facts(
        pip_date=date(2026, 10, 28),
        weekly={date(2026, 10, 26): 3, date(2026, 11, 2): 6, date(2026, 11, 9): 9},
    )
    assert current_pace(recent, TODAY) == 6.0
    assert current_pace(facts(pip_date=date(2026, 11, 17)), TODAY) is None
