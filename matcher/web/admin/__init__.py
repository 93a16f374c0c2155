"""The admin area: accounts and roles, and the audit trail. No participant data."""

from flask import Blueprint

from matcher.models import Role
from matcher.web.roles import restrict_blueprint

bp = Blueprint("admin", __name__, template_folder="templates")
restrict_blueprint(bp, Role.ADMIN)
