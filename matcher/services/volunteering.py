"""What a volunteer (taalmaatje, buddy or host contact) may see of their own matches."""

from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from matcher.dayparts import from_mask
from matcher.extensions import db
from matcher.models import (
    DutchLevel,
    Match,
    MatchStatus,
    Placement,
    Role,
    User,
    Volunteer,
)


@dataclass(frozen=True)
class VolunteerMatchView:
    """Only what a volunteer needs: no surname, no address, no health or PIP data."""

    first_name: str
    dutch_level: DutchLevel
    languages: list[str]
    dayparts: list[str]
    meeting_place: str
    kind: str


def own_volunteer(user: User) -> Volunteer | None:
    """The taalmaatje or buddy record linked to this account, if any."""
    return db.session.scalar(select(Volunteer).where(Volunteer.user_id == user.id))


def own_matches(user: User) -> list[VolunteerMatchView]:
    """Active matches with this volunteer, or at placements this user is the contact of."""
    volunteer = own_volunteer(user)
    hosted = select(Placement.id).where(Placement.contact_user_id == user.id)
    conditions = [Match.placement_id.in_(hosted)]
    if volunteer is not None:
        conditions.append(Match.volunteer_id == volunteer.id)
    matches = db.session.scalars(
        select(Match)
        .where(Match.status == MatchStatus.ACTIVE, or_(*conditions))
        .options(selectinload(Match.participant), selectinload(Match.placement))
        .order_by(Match.starts_on)
    )
    return [_view(match) for match in matches]


def _view(match: Match) -> VolunteerMatchView:
    if match.placement is not None:
        place = f"{match.placement.title}, {match.placement.address}".strip(", ")
    else:
        place = ""
    return VolunteerMatchView(
        first_name=match.participant.first_name,
        dutch_level=match.participant.dutch_level,
        languages=list(match.participant.languages),
        dayparts=from_mask(match.dayparts),
        meeting_place=place,
        kind=str(match.kind),
    )


def coordinators() -> list[User]:
    """Active coordinator accounts: who a volunteer can contact."""
    return list(
        db.session.scalars(
            select(User).where(User.role == Role.COORDINATOR, User.active).order_by(User.name)
        )
    )
