"""A volunteer's or host contact's weekly meetings (issue 16): the one place that says which
meetings a portal account has, used by the calendar feed and the reminders.

- A taalmaatje or buddy meets each participant matched to them (a running match) once a week on
  the match's day-part, for their session hours; the place is agreed with the coordinator.
- A host contact receives, at each of their placements, the participants matched there on each
  of the match's day-parts, at the session's clock times when it has them.
Only the participant's first name is used. A volunteer's absence cancels the meetings in it.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from matcher.dayparts import DAYS, default_times, from_mask
from matcher.extensions import db
from matcher.models import Match, MatchKind, MatchStatus, Placement, User, Volunteer
from matcher.weeks import AMSTERDAM

PAST_WEEKS = 8  # ended matches stay in the feed this long (so a calendar shows the history)


@dataclass(frozen=True)
class Meeting:
    """A weekly meeting from `first` (a date on its weekday) until `last` (None: open)."""

    uid: str  # stable across feeds: the match and the day-part
    match_id: int
    kind: str  # "placement" (a host receives) or "taalmaatje" / "buddy"
    first_name: str  # the participant's
    what: str  # the placement's title, or the kind of match
    where: str  # the placement's address; empty for a volunteer meeting
    first: date
    last: date | None
    starts: time
    ends: time
    cancelled: tuple[date, ...]  # occurrences that do not happen (absences)

    def start_at(self, day: date) -> datetime:
        return datetime.combine(day, self.starts, AMSTERDAM)

    def end_at(self, day: date) -> datetime:
        return datetime.combine(day, self.ends, AMSTERDAM)

    def on(self, day: date) -> bool:
        """Whether it takes place on `day`."""
        return (
            day.weekday() == self.first.weekday()
            and self.first <= day
            and (self.last is None or day <= self.last)
            and day not in self.cancelled
        )


def of_user(user: User, today: date) -> list[Meeting]:
    """The account's meetings of running matches, and of those ended in the last weeks."""
    since = today - timedelta(weeks=PAST_WEEKS)
    volunteer = db.session.scalar(
        select(Volunteer)
        .where(Volunteer.user_id == user.id)
        .options(selectinload(Volunteer.absences))
    )
    found: list[Meeting] = []
    if volunteer is not None:
        found += _volunteer_meetings(volunteer, since)
    found += _host_meetings(user, since)
    return sorted(found, key=lambda m: (m.first, m.starts, m.uid))


def _running(since: date):
    return select(Match).where(
        Match.status.in_((MatchStatus.ACTIVE, MatchStatus.ENDED)),
        Match.ends_on.is_(None) | (Match.ends_on >= since),
    )


def volunteer_times(daypart: str, session_hours) -> tuple[time, time]:
    """A taalmaatje's or buddy's meeting has no clock time of its own: the day-part's usual
    start and the volunteer's usual length (the portal, the calendar feed and the mail)."""
    return default_times(daypart, float(session_hours))


def _volunteer_meetings(volunteer: Volunteer, since: date) -> list[Meeting]:
    matches = db.session.scalars(
        _running(since)
        .where(Match.volunteer_id == volunteer.id)
        .options(selectinload(Match.participant))
    )
    meetings = []
    for match in matches:
        for daypart in from_mask(match.dayparts):
            starts, ends = volunteer_times(daypart, volunteer.session_hours)
            first = _first_on(match.starts_on, daypart)
            last = match.ends_on
            meetings.append(
                Meeting(
                    uid=f"match-{match.id}-{daypart}@matcher",
                    match_id=match.id,
                    kind=str(match.kind),
                    first_name=match.participant.first_name,
                    what=str(match.kind),
                    where="",
                    first=first,
                    last=last,
                    starts=starts,
                    ends=ends,
                    cancelled=_absent(volunteer, first, last, daypart),
                )
            )
    return meetings


def _host_meetings(user: User, since: date) -> list[Meeting]:
    matches = db.session.scalars(
        _running(since)
        .join(Placement, Placement.id == Match.placement_id)
        .where(Match.kind == MatchKind.PLACEMENT, Placement.contact_user_id == user.id)
        .options(
            selectinload(Match.participant),
            selectinload(Match.placement).selectinload(Placement.sessions),
        )
    )
    meetings = []
    for match in matches:
        sessions = {s.daypart: s for s in match.placement.sessions}
        for daypart in from_mask(match.dayparts):
            session = sessions.get(daypart)
            if session is None:
                continue
            first = _first_on(match.starts_on, daypart)
            starts, ends = session.starts_at, session.ends_at
            place = match.placement
            meetings.append(
                Meeting(
                    uid=f"match-{match.id}-{daypart}@matcher",
                    match_id=match.id,
                    kind="placement",
                    first_name=match.participant.first_name,
                    what=place.title,
                    where=", ".join(p for p in (place.address, place.postcode) if p),
                    first=first,
                    last=match.ends_on,
                    starts=starts,
                    ends=ends,
                    cancelled=(),
                )
            )
    return meetings


def _first_on(starts_on: date, daypart: str) -> date:
    """The first date on or after `starts_on` that falls on the day-part's weekday."""
    weekday = DAYS.index(daypart.split("-")[0])
    return starts_on + timedelta(days=(weekday - starts_on.weekday()) % 7)


def _absent(volunteer: Volunteer, first: date, last: date | None, daypart: str):
    """The meeting's dates that fall in one of the volunteer's absences."""
    cancelled = []
    for absence in volunteer.absences:
        day = max(first, _first_on(absence.starts_on, daypart))
        while day <= absence.ends_on and (last is None or day <= last):
            if day >= first:
                cancelled.append(day)
            day += timedelta(days=7)
    return tuple(sorted(set(cancelled)))


def upcoming(user: User, today: date, days: int) -> list[tuple[date, Meeting]]:
    """The account's meetings from today on, for `days` days, as (date, meeting) in order;
    cancelled ones included (the page shows them as cancelled)."""
    found = []
    for meeting in of_user(user, today):
        for offset in range(days):
            day = today + timedelta(days=offset)
            if day.weekday() != meeting.first.weekday() or day < meeting.first:
                continue
            if meeting.last is not None and day > meeting.last:
                continue
            found.append((day, meeting))
    return sorted(found, key=lambda pair: (pair[0], pair[1].starts, pair[1].uid))
