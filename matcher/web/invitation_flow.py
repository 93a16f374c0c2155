"""Sending and withdrawing a portal invitation from a record's page (volunteer or placement).

One code path for both: the service issues the link, this module queues the mail and says so.
"""

from flask import flash
from flask_babel import gettext as _
from flask_login import current_user

from matcher import jobs
from matcher.models import User
from matcher.web import boundary
from matcher.web.auth import mail
from matcher.web.auth.link_views import link_url


def send(user: User, secret: str) -> None:
    """Queue the invitation mail (delivered after the commit) and tell the coordinator."""
    mail.invitation(user, link_url("auth.accept_invitation", secret), current_user)
    boundary.after_commit(jobs.deliver_mail)
    flash(
        _(
            "Uitnodiging voor %(email)s in de wachtrij gezet; de link werkt zeven dagen.",
            email=user.email,
        ),
        "success",
    )


def revoked(ended: int) -> None:
    """Tell the coordinator whether an open invitation was withdrawn."""
    if ended:
        flash(_("De uitnodiging is ingetrokken; de link werkt niet meer."), "success")
    else:
        flash(_("Er stond geen uitnodiging open."), "info")
