"""The coordinator marks a volunteer's notice as handled."""

from flask import Blueprint, flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user

from matcher.extensions import db
from matcher.models import Role
from matcher.services import volunteering
from matcher.web.fields import Form
from matcher.web.roles import restrict_blueprint

notices_bp = Blueprint("notices", __name__)
restrict_blueprint(notices_bp, Role.COORDINATOR)


@notices_bp.route("/<int:notice_id>/afgehandeld", methods=["POST"])
def resolve(notice_id: int):
    if Form().validate_on_submit():
        volunteering.resolve_notice(current_user, notice_id)
        db.session.commit()
        flash(_("De melding is afgehandeld."), "success")
    return redirect(url_for("dashboard.index", _anchor="notices"))
