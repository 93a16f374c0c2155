"""E-mail through an outbox: messages are stored with the change that causes them (same
transaction) and sent afterwards over SMTP; a failed send is retried later, and after the last
attempt marked failed (counted on the coordinator's home page), never dropped silently.

Configuration: MATCHER_MAIL_SERVER (no server: messages wait), MATCHER_MAIL_PORT (25),
MATCHER_MAIL_SENDER, MATCHER_MAIL_USERNAME / MATCHER_MAIL_PASSWORD, MATCHER_MAIL_STARTTLS,
MATCHER_MAIL_RETRY_SECONDS (first back-off, 30), MATCHER_MAIL_CLAIM_SECONDS (300).
"""

import logging
import smtplib
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage

from flask import current_app
from sqlalchemy import case, func, select, update

from matcher.extensions import db
from matcher.models import OutboxMessage
from matcher.models.matching_extras import OutboxStatus
from matcher.models.people import utcnow

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 12


def enqueue(to_address: str, subject: str, body: str, run_id: int | None = None) -> OutboxMessage:
    """Put one message in the outbox (flushes; the caller commits with the change itself)."""
    message = OutboxMessage(to_address=to_address, subject=subject, body=body, run_id=run_id)
    db.session.add(message)
    db.session.flush()
    return message


def pending(now: datetime | None = None) -> list[OutboxMessage]:
    """Messages waiting for their (next) attempt, due or not, oldest first."""
    return list(
        db.session.scalars(
            select(OutboxMessage)
            .where(OutboxMessage.status == OutboxStatus.PENDING)
            .order_by(OutboxMessage.id)
        )
    )


def failed_count() -> int:
    """Messages nobody sends any more: past their last attempt."""
    return db.session.scalar(
        select(func.count())
        .select_from(OutboxMessage)
        .where(OutboxMessage.status == OutboxStatus.FAILED)
    )


def send_pending(now: datetime | None = None) -> tuple[int, int]:
    """Send every due message (commits after each); returns (sent, failed). Each message is
    claimed first (pending → sending, one conditional update), so of several senders (threads,
    workers, `matcher send-mail`) exactly one talks to the mail server about it."""
    now = now or utcnow()
    if not current_app.config["MAIL_SERVER"]:
        return 0, 0
    release_stale_claims()
    sent = failed = 0
    for message in [m for m in pending(now) if _aware(m.next_attempt_at) <= now]:
        claim = _claim(message.id, now)
        if claim is None:
            continue  # another sender has it
        try:
            _deliver(message)
        except (OSError, smtplib.SMTPException) as error:
            _record_failure(message, claim, type(error).__name__, now)
            failed += 1
        else:
            _record_sent(message.id, claim)
            sent += 1
    return sent, failed


def _claim(message_id: int, now: datetime) -> datetime | None:
    """pending → sending for this sender; the claim's moment, or None when someone was first."""
    claimed_at = utcnow()
    won = db.session.execute(
        update(OutboxMessage)
        .where(
            OutboxMessage.id == message_id,
            OutboxMessage.status == OutboxStatus.PENDING,
            OutboxMessage.next_attempt_at <= now,
        )
        .values(status=OutboxStatus.SENDING, claimed_at=claimed_at)
        .execution_options(synchronize_session=False)
    ).rowcount
    db.session.commit()
    return claimed_at if won == 1 else None


def _ours(message_id: int, claim: datetime):
    return (
        update(OutboxMessage)
        .where(
            OutboxMessage.id == message_id,
            OutboxMessage.status == OutboxStatus.SENDING,
            OutboxMessage.claimed_at == claim,
        )
        .execution_options(synchronize_session=False)
    )


def _record_sent(message_id: int, claim: datetime) -> None:
    db.session.execute(
        _ours(message_id, claim).values(
            status=OutboxStatus.SENT,
            attempts=OutboxMessage.attempts + 1,
            sent_at=utcnow(),
            claimed_at=None,
            last_error="",
            body="",  # a sent mail may name a participant: keep no copy of it
        )
    )
    db.session.commit()


def _record_failure(message: OutboxMessage, claim: datetime, error: str, now: datetime) -> None:
    """Another attempt later, or failed after the last one."""
    attempts = message.attempts + 1
    last = attempts >= MAX_ATTEMPTS
    db.session.execute(
        _ours(message.id, claim).values(
            status=OutboxStatus.FAILED if last else OutboxStatus.PENDING,
            attempts=attempts,
            claimed_at=None,
            last_error=error[:300],
            next_attempt_at=now + _backoff(attempts),
        )
    )
    db.session.commit()
    if last:
        log.error("outbox message %s failed after %s attempts; not retried", message.id, attempts)
    else:
        log.warning("outbox message %s not sent (attempt %s)", message.id, attempts)


def release_stale_claims() -> int:
    """Give back messages claimed by a sender that stopped mid-send (older than
    MATCHER_MAIL_CLAIM_SECONDS, default 300): it counts as an attempt (commits)."""
    bound = utcnow() - timedelta(seconds=current_app.config["MAIL_CLAIM_SECONDS"])
    released = db.session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.status == OutboxStatus.SENDING, OutboxMessage.claimed_at < bound)
        .values(
            status=case(
                (OutboxMessage.attempts + 1 >= MAX_ATTEMPTS, OutboxStatus.FAILED.value),
                else_=OutboxStatus.PENDING.value,
            ),
            attempts=OutboxMessage.attempts + 1,
            claimed_at=None,
            last_error="interrupted",
        )
        .execution_options(synchronize_session=False)
    ).rowcount
    db.session.commit()
    if released:
        log.warning("released %s outbox messages of a sender that stopped", released)
    return released


def _backoff(attempts: int) -> timedelta:
    """Wait 30 s, 1 min, 2 min … up to an hour between attempts (MATCHER_MAIL_RETRY_SECONDS)."""
    first = current_app.config["MAIL_RETRY_SECONDS"]
    return timedelta(seconds=min(3600.0, first * 2 ** (attempts - 1)))


def next_retry_in(now: datetime | None = None) -> float | None:
    """Seconds until the earliest unsent message is due again; None when nothing waits."""
    if not current_app.config["MAIL_SERVER"]:
        return None
    now = now or utcnow()
    waiting = [_aware(m.next_attempt_at) for m in pending(now)]
    return max(0.0, (min(waiting) - now).total_seconds()) if waiting else None


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _deliver(message: OutboxMessage) -> None:
    config = current_app.config
    email = EmailMessage()
    email["From"] = config["MAIL_SENDER"]
    email["To"] = message.to_address
    email["Subject"] = message.subject
    email["Message-ID"] = f"<outbox-{message.id}@matcher>"
    email.set_content(message.body)
    port = config["MAIL_PORT"]
    timeout = config["MAIL_TIMEOUT"]
    with smtplib.SMTP(config["MAIL_SERVER"], port, timeout=timeout) as smtp:
        if config["MAIL_STARTTLS"]:
            smtp.starttls()
        if config["MAIL_USERNAME"]:
            smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
        smtp.send_message(email)
