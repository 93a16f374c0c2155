"""Export of the registry lists to CSV and XLSX, in the import's columns, formula-safe."""

import csv
import io
from collections.abc import Iterable

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


def header(kind: str) -> list[str]:
    """The column names of a kind (the same as the import template)."""
    return [column for column, *_ in COLUMNS[kind]]


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


def _number(value) -> str:
    return "" if value is None else f"{value:g}"


def _placement(p: Placement) -> list:
    sessions = "; ".join(f"{s.daypart}:{s.hours:g}:{s.capacity}" for s in p.sessions)
    return [
        p.external_ref or f"plek-{p.id}", p.organisation.name, p.organisation.municipality.name,
        p.title, p.category, p.min_dutch_level.value, p.address, p.postcode, p.lat, p.lon,
        sessions, p.description,
    ]  # fmt: skip


def _volunteer(v: Volunteer) -> list:
    return [
        v.external_ref or f"vrijwilliger-{v.id}", v.kind.value, v.first_name, v.last_name,
        v.email, v.phone, GENDER_WORDS.get(v.gender.value, "") if v.gender else "",
        v.municipality.name, " ".join(from_mask(v.availability)), v.capacity,
        _number(v.session_hours), ", ".join(v.languages), ", ".join(v.interests), v.postcode,
        v.lat, v.lon, _number(v.travel_km), v.vog_date.isoformat() if v.vog_date else "",
    ]  # fmt: skip


def _participant(p: Participant) -> list:
    """Matching fields only: coach-only fields (PIP, limits, notes) never leave in an export."""
    pref = p.buddy_gender_preference
    return [
        p.external_ref or f"deelnemer-{p.id}", p.first_name, p.last_name, p.municipality.name,
        p.coach.email if p.coach else "", STATUS_WORDS[p.status.value],
        " ".join(from_mask(p.availability)), _number(p.max_hours_week), ", ".join(p.interests),
        p.dutch_level.value, ", ".join(p.languages), p.postcode, p.lat, p.lon,
        _number(p.travel_km), "ja" if p.wants_taalmaatje else "nee",
        "ja" if p.wants_buddy else "nee", GENDER_WORDS.get(pref.value, "") if pref else "",
        _number(p.hours_before),
    ]  # fmt: skip


def to_csv(head: list[str], body: Iterable[list]) -> bytes:
    """CSV with a BOM and semicolons, as Dutch spreadsheet programs expect."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(head)
    for row in body:
        writer.writerow([neutralise(value) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(head: list[str], body: Iterable[list], title: str = "gegevens") -> bytes:
    """An XLSX workbook with one sheet; text that looks like a formula stays text."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:31])
    sheet.append(head)
    for row in body:
        sheet.append([neutralise(value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
