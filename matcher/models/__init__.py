"""The data model: typed SQLAlchemy 2 models (data and small invariants only)."""

from matcher.models.activity import AuditEvent, HoursEntry, Match, MatchingRun
from matcher.models.enums import (
    AbsenceKind,
    ActivityKind,
    DutchLevel,
    Gender,
    HoursStatus,
    MatchKind,
    MatchSource,
    MatchStatus,
    ParticipantStatus,
    Role,
    Route,
    RunStatus,
    VolunteerKind,
)
from matcher.models.people import Municipality, Participant, User
from matcher.models.registry import (
    Organisation,
    Placement,
    PlacementSession,
    Volunteer,
    VolunteerAbsence,
)

__all__ = [
    "AbsenceKind",
    "ActivityKind",
    "AuditEvent",
    "DutchLevel",
    "Gender",
    "HoursEntry",
    "HoursStatus",
    "Match",
    "MatchKind",
    "MatchSource",
    "MatchStatus",
    "MatchingRun",
    "Municipality",
    "Organisation",
    "Participant",
    "ParticipantStatus",
    "Placement",
    "PlacementSession",
    "Role",
    "Route",
    "RunStatus",
    "User",
    "Volunteer",
    "VolunteerAbsence",
    "VolunteerKind",
]
