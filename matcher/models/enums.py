"""Closed vocabularies of the data model, stored as short strings with a CHECK constraint."""

import enum

import sqlalchemy as sa

from matcher.categories import CATEGORIES  # noqa: F401  (part of the model's vocabulary)


class Role(enum.StrEnum):
    ADMIN = "admin"
    COORDINATOR = "coordinator"
    COACH = "coach"
    VOLUNTEER = "volunteer"


class DutchLevel(enum.StrEnum):
    A0 = "A0"
    A1 = "A1"
    A2 = "A2"
    B1 = "B1"
    B2 = "B2"


class Route(enum.StrEnum):
    Z_ROUTE = "z_route"
    B1_ROUTE = "b1_route"
    EDUCATION = "onderwijsroute"


class ParticipantStatus(enum.StrEnum):
    INTAKE = "intake"
    ACTIVE = "active"
    PAUSED = "paused"
    FINISHED = "finished"


class VolunteerKind(enum.StrEnum):
    TAALMAATJE = "taalmaatje"
    BUDDY = "buddy"


class Gender(enum.StrEnum):
    FEMALE = "female"
    MALE = "male"
    OTHER = "other"


class MatchKind(enum.StrEnum):
    PLACEMENT = "placement"
    TAALMAATJE = "taalmaatje"
    BUDDY = "buddy"


class MatchStatus(enum.StrEnum):
    PROPOSED = "proposed"
    ACTIVE = "active"
    ENDED = "ended"
    REJECTED = "rejected"


class MatchSource(enum.StrEnum):
    SOLVER = "solver"
    MANUAL = "manual"


class RunStatus(enum.StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"
    CONFIRMED = "confirmed"


class ActivityKind(enum.StrEnum):
    PLACEMENT = "placement"
    MAP = "map"
    PVT = "pvt"
    WORKSHOP = "workshop"
    OTHER = "other"
    TAALMAATJE = "taalmaatje"
    BUDDY = "buddy"

    @property
    def counts_toward_target(self) -> bool:
        """Taalmaatje and buddy meetings are support: recorded, not counted toward 800 hours."""
        return self not in (ActivityKind.TAALMAATJE, ActivityKind.BUDDY)


class HoursStatus(enum.StrEnum):
    SUBMITTED = "submitted"
    APPROVED = "approved"
    REJECTED = "rejected"


class AbsenceKind(enum.StrEnum):
    AUTHORISED = "authorised"
    UNAUTHORISED = "unauthorised"


def enum_column(enum_cls: type[enum.StrEnum], name: str) -> sa.Enum:
    """A portable enum column type: VARCHAR plus a named CHECK constraint, values as stored."""
    return sa.Enum(
        enum_cls,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=max(len(m.value) for m in enum_cls),
        values_callable=lambda cls: [m.value for m in cls],
        validate_strings=True,
    )
