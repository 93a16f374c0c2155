"""counted hours per participant from one index: the figures, lists and caseload sum them

Revision ID: 0021_counted_hours_index
Revises: 0020_invitations
Create Date: 2026-12-03 12:30:00

"""
from alembic import op

revision = "0021_counted_hours_index"
down_revision = "0020_invitations"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("hours_entries", schema=None) as batch_op:
        batch_op.create_index(
            "ix_hours_entries_counted",
            ["participant_id", "status", "counts_toward_target", "absence_kind", "hours"],
            unique=False,
        )


def downgrade():
    with op.batch_alter_table("hours_entries", schema=None) as batch_op:
        batch_op.drop_index("ix_hours_entries_counted")
