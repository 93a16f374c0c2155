"""Weekly matching: the reviewable changes of a run, and the e-mail outbox."""

import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from matcher.extensions import db
from matcher.models.activity import Match, MatchingRun
from matcher.models.enums import MatchKind, enum_column
from matcher.models.people import Participant, User, utcnow
from matcher.models.registry import Placement, Volunteer


class ProposalAction(enum.StrEnum):
    KEEP = "keep"  # a running match the plan keeps
    ADD = "add"  # a new match (its Match row has status proposed)
    END = "end"  # a running match the plan drops


class Decision(enum.StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


class OutboxStatus(enum.StrEnum):
    PENDING = "pending"  # waits for its (next) attempt
    SENDING = "sending"  # claimed by a sender, which is talking to the mail server
    SENT = "sent"
    FAILED = "failed"  # past its last attempt: nobody sends it any more


class MatchProposal(db.Model):
    """One change (or non-change) a run proposes for one participant, with its review."""

    __tablename__ = "match_proposals"
    __table_args__ = (sa.Index("ix_match_proposals_run_participant", "run_id", "participant_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(sa.ForeignKey("matching_runs.id", ondelete="CASCADE"))
    participant_id: Mapped[int] = mapped_column(sa.ForeignKey("participants.id"))
    match_id: Mapped[int] = mapped_column(sa.ForeignKey("matches.id"), index=True)
    action: Mapped[ProposalAction] = mapped_column(enum_column(ProposalAction, "proposal_action"))
    decision: Mapped[Decision] = mapped_column(
        enum_column(Decision, "proposal_decision"), default=Decision.PENDING
    )
    pinned: Mapped[bool] = mapped_column(default=False)
    reasons: Mapped[list] = mapped_column(sa.JSON, default=list)
    decided_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    decided_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    version: Mapped[int] = mapped_column(default=0)  # raised by every decision
    # An added match that changes the day-parts of this running one (one "gewijzigd" row):
    # accepted, the running match ends and the new one starts; rejected, the running one stays.
    replaces_id: Mapped[int | None] = mapped_column(sa.ForeignKey("matches.id"))

    run: Mapped[MatchingRun] = relationship()
    participant: Mapped[Participant] = relationship()
    match: Mapped[Match] = relationship(foreign_keys=[match_id])
    replaces: Mapped[Match | None] = relationship(foreign_keys=[replaces_id])
    decided_by: Mapped[User | None] = relationship()


class MatchRejection(db.Model):
    """A pairing the coordinator rejected: later runs do not propose this placement or volunteer
    for this participant (rule R8, `forbidden`) until the rejection is lifted."""

    __tablename__ = "match_rejections"
    __table_args__ = (
        sa.CheckConstraint("(placement_id IS NULL) <> (volunteer_id IS NULL)", name="one_target"),
        # At most one standing rejection per pairing (NULLs differ: one index per target).
        *(
            sa.Index(
                f"uq_match_rejections_standing_{target}",
                "participant_id",
                f"{target}_id",
                unique=True,
                sqlite_where=sa.text("lifted_at IS NULL"),
                postgresql_where=sa.text("lifted_at IS NULL"),
            )
            for target in ("placement", "volunteer")
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(
        sa.ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[MatchKind] = mapped_column(enum_column(MatchKind, "rejection_kind"))
    placement_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("placements.id", ondelete="CASCADE")
    )
    volunteer_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("volunteers.id", ondelete="CASCADE")
    )
    proposal_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("match_proposals.id", ondelete="SET NULL")
    )
    rejected_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    rejected_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)
    lifted_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    lifted_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))

    participant: Mapped[Participant] = relationship()
    placement: Mapped["Placement | None"] = relationship()
    volunteer: Mapped["Volunteer | None"] = relationship()
    rejected_by: Mapped[User | None] = relationship(foreign_keys=[rejected_by_id])
    lifted_by: Mapped[User | None] = relationship(foreign_keys=[lifted_by_id])


class ParticipantOutcomeRow(db.Model):
    """A run's outcome for one participant: planned hours and reason codes for any miss."""

    __tablename__ = "run_outcomes"
    __table_args__ = (sa.UniqueConstraint("run_id", "participant_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(sa.ForeignKey("matching_runs.id", ondelete="CASCADE"))
    participant_id: Mapped[int] = mapped_column(sa.ForeignKey("participants.id"), index=True)
    participation_hours: Mapped[float]
    support_hours: Mapped[float]
    required_hours: Mapped[float]
    meets_minimum: Mapped[bool]
    changed: Mapped[bool] = mapped_column(default=False)
    reasons: Mapped[list] = mapped_column(sa.JSON, default=list)

    participant: Mapped[Participant] = relationship()


class OutboxMessage(db.Model):
    """An e-mail waiting to be sent (or sent); nothing is lost while the mail server is down.

    A sender claims a message (pending to sending) before it talks to the mail server, so two
    senders never send one message twice; after its last attempt a message is failed."""

    __tablename__ = "outbox_messages"
    __table_args__ = (sa.Index("ix_outbox_messages_status_due", "status", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    to_address: Mapped[str] = mapped_column(sa.String(254))
    subject: Mapped[str] = mapped_column(sa.String(200))
    body: Mapped[str] = mapped_column(sa.Text)
    run_id: Mapped[int | None] = mapped_column(sa.ForeignKey("matching_runs.id"))
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True), index=True)
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)
    last_error: Mapped[str] = mapped_column(sa.String(300), default="")
    status: Mapped[OutboxStatus] = mapped_column(
        enum_column(OutboxStatus, "outbox_status"), default=OutboxStatus.PENDING
    )
    claimed_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
