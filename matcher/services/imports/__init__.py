"""Spreadsheet import: preview every row before anything is saved; save in one go.

The preview names every bad cell (row, kenmerk, name, column, the value given, a code for what
is wrong) and what confirming will do with every good row (new, which columns change, or
unchanged). Everything is a code with data; matcher/web/imports/wording.py words it.
"""

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select

from matcher.extensions import db
from matcher.models import Organisation, User
from matcher.services import organisations, placements, profiles, records, registry_volunteers
from matcher.services.imports import plan
from matcher.services.imports.cells import CellError
from matcher.services.imports.changes import RecordsChanged, changed_since, stale_row
from matcher.services.imports.plan import CHANGED, NEW, UNCHANGED, RowPlan
from matcher.services.imports.reader import ImportRefused, read_table
from matcher.services.imports.specs import ALIASES, COLUMNS, Context, parse_row

KINDS = ("placements", "volunteers", "participants")

__all__ = [
    "KINDS",
    "ImportRefused",
    "Notice",
    "Preview",
    "RecordsChanged",
    "RowError",
    "RowPlan",
    "commit",
    "preview",
    "read_table",
]


@dataclass(frozen=True)
class RowError:
    row: int  # the spreadsheet's row number (the header is row 1)
    column: str
    code: str
    data: dict
    value: str = ""  # the cell as given
    ref: str = ""  # the row's kenmerk as given
    name: str = ""  # the row's name or title as given


@dataclass(frozen=True)
class Notice:
    """Something the import does differently than the file asks, shown before confirming."""

    code: str
    data: dict


@dataclass
class Preview:
    kind: str
    rows: list[tuple[int, str, dict[str, Any]]] = field(default_factory=list)  # good rows
    errors: list[RowError] = field(default_factory=list)
    plans: list[RowPlan] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    # The version of each record a row updates, as previewed; None for a row that creates one.
    # Confirming refuses, naming them, when any record changed (or appeared) since.
    versions: dict[str, int | None] = field(default_factory=dict)

    @property
    def bad_rows(self) -> list[int]:
        return sorted({error.row for error in self.errors})

    def count(self, action: str) -> int:
        return sum(1 for p in self.plans if p.action == action)

    @property
    def creates(self) -> int:
        return self.count(NEW)

    @property
    def updates(self) -> int:
        return self.count(CHANGED)

    @property
    def unchanged(self) -> int:
        return self.count(UNCHANGED)


def check_header(kind: str, header: list[str]) -> tuple[list[str], list[str]]:
    """The normalised column names ('' for a column that is ignored) and the unknown ones;
    ImportRefused when required columns miss or a column appears twice."""
    aliases = ALIASES.get(kind, {})
    names = [cell.strip().lower().replace(" ", "_") for cell in header]
    names = [aliases.get(name, name) for name in names]
    known = {column for column, *_ in COLUMNS[kind]}
    required = [column for column, needed, *_ in COLUMNS[kind] if needed]
    missing = [column for column in required if column not in names]
    unknown = [name for name in names if name and name not in known]
    duplicated = sorted({name for name in names if name in known and names.count(name) > 1})
    if missing or duplicated:
        raise ImportRefused("columns", missing=missing, unknown=unknown[:10], duplicated=duplicated)
    return [name if name in known else "" for name in names], unknown


def preview(kind: str, table: list[list[str]]) -> Preview:
    """Check every row without saving; say what confirming would do with each good row."""
    names, unknown = check_header(kind, table[0])
    ctx = Context.load()
    result = Preview(kind)
    if unknown:
        result.notices.append(Notice("unknown_columns", {"names": unknown[:20]}))
    seen: dict[str, int] = {}
    raw: dict[int, dict[str, str]] = {}
    for number, cells in enumerate(table[1:], start=2):
        row = {name: (cells[i] if i < len(cells) else "") for i, name in enumerate(names) if name}
        values, errors = parse_row(kind, row, ctx)
        ref = values.get("external_ref")
        if ref and ref.lower() in seen:
            errors.append(("kenmerk", CellError("duplicate_ref", row=seen[ref.lower()])))
        elif ref:
            seen[ref.lower()] = number
        ref_given, name_given = row.get("kenmerk", "")[:64], plan.row_name(kind, row)
        for column, error in errors:
            given = row.get(column, "")[:60]
            result.errors.append(
                RowError(number, column, error.code, error.data, given, ref_given, name_given)
            )
        if not errors:
            result.rows.append((number, ref, values))
            raw[number] = row
    _plan(kind, result, raw)
    return result


def _plan(kind: str, result: Preview, raw: dict[int, dict[str, str]]) -> None:
    """Fill plans and versions; rows without a reachable PDOK keep stored coordinates."""
    found = plan.existing(kind, [ref for _, ref, _ in result.rows])
    centre, kept, pip_kept, derived = [], 0, 0, 0
    for number, ref, values in result.rows:
        record = found.get(ref)
        if kind == "placements" and any(len(v) == 2 for v in values["sessions"].values()):
            derived += 1  # hours without clock times (an older file)
        if values.pop("approximate", False):
            if record is not None and record.postcode == values["postcode"]:
                values.update(lat=record.lat, lon=record.lon)
                kept += 1
            else:
                centre.append(ref)
        if record is not None and record.external_ref is None:
            values["external_ref"] = None  # an export's stand-in kenmerk: keep it without one
        if kind == "participants" and record is not None and values.pop("pip_date", None):
            pip_kept += 1  # the PIP date of a known participant is their coach's to change
        result.versions[ref] = getattr(record, "version", None)
        if record is None:
            result.plans.append(RowPlan(number, ref, plan.row_name(kind, raw[number]), NEW))
            continue
        columns = tuple(plan.changed_columns(kind, record, values))
        action = CHANGED if columns else UNCHANGED
        result.plans.append(RowPlan(number, ref, plan.row_name(kind, raw[number]), action, columns))
    if centre:
        result.notices.append(Notice("geocoder_down_centre", {"refs": centre}))
    if kept:
        result.notices.append(Notice("geocoder_down_kept", {"count": kept}))
    if pip_kept:
        result.notices.append(Notice("pip_date_kept", {"count": pip_kept}))
    if derived:
        result.notices.append(Notice("session.times_derived", {"count": derived}))


def commit(
    actor: User,
    kind: str,
    table: list[list[str]],
    today,
    seen_versions: dict[str, int | None] | None = None,
) -> Preview:
    """Save every new and changed row (create or update by kenmerk); all or nothing.

    Unchanged rows are not written. Raises ImportRefused("file_has_errors") when any row is
    bad, and RecordsChanged (naming them) when records changed after the preview whose versions
    are `seen_versions`; the caller commits or rolls back.
    """
    result = preview(kind, table)
    if result.errors:
        raise ImportRefused("file_has_errors")
    existing = plan.existing(kind, [ref for _, ref, _ in result.rows])
    if seen_versions is not None:
        changed_since(
            kind, [(number, ref) for number, ref, _ in result.rows], existing, seen_versions
        )
    actions = {p.row: p.action for p in result.plans}
    organisations_by_name: dict[tuple[str, int], Organisation] = {}
    for number, ref, values in result.rows:
        if actions[number] == UNCHANGED:
            continue
        record = existing.get(ref)
        seen = (seen_versions or {}).get(ref)
        try:
            if kind == "placements":
                org = _organisation(actor, values, organisations_by_name)
                values = {**values, "organisation_id": org.id}
                placements.save(actor, record, values, values["sessions"], seen)
            elif kind == "volunteers":
                registry_volunteers.save(actor, record, values, seen)
            else:
                start = values.get("pip_date") or today  # a new participant's PIP date
                profiles.save(actor, record, values, start, seen)
        except records.StaleRecord as stale:  # saved by someone during this very confirm
            raise RecordsChanged([stale_row(kind, number, ref, stale)]) from None
    return result


def _organisation(actor: User, values: dict, cache: dict) -> Organisation:
    """The organisation of this name in this municipality, created when new."""
    key = (values["organisation_name"].lower(), values["municipality_id"])
    if key not in cache:
        found = db.session.scalar(
            select(Organisation).where(
                func.lower(Organisation.name) == key[0],
                Organisation.municipality_id == key[1],
            )
        )
        cache[key] = found or organisations.save(
            actor, None, {"name": values["organisation_name"], "municipality_id": key[1]}
        )
    return cache[key]
