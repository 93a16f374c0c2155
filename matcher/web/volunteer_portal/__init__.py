"""The volunteer's home: availability, absences, matches, reporting a session."""

from flask import Blueprint

from matcher.models import Role
from matcher.web.roles import restrict_blueprint

bp = Blueprint("volunteer_portal", __name__, template_folder="templates")
restrict_blueprint(bp, Role.VOLUNTEER)
