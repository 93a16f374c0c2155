"""normalised search columns

Revision ID: 0011_search
Revises: 0010_versions
Create Date: 2026-12-02 06:30:00

"""
import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

revision = "0011_search"
down_revision = "0010_versions"
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
