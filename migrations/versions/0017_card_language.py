"""the participant's language for the week card

The week card (weekkaart) shows its labels in Dutch and, beside them, in the participant's
first language when matcher has a card catalogue for it: an ISO 639 code, optional.

Revision ID: 0017_card_language
Revises: 0016_session_times
Create Date: 2026-12-02 08:00:00

"""
import sqlalchemy as sa
from alembic import op

revision = "0017_card_language"
down_revision = "0016_session_times"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("participants") as batch_op:
        batch_op.add_column(sa.Column("card_language", sa.String(3), nullable=True))


def downgrade():
    with op.batch_alter_table("participants") as batch_op:
        batch_op.drop_column("card_language")
