"""registry: PDOK geocoding cache

Revision ID: 0002_registry
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002_registry"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "geocode_cache",
        sa.Column("postcode", sa.String(length=6), nullable=False),
        sa.Column("lat", sa.Double(), nullable=True),
        sa.Column("lon", sa.Double(), nullable=True),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.Column("fetched_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "(lat IS NULL AND lon IS NULL)"
            " OR (lat BETWEEN -90 AND 90 AND lon BETWEEN -180 AND 180)",
            name=op.f("ck_geocode_cache_coords"),
        ),
        sa.PrimaryKeyConstraint("postcode", name=op.f("pk_geocode_cache")),
    )


def downgrade():
    op.drop_table("geocode_cache")
