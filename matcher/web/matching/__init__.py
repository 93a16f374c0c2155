"""The coordinator's weekly matching: start a run, watch it, review, confirm; history."""

from flask import Blueprint

from matcher.models import Role
from matcher.web.roles import restrict_blueprint

bp = Blueprint("matching", __name__, template_folder="templates", static_folder=None)
restrict_blueprint(bp, Role.COORDINATOR)
