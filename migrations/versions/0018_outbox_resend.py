"""a coordinator's phone number, named in the match e-mails

Revision ID: 0018_outbox_resend
Revises: 0017_card_language
Create Date: 2026-12-02 08:00:00

"""
import sqlalchemy as sa
from alembic import op

revision = "0018_outbox_resend"
down_revision = "0017_card_language"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("users") as batch_op:
        batch_op.add_column(sa.Column("phone", sa.String(30), nullable=False, server_default=""))


def downgrade():
    with op.batch_alter_table("users") as batch_op:
        batch_op.drop_column("phone")
