"""users: remember the time step of the last two-step code used, so no code is used twice

Revision ID: 0006_totp_replay
Revises: 0005_privacy
Create Date: 2026-11-22 14:20:00

"""
import sqlalchemy as sa
from alembic import op

revision = "0006_totp_replay"
down_revision = "0005_privacy"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("users") as batch_op:
        batch_op.add_column(sa.Column("totp_last_step", sa.Integer(), nullable=True))


def downgrade():
    with op.batch_alter_table("users") as batch_op:
        batch_op.drop_column("totp_last_step")
