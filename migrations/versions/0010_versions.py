"""record versions and one-time form submission keys

Revision ID: 0010_versions
Revises: 0009_runs_outbox
Create Date: 2026-12-02 06:30:00

"""

import sqlalchemy as sa
from alembic import op

revision = "0010_versions"
down_revision = "0009_runs_outbox"
branch_labels = None
depends_on = None

VERSIONED_TABLES = ("users", "participants", "organisations", "placements", "volunteers")


def upgrade():
    for table in VERSIONED_TABLES:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
            batch.add_column(sa.Column("updated_at", sa.DateTime(timezone=True), nullable=True))
            batch.add_column(sa.Column("updated_by_id", sa.Integer(), nullable=True))
            batch.create_foreign_key(
                f"fk_{table}_updated_by_id_users",
                "users",
                ["updated_by_id"],
                ["id"],
                ondelete="SET NULL",
            )
    op.create_table(
        "form_submissions",
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("entity", sa.String(40), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name="fk_form_submissions_user_id_users",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("key", name="pk_form_submissions"),
    )
    op.create_index("ix_form_submissions_created_at", "form_submissions", ["created_at"])


def downgrade():
    op.drop_index("ix_form_submissions_created_at", table_name="form_submissions")
    op.drop_table("form_submissions")
    for table in reversed(VERSIONED_TABLES):
        with op.batch_alter_table(table) as batch:
            batch.drop_constraint(f"fk_{table}_updated_by_id_users", type_="foreignkey")
            batch.drop_column("updated_by_id")
            batch.drop_column("updated_at")
            batch.drop_column("version")
