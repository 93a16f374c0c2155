"""A participant's progress for their coach: chart, gesprekken, hours history and corrections."""

from flask import Blueprint

from matcher.models import Role
from matcher.web.roles import restrict_blueprint

bp = Blueprint("progress", __name__, template_folder="templates")
restrict_blueprint(bp, Role.COACH)
