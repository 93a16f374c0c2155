"""Werving (issue 15): recruitment advice for the coordinator — ranked suggestions in words,
who gains, a recruitment text without personal data, and where demand meets no supply."""

from flask import Blueprint

from matcher.models import Role
from matcher.web.roles import restrict_blueprint

bp = Blueprint("recruitment", __name__, template_folder="templates", static_folder=None)
restrict_blueprint(bp, Role.COORDINATOR)
