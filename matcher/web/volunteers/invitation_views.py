"""Inviting a volunteer to the portal, inviting again and withdrawing the invitation."""

from flask import abort, redirect, url_for
from flask_login import current_user

from matcher.services import invitations, registry_volunteers
from matcher.web import boundary, invitation_flow
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
    invitation_flow.send(*invitations.invite_volunteer(current_user, volunteer))
    return redirect(_back(volunteer.id))


@bp.post("/<int:volunteer_id>/uitnodiging-intrekken")
def revoke_invitation(volunteer_id: int):
    volunteer = registry_volunteers.get(volunteer_id)
    if not PostOnlyForm().validate_on_submit():
        abort(400)
    invitation_flow.revoked(invitations.revoke_invitation(current_user, volunteer))
    return redirect(_back(volunteer.id))
