"""recruitment advice: what-if scenarios

Revision ID: 0014_scenarios
Revises: 0013_audit_chain
Create Date: 2026-12-02 07:00:00

"""
import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

revision = "0014_scenarios"
down_revision = "0013_audit_chain"
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
