"""Reading an uploaded CSV or XLSX file into rows of text, refusing what is not a spreadsheet."""

import csv
import io
import zipfile
from datetime import date, datetime

from flask_babel import lazy_gettext as _l

from matcher.services.errors import DomainError

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 10_000
EXTENSIONS = ("csv", "xlsx")


class ImportRefused(DomainError):
    """The file as a whole cannot be read; nothing was looked at row by row."""


def extension(filename: str) -> str:
    """The lower-case extension of a file name ('' when none)."""
    return filename.rsplit(".", 1)[-1].lower() if "." in filename else ""


def read_table(data: bytes, filename: str) -> list[list[str]]:
    """The rows of the first sheet (header first) as stripped text; ImportRefused otherwise."""
    kind = extension(filename)
    if kind not in EXTENSIONS:
        raise ImportRefused(_l("Kies een .csv- of .xlsx-bestand."))
    if len(data) > MAX_BYTES:
        raise ImportRefused(_l("Het bestand is groter dan 5 MB. Splits het in kleinere bestanden."))
    if not data.strip():
        raise ImportRefused(_l("Het bestand is leeg."))
    rows = _read_xlsx(data) if kind == "xlsx" else _read_csv(data)
    rows = [row for row in rows if any(cell for cell in row)]
    if not rows:
        raise ImportRefused(_l("Het bestand is leeg."))
    if len(rows) > MAX_ROWS + 1:
        raise ImportRefused(
            _l("Het bestand heeft meer dan %(max)d rijen. Splits het.", max=MAX_ROWS)
        )
    return rows


def _read_csv(data: bytes) -> list[list[str]]:
    if b"\x00" in data[:4096]:
        raise ImportRefused(_l("Dit bestand is geen CSV-bestand (tekst met kolommen)."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    first = text.splitlines()[0] if text.splitlines() else ""
    delimiter = max((";", ",", "\t"), key=first.count)
    try:
        return [
            [cell.strip() for cell in row]
            for row in csv.reader(io.StringIO(text), delimiter=delimiter)
        ]
    except csv.Error as error:
        raise ImportRefused(_l("Dit CSV-bestand kan niet gelezen worden.")) from error


def _read_xlsx(data: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as error:
        raise ImportRefused(_l("Dit bestand is geen leesbaar Excel-bestand (.xlsx).")) from error
    try:
        sheet = workbook.worksheets[0]
        rows = []
        for values in sheet.iter_rows(values_only=True):
            rows.append([_cell_text(value) for value in values])
            if len(rows) > MAX_ROWS + 1:
                break
        return rows
    except (zipfile.BadZipFile, KeyError, ValueError, IndexError) as error:
        raise ImportRefused(_l("Dit bestand is geen leesbaar Excel-bestand (.xlsx).")) from error
    finally:
        workbook.close()


def _cell_text(value) -> str:
    """A cell as text: whole floats without '.0', dates as YYYY-MM-DD."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
