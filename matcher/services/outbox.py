"""The coordinator's view of the outbox: which messages wait, went out or failed, and sending a
failed one again. Sending itself is services/notifications.py."""

from dataclasses import dataclass

from sqlalchemy import func, select, update

from matcher.extensions import db
from matcher.models import OutboxMessage, User
from matcher.models.matching_extras import OutboxStatus
from matcher.models.people import utcnow
from matcher.services import audit
from matcher.services.errors import DomainError

LIMIT = 200  # the newest messages shown at once


class NotFailed(DomainError):
    """The message is not (or no longer) failed: someone else sent it again first."""

    code = "outbox.not_failed"


@dataclass(frozen=True)
class Outbox:
    messages: list[OutboxMessage]
    counts: dict[str, int]  # per status value, every status present
    more: bool  # more messages match than are shown


def listing(status: OutboxStatus | None = None) -> Outbox:
    """The newest messages (of one status, or all), with the count of each status."""
    query = select(OutboxMessage).order_by(OutboxMessage.id.desc()).limit(LIMIT + 1)
    if status is not None:
        query = query.where(OutboxMessage.status == status)
    found = list(db.session.scalars(query))
    counts = dict.fromkeys((s.value for s in OutboxStatus), 0)
    for value, n in db.session.execute(
        select(OutboxMessage.status, func.count()).group_by(OutboxMessage.status)
    ):
        counts[OutboxStatus(value).value] = n
    return Outbox(found[:LIMIT], counts, len(found) > LIMIT)


def resend(user: User, message_id: int) -> None:
    """Put a failed message back in the queue with fresh attempts (flushes; the caller
    commits and wakes the sender). One conditional update: of two coordinators pressing at
    once, one puts it back; the other gets NotFailed, so the message is queued once."""
    queued = db.session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id == message_id, OutboxMessage.status == OutboxStatus.FAILED)
        .values(
            status=OutboxStatus.PENDING,
            attempts=0,
            next_attempt_at=utcnow(),
            claimed_at=None,
        )
        .execution_options(synchronize_session=False)
    ).rowcount
    if queued != 1:
        raise NotFailed(None)
    audit.record(user, "resend", "outbox_message", message_id, ["status", "attempts"])
    db.session.flush()
