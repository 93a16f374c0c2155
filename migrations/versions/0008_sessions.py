"""sessions and login: per-user session tokens, atomic lockout counters

Revision ID: 0008_sessions
Revises: 0007_login_throttles
Create Date: 2026-12-02 06:30:00

"""
import secrets

import sqlalchemy as sa
from alembic import op

revision = "0008_sessions"
down_revision = "0007_login_throttles"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("session_token", sa.String(length=64), nullable=True))
    users = sa.table("users", sa.column("id", sa.Integer), sa.column("session_token", sa.String))
    connection = op.get_bind()
    for (user_id,) in connection.execute(sa.select(users.c.id)).all():
        connection.execute(
            users.update()
            .where(users.c.id == user_id)
            .values(session_token=secrets.token_urlsafe(32))  # every account its own token
        )
    with op.batch_alter_table("users") as batch:
        batch.alter_column("session_token", existing_type=sa.String(length=64), nullable=False)


def downgrade():
    with op.batch_alter_table("users") as batch:
        batch.drop_column("session_token")
