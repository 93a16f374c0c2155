"""Export of the registry lists to CSV and XLSX, in the import's columns, formula-safe.

Rows hold real values (numbers, dates); the file writes them for the user's locale: XLSX keeps
numbers and date cells, CSV writes a decimal comma and DD-MM-JJJJ where the locale does (Dutch
Excel reads "3.5" as a date or text). The import reads both back unchanged.
"""

import csv
import io
import re
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal

from babel import Locale
from babel.numbers import get_decimal_symbol
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from matcher.dayparts import from_mask
from matcher.extensions import db
from matcher.models import Organisation, Participant, Placement, User, Volunteer
from matcher.services.access import visible_participants
from matcher.services.imports.specs import COLUMNS, GENDERS, STATUSES

DANGEROUS_START = ("=", "+", "-", "@", "\t", "\r")
# The file's words for genders and statuses: the import's, read the other way round.
GENDER_WORDS = {value: word for word, value in GENDERS.items()}
STATUS_WORDS = {value: word for word, value in STATUSES.items()}


def neutralise(value):
    """Text that a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(DANGEROUS_START):
        return "'" + value
    return value


# Columns of the import that an export leaves out: the PIP date is the coach's (coach-only).
NOT_EXPORTED = {"participants": ("pip_datum",)}


def header(kind: str) -> list[str]:
    """The column names of a kind's import template."""
    return [column for column, *_ in COLUMNS[kind]]


def export_header(kind: str) -> list[str]:
    """The columns an export writes: the template's, less the coach-only ones."""
    return [column for column in header(kind) if column not in NOT_EXPORTED.get(kind, ())]


def template_row(kind: str) -> list:
    """The template's example row, numbers and dates typed so the file writes them per locale."""
    return [_typed_example(example) for _column, _required, example in COLUMNS[kind]]


def _typed_example(example: str):
    if re.fullmatch(r"\d+\.\d+", example):
        return float(example)
    if re.fullmatch(r"\d\d-\d\d-\d{4}", example):
        return datetime.strptime(example, "%d-%m-%Y").date()
    return example


def rows(actor: User, kind: str) -> Iterable[list]:
    """The records of a kind as rows in header order (participants: what the actor may see)."""
    if kind == "placements":
        query = select(Placement).options(
            selectinload(Placement.sessions),
            selectinload(Placement.organisation).selectinload(Organisation.municipality),
        )
        return (_placement(p) for p in db.session.scalars(query.order_by(Placement.id)))
    if kind == "volunteers":
        query = select(Volunteer).options(selectinload(Volunteer.municipality))
        return (_volunteer(v) for v in db.session.scalars(query.order_by(Volunteer.id)))
    query = visible_participants(actor).options(
        selectinload(Participant.municipality), selectinload(Participant.coach)
    )
    return (_participant(p) for p in db.session.scalars(query.order_by(Participant.id)))


def _number(value):
    """Whole numbers as int (no "16.0"); others as they are; None stays empty."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def csv_value(value, locale: str = "nl"):
    """A cell for a CSV file in this locale: numbers with the locale's decimal sign, dates as
    DD-MM-JJJJ where the decimal sign is a comma (nl), else JJJJ-MM-DD; digits never rounded."""
    comma = get_decimal_symbol(Locale.parse(locale)) == ","
    if isinstance(value, bool) or value is None:
        return "" if value is None else value
    if isinstance(value, float):
        text = format(Decimal(repr(value)), "f")
        text = text[:-2] if text.endswith(".0") else text
        return text.replace(".", ",") if comma else text
    if isinstance(value, date):
        return value.strftime("%d-%m-%Y") if comma else value.isoformat()
    return value


def _placement(p: Placement) -> list:
    sessions = "; ".join(
        f"{s.daypart}:{s.starts_at:%H:%M}-{s.ends_at:%H:%M}:{s.capacity}" for s in p.sessions
    )
    return [
        p.external_ref or f"plek-{p.id}", p.organisation.name, p.organisation.municipality.name,
        p.title, p.category, p.min_dutch_level.value, p.address, p.postcode, _number(p.lat),
        _number(p.lon),
        sessions, p.description,
    ]  # fmt: skip


def _volunteer(v: Volunteer) -> list:
    return [
        v.external_ref or f"vrijwilliger-{v.id}", v.kind.value, v.first_name, v.last_name,
        v.email, v.phone, GENDER_WORDS.get(v.gender.value, "") if v.gender else "",
        v.municipality.name, " ".join(from_mask(v.availability)), v.capacity,
        _number(v.session_hours), ", ".join(v.languages), ", ".join(v.interests), v.postcode,
        _number(v.lat), _number(v.lon), _number(v.travel_km), v.vog_date,
    ]  # fmt: skip


def _participant(p: Participant) -> list:
    """Matching fields only: coach-only fields (PIP, limits, notes) never leave in an export."""
    pref = p.buddy_gender_preference
    return [
        p.external_ref or f"deelnemer-{p.id}", p.first_name, p.last_name, p.municipality.name,
        p.coach.email if p.coach else "", STATUS_WORDS[p.status.value],
        " ".join(from_mask(p.availability)), _number(p.max_hours_week), ", ".join(p.interests),
        p.dutch_level.value, ", ".join(p.languages), p.postcode, _number(p.lat), _number(p.lon),
        _number(p.travel_km), "ja" if p.wants_taalmaatje else "nee",
        "ja" if p.wants_buddy else "nee", GENDER_WORDS.get(pref.value, "") if pref else "",
        _number(p.hours_before),
    ]  # fmt: skip


def to_csv(head: list[str], body: Iterable[list], locale: str = "nl") -> bytes:
    """CSV with a BOM and semicolons, as Dutch spreadsheet programs expect, numbers and dates
    written for `locale`."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(head)
    for row in body:
        writer.writerow([csv_value(neutralise(value), locale) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(head: list[str], body: Iterable[list], title: str = "gegevens") -> bytes:
    """An XLSX workbook with one sheet; text that looks like a formula stays text."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:31])
    sheet.append(head)
    for row in body:
        cells = []
        for value in row:
            cell = WriteOnlyCell(sheet, neutralise(value))
            if isinstance(value, date):
                cell.number_format = "dd-mm-yyyy"  # a date cell, shown the Dutch way
            cells.append(cell)
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
