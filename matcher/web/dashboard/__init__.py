"""The coordinator's home: this week's figures across the region."""

from flask import Blueprint, render_template
from flask_login import current_user

from matcher.models import Role
from matcher.services import dashboard
from matcher.web.roles import restrict_blueprint
from matcher.weeks import today

bp = Blueprint("dashboard", __name__, template_folder="templates")
restrict_blueprint(bp, Role.COORDINATOR)


@bp.route("/")
def index():
    figures = dashboard.coordinator_figures(current_user, today())
    return render_template("dashboard/index.html", figures=figures)
