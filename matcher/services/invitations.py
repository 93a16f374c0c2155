"""Inviting a taalmaatje, buddy or host contact to the volunteer portal (issue 16).

The coordinator invites a registered volunteer: matcher makes a volunteer account for the
volunteer's e-mail address (without a password), links it to the volunteer and issues a one-time
invitation link (services/account_links.py). A placement's host contact already has an account
(it is chosen as the contact); inviting it issues the link. Inviting again sends a fresh link and
ends the old one; an account that already has a password is not invited (its holder resets the
password). Both kinds go through `invite_account` and `revoke_for`.
"""

from matcher.extensions import db
from matcher.models import AccountLink, LinkPurpose, Placement, Role, User, Volunteer
from matcher.services import account_links, accounts, audit
from matcher.services.errors import ValidationFailed


def invite_volunteer(actor: User, volunteer: Volunteer) -> tuple[User, str]:
    """The volunteer's account (made when needed) and the secret of a new invitation link
    (flushes; the caller commits with the invitation mail)."""
    user = volunteer.user or _account_for(volunteer, actor)
    _check_invitable(user)
    if volunteer.user is not user:
        volunteer.user = user
        db.session.flush()
    return user, invite_account(actor, user)


def invite_host(actor: User, placement: Placement) -> tuple[User, str]:
    """The placement's contact account and the secret of a new invitation link (flushes)."""
    user = placement.contact_user
    if user is None:
        raise ValidationFailed("invitation.no_contact")
    return user, invite_account(actor, user)


def invite_account(actor: User, user: User) -> str:
    """A new invitation link for an account without a password (the old one ends)."""
    _check_invitable(user)
    return account_links.issue(user, LinkPurpose.INVITATION, actor)


def revoke_invitation(actor: User, volunteer: Volunteer) -> int:
    """End the volunteer's open invitation; how many links that ended."""
    return revoke_for(actor, volunteer.user)


def revoke_for(actor: User, user: User | None) -> int:
    """End the account's open invitation; how many links that ended."""
    if user is None:
        return 0
    ended = account_links.revoke_open(user, LinkPurpose.INVITATION)
    if ended:
        audit.record(actor, "revoke", "account_link_invitation", user.id)
    return ended


def open_invitation(user: User | None) -> AccountLink | None:
    """The account's open invitation, if any."""
    return account_links.open_invitation_for(user)


def _check_invitable(user: User) -> None:
    if user.password_hash:
        raise ValidationFailed("invitation.has_account")
    if not user.active:
        raise ValidationFailed("invitation.account_inactive")


def _account_for(volunteer: Volunteer, actor: User) -> User:
    email = accounts.normalise_email(volunteer.email or "")
    if not email:
        raise ValidationFailed("invitation.no_email", {"email": "invitation.no_email"})
    user = accounts.find_user(email)
    if user is None:
        name = f"{volunteer.first_name} {volunteer.last_name}".strip()
        return accounts.create_user(email, name, Role.VOLUNTEER, None, actor)
    if user.role != Role.VOLUNTEER:
        raise ValidationFailed("invitation.email_other_role")
    taken = db.session.scalar(
        db.select(Volunteer.id).where(Volunteer.user_id == user.id, Volunteer.id != volunteer.id)
    )
    if taken is not None:
        raise ValidationFailed("invitation.email_other_volunteer")
    return user
