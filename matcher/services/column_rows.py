"""Plain column rows for many records at once (the lists, figures and caseload)."""

from sqlalchemy import Select
from sqlalchemy.engine import Result

from matcher.extensions import db


def column_rows(statement: Select) -> Result:
    """`statement` (a SELECT of columns, no entities) executed like session.execute, pending
    changes flushed first, but read through the session's connection: the ORM's result layer
    adds about 40 % to reading 5,000 rows and gives nothing for plain columns
    (benchmarks/web_lists.py)."""
    db.session.flush()
    return db.session.connection().execute(statement)
