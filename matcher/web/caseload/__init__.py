"""The coach's home: the caseload with weekly hours, progress toward the target, and flags."""

from flask import Blueprint

from matcher.models import Role
from matcher.web.roles import restrict_blueprint

bp = Blueprint("caseload", __name__, template_folder="templates")
restrict_blueprint(bp, Role.COACH)
