"""E-mail through an outbox: messages are stored with the change that causes them (same
transaction) and sent afterwards over SMTP; a failed send is retried later, never lost.

Configuration: MATCHER_MAIL_SERVER (no server: messages wait), MATCHER_MAIL_PORT (25),
MATCHER_MAIL_SENDER, MATCHER_MAIL_USERNAME / MATCHER_MAIL_PASSWORD, MATCHER_MAIL_STARTTLS.
"""

import logging
import smtplib
import threading
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage

from flask import current_app
from sqlalchemy import select

from matcher.extensions import db
from matcher.models import OutboxMessage
from matcher.models.people import utcnow

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 12
_send_lock = threading.Lock()


def enqueue(to_address: str, subject: str, body: str, run_id: int | None = None) -> OutboxMessage:
    """Put one message in the outbox (flushes; the caller commits with the change itself)."""
    message = OutboxMessage(to_address=to_address, subject=subject, body=body, run_id=run_id)
    db.session.add(message)
    db.session.flush()
    return message


def pending(now: datetime | None = None) -> list[OutboxMessage]:
    """Unsent messages whose next attempt is due."""
    now = now or utcnow()
    return list(
        db.session.scalars(
            select(OutboxMessage)
            .where(
                OutboxMessage.sent_at.is_(None),
                OutboxMessage.attempts < MAX_ATTEMPTS,
            )
            .order_by(OutboxMessage.id)
        )
    )


def send_pending(now: datetime | None = None) -> tuple[int, int]:
    """Send every due message (commits after each); returns (sent, failed)."""
    now = now or utcnow()
    server = current_app.config.get("MAIL_SERVER")
    if not server:
        return 0, 0
    sent = failed = 0
    with _send_lock:
        for message in [m for m in pending(now) if _aware(m.next_attempt_at) <= now]:
            try:
                _deliver(message)
            except (OSError, smtplib.SMTPException) as error:
                message.attempts += 1
                message.last_error = f"{type(error).__name__}"[:300]
                message.next_attempt_at = now + _backoff(message.attempts)
                failed += 1
                log.warning("outbox message %s not sent (attempt %s)", message.id, message.attempts)
            else:
                message.attempts += 1
                message.sent_at = utcnow()
                message.last_error = ""
                message.body = ""  # a sent mail may name a participant: keep no copy of it
                sent += 1
            db.session.commit()
    return sent, failed


def _backoff(attempts: int) -> timedelta:
    """Wait 30 s, 1 min, 2 min … up to an hour between attempts (MATCHER_MAIL_RETRY_SECONDS)."""
    first = float(current_app.config.get("MAIL_RETRY_SECONDS", 30))
    return timedelta(seconds=min(3600.0, first * 2 ** (attempts - 1)))


def next_retry_in(now: datetime | None = None) -> float | None:
    """Seconds until the earliest unsent message is due again; None when nothing waits."""
    if not current_app.config.get("MAIL_SERVER"):
        return None
    now = now or utcnow()
    waiting = [_aware(m.next_attempt_at) for m in pending(now)]
    return max(0.0, (min(waiting) - now).total_seconds()) if waiting else None


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _deliver(message: OutboxMessage) -> None:
    config = current_app.config
    email = EmailMessage()
    email["From"] = config.get("MAIL_SENDER", "matcher@localhost")
    email["To"] = message.to_address
    email["Subject"] = message.subject
    email["Message-ID"] = f"<outbox-{message.id}@matcher>"
    email.set_content(message.body)
    port = int(config.get("MAIL_PORT", 25))
    timeout = float(config.get("MAIL_TIMEOUT", 10))
    with smtplib.SMTP(config["MAIL_SERVER"], port, timeout=timeout) as smtp:
        if config.get("MAIL_STARTTLS"):
            smtp.starttls()
        if config.get("MAIL_USERNAME"):
            smtp.login(config["MAIL_USERNAME"], config.get("MAIL_PASSWORD", ""))
        smtp.send_message(email)
