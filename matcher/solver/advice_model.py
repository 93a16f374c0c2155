"""Suggestions of matcher-advice/1 (docs/advice-format.md): what they are, how one is added to
an instance, and how they are written as JSON."""

from dataclasses import dataclass, field, replace

from matcher.solver.dayparts import sort_dayparts
from matcher.solver.model import Instance, Placement, Result, Session, Volunteer

ADVICE_FORMAT = "matcher-advice/1"
KINDS = ("more_capacity", "new_session", "new_placement", "new_volunteer")
ID_PREFIX = "advies-"  # ids of the placements and volunteers a suggestion adds


@dataclass(frozen=True)
class Added:
    """One session of a suggestion: extra seats (more_capacity: hours None) or a new session."""

    daypart: str
    capacity: int
    hours: float | None = None


@dataclass(frozen=True)
class Suggestion:
    """One addition to supply. Which fields count depends on `kind` (see KINDS)."""

    kind: str
    placement: str | None = None  # more_capacity, new_session
    lat: float | None = None  # new_placement, new_volunteer
    lon: float | None = None
    categories: tuple[str, ...] = ()
    min_language_level: str = "A0"
    sessions: tuple[Added, ...] = ()
    volunteer_kind: str | None = None
    max_km: float | None = None
    available: tuple[str, ...] = ()
    capacity: int = 0
    session_hours: float = 2.0
    group: frozenset[str] = field(default=frozenset(), compare=False)  # whom it was made for

    @property
    def size(self) -> float:
        """How much it asks for: seats times hours (a volunteer: capacity times hours)."""
        if self.kind == "new_volunteer":
            return self.capacity * self.session_hours
        return sum(a.capacity * (a.hours or 3.0) for a in self.sessions) + (
            10.0 if self.kind == "new_placement" else 0.0
        )

    def signature(self) -> tuple:
        """What makes two suggestions the same addition."""
        return (
            self.kind,
            self.placement,
            self.lat,
            self.lon,
            self.categories,
            self.min_language_level,
            self.sessions,
            self.volunteer_kind,
            self.max_km,
            self.available,
            self.capacity,
        )


@dataclass(frozen=True)
class Figures:
    """meets_minimum, wants_met, participation_hours of one solve (or their difference)."""

    meets_minimum: int
    wants_met: int
    participation_hours: float

    def minus(self, other: "Figures") -> "Figures":
        return Figures(
            self.meets_minimum - other.meets_minimum,
            self.wants_met - other.wants_met,
            round(self.participation_hours - other.participation_hours, 6),
        )

    def key(self) -> tuple:
        """Order of preference: at minimum first, then volunteers, then hours."""
        return (self.meets_minimum, self.wants_met, self.participation_hours)

    def to_json(self) -> dict:
        return {
            "meets_minimum": self.meets_minimum,
            "wants_met": self.wants_met,
            "participation_hours": round(self.participation_hours, 6),
        }


@dataclass(frozen=True)
class Confirmed:
    """A suggestion with its exact gain, the total after it, and who gains."""

    rank: int
    suggestion: Suggestion
    gain: Figures
    cumulative: Figures
    participants: tuple[str, ...]


@dataclass(frozen=True)
class Advice:
    """The matcher-advice/1 document as dataclasses, with the plan its baseline figures are of
    (not part of the document: for a bottleneck table of the same plan without a second solve)."""

    baseline: Figures
    suggestions: tuple[Confirmed, ...]
    stats: dict
    plan: Result | None = field(default=None, compare=False, repr=False)


def new_id(instance: Instance, rank: int) -> str:
    """An id for the placement or volunteer that suggestion `rank` adds, unused in `instance`."""
    taken = {p.id for p in instance.placements} | {v.id for v in instance.volunteers}
    ident, extra = f"{ID_PREFIX}{rank}", 0
    while ident in taken:
        extra += 1
        ident = f"{ID_PREFIX}{rank}-{extra}"
    return ident


def apply(instance: Instance, s: Suggestion, ident: str) -> Instance:
    """The instance with the suggestion added, as docs/advice-format.md's table says."""
    if s.kind in ("more_capacity", "new_session"):
        placements = tuple(
            _extended(p, s) if p.id == s.placement else p for p in instance.placements
        )
        return replace(instance, placements=placements)
    if s.kind == "new_placement":
        sessions = tuple(Session(a.daypart, a.hours, a.capacity) for a in s.sessions)
        added = Placement(ident, s.lat, s.lon, s.categories[0], sessions, s.min_language_level)
        return replace(instance, placements=(*instance.placements, added))
    volunteer = Volunteer(
        ident,
        s.volunteer_kind,
        s.lat,
        s.lon,
        frozenset(s.available),
        s.max_km,
        s.capacity,
        s.session_hours,
    )
    return replace(instance, volunteers=(*instance.volunteers, volunteer))


def _extended(p: Placement, s: Suggestion) -> Placement:
    extra = {a.daypart: a for a in s.sessions}
    if s.kind == "more_capacity":
        sessions = tuple(
            replace(x, capacity=x.capacity + extra[x.daypart].capacity) if x.daypart in extra else x
            for x in p.sessions
        )
    else:
        sessions = p.sessions + tuple(Session(a.daypart, a.hours, a.capacity) for a in s.sessions)
    return replace(p, sessions=sessions)


def suggestion_to_json(s: Suggestion) -> dict:
    """The kind-specific fields of one suggestion (docs/advice-format.md, kinds)."""
    if s.kind == "more_capacity":
        sessions = [{"daypart": a.daypart, "capacity": a.capacity} for a in s.sessions]
        return {"kind": s.kind, "placement": s.placement, "sessions": sessions}
    sessions = [
        {"daypart": a.daypart, "hours": a.hours, "capacity": a.capacity} for a in s.sessions
    ]
    if s.kind == "new_session":
        return {"kind": s.kind, "placement": s.placement, "sessions": sessions}
    if s.kind == "new_placement":
        return {
            "kind": s.kind,
            "lat": s.lat,
            "lon": s.lon,
            "categories": list(s.categories),
            "min_language_level": s.min_language_level,
            "sessions": sessions,
        }
    return {
        "kind": s.kind,
        "volunteer_kind": s.volunteer_kind,
        "lat": s.lat,
        "lon": s.lon,
        "max_km": s.max_km,
        "available": list(sort_dayparts(s.available)),
        "capacity": s.capacity,
        "session_hours": s.session_hours,
    }


def advice_to_json(advice: Advice) -> dict:
    """The matcher-advice/1 document."""
    rows = []
    for c in advice.suggestions:
        fields = suggestion_to_json(c.suggestion)
        rows.append(
            {
                "rank": c.rank,
                **fields,
                "gain": c.gain.to_json(),
                "cumulative": c.cumulative.to_json(),
                "participants": list(c.participants),
            }
        )
    return {
        "format": ADVICE_FORMAT,
        "baseline": advice.baseline.to_json(),
        "suggestions": rows,
        "stats": advice.stats,
    }


def suggestion_from_json(d: dict) -> Suggestion:
    """A suggestion from its matcher-advice/1 fields (as written by suggestion_to_json)."""
    sessions = tuple(
        Added(x["daypart"], int(x["capacity"]), x.get("hours")) for x in d.get("sessions", [])
    )
    return Suggestion(
        d["kind"],
        placement=d.get("placement"),
        lat=d.get("lat"),
        lon=d.get("lon"),
        categories=tuple(d.get("categories", ())),
        min_language_level=d.get("min_language_level", "A0"),
        sessions=sessions,
        volunteer_kind=d.get("volunteer_kind"),
        max_km=d.get("max_km"),
        available=tuple(d.get("available", ())),
        capacity=int(d.get("capacity", 0)),
        session_hours=float(d.get("session_hours", 2.0)),
    )
