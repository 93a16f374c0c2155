"""What each import kind's columns are and how a row becomes record values.

Errors are CellError codes with their data; the column explanations and every sentence live in
matcher/web/imports/wording.py.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from matcher import bounds
from matcher.extensions import db
from matcher.models import (
    Gender,
    Municipality,
    ParticipantStatus,
    Role,
    User,
    VolunteerKind,
)
from matcher.services import geocoding
from matcher.services.imports import cells
from matcher.services.imports.cells import CellError

GENDERS = {"vrouw": "female", "man": "male", "anders": "other"}
STATUSES = {"intake": "intake", "actief": "active", "gepauzeerd": "paused", "afgerond": "finished"}

# (column, required, example); the explanation of each is in web/imports/wording.py
PLACEMENT_COLUMNS = (
    ("kenmerk", True, "PL-001"),
    ("organisatie", True, "Kringloop Almelo"),
    ("gemeente", True, "Almelo"),
    ("titel", True, "Sorteren in de winkel"),
    ("categorie", True, "kringloop"),
    ("niveau", False, "A1"),
    ("adres", False, "Grotestraat 1"),
    ("postcode", True, "7607 AB"),
    ("breedtegraad", False, "52.3560"),
    ("lengtegraad", False, "6.6620"),
    ("sessies", True, "mon-am:09:00-12:00:2; wed-pm:13:30-16:00:4"),
    ("omschrijving", False, ""),
)
VOLUNTEER_COLUMNS = (
    ("kenmerk", True, "VR-001"),
    ("soort", True, "taalmaatje"),
    ("voornaam", True, "Anne"),
    ("achternaam", True, "de Vries"),
    ("email", False, "anne@example.org"),
    ("telefoon", False, ""),
    ("gender", False, "vrouw"),
    ("gemeente", True, "Almelo"),
    ("beschikbaarheid", True, "mon-ev tue-pm"),
    ("capaciteit", False, "1"),
    ("sessie_uren", False, "2"),
    ("talen", False, "en, ar"),
    ("interesses", False, "sport, koken"),
    ("postcode", True, "7607 AB"),
    ("breedtegraad", False, "52.3560"),
    ("lengtegraad", False, "6.6620"),
    ("reisafstand_km", False, "10"),
    ("vog_datum", False, "01-03-2025"),
)
PARTICIPANT_COLUMNS = (
    ("kenmerk", True, "DN-001"),
    ("voornaam", True, "Samira"),
    ("achternaam", True, "Haddad"),
    ("gemeente", True, "Almelo"),
    ("coach_email", False, ""),
    ("status", False, "actief"),
    ("beschikbaarheid", True, "mon-am wed-am"),
    ("max_uren_week", True, "12"),
    ("interesses", False, "groen"),
    ("niveau", False, "A1"),
    ("talen", False, "ar"),
    ("postcode", True, "7607 AB"),
    ("breedtegraad", False, "52.3560"),
    ("lengtegraad", False, "6.6620"),
    ("reisafstand_km", True, "5"),
    ("wil_taalmaatje", False, "ja"),
    ("wil_buddy", False, "nee"),
    ("voorkeur_gender_buddy", False, ""),
    ("uren_voor_registratie", False, "0"),
    ("pip_datum", False, "01-03-2025"),
)
COLUMNS = {
    "placements": PLACEMENT_COLUMNS,
    "volunteers": VOLUNTEER_COLUMNS,
    "participants": PARTICIPANT_COLUMNS,
}
# Other names a spreadsheet may use for a column: the start of the trajectory is the PIP date.
ALIASES = {"participants": {"startdatum": "pip_datum", "start_datum": "pip_datum"}}
# The column each record field is read from, for naming what an import would change.
COORDINATE_COLUMNS = {"postcode": "postcode", "lat": "breedtegraad", "lon": "lengtegraad"}


@dataclass
class Context:
    """Look-ups shared by all rows of one import (one query each, not one per row)."""

    municipalities: dict[str, int] = field(default_factory=dict)
    coaches: dict[str, int] = field(default_factory=dict)
    geocoder_down: bool = False
    centres: dict[int, tuple[float, float]] = field(default_factory=dict)

    @classmethod
    def load(cls) -> "Context":
        municipalities, centres = {}, {}
        query = select(Municipality.id, Municipality.name, Municipality.lat, Municipality.lon)
        for id_, name, lat, lon in db.session.execute(query):
            municipalities[name.lower()] = id_
            centres[id_] = (lat, lon)
        coaches = {
            email: id_
            for id_, email in db.session.execute(
                select(User.id, User.email).where(User.role == Role.COACH)
            )
        }
        return cls(municipalities, coaches, centres=centres)

    def municipality(self, name: str) -> int:
        if name.lower() not in self.municipalities:
            raise CellError("unknown_municipality", value=name[:60])
        return self.municipalities[name.lower()]


def coordinates(row: dict[str, str], ctx: Context, municipality_id: int | None) -> dict:
    """Postcode with typed coordinates, or coordinates looked up at PDOK (cached).

    When PDOK cannot be reached the municipality's centre stands in, and `approximate` says so
    (the preview keeps a record's stored coordinates instead, when its postcode is unchanged).
    """
    code = geocoding.normalise_postcode(row["postcode"])
    if code is None:
        raise CellError("not_a_postcode", "postcode", value=row["postcode"][:20])
    lat = _coordinate(row, "breedtegraad", bounds.LATITUDE)
    lon = _coordinate(row, "lengtegraad", bounds.LONGITUDE)
    if (lat is None) != (lon is None):
        raise CellError("both_coordinates", "lengtegraad")
    found = {"postcode": geocoding.display_postcode(code), "lat": lat, "lon": lon}
    if lat is None:
        place = _looked_up(code, ctx)
        if place is None and municipality_id in ctx.centres:
            lat, lon = ctx.centres[municipality_id]
            return {**found, "lat": lat, "lon": lon, "approximate": True}
        if place is None:  # the municipality is wrong: that cell says so already
            return {**found, "lat": 0.0, "lon": 0.0, "approximate": True}
        found.update(lat=place[0], lon=place[1])
    return found


def _coordinate(row: dict[str, str], column: str, bound) -> float | None:
    try:
        return cells.within(row.get(column, ""), bound, required=False)
    except CellError as error:
        raise CellError(error.code, column, value=row.get(column, "")[:30], **error.data) from error


def _looked_up(code: str, ctx: Context) -> tuple[float, float] | None:
    """PDOK's coordinates for a postcode; None when PDOK cannot be reached (asked once)."""
    if ctx.geocoder_down:
        return None
    try:
        place = geocoding.lookup(code)
    except geocoding.GeocoderUnavailable:
        ctx.geocoder_down = True
        return None
    if place is None:
        raise CellError("postcode_not_found", "postcode")
    return place.lat, place.lon


def _choice(mapping: dict[str, str], code: str) -> Callable[[str, Context], str | None]:
    def parse(value: str, _ctx: Context) -> str | None:
        lowered = value.lower()
        if not lowered:
            return None
        if lowered in mapping:
            return mapping[lowered]
        if lowered in mapping.values():
            return lowered
        raise CellError(code)

    return parse


def _coach(value: str, ctx: Context) -> int | None:
    if not value:
        return None
    if value.lower() not in ctx.coaches:
        raise CellError("no_coach")
    return ctx.coaches[value.lower()]


def _kind(value: str, _ctx: Context) -> VolunteerKind:
    if value.lower() not in {k.value for k in VolunteerKind}:
        raise CellError("kind_choice")
    return VolunteerKind(value.lower())


Parser = Callable[[str, "Context"], Any]
REF: tuple[str, str, Parser] = (
    "kenmerk",
    "external_ref",
    lambda v, c: cells.text(v, 64, required=True),
)
FIELDS: dict[str, tuple[tuple[str, str, Parser], ...]] = {
    "placements": (
        REF,
        ("organisatie", "organisation_name", lambda v, c: cells.name(v, 160)),
        ("gemeente", "municipality_id", lambda v, c: c.municipality(v)),
        ("titel", "title", lambda v, c: cells.text(v, 160, required=True)),
        ("categorie", "category", lambda v, c: cells.category(v)),
        ("niveau", "min_dutch_level", lambda v, c: cells.level(v)),
        ("adres", "address", lambda v, c: cells.text(v, 200)),
        ("omschrijving", "description", lambda v, c: cells.text(v, 2000, multiline=True)),
        ("sessies", "sessions", lambda v, c: cells.sessions(v)),
    ),
    "volunteers": (
        REF,
        ("soort", "kind", _kind),
        ("voornaam", "first_name", lambda v, c: cells.name(v, 80)),
        ("achternaam", "last_name", lambda v, c: cells.name(v, 120)),
        ("email", "email", lambda v, c: cells.text(v.lower(), 254)),
        ("telefoon", "phone", lambda v, c: cells.text(v, 30)),
        ("gender", "gender", _choice(GENDERS, "gender_choice")),
        ("gemeente", "municipality_id", lambda v, c: c.municipality(v)),
        ("beschikbaarheid", "availability", lambda v, c: cells.dayparts(v)),
        ("capaciteit", "capacity", lambda v, c: cells.within(v or "1", bounds.VOLUNTEER_CAPACITY)),
        ("sessie_uren", "session_hours", lambda v, c: cells.within(v or "2", bounds.MEETING_HOURS)),
        ("talen", "languages", lambda v, c: cells.languages(v)),
        ("interesses", "interests", lambda v, c: cells.categories(v)),
        ("reisafstand_km", "travel_km", lambda v, c: cells.within(v, bounds.TRAVEL_KM, False)),
        ("vog_datum", "vog_date", lambda v, c: cells.day(v)),
    ),
    "participants": (
        REF,
        ("voornaam", "first_name", lambda v, c: cells.name(v, 80)),
        ("achternaam", "last_name", lambda v, c: cells.name(v, 120)),
        ("gemeente", "municipality_id", lambda v, c: c.municipality(v)),
        ("coach_email", "coach_id", _coach),
        ("status", "status", lambda v, c: _status(v)),
        ("beschikbaarheid", "availability", lambda v, c: cells.dayparts(v)),
        ("max_uren_week", "max_hours_week", lambda v, c: cells.within(v, bounds.LOAD_CAP)),
        ("interesses", "interests", lambda v, c: cells.categories(v)),
        ("niveau", "dutch_level", lambda v, c: cells.level(v)),
        ("talen", "languages", lambda v, c: cells.languages(v)),
        ("reisafstand_km", "travel_km", lambda v, c: cells.within(v, bounds.TRAVEL_KM)),
        ("wil_taalmaatje", "wants_taalmaatje", lambda v, c: cells.boolean(v)),
        ("wil_buddy", "wants_buddy", lambda v, c: cells.boolean(v)),
        (
            "voorkeur_gender_buddy",
            "buddy_gender_preference",
            _choice({"vrouw": "female", "man": "male"}, "buddy_gender_choice"),
        ),
        (
            "uren_voor_registratie",
            "hours_before",
            lambda v, c: cells.within(v or "0", bounds.HOURS_BEFORE),
        ),
        ("pip_datum", "pip_date", lambda v, c: cells.day(v)),
    ),
}


def _status(value: str) -> ParticipantStatus:
    lowered = value.lower() or "intake"
    lowered = STATUSES.get(lowered, lowered)
    if lowered not in {s.value for s in ParticipantStatus}:
        raise CellError("status_choice")
    return ParticipantStatus(lowered)


def parse_row(kind: str, row: dict[str, str], ctx: Context) -> tuple[dict, list[tuple[str, Any]]]:
    """A row's values, and every (column, CellError) that is wrong in it."""
    values: dict[str, Any] = {}
    errors: list[tuple[str, Any]] = []
    for column, key, parse in FIELDS[kind]:
        try:
            values[key] = parse(row.get(column, ""), ctx)
        except CellError as error:
            errors.append((column, error))
    for key in ("gender", "buddy_gender_preference"):
        if values.get(key):
            values[key] = Gender(values[key])
    try:
        values.update(coordinates(row, ctx, values.get("municipality_id")))
    except CellError as error:
        errors.append((error.column or "postcode", error))
    return values, errors


def field_columns(kind: str) -> dict[str, str]:
    """{record field: the column it is read from} for a kind."""
    columns = {key: column for column, key, _parse in FIELDS[kind]}
    return {**columns, **COORDINATE_COLUMNS}
