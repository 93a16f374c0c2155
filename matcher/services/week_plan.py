"""Who is where in a week, from every side (issue 13): a participant's week plan, the roster of
placements, a volunteer's matches, and a participant's match history.

Every function reads the confirmed matches in force through the one definition
`running_matches(week)` and loads what it shows in a fixed number of SQL statements, whatever
the number of rows (joined loads for the one-to-one links, one IN-query for sessions). The
placement rosters live in matcher/services/rosters.py and are re-exported here.
"""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from matcher.dayparts import from_mask
from matcher.extensions import db
from matcher.models import (
    Match,
    MatchKind,
    Placement,
    PlacementSession,
    Volunteer,
)
from matcher.services.matching.instance import running_matches
from matcher.services.rosters import (  # noqa: F401 (the roster side, re-exported)
    HostRow,
    RosterRow,
    RosterSection,
    hosted_placements,
    placement_roster,
    roster_sections,
    week_order,
)


@dataclass(frozen=True)
class Slot:
    """One day-part of a match; `session` is the placement's session on it (None for a
    taalmaatje or buddy, or when the placement no longer holds that session)."""

    daypart: str
    session: PlacementSession | None


@dataclass(frozen=True)
class PlanEntry:
    """One confirmed match in force in the week, as the participant's plan shows it."""

    match_id: int
    kind: MatchKind
    placement: Placement | None
    volunteer: Volunteer | None
    organisation_name: str
    address: str  # as stored: "Dorpsstraat 14, Almelo"
    postcode: str
    slots: tuple[Slot, ...]
    starts_on: date
    ends_on: date | None

    @property
    def dayparts(self) -> list[str]:
        return [slot.daypart for slot in self.slots]

    @property
    def sessions(self) -> list[PlacementSession]:
        return [slot.session for slot in self.slots if slot.session is not None]

    @property
    def address_line(self) -> str:
        """Street, postcode and town the Dutch way: "Dorpsstraat 14, 7604 RT Almelo"."""
        if not self.address:
            return self.postcode
        if not self.postcode:
            return self.address
        street, comma, town = self.address.rpartition(", ")
        if comma:
            return f"{street}, {self.postcode} {town}"
        return f"{self.address}, {self.postcode}"


@dataclass(frozen=True)
class VolunteerMatchRow:
    """A participant matched with a volunteer, for the volunteer page."""

    match_id: int
    participant_id: int
    first_name: str
    last_name: str
    kind: MatchKind
    dayparts: tuple[str, ...]
    starts_on: date
    ends_on: date | None


def _slots(match: Match) -> tuple[Slot, ...]:
    by_daypart = {}
    if match.placement is not None:
        by_daypart = {s.daypart: s for s in match.placement.sessions}
    return tuple(Slot(name, by_daypart.get(name)) for name in from_mask(match.dayparts))


def _entry(match: Match) -> PlanEntry:
    placement = match.placement
    return PlanEntry(
        match_id=match.id,
        kind=match.kind,
        placement=placement,
        volunteer=match.volunteer,
        organisation_name=placement.organisation.name if placement is not None else "",
        address=placement.address if placement is not None else "",
        postcode=placement.postcode if placement is not None else "",
        slots=_slots(match),
        starts_on=match.starts_on,
        ends_on=match.ends_on,
    )


def _plan_options():
    return (
        joinedload(Match.placement).joinedload(Placement.organisation),
        joinedload(Match.placement).selectinload(Placement.sessions),
        joinedload(Match.volunteer),
    )


def participant_week(participant_id: int, week: date) -> list[PlanEntry]:
    """The participant's confirmed matches in force in the week starting `week`, sorted by
    their first weekday/day-part. Two SQL statements."""
    matches = db.session.scalars(
        running_matches(week)
        .where(Match.participant_id == participant_id)
        .options(*_plan_options())
    ).unique()
    entries = [_entry(m) for m in matches]
    return sorted(entries, key=lambda e: (min(map(week_order, e.dayparts), default=99), e.match_id))


def week_slots(entries: list[PlanEntry]) -> list[tuple[Slot, PlanEntry]]:
    """The plan as a timeline: every (day-part, entry) pair in week order."""
    pairs = [(slot, entry) for entry in entries for slot in entry.slots]
    return sorted(pairs, key=lambda pair: (week_order(pair[0].daypart), pair[1].match_id))


def participant_history(participant_id: int) -> list[Match]:
    """All the participant's matches (any status), newest first, with their targets loaded.
    Two SQL statements."""
    return list(
        db.session.scalars(
            select(Match)
            .where(Match.participant_id == participant_id)
            .options(
                joinedload(Match.placement).joinedload(Placement.organisation),
                joinedload(Match.volunteer),
            )
            .order_by(Match.starts_on.desc(), Match.id.desc())
        ).unique()
    )


def volunteer_matches(volunteer_id: int, week: date) -> list[VolunteerMatchRow]:
    """The volunteer's confirmed matches in force in the week, by first day-part, then name.
    One SQL statement."""
    matches = db.session.scalars(
        running_matches(week)
        .where(Match.volunteer_id == volunteer_id)
        .options(joinedload(Match.participant))
    ).unique()
    rows = [
        VolunteerMatchRow(
            match_id=m.id,
            participant_id=m.participant_id,
            first_name=m.participant.first_name,
            last_name=m.participant.last_name,
            kind=m.kind,
            dayparts=tuple(from_mask(m.dayparts)),
            starts_on=m.starts_on,
            ends_on=m.ends_on,
        )
        for m in matches
    ]
    return sorted(
        rows,
        key=lambda r: (min(map(week_order, r.dayparts), default=99), r.first_name, r.match_id),
    )
