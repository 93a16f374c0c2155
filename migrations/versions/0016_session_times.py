"""placement sessions with clock times

Revision ID: 0016_session_times
Revises: 0015_rejections
Create Date: 2026-12-02 08:00:00

"""
import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

revision = "0016_session_times"
down_revision = "0015_rejections"
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
