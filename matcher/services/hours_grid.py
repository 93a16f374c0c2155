"""The coach's weekly hours grid: one activity kind, the caseload × seven days."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import select

from matcher import number_format
from matcher.extensions import db
from matcher.models import (
    ActivityKind,
    HoursEntry,
    HoursStatus,
    Participant,
    ParticipantStatus,
    User,
)
from matcher.services import hours
from matcher.services.access import visible_participants
from matcher.services.errors import DomainError, Place, ValidationFailed

GRID_STATUSES = (ParticipantStatus.INTAKE, ParticipantStatus.ACTIVE, ParticipantStatus.PAUSED)


@dataclass
class GridRow:
    participant: Participant
    cells: list[list[HoursEntry]] = field(default_factory=lambda: [[] for _ in range(7)])

    def total(self, day: int) -> float:
        """Hours already recorded on day `day` (0 = Monday)."""
        return sum(e.hours for e in self.cells[day])


def cell_name(participant_id: int, day: int) -> str:
    """The form field of one cell."""
    return f"h-{participant_id}-{day}"


def load(user: User, monday: date, kind: ActivityKind) -> list[GridRow]:
    """The caseload's live entries of `kind` in the week from `monday`, in two queries."""
    participants = db.session.scalars(
        visible_participants(user)
        .where(Participant.status.in_(GRID_STATUSES))
        .order_by(Participant.last_name, Participant.first_name)
    ).all()
    rows = {p.id: GridRow(p) for p in participants}
    entries = db.session.scalars(
        select(HoursEntry).where(
            HoursEntry.participant_id.in_(list(rows)),
            HoursEntry.entry_date.between(monday, monday + timedelta(days=6)),
            HoursEntry.activity_kind == kind,
            HoursEntry.absence_kind.is_(None),
            HoursEntry.status != HoursStatus.REJECTED,
            ~hours.is_superseded(),
        )
    )
    for entry in entries:
        rows[entry.participant_id].cells[(entry.entry_date - monday).days].append(entry)
    return list(rows.values())


def parse(raw: str) -> float | None:
    """'2,5' (or '2.5') → 2.5 in the user's locale; '' → None; NaN, infinities and anything
    that is not a number raise ValueError."""
    if not raw.strip():
        return None
    return float(number_format.parse_number(raw))


def save(
    user: User, monday: date, kind: ActivityKind, form: dict[str, str], today: date
) -> tuple[int, int]:
    """Add or correct every changed cell; all or nothing. Returns (added, corrected)."""
    errors: dict[str, Place] = {}
    counts: dict[str, int] = defaultdict(int)
    for row in load(user, monday, kind):
        for day in range(7):
            name = cell_name(row.participant.id, day)
            if name not in form:
                continue
            try:
                outcome = _save_cell(
                    user, row, monday + timedelta(days=day), day, kind, form[name], today
                )
            except ValueError:
                errors[name] = "hours_grid.not_a_number"
            except DomainError as problem:
                errors[name] = (problem.code, problem.data)
            else:
                counts[outcome] += 1
    if errors:
        raise ValidationFailed("hours_grid.cells_wrong", errors)
    return counts["added"], counts["corrected"]


def _save_cell(user, row: GridRow, on: date, day: int, kind, raw: str, today: date) -> str:
    value = parse(raw)
    existing = row.cells[day]
    if value is None:
        value = 0.0 if existing else None
    if value is None or value == row.total(day):
        return "unchanged"
    if not existing:
        hours.add(user, row.participant, hours.NewHours(on, kind, value), today, approve=True)
        return "added"
    if len(existing) > 1:
        raise DomainError("hours_grid.several_entries")
    hours.correct(user, row.participant, existing[0], value, today)
    return "corrected"
