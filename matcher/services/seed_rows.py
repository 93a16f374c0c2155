"""Reading the demo region's CSV files into checked rows, naming file, row and field on error."""

import csv
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from matcher import bounds, languages
from matcher import free_text as cleaning
from matcher.bounds import Bound
from matcher.dayparts import DAYPARTS, to_mask
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

Parser = Callable[[str], Any]


class SeedError(Exception):
    """One or more seed rows are malformed; `problems` lists 'file, rij N, veld: melding'."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


def text(value: str) -> str:
    """A required piece of text."""
    if not value.strip():
        raise ValueError("is leeg")
    return value.strip()


def free_text(value: str) -> str:
    """Text that may be empty."""
    return value.strip()


def name(value: str) -> str:
    """A required name: at least one letter, cleaned like every other name."""
    result = cleaning.clean(text(value))
    if not cleaning.is_name(result):
        raise ValueError(f"'{value}' bevat geen letter")
    return result


def number(bound: Bound) -> Parser:
    """A decimal number inside `bound` (a comma is accepted as decimal sign)."""

    def parse(value: str) -> float:
        try:
            result = float(value.replace(",", "."))
        except ValueError:
            raise ValueError(f"'{value}' is geen getal") from None
        if not bound.contains(result):
            above = "boven" if bound.low_open else "tussen"
            raise ValueError(f"{result:g} ligt niet {above} {bound.low:g} en {bound.high:g}")
        return result

    return parse


def integer(bound: Bound) -> Parser:
    """A whole number inside `bound`."""

    def parse(value: str) -> int:
        if not (value.strip().isascii() and value.strip().lstrip("-").isdigit()):
            raise ValueError(f"'{value}' is geen geheel getal")
        return int(number(bound)(value))

    return parse


def language_list(value: str) -> list[str]:
    """Space-separated ISO 639 codes, in their canonical form."""
    try:
        return languages.parse_list(",".join(value.split()))
    except languages.UnknownLanguage as unknown:
        raise ValueError(f"'{unknown.code}' is geen ISO 639-taalcode") from None


def choice(enum_cls) -> Parser:
    """One of the values of an enum."""

    def parse(value: str):
        try:
            return enum_cls(value.strip())
        except ValueError:
            allowed = ", ".join(m.value for m in enum_cls)
            raise ValueError(f"'{value}' is geen geldige waarde ({allowed})") from None

    return parse


def iso_date(value: str) -> date:
    """A date written as YYYY-MM-DD."""
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise ValueError(f"'{value}' is geen datum (JJJJ-MM-DD)") from None


def words(value: str) -> list[str]:
    """A space-separated list."""
    return value.split()


def daypart(value: str) -> str:
    """One day-part name such as tue-am."""
    if value.strip() not in DAYPARTS:
        raise ValueError(f"onbekend dagdeel '{value}'")
    return value.strip()


def dayparts(value: str) -> int:
    """Space-separated day-part names, as a bitmask."""
    return to_mask(daypart(name) for name in value.split())


def flag(value: str) -> bool:
    """ja/nee, 1/0 or true/false."""
    normalised = value.strip().lower()
    if normalised not in {"0", "1", "ja", "nee", "true", "false"}:
        raise ValueError(f"'{value}' is geen ja/nee")
    return normalised in {"1", "ja", "true"}


def optional(parser: Parser) -> Parser:
    """The parser's value, or None for an empty cell."""
    return lambda value: parser(value) if value.strip() else None


LAT, LON = number(bounds.LATITUDE), number(bounds.LONGITUDE)
# The participation target is not a profile field; a whole number of hours.
TARGET = Bound(0, 2000, whole=True)

SPECS: dict[str, dict[str, Parser]] = {
    "municipalities.csv": {"name": text, "main_place": text, "lat": LAT, "lon": LON},
    "users.csv": {"email": text, "name": name, "role": choice(Role)},
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
        "hours": number(bounds.SESSION_HOURS),
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


def read_all(folder: Path) -> dict[str, list[dict[str, Any]]]:
    """Parse every seed file in `folder`; raise SeedError listing every bad cell."""
    problems: list[str] = []
    tables: dict[str, list[dict[str, Any]]] = {}
    for name, spec in SPECS.items():
        path = folder / name
        if not path.exists():
            if name != "users.csv":
                problems.append(f"{name}: bestand ontbreekt")
            tables[name] = []
            continue
        tables[name] = _read_file(path, spec, problems)
    if problems:
        raise SeedError(problems)
    return tables


def _read_file(path: Path, spec: dict[str, Parser], problems: list[str]) -> list[dict[str, Any]]:
    try:
        with open(path, newline="", encoding="utf-8-sig") as handle:
            raw_rows = list(csv.DictReader(handle))
            header = list(raw_rows[0].keys()) if raw_rows else []
    except (UnicodeDecodeError, csv.Error) as error:
        problems.append(f"{path.name}: onleesbaar bestand ({error})")
        return []
    missing = [column for column in spec if raw_rows and column not in header]
    if missing:
        problems.append(f"{path.name}: kolom ontbreekt: {', '.join(missing)}")
        return []
    rows = []
    for number_, raw in enumerate(raw_rows, start=2):  # row 1 is the header
        row = {}
        for column, parse in spec.items():
            try:
                row[column] = parse(raw.get(column) or "")
            except ValueError as error:
                problems.append(f"{path.name}, rij {number_}, veld {column}: {error}")
        rows.append(row)
    return rows
