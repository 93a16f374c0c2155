"""Inviting a placement's host contact to the portal, inviting again and withdrawing it."""

from flask import abort, redirect, url_for
from flask_login import current_user

from matcher.extensions import db
from matcher.models import Placement
from matcher.services import invitations
from matcher.services.errors import NotFound
from matcher.web import boundary, invitation_flow
from matcher.web.placements import bp
from matcher.web.placements.forms import ActiveForm


def _placement(placement_id: int) -> Placement:
    placement = db.session.get(Placement, placement_id)
    if placement is None:
        raise NotFound(placement_id)
    if not ActiveForm().validate_on_submit():  # only the CSRF token
        abort(400)
    return placement


def _back(placement_id: int) -> str:
    return url_for("placements.edit", placement_id=placement_id) + "#portal"


@bp.post("/<int:placement_id>/contact-uitnodigen")
def invite_contact(placement_id: int):
    placement = _placement(placement_id)
    boundary.back_to(_back(placement.id))
    invitation_flow.send(*invitations.invite_host(current_user, placement))
    return redirect(_back(placement.id))


@bp.post("/<int:placement_id>/contact-uitnodiging-intrekken")
def revoke_contact_invitation(placement_id: int):
    placement = _placement(placement_id)
    invitation_flow.revoked(invitations.revoke_for(current_user, placement.contact_user))
    return redirect(_back(placement.id))
