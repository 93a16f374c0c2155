"""Taalmaatjes and buddies: the coordinator's registry (not the volunteers' own portal)."""

from flask import Blueprint

from matcher.models import Role
from matcher.web.roles import restrict_blueprint

bp = Blueprint("volunteers", __name__, template_folder="templates")
restrict_blueprint(bp, Role.COORDINATOR)
