"""Hours for coaches: the weekly grid for the caseload, and approving reported sessions."""

from flask import Blueprint

from matcher.models import Role
from matcher.web.roles import restrict_blueprint

bp = Blueprint("hours", __name__, template_folder="templates")
restrict_blueprint(bp, Role.COACH)
