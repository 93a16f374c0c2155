"""The coordinator's home: this week's figures across the region."""

from flask import render_template
from flask_login import current_user

from matcher.services import attendance, dashboard
from matcher.web.dashboard import bp
from matcher.weeks import today


@bp.route("/")
def index():
    figures = dashboard.coordinator_figures(current_user, today())
    return render_template(
        "dashboard/index.html",
        figures=figures,
        no_shows=attendance.no_shows(current_user, today()),
    )
