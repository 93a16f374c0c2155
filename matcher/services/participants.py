"""Finding participants within what a user may see."""

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from matcher.extensions import db
from matcher.models import Participant, ParticipantStatus, User
from matcher.services import participant_filters
from matcher.services import search as search_text
from matcher.services.access import visible_participants
from matcher.services.participant_filters import Need
from matcher.services.records import Page


def search(
    user: User,
    text: str = "",
    status: ParticipantStatus | None = None,
    municipality_id: int | None = None,
    page: int = 1,
    per_page: int = 50,
    need: Need | None = None,
    sort: str = "name",
    today: date | None = None,
) -> Page:
    """One page of the participants this user may see, filtered (text, status, municipality,
    a need of participant_filters), by name, urgency or PIP date."""
    query = visible_participants(user)
    query = search_text.filtered(query, text, Participant.search_text)
    if status is not None:
        query = query.where(Participant.status == status)
    if municipality_id is not None:
        query = query.where(Participant.municipality_id == municipality_id)
    page = max(1, page)
    if need is not None or sort == "urgency":
        return _by_needs(query, need, sort, page, per_page, today or date.today())
    return _sql_page(query, sort, page, per_page)


def _sql_page(query, sort: str, page: int, per_page: int) -> Page:
    total = db.session.scalar(select(func.count()).select_from(query.subquery()))
    items = db.session.scalars(
        _loaded(query)
        .order_by(*ORDERS[sort], Participant.id)
        .limit(per_page)
        .offset((page - 1) * per_page)
    )
    return Page(list(items), total, page, per_page)


ORDERS = {
    "name": (Participant.last_name, Participant.first_name),
    "pip": (Participant.pip_date, Participant.last_name, Participant.first_name),
}


def _loaded(query):
    return query.options(selectinload(Participant.municipality), selectinload(Participant.coach))


def _by_needs(query, need: Need | None, sort: str, page: int, per_page: int, today: date) -> Page:
    """Filter on a need (in SQL as far as it goes) and for urgency order on the needs; then
    load only the page's participants."""
    if need is not None:
        query = participant_filters.narrowed(query, need, today)
        if need in participant_filters.EXACT_IN_SQL and sort != "urgency":
            return _sql_page(query, sort, page, per_page)
    urgency = sort == "urgency"
    found = participant_filters.needs_for(query, today, totals=urgency or need == Need.BEHIND_PACE)
    ids = [pid for pid, (needs, _) in found.items() if need is None or need in needs]
    if urgency:
        ids.sort(key=lambda pid: found[pid][1])
        chosen = ids[(page - 1) * per_page : page * per_page]
        by_id = {
            p.id: p
            for p in db.session.scalars(
                _loaded(select(Participant)).where(Participant.id.in_(chosen))
            )
        }
        return Page([by_id[pid] for pid in chosen], len(ids), page, per_page)
    items = db.session.scalars(
        _loaded(select(Participant))
        .where(Participant.id.in_(ids))
        .order_by(*ORDERS[sort], Participant.id)
        .limit(per_page)
        .offset((page - 1) * per_page)
    )
    return Page(list(items), len(ids), page, per_page)
