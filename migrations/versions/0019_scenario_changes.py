"""scenario changes (reserved)

Revision ID: 0019_scenario_changes
Revises: 0018_outbox_resend
Create Date: 2026-12-02 08:00:00

"""
import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

revision = "0019_scenario_changes"
down_revision = "0018_outbox_resend"
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
