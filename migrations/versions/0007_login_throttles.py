"""login_throttles: failed logins for addresses without an account lock like real accounts

Revision ID: 0007_login_throttles
Revises: 0006_totp_replay
Create Date: 2026-11-22 14:50:00

"""
import sqlalchemy as sa
from alembic import op

revision = "0007_login_throttles"
down_revision = "0006_totp_replay"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "login_throttles",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("failures >= 0", name=op.f("ck_login_throttles_failures_nonnegative")),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_login_throttles")),
    )


def downgrade():
    op.drop_table("login_throttles")
