"""Placement rosters (issue 13): who comes on which session of a placement in a week, for the
coordinator (names, period, the coach to reach) and for a host contact (first name and period).

Read from the one definition of the confirmed matches in force, `running_matches(week)`, in a
fixed number of SQL statements whatever the number of placements or rows.
"""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from matcher.dayparts import INDEX, from_mask
from matcher.extensions import db
from matcher.models import Match, MatchKind, Participant, Placement, PlacementSession, User
from matcher.services.matching.instance import running_matches


def week_order(daypart: str) -> int:
    """A day-part's place in the week (mon-am first); unknown names last."""
    return INDEX.get(daypart, len(INDEX))


@dataclass(frozen=True)
class RosterRow:
    """Who comes on one day-part of a placement. Host contacts get `for_host()` only."""

    match_id: int
    participant_id: int
    first_name: str
    last_name: str
    coach_name: str
    coach_email: str
    session: PlacementSession | None
    starts_on: date
    ends_on: date | None

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    def for_host(self) -> "HostRow":
        return HostRow(self.match_id, self.first_name, self.starts_on, self.ends_on)


@dataclass(frozen=True)
class HostRow:
    """What a host organisation's contact needs: first name and period, nothing more (the
    match id lets them report a session)."""

    match_id: int
    first_name: str
    starts_on: date
    ends_on: date | None


@dataclass(frozen=True)
class RosterSection:
    """One session (day-part) of a placement with who comes."""

    daypart: str
    session: PlacementSession | None
    rows: list


def placement_roster(placement_ids, week: date) -> dict[int, dict[str, list[RosterRow]]]:
    """{placement_id: {daypart: [RosterRow]}} for the week starting `week`: every session of
    each placement (week order, empty when nobody comes) plus any day-part a running match
    holds that the placement no longer has. Three SQL statements."""
    ids = list(dict.fromkeys(placement_ids))
    if not ids:
        return {}
    sessions = db.session.scalars(
        select(PlacementSession).where(PlacementSession.placement_id.in_(ids))
    ).all()
    session_of = {(s.placement_id, s.daypart): s for s in sessions}
    roster: dict[int, dict[str, list[RosterRow]]] = {pid: {} for pid in ids}
    for s in sorted(sessions, key=lambda s: week_order(s.daypart)):
        roster[s.placement_id][s.daypart] = []
    matches = db.session.scalars(
        running_matches(week)
        .where(Match.kind == MatchKind.PLACEMENT, Match.placement_id.in_(ids))
        .options(joinedload(Match.participant).joinedload(Participant.coach))
    ).unique()
    for match in sorted(matches, key=_roster_order):
        person = match.participant
        coach: User | None = person.coach
        for name in from_mask(match.dayparts):
            row = RosterRow(
                match_id=match.id,
                participant_id=person.id,
                first_name=person.first_name,
                last_name=person.last_name,
                coach_name=coach.name if coach is not None else "",
                coach_email=coach.email if coach is not None else "",
                session=session_of.get((match.placement_id, name)),
                starts_on=match.starts_on,
                ends_on=match.ends_on,
            )
            roster[match.placement_id].setdefault(name, []).append(row)
    return {
        pid: dict(sorted(days.items(), key=lambda i: week_order(i[0])))
        for pid, days in roster.items()
    }


def _roster_order(match: Match):
    return (
        match.participant.first_name.casefold(),
        match.participant.last_name.casefold(),
        match.id,
    )


def roster_sections(
    placement: Placement, by_daypart: dict[str, list[RosterRow]], host: bool = False
) -> list[RosterSection]:
    """One placement's roster as sections in week order, each with its session (from the
    placement's loaded sessions); `host` keeps only what a host needs."""
    session_of = {s.daypart: s for s in placement.sessions}
    return [
        RosterSection(
            daypart, session_of.get(daypart), [r.for_host() for r in rows] if host else rows
        )
        for daypart, rows in by_daypart.items()
    ]


def organisation_placements(organisation_id: int) -> list[Placement]:
    """The organisation's placements, active first, with their sessions. Two SQL statements."""
    placements = db.session.scalars(
        select(Placement)
        .where(Placement.organisation_id == organisation_id)
        .options(selectinload(Placement.sessions))
    ).all()
    return sorted(placements, key=lambda p: (not p.active, p.title, p.id))


def hosted_placements(user: User) -> list[Placement]:
    """The placements this account is the contact of, with organisation and sessions loaded.
    Two SQL statements."""
    return list(
        db.session.scalars(
            select(Placement)
            .where(Placement.contact_user_id == user.id)
            .options(joinedload(Placement.organisation), selectinload(Placement.sessions))
            .order_by(Placement.title, Placement.id)
        ).unique()
    )
