"""Volunteers' notices for the coordinator (listed on the dashboard): marking one handled."""

from flask import Blueprint

from matcher.models import Role
from matcher.web.roles import restrict_blueprint

bp = Blueprint("notices", __name__)
restrict_blueprint(bp, Role.COORDINATOR)
