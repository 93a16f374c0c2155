"""One weekly minimum (goal 1 of docs/instance-format.md): six hours, or the load cap when that
is lower. A participant capped at 4 h who is planned 4 h reaches their minimum on the review
page, in its filters, on the dashboard and in the run history alike (the bug of issue 12: they
showed "(haalt 6 uur)" and were listed under "onder 6 uur" at the same time, and the history
figure and the dashboard count differed)."""

from datetime import date

import pytest

from matcher.dayparts import to_mask
from matcher.models import Role
from matcher.services import dashboard, progress
from matcher.services.matching import review
from matcher.solver.rules import WEEKLY_MINIMUM, weekly_minimum
from tests.matching.conftest import WEEK
from tests.matching.helpers import accept_all_and_confirm, run_now

BASE = "/coordinator/koppelen"


@pytest.fixture
def capped(make):
    """Fatima, load cap 4 h, and one placement with two 2-hour sessions she can attend."""
    town = make.municipality("Almelo")
    make.placement({"mon-am": (2, 1), "tue-am": (2, 1)}, municipality=town, title="Tuin")
    return make.participant(
        municipality=town,
        first_name="Fatima",
        max_hours_week=4,
        availability=to_mask(["mon-am", "tue-am"]),
    )


def test_the_weekly_minimum_is_six_hours_or_a_lower_load_cap():
    assert weekly_minimum(16) == WEEKLY_MINIMUM == 6
    assert weekly_minimum(4) == 4


def test_review_filter_below_minimum_leaves_out_a_capped_participant_at_their_cap(
    capped, coordinator
):
    run = run_now(coordinator, WEEK)
    assert review.review(run, "below") == []
    (row,) = review.review(run)
    assert row.outcome.participation_hours == 4 and row.outcome.meets_minimum
    assert row.reaches_minimum and row.capped and row.minimum == 4


def test_review_page_says_a_capped_participant_reaches_their_maximum(capped, coordinator, login_as):
    run = run_now(coordinator, WEEK)
    client, _ = login_as(Role.COORDINATOR)
    page = client.get(f"{BASE}/runs/{run.id}/review").get_data(as_text=True)
    assert "haalt zijn maximum van 4 uur" in page
    assert "(haalt 6 uur)" not in page and "(onder 6 uur)" not in page
    below = client.get(f"{BASE}/runs/{run.id}/review?filter=below").get_data(as_text=True)
    assert "Fatima" not in below


def test_dashboard_count_and_history_figure_agree_for_a_capped_participant(
    capped, coordinator, login_as
):
    run = run_now(coordinator, WEEK)
    accept_all_and_confirm(coordinator, run)
    figures = dashboard.coordinator_figures(coordinator, WEEK)
    assert run.figures["at_minimum"] == figures.planned_at_minimum == 1
    client, _ = login_as(Role.COORDINATOR)
    history = client.get(f"{BASE}/history").get_data(as_text=True)
    assert "1 / 1" in history


def test_weeks_at_a_lower_load_cap_are_not_below_the_minimum():
    monday = date(2026, 11, 9)
    weeks = {monday: 4.0, date(2026, 11, 2): 4.0}
    capped = progress.ProgressFacts(pip_date=date(2026, 1, 5), weekly=weeks, minimum=4)
    uncapped = progress.ProgressFacts(pip_date=date(2026, 1, 5), weekly=weeks)
    today = date(2026, 11, 18)
    assert progress.weeks_below_minimum(capped, today) == 0
    assert progress.weeks_below_minimum(uncapped, today) >= 2
    assert progress.Flag.BELOW_SIX not in progress.compute(capped, today, 3).flags
