"""Counting failed logins atomically: an attempt is reserved in the database before it is checked.

Each attempt (password or code) first adds one to the account's counter with a single conditional
UPDATE … RETURNING that only succeeds while the account is not locked; the attempt that reaches
LOCKOUT_ATTEMPTS locks the account in the same statement. However many guesses arrive at once,
at most LOCKOUT_ATTEMPTS are checked per lock window. Addresses without an account are counted
the same way in login_throttles, with an atomic upsert.
"""

from datetime import UTC, datetime, timedelta

from flask import current_app
from sqlalchemy import case, or_, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from matcher.extensions import db
from matcher.models import LoginThrottle, User


def aware(moment: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes; everything stored is UTC."""
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment


def _limit() -> int:
    return int(current_app.config["LOCKOUT_ATTEMPTS"])


def _lock_end(now: datetime) -> datetime:
    return now + timedelta(minutes=current_app.config["LOCKOUT_MINUTES"])


def reserve_attempt(user_id: int, now: datetime) -> int | None:
    """Reserve one attempt for this account and commit it; its number, or None while locked.

    The attempt that reaches the limit locks the account (it is still checked itself).
    """
    not_locked = or_(User.locked_until.is_(None), User.locked_until <= now)
    count = case((User.locked_until.is_(None), User.failed_logins + 1), else_=1)  # a lock ran out
    statement = (
        update(User)
        .where(User.id == user_id, not_locked)
        .values(
            failed_logins=count,
            locked_until=case((count >= _limit(), _lock_end(now)), else_=None),
        )
        .returning(User.failed_logins)
        .execution_options(synchronize_session=False)
    )
    reserved = db.session.execute(statement).scalar_one_or_none()
    db.session.commit()  # the reservation holds before the password is checked
    return reserved


def reached_limit(attempt: int) -> bool:
    """Whether this reserved attempt was the one that locked the account."""
    return attempt >= _limit()


def account_locked_until(user_id: int, now: datetime) -> datetime | None:
    """When this account's lock ends, or None if it is not locked now."""
    until = aware(db.session.scalar(select(User.locked_until).where(User.id == user_id)))
    return until if until is not None and until > now else None


def reset(user: User) -> None:
    """A successful login: the count starts afresh."""
    db.session.execute(
        update(User)
        .where(User.id == user.id)
        .values(failed_logins=0, locked_until=None)
        .execution_options(synchronize_session=False)
    )
    db.session.expire(user, ["failed_logins", "locked_until"])


def _insert(table):
    dialect = db.session.get_bind().dialect.name
    return (postgresql_insert if dialect == "postgresql" else sqlite_insert)(table)


def reserve_unknown_attempt(key: str, now: datetime) -> int | None:
    """Reserve one attempt for an address without an active account; None while it is locked."""
    first_locks = _limit() <= 1
    statement = _insert(LoginThrottle).values(
        key=key, failures=1, locked_until=_lock_end(now) if first_locks else None, updated_at=now
    )
    count = case(
        (LoginThrottle.locked_until.is_(None), LoginThrottle.failures + 1), else_=1
    )  # an earlier lock has run out: start counting afresh
    statement = statement.on_conflict_do_update(
        index_elements=[LoginThrottle.key],
        set_={
            "failures": count,
            "locked_until": case((count >= _limit(), _lock_end(now)), else_=None),
            "updated_at": now,
        },
        where=or_(LoginThrottle.locked_until.is_(None), LoginThrottle.locked_until <= now),
    ).returning(LoginThrottle.failures)
    reserved = db.session.execute(statement).scalar_one_or_none()
    db.session.commit()
    return reserved


def unknown_locked_until(key: str, now: datetime) -> datetime | None:
    """When the lock of this address without an account ends, or None if not locked now."""
    until = aware(
        db.session.scalar(select(LoginThrottle.locked_until).where(LoginThrottle.key == key))
    )
    return until if until is not None and until > now else None
