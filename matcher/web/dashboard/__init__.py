"""The coordinator's home: this week's figures across the region."""

from flask import Blueprint

from matcher.models import Role
from matcher.web.roles import restrict_blueprint

bp = Blueprint("dashboard", __name__, template_folder="templates")
restrict_blueprint(bp, Role.COORDINATOR)
