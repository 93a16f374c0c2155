"""the participant's language for the week card

Revision ID: 0017_card_language
Revises: 0016_session_times
Create Date: 2026-12-02 08:00:00

"""
import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

revision = "0017_card_language"
down_revision = "0016_session_times"
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
