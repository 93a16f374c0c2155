"""One-time account links (issue 16): invitations to set a first password and password resets.

A link carries a random secret; only its SHA-256 is stored. Using a link is one conditional
UPDATE (unused, unrevoked, unexpired → used), so two tabs or a replayed link can use it once
only. Setting the password ends every session of the account, and two-step verification stays
as it was: after a reset the user logs in again, code included.
"""

import hashlib
import secrets
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, or_, select, update

from matcher.extensions import db
from matcher.models import AccountLink, LinkPurpose, User
from matcher.services import accounts, audit
from matcher.services.errors import DomainError, ValidationFailed

LIFETIME = {LinkPurpose.INVITATION: timedelta(days=7), LinkPurpose.RESET: timedelta(hours=1)}
KEEP_FINISHED = timedelta(days=1)  # used, revoked or expired links are deleted after this


class LinkNotUsable(DomainError):
    """The link is unknown, expired, used or revoked (one answer for all: no oracle)."""

    code = "account_link.not_usable"


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _now() -> datetime:
    return datetime.now(UTC)


def issue(user: User, purpose: LinkPurpose, actor: User | None) -> str:
    """A new link for `user`; earlier open links of that purpose stop working. Returns the
    secret for the e-mail (flushes; the caller commits with the mail)."""
    now = _now()
    _forget_finished(now)
    revoke_open(user, purpose, now)
    secret = secrets.token_urlsafe(32)
    link = AccountLink(
        user_id=user.id,
        purpose=purpose,
        token_hash=_hash(secret),
        created_at=now,
        expires_at=now + LIFETIME[purpose],
        created_by_id=actor.id if actor is not None else None,
    )
    db.session.add(link)
    db.session.flush()
    audit.record(actor, "create", f"account_link_{purpose.value}", user.id)
    return secret


def revoke_open(user: User, purpose: LinkPurpose, now: datetime | None = None) -> int:
    """End the user's open links of `purpose`; how many there were."""
    result = db.session.execute(
        update(AccountLink)
        .where(
            AccountLink.user_id == user.id,
            AccountLink.purpose == purpose,
            AccountLink.used_at.is_(None),
            AccountLink.revoked_at.is_(None),
        )
        .values(revoked_at=now or _now())
        .execution_options(synchronize_session="fetch")  # loaded links see it too
    )
    return result.rowcount


def revoke(link_id: int, actor: User) -> AccountLink:
    """End one open link (an admin or coordinator withdraws an invitation)."""
    link = db.session.get(AccountLink, link_id)
    if link is None or link.used_at is not None or link.revoked_at is not None:
        raise LinkNotUsable()
    link.revoked_at = _now()
    audit.record(actor, "revoke", f"account_link_{link.purpose.value}", link.user_id)
    return link


def usable(secret: str, purpose: LinkPurpose) -> AccountLink | None:
    """The open link for this secret, without using it (the page that asks for a password)."""
    if not secret or len(secret) > 100:
        return None
    return db.session.scalar(
        select(AccountLink).where(
            AccountLink.token_hash == _hash(secret), AccountLink.purpose == purpose, *_usable()
        )
    )


def use(secret: str, purpose: LinkPurpose, password: str) -> User:
    """Set the password through the link, once. A password that breaks the rules is refused
    before the link is used, so the user can try again with the same link."""
    link = usable(secret, purpose)
    if link is None:
        raise LinkNotUsable()
    user = link.user
    problem = accounts.password_problem(password, user.email)
    if problem:
        raise ValidationFailed(problem, {"password": problem})
    taken = db.session.execute(
        update(AccountLink)
        .where(AccountLink.id == link.id, *_usable())
        .values(used_at=_now())
        .returning(AccountLink.id)
        .execution_options(synchronize_session=False)
    ).all()
    if not taken:  # another request used it first
        raise LinkNotUsable()
    revoke_open(user, purpose)
    accounts.set_password(user, password)  # ends every session of the account
    user.failed_logins, user.locked_until = 0, None
    audit.record(user, "use", f"account_link_{purpose.value}", user.id, ["password_hash"])
    return user


def _open_invitations():
    return select(AccountLink).where(AccountLink.purpose == LinkPurpose.INVITATION, *_usable())


def open_invitations() -> list[AccountLink]:
    """Invitations not yet used, revoked or expired, newest first (admin's list)."""
    return list(db.session.scalars(_open_invitations().order_by(AccountLink.created_at.desc())))


def open_invitation_for(user: User | None) -> AccountLink | None:
    """The user's open invitation, if any (one query, not the whole list)."""
    if user is None:
        return None
    return db.session.scalar(_open_invitations().where(AccountLink.user_id == user.id).limit(1))


def _usable():
    """SQL: a link that still works (not used, not revoked, not expired)."""
    return (
        AccountLink.used_at.is_(None),
        AccountLink.revoked_at.is_(None),
        AccountLink.expires_at > _now(),
    )


def _forget_finished(now: datetime) -> None:
    """Links that can no longer be used are kept a day, then deleted (data minimisation)."""
    cutoff = now - KEEP_FINISHED
    db.session.execute(
        delete(AccountLink)
        .where(
            or_(
                AccountLink.used_at < cutoff,
                AccountLink.revoked_at < cutoff,
                AccountLink.expires_at < cutoff,
            )
        )
        .execution_options(synchronize_session=False)
    )
