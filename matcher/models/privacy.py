"""The record of participants erased (anonymised) on request or after the retention period."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from matcher.extensions import db
from matcher.models.people import utcnow


class Erasure(db.Model):
    """One participant whose identity was removed; the anonymous row keeps the hours totals."""

    __tablename__ = "erasures"
    __table_args__ = (sa.CheckConstraint("reason IN ('request', 'retention')", name="reason"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(sa.ForeignKey("participants.id"), unique=True)
    reason: Mapped[str] = mapped_column(sa.String(10))
    erased_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)
    erased_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
