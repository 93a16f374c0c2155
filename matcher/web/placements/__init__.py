"""Placements: the coordinator's list and the form with the weekly session grid."""

from flask import Blueprint

from matcher.models import Role
from matcher.web.roles import restrict_blueprint

bp = Blueprint("placements", __name__, template_folder="templates")
restrict_blueprint(bp, Role.COORDINATOR)
