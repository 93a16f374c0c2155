"""The coordinator marks a volunteer's notice as handled.

The list itself is the dashboard's (its template includes hours/_notices.html).
"""

from flask import flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user

from matcher.services import volunteering
from matcher.web.fields import Form
from matcher.web.notices import bp


@bp.route("/<int:notice_id>/afgehandeld", methods=["POST"])
def resolve(notice_id: int):
    if Form().validate_on_submit():
        volunteering.resolve_notice(current_user, notice_id)
        flash(_("De melding is afgehandeld."), "success")
    return redirect(url_for("dashboard.index", _anchor="notices"))
