"""Reminders the day before a meeting (issue 16), for volunteers and host contacts who asked
for them (`users.wants_reminders`). `matcher send-reminders` runs it from cron or the worker.

Each reminder is claimed by inserting its row (account, match, date) before the mail is queued,
in one transaction with it; the unique key makes a second run, or two at once, send nothing."""

from datetime import date, timedelta

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from matcher.extensions import db
from matcher.models import MeetingReminder, Role, User
from matcher.services import meetings, notifications


def send_due(today: date, compose) -> int:
    """Queue tomorrow's reminders; how many. `compose(user, meeting, day)` gives (subject,
    body) in the user's language. The caller commits."""
    tomorrow = today + timedelta(days=1)
    db.session.execute(delete(MeetingReminder).where(MeetingReminder.meets_on < today))
    users = db.session.scalars(
        select(User).where(
            User.wants_reminders.is_(True), User.active.is_(True), User.role == Role.VOLUNTEER
        )
    )
    queued = 0
    for user in users:
        for meeting in meetings.of_user(user, today):
            if not meeting.on(tomorrow) or not _claim(user, meeting, tomorrow):
                continue
            subject, body = compose(user, meeting, tomorrow)
            notifications.enqueue(user.email, subject, body)
            queued += 1
    return queued


def _claim(user: User, meeting: meetings.Meeting, day: date) -> bool:
    try:
        with db.session.begin_nested():
            row = MeetingReminder(user_id=user.id, match_id=meeting.match_id, meets_on=day)
            db.session.add(row)
    except IntegrityError:
        return False  # sent before (or by a run at the same moment)
    return True
