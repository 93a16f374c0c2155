"""Weeks as a Dutch office writes them: "week 50, 7–13 dec 2026", across months and years."""

from datetime import date, time
from types import SimpleNamespace

import pytest

from matcher import create_app
from matcher.web.filters import session_when, week_label


@pytest.fixture()
def request_in():
    app = create_app({"DATABASE_URL": "sqlite://", "SECRET_KEY": "t"})

    def within(language: str):
        return app.test_request_context(headers={"Accept-Language": language})

    return within


@pytest.mark.parametrize(
    "day, dutch",
    [
        (date(2026, 12, 9), "week 50, 7–13 dec 2026"),
        (date(2027, 1, 25), "week 4, 25–31 jan 2027"),
        (date(2027, 2, 1), "week 5, 1–7 feb 2027"),
        (date(2026, 9, 30), "week 40, 28 sep – 4 okt 2026"),
        (date(2027, 1, 1), "week 53, 28 dec 2026 – 3 jan 2027"),
    ],
)
def test_weeks_carry_their_iso_number_and_dates(request_in, day, dutch):
    with request_in("nl"):
        assert week_label(day) == dutch
    assert week_label(None) == ""


def test_a_session_shows_its_clock_times_when_it_has_them(request_in):
    with request_in("nl"):
        assert session_when(SimpleNamespace(daypart="thu-pm")) == "donderdag middag"
        timed = SimpleNamespace(daypart="thu-pm", starts_at=time(13, 30), ends_at=time(16, 30))
        assert session_when(timed) == "donderdag middag, 13:30–16:30"
