"""matching runs and outbox: heartbeats, atomic transitions, failed messages

Revision ID: 0009_runs_outbox
Revises: 0008_sessions
Create Date: 2026-12-02 06:30:00

"""
import sqlalchemy as sa
from alembic import op

revision = "0009_runs_outbox"
down_revision = "0008_sessions"
branch_labels = None
depends_on = None

BUSY = "status IN ('queued', 'running')"
OUTBOX_STATUSES = ("pending", "sending", "sent", "failed")


def upgrade():
    with op.batch_alter_table("matching_runs", schema=None) as batch_op:
        batch_op.add_column(sa.Column("scope", sa.Integer(), nullable=False, server_default="0"))
        batch_op.add_column(sa.Column("heartbeat_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(
            sa.Column("worker", sa.String(length=120), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("confirmed_by_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("confirmed_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_matching_runs_confirmed_by_id_users"),
            "users",
            ["confirmed_by_id"],
            ["id"],
        )
    op.execute("UPDATE matching_runs SET scope = coalesce(municipality_id, 0)")
    # Before the index: of two busy runs for one scope and week only the newest stays busy.
    op.execute(
        "UPDATE matching_runs SET status = 'failed', error = 'server_stopped'"
        f" WHERE {BUSY} AND EXISTS (SELECT 1 FROM matching_runs newer"
        " WHERE newer.week_start = matching_runs.week_start AND newer.scope = matching_runs.scope"
        " AND newer.status IN ('queued', 'running') AND newer.id > matching_runs.id)"
    )
    with op.batch_alter_table("matching_runs", schema=None) as batch_op:
        batch_op.alter_column("scope", server_default=None)
        batch_op.alter_column("worker", server_default=None)
        batch_op.create_check_constraint(
            "scope_is_municipality", "scope = coalesce(municipality_id, 0)"
        )
        batch_op.create_index(
            "uq_matching_runs_busy_scope",
            ["week_start", "scope"],
            unique=True,
            sqlite_where=sa.text(BUSY),
            postgresql_where=sa.text(BUSY),
        )

    with op.batch_alter_table("match_proposals", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("version", sa.Integer(), nullable=False, server_default="0")
        )
    with op.batch_alter_table("match_proposals", schema=None) as batch_op:
        batch_op.alter_column("version", server_default=None)

    with op.batch_alter_table("outbox_messages", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "status",
                sa.Enum(*OUTBOX_STATUSES, name="outbox_status", native_enum=False, length=7),
                nullable=False,
                server_default="pending",
            )
        )
        batch_op.add_column(sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=True))
    op.execute("UPDATE outbox_messages SET status = 'sent' WHERE sent_at IS NOT NULL")
    op.execute(  # the old sender stopped after 12 attempts without saying so
        "UPDATE outbox_messages SET status = 'failed' WHERE sent_at IS NULL AND attempts >= 12"
    )
    with op.batch_alter_table("outbox_messages", schema=None) as batch_op:
        batch_op.alter_column("status", server_default=None)
        batch_op.create_check_constraint(
            "outbox_status", "status IN ('pending', 'sending', 'sent', 'failed')"
        )
        batch_op.create_index(
            "ix_outbox_messages_status_due", ["status", "next_attempt_at"], unique=False
        )


def downgrade():
    with op.batch_alter_table("outbox_messages", schema=None) as batch_op:
        batch_op.drop_index("ix_outbox_messages_status_due")
        batch_op.drop_constraint(batch_op.f("ck_outbox_messages_outbox_status"), type_="check")
        batch_op.drop_column("claimed_at")
        batch_op.drop_column("status")
    with op.batch_alter_table("match_proposals", schema=None) as batch_op:
        batch_op.drop_column("version")
    with op.batch_alter_table("matching_runs", schema=None) as batch_op:
        batch_op.drop_index("uq_matching_runs_busy_scope")
        batch_op.drop_constraint(
            batch_op.f("ck_matching_runs_scope_is_municipality"), type_="check"
        )
        batch_op.drop_constraint(
            batch_op.f("fk_matching_runs_confirmed_by_id_users"), type_="foreignkey"
        )
        batch_op.drop_column("confirmed_at")
        batch_op.drop_column("confirmed_by_id")
        batch_op.drop_column("worker")
        batch_op.drop_column("heartbeat_at")
        batch_op.drop_column("scope")
