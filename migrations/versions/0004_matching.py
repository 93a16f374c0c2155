"""matching: proposals with their review, run outcomes, e-mail outbox

Revision ID: 0004_matching
Revises: 0003_hours
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_matching"
down_revision = "0003_hours"
branch_labels = None
depends_on = None


def _enum(name, *values):
    return sa.Enum(*values, name=name, native_enum=False, create_constraint=True)


def upgrade():
    op.create_table(
        "match_proposals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("match_id", sa.Integer(), nullable=False),
        sa.Column("action", _enum("proposal_action", "keep", "add", "end"), nullable=False),
        sa.Column(
            "decision",
            _enum("proposal_decision", "pending", "accepted", "rejected"),
            nullable=False,
        ),
        sa.Column("pinned", sa.Boolean(), nullable=False),
        sa.Column("reasons", sa.JSON(), nullable=False),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["run_id"], ["matching_runs.id"],
            name=op.f("fk_match_proposals_run_id_matching_runs"), ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["participant_id"], ["participants.id"],
            name=op.f("fk_match_proposals_participant_id_participants"),
        ),
        sa.ForeignKeyConstraint(
            ["match_id"], ["matches.id"], name=op.f("fk_match_proposals_match_id_matches")
        ),
        sa.ForeignKeyConstraint(
            ["decided_by_id"], ["users.id"], name=op.f("fk_match_proposals_decided_by_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_match_proposals")),
    )
    with op.batch_alter_table("match_proposals", schema=None) as batch_op:
        batch_op.create_index(
            "ix_match_proposals_run_participant", ["run_id", "participant_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_match_proposals_match_id"), ["match_id"], unique=False
        )
    op.create_table(
        "run_outcomes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("participation_hours", sa.Double(), nullable=False),
        sa.Column("support_hours", sa.Double(), nullable=False),
        sa.Column("required_hours", sa.Double(), nullable=False),
        sa.Column("meets_minimum", sa.Boolean(), nullable=False),
        sa.Column("changed", sa.Boolean(), nullable=False),
        sa.Column("reasons", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["run_id"], ["matching_runs.id"],
            name=op.f("fk_run_outcomes_run_id_matching_runs"), ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["participant_id"], ["participants.id"],
            name=op.f("fk_run_outcomes_participant_id_participants"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_run_outcomes")),
        sa.UniqueConstraint("run_id", "participant_id", name=op.f("uq_run_outcomes_run_id")),
    )
    with op.batch_alter_table("run_outcomes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_run_outcomes_participant_id"), ["participant_id"], unique=False
        )
    op.create_table(
        "outbox_messages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("to_address", sa.String(length=254), nullable=False),
        sa.Column("subject", sa.String(length=200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_error", sa.String(length=300), nullable=False),
        sa.ForeignKeyConstraint(
            ["run_id"], ["matching_runs.id"], name=op.f("fk_outbox_messages_run_id_matching_runs")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox_messages")),
    )
    with op.batch_alter_table("outbox_messages", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_outbox_messages_sent_at"), ["sent_at"], unique=False)


def downgrade():
    op.drop_table("outbox_messages")
    op.drop_table("run_outcomes")
    op.drop_table("match_proposals")
