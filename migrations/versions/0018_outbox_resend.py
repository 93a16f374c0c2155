"""outbox and mail (reserved)

Revision ID: 0018_outbox_resend
Revises: 0017_card_language
Create Date: 2026-12-02 08:00:00

"""
import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

revision = "0018_outbox_resend"
down_revision = "0017_card_language"
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
