"""Accounts: creating and changing users, checking a login, locking after failures, sessions."""

import hashlib
import hmac
from dataclasses import dataclass
from datetime import UTC, datetime

from flask import current_app
from sqlalchemy import select
from werkzeug.security import check_password_hash, generate_password_hash

from matcher.extensions import db
from matcher.models import Role, User
from matcher.models.people import new_session_token
from matcher.services import audit, audit_checks, lockout, twofactor
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
    end_sessions(user)  # a new password ends every session that knew the old one


def authenticate(email: str, password: str) -> User | None:
    """The active user with this e-mail and password, or None (same cost either way)."""
    user = find_user(email)
    stored = user.password_hash if user is not None and user.password_hash else _DUMMY_HASH
    password_ok = check_password_hash(stored, password)
    if user is None or not user.password_hash or not password_ok or not user.active:
        return None
    return user


def end_sessions(user: User) -> None:
    """Replace the account's session token: every session started before is anonymous now."""
    user.session_token = new_session_token()


def end_all_sessions(user: User, actor: User | None) -> None:
    """An admin ends every session of an account (a lost phone, a shared computer)."""
    end_sessions(user)
    db.session.flush()
    audit.record(actor, "end_sessions", "user", user.id, ["session_token"])


def _not_own_account(user: User, actor: User | None) -> None:
    if actor is not None and actor.id == user.id:
        raise ValidationFailed("own_account", {"account": "own_account"})


def change_role(user: User, role: Role, actor: User | None) -> bool:
    """Give the account another role; its sessions end. Whether anything changed."""
    _not_own_account(user, actor)
    if user.role == Role(role):
        return False
    user.role = Role(role)
    end_sessions(user)
    db.session.flush()
    audit.record(actor, "update", "user", user.id, ["role", "session_token"])
    return True


def set_active(user: User, active: bool, actor: User | None) -> None:
    """(De)activate an account; deactivating ends its sessions. Nothing is deleted."""
    _not_own_account(user, actor)
    user.active = active
    if not active:
        end_sessions(user)
    db.session.flush()
    audit.record(actor, "activate" if active else "deactivate", "user", user.id, ["active"])


def change_password(user: User, password: str, actor: User | None) -> None:
    """Set a new password (policy checked); every session of the account ends."""
    set_password(user, password)
    db.session.flush()
    audit.record(actor, "update", "user", user.id, ["password_hash", "session_token"])


@dataclass(frozen=True)
class LoginAttempt:
    """The outcome of a password or code check: the user on success, or the lock's end."""

    user: User | None
    locked_until: datetime | None = None
    account_id: int | None = None  # the account tried, when the address has one


def locked_until(user: User, now: datetime | None = None) -> datetime | None:
    """When the temporary lock of this account ends, or None if it is not locked now."""
    until = lockout.aware(user.locked_until)
    return until if until is not None and until > (now or datetime.now(UTC)) else None


def attempt_login(email: str, password: str, now: datetime | None = None) -> LoginAttempt:
    """Check a login. The attempt is counted (and committed) before the password is checked,
    so parallel guesses cannot outrun the lock; a success resets the count."""
    now = now or datetime.now(UTC)
    user = find_user(email)
    if user is None or not user.active:
        return _attempt_unknown(email, password, now)
    user_id, stored = user.id, user.password_hash
    attempt = lockout.reserve_attempt(user_id, now)
    if attempt is None:
        return LoginAttempt(None, lockout.account_locked_until(user_id, now), user_id)
    if check_password_hash(stored or _DUMMY_HASH, password) and stored:
        lockout.reset(user)
        return LoginAttempt(user, account_id=user_id)
    return LoginAttempt(None, _failed(user_id, attempt, now), user_id)


def attempt_code(user: User, code: str, now: datetime | None = None) -> LoginAttempt:
    """Check the code step of a login, counted like a password attempt."""
    now = now or datetime.now(UTC)
    user_id = user.id
    attempt = lockout.reserve_attempt(user_id, now)
    if attempt is None:
        return LoginAttempt(None, lockout.account_locked_until(user_id, now), user_id)
    if twofactor.verify_once(user, code):
        lockout.reset(user)
        return LoginAttempt(user, account_id=user_id)
    return LoginAttempt(None, _failed(user_id, attempt, now), user_id)


def _failed(user_id: int, attempt: int, now: datetime) -> datetime | None:
    """A wrong password or code: the lock's end when this attempt was the one that locked."""
    if not lockout.reached_limit(attempt):
        return None
    audit.record(None, "lock", "user", user_id)
    return lockout.account_locked_until(user_id, now)


def _attempt_unknown(email: str, password: str, now: datetime) -> LoginAttempt:
    """An address without an active account is counted and locks like an account."""
    key = _throttle_key(email)
    attempt = lockout.reserve_unknown_attempt(key, now)
    if attempt is None:
        return LoginAttempt(None, lockout.unknown_locked_until(key, now))
    check_password_hash(_DUMMY_HASH, password)  # the same cost as any other attempt
    if not lockout.reached_limit(attempt):
        return LoginAttempt(None)
    return LoginAttempt(None, lockout.unknown_locked_until(key, now))


def _throttle_key(email: str) -> str:
    """An HMAC of the address: addresses without an account are never stored themselves."""
    secret = current_app.config["SECRET_KEY"].encode()
    return hmac.new(secret, normalise_email(email).encode(), hashlib.sha256).hexdigest()


def record_login(user: User) -> int:
    """A successful login, audited. Returns how many refused attempts came since the last
    success when that many call for a warning to the account holder (else 0); the caller words
    and queues the e-mail in the same transaction."""
    refused = audit_checks.refused_since_last_login(user.id)
    audit.record(user, "login", "user", user.id)
    return refused if refused >= current_app.config["LOGIN_WARN_AFTER_FAILURES"] else 0


def record_refused_login(account_id: int | None) -> None:
    """A refused password or code: audited for the account tried (never the typed address)."""
    audit.record(None, "login", "user", account_id, result=audit.REFUSED)


def set_phone(user: User, phone: str) -> bool:
    """A coordinator's own phone number, named in the match e-mails; False when unchanged
    (flushes; the caller commits)."""
    phone = " ".join(phone.split())
    if phone == user.phone:
        return False
    user.phone = phone
    audit.record(user, "update", "user", user.id, ["phone"])
    db.session.flush()
    return True
