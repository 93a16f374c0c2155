"""Building spreadsheets for import tests (also used by the browser journey)."""

import csv
import io

from openpyxl import Workbook

from matcher.services.exports import header

BAD_CELLS = {
    17: ("max_uren_week", "25"),
    88: ("beschikbaarheid", "mon-xx"),
    150: ("postcode", "12"),
}


def participant_rows(count: int, municipality: str, bad: dict | None = None) -> list[list[str]]:
    """A header and `count` valid participant rows; `bad` maps a data index to (column, value)."""
    head = header("participants")
    rows = [head]
    for n in range(count):
        row = {
            "kenmerk": f"IMP-{n:04d}",
            "voornaam": f"Naam{n}",
            "achternaam": f"Import{n:04d}",
            "gemeente": municipality,
            "status": "actief",
            "beschikbaarheid": "mon-am wed-pm",
            "max_uren_week": "12",
            "interesses": "groen, koken",
            "niveau": "A1",
            "talen": "ar",
            "postcode": "7601 AB",
            "breedtegraad": "52.35",
            "lengtegraad": "6.66",
            "reisafstand_km": "7,5",
            "wil_taalmaatje": "ja",
            "wil_buddy": "nee",
        }
        if bad and n in bad:
            column, value = bad[n]
            row[column] = value
        rows.append([row.get(column, "") for column in head])
    return rows


def xlsx(rows: list[list]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_bytes(rows: list[list], delimiter: str = ";") -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    return buffer.getvalue().encode("utf-8")
