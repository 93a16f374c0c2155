"""Bounds on the work one uploaded file may cause, and the Dutch messages for each bound."""

import time

from flask_babel import lazy_gettext as _l

from matcher.services.errors import DomainError

MAX_BYTES = 5 * 1024 * 1024  # the upload itself
MAX_ROWS = 10_000  # data rows, not counting the header
MAX_COLUMNS = 100  # a template has at most 19; room for a few notes
MAX_CELL_CHARS = 4_000  # twice the longest field (a description: 2,000), room for NFD text
PARSE_SECONDS = 4.0  # wall clock for reading one file, well inside gunicorn's 30 s


class ImportRefused(DomainError):
    """The file as a whole cannot be read; nothing was looked at row by row."""


class Budget:
    """A deadline for reading one file; check() refuses the file once it has passed."""

    def __init__(self, seconds: float | None = None):
        self.seconds = PARSE_SECONDS if seconds is None else seconds
        self.deadline = time.monotonic() + self.seconds

    def check(self) -> None:
        if time.monotonic() > self.deadline:
            raise ImportRefused(
                _l(
                    "Het lezen van dit bestand duurt te lang (meer dan %(seconds)d seconden). "
                    "Zet alleen de gegevens in een nieuw bestand en probeer het opnieuw.",
                    seconds=max(1, round(self.seconds)),
                )
            )


def too_many_rows() -> ImportRefused:
    return ImportRefused(_l("Het bestand heeft meer dan %(max)d rijen. Splits het.", max=MAX_ROWS))


def too_many_columns(row: int) -> ImportRefused:
    return ImportRefused(
        _l(
            "Rij %(row)d heeft gegevens in meer dan %(max)d kolommen. "
            "Gebruik alleen de kolommen van het sjabloon.",
            row=row,
            max=MAX_COLUMNS,
        )
    )


def cell_too_long(cell: str) -> ImportRefused:
    return ImportRefused(
        _l(
            "Cel %(cell)s bevat meer dan %(max)d tekens; zo lang is geen enkel veld. "
            "Maak de tekst korter.",
            cell=cell,
            max=MAX_CELL_CHARS,
        )
    )


def row_cell_too_long(row: int) -> ImportRefused:
    return ImportRefused(
        _l(
            "Rij %(row)d bevat een cel met meer dan %(max)d tekens; zo lang is geen enkel veld. "
            "Maak de tekst korter.",
            row=row,
            max=MAX_CELL_CHARS,
        )
    )


def cell_name(row: int, column: int) -> str:
    """'B7' for row 7, column 2 (both counted from 1)."""
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return f"{letters}{row}"
