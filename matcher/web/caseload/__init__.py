"""The coach's home: their own caseload with this week's and the cumulative hours."""

from flask import Blueprint, render_template
from flask_login import current_user

from matcher.models import Role
from matcher.services import dashboard
from matcher.web.roles import restrict_blueprint
from matcher.weeks import today

bp = Blueprint("caseload", __name__, template_folder="templates")
restrict_blueprint(bp, Role.COACH)


@bp.route("/")
def index():
    rows = dashboard.caseload(current_user, today())
    return render_template("caseload/index.html", rows=rows, minimum=dashboard.WEEKLY_MINIMUM)
