"""normalised search columns

Revision ID: 0011_search
Revises: 0010_versions
Create Date: 2026-12-02 06:30:00

"""
import sqlalchemy as sa
from alembic import op

from matcher.text import MAX_LENGTH, document

revision = "0011_search"
down_revision = "0010_versions"
branch_labels = None
depends_on = None

# table → (fields searched as written, postcode fields also searched unspaced); the same as
# matcher/models/search.py at the time of this migration.
SEARCHED = {
    "participants": (("first_name", "last_name"), ("postcode",)),
    "volunteers": (("first_name", "last_name"), ("postcode",)),
    "organisations": (("name", "contact_name"), ()),
    "placements": (("title",), ("postcode",)),
    "users": (("name", "email"), ()),
}
BATCH = 500


def upgrade():
    for name in SEARCHED:
        with op.batch_alter_table(name) as batch_op:
            batch_op.add_column(
                sa.Column(
                    "search_text", sa.String(length=MAX_LENGTH), server_default="", nullable=False
                )
            )
            batch_op.create_index(batch_op.f(f"ix_{name}_search_text"), ["search_text"])
    connection = op.get_bind()
    for name, (fields, postcodes) in SEARCHED.items():
        _backfill(connection, name, fields, postcodes)


def _backfill(connection, name, fields, postcodes):
    """Fill search_text from the rows' fields, BATCH rows at a time (keyset on id)."""
    columns = ("id", *fields, *postcodes)
    table = sa.table(name, *(sa.column(c) for c in (*columns, "search_text")))
    read = sa.select(*(table.c[c] for c in columns)).order_by(table.c.id).limit(BATCH)
    write = (
        sa.update(table)
        .where(table.c.id == sa.bindparam("row_id"))
        .values(search_text=sa.bindparam("text"))
    )
    last = 0
    while True:
        rows = connection.execute(read.where(table.c.id > last)).mappings().all()
        if not rows:
            return
        values = [
            {
                "row_id": row["id"],
                "text": document(
                    *(row[f] for f in fields), postcodes=tuple(row[p] for p in postcodes)
                ),
            }
            for row in rows
        ]
        connection.execute(write, values)
        last = rows[-1]["id"]


def downgrade():
    for name in SEARCHED:
        with op.batch_alter_table(name) as batch_op:
            batch_op.drop_index(batch_op.f(f"ix_{name}_search_text"))
            batch_op.drop_column("search_text")
