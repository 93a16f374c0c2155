"""matching runs and outbox: heartbeats, atomic transitions, failed messages

Revision ID: 0009_runs_outbox
Revises: 0008_sessions
Create Date: 2026-12-02 06:30:00

"""
import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

revision = "0009_runs_outbox"
down_revision = "0008_sessions"
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
