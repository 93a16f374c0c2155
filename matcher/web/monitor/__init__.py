"""The coordinator's Monitor Sociaal Domein export per municipality and period."""

from flask import Blueprint

from matcher.models import Role
from matcher.web.roles import restrict_blueprint

bp = Blueprint("monitor", __name__, template_folder="templates")
restrict_blueprint(bp, Role.COORDINATOR)
