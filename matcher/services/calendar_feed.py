"""The private calendar feed of a volunteer or host contact (issue 16), as iCalendar.

The feed's address holds a secret token (`users.calendar_token`, 256 random bits) that the
account holder can make, replace and withdraw in the portal; an unknown token is answered 404.
Each meeting is one weekly recurring event with a stable UID (a re-subscribed calendar does not
duplicate it), ending with its match; an absence turns its occurrences into cancelled ones.
Only the participant's first name is in it."""

import secrets
from datetime import date

from icalendar import Calendar, Event
from sqlalchemy import select

from matcher.extensions import db
from matcher.models import User
from matcher.services import audit, meetings

PRODUCT = "-//matcher//vrijwilligersagenda//NL"


def new_token(user: User) -> str:
    """A fresh feed address for `user`; the old one stops working."""
    user.calendar_token = secrets.token_urlsafe(32)
    audit.record(user, "update", "user", user.id, ["calendar_token"])
    return user.calendar_token


def withdraw(user: User) -> None:
    user.calendar_token = None
    audit.record(user, "update", "user", user.id, ["calendar_token"])


def owner(token: str) -> User | None:
    """The active account whose feed this is, or None."""
    if not token or len(token) > 64:
        return None
    user = db.session.scalar(select(User).where(User.calendar_token == token))
    return user if user is not None and user.active else None


def feed(user: User, today: date, words) -> bytes:
    """The iCalendar document; `words(meeting)` gives (summary, location) in the user's
    language (the web layer words them)."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "matcher")
    for meeting in meetings.of_user(user, today):
        summary, location = words(meeting)
        calendar.add_component(_event(meeting, summary, location))
        for day in meeting.cancelled:
            cancelled = _event(meeting, summary, location, day)
            cancelled.add("recurrence-id", meeting.start_at(day))
            cancelled.add("status", "CANCELLED")
            calendar.add_component(cancelled)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def _event(meeting: meetings.Meeting, summary: str, location: str, day: date | None = None):
    event = Event()
    event.add("uid", meeting.uid)
    event.add("summary", summary)
    if location:
        event.add("location", location)
    on = day or meeting.first
    event.add("dtstart", meeting.start_at(on))
    event.add("dtend", meeting.end_at(on))
    event.add("dtstamp", meeting.start_at(meeting.first))
    if day is None:
        rule = {"freq": "weekly"}
        if meeting.last is not None:
            rule["until"] = meeting.end_at(meeting.last)
        event.add("rrule", rule)
    return event
