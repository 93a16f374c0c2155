"""Record versions: a save against a version other than the one the user saw is refused.

Every editable record carries `version` (SQLAlchemy's version_id_col: the UPDATE itself is
`… WHERE version = :seen`), `updated_at` and `updated_by_id`. A form carries the version it
showed; `check_version` refuses a save against a newer one before anything is written, and
`flush_versioned` turns a commit that slipped in between (StaleDataError) into the same refusal.
StaleRecord carries who changed the record, when, and the current values beside the user's.
"""

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm.exc import StaleDataError

from matcher.extensions import db
from matcher.services.errors import DomainError

Extra = Callable[[Any], dict[str, Any]]  # current values beyond the columns (a session grid)


class StaleRecord(DomainError):
    """Someone saved this record after the user opened the form: nothing was written."""

    def __init__(
        self,
        entity: str,
        record_id: int,
        version: int,
        changed_by: str | None,
        changed_at: datetime | None,
        current: dict[str, Any],
        mine: dict[str, Any],
    ):
        super().__init__("record.changed_meanwhile", entity=entity, changed_by=changed_by)
        self.entity, self.record_id, self.version = entity, record_id, version
        self.changed_by, self.changed_at = changed_by, changed_at
        self.current, self.mine = current, mine

    @property
    def differing(self) -> list[str]:
        """The names whose current value differs from what the user sent, in the user's order."""
        return [
            name
            for name in self.mine
            if name in self.current and self.current[name] != self.mine[name]
        ]


def stamp(obj: Any, actor: Any) -> None:
    """Mark the record as changed now by the actor (which makes its UPDATE a versioned one)."""
    obj.updated_at = datetime.now(UTC)
    obj.updated_by_id = getattr(actor, "id", None)


def stale(obj: Any, entity: str, mine: dict[str, Any], extra: Extra | None = None) -> StaleRecord:
    """The refusal for this record as it is stored now."""
    from matcher.models import User

    current = {name: getattr(obj, name) for name in mine if name in sa.inspect(type(obj)).attrs}
    if extra is not None:
        current.update(extra(obj))
    by = db.session.get(User, obj.updated_by_id) if obj.updated_by_id else None
    changed_at = obj.updated_at
    if changed_at is not None and changed_at.tzinfo is None:  # SQLite gives naive UTC
        changed_at = changed_at.replace(tzinfo=UTC)
    return StaleRecord(
        entity, obj.id, obj.version, by.name if by else None, changed_at, current, mine
    )


def check_version(
    obj: Any,
    expected: int | None,
    entity: str,
    mine: dict[str, Any],
    extra: Extra | None = None,
) -> None:
    """StaleRecord when the form showed another version than the stored one (None: no form)."""
    if expected is not None and obj.version != expected:
        raise stale(obj, entity, mine, extra)


def flush_versioned(
    obj: Any, entity: str, mine: dict[str, Any], extra: Extra | None = None
) -> None:
    """Flush; a concurrent commit since the record was read rolls back and raises StaleRecord."""
    try:
        db.session.flush()
    except StaleDataError:
        db.session.rollback()  # the record is read afresh below, as the other left it
        raise stale(obj, entity, mine, extra) from None


def claim_version(model: type, record_id: int, expected: int | None, actor: Any) -> None:
    """For records without version_id_col (accounts, changed by every login): one conditional
    UPDATE bumps the version only when it is still the one the form showed."""
    table = model.__table__
    condition = table.c.id == record_id
    if expected is not None:
        condition = condition & (table.c.version == expected)
    result = db.session.execute(
        sa.update(table)
        .where(condition)
        .values(
            version=table.c.version + 1,
            updated_at=datetime.now(UTC),
            updated_by_id=getattr(actor, "id", None),
        )
    )
    if result.rowcount != 1:
        obj = db.session.get(model, record_id)
        db.session.refresh(obj)
        raise stale(obj, model.__tablename__, {})
