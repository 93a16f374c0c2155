"""What each import kind's columns are and how a row becomes record values."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from flask_babel import lazy_gettext as _l
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

# (column, required, example, description)
PLACEMENT_COLUMNS = (
    ("kenmerk", True, "PL-001", _l("uw eigen unieke kenmerk; opnieuw importeren werkt bij")),
    ("organisatie", True, "Kringloop Almelo", _l("naam van de organisatie")),
    ("gemeente", True, "Almelo", _l("gemeente van de organisatie")),
    ("titel", True, "Sorteren in de winkel", _l("naam van de plek")),
    ("categorie", True, "kringloop", _l("een van de categorieën")),
    ("niveau", False, "A1", _l("minimaal niveau Nederlands, A0 t/m B2")),
    ("adres", False, "Grotestraat 1", _l("straat en huisnummer")),
    ("postcode", True, "7607 AB", _l("postcode")),
    ("breedtegraad", False, "52.3560", _l("leeg: wordt bij de postcode opgezocht")),
    ("lengtegraad", False, "6.6620", _l("leeg: wordt bij de postcode opgezocht")),
    ("sessies", True, "mon-am:3:2; wed-pm:2,5:4", _l("dagdeel:uren:plaatsen, gescheiden door ;")),
    ("omschrijving", False, "", _l("vrije tekst")),
)
VOLUNTEER_COLUMNS = (
    ("kenmerk", True, "VR-001", _l("uw eigen unieke kenmerk; opnieuw importeren werkt bij")),
    ("soort", True, "taalmaatje", _l("taalmaatje of buddy")),
    ("voornaam", True, "Anne", ""),
    ("achternaam", True, "de Vries", ""),
    ("email", False, "anne@example.org", ""),
    ("telefoon", False, "", ""),
    ("gender", False, "vrouw", _l("vrouw, man, anders of leeg")),
    ("gemeente", True, "Almelo", ""),
    ("beschikbaarheid", True, "mon-ev tue-pm", _l("dagdelen mon-am … sun-ev")),
    ("capaciteit", False, "1", _l("aantal deelnemers tegelijk")),
    ("sessie_uren", False, "2", _l("duur van een ontmoeting in uren")),
    ("talen", False, "en, ar", _l("ISO 639-taalcodes, bijvoorbeeld ar, ti, prs")),
    ("interesses", False, "sport, koken", _l("categorieën")),
    ("postcode", True, "7607 AB", ""),
    ("breedtegraad", False, "52.3560", _l("leeg: wordt bij de postcode opgezocht")),
    ("lengtegraad", False, "6.6620", _l("leeg: wordt bij de postcode opgezocht")),
    ("reisafstand_km", False, "10", _l("leeg: geen grens")),
    ("vog_datum", False, "2025-03-01", _l("JJJJ-MM-DD")),
)
PARTICIPANT_COLUMNS = (
    ("kenmerk", True, "DN-001", _l("uw eigen unieke kenmerk; opnieuw importeren werkt bij")),
    ("voornaam", True, "Samira", ""),
    ("achternaam", True, "Haddad", ""),
    ("gemeente", True, "Almelo", ""),
    ("coach_email", False, "", _l("e-mailadres van de coach")),
    ("status", False, "actief", _l("intake, actief, gepauzeerd of afgerond")),
    ("beschikbaarheid", True, "mon-am wed-am", _l("dagdelen mon-am … sun-ev")),
    (
        "max_uren_week",
        True,
        "12",
        _l(
            "meer dan %(low)s, hooguit %(high)s",
            low=format(bounds.LOAD_CAP.low, "g"),
            high=format(bounds.LOAD_CAP.high, "g"),
        ),
    ),
    ("interesses", False, "groen", _l("categorieën")),
    ("niveau", False, "A1", _l("A0 t/m B2")),
    ("talen", False, "ar", _l("ISO 639-taalcodes, bijvoorbeeld ar, ti, prs")),
    ("postcode", True, "7607 AB", ""),
    ("breedtegraad", False, "52.3560", _l("leeg: wordt bij de postcode opgezocht")),
    ("lengtegraad", False, "6.6620", _l("leeg: wordt bij de postcode opgezocht")),
    ("reisafstand_km", True, "5", ""),
    ("wil_taalmaatje", False, "ja", _l("ja of nee")),
    ("wil_buddy", False, "nee", _l("ja of nee")),
    ("voorkeur_gender_buddy", False, "", _l("vrouw, man of leeg (wens van de deelnemer)")),
    ("uren_voor_registratie", False, "0", ""),
)
COLUMNS = {
    "placements": PLACEMENT_COLUMNS,
    "volunteers": VOLUNTEER_COLUMNS,
    "participants": PARTICIPANT_COLUMNS,
}


@dataclass
class Context:
    """Look-ups shared by all rows of one import (one query each, not one per row)."""

    municipalities: dict[str, int] = field(default_factory=dict)
    coaches: dict[str, int] = field(default_factory=dict)
    geocoder_down: bool = False

    @classmethod
    def load(cls) -> "Context":
        municipalities = {
            name.lower(): id_
            for id_, name in db.session.execute(select(Municipality.id, Municipality.name))
        }
        coaches = {
            email: id_
            for id_, email in db.session.execute(
                select(User.id, User.email).where(User.role == Role.COACH)
            )
        }
        return cls(municipalities, coaches)

    def municipality(self, name: str) -> int:
        if name.lower() not in self.municipalities:
            raise CellError(_l("onbekende gemeente '%(value)s'", value=name[:60]))
        return self.municipalities[name.lower()]


def coordinates(row: dict[str, str], ctx: Context) -> dict[str, Any]:
    """Postcode with typed coordinates, or coordinates looked up at PDOK (cached)."""
    code = geocoding.normalise_postcode(row["postcode"])
    if code is None:
        raise CellError(_l("'%(value)s' is geen postcode", value=row["postcode"][:20]), "postcode")
    try:
        lat = cells.within(row.get("breedtegraad", ""), bounds.LATITUDE, required=False)
    except CellError as error:
        raise CellError(str(error), "breedtegraad") from error
    try:
        lon = cells.within(row.get("lengtegraad", ""), bounds.LONGITUDE, required=False)
    except CellError as error:
        raise CellError(str(error), "lengtegraad") from error
    if (lat is None) != (lon is None):
        raise CellError(_l("vul breedtegraad en lengtegraad allebei in"), "lengtegraad")
    if lat is None:
        lat, lon = _looked_up(code, ctx)
    return {"postcode": geocoding.display_postcode(code), "lat": lat, "lon": lon}


def _looked_up(code: str, ctx: Context) -> tuple[float, float]:
    if not ctx.geocoder_down:
        try:
            place = geocoding.lookup(code)
        except geocoding.GeocoderUnavailable:
            ctx.geocoder_down = True
        else:
            if place is None:
                raise CellError(_l("postcode niet gevonden; vul de coördinaten in"), "postcode")
            return place.lat, place.lon
    raise CellError(
        _l("postcodedienst niet bereikbaar; vul breedtegraad en lengtegraad in"), "breedtegraad"
    )


def _choice(mapping: dict[str, str], message) -> Callable[[str, Context], str | None]:
    def parse(value: str, _ctx: Context) -> str | None:
        lowered = value.lower()
        if not lowered:
            return None
        if lowered in mapping:
            return mapping[lowered]
        if lowered in mapping.values():
            return lowered
        raise CellError(message)

    return parse


def _coach(value: str, ctx: Context) -> int | None:
    if not value:
        return None
    if value.lower() not in ctx.coaches:
        raise CellError(_l("geen coach met dit e-mailadres"))
    return ctx.coaches[value.lower()]


def _kind(value: str, _ctx: Context) -> VolunteerKind:
    if value.lower() not in {k.value for k in VolunteerKind}:
        raise CellError(_l("kies taalmaatje of buddy"))
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
        ("gender", "gender", _choice(GENDERS, _l("kies vrouw, man of anders"))),
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
            _choice({"vrouw": "female", "man": "male"}, _l("kies vrouw, man of leeg")),
        ),
        (
            "uren_voor_registratie",
            "hours_before",
            lambda v, c: cells.within(v or "0", bounds.HOURS_BEFORE),
        ),
    ),
}


def _status(value: str) -> ParticipantStatus:
    lowered = value.lower() or "intake"
    lowered = STATUSES.get(lowered, lowered)
    if lowered not in {s.value for s in ParticipantStatus}:
        raise CellError(_l("kies intake, actief, gepauzeerd of afgerond"))
    return ParticipantStatus(lowered)


def parse_row(kind: str, row: dict[str, str], ctx: Context) -> tuple[dict, list[tuple[str, str]]]:
    """A row's values, and every (column, message) that is wrong in it."""
    values: dict[str, Any] = {}
    errors: list[tuple[str, str]] = []
    for column, key, parse in FIELDS[kind]:
        try:
            values[key] = parse(row.get(column, ""), ctx)
        except CellError as error:
            errors.append((column, str(error)))
    for key in ("gender", "buddy_gender_preference"):
        if values.get(key):
            values[key] = Gender(values[key])
    try:
        values.update(coordinates(row, ctx))
    except CellError as error:
        errors.append((error.column or "postcode", str(error)))
    return values, errors
