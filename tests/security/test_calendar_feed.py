"""Calendar feeds and reminders (issue 16): the feed parses back as iCalendar with one weekly
event per meeting (stable UID, first name only), an absence week as a cancelled occurrence, an
ended match ending its series; a withdrawn or replaced token answers 404; reminders go once."""

import re
from datetime import date, timedelta

from icalendar import Calendar
from sqlalchemy import func, select

from matcher.cli import cli
from matcher.dayparts import DEFAULT_STARTS
from matcher.extensions import db
from matcher.models import MeetingReminder, OutboxMessage, Role, VolunteerAbsence
from matcher.services import calendar_feed, meetings, reminders
from matcher.web.feeds.words import reminder

MONDAY = date(2026, 12, 7)  # week 50


def _taalmaatje_with_a_match(make, **match):
    user = make.user(Role.VOLUNTEER, name="Truus Wolters")
    volunteer = make.volunteer(user_id=user.id, session_hours=2)
    participant = make.participant(first_name="Ayşe", last_name="Yılmaz")
    make.match(participant, volunteer=volunteer, dayparts=("wed-pm",), **match)
    return user, volunteer


def _events(body: bytes):
    calendar = Calendar.from_ical(body)
    return [c for c in calendar.walk("VEVENT")]


def test_the_feed_has_one_weekly_event_per_meeting_with_an_absence_cancelled(app, make, client):
    user, volunteer = _taalmaatje_with_a_match(make, starts_on=date(2026, 11, 30))
    away = VolunteerAbsence(starts_on=date(2026, 12, 14), ends_on=date(2026, 12, 20))
    db.session.add(away)
    away.volunteer = volunteer
    token = calendar_feed.new_token(user)
    db.session.commit()
    response = client.get(f"/agenda/{token}.ics")
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    events = _events(response.data)
    series = [e for e in events if "RECURRENCE-ID" not in e]
    (weekly,) = series
    assert weekly["RRULE"]["FREQ"] == ["WEEKLY"]
    assert weekly.decoded("DTSTART").date() == date(2026, 12, 2)  # first Wednesday
    assert weekly.decoded("DTSTART").time() == DEFAULT_STARTS["pm"]
    assert "Ayşe" in str(weekly["SUMMARY"]) and "Yılmaz" not in response.data.decode()
    (cancelled,) = [e for e in events if "RECURRENCE-ID" in e]
    assert str(cancelled["STATUS"]) == "CANCELLED" and cancelled["UID"] == weekly["UID"]
    assert cancelled.decoded("RECURRENCE-ID").date() == date(2026, 12, 16)
    again = _events(client.get(f"/agenda/{token}.ics").data)
    assert [str(e["UID"]) for e in again] == [str(e["UID"]) for e in events]  # stable


def test_an_ended_match_ends_its_series(app_ctx, make):
    user, _volunteer = _taalmaatje_with_a_match(
        make, starts_on=date(2026, 11, 2), ends_on=date(2026, 12, 9)
    )
    (weekly,) = _events(calendar_feed.feed(user, MONDAY, lambda m: ("x", "")))
    assert weekly["RRULE"]["UNTIL"][0].date() == date(2026, 12, 9)


def test_a_host_sees_who_comes_to_the_placement_with_its_address(app_ctx, make):
    host = make.user(Role.VOLUNTEER)
    placement = make.placement(
        sessions={"thu-pm": (3.0, 2)}, contact_user_id=host.id, address="Marktstraat 1"
    )
    make.match(make.participant(first_name="Hiba"), placement=placement, dayparts=("thu-pm",))
    (meeting,) = meetings.of_user(host, MONDAY)
    assert meeting.first_name == "Hiba" and "Marktstraat 1" in meeting.where
    assert (meeting.ends.hour - meeting.starts.hour) == 3


def test_a_withdrawn_or_replaced_token_answers_404(app, make, client):
    user, _volunteer = _taalmaatje_with_a_match(make)
    first = calendar_feed.new_token(user)
    second = calendar_feed.new_token(user)
    db.session.commit()
    assert client.get(f"/agenda/{first}.ics").status_code == 404
    assert client.get(f"/agenda/{second}.ics").status_code == 200
    calendar_feed.withdraw(user)
    db.session.commit()
    assert client.get(f"/agenda/{second}.ics").status_code == 404
    assert client.get("/agenda/raden.ics").status_code == 404


def test_reminders_go_once_and_only_to_who_asked(app_ctx, make):
    user, _volunteer = _taalmaatje_with_a_match(make, starts_on=date(2026, 11, 30))
    other, _ = _taalmaatje_with_a_match(make, starts_on=date(2026, 11, 30))
    user.wants_reminders = True
    db.session.commit()
    tuesday = date(2026, 12, 8)  # the meeting is on Wednesday
    assert reminders.send_due(tuesday, reminder) == 1
    assert reminders.send_due(tuesday, reminder) == 0
    db.session.commit()
    (message,) = db.session.scalars(select(OutboxMessage))
    assert message.to_address == user.email and "Ayşe" in message.body
    assert f"{DEFAULT_STARTS['pm']:%H:%M}" in message.body and "Beste Truus," in message.body
    assert other.email != message.to_address
    assert reminders.send_due(date(2026, 12, 9), reminder) == 0  # nothing on Thursday


def test_send_reminders_twice_from_the_command_line_sends_once(app, make):
    user, _volunteer = _taalmaatje_with_a_match(make, starts_on=date(2026, 11, 30))
    user.wants_reminders = True
    db.session.commit()
    runner = app.test_cli_runner()
    for _ in range(2):
        result = runner.invoke(cli, ["send-reminders", "--today", "2026-12-08"])
        assert result.exit_code == 0, result.output
    assert db.session.scalar(select(func.count(OutboxMessage.id))) == 1
    assert db.session.scalar(select(func.count(MeetingReminder.id))) == 1


def test_the_portal_makes_and_withdraws_the_link_and_switches_reminders(app, login_as):
    client, user = login_as(Role.VOLUNTEER)
    page = client.get("/vrijwilliger/agenda")
    assert page.status_code == 200 and "Agenda-link maken" in page.get_data(as_text=True)
    client.post_form("/vrijwilliger/agenda", {"action": "new_feed"})
    db.session.expire_all()
    token = user.calendar_token
    assert token and f"/agenda/{token}.ics" in client.get("/vrijwilliger/agenda").get_data(
        as_text=True
    )
    client.post_form("/vrijwilliger/agenda", {"action": "reminders_on"})
    db.session.expire_all()
    assert user.wants_reminders is True
    client.post_form("/vrijwilliger/agenda", {"action": "withdraw_feed"})
    db.session.expire_all()
    assert user.calendar_token is None
    assert client.post_form("/vrijwilliger/agenda", {"action": "iets"}).status_code == 400


def test_i_cannot_come_this_week_is_one_tap_and_tells_the_coordinator(app, login_as, make):
    from matcher.models import CoordinatorNotice
    from matcher.weeks import today, week_start

    client, user = login_as(Role.VOLUNTEER)
    volunteer = make.volunteer(user_id=user.id)
    make.match(make.participant(first_name="Dawit"), volunteer=volunteer, dayparts=("sun-pm",))
    page = client.get("/vrijwilliger/agenda").get_data(as_text=True)
    key = re.search(r'name="submission_key" value="([^"]+)"', page).group(1)
    tap = {"action": "away_this_week", "submission_key": key}
    assert client.post_form("/vrijwilliger/agenda", tap).status_code == 302
    assert client.post_form("/vrijwilliger/agenda", tap).status_code in (200, 302, 409)  # twice
    db.session.expire_all()
    (absence,) = db.session.scalars(select(VolunteerAbsence))
    assert absence.starts_on == today()
    assert absence.ends_on == week_start(today()) + timedelta(days=6)
    assert db.session.scalar(select(func.count(CoordinatorNotice.id))) == 1
    (meeting,) = meetings.of_user(user, today())
    sunday = week_start(today()) + timedelta(days=6)
    assert not meeting.on(sunday) and sunday in meeting.cancelled
