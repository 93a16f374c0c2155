"""Bounds on the work one uploaded file may cause, and the refusal (a code) for each bound."""

import time

from matcher.services.errors import DomainError

MAX_BYTES = 5 * 1024 * 1024  # the upload itself
MAX_ROWS = 10_000  # data rows, not counting the header
MAX_COLUMNS = 100  # a template has at most 19; room for a few notes
MAX_CELL_CHARS = 4_000  # twice the longest field (a description: 2,000), room for NFD text
PARSE_SECONDS = 4.0  # wall clock for reading one file, well inside gunicorn's 30 s


class ImportRefused(DomainError):
    """The file as a whole cannot be read; nothing was looked at row by row.

    `code` names the reason and `data` its numbers; matcher/web/imports/wording.py words it.
    """

    def __init__(self, code: str, **data):
        super().__init__(code)
        self.code, self.data = code, data


class Budget:
    """A deadline for reading one file; check() refuses the file once it has passed."""

    def __init__(self, seconds: float | None = None):
        self.seconds = PARSE_SECONDS if seconds is None else seconds
        self.deadline = time.monotonic() + self.seconds

    def check(self) -> None:
        if time.monotonic() > self.deadline:
            raise ImportRefused("too_slow", seconds=max(1, round(self.seconds)))


def too_many_rows() -> ImportRefused:
    return ImportRefused("too_many_rows", max=MAX_ROWS)


def too_many_columns(row: int) -> ImportRefused:
    return ImportRefused("too_many_columns", row=row, max=MAX_COLUMNS)


def cell_too_long(cell: str) -> ImportRefused:
    return ImportRefused("cell_too_long", cell=cell, max=MAX_CELL_CHARS)


def row_cell_too_long(row: int) -> ImportRefused:
    return ImportRefused("row_cell_too_long", row=row, max=MAX_CELL_CHARS)


def cell_name(row: int, column: int) -> str:
    """'B7' for row 7, column 2 (both counted from 1)."""
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return f"{letters}{row}"
