"""Object-level access in one place: which participants a user may reach, and how much of them.

Every view that touches participants goes through these helpers, so a coach only ever
reaches their own caseload and a volunteer or admin reaches no participant at all.
"""

from sqlalchemy import Select, false, select

from matcher.extensions import db
from matcher.models import Participant, Role, User
from matcher.services.errors import NotFound


def visible_participants(user: User) -> Select[tuple[Participant]]:
    """A SELECT of the participants this user may see (coordinator: all; coach: caseload)."""
    query = select(Participant)
    if user.role == Role.COORDINATOR:
        return query
    if user.role == Role.COACH:
        return query.where(Participant.coach_id == user.id)
    return query.where(false())


def get_participant(user: User, participant_id: int) -> Participant:
    """The participant if this user may see them; NotFound otherwise (never tell which)."""
    participant = db.session.scalar(
        visible_participants(user).where(Participant.id == participant_id)
    )
    if participant is None:
        raise NotFound(participant_id)
    return participant


def sees_coach_fields(user: User, participant: Participant) -> bool:
    """PIP date, functional limits and notes: only the participant's own coach."""
    return user.role == Role.COACH and participant.coach_id == user.id
