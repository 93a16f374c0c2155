"""What a volunteer (taalmaatje, buddy or host contact) sees and keeps up to date themselves."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from matcher.dayparts import ALL_MASK, from_mask
from matcher.extensions import db
from matcher.models import (
    AbsenceKind,
    ActivityKind,
    CoordinatorNotice,
    DutchLevel,
    HoursEntry,
    Match,
    MatchKind,
    MatchStatus,
    Participant,
    Placement,
    Role,
    User,
    Volunteer,
)
from matcher.models.people import utcnow
from matcher.services import audit, records, registry_volunteers
from matcher.services import hours as hours_service
from matcher.services.errors import NotFound, ValidationFailed


@dataclass(frozen=True)
class VolunteerMatchView:
    """Only what a volunteer needs: no surname, no address, no health or PIP data."""

    id: int
    first_name: str
    dutch_level: DutchLevel
    languages: list[str]
    dayparts: list[str]
    meeting_place: str  # a placement's title and address; empty for a volunteer's meeting
    kind: str
    starts_on: date | None = None
    town: str = ""  # a volunteer's meeting: the participant's main place (as the mail says)


def own_volunteer(user: User) -> Volunteer | None:
    """The taalmaatje or buddy record linked to this account, if any."""
    return db.session.scalar(select(Volunteer).where(Volunteer.user_id == user.id))


def own_matches(user: User) -> list[VolunteerMatchView]:
    """Active matches with this volunteer, or at placements this user is the contact of."""
    return [_view(match) for match in _own_match_rows(user)]


def _own_match_rows(user: User) -> list[Match]:
    volunteer = own_volunteer(user)
    hosted = select(Placement.id).where(Placement.contact_user_id == user.id)
    conditions = [Match.placement_id.in_(hosted)]
    if volunteer is not None:
        conditions.append(Match.volunteer_id == volunteer.id)
    matches = db.session.scalars(
        select(Match)
        .where(Match.status == MatchStatus.ACTIVE, or_(*conditions))
        .options(
            selectinload(Match.participant).selectinload(Participant.municipality),
            selectinload(Match.placement),
        )
        .order_by(Match.starts_on)
    )
    return list(matches)


def _view(match: Match) -> VolunteerMatchView:
    if match.placement is not None:
        place = f"{match.placement.title}, {match.placement.address}".strip(", ")
    else:
        place = ""
    return VolunteerMatchView(
        id=match.id,
        first_name=match.participant.first_name,
        dutch_level=match.participant.dutch_level,
        languages=list(match.participant.languages),
        dayparts=from_mask(match.dayparts),
        meeting_place=place,
        kind=str(match.kind),
        starts_on=match.starts_on,
        town=match.participant.municipality.main_place,
    )


def coordinators() -> list[User]:
    """Active coordinator accounts: who a volunteer can contact."""
    return list(
        db.session.scalars(
            select(User).where(User.role == Role.COORDINATOR, User.active).order_by(User.name)
        )
    )


# --- issue 6: a volunteer keeps their own availability and absences, and reports sessions ---

ACTIVITY_OF_MATCH = {
    MatchKind.PLACEMENT: ActivityKind.PLACEMENT,
    MatchKind.TAALMAATJE: ActivityKind.TAALMAATJE,
    MatchKind.BUDDY: ActivityKind.BUDDY,
}


def _active_volunteer_matches(volunteer: Volunteer) -> list[Match]:
    return list(
        db.session.scalars(
            select(Match)
            .where(Match.volunteer_id == volunteer.id, Match.status == MatchStatus.ACTIVE)
            .options(selectinload(Match.participant), selectinload(Match.placement))
        )
    )


def _notice(volunteer: Volunteer, match: Match, kind: str, detail: dict) -> None:
    db.session.add(
        CoordinatorNotice(kind=kind, volunteer_id=volunteer.id, match_id=match.id, detail=detail)
    )


def set_availability(
    user: User, volunteer: Volunteer, mask: int, expected_version: int | None = None
) -> list[VolunteerMatchView]:
    """Store the volunteer's new availability; matches it breaks are returned and noticed.

    Against another version than `expected_version` (a coordinator saved meanwhile):
    StaleRecord, nothing stored.
    """
    if not 0 <= mask <= ALL_MASK:
        raise ValidationFailed("daypart.unknown", {"availability": "daypart.unknown"})
    mine = {"availability": mask}
    records.check_version(volunteer, expected_version, "volunteer", mine)
    broken = []
    for match in _active_volunteer_matches(volunteer):
        lost = match.dayparts & ~mask
        if lost:
            _notice(volunteer, match, "availability", {"dayparts": from_mask(lost)})
            broken.append(_view(match))
    if volunteer.availability != mask:
        volunteer.availability = mask
        records.stamp(volunteer, user)
    records.flush_versioned(volunteer, "volunteer", mine)
    audit.record(user, "update", "volunteer", volunteer.id, ["availability"])
    return broken


def add_absence(
    user: User, volunteer: Volunteer, starts_on: date, ends_on: date, reason: str, today: date
) -> list[VolunteerMatchView]:
    """Add an absence (holiday, illness); active matches in that period are returned and noticed."""
    if ends_on < starts_on:
        raise ValidationFailed(
            "absence.ends_before_start", {"ends_on": "absence.ends_before_start"}
        )
    if ends_on < today:
        raise ValidationFailed("absence.in_the_past", {"ends_on": "absence.in_the_past"})
    registry_volunteers.add_absence(user, volunteer, starts_on, ends_on, reason)
    affected = []
    for match in _active_volunteer_matches(volunteer):
        if match.starts_on <= ends_on and (match.ends_on is None or match.ends_on >= starts_on):
            detail = {"starts_on": starts_on.isoformat(), "ends_on": ends_on.isoformat()}
            _notice(volunteer, match, "absence", detail)
            affected.append(_view(match))
    db.session.flush()
    return affected


def remove_absence(user: User, volunteer: Volunteer, absence_id: int) -> None:
    """Delete one of the volunteer's own absences."""
    registry_volunteers.delete_absence(user, volunteer, absence_id)


def report_session(
    user: User, match_id: int, on: date, hours: float, absence: AbsenceKind | None, today: date
) -> HoursEntry:
    """A volunteer or host contact reports a session; it waits for the coach's approval."""
    match = next((m for m in _own_match_rows(user) if m.id == match_id), None)
    if match is None:
        raise NotFound(match_id)
    if on < match.starts_on:
        raise ValidationFailed("hours.before_match", {"entry_date": "hours.before_match"})
    new = hours_service.NewHours(on, ACTIVITY_OF_MATCH[match.kind], hours, absence, match.id)
    return hours_service.add(user, match.participant, new, today, approve=False)


def open_notices() -> list[CoordinatorNotice]:
    """Notices the coordinator has not handled yet, newest first."""
    return list(
        db.session.scalars(
            select(CoordinatorNotice)
            .where(CoordinatorNotice.resolved_at.is_(None))
            .options(
                selectinload(CoordinatorNotice.volunteer),
                selectinload(CoordinatorNotice.match).selectinload(Match.participant),
            )
            .order_by(CoordinatorNotice.created_at.desc(), CoordinatorNotice.id.desc())
        )
    )


def resolve_notice(user: User, notice_id: int) -> None:
    """Mark a notice as handled by this coordinator."""
    notice = db.session.get(CoordinatorNotice, notice_id)
    if notice is None:
        raise NotFound(notice_id)
    if notice.resolved_at is None:
        notice.resolved_at, notice.resolved_by_id = utcnow(), user.id
        db.session.flush()
        audit.record(user, "resolve", "coordinator_notice", notice_id)
