"""The volunteer's home: their own matches and how to reach the coordinator."""

from flask import Blueprint, render_template
from flask_login import current_user

from matcher.models import Role
from matcher.services import volunteering
from matcher.web.roles import restrict_blueprint

bp = Blueprint("volunteer_portal", __name__, template_folder="templates")
restrict_blueprint(bp, Role.VOLUNTEER)


@bp.route("/")
def index():
    return render_template(
        "volunteer_portal/index.html",
        volunteer=volunteering.own_volunteer(current_user),
        matches=volunteering.own_matches(current_user),
        coordinators=volunteering.coordinators(),
    )
