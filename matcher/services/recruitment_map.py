"""What the Werving map shows, in numbers (issue 15): participants below their weekly minimum,
placements with free seats, and where the suggestions of an advice run would be.

Participants are special-category data: the map never gets a name or a home. They are counted
per cell of a grid of about 500 × 500 m and each count stands at its cell's centre. A suggested
new placement or volunteer can stand on a participant's home (the solver puts a group of one at
its member's coordinates), so those positions are moved to their cell's centre too. Placements
are organisations' addresses, not personal data: they stand where they are.

Hours are the week's running matches, as the coordinator's home page counts them."""

import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from matcher.dayparts import from_mask
from matcher.extensions import db
from matcher.models import (
    AdviceRun,
    Match,
    MatchKind,
    Municipality,
    Organisation,
    Participant,
    Placement,
)
from matcher.services.matching.instance import running_matches, scoped_participants
from matcher.services.progress import minimum_of
from matcher.solver.rules import meets_minimum

CELL_LAT = 0.0045  # degrees north–south: ≈ 500 m
CELL_LON = 0.0073  # degrees east–west: ≈ 500 m at 52° N (Twente)
CELL_METRES = 500


@dataclass(frozen=True)
class Cell:
    """Participants below the minimum whose home falls in one grid cell, at its centre."""

    lat: float
    lon: float
    count: int
    municipality: str  # where most of them live (a name of a town, never an address)


@dataclass(frozen=True)
class FreeSeats:
    """A placement with seats left this week: per day-part, its free seats."""

    placement: Placement
    free: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.free.values())


@dataclass(frozen=True)
class Point:
    """Where a suggestion of an advice run would be (a cell centre for a new place)."""

    rank: int
    lat: float
    lon: float


def cell_centre(lat: float, lon: float) -> tuple[float, float]:
    """The centre of the ≈ 500 m grid cell that (lat, lon) falls in."""
    row, column = math.floor(lat / CELL_LAT), math.floor(lon / CELL_LON)
    return round((row + 0.5) * CELL_LAT, 6), round((column + 0.5) * CELL_LON, 6)


def _placement_hours(matches: list[Match]) -> dict[int, float]:
    hours: dict[int, float] = defaultdict(float)
    for match in matches:
        by_daypart = {s.daypart: s.hours for s in match.placement.sessions}
        hours[match.participant_id] += sum(
            by_daypart.get(d, 0.0) for d in from_mask(match.dayparts)
        )
    return hours


def _placement_matches(week: date) -> list[Match]:
    return list(
        db.session.scalars(
            running_matches(week)
            .where(Match.kind == MatchKind.PLACEMENT)
            .options(selectinload(Match.placement).selectinload(Placement.sessions))
        )
    )


def below_minimum(week: date) -> list[Participant]:
    """Participants in intake or active whose running placement hours in the week stay below
    their weekly minimum (six hours, or their load cap when that is lower)."""
    hours = _placement_hours(_placement_matches(week))
    return [
        p
        for p in scoped_participants(week, None)
        if not meets_minimum(hours.get(p.id, 0.0), minimum_of(p))
    ]


def cells(participants: list[Participant]) -> list[Cell]:
    """The participants counted per grid cell, largest count first."""
    towns = dict(db.session.execute(select(Municipality.id, Municipality.name)).all())
    by_cell: dict[tuple[float, float], Counter] = defaultdict(Counter)
    for p in participants:
        by_cell[cell_centre(p.lat, p.lon)][towns.get(p.municipality_id, "")] += 1
    found = [
        Cell(lat, lon, sum(names.values()), names.most_common(1)[0][0])
        for (lat, lon), names in by_cell.items()
    ]
    return sorted(found, key=lambda c: (-c.count, c.lat, c.lon))


def per_municipality(participants: list[Participant]) -> list[tuple[str, int]]:
    """(town, how many) in order of town name: the same counts as the map, in words."""
    towns = dict(db.session.execute(select(Municipality.id, Municipality.name)).all())
    counts = Counter(towns.get(p.municipality_id, "") for p in participants)
    return sorted(counts.items())


def free_seats(week: date) -> list[FreeSeats]:
    """Active placements of active organisations with seats left in the week, by name."""
    used: Counter = Counter()
    for match in _placement_matches(week):
        used.update((match.placement_id, d) for d in from_mask(match.dayparts))
    placements = db.session.scalars(
        select(Placement)
        .join(Organisation)
        .where(Placement.active, Organisation.active)
        .options(selectinload(Placement.sessions), selectinload(Placement.organisation))
        .order_by(Placement.title, Placement.id)
    )
    found = []
    for placement in placements:
        free = {
            s.daypart: s.capacity - used[placement.id, s.daypart]
            for s in placement.sessions
            if s.capacity > used[placement.id, s.daypart]
        }
        if free:
            found.append(FreeSeats(placement, free))
    return found


def suggestion_points(run: AdviceRun) -> list[Point]:
    """Where each suggestion of a finished run would be: at its placement, or (a new placement
    or volunteer) at the centre of the grid cell of its suggested location."""
    points = []
    for s in run.document.get("suggestions", []):
        if s.get("lat") is not None and s.get("lon") is not None:
            lat, lon = cell_centre(s["lat"], s["lon"])
        else:
            db_id = run.places.get(s.get("placement") or "")
            placement = db.session.get(Placement, db_id) if db_id else None
            if placement is None:
                continue
            lat, lon = placement.lat, placement.lon
        points.append(Point(s["rank"], lat, lon))
    return points


def centre() -> tuple[float, float] | None:
    """The middle of the municipalities: where the map starts when it has nothing to show."""
    rows = db.session.execute(select(Municipality.lat, Municipality.lon)).all()
    if not rows:
        return None
    return sum(r[0] for r in rows) / len(rows), sum(r[1] for r in rows) / len(rows)
