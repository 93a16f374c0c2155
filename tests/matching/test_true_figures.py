"""True figures (issue 13): the run history shows what was confirmed next to what the plan
proposed, and a match counts on the home page through its last day."""

from datetime import date, timedelta

import pytest

from matcher.extensions import db
from matcher.models import MatchStatus, Role
from matcher.services import dashboard
from matcher.services.matching import confirm, review
from tests.matching.conftest import WEEK
from tests.matching.helpers import proposals, run_now

WEDNESDAY = date(2026, 12, 9)
SUNDAY = date(2026, 12, 13)


def test_history_shows_the_confirmed_count_next_to_the_plans(world, coordinator, login_as):
    run = run_now(coordinator, WEEK)
    assert (run.figures["at_minimum"], run.figures["participants"]) == (2, 2)
    for p in proposals(run, "add"):
        placed_amina = p.participant_id == world["amina"].id and p.match.placement_id
        review.decide(coordinator, run, p.id, "accept" if placed_amina else "reject")
    confirm.confirm_run(coordinator, run)
    db.session.commit()
    assert run.figures["confirmed_at_minimum"] == 1
    client, _ = login_as(Role.COORDINATOR)
    page = client.get("/coordinator/koppelen/history").get_data(as_text=True)
    assert "voorgesteld: 2 / 2 op 6 uur" in page
    assert "na bevestiging: 1 / 2 op 6 uur" in page


def test_a_run_not_yet_confirmed_shows_only_what_it_proposes(world, coordinator, login_as):
    run_now(coordinator, WEEK)
    client, _ = login_as(Role.COORDINATOR)
    page = client.get("/coordinator/koppelen/history").get_data(as_text=True)
    assert "voorgesteld: 2 / 2 op 6 uur" in page and "na bevestiging:" not in page


@pytest.fixture
def six_hours(make):
    """A participant whose one placement match gives exactly the weekly minimum (6 hours)."""
    placement = make.placement(sessions={"mon-am": (3, 2), "tue-am": (3, 2)})
    person = make.participant(max_hours_week=12)

    def match(**kw):
        return make.match(person, placement=placement, dayparts=("mon-am", "tue-am"), **kw)

    return match


def _at_minimum(coordinator, today: date) -> int:
    return dashboard.coordinator_figures(coordinator, today).planned_at_minimum


@pytest.mark.parametrize(
    ("status", "last_day", "counts"),
    [
        (MatchStatus.ENDED, SUNDAY, True),  # confirmed for next week: ends this Sunday
        (MatchStatus.ACTIVE, SUNDAY, True),  # ended by hand, later this week
        (MatchStatus.ACTIVE, WEDNESDAY, True),  # ends today
        (MatchStatus.ENDED, WEDNESDAY, True),
        (MatchStatus.ENDED, WEDNESDAY - timedelta(days=1), False),  # ended yesterday
        (MatchStatus.ACTIVE, None, True),
    ],
)
def test_a_match_counts_through_its_last_day(six_hours, coordinator, status, last_day, counts):
    six_hours(status=status, ends_on=last_day)
    assert _at_minimum(coordinator, WEDNESDAY) == int(counts)


def test_a_match_a_confirmation_ends_counts_until_the_sunday_before_the_runs_week(
    six_hours, coordinator
):
    match = six_hours()
    confirm._end(match, SUNDAY + timedelta(days=1))  # what confirming next week's plan does
    db.session.commit()
    assert (match.status, match.ends_on) == (MatchStatus.ENDED, SUNDAY)
    assert _at_minimum(coordinator, WEDNESDAY) == 1
    assert _at_minimum(coordinator, SUNDAY) == 1
    assert _at_minimum(coordinator, SUNDAY + timedelta(days=1)) == 0


def test_proposed_and_rejected_matches_never_count(six_hours, coordinator):
    six_hours(status=MatchStatus.PROPOSED)
    six_hours(status=MatchStatus.REJECTED)
    assert _at_minimum(coordinator, WEDNESDAY) == 0


def test_a_match_counts_from_its_first_day(six_hours, coordinator):
    six_hours(starts_on=WEDNESDAY)
    assert _at_minimum(coordinator, WEDNESDAY - timedelta(days=1)) == 0
    assert _at_minimum(coordinator, WEDNESDAY) == 1
