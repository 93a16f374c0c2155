"""Attendance as volunteers and hosts report it (issue 16): who did not show up without a word.

A participant is flagged when sessions of the same match were reported "afwezig zonder bericht"
at least NO_SHOW_LIMIT times in the last NO_SHOW_DAYS days (live entries only: a correction
replaces what it supersedes). The coordinator sees every flag, a coach those of their caseload
(services/access.py decides who sees whom)."""

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select

from matcher.extensions import db
from matcher.models import AbsenceKind, HoursEntry, HoursStatus, Participant, User
from matcher.services import access
from matcher.services.hours import is_superseded

NO_SHOW_LIMIT = 2
NO_SHOW_DAYS = 28


@dataclass(frozen=True)
class NoShow:
    participant_id: int
    first_name: str
    last_name: str
    times: int
    last_on: date


def _live():
    return (HoursEntry.status != HoursStatus.REJECTED, ~is_superseded())


def no_shows(user: User, today: date) -> list[NoShow]:
    """Participants `user` may see with repeated no-shows, most recent first (one query)."""
    since = today - timedelta(days=NO_SHOW_DAYS - 1)
    visible = access.visible_participants(user).with_only_columns(Participant.id)
    rows = db.session.execute(
        select(
            Participant.id,
            Participant.first_name,
            Participant.last_name,
            func.count(HoursEntry.id),
            func.max(HoursEntry.entry_date),
        )
        .join(HoursEntry, HoursEntry.participant_id == Participant.id)
        .where(
            Participant.id.in_(visible),
            HoursEntry.absence_kind == AbsenceKind.UNAUTHORISED,
            HoursEntry.match_id.is_not(None),
            HoursEntry.entry_date.between(since, today),
            *_live(),
        )
        .group_by(
            Participant.id, Participant.first_name, Participant.last_name, HoursEntry.match_id
        )
        .having(func.count(HoursEntry.id) >= NO_SHOW_LIMIT)
    ).all()
    found: dict[int, NoShow] = {}
    for pid, first, last, times, last_on in rows:
        if pid not in found or found[pid].times < times:
            found[pid] = NoShow(pid, first, last, times, last_on)
    return sorted(found.values(), key=lambda n: (n.last_on, n.participant_id), reverse=True)


@dataclass(frozen=True)
class Attended:
    on: date
    match_id: int
    hours: float
    absence: str | None  # None: it took place; "authorised" / "unauthorised"
    status: str


def record(participant_id: int, today: date, weeks: int = 12) -> list[Attended]:
    """The reported sessions of the participant's matches in the last weeks, newest first."""
    since = today - timedelta(weeks=weeks)
    entries = db.session.scalars(
        select(HoursEntry)
        .where(
            HoursEntry.participant_id == participant_id,
            HoursEntry.match_id.is_not(None),
            HoursEntry.entry_date >= since,
            *_live(),
        )
        .order_by(HoursEntry.entry_date.desc(), HoursEntry.id.desc())
    )
    return [
        Attended(
            e.entry_date,
            e.match_id,
            e.hours,
            str(e.absence_kind) if e.absence_kind else None,
            str(e.status),
        )
        for e in entries
    ]
