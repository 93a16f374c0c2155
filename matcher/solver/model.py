"""Frozen dataclasses the solver reads (Instance …) and returns (Result …).

Hours are floats as in the JSON; coordinates are WGS84 degrees. The web layer builds an Instance
from its rows (or `instance_io.parse_instance` builds one from JSON) and renders a Result.
"""

from dataclasses import dataclass, field
from typing import Any

from matcher.solver.rules import WEEKLY_MINIMUM, weekly_minimum


@dataclass(frozen=True)
class Assignment:
    """One participant's placement (all day-parts attended) or one volunteer meeting."""

    participant: str
    kind: str  # "placement" | "taalmaatje" | "buddy"
    id: str
    dayparts: tuple[str, ...]
    fit: tuple["Reason", ...] = field(default=(), compare=False)


@dataclass(frozen=True)
class Participant:
    """An inburgeraar on the Z-route with the matching part of the persoonlijk profiel."""

    id: str
    lat: float
    lon: float
    max_km: float
    available: frozenset[str]
    min_hours: float = WEEKLY_MINIMUM
    max_hours: float = 16.0
    target_hours: float = 800.0
    hours_done: float = 0.0
    weeks_left: float = 104.0
    language_level: str = "A0"
    interests: frozenset[str] = frozenset()
    wants: frozenset[str] = frozenset()
    current: tuple[Assignment, ...] = ()
    pinned: tuple[Assignment, ...] = ()
    forbidden: frozenset[tuple[str, str]] = frozenset()  # (kind, id) pairings refused (R8)

    @property
    def minimum(self) -> float:
        """Participation hours that count as reaching the weekly minimum (goal 1)."""
        return weekly_minimum(self.max_hours, self.min_hours)

    @property
    def pace(self) -> float:
        """Weekly hours still needed to reach the target in time (0 when done)."""
        return max(0.0, (self.target_hours - self.hours_done) / self.weeks_left)

    @property
    def required(self) -> float:
        """The required weekly rate of goal 2."""
        return min(self.max_hours, max(self.min_hours, self.pace))


@dataclass(frozen=True)
class Session:
    """A weekly recurring session of a placement."""

    daypart: str
    hours: float
    capacity: int


@dataclass(frozen=True)
class Placement:
    """A vrijwilligersplek with its weekly sessions."""

    id: str
    lat: float
    lon: float
    category: str
    sessions: tuple[Session, ...]
    min_language_level: str = "A0"


@dataclass(frozen=True)
class Volunteer:
    """A taalmaatje or buddy."""

    id: str
    kind: str
    lat: float
    lon: float
    available: frozenset[str]
    max_km: float | None = None
    capacity: int = 1
    session_hours: float = 2.0
    languages: frozenset[str] = frozenset()
    interests: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Instance:
    """One week's matching problem (matcher-instance/1)."""

    participants: tuple[Participant, ...]
    placements: tuple[Placement, ...]
    volunteers: tuple[Volunteer, ...] = ()


@dataclass(frozen=True)
class Reason:
    """A reason code with its numbers, e.g. Reason("language_level", {"level": "A1", ...})."""

    code: str
    data: dict[str, Any] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class ParticipantOutcome:
    """What the plan gives one participant, and why it falls short where it does."""

    id: str
    participation_hours: float
    support_hours: float
    meets_minimum: bool
    required_hours: float
    shortfall_hours: float
    reasons: tuple[Reason, ...] = ()


@dataclass(frozen=True)
class Stats:
    """Figures about the run (the result writes them as matcher-result/1 `stats`, where
    `objective` and `bound` are participants_at_minimum and upper_bound)."""

    seconds: float
    participants_at_minimum: int
    upper_bound: int
    gap: float
    greedy_at_minimum: int = 0
    shortfall_hours: float = 0.0
    volunteers_wanted: int = 0
    volunteers_given: int = 0
    current_kept: int = 0
    current_changed: int = 0
    build_seconds: float = 0.0
    stages: tuple[dict[str, Any], ...] = ()


@dataclass(frozen=True)
class Result:
    """The plan (matcher-result/1) with outcomes per participant and run statistics."""

    status: str  # "optimal" | "feasible" | "infeasible" | "no_solution"
    assignments: tuple[Assignment, ...]
    participants: tuple[ParticipantOutcome, ...]
    stats: Stats
