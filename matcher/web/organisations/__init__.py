"""Host organisations: list, register, change, deactivate (coordinators)."""

from flask import Blueprint

from matcher.models import Role
from matcher.web.roles import restrict_blueprint

bp = Blueprint("organisations", __name__, template_folder="templates")
restrict_blueprint(bp, Role.COORDINATOR)
