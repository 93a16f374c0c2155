"""one-time account links (invitations, password resets), calendar feeds and meeting reminders

Revision ID: 0020_invitations
Revises: 0019_scenario_changes
Create Date: 2026-12-02 15:00:00

"""
import sqlalchemy as sa
from alembic import op

revision = "0020_invitations"
down_revision = "0019_scenario_changes"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "account_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column(
            "purpose",
            sa.Enum(
                "invitation", "reset",
                name="link_purpose", native_enum=False, create_constraint=True, length=10,
            ),
            nullable=False,
        ),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.CheckConstraint("expires_at > created_at", name=op.f("ck_account_links_expires_after_created")),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_account_links_user_id_users"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["created_by_id"], ["users.id"], name=op.f("fk_account_links_created_by_id_users"), ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_account_links")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_account_links_token_hash")),
    )
    op.create_index(op.f("ix_account_links_user_id"), "account_links", ["user_id"])
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("calendar_token", sa.String(length=64), nullable=True))
        batch.add_column(
            sa.Column("wants_reminders", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        batch.create_unique_constraint(op.f("uq_users_calendar_token"), ["calendar_token"])
    op.create_table(
        "meeting_reminders",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("match_id", sa.Integer(), nullable=False),
        sa.Column("meets_on", sa.Date(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_meeting_reminders_user_id_users"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["match_id"], ["matches.id"], name=op.f("fk_meeting_reminders_match_id_matches"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_reminders")),
        sa.UniqueConstraint("user_id", "match_id", "meets_on", name=op.f("uq_meeting_reminders_user_id")),
    )
    op.create_index(op.f("ix_meeting_reminders_user_id"), "meeting_reminders", ["user_id"])


def downgrade():
    op.drop_index(op.f("ix_meeting_reminders_user_id"), table_name="meeting_reminders")
    op.drop_table("meeting_reminders")
    with op.batch_alter_table("users") as batch:
        batch.drop_constraint(op.f("uq_users_calendar_token"), type_="unique")
        batch.drop_column("wants_reminders")
        batch.drop_column("calendar_token")
    op.drop_index(op.f("ix_account_links_user_id"), table_name="account_links")
    op.drop_table("account_links")
