"""entries awaiting approval from a small partial index: the approvals page and the caseload count them

Revision ID: 0022_awaiting_hours_index
Revises: 0021_counted_hours_index
Create Date: 2026-12-04 03:10:00

"""
import sqlalchemy as sa
from alembic import op

revision = "0022_awaiting_hours_index"
down_revision = "0021_counted_hours_index"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("hours_entries", schema=None) as batch_op:
        batch_op.create_index(
            "ix_hours_entries_awaiting",
            ["participant_id"],
            unique=False,
            sqlite_where=sa.text("status = 'submitted'"),
            postgresql_where=sa.text("status = 'submitted'"),
        )


def downgrade():
    with op.batch_alter_table("hours_entries", schema=None) as batch_op:
        batch_op.drop_index("ix_hours_entries_awaiting")
