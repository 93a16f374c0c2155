"""Finding participants within what a user may see."""

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from matcher.extensions import db
from matcher.models import Participant, ParticipantStatus, User
from matcher.services import search as search_text
from matcher.services.access import visible_participants
from matcher.services.records import Page


def search(
    user: User,
    text: str = "",
    status: ParticipantStatus | None = None,
    municipality_id: int | None = None,
    page: int = 1,
    per_page: int = 50,
) -> Page:
    """One page of the participants this user may see, filtered, by name."""
    query = visible_participants(user)
    query = search_text.filtered(query, text, Participant.search_text)
    if status is not None:
        query = query.where(Participant.status == status)
    if municipality_id is not None:
        query = query.where(Participant.municipality_id == municipality_id)
    total = db.session.scalar(select(func.count()).select_from(query.subquery()))
    page = max(1, page)
    items = db.session.scalars(
        query.options(selectinload(Participant.municipality), selectinload(Participant.coach))
        .order_by(Participant.last_name, Participant.first_name, Participant.id)
        .limit(per_page)
        .offset((page - 1) * per_page)
    )
    return Page(list(items), total, page, per_page)
