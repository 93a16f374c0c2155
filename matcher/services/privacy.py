"""The AVG duties: logging who opens a profile, inzage (export), erasure and the retention purge.

Erasure anonymises rather than deletes: the participant row stays, stripped of everything that
identifies the person, so hours totals and matches still count in the statistics. Tables that
refer to participants are handled by ERASE_POLICY; a table missing there stops an erasure
(and fails tests/privacy) until someone decides what erasing means for it.
"""

import datetime as dt
import enum
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa
import sqlalchemy.orm
from flask import current_app

from matcher.extensions import db
from matcher.models import AuditEvent, Erasure, Participant, ParticipantStatus, User
from matcher.services import audit
from matcher.services import search as search_text
from matcher.services.errors import DomainError

KEEP = "keep"
DELETE = "delete"
ANONYMOUS_NAME = "Geanonimiseerd"
# What erasing a participant does to each table that refers to participants:
# KEEP (no identifying content), DELETE (the rows go), or {column: value} (those are blanked).
ERASE_POLICY: dict[str, Any] = {
    "matches": KEEP,  # which placement or volunteer, day-parts, dates: needed for the figures
    "hours_entries": {"decision_reason": ""},
    "progress_meetings": DELETE,  # conversation summaries are about the person
    "match_proposals": KEEP,  # reason codes only
    "match_rejections": DELETE,  # a coordinator's judgement about the person
    "run_outcomes": KEEP,  # numbers and reason codes only
    "erasures": KEEP,
}
# Participant columns blanked on erasure; municipality, route and hours stay for statistics.
BLANKED: dict[str, Callable[[Participant], Any]] = {
    "first_name": lambda p: ANONYMOUS_NAME,
    "last_name": lambda p: "",
    "external_ref": lambda p: None,
    "coach_id": lambda p: None,
    "status": lambda p: ParticipantStatus.FINISHED,
    "pip_date": lambda p: p.pip_date.replace(day=1),
    "trajectory_end": lambda p: None,
    "duty_ended_on": lambda p: p.duty_ended_on and p.duty_ended_on.replace(day=1),
    "availability": lambda p: 0,
    "functional_limits": lambda p: "",
    "notes": lambda p: "",
    "interests": lambda p: [],
    "languages": lambda p: [],
    "card_language": lambda p: None,
    "postcode": lambda p: "",
    "lat": lambda p: p.municipality.lat,
    "lon": lambda p: p.municipality.lon,
    "wants_taalmaatje": lambda p: False,
    "wants_buddy": lambda p: False,
    "buddy_gender_preference": lambda p: None,
}


class UnclassifiedTable(DomainError):
    """A table refers to participants but ERASE_POLICY does not say what erasing does to it."""

    code = "privacy.unclassified_table"

    def __init__(self, tables: list[str]):
        super().__init__(None, tables=", ".join(tables))
        self.tables = tables


def log_profile_view(actor: User, participant: Participant) -> None:
    """Record that `actor` opened the full profile, and commit it (a read has no transaction)."""
    audit.record(actor, "view", "participant", participant.id)
    db.session.commit()


def referring_columns() -> dict[str, sa.Column]:
    """Every table that refers to participants, with its referring column."""
    found = {}
    for table in db.metadata.sorted_tables:
        for fk in table.foreign_keys:
            if fk.column.table.name == "participants" and fk.parent.table is table:
                found[table.name] = fk.parent
    return found


def is_erased(participant: Participant) -> bool:
    """Whether this participant was already anonymised."""
    query = sa.select(Erasure.id).where(Erasure.participant_id == participant.id)
    return db.session.scalar(query) is not None


def _plain(value: Any) -> Any:
    """A JSON-ready value."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value


def _row(obj_or_mapping) -> dict[str, Any]:
    if isinstance(obj_or_mapping, Participant):
        columns = Participant.__table__.columns
        return {c.key: _plain(getattr(obj_or_mapping, c.key)) for c in columns}
    return {key: _plain(value) for key, value in obj_or_mapping.items()}


def export(actor: User, participant: Participant) -> dict[str, Any]:
    """Everything held about one participant, for an inzageverzoek; the export is audited."""
    related = {}
    for name, column in sorted(referring_columns().items()):
        rows = db.session.execute(
            sa.select(column.table)
            .where(column == participant.id)
            .order_by(*column.table.primary_key)
        )
        related[name] = [_row(r) for r in rows.mappings()]
    audit.record(actor, "export", "participant", participant.id)
    db.session.flush()
    coach = participant.coach
    return {
        "format": "matcher-inzage/1",
        "generated_at": _plain(dt.datetime.now(dt.UTC)),
        "participant": _row(participant),
        "municipality": participant.municipality.name,
        "coach": {"name": coach.name, "email": coach.email} if coach else None,
        "related": related,
        "audit_trail": _audit_trail(participant.id),
    }


def _audit_trail(participant_id: int) -> list[dict[str, Any]]:
    """Who viewed or changed this participant, when (field names, never values)."""
    events = db.session.scalars(
        sa.select(AuditEvent)
        .where(AuditEvent.entity == "participant", AuditEvent.entity_id == participant_id)
        .order_by(AuditEvent.at, AuditEvent.id)
    )
    return [
        {
            "at": _plain(e.at),
            "actor": e.actor.name if e.actor else None,
            "actor_role": _plain(e.actor.role) if e.actor else None,
            "action": e.action,
            "fields": e.fields,
        }
        for e in events
    ]


def erase(actor: User | None, participant: Participant, reason: str = "request") -> None:
    """Anonymise one participant: identity gone, hours and matches kept for the statistics."""
    if is_erased(participant):
        return
    tables = referring_columns()
    unknown = sorted(set(tables) - set(ERASE_POLICY))
    if unknown:
        raise UnclassifiedTable(unknown)
    for name, column in tables.items():
        policy = ERASE_POLICY[name]
        where = column == participant.id
        if policy == DELETE:
            db.session.execute(sa.delete(column.table).where(where))
        elif isinstance(policy, dict):
            db.session.execute(sa.update(column.table).where(where).values(**policy))
    for key, blank in BLANKED.items():
        setattr(participant, key, blank(participant))
    db.session.add(
        Erasure(participant_id=participant.id, reason=reason, erased_by_id=actor and actor.id)
    )
    action = "erase" if reason == "request" else "purge"
    audit.record(actor, action, "participant", participant.id, BLANKED)
    db.session.flush()


def retention_cutoff(today: dt.date, years: int | None = None) -> dt.date:
    """Duty that ended before this date ended more than the retention period ago."""
    years = years if years is not None else current_app.config["RETENTION_YEARS"]
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February in a year without one
        return today.replace(year=today.year - years, day=28)


def purge_candidates(today: dt.date) -> list[Participant]:
    """Participants whose integration duty ended more than the retention period before today."""
    erased = sa.select(Erasure.participant_id)
    return list(
        db.session.scalars(
            sa.select(Participant)
            .where(Participant.duty_ended_on < retention_cutoff(today))
            .where(Participant.id.not_in(erased))
            .order_by(Participant.duty_ended_on, Participant.id)
        )
    )


@dataclass(frozen=True)
class PurgeItem:
    """A purged participant, by pseudonymous reference only (no names in output or logs)."""

    id: int
    external_ref: str | None
    duty_ended_on: dt.date


def purge(today: dt.date, dry_run: bool = False) -> list[PurgeItem]:
    """Erase every purge candidate (unless dry_run); returns what went (or would go)."""
    candidates = purge_candidates(today)
    items = [PurgeItem(p.id, p.external_ref, p.duty_ended_on) for p in candidates]
    if not dry_run:
        for participant in candidates:
            erase(None, participant, reason="retention")
    return items


@dataclass(frozen=True)
class AuditFilter:
    """What the admin narrows the audit trail to; empty fields do not filter."""

    participant_id: int | None = None
    actor: str = ""
    action: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None


def _local_midnight(day: dt.date) -> dt.datetime:
    """The start of `day` in the organisation's time zone, as an aware datetime."""
    zone = ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])
    # In UTC: SQLite stores the wall-clock time of whatever it is given.
    return dt.datetime.combine(day, dt.time.min, tzinfo=zone).astimezone(dt.UTC)


def search_audit(filters: AuditFilter, page: int = 1, per_page: int = 100):
    """One page of audit events, newest first, with the total count."""
    query = sa.select(AuditEvent).outerjoin(User, AuditEvent.actor_id == User.id)
    if filters.participant_id is not None:
        query = query.where(
            AuditEvent.entity == "participant", AuditEvent.entity_id == filters.participant_id
        )
    query = search_text.filtered(query, filters.actor, User.search_text)
    if filters.action:
        query = query.where(AuditEvent.action == filters.action)
    if filters.date_from is not None:
        query = query.where(AuditEvent.at >= _local_midnight(filters.date_from))
    if filters.date_to is not None:
        next_day = filters.date_to + dt.timedelta(days=1)
        query = query.where(AuditEvent.at < _local_midnight(next_day))
    total = db.session.scalar(sa.select(sa.func.count()).select_from(query.subquery()))
    events = db.session.scalars(
        query.options(sa.orm.selectinload(AuditEvent.actor))
        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
        .limit(per_page)
        .offset((max(1, page) - 1) * per_page)
    )
    return list(events), total
