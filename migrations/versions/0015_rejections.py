"""rejected proposals are remembered

A rejected proposal becomes a standing rejection of that pairing (participant with a placement
or a volunteer) that later runs respect (rule R8, `forbidden`) until a coordinator lifts it; a
proposal that changes a running match's day-parts names the match it replaces.

Revision ID: 0015_rejections
Revises: 0014_scenarios
Create Date: 2026-12-02 07:00:00

"""
import sqlalchemy as sa
from alembic import op

revision = "0015_rejections"
down_revision = "0014_scenarios"
branch_labels = None
depends_on = None

STANDING = sa.text("lifted_at IS NULL")


def upgrade():
    op.create_table(
        "match_rejections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "placement", "taalmaatje", "buddy",
                name="rejection_kind", native_enum=False, create_constraint=True, length=10,
            ),
            nullable=False,
        ),
        sa.Column("placement_id", sa.Integer(), nullable=True),
        sa.Column("volunteer_id", sa.Integer(), nullable=True),
        sa.Column("proposal_id", sa.Integer(), nullable=True),
        sa.Column("rejected_by_id", sa.Integer(), nullable=True),
        sa.Column("rejected_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("lifted_by_id", sa.Integer(), nullable=True),
        sa.Column("lifted_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "(placement_id IS NULL) <> (volunteer_id IS NULL)",
            name=op.f("ck_match_rejections_one_target"),
        ),
        sa.ForeignKeyConstraint(
            ["participant_id"], ["participants.id"],
            name=op.f("fk_match_rejections_participant_id_participants"), ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["placement_id"], ["placements.id"],
            name=op.f("fk_match_rejections_placement_id_placements"), ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["volunteer_id"], ["volunteers.id"],
            name=op.f("fk_match_rejections_volunteer_id_volunteers"), ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["proposal_id"], ["match_proposals.id"],
            name=op.f("fk_match_rejections_proposal_id_match_proposals"), ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["rejected_by_id"], ["users.id"], name=op.f("fk_match_rejections_rejected_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["lifted_by_id"], ["users.id"], name=op.f("fk_match_rejections_lifted_by_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_match_rejections")),
    )
    with op.batch_alter_table("match_rejections") as batch_op:
        batch_op.create_index(
            batch_op.f("ix_match_rejections_participant_id"), ["participant_id"], unique=False
        )
        for target in ("placement", "volunteer"):
            batch_op.create_index(
                f"uq_match_rejections_standing_{target}",
                ["participant_id", f"{target}_id"],
                unique=True,
                sqlite_where=STANDING,
                postgresql_where=STANDING,
            )
    with op.batch_alter_table("match_proposals") as batch_op:
        batch_op.add_column(sa.Column("replaces_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_match_proposals_replaces_id_matches"), "matches", ["replaces_id"], ["id"]
        )


def downgrade():
    with op.batch_alter_table("match_proposals") as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_match_proposals_replaces_id_matches"), type_="foreignkey"
        )
        batch_op.drop_column("replaces_id")
    op.drop_table("match_rejections")
