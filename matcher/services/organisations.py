"""Host organisations: find, register, change, deactivate."""

from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from matcher.extensions import db
from matcher.models import Organisation, User
from matcher.services import audit, records
from matcher.services import search as search_text

FIELDS = (
    "name",
    "municipality_id",
    "contact_name",
    "contact_email",
    "contact_phone",
    "external_ref",
)


def search(
    text: str = "",
    municipality_id: int | None = None,
    active: bool | None = None,
    page: int = 1,
    per_page: int = 50,
) -> records.Page:
    """One page of organisations, filtered, by name."""
    query = select(Organisation).options(
        selectinload(Organisation.municipality), selectinload(Organisation.placements)
    )
    query = search_text.filtered(query, text, Organisation.search_text)
    if municipality_id is not None:
        query = query.where(Organisation.municipality_id == municipality_id)
    if active is not None:
        query = query.where(Organisation.active.is_(active))
    query = query.order_by(Organisation.name, Organisation.id)
    return records.paged(query, page, per_page)


def choices(include_id: int | None = None) -> list[Organisation]:
    """Active organisations for a select list (plus the one already chosen, if inactive)."""
    condition = Organisation.active
    if include_id is not None:
        condition = or_(condition, Organisation.id == include_id)
    return list(
        db.session.scalars(select(Organisation).where(condition).order_by(Organisation.name))
    )


def save(
    actor: User,
    organisation: Organisation | None,
    values: dict[str, Any],
    expected_version: int | None = None,
) -> Organisation:
    """Create (organisation None) or update an organisation; audit the changed fields.

    An update against another version than `expected_version` raises StaleRecord.
    """
    return records.save_record(
        actor,
        Organisation,
        organisation,
        values,
        FIELDS,
        "organisation",
        expected_version=expected_version,
    )


def set_active(actor: User, organisation: Organisation, active: bool) -> None:
    """(De)activate an organisation; deactivating also deactivates its placements."""
    if not active:
        for placement in organisation.placements:
            if placement.active:
                placement.active = False
                audit.record(actor, "deactivate", "placement", placement.id, ["active"])
    records.set_active(actor, organisation, "organisation", active)
