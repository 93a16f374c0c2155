"""Accounts: creating users, setting passwords, checking a login, locking after failures."""

import hashlib
import hmac
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from flask import current_app
from sqlalchemy import select
from werkzeug.security import check_password_hash, generate_password_hash

from matcher.extensions import db
from matcher.models import LoginThrottle, Role, User
from matcher.services import audit
from matcher.services.errors import ValidationFailed

MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 200
# Passwords that are long enough yet among the first tried in any guessing attack.
_COMMON = """
    1234567890 12345678910 0123456789 1234512345 1qaz2wsx3edc qwertyuiop qwerty1234
    qwerty123456 1q2w3e4r5t 1q2w3e4r5t6y q1w2e3r4t5 azertyuiop asdfghjkl; zxcvbnm123
    password12 password123 password1234 passw0rd123 welkom1234 welkom12345 wachtwoord
    wachtwoord1 wachtwoord12 wachtwoord123 wachtwoord! geheim1234 iloveyou12 letmein123
    administrator admin12345 changeme123 football12 starwars12 sunshine12 princess12
    abcdefghij abc1234567 aaaaaaaaaa 1111111111 0000000000 matcher123 matcher2026
    gemeente123 inburgering welzijn123 voorjaar2026 zomer2026! winter2026! najaar2026!
"""
COMMON_PASSWORDS = frozenset(_COMMON.split())
# A real hash of a random password: checking against it costs as much as a real check,
# so the time taken does not tell whether an e-mail address has an account.
_DUMMY_HASH = generate_password_hash("not-a-password-of-anyone")


def normalise_email(email: str) -> str:
    """E-mail addresses are compared case-insensitively, stored lower-case."""
    return email.strip().lower()


def find_user(email: str) -> User | None:
    """The account with this e-mail address, if any."""
    return db.session.scalar(select(User).where(User.email == normalise_email(email)))


def create_user(
    email: str, name: str, role: Role, password: str | None = None, actor: User | None = None
) -> User:
    """Create an account; without a password it cannot log in until one is set."""
    email = normalise_email(email)
    if find_user(email) is not None:
        raise ValidationFailed("email_taken", {"email": "email_taken"})
    user = User(email=email, name=name.strip(), role=Role(role))
    if password is not None:
        set_password(user, password)
    db.session.add(user)
    db.session.flush()
    audit.record(actor, "create", "user", user.id, ["email", "name", "role"])
    return user


def password_problem(password: str, email: str = "") -> str | None:
    """Why this password is not acceptable (a code), or None when it is."""
    lowered = password.lower()
    local_part = normalise_email(email).split("@")[0]
    if len(password) < MIN_PASSWORD_LENGTH:
        return "password_too_short"
    if len(password) > MAX_PASSWORD_LENGTH:
        return "password_too_long"
    if email and (
        lowered == normalise_email(email) or (len(local_part) >= 4 and local_part in lowered)
    ):
        return "password_like_email"
    if lowered in COMMON_PASSWORDS or len(set(lowered)) <= 2:
        return "password_too_common"
    return None


def set_password(user: User, password: str) -> None:
    """Check the password policy, then hash and store it (scrypt, Werkzeug's default)."""
    problem = password_problem(password, user.email or "")
    if problem is not None:
        raise ValidationFailed(problem, {"password": problem})
    user.password_hash = generate_password_hash(password)


def authenticate(email: str, password: str) -> User | None:
    """The active user with this e-mail and password, or None (same cost either way)."""
    user = find_user(email)
    stored = user.password_hash if user is not None and user.password_hash else _DUMMY_HASH
    password_ok = check_password_hash(stored, password)
    if user is None or not user.password_hash or not password_ok or not user.active:
        return None
    return user


@dataclass(frozen=True)
class LoginAttempt:
    """The outcome of a password check: the user on success, or whether the account is locked."""

    user: User | None
    locked_until: datetime | None = None


def _aware(moment: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes; everything stored is UTC."""
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment


def locked_until(user: User, now: datetime | None = None) -> datetime | None:
    """When the temporary lock of this account ends, or None if it is not locked now."""
    until = _aware(user.locked_until)
    return until if until is not None and until > (now or datetime.now(UTC)) else None


def attempt_login(email: str, password: str, now: datetime | None = None) -> LoginAttempt:
    """Check a login; count failures and lock the account for a while after too many."""
    now = now or datetime.now(UTC)
    user = find_user(email)
    if user is not None and (until := locked_until(user, now)) is not None:
        return LoginAttempt(None, until)
    if (user is None or not user.active) and (until := _unknown_locked_until(email, now)):
        check_password_hash(_DUMMY_HASH, password)  # the same cost as any other attempt
        return LoginAttempt(None, until)
    if authenticate(email, password) is not None:
        user.failed_logins = 0
        user.locked_until = None
        return LoginAttempt(user)
    if user is None or not user.active:
        return LoginAttempt(None, _register_unknown_failure(email, now))
    return LoginAttempt(None, register_failure(user, now))


def register_failure(user: User, now: datetime | None = None) -> datetime | None:
    """One more failed attempt (password or code); returns the lock's end once it locks."""
    now = now or datetime.now(UTC)
    if user.locked_until is not None and locked_until(user, now) is None:
        user.failed_logins = 0  # an earlier lock has run out: start counting afresh
        user.locked_until = None
    user.failed_logins += 1
    if user.failed_logins >= current_app.config["LOCKOUT_ATTEMPTS"]:
        user.locked_until = now + timedelta(minutes=current_app.config["LOCKOUT_MINUTES"])
        user.failed_logins = 0
        audit.record(None, "lock", "user", user.id)
    db.session.flush()
    return locked_until(user, now)


def _throttle_key(email: str) -> str:
    """An HMAC of the address: addresses without an account are never stored themselves."""
    secret = current_app.config["SECRET_KEY"].encode()
    return hmac.new(secret, normalise_email(email).encode(), hashlib.sha256).hexdigest()


def _unknown_locked_until(email: str, now: datetime) -> datetime | None:
    throttle = db.session.get(LoginThrottle, _throttle_key(email))
    until = _aware(throttle.locked_until) if throttle is not None else None
    return until if until is not None and until > now else None


def _register_unknown_failure(email: str, now: datetime) -> datetime | None:
    """Count a failure for an address without an active account; it locks like an account."""
    key = _throttle_key(email)
    throttle = db.session.get(LoginThrottle, key) or LoginThrottle(key=key, failures=0)
    if throttle.locked_until is not None and _aware(throttle.locked_until) <= now:
        throttle.failures, throttle.locked_until = 0, None  # an earlier lock has run out
    throttle.failures += 1
    throttle.updated_at = now
    if throttle.failures >= current_app.config["LOCKOUT_ATTEMPTS"]:
        throttle.locked_until = now + timedelta(minutes=current_app.config["LOCKOUT_MINUTES"])
        throttle.failures = 0
    db.session.add(throttle)
    db.session.flush()
    return _unknown_locked_until(email, now)
