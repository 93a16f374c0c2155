"""record versions and one-time form submission keys

Revision ID: 0010_versions
Revises: 0009_runs_outbox
Create Date: 2026-12-02 06:30:00

"""
import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

revision = "0010_versions"
down_revision = "0009_runs_outbox"
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
