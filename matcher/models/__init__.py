"""The data model: typed SQLAlchemy 2 models (data and small invariants only)."""

from matcher.models.account_links import AccountLink, LinkPurpose, MeetingReminder
from matcher.models.activity import (
    AuditChainHead,
    AuditEvent,
    AuditVerification,
    HoursEntry,
    Match,
    MatchingRun,
)
from matcher.models.advice import AdviceRun, Scenario
from matcher.models.edits import FormSubmission
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
from matcher.models.geocoding import GeocodeCache
from matcher.models.hours_extras import CoordinatorNotice, ProgressMeeting
from matcher.models.matching_extras import (
    Decision,
    MatchProposal,
    MatchRejection,
    OutboxMessage,
    ParticipantOutcomeRow,
    ProposalAction,
)
from matcher.models.people import LoginThrottle, Municipality, Participant, User
from matcher.models.privacy import Erasure
from matcher.models.registry import (
    Organisation,
    Placement,
    PlacementSession,
    Volunteer,
    VolunteerAbsence,
)
from matcher.models.search import search_text_of  # also keeps search_text current

__all__ = [
    "AbsenceKind",
    "AccountLink",
    "ActivityKind",
    "AdviceRun",
    "AuditChainHead",
    "AuditEvent",
    "AuditVerification",
    "CoordinatorNotice",
    "Decision",
    "DutchLevel",
    "Erasure",
    "FormSubmission",
    "Gender",
    "GeocodeCache",
    "HoursEntry",
    "HoursStatus",
    "LinkPurpose",
    "LoginThrottle",
    "Match",
    "MatchKind",
    "MatchProposal",
    "MatchRejection",
    "MatchSource",
    "MatchStatus",
    "MatchingRun",
    "MeetingReminder",
    "Municipality",
    "Organisation",
    "OutboxMessage",
    "Participant",
    "ParticipantOutcomeRow",
    "ParticipantStatus",
    "Placement",
    "PlacementSession",
    "ProgressMeeting",
    "ProposalAction",
    "Role",
    "Route",
    "RunStatus",
    "Scenario",
    "User",
    "Volunteer",
    "VolunteerAbsence",
    "VolunteerKind",
    "search_text_of",
]
