"""Voortgangsgesprekken, notices for the coordinator, and an index for hours corrections."""

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from matcher.extensions import db
from matcher.models.activity import HoursEntry, Match
from matcher.models.people import Participant, User, utcnow
from matcher.models.registry import Volunteer

# Corrections are found by "is there an entry that supersedes this one?": keep that lookup cheap.
sa.Index("ix_hours_entries_supersedes_id", HoursEntry.supersedes_id)


class ProgressMeeting(db.Model):
    """A voortgangsgesprek held by the coach: when, what was agreed, when the next one is."""

    __tablename__ = "progress_meetings"
    __table_args__ = (
        sa.CheckConstraint("next_date IS NULL OR next_date > held_on", name="next_after_held"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(sa.ForeignKey("participants.id"), index=True)
    held_on: Mapped[date]
    summary: Mapped[str] = mapped_column(sa.Text, default="")
    next_date: Mapped[date | None]
    coach_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)

    participant: Mapped[Participant] = relationship()
    coach: Mapped[User | None] = relationship()


class CoordinatorNotice(db.Model):
    """A volunteer's change that affects an active match, waiting for the coordinator."""

    __tablename__ = "coordinator_notices"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(sa.String(20))  # "availability" or "absence"
    volunteer_id: Mapped[int] = mapped_column(sa.ForeignKey("volunteers.id"), index=True)
    match_id: Mapped[int] = mapped_column(sa.ForeignKey("matches.id"))
    detail: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)
    resolved_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    resolved_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))

    volunteer: Mapped[Volunteer] = relationship()
    match: Mapped[Match] = relationship()
