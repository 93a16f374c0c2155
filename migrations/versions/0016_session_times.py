"""placement sessions with clock times

A session gets a start and an end time (issue 13). Existing sessions are given their day-part's
usual start (ochtend 09:00, middag 13:30, avond 19:00) and end that many hours later; a session
that would run past 23:59 starts earlier, inside its day-part, and ends at 23:59 at the latest
(its hours then follow from those times). Then both columns are required, and the database
checks that a session ends after it starts and starts inside its day-part. The values are
written out (a migration is a snapshot of matcher/dayparts.py as it was).

Revision ID: 0016_session_times
Revises: 0015_rejections
Create Date: 2026-12-02 08:00:00

"""
from datetime import time

import sqlalchemy as sa
from alembic import op

revision = "0016_session_times"
down_revision = "0015_rejections"
branch_labels = None
depends_on = None

TABLE = "placement_sessions"
STARTS = {"am": (0, 9 * 60), "pm": (12 * 60, 13 * 60 + 30), "ev": (18 * 60, 19 * 60)}
LATEST_END = 23 * 60 + 59
TIMES_ORDER = "ends_at > starts_at"
TIMES_WINDOW = (
    "(substr(daypart, 5, 2) = 'am' AND starts_at >= '00:00:00' AND starts_at < '12:00:00')"
    " OR (substr(daypart, 5, 2) = 'pm' AND starts_at >= '12:00:00' AND starts_at < '18:00:00')"
    " OR (substr(daypart, 5, 2) = 'ev' AND starts_at >= '18:00:00')"
)


def _times(daypart: str, hours: float) -> tuple[time, time]:
    low, usual = STARTS[daypart[-2:]]
    length = round(hours * 60)
    start = max(low, min(usual, LATEST_END - length))
    end = min(start + length, LATEST_END)
    return time(start // 60, start % 60), time(end // 60, end % 60)


def upgrade():
    with op.batch_alter_table(TABLE) as batch_op:
        batch_op.add_column(sa.Column("starts_at", sa.Time(), nullable=True))
        batch_op.add_column(sa.Column("ends_at", sa.Time(), nullable=True))
    sessions = sa.table(
        TABLE,
        sa.column("id", sa.Integer),
        sa.column("daypart", sa.String),
        sa.column("hours", sa.Float),
        sa.column("starts_at", sa.Time),
        sa.column("ends_at", sa.Time),
    )
    connection = op.get_bind()
    rows = connection.execute(sa.select(sessions.c.id, sessions.c.daypart, sessions.c.hours))
    for row in rows.all():
        starts, ends = _times(row.daypart, row.hours)
        hours = round(((ends.hour - starts.hour) * 60 + ends.minute - starts.minute) / 60, 4)
        connection.execute(
            sessions.update()
            .where(sessions.c.id == row.id)
            .values(starts_at=starts, ends_at=ends, hours=hours)
        )
    with op.batch_alter_table(TABLE) as batch_op:
        batch_op.alter_column("starts_at", existing_type=sa.Time(), nullable=False)
        batch_op.alter_column("ends_at", existing_type=sa.Time(), nullable=False)
        batch_op.create_check_constraint(op.f(f"ck_{TABLE}_times_order"), TIMES_ORDER)
        batch_op.create_check_constraint(op.f(f"ck_{TABLE}_times_daypart"), TIMES_WINDOW)


def downgrade():
    with op.batch_alter_table(TABLE) as batch_op:
        batch_op.drop_constraint(op.f(f"ck_{TABLE}_times_daypart"), type_="check")
        batch_op.drop_constraint(op.f(f"ck_{TABLE}_times_order"), type_="check")
        batch_op.drop_column("ends_at")
        batch_op.drop_column("starts_at")
