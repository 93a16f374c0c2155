"""Recruitment advice runs (issue 15): one background advice computation and its document."""

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from matcher.extensions import db
from matcher.models.people import Municipality, User, utcnow

ADVICE_STATUSES = ("queued", "running", "done", "failed")
BUSY_ADVICE = "status IN ('queued', 'running')"


class AdviceRun(db.Model):
    """One advice computation for a week and scope (all municipalities: scope 0).

    A busy run (queued or running) is unique per week and scope; the job writes `heartbeat_at`
    while it works, like a matching run. `document` is the matcher-advice/1 document in solver
    ids; `people` and `places` map those ids back to database ids; `bottlenecks` is the table."""

    __tablename__ = "advice_runs"
    __table_args__ = (
        sa.CheckConstraint(
            "status IN ('queued', 'running', 'done', 'failed')", name="advice_status"
        ),
        sa.Index(
            "uq_advice_runs_busy_scope",
            "week_start",
            "scope",
            unique=True,
            sqlite_where=sa.text(BUSY_ADVICE),
            postgresql_where=sa.text(BUSY_ADVICE),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    municipality_id: Mapped[int | None] = mapped_column(sa.ForeignKey("municipalities.id"))
    scope: Mapped[int] = mapped_column(default=0)
    week_start: Mapped[date] = mapped_column(index=True)
    status: Mapped[str] = mapped_column(sa.String(12), default="queued")
    error: Mapped[str] = mapped_column(sa.String(40), default="")
    document: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    people: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    places: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    bottlenecks: Mapped[list] = mapped_column(sa.JSON, default=list)
    started_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    started_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    heartbeat_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    worker: Mapped[str] = mapped_column(sa.String(120), default="")

    municipality: Mapped[Municipality | None] = relationship()
    started_by: Mapped[User | None] = relationship()


class Scenario(db.Model):
    """A what-if plan: draft changes to this week's data (never applied to real records), run
    in the background and compared with the baseline. `changes` is a list of change objects
    (services/scenarios.py); `outcome` holds the comparison once it has run."""

    __tablename__ = "scenarios"
    __table_args__ = (
        sa.CheckConstraint(
            "status IN ('draft', 'queued', 'running', 'done', 'failed')", name="scenario_status"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(120))
    week_start: Mapped[date]
    changes: Mapped[list] = mapped_column(sa.JSON, default=list)
    status: Mapped[str] = mapped_column(sa.String(12), default="draft")
    error: Mapped[str] = mapped_column(sa.String(40), default="")
    outcome: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    heartbeat_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    worker: Mapped[str] = mapped_column(sa.String(120), default="")

    created_by: Mapped[User | None] = relationship()
