"""Spreadsheet import: preview every bad row before anything is saved; save in one go."""

from dataclasses import dataclass, field
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from matcher.extensions import db
from matcher.models import Organisation, Participant, Placement, User, Volunteer
from matcher.services import organisations, placements, profiles, records, registry_volunteers
from matcher.services.errors import ValidationFailed
from matcher.services.imports.changes import RecordsChanged, changed_since, stale_row
from matcher.services.imports.reader import ImportRefused, read_table
from matcher.services.imports.specs import COLUMNS, Context, parse_row

KINDS = ("placements", "volunteers", "participants")
MODELS = {"placements": Placement, "volunteers": Volunteer, "participants": Participant}

__all__ = [
    "KINDS",
    "ImportRefused",
    "Preview",
    "RecordsChanged",
    "RowError",
    "commit",
    "preview",
    "read_table",
]


@dataclass(frozen=True)
class RowError:
    row: int  # the spreadsheet's row number (the header is row 1)
    column: str
    message: str


@dataclass
class Preview:
    kind: str
    rows: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    creates: int = 0
    updates: int = 0
    # The version of each record a row updates, as previewed; None for a row that creates one.
    # Confirming refuses, naming them, when any record changed (or appeared) since.
    versions: dict[str, int | None] = field(default_factory=dict)

    @property
    def bad_rows(self) -> list[int]:
        return sorted({error.row for error in self.errors})


def check_header(kind: str, header: list[str]) -> list[str]:
    """The normalised column names; ImportRefused when required ones miss or unknown ones appear."""
    names = [cell.strip().lower().replace(" ", "_") for cell in header]
    known = {column for column, *_ in COLUMNS[kind]}
    required = [column for column, needed, *_ in COLUMNS[kind] if needed]
    missing = [column for column in required if column not in names]
    unknown = [name for name in names if name and name not in known]
    duplicated = sorted({name for name in names if name and names.count(name) > 1})
    if missing or unknown or duplicated:
        parts = []
        if missing:
            parts.append(_l("ontbrekende kolommen: %(names)s", names=", ".join(missing)))
        if unknown:
            parts.append(_l("onbekende kolommen: %(names)s", names=", ".join(unknown[:10])))
        if duplicated:
            parts.append(_l("dubbele kolommen: %(names)s", names=", ".join(duplicated)))
        raise ImportRefused(
            _l(
                "De kolommen kloppen niet (%(details)s). Gebruik het sjabloon.",
                details="; ".join(str(p) for p in parts),
            )
        )
    return names


def preview(kind: str, table: list[list[str]]) -> Preview:
    """Check every row without saving; count what would be created and updated."""
    names = check_header(kind, table[0])
    ctx = Context.load()
    result = Preview(kind)
    seen: dict[str, int] = {}
    for number, cells in enumerate(table[1:], start=2):
        row = {name: (cells[i] if i < len(cells) else "") for i, name in enumerate(names) if name}
        values, errors = parse_row(kind, row, ctx)
        ref = values.get("external_ref")
        if ref and ref.lower() in seen:
            errors.append(("kenmerk", _l("staat ook in rij %(row)d", row=seen[ref.lower()])))
        elif ref:
            seen[ref.lower()] = number
        result.errors.extend(RowError(number, column, str(message)) for column, message in errors)
        if not errors:
            result.rows.append((number, values))
    existing = _existing(kind, [values["external_ref"] for _, values in result.rows])
    result.updates = sum(1 for _, v in result.rows if v["external_ref"] in existing)
    result.creates = len(result.rows) - result.updates
    result.versions = {
        values["external_ref"]: getattr(existing.get(values["external_ref"]), "version", None)
        for _, values in result.rows
    }
    return result


def _existing(kind: str, refs: list[str]) -> dict[str, Any]:
    """Records of this kind by external reference, in one query per 500 references."""
    model = MODELS[kind]
    found: dict[str, Any] = {}
    for start in range(0, len(refs), 500):
        chunk = refs[start : start + 500]
        for record in db.session.scalars(select(model).where(model.external_ref.in_(chunk))):
            found[record.external_ref] = record
    return found


def commit(
    actor: User,
    kind: str,
    table: list[list[str]],
    today,
    seen_versions: dict[str, int | None] | None = None,
) -> Preview:
    """Save every row (create or update by external reference); all or nothing.

    Raises ValidationFailed when any row is bad, and RecordsChanged (naming them) when records
    changed after the preview whose versions are `seen_versions`; the caller commits or rolls
    back.
    """
    result = preview(kind, table)
    if result.errors:
        raise ValidationFailed(_l("Het bestand bevat fouten; er is niets opgeslagen."))
    existing = _existing(kind, [values["external_ref"] for _, values in result.rows])
    if seen_versions is not None:
        changed_since(kind, result.rows, existing, seen_versions)
    organisations_by_name: dict[tuple[str, int], Organisation] = {}
    for number, values in result.rows:
        record = existing.get(values["external_ref"])
        seen = (seen_versions or {}).get(values["external_ref"])
        try:
            if kind == "placements":
                org = _organisation(actor, values, organisations_by_name)
                values = {**values, "organisation_id": org.id}
                placements.save(actor, record, values, values["sessions"], seen)
            elif kind == "volunteers":
                registry_volunteers.save(actor, record, values, seen)
            else:
                profiles.save(actor, record, values, today, seen)
        except records.StaleRecord as stale:  # saved by someone during this very confirm
            raise RecordsChanged([stale_row(kind, number, values["external_ref"], stale)]) from None
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
