"""Participants: the list and the persoonlijk profiel, for coordinators and coaches."""

from flask import Blueprint

from matcher.models import Role
from matcher.web.roles import restrict_blueprint

bp = Blueprint("participants", __name__, template_folder="templates")
restrict_blueprint(bp, Role.COORDINATOR, Role.COACH)
