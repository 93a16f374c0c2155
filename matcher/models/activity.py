"""Matches, matching runs, participation hours and the audit trail (a hash chain)."""

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from matcher import bounds
from matcher.extensions import db
from matcher.models.enums import (
    AbsenceKind,
    ActivityKind,
    HoursStatus,
    MatchKind,
    MatchSource,
    MatchStatus,
    RunStatus,
    enum_column,
)
from matcher.models.people import Municipality, Participant, User, utcnow
from matcher.models.registry import AVAILABILITY_CHECK, Placement, Volunteer


def _scope_of(context) -> int:
    return context.get_current_parameters().get("municipality_id") or 0


class MatchingRun(db.Model):
    """One weekly solver run for a scope (all municipalities, or one).

    A busy run (queued or running) is unique per week and scope (index below); the job that
    runs it writes `heartbeat_at` while it works, so a run whose server died is recognised and
    marked failed. Confirming is one conditional update from done to confirmed."""

    __tablename__ = "matching_runs"
    __table_args__ = (
        sa.CheckConstraint("progress BETWEEN 0 AND 100", name="progress_range"),
        sa.CheckConstraint("scope = coalesce(municipality_id, 0)", name="scope_is_municipality"),
        sa.Index(  # one queued or running run per week and scope
            "uq_matching_runs_busy_scope",
            "week_start",
            "scope",
            unique=True,
            sqlite_where=sa.text("status IN ('queued', 'running')"),
            postgresql_where=sa.text("status IN ('queued', 'running')"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    municipality_id: Mapped[int | None] = mapped_column(sa.ForeignKey("municipalities.id"))
    scope: Mapped[int] = mapped_column(default=_scope_of)  # the municipality, 0 for all
    week_start: Mapped[date] = mapped_column(index=True)
    status: Mapped[RunStatus] = mapped_column(
        enum_column(RunStatus, "run_status"), default=RunStatus.QUEUED
    )
    progress: Mapped[int] = mapped_column(default=0)
    figures: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    error: Mapped[str] = mapped_column(sa.Text, default="")
    started_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    started_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    heartbeat_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    worker: Mapped[str] = mapped_column(sa.String(120), default="")  # host:pid running it
    confirmed_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    confirmed_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))

    municipality: Mapped[Municipality | None] = relationship()
    started_by: Mapped[User | None] = relationship(foreign_keys=[started_by_id])
    confirmed_by: Mapped[User | None] = relationship(foreign_keys=[confirmed_by_id])


class Match(db.Model):
    """A participant with a placement (its day-parts) or with a volunteer (one day-part)."""

    __tablename__ = "matches"
    __table_args__ = (
        sa.CheckConstraint(
            "(kind = 'placement' AND placement_id IS NOT NULL AND volunteer_id IS NULL)"
            " OR (kind <> 'placement' AND volunteer_id IS NOT NULL AND placement_id IS NULL)",
            name="target_matches_kind",
        ),
        sa.CheckConstraint(f"dayparts > 0 AND dayparts {AVAILABILITY_CHECK}", name="dayparts"),
        sa.CheckConstraint("ends_on IS NULL OR ends_on >= starts_on", name="period_order"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(sa.ForeignKey("participants.id"), index=True)
    kind: Mapped[MatchKind] = mapped_column(enum_column(MatchKind, "match_kind"))
    placement_id: Mapped[int | None] = mapped_column(sa.ForeignKey("placements.id"), index=True)
    volunteer_id: Mapped[int | None] = mapped_column(sa.ForeignKey("volunteers.id"), index=True)
    dayparts: Mapped[int]
    status: Mapped[MatchStatus] = mapped_column(
        enum_column(MatchStatus, "match_status"), default=MatchStatus.PROPOSED, index=True
    )
    pinned: Mapped[bool] = mapped_column(default=False)
    source: Mapped[MatchSource] = mapped_column(
        enum_column(MatchSource, "match_source"), default=MatchSource.MANUAL
    )
    run_id: Mapped[int | None] = mapped_column(sa.ForeignKey("matching_runs.id"), index=True)
    reasons: Mapped[list] = mapped_column(sa.JSON, default=list)
    starts_on: Mapped[date]
    ends_on: Mapped[date | None]
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)

    participant: Mapped[Participant] = relationship()
    placement: Mapped[Placement | None] = relationship()
    volunteer: Mapped[Volunteer | None] = relationship()
    run: Mapped[MatchingRun | None] = relationship()

    @classmethod
    def counts_on(cls, day: date):
        """The one rule for "this match counts on `day`": confirmed (active, or ended with a
        last day) and `day` falls from its first through its last day, both inclusive. A
        confirmation ends a match the day before the run's week, so it counts until then."""
        return sa.and_(
            cls.status.in_((MatchStatus.ACTIVE, MatchStatus.ENDED)),
            cls.starts_on <= day,
            cls.ends_on.is_(None) | (cls.ends_on >= day),
        )


class HoursEntry(db.Model):
    """Hours of one activity on one day; corrections supersede, they never overwrite."""

    __tablename__ = "hours_entries"
    __table_args__ = (
        sa.CheckConstraint(bounds.DAY_HOURS.sql("hours"), name="hours_range"),
        sa.Index("ix_hours_entries_participant_date", "participant_id", "entry_date"),
        # Counted hours per participant (week_hours.counted_totals) read from the index alone:
        # at 5,000 participants and 94,000 entries a third of the time of a table scan.
        sa.Index(
            "ix_hours_entries_counted",
            "participant_id",
            "status",
            "counts_toward_target",
            "absence_kind",
            "hours",
        ),
        # Entries awaiting approval (a few among many): the approvals page and the caseload's
        # count read them from this small index instead of scanning every entry.
        sa.Index(
            "ix_hours_entries_awaiting",
            "participant_id",
            sqlite_where=sa.text("status = 'submitted'"),
            postgresql_where=sa.text("status = 'submitted'"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(sa.ForeignKey("participants.id"))
    entry_date: Mapped[date]
    activity_kind: Mapped[ActivityKind] = mapped_column(enum_column(ActivityKind, "activity_kind"))
    hours: Mapped[float]
    counts_toward_target: Mapped[bool]
    status: Mapped[HoursStatus] = mapped_column(
        enum_column(HoursStatus, "hours_status"), default=HoursStatus.SUBMITTED
    )
    absence_kind: Mapped[AbsenceKind | None] = mapped_column(
        enum_column(AbsenceKind, "absence_kind")
    )
    match_id: Mapped[int | None] = mapped_column(sa.ForeignKey("matches.id"))
    supersedes_id: Mapped[int | None] = mapped_column(sa.ForeignKey("hours_entries.id"))
    entered_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    approved_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    decided_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    decision_reason: Mapped[str] = mapped_column(sa.String(300), default="")
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)

    participant: Mapped[Participant] = relationship()
    entered_by: Mapped[User | None] = relationship(foreign_keys=[entered_by_id])
    approved_by: Mapped[User | None] = relationship(foreign_keys=[approved_by_id])


class AuditEvent(db.Model):
    """Who did what to which record, when; field names only, never sensitive values."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    action: Mapped[str] = mapped_column(sa.String(20))
    entity: Mapped[str] = mapped_column(sa.String(40))
    entity_id: Mapped[int | None]
    fields: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    result: Mapped[str] = mapped_column(sa.String(10), default="done")  # done / refused
    origin: Mapped[str] = mapped_column(sa.String(64), default="")  # as AUDIT_ORIGIN says
    seq: Mapped[int] = mapped_column(unique=True)  # place in the hash chain, from 1
    prev_hash: Mapped[str] = mapped_column(sa.String(64), default="")
    hash: Mapped[str] = mapped_column(sa.String(64), default="")

    actor: Mapped[User | None] = relationship()


class AuditChainHead(db.Model):
    """The end of the audit hash chain: one row, locked by every append (services/audit.py)."""

    __tablename__ = "audit_chain_head"
    __table_args__ = (sa.CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    events: Mapped[int] = mapped_column(default=0)
    last_hash: Mapped[str] = mapped_column(sa.String(64))


class AuditVerification(db.Model):
    """One check of the audit chain (`matcher audit verify` or the admin's button)."""

    __tablename__ = "audit_verifications"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow, index=True)
    intact: Mapped[bool]
    events: Mapped[int]
    broken_seq: Mapped[int | None]  # the first event whose link does not hold
    problem: Mapped[str] = mapped_column(sa.String(40), default="")
    checked_by: Mapped[str] = mapped_column(sa.String(20))  # cli / admin
