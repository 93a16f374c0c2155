"""Participation hours: entry with validation, decisions, corrections that supersede.

An entry is never changed after the fact except for its decision (submitted → approved or
rejected, once). A correction is a new entry that supersedes the old one, so the history stays.
Decisions use a conditional UPDATE … WHERE status = 'submitted': two coaches deciding at once
cannot overwrite each other; the later one is told what was decided.
"""

import math
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select, update
from sqlalchemy.orm import aliased, selectinload

from matcher import bounds
from matcher.extensions import db
from matcher.models import (
    AbsenceKind,
    ActivityKind,
    HoursEntry,
    HoursStatus,
    Participant,
    User,
)
from matcher.models.people import utcnow
from matcher.services import audit
from matcher.services.errors import DomainError, NotFound, ValidationFailed

MAX_HOURS_PER_DAY = bounds.DAY_HOURS.high


@dataclass(frozen=True)
class NewHours:
    """One line of hours as a user typed it."""

    entry_date: date
    activity_kind: ActivityKind
    hours: float
    absence_kind: AbsenceKind | None = None
    match_id: int | None = None


def is_superseded():
    """SQL condition: some other entry supersedes this HoursEntry row."""
    correction = aliased(HoursEntry)
    return select(correction.id).where(correction.supersedes_id == HoursEntry.id).exists()


def current_entries(participant_id: int, on: date, exclude_id: int | None = None):
    """The live (not superseded, not rejected) entries of a participant on one day."""
    query = select(HoursEntry).where(
        HoursEntry.participant_id == participant_id,
        HoursEntry.entry_date == on,
        HoursEntry.status != HoursStatus.REJECTED,
        ~is_superseded(),
    )
    if exclude_id is not None:
        query = query.where(HoursEntry.id != exclude_id)
    return list(db.session.scalars(query))


def check(participant: Participant, new: NewHours, today: date, replaces: int | None = None):
    """Raise ValidationFailed (a code per field) when `new` breaks a rule."""
    if not isinstance(new.hours, int | float) or not math.isfinite(new.hours):
        raise ValidationFailed("number.not_a_number", {"hours": "number.not_a_number"})
    if new.hours < 0:
        raise ValidationFailed("hours.negative", {"hours": "hours.negative"})
    if new.entry_date > today:
        raise ValidationFailed("date.future", {"entry_date": "date.future"})
    if new.entry_date < participant.pip_date:
        pip = {"date": participant.pip_date}
        raise ValidationFailed("hours.before_pip", {"entry_date": ("hours.before_pip", pip)}, **pip)
    others = current_entries(participant.id, new.entry_date, exclude_id=replaces)
    already = sum(e.hours for e in others)
    if already + new.hours > MAX_HOURS_PER_DAY:
        day = {"hours": float(already), "most": MAX_HOURS_PER_DAY}
        raise ValidationFailed("hours.day_total", {"hours": ("hours.day_total", day)}, **day)
    for other in others:
        same_session = other.match_id == new.match_id or None in (other.match_id, new.match_id)
        if other.activity_kind == new.activity_kind and same_session:
            raise ValidationFailed("hours.duplicate", {"entry_date": "hours.duplicate"})


def add(
    actor: User,
    participant: Participant,
    new: NewHours,
    today: date,
    approve: bool = False,
    supersedes: HoursEntry | None = None,
) -> HoursEntry:
    """Validate and add one entry: approved at once when a coach enters it, else submitted."""
    check(participant, new, today, replaces=supersedes.id if supersedes else None)
    entry = HoursEntry(
        participant_id=participant.id,
        entry_date=new.entry_date,
        activity_kind=new.activity_kind,
        hours=new.hours,
        counts_toward_target=new.activity_kind.counts_toward_target and new.absence_kind is None,
        absence_kind=new.absence_kind,
        match_id=new.match_id,
        supersedes_id=supersedes.id if supersedes else None,
        entered_by_id=actor.id,
        status=HoursStatus.APPROVED if approve else HoursStatus.SUBMITTED,
        approved_by_id=actor.id if approve else None,
        decided_at=utcnow() if approve else None,
    )
    db.session.add(entry)
    db.session.flush()
    audit.record(actor, "correct" if supersedes else "create", "hours_entry", entry.id, ["hours"])
    return entry


def correct(actor: User, participant: Participant, old: HoursEntry, hours: float, today: date):
    """Supersede `old` with a new entry of `hours` (the old entry stays as history)."""
    if old.participant_id != participant.id:
        raise NotFound(old.id)
    if db.session.scalar(select(HoursEntry.id).where(HoursEntry.supersedes_id == old.id)):
        raise DomainError("hours.already_corrected")
    new = NewHours(old.entry_date, old.activity_kind, hours, old.absence_kind, old.match_id)
    return add(actor, participant, new, today, approve=True, supersedes=old)


def decide(actor: User, entry: HoursEntry, approve: bool, reason: str = "") -> bool:
    """Approve or reject a submitted entry once; False when the same decision was already made.

    Raises DomainError when another decision got there first, naming it, so neither coach's
    decision is lost without them knowing.
    """
    reason = reason.strip()
    if not approve and not reason:
        raise ValidationFailed("hours.reason_required", {"reason": "hours.reason_required"})
    status = HoursStatus.APPROVED if approve else HoursStatus.REJECTED
    result = db.session.execute(
        update(HoursEntry)
        .where(
            HoursEntry.id == entry.id,
            HoursEntry.status == HoursStatus.SUBMITTED,
            ~is_superseded(),
        )
        .values(status=status, approved_by_id=actor.id, decided_at=utcnow(), decision_reason=reason)
        .execution_options(synchronize_session=False)
    )
    db.session.refresh(entry)
    if result.rowcount == 1:
        audit.record(actor, str(status), "hours_entry", entry.id, ["status"])
        return True
    if entry.status == status:
        return False
    if entry.status == HoursStatus.SUBMITTED:  # still waiting, so a correction replaced it
        raise DomainError("hours.corrected_meanwhile")
    raise DomainError(
        "hours.decided_meanwhile",
        name=entry.approved_by.name if entry.approved_by else "?",
        status=str(entry.status),
    )


def submitted_for(participant_ids: list[int]) -> list[HoursEntry]:
    """Entries waiting for a decision for these participants, oldest first."""
    if not participant_ids:
        return []
    return list(
        db.session.scalars(
            select(HoursEntry)
            .where(
                HoursEntry.participant_id.in_(participant_ids),
                HoursEntry.status == HoursStatus.SUBMITTED,
                ~is_superseded(),
            )
            .order_by(HoursEntry.entry_date, HoursEntry.id)
            .options(selectinload(HoursEntry.participant), selectinload(HoursEntry.entered_by))
        )
    )


def history(participant_id: int) -> list[HoursEntry]:
    """Every entry of a participant, newest day first, corrections included."""
    return list(
        db.session.scalars(
            select(HoursEntry)
            .where(HoursEntry.participant_id == participant_id)
            .order_by(HoursEntry.entry_date.desc(), HoursEntry.id.desc())
        )
    )


def superseded_ids(participant_id: int) -> set[int]:
    """Ids of this participant's entries that a correction has replaced."""
    return set(
        db.session.scalars(
            select(HoursEntry.supersedes_id).where(
                HoursEntry.participant_id == participant_id, HoursEntry.supersedes_id.is_not(None)
            )
        )
    )


@dataclass(frozen=True)
class Bulk:
    """What a bulk approval did: the entries approved now, those already approved (by anyone),
    and those someone decided otherwise or corrected meanwhile (with the reason)."""

    approved: list[HoursEntry]
    already: list[HoursEntry]
    refused: list[tuple[HoursEntry, DomainError]]


def approve_many(actor: User, participant_ids: list[int], entry_ids: list[int]) -> Bulk:
    """Approve each of these entries of these (visible) participants once, each with the
    race-safe `decide`: an entry decided meanwhile is reported, never decided twice. Ids that
    are not waiting entries of these participants raise NotFound (nothing is decided)."""
    entries = list(
        db.session.scalars(
            select(HoursEntry)
            .where(HoursEntry.id.in_(entry_ids), HoursEntry.participant_id.in_(participant_ids))
            .order_by(HoursEntry.entry_date, HoursEntry.id)
            .options(selectinload(HoursEntry.participant))
        )
    )
    if not entry_ids or len(entries) != len(set(entry_ids)):
        raise NotFound(None)
    # Lock every entry first, in id order, before any decision takes the audit chain's head:
    # two bulk approvals of overlapping entries then wait for each other instead of deadlocking
    # (entry, head) against (head, entry) on PostgreSQL. SQLite serialises writers anyway.
    db.session.execute(
        select(HoursEntry.id)
        .where(HoursEntry.id.in_([e.id for e in entries]))
        .order_by(HoursEntry.id)
        .with_for_update()
    ).all()
    approved, already, refused = [], [], []
    for entry in entries:
        try:
            (approved if decide(actor, entry, approve=True) else already).append(entry)
        except DomainError as problem:  # decide changed nothing: the UPDATE matched no row
            refused.append((entry, problem))
    return Bulk(approved, already, refused)
