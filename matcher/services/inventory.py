"""The data inventory for the DPIA, made from the models so that it cannot drift: every column
of every table is classified here, and tests/audit/test_inventory.py fails on one that is not.

Per table: its purpose, the roles that see it in the application, and its retention rule (codes
that web/about/texts.py words). Per column one category: `personal` (about an identifiable
person), `special` (sensitive: health-related or free text that may hold anything about a
person), `pseudonymous` (a number or code that points at a person without naming them) or
`none` (no personal data).
"""

from dataclasses import dataclass

import sqlalchemy as sa

import matcher.models  # noqa: F401  (every model on the metadata)
from matcher.extensions import db

CATEGORIES = ("personal", "special", "pseudonymous", "none")


@dataclass(frozen=True)
class TableClass:
    purpose: str  # a code: web/about/texts.py PURPOSES
    roles: tuple[str, ...]  # roles that see this table's data in the application
    retention: str  # a code: web/about/texts.py RETENTION
    personal: str = ""
    special: str = ""
    pseudonymous: str = ""
    none: str = ""

    def category_of(self, column: str) -> str | None:
        found = [c for c in CATEGORIES if column in getattr(self, c).split()]
        return found[0] if len(found) == 1 else None


ALL = ("admin", "coordinator", "coach", "volunteer")
STAFF = ("coordinator", "coach")
BOOKKEEPING = "version updated_at updated_by_id created_at"

TABLES: dict[str, TableClass] = {
    "participants": TableClass(
        "matching",
        STAFF,
        "duty_plus_retention",
        personal="first_name last_name postcode lat lon pip_date trajectory_end duty_ended_on"
        " languages card_language buddy_gender_preference search_text",
        special="functional_limits notes",
        pseudonymous="id external_ref coach_id updated_by_id",
        none="municipality_id route status availability max_hours_week interests dutch_level"
        " travel_km wants_taalmaatje wants_buddy participation_target hours_before created_at"
        " version updated_at",
    ),
    "volunteers": TableClass(
        "matching",
        ("coordinator",),
        "while_active",
        personal="first_name last_name email phone gender postcode lat lon vog_date languages"
        " search_text",
        pseudonymous="id external_ref user_id updated_by_id",
        none="kind availability capacity session_hours interests travel_km municipality_id"
        " active version updated_at",
    ),
    "volunteer_absences": TableClass(
        "matching",
        ("coordinator", "volunteer"),
        "while_active",
        special="reason",
        pseudonymous="id volunteer_id",
        none="starts_on ends_on",
    ),
    "users": TableClass(
        "accounts",
        ("admin",),
        "while_active",
        personal="email name phone locale search_text",
        pseudonymous="id updated_by_id",
        none="role password_hash active totp_secret totp_last_step failed_logins locked_until"
        " created_at session_token calendar_token wants_reminders version updated_at",
    ),
    "account_links": TableClass(
        "accounts",
        ("admin", "coordinator"),
        "until_link_used",
        pseudonymous="user_id created_by_id token_hash",
        none="id purpose created_at expires_at used_at revoked_at",
    ),
    "meeting_reminders": TableClass(
        "accounts",
        ("volunteer",),
        "a_day",
        pseudonymous="user_id match_id",
        none="id meets_on created_at",
    ),
    "organisations": TableClass(
        "matching",
        ("coordinator",),
        "while_active",
        personal="contact_name contact_email contact_phone",
        pseudonymous="updated_by_id",
        none="id external_ref name municipality_id active search_text version updated_at",
    ),
    "placements": TableClass(
        "matching",
        ("coordinator", "coach"),
        "while_active",
        pseudonymous="contact_user_id updated_by_id",
        none="id external_ref organisation_id title category min_dutch_level description"
        " address postcode lat lon active search_text version updated_at",
    ),
    "placement_sessions": TableClass(
        "matching",
        ("coordinator",),
        "while_active",
        none="id placement_id daypart starts_at ends_at hours capacity",
    ),
    "municipalities": TableClass(
        "matching", ALL, "while_active", none="id name main_place lat lon"
    ),
    "matches": TableClass(
        "matching",
        STAFF,
        "anonymised_with_participant",
        pseudonymous="participant_id volunteer_id",
        none="id kind placement_id dayparts status pinned source run_id reasons starts_on"
        " ends_on created_at",
    ),
    "matching_runs": TableClass(
        "matching",
        ("coordinator",),
        "kept_for_accountability",
        pseudonymous="started_by_id confirmed_by_id",
        none="id municipality_id scope week_start status progress figures error started_at"
        " finished_at heartbeat_at worker confirmed_at",
    ),
    "advice_runs": TableClass(
        "matching",
        ("coordinator",),
        "kept_for_accountability",
        pseudonymous="started_by_id document people places",
        none="id municipality_id scope week_start status error bottlenecks started_at"
        " finished_at heartbeat_at worker",
    ),
    "scenarios": TableClass(
        "matching",
        ("coordinator",),
        "while_active",
        special="name",
        pseudonymous="created_by_id changes outcome",
        none="id week_start status error created_at finished_at heartbeat_at worker",
    ),
    "match_proposals": TableClass(
        "matching",
        ("coordinator",),
        "anonymised_with_participant",
        pseudonymous="participant_id decided_by_id",
        none="id run_id match_id replaces_id action decision pinned reasons decided_at version",
    ),
    "match_rejections": TableClass(
        "matching",
        ("coordinator",),
        "deleted_with_participant",
        pseudonymous="participant_id rejected_by_id lifted_by_id",
        none="id kind placement_id volunteer_id proposal_id rejected_at lifted_at",
    ),
    "run_outcomes": TableClass(
        "matching",
        ("coordinator",),
        "anonymised_with_participant",
        pseudonymous="participant_id",
        none="id run_id participation_hours support_hours required_hours meets_minimum changed"
        " reasons",
    ),
    "hours_entries": TableClass(
        "progress",
        STAFF,
        "anonymised_with_participant",
        special="decision_reason",
        pseudonymous="participant_id entered_by_id approved_by_id",
        none="id entry_date activity_kind hours counts_toward_target status absence_kind"
        " match_id supersedes_id decided_at created_at",
    ),
    "progress_meetings": TableClass(
        "progress",
        ("coach",),
        "deleted_with_participant",
        special="summary",
        pseudonymous="participant_id coach_id",
        none="id held_on next_date created_at",
    ),
    "coordinator_notices": TableClass(
        "matching",
        ("coordinator",),
        "while_active",
        special="detail",
        pseudonymous="volunteer_id resolved_by_id",
        none="id kind match_id created_at resolved_at",
    ),
    "outbox_messages": TableClass(
        "mail",
        ("coordinator",),
        "while_active",
        personal="to_address subject body",
        none="id run_id created_at sent_at attempts next_attempt_at last_error status claimed_at",
    ),
    "erasures": TableClass(
        "privacy",
        ("admin",),
        "kept_for_accountability",
        pseudonymous="participant_id erased_by_id",
        none="id reason erased_at",
    ),
    "audit_events": TableClass(
        "security",
        ("admin",),
        "kept_for_accountability",
        pseudonymous="actor_id entity_id origin",
        none="id at action entity fields result seq prev_hash hash",
    ),
    "audit_chain_head": TableClass(
        "security", ("admin",), "kept_for_accountability", none="id events last_hash"
    ),
    "audit_verifications": TableClass(
        "security",
        ("admin",),
        "kept_for_accountability",
        none="id at intact events broken_seq problem checked_by",
    ),
    "login_throttles": TableClass(
        "security",
        (),
        "until_lock_expires",
        pseudonymous="key",
        none="failures locked_until updated_at",
    ),
    "form_submissions": TableClass(
        "integrity",
        (),
        "a_day",
        pseudonymous="user_id",
        none="key entity record_id created_at",
    ),
    "geocode_cache": TableClass(
        "matching", (), "while_active", none="postcode lat lon label fetched_at"
    ),
}


@dataclass(frozen=True)
class Row:
    table: str
    column: str
    category: str
    purpose: str
    roles: tuple[str, ...]
    retention: str


def unclassified(metadata: sa.MetaData | None = None) -> list[str]:
    """`table.column` of every column without exactly one category (should be none)."""
    missing = []
    for table in (metadata or db.metadata).sorted_tables:
        known = TABLES.get(table.name)
        for column in table.columns:
            if known is None or known.category_of(column.name) is None:
                missing.append(f"{table.name}.{column.name}")
    return missing


def stale(metadata: sa.MetaData | None = None) -> list[str]:
    """Classified names that are no column of the models (a renamed or removed column)."""
    tables = {t.name: {c.name for c in t.columns} for t in (metadata or db.metadata).sorted_tables}
    names = []
    for name, known in TABLES.items():
        for category in CATEGORIES:
            for column in getattr(known, category).split():
                if column not in tables.get(name, ()):
                    names.append(f"{name}.{column}")
    return names


def rows(metadata: sa.MetaData | None = None) -> list[Row]:
    """Every column of every table with its classification, table by table."""
    out = []
    for table in sorted((metadata or db.metadata).sorted_tables, key=lambda t: t.name):
        known = TABLES.get(table.name)
        for column in table.columns:
            category = known.category_of(column.name) if known else None
            out.append(
                Row(
                    table.name,
                    column.name,
                    category or "unclassified",
                    known.purpose if known else "",
                    known.roles if known else (),
                    known.retention if known else "",
                )
            )
    return out
