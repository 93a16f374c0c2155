"""audit events with result, origin and a hash chain

Every audit event gets a result (done / refused), an origin (the client address as
MATCHER_AUDIT_ORIGIN says) and its place in a SHA-256 hash chain: each event's hash covers its
fields and the previous event's hash. Existing events are chained here in id order (the
PostgreSQL append-only trigger is paused for that one backfill). audit_chain_head holds the end
of the chain (one row, locked by each append); audit_verifications keeps each check's result.

Revision ID: 0013_audit_chain
Revises: 0012_rules
Create Date: 2026-12-02 07:00:00

"""

import hashlib
import json
from datetime import UTC

import sqlalchemy as sa
from alembic import op

revision = "0013_audit_chain"
down_revision = "0012_rules"
branch_labels = None
depends_on = None

GENESIS = "0" * 64
TEXT_COLUMNS = [("result", 10, "done"), ("origin", 64, ""), ("prev_hash", 64, ""), ("hash", 64, "")]


def _event_hash(seq, at, actor_id, action, entity, entity_id, fields, result, origin, prev):
    """A snapshot of services/audit.py's event_hash (a migration does not import the app)."""
    if at.tzinfo is None:
        at = at.replace(tzinfo=UTC)
    body = [
        seq,
        at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
        actor_id,
        action,
        entity,
        entity_id,
        sorted(fields or []),
        result,
        origin,
        prev,
    ]
    text = json.dumps(body, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def upgrade():
    with op.batch_alter_table("audit_events") as batch_op:
        batch_op.add_column(
            sa.Column("result", sa.String(10), nullable=False, server_default="done")
        )
        batch_op.add_column(sa.Column("origin", sa.String(64), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("seq", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("prev_hash", sa.String(64), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("hash", sa.String(64), nullable=False, server_default=""))
        batch_op.create_unique_constraint(batch_op.f("uq_audit_events_seq"), ["seq"])
    op.create_table(
        "audit_chain_head",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("events", sa.Integer(), nullable=False),
        sa.Column("last_hash", sa.String(64), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_audit_chain_head_single_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_chain_head")),
    )
    op.create_table(
        "audit_verifications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("intact", sa.Boolean(), nullable=False),
        sa.Column("events", sa.Integer(), nullable=False),
        sa.Column("broken_seq", sa.Integer(), nullable=True),
        sa.Column("problem", sa.String(40), nullable=False),
        sa.Column("checked_by", sa.String(20), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_verifications")),
    )
    with op.batch_alter_table("audit_verifications") as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_verifications_at"), ["at"], unique=False)
    _chain_existing_events()


def _chain_existing_events():
    bind = op.get_bind()
    postgresql = bind.dialect.name == "postgresql"
    events = sa.table(
        "audit_events",
        *(sa.column(n) for n in ("id", "at", "actor_id", "action", "entity", "entity_id")),
        sa.column("fields", sa.JSON),
        *(sa.column(n) for n in ("result", "origin", "seq", "prev_hash", "hash")),
    )
    rows = bind.execute(sa.select(events).order_by(events.c.id)).all()
    if postgresql and rows:
        op.execute("ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only")
    prev = GENESIS
    for seq, row in enumerate(rows, start=1):
        digest = _event_hash(
            seq, row.at, row.actor_id, row.action, row.entity, row.entity_id,
            row.fields, row.result, row.origin, prev,
        )  # fmt: skip
        bind.execute(
            events.update()
            .where(events.c.id == row.id)
            .values(seq=seq, prev_hash=prev, hash=digest)
        )
        prev = digest
    if postgresql and rows:
        op.execute("ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only")
    with op.batch_alter_table("audit_events") as batch_op:
        batch_op.alter_column("seq", existing_type=sa.Integer(), nullable=False)
    head = sa.table(
        "audit_chain_head", sa.column("id"), sa.column("events"), sa.column("last_hash")
    )
    bind.execute(head.insert().values(id=1, events=len(rows), last_hash=prev))


def downgrade():
    op.drop_table("audit_verifications")
    op.drop_table("audit_chain_head")
    bind = op.get_bind()
    postgresql = bind.dialect.name == "postgresql"
    if postgresql:
        op.execute("ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only")
    with op.batch_alter_table("audit_events") as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_audit_events_seq"), type_="unique")
        for name in ("hash", "prev_hash", "seq", "origin", "result"):
            batch_op.drop_column(name)
    if postgresql:
        op.execute("ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only")
