"""The search condition every list uses: each typed term occurs in a normalised search text."""

import sqlalchemy as sa
from sqlalchemy.sql.elements import ColumnElement

from matcher import text


def matching(query: str | None, *columns) -> ColumnElement[bool] | None:
    """A WHERE condition: every term of `query` occurs in (at least one of) `columns`.

    None for a blank query (no filter); a query of nothing searchable (only marks, spaces or
    apostrophes) finds nothing. Typed %, _ and \\ are matched literally.
    """
    if not query or not query.strip():
        return None
    words = text.terms(query)
    if not words:
        return sa.false()
    return sa.and_(
        *(
            sa.or_(*(column.like(text.like_pattern(word), escape="\\") for column in columns))
            for word in words
        )
    )


def filtered(select: sa.Select, query: str | None, *columns) -> sa.Select:
    """`select` narrowed to the rows whose search text holds every term of `query`."""
    condition = matching(query, *columns)
    return select if condition is None else select.where(condition)
