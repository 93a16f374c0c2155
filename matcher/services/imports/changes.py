"""Import confirm: records changed by someone after the preview are named; nothing is saved.

The preview keeps the version of every record a row would update (None for a row that would
create one); at confirm the stored versions are compared with those before anything is written.
"""

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from matcher.extensions import db
from matcher.models import User
from matcher.services.errors import ValidationFailed
from matcher.services.versions import StaleRecord


@dataclass(frozen=True)
class ChangedRow:
    row: int
    ref: str
    name: str
    changed_by: str | None
    changed_at: datetime | None


class RecordsChanged(ValidationFailed):
    """Records the file would update were changed after the preview: nothing was saved.

    `rows` names them; matcher/web/imports/wording.py words the refusal.
    """

    code = "records_changed"

    def __init__(self, rows: list[ChangedRow]):
        super().__init__(self.code, {str(row.row): row.ref for row in rows})
        self.rows = rows


def _name(kind: str, record: Any) -> str:
    return record.title if kind == "placements" else record.full_name


def _aware(moment: datetime | None) -> datetime | None:
    if moment is not None and moment.tzinfo is None:  # SQLite gives naive UTC
        return moment.replace(tzinfo=UTC)
    return moment


def changed_since(
    kind: str,
    rows: list[tuple[int, str]],
    existing: dict[str, Any],
    seen: dict[str, int | None],
) -> None:
    """RecordsChanged when a record changed, or appeared, since the preview saw `seen`.

    `rows` are (row number, the kenmerk as typed) and `existing` the records by that kenmerk.
    """
    changed = []
    for number, ref in rows:
        record = existing.get(ref)
        if record is None or (ref in seen and seen[ref] == record.version):
            continue
        by = db.session.get(User, record.updated_by_id) if record.updated_by_id else None
        changed.append(
            ChangedRow(
                number, ref, _name(kind, record), by.name if by else None, _aware(record.updated_at)
            )
        )
    if changed:
        raise RecordsChanged(changed)


def stale_row(kind: str, number: int, ref: str, stale: StaleRecord) -> ChangedRow:
    """The row whose record was saved by someone else while this confirm ran."""
    name = " ".join(str(stale.current.get(part, "")) for part in ("first_name", "last_name"))
    if kind == "placements":
        name = str(stale.current.get("title", ""))
    return ChangedRow(number, ref, name.strip() or ref, stale.changed_by, stale.changed_at)
