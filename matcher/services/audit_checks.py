"""Checks of the audit chain, kept (audit_verifications), and the failed-login monitor read
from the audit trail: counts over the last hour per account and per origin."""

from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import current_app

from matcher.extensions import db
from matcher.models import AuditEvent, AuditVerification, User
from matcher.models.people import utcnow
from matcher.services import audit

MONITOR_WINDOW = timedelta(hours=1)


def verify_and_store(checked_by: str) -> tuple[audit.ChainCheck, AuditVerification]:
    """Check the chain and keep the result (the caller commits)."""
    check = audit.verify_chain()
    verification = AuditVerification(
        intact=check.intact,
        events=check.events,
        broken_seq=check.broken_seq,
        problem=check.problem,
        checked_by=checked_by,
    )
    db.session.add(verification)
    db.session.flush()
    return check, verification


def last_verification() -> AuditVerification | None:
    return db.session.scalar(
        sa.select(AuditVerification).order_by(AuditVerification.id.desc()).limit(1)
    )


@dataclass(frozen=True)
class FailureCount:
    """Refused logins in the last hour for one account (user) or one origin."""

    label: str
    count: int
    spike: bool


def _spike_threshold() -> int:
    return int(current_app.config["LOGIN_SPIKE_THRESHOLD"])


def failed_logins(now: datetime | None = None) -> tuple[list[FailureCount], list[FailureCount]]:
    """Refused logins in the last hour: per account and per origin, most first."""
    since = (now or utcnow()) - MONITOR_WINDOW
    refused = (
        AuditEvent.action == "login",
        AuditEvent.result == audit.REFUSED,
        AuditEvent.at >= since,
    )
    count = sa.func.count().label("n")
    per_account = db.session.execute(
        sa.select(User.email, count)
        .select_from(AuditEvent)
        .join(User, AuditEvent.entity_id == User.id)
        .where(*refused, AuditEvent.entity == "user")
        .group_by(User.email)
        .order_by(count.desc(), User.email)
        .limit(20)
    ).all()
    per_origin = db.session.execute(
        sa.select(AuditEvent.origin, count)
        .where(*refused, AuditEvent.origin != "")
        .group_by(AuditEvent.origin)
        .order_by(count.desc(), AuditEvent.origin)
        .limit(20)
    ).all()
    threshold = _spike_threshold()
    return (
        [FailureCount(email, n, n >= threshold) for email, n in per_account],
        [FailureCount(origin, n, n >= threshold) for origin, n in per_origin],
    )


def refused_since_last_login(user_id: int) -> int:
    """Refused logins of this account since its last successful one."""
    last_done = (
        sa.select(sa.func.max(AuditEvent.seq))
        .where(AuditEvent.action == "login", AuditEvent.result == audit.DONE)
        .where(AuditEvent.entity == "user", AuditEvent.entity_id == user_id)
        .scalar_subquery()
    )
    return db.session.scalar(
        sa.select(sa.func.count())
        .select_from(AuditEvent)
        .where(AuditEvent.action == "login", AuditEvent.result == audit.REFUSED)
        .where(AuditEvent.entity == "user", AuditEvent.entity_id == user_id)
        .where(AuditEvent.seq > sa.func.coalesce(last_done, 0))
    )
