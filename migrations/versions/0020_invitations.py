"""invitations and password reset (reserved)

Revision ID: 0020_invitations
Revises: 0019_scenario_changes
Create Date: 2026-12-02 08:00:00

"""
import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

revision = "0020_invitations"
down_revision = "0019_scenario_changes"
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
