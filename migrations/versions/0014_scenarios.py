"""recruitment advice: advice runs and what-if scenarios

Revision ID: 0014_scenarios
Revises: 0013_audit_chain
Create Date: 2026-12-02 07:00:00

"""
import sqlalchemy as sa
from alembic import op

revision = "0014_scenarios"
down_revision = "0013_audit_chain"
branch_labels = None
depends_on = None

BUSY = "status IN ('queued', 'running')"


def upgrade():
    op.create_table(
        "advice_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("municipality_id", sa.Integer(), nullable=True),
        sa.Column("scope", sa.Integer(), nullable=False),
        sa.Column("week_start", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("error", sa.String(length=40), nullable=False),
        sa.Column("document", sa.JSON(), nullable=False),
        sa.Column("people", sa.JSON(), nullable=False),
        sa.Column("places", sa.JSON(), nullable=False),
        sa.Column("bottlenecks", sa.JSON(), nullable=False),
        sa.Column("started_by_id", sa.Integer(), nullable=True),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("heartbeat_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("worker", sa.String(length=120), nullable=False),
        sa.CheckConstraint(
            "status IN ('queued', 'running', 'done', 'failed')",
            name=op.f("ck_advice_runs_advice_status"),
        ),
        sa.ForeignKeyConstraint(
            ["municipality_id"],
            ["municipalities.id"],
            name=op.f("fk_advice_runs_municipality_id_municipalities"),
        ),
        sa.ForeignKeyConstraint(
            ["started_by_id"], ["users.id"], name=op.f("fk_advice_runs_started_by_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_advice_runs")),
    )
    with op.batch_alter_table("advice_runs", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_advice_runs_week_start"), ["week_start"])
        batch_op.create_index(
            "uq_advice_runs_busy_scope",
            ["week_start", "scope"],
            unique=True,
            sqlite_where=sa.text(BUSY),
            postgresql_where=sa.text(BUSY),
        )
    op.create_table(
        "scenarios",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("week_start", sa.Date(), nullable=False),
        sa.Column("changes", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("error", sa.String(length=40), nullable=False),
        sa.Column("outcome", sa.JSON(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("heartbeat_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("worker", sa.String(length=120), nullable=False),
        sa.CheckConstraint(
            "status IN ('draft', 'queued', 'running', 'done', 'failed')",
            name=op.f("ck_scenarios_scenario_status"),
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["users.id"], name=op.f("fk_scenarios_created_by_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_scenarios")),
    )


def downgrade():
    op.drop_table("scenarios")
    with op.batch_alter_table("advice_runs", schema=None) as batch_op:
        batch_op.drop_index("uq_advice_runs_busy_scope")
        batch_op.drop_index(batch_op.f("ix_advice_runs_week_start"))
    op.drop_table("advice_runs")
