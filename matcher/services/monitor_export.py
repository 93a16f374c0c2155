"""Monitor Sociaal Domein: figures per municipality and period, as XLSX or CSV.

Only aggregates leave the system (no names, no per-person rows): participants per route,
placed in volunteer work yes/no, participation and absence hours per month.
"""

import csv
import io
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from matcher.extensions import db
from matcher.models import (
    HoursEntry,
    HoursStatus,
    Match,
    MatchKind,
    MatchStatus,
    Municipality,
    Participant,
    User,
)
from matcher.services import hours
from matcher.services.access import visible_participants

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class MonitorReport:
    municipality: str
    starts_on: date
    ends_on: date
    per_route: dict[str, int]
    placed: int
    not_placed: int
    months: list[tuple[str, float, float, float, int]]  # month, hours, authorised, unauth., people


def safe(value):
    """Neutralise text a spreadsheet would run as a formula (=, +, -, @ at the start)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def build(user: User, municipality: Municipality, starts_on: date, ends_on: date) -> MonitorReport:
    """The figures of one municipality over [starts_on, ends_on], within what `user` may see."""
    in_period = (
        visible_participants(user)
        .where(Participant.municipality_id == municipality.id, Participant.pip_date <= ends_on)
        .with_only_columns(Participant.id, Participant.route)
    )
    people = db.session.execute(in_period).all()
    ids = [pid for pid, _ in people]
    per_route: dict[str, int] = defaultdict(int)
    for _, route in people:
        per_route[str(route)] += 1
    placed = set(
        db.session.scalars(
            select(Match.participant_id).where(
                Match.participant_id.in_(ids),
                Match.kind == MatchKind.PLACEMENT,
                Match.status.in_((MatchStatus.ACTIVE, MatchStatus.ENDED)),
                Match.starts_on <= ends_on,
                Match.ends_on.is_(None) | (Match.ends_on >= starts_on),
            )
        )
    )
    return MonitorReport(
        municipality=municipality.name,
        starts_on=starts_on,
        ends_on=ends_on,
        per_route=dict(sorted(per_route.items())),
        placed=len(placed),
        not_placed=len(ids) - len(placed),
        months=_months(ids, starts_on, ends_on),
    )


def _months(ids: list[int], starts_on: date, ends_on: date):
    rows = db.session.execute(
        select(
            HoursEntry.participant_id,
            HoursEntry.entry_date,
            HoursEntry.absence_kind,
            HoursEntry.counts_toward_target,
            func.sum(HoursEntry.hours),
        )
        .where(
            HoursEntry.participant_id.in_(ids),
            HoursEntry.entry_date.between(starts_on, ends_on),
            HoursEntry.status == HoursStatus.APPROVED,
            ~hours.is_superseded(),
        )
        .group_by(
            HoursEntry.participant_id,
            HoursEntry.entry_date,
            HoursEntry.absence_kind,
            HoursEntry.counts_toward_target,
        )
    )
    figures = defaultdict(lambda: [0.0, 0.0, 0.0, set()])
    for pid, day, absence, counts, total in rows:
        month = figures[f"{day.year}-{day.month:02d}"]
        if absence is None and counts:
            month[0] += float(total)
            month[3].add(pid)
        elif absence is not None:
            month[1 if str(absence) == "authorised" else 2] += float(total)
    return [(m, v[0], v[1], v[2], len(v[3])) for m, v in sorted(figures.items())]


def rows(report: MonitorReport, headings: dict[str, str]) -> list[list]:
    """The report as one table: section, key, value (headings are translated by the caller)."""
    table: list[list] = [
        [headings["section"], headings["key"], headings["value"]],
        [headings["municipality"], "", report.municipality],
        [headings["period"], report.starts_on.isoformat(), report.ends_on.isoformat()],
    ]
    table += [[headings["route"], route, n] for route, n in report.per_route.items()]
    table += [[headings["placed"], headings["yes"], report.placed]]
    table += [[headings["placed"], headings["no"], report.not_placed]]
    for month, done, authorised, unauthorised, people in report.months:
        table += [
            [headings["hours"], month, round(done, 2)],
            [headings["people"], month, people],
            [headings["authorised"], month, round(authorised, 2)],
            [headings["unauthorised"], month, round(unauthorised, 2)],
        ]
    return [[safe(cell) for cell in row] for row in table]


def to_csv(table: list[list]) -> str:
    """Semicolon-separated (as Dutch spreadsheets expect), with a header row."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";").writerows(table)
    return buffer.getvalue()


def to_xlsx(table: list[list], title: str) -> bytes:
    """One worksheet with the table; text cells stay text, never formulas."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]  # a fixed, translated name: never user input
    for row in table:
        sheet.append(row)
    for cell in sheet["A"] + sheet["B"] + sheet["C"]:
        if isinstance(cell.value, str):
            cell.data_type = "s"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
