"""The front door's one view: each role to its own home page."""

from flask import redirect, url_for
from flask_login import current_user, login_required

from matcher.models import Role
from matcher.web.home import bp

ROLE_HOMES = {
    Role.COORDINATOR: "dashboard.index",
    Role.COACH: "caseload.index",
    Role.VOLUNTEER: "volunteer_portal.index",
    Role.ADMIN: "admin.index",
}


@bp.route("/")
@login_required
def index():
    return redirect(url_for(ROLE_HOMES[current_user.role]))
