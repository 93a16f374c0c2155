"""Record versions (no lost updates) and one-time form submission keys (no double creates)."""

from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, declared_attr, mapped_column

from matcher.extensions import db


def _now() -> datetime:
    return datetime.now(UTC)


class VersionColumns:
    """Who changed a record last, when, and its version (bumped on every change)."""

    version: Mapped[int] = mapped_column(default=1, server_default="1")
    updated_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))

    @declared_attr
    def updated_by_id(cls) -> Mapped[int | None]:
        return mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))


class Versioned(VersionColumns):
    """An editable record: every ORM UPDATE is `… WHERE version = :seen` and bumps it, so a
    commit in between makes the flush fail with StaleDataError instead of losing a change."""

    @declared_attr.directive
    def __mapper_args__(cls) -> dict:
        return {"version_id_col": cls.__table__.c.version}


class FormSubmission(db.Model):
    """A create form's one-time key, stored in the same transaction as the record it made."""

    __tablename__ = "form_submissions"

    key: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    entity: Mapped[str] = mapped_column(sa.String(40))
    record_id: Mapped[int | None]
    created_at: Mapped[datetime] = mapped_column(
        sa.DateTime(timezone=True), default=_now, index=True
    )
