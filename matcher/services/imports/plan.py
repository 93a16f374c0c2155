"""What an import would do to each good row: create a record, change named columns, or nothing.

The comparison takes the fields the save would write, the way the save compares them, so a
row shown as "unchanged" is skipped at confirm: no audit event, no new version.
"""

import math
import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from matcher.extensions import db
from matcher.models import Participant, Placement, Volunteer
from matcher.services import placements, profiles, registry_volunteers
from matcher.services.imports.specs import field_columns

MODELS = {"placements": Placement, "volunteers": Volunteer, "participants": Participant}
# What an export writes for a record without a kenmerk: importing it back finds that record.
FALLBACK_REF = {
    "placements": re.compile(r"^plek-(\d{1,12})$"),
    "volunteers": re.compile(r"^vrijwilliger-(\d{1,12})$"),
    "participants": re.compile(r"^deelnemer-(\d{1,12})$"),
}
SAVED_FIELDS = {
    "placements": tuple(f for f in placements.FIELDS if f != "organisation_id"),
    "volunteers": registry_volunteers.FIELDS,
    "participants": profiles.MATCHING_FIELDS + profiles.COORDINATOR_FIELDS,
}
NEW, CHANGED, UNCHANGED = "new", "changed", "unchanged"


@dataclass(frozen=True)
class RowPlan:
    """What confirming will do with one good row; `columns` are the ones it changes."""

    row: int
    ref: str
    name: str
    action: str
    columns: tuple[str, ...] = ()


def existing(kind: str, refs: list[str]) -> dict[str, Any]:
    """Records of this kind by the kenmerk typed, one query per 500; an export's stand-in
    kenmerk ('plek-12') finds record 12 when that one has no kenmerk of its own."""
    model = MODELS[kind]
    found: dict[str, Any] = {}
    for start in range(0, len(refs), 500):
        chunk = refs[start : start + 500]
        for record in db.session.scalars(select(model).where(model.external_ref.in_(chunk))):
            found[record.external_ref] = record
    stand_ins = {}
    for ref in refs:
        match = FALLBACK_REF[kind].match(ref)
        if ref not in found and match:
            stand_ins[int(match.group(1))] = ref
    ids = list(stand_ins)
    for start in range(0, len(ids), 500):
        query = select(model).where(
            model.id.in_(ids[start : start + 500]), model.external_ref.is_(None)
        )
        for record in db.session.scalars(query):
            found[stand_ins[record.id]] = record
    return found


def _same(stored: Any, given: Any) -> bool:
    if stored in (None, "") and given in (None, ""):
        return True
    if isinstance(stored, float) and isinstance(given, int | float):
        return math.isclose(stored, given, rel_tol=1e-12, abs_tol=1e-12)
    return stored == given


def changed_columns(kind: str, record: Any, values: dict[str, Any]) -> list[str]:
    """The columns whose value differs from the stored record, in column order."""
    columns = field_columns(kind)
    changed = [
        columns.get(name, name)
        for name in SAVED_FIELDS[kind]
        if name in values and not _same(getattr(record, name), values[name])
    ]
    if kind == "placements":
        organisation = record.organisation
        if (
            organisation.name.lower() != values["organisation_name"].lower()
            or organisation.municipality_id != values["municipality_id"]
        ):
            changed[:0] = ["organisatie"]
        stored = placements.stored_sessions(record)["sessions"]
        if stored != placements.resolve_sessions(record, values["sessions"]):
            changed.append("sessies")
    order = [column for column in columns.values()] + ["organisatie", "sessies"]
    return sorted(set(changed), key=order.index)


def row_name(kind: str, row: dict[str, str]) -> str:
    """How the spreadsheet names the row's record: a title, or first and last name."""
    if kind == "placements":
        name = row.get("titel", "")
    else:
        name = f"{row.get('voornaam', '')} {row.get('achternaam', '')}"
    return " ".join(name.split())[:120]
