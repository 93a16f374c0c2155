"""audit events with result, origin and a hash chain

Revision ID: 0013_audit_chain
Revises: 0012_rules
Create Date: 2026-12-02 07:00:00

"""
import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

revision = "0013_audit_chain"
down_revision = "0012_rules"
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
