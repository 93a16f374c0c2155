"""Inviting a volunteer to the portal, inviting again and withdrawing the invitation."""

from flask import abort, flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user

from matcher import jobs
from matcher.services import invitations, registry_volunteers
from matcher.web import boundary
from matcher.web.auth import mail
from matcher.web.auth.link_views import link_url
from matcher.web.volunteers import bp
from matcher.web.volunteers.forms import PostOnlyForm


def _back(volunteer_id: int) -> str:
    return url_for("volunteers.edit", volunteer_id=volunteer_id) + "#portal"


@bp.post("/<int:volunteer_id>/uitnodigen")
def invite(volunteer_id: int):
    volunteer = registry_volunteers.get(volunteer_id)
    if not PostOnlyForm().validate_on_submit():
        abort(400)
    boundary.back_to(_back(volunteer.id))
    user, secret = invitations.invite_volunteer(current_user, volunteer)
    mail.invitation(user, link_url("auth.accept_invitation", secret), current_user)
    boundary.after_commit(jobs.deliver_mail)
    flash(
        _(
            "Uitnodiging voor %(email)s in de wachtrij gezet; de link werkt zeven dagen.",
            email=user.email,
        ),
        "success",
    )
    return redirect(_back(volunteer.id))


@bp.post("/<int:volunteer_id>/uitnodiging-intrekken")
def revoke_invitation(volunteer_id: int):
    volunteer = registry_volunteers.get(volunteer_id)
    if not PostOnlyForm().validate_on_submit():
        abort(400)
    if invitations.revoke_invitation(current_user, volunteer):
        flash(_("De uitnodiging is ingetrokken; de link werkt niet meer."), "success")
    else:
        flash(_("Er stond geen uitnodiging open."), "info")
    return redirect(_back(volunteer.id))
