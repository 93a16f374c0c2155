"""Reading the demo region's CSV files into checked rows, naming file, row and field on error."""

import csv
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from matcher import bounds
from matcher.bounds import Bound
from matcher.models import (
    AbsenceKind,
    ActivityKind,
    DutchLevel,
    Gender,
    HoursStatus,
    MatchKind,
    ParticipantStatus,
    Role,
    Route,
    VolunteerKind,
)
from matcher.services import placements
from matcher.services.errors import DomainError, worded
from matcher.services.seed_cells import (
    BadCell,
    Parser,
    choice,
    clock,
    daypart,
    dayparts,
    flag,
    free_text,
    integer,
    iso_date,
    language_list,
    name,
    number,
    optional,
    text,
    words,
)

__all__ = ["SPECS", "BadCell", "SeedError", "SeedProblem", "read_all"]


@dataclass(frozen=True)
class SeedProblem:
    """What is wrong where: a file, or one cell (row and column) of it."""

    file: str
    code: str
    data: dict[str, Any] = field(default_factory=dict)
    row: int | None = None
    column: str | None = None

    def __str__(self) -> str:
        problem = worded(self.code, self.data)
        if self.row is None:
            return worded("seed.in_file", {"file": self.file, "problem": problem})
        place = {"file": self.file, "row": self.row, "column": self.column}
        return worded("seed.in_cell", {**place, "problem": problem})


class SeedError(DomainError):
    """One or more seed rows are malformed; `found` lists each problem and where it is."""

    code = "seed.invalid"

    def __init__(self, found: list[SeedProblem]):
        super().__init__(None, count=len(found))
        self.found = found

    @property
    def problems(self) -> list[str]:
        """Each problem worded: 'file, rij N, veld X: melding'."""
        return [str(problem) for problem in self.found]

    def __str__(self) -> str:
        return "\n".join(self.problems)


LAT, LON = number(bounds.LATITUDE), number(bounds.LONGITUDE)
TARGET = Bound(0, 2000, whole=True)

SPECS: dict[str, dict[str, Parser]] = {
    "municipalities.csv": {"name": text, "main_place": text, "lat": LAT, "lon": LON},
    "users.csv": {"email": text, "name": name, "role": choice(Role), "phone": free_text},
    "organisations.csv": {
        "ref": text,
        "name": name,
        "municipality": text,
        "contact_name": free_text,
        "contact_email": free_text,
        "contact_phone": free_text,
    },
    "placements.csv": {
        "ref": text,
        "organisation_ref": text,
        "title": text,
        "category": text,
        "min_dutch_level": choice(DutchLevel),
        "address": free_text,
        "postcode": text,
        "lat": LAT,
        "lon": LON,
        "contact_email": free_text,
    },
    "sessions.csv": {
        "placement_ref": text,
        "daypart": daypart,
        "starts_at": optional(clock),
        "ends_at": optional(clock),
        "hours": optional(number(bounds.SESSION_HOURS)),
        "capacity": integer(bounds.SESSION_PLACES),
    },
    "volunteers.csv": {
        "ref": text,
        "kind": choice(VolunteerKind),
        "first_name": name,
        "last_name": name,
        "email": free_text,
        "phone": free_text,
        "gender": optional(choice(Gender)),
        "municipality": text,
        "availability": dayparts,
        "capacity": integer(bounds.VOLUNTEER_CAPACITY),
        "session_hours": number(bounds.MEETING_HOURS),
        "languages": language_list,
        "interests": words,
        "postcode": text,
        "lat": LAT,
        "lon": LON,
        "travel_km": optional(number(bounds.TRAVEL_KM)),
        "vog_date": optional(iso_date),
        "account_email": free_text,
    },
    "absences.csv": {
        "volunteer_ref": text,
        "starts_on": iso_date,
        "ends_on": iso_date,
        "reason": free_text,
    },
    "participants.csv": {
        "ref": text,
        "first_name": name,
        "last_name": name,
        "coach_email": free_text,
        "municipality": text,
        "route": choice(Route),
        "status": choice(ParticipantStatus),
        "pip_date": iso_date,
        "availability": dayparts,
        "max_hours_week": number(bounds.LOAD_CAP),
        "functional_limits": free_text,
        "interests": words,
        "dutch_level": choice(DutchLevel),
        "languages": language_list,
        "postcode": text,
        "lat": LAT,
        "lon": LON,
        "travel_km": number(bounds.TRAVEL_KM),
        "wants_taalmaatje": flag,
        "wants_buddy": flag,
        "buddy_gender_preference": optional(choice(Gender)),
        "participation_target": integer(TARGET),
        "hours_before": number(bounds.HOURS_BEFORE),
    },
    "matches.csv": {
        "participant_ref": text,
        "kind": choice(MatchKind),
        "target_ref": text,
        "dayparts": dayparts,
        "starts_on": iso_date,
    },
    "hours.csv": {
        "participant_ref": text,
        "date": iso_date,
        "activity": choice(ActivityKind),
        "hours": number(bounds.DAY_HOURS),
        "status": choice(HoursStatus),
        "absence": optional(choice(AbsenceKind)),
    },
}


# Columns a file may leave out: sessions have clock times, or (an older file) hours only.
OPTIONAL_COLUMNS = {"sessions.csv": {"starts_at", "ends_at", "hours"}}


def _session_problem(row: dict[str, Any]) -> tuple[str, str] | None:
    """(code, column) when a session row's times are wrong, or it has neither times nor hours."""
    starts, ends = row.get("starts_at"), row.get("ends_at")
    if starts is None and ends is None:
        return None if row.get("hours") is not None else ("seed.session_no_times", "starts_at")
    problem = placements.time_problem(row["daypart"], starts, ends)
    if problem is None:
        return None
    return problem, "ends_at" if problem == "session.end_before_start" else "starts_at"


ROW_CHECKS = {"sessions.csv": _session_problem}


def read_all(folder: Path) -> dict[str, list[dict[str, Any]]]:
    """Parse every seed file in `folder`; raise SeedError listing every bad cell."""
    problems: list[SeedProblem] = []
    tables: dict[str, list[dict[str, Any]]] = {}
    for file_name, spec in SPECS.items():
        path = folder / file_name
        if not path.exists():
            if file_name != "users.csv":
                problems.append(SeedProblem(file_name, "seed.file_missing"))
            tables[file_name] = []
            continue
        tables[file_name] = _read_file(path, spec, problems)
    if problems:
        raise SeedError(problems)
    return tables


def _read_file(
    path: Path, spec: dict[str, Parser], problems: list[SeedProblem]
) -> list[dict[str, Any]]:
    try:
        with open(path, newline="", encoding="utf-8-sig") as handle:
            raw_rows = list(csv.DictReader(handle))
            header = list(raw_rows[0].keys()) if raw_rows else []
    except (UnicodeDecodeError, csv.Error) as error:
        problems.append(SeedProblem(path.name, "seed.unreadable", {"error": str(error)}))
        return []
    optional_columns = OPTIONAL_COLUMNS.get(path.name, set())
    missing = [
        column
        for column in spec
        if raw_rows and column not in header and column not in optional_columns
    ]
    if missing:
        names = {"columns": ", ".join(missing), "count": len(missing)}
        problems.append(SeedProblem(path.name, "seed.columns_missing", names))
        return []
    rows = []
    for number_, raw in enumerate(raw_rows, start=2):  # row 1 is the header
        row = {}
        for column, parse in spec.items():
            try:
                row[column] = parse(raw.get(column) or "")
            except BadCell as bad:
                problems.append(SeedProblem(path.name, bad.code, bad.data, number_, column))
        check = ROW_CHECKS.get(path.name)
        found = check(row) if check and row.get("daypart") else None
        if found:
            problems.append(SeedProblem(path.name, found[0], {}, number_, found[1]))
        rows.append(row)
    return rows
