"""Accounts: creating users, setting passwords, checking a login."""

from sqlalchemy import select
from werkzeug.security import check_password_hash, generate_password_hash

from matcher.extensions import db
from matcher.models import Role, User
from matcher.services import audit
from matcher.services.errors import ValidationFailed

MIN_PASSWORD_LENGTH = 10
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


def set_password(user: User, password: str) -> None:
    """Hash and store a password (scrypt, Werkzeug's current default)."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationFailed("password_too_short", {"password": "password_too_short"})
    user.password_hash = generate_password_hash(password)


def authenticate(email: str, password: str) -> User | None:
    """The active user with this e-mail and password, or None (same cost either way)."""
    user = find_user(email)
    stored = user.password_hash if user is not None and user.password_hash else _DUMMY_HASH
    password_ok = check_password_hash(stored, password)
    if user is None or not user.password_hash or not password_ok or not user.active:
        return None
    return user
