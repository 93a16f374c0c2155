"""reserved for the one-owner-per-rule work

Revision ID: 0012_rules
Revises: 0011_search
Create Date: 2026-12-02 06:30:00

"""
import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

revision = "0012_rules"
down_revision = "0011_search"
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
