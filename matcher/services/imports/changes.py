"""Import confirm: records changed by someone after the preview are named; nothing is saved.

The preview keeps the version of every record a row would update (None for a row that would
create one); at confirm the stored versions are compared with those before anything is written.
"""

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from flask_babel import format_datetime
from flask_babel import lazy_gettext as _l

from matcher.extensions import db
from matcher.models import User
from matcher.services.errors import ValidationFailed
from matcher.services.versions import StaleRecord

SHOWN = 10  # records named in the message; the rest are counted


@dataclass(frozen=True)
class ChangedRow:
    row: int
    ref: str
    name: str
    changed_by: str | None
    changed_at: datetime | None

    def describe(self) -> str:
        who = self.changed_by or _l("iemand anders")
        when = format_datetime(self.changed_at, "d MMM yyyy HH:mm") if self.changed_at else "?"
        return str(
            _l(
                "rij %(row)d (%(name)s, kenmerk %(ref)s): gewijzigd door %(who)s op %(when)s",
                row=self.row,
                name=self.name,
                ref=self.ref,
                who=who,
                when=when,
            )
        )


class RecordsChanged(ValidationFailed):
    """Records the file would update were changed after the preview: nothing was saved."""

    def __init__(self, rows: list[ChangedRow]):
        shown = "; ".join(row.describe() for row in rows[:SHOWN])
        more = len(rows) - SHOWN
        if more > 0:
            shown += str(_l(" en nog %(count)d", count=more))
        super().__init__(
            str(
                _l(
                    "Na de voorvertoning zijn gegevens gewijzigd: %(rows)s. Er is niets "
                    "opgeslagen. Upload het bestand opnieuw om de wijzigingen te bekijken.",
                    rows=shown,
                )
            ),
            {str(row.row): row.describe() for row in rows},
        )
        self.rows = rows


def _name(kind: str, record: Any) -> str:
    return record.title if kind == "placements" else record.full_name


def _aware(moment: datetime | None) -> datetime | None:
    if moment is not None and moment.tzinfo is None:  # SQLite gives naive UTC
        return moment.replace(tzinfo=UTC)
    return moment


def changed_since(
    kind: str,
    rows: list[tuple[int, dict[str, Any]]],
    existing: dict[str, Any],
    seen: dict[str, int | None],
) -> None:
    """RecordsChanged when a record changed, or appeared, since the preview saw `seen`."""
    changed = []
    for number, values in rows:
        ref = values["external_ref"]
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
