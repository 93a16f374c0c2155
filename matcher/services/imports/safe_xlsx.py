"""The first sheet of an XLSX file as rows of text, read with bounded work.

openpyxl is not used for reading: even in read-only mode it loads the whole shared-string
table, pads every row to the sheet's declared dimension (a 4.7 KB file declaring
A1:XFD1048576 makes a million rows of 16,384 cells) and keeps parsing rows it does not yield,
so no limit of ours could stop it. Here expat streams each part: no DTDs or entities, the
declared dimension is checked (but not trusted), rows stop at the row limit, each cell's text
at the cell limit, empty cells and rows cost nothing kept, and the whole read has a deadline.
"""

import contextlib
import re
from datetime import date, datetime

from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel

from matcher.services.imports import limits, safe_zip, xlsx_parts
from matcher.services.imports.limits import Budget, ImportRefused, cell_name
from matcher.services.imports.xlsx_parts import TOO_LONG, local, unescape
from matcher.services.imports.xml_stream import Stop, parse, stream

MAX_ROW_ELEMENTS = 10 * limits.MAX_ROWS  # rows, empty ones (with only formatting) included
DECLARED_ROWS = 2 * limits.MAX_ROWS  # a declared dimension may be somewhat larger than the data
DIGITS = re.compile(r"[0-9]{1,7}$")
CELL_REF = re.compile(r"([A-Z]{1,3})([0-9]{1,7})$")


def read(data: bytes, budget: Budget) -> list[list[str]]:
    """The non-empty rows of the first sheet, cells stripped; ImportRefused otherwise."""
    archive = safe_zip.open_archive(data)
    book = xlsx_parts.workbook(archive, budget)
    strings = xlsx_parts.shared_strings(archive, book["strings"], budget) if book["strings"] else []
    dates = xlsx_parts.date_styles(archive, book["styles"], budget) if book["styles"] else set()
    sheet = Sheet(strings, dates, CALENDAR_MAC_1904 if book["1904"] else CALENDAR_WINDOWS_1900)
    with contextlib.suppress(Stop):
        parse(stream(archive, book["sheet"], safe_zip.MAX_ENTRY_BYTES, budget), sheet)
    return sheet.rows


class Sheet:
    """expat handlers for a worksheet: keeps the non-empty rows, refuses what is out of bounds."""

    def __init__(self, strings: list, dates: set[str], epoch: datetime):
        self.strings, self.dates, self.epoch = strings, dates, epoch
        self.rows: list[list[str]] = []
        self.row_elements = 0
        self.row_number = 0
        self.cells: dict[int, str] = {}
        self.column = 0
        self.kind = self.style = None
        self.parts: list[str] = []
        self.length = 0
        self.collecting = self.in_inline = False
        self.phonetic = 0

    def start(self, tag: str, attrs: dict) -> None:
        name = local(tag)
        if name == "c":
            ref = CELL_REF.match(attrs.get("r", ""))
            self.column = _column(ref.group(1)) if ref else self.column + 1
            self.kind, self.style = attrs.get("t", "n"), attrs.get("s")
            self.parts, self.length = [], 0
        elif name == "v":
            self.collecting = not self.in_inline
        elif name == "t":
            self.collecting = self.in_inline and not self.phonetic
        elif name == "is":
            self.in_inline = True
        elif name == "rPh":
            self.phonetic += 1
        elif name == "row":
            self._start_row(attrs.get("r", ""))
        elif name == "dimension":
            _check_dimension(attrs.get("ref", ""))

    def end(self, tag: str) -> None:
        name = local(tag)
        if name in ("v", "t"):
            self.collecting = False
        elif name == "c":
            self._end_cell()
        elif name == "is":
            self.in_inline = False
        elif name == "rPh":
            self.phonetic -= 1
        elif name == "row":
            self._end_row()
        elif name == "sheetData":
            raise Stop

    def text(self, data: str) -> None:
        if self.collecting:
            self.length += len(data)
            if self.length > limits.MAX_CELL_CHARS:
                raise limits.cell_too_long(cell_name(self.row_number, self.column))
            self.parts.append(data)

    def _start_row(self, number: str) -> None:
        self.row_elements += 1
        if self.row_elements > MAX_ROW_ELEMENTS:
            raise ImportRefused("too_many_row_elements", max=MAX_ROW_ELEMENTS)
        self.row_number = int(number) if DIGITS.match(number) else self.row_number + 1
        self.cells = {}
        self.column = 0

    def _end_cell(self) -> None:
        value, self.parts = "".join(self.parts), []
        if self.kind == "inlineStr":
            value = unescape(value)
        elif value:
            value = self._typed(value)
        value = value.strip()
        if not value:
            return
        if self.column > limits.MAX_COLUMNS:
            raise limits.too_many_columns(self.row_number)
        self.cells[self.column] = value

    def _typed(self, value: str) -> str:
        try:
            if self.kind == "s":
                found = self.strings[int(value)]
                if found is TOO_LONG:
                    raise limits.cell_too_long(cell_name(self.row_number, self.column))
                return found
            if self.kind == "b":
                return "ja" if value.strip() in ("1", "true") else "nee"
            if self.kind in ("str", "e"):
                return unescape(value)
            if self.kind == "d":
                return date.fromisoformat(value.strip()[:10]).isoformat()
            number = float(value) if any(c in value for c in ".Ee") else int(value)
            if self.style in self.dates:
                return _cell_text(from_excel(number, self.epoch))
            return _cell_text(number)
        except (ValueError, IndexError, OverflowError, TypeError) as error:
            raise safe_zip.unreadable() from error

    def _end_row(self) -> None:
        if self.cells:
            row = [""] * max(self.cells)
            for column, value in self.cells.items():
                row[column - 1] = value
            self.rows.append(row)
            if len(self.rows) > limits.MAX_ROWS + 1:
                raise limits.too_many_rows()


def _column(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


def _check_dimension(ref: str) -> None:
    """Refuse a declared dimension far beyond the limits (the rows themselves are counted too)."""
    corners = [CELL_REF.match(part) for part in ref.upper().split(":")]
    if len(corners) != 2 or not all(corners):
        return  # a single cell or nonsense: the rows are counted anyway
    (first_col, first_row), (last_col, last_row) = (c.groups() for c in corners)
    rows = int(last_row) - int(first_row) + 1
    columns = _column(last_col) - _column(first_col) + 1
    if rows > DECLARED_ROWS or columns > limits.MAX_COLUMNS:
        raise ImportRefused(
            "declared_too_big",
            rows=rows,
            columns=columns,
            ref=ref[:40],
            max_rows=limits.MAX_ROWS,
            max_columns=limits.MAX_COLUMNS,
        )


def _cell_text(value) -> str:
    """A value as text: whole floats without '.0', dates as YYYY-MM-DD."""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
