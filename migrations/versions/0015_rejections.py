"""rejected proposals are remembered

Revision ID: 0015_rejections
Revises: 0014_scenarios
Create Date: 2026-12-02 07:00:00

"""
import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

revision = "0015_rejections"
down_revision = "0014_scenarios"
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
