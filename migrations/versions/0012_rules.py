"""one bound per profile number: the database checks match matcher/bounds.py

The load cap was checked as <= 40 here while every form, import and service said <= 20;
travel distance, places and capacities had no upper bound here. The values are written out
(a migration is a snapshot); tests/services/test_bounds.py checks that the database refuses
exactly what matcher/bounds.py refuses. Values above the new upper bounds, which only a direct
database write could have stored, are lowered to the bound first.

Revision ID: 0012_rules
Revises: 0011_search
Create Date: 2026-12-02 06:30:00

"""
import sqlalchemy as sa  # noqa: F401
from alembic import op

revision = "0012_rules"
down_revision = "0011_search"
branch_labels = None
depends_on = None

# table: [(old name, new name, old condition, new condition)]
CHANGES = {
    "participants": [
        (
            "max_hours_range",
            "max_hours_range",
            "max_hours_week > 0 AND max_hours_week <= 40",
            "max_hours_week > 0 AND max_hours_week <= 20",
        ),
        (
            "travel_km_positive",
            "travel_km_range",
            "travel_km > 0",
            "travel_km > 0 AND travel_km <= 200",
        ),
        (
            "hours_before_nonnegative",
            "hours_before_range",
            "hours_before >= 0",
            "hours_before >= 0 AND hours_before <= 1600",
        ),
    ],
    "volunteers": [
        (
            "capacity_nonnegative",
            "capacity_range",
            "capacity >= 0",
            "capacity >= 0 AND capacity <= 20",
        ),
        (
            "session_hours",
            "session_hours",
            "session_hours > 0 AND session_hours <= 8",
            "session_hours > 0 AND session_hours <= 8",
        ),
        (
            "travel_km_positive",
            "travel_km_range",
            "travel_km IS NULL OR travel_km > 0",
            "travel_km IS NULL OR (travel_km > 0 AND travel_km <= 200)",
        ),
    ],
    "placement_sessions": [
        (
            "hours_range",
            "hours_range",
            "hours > 0 AND hours <= 12",
            "hours > 0 AND hours <= 12",
        ),
        (
            "capacity_nonnegative",
            "capacity_range",
            "capacity >= 0",
            "capacity >= 0 AND capacity <= 1000",
        ),
    ],
    "hours_entries": [
        (
            "hours_range",
            "hours_range",
            "hours >= 0 AND hours <= 24",
            "hours >= 0 AND hours <= 12",
        ),
    ],
}
# Values above a new upper bound are lowered to it (the forms never allowed them).
CLAMPS = [
    ("participants", "max_hours_week", 20),
    ("participants", "travel_km", 200),
    ("participants", "hours_before", 1600),
    ("volunteers", "capacity", 20),
    ("volunteers", "travel_km", 200),
    ("placement_sessions", "capacity", 1000),
]


def _swap(table: str, old_index: int, new_index: int, condition_index: int) -> None:
    with op.batch_alter_table(table) as batch_op:
        for change in CHANGES[table]:
            batch_op.drop_constraint(op.f(f"ck_{table}_{change[old_index]}"), type_="check")
        for change in CHANGES[table]:
            batch_op.create_check_constraint(
                op.f(f"ck_{table}_{change[new_index]}"), change[condition_index]
            )


def upgrade():
    for table, column, high in CLAMPS:
        op.execute(
            f"UPDATE {table} SET {column} = {high} WHERE {column} > {high}"  # noqa: S608
        )
    for table in CHANGES:
        _swap(table, old_index=0, new_index=1, condition_index=3)


def downgrade():
    for table in CHANGES:
        _swap(table, old_index=1, new_index=0, condition_index=2)
