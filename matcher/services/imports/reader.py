"""Reading an uploaded CSV or XLSX file into rows of text, refusing what is not a spreadsheet.

Every read is bounded (see limits.py): the upload's size, the rows (counted while streaming,
not after), each cell's length, the columns and the wall clock; XLSX archives are checked
before anything is unpacked (safe_zip.py, safe_xlsx.py). Text is decoded strictly: UTF-8 (with
or without BOM), UTF-16 with a BOM, or, for a file without a single UTF-8 sequence in it,
Windows-1252 (what Dutch Excel writes for "CSV (gescheiden door lijstscheidingsteken)"). A file
mixing UTF-8 with other bytes is refused naming the first line that does not decode.
"""

import codecs
import csv
import io
import re

from matcher.services.imports import limits, safe_xlsx
from matcher.services.imports.limits import MAX_BYTES, MAX_ROWS, Budget, ImportRefused

EXTENSIONS = ("csv", "xlsx")
CP1252 = "cp1252"
UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
    rb"|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)

__all__ = ["MAX_BYTES", "MAX_ROWS", "ImportRefused", "Table", "extension", "read_table"]


class Table(list):
    """The rows (header first); `encoding` says how a CSV file's text was decoded."""

    encoding: str | None = None


def extension(filename: str) -> str:
    """The lower-case extension of a file name ('' when none)."""
    return filename.rsplit(".", 1)[-1].lower() if "." in filename else ""


def read_table(data: bytes, filename: str) -> Table:
    """The rows of the first sheet (header first) as stripped text; ImportRefused otherwise."""
    kind = extension(filename)
    if kind not in EXTENSIONS:
        raise ImportRefused("wrong_extension")
    if len(data) > MAX_BYTES:
        raise ImportRefused("file_too_big")
    if not data.strip():
        raise ImportRefused("empty")
    budget = Budget()
    if kind == "xlsx":
        table = Table(safe_xlsx.read(data, budget))
    else:
        text, encoding = decode(data)
        table = Table(_read_csv(text, budget))
        table.encoding = encoding
    if not table:
        raise ImportRefused("empty")
    return table


def decode(data: bytes) -> tuple[str, str]:
    """The text of a CSV file and the encoding it was read in; ImportRefused when unsure."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16"), "utf-16"
    if b"\x00" in data[:4096]:
        raise ImportRefused("not_csv")
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError as error:
        if UTF8_SEQUENCE.search(data):
            raise ImportRefused("mixed_utf8", line=_line(data, error.start)) from error
    return _strict(data, CP1252), CP1252  # no UTF-8 at all: what Dutch Excel writes


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise ImportRefused("unknown_encoding", line=_line(data, error.start)) from error


def _line(data: bytes, position: int) -> int:
    """The line number (from 1) of a byte position."""
    return data.count(b"\n", 0, position) + 1


def _read_csv(text: str, budget: Budget) -> list[list[str]]:
    """The non-empty rows, stopping at the row limit; cells within the length limit."""
    first = next(iter(text[:65_536].splitlines()), "")
    delimiter = max((";", ",", "\t"), key=first.count)
    rows: list[list[str]] = []
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    number = 0
    try:
        for number, cells in enumerate(reader, start=1):
            if number % 256 == 0:
                budget.check()
            row = [cell.strip() for cell in cells]
            while row and not row[-1]:
                row.pop()
            if not row:
                continue
            _check_cells(row, number)
            rows.append(row)
            if len(rows) > MAX_ROWS + 1:
                raise limits.too_many_rows()
    except csv.Error as error:
        if "field larger than field limit" in str(error):
            raise limits.row_cell_too_long(number + 1) from error
        raise ImportRefused("csv_unreadable") from error
    return rows


def _check_cells(row: list[str], number: int) -> None:
    if len(row) > limits.MAX_COLUMNS:
        raise limits.too_many_columns(number)
    for column, cell in enumerate(row, start=1):
        if len(cell) > limits.MAX_CELL_CHARS:
            raise limits.cell_too_long(limits.cell_name(number, column))
