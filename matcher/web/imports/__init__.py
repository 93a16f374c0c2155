"""Import (with preview) and export of placements, volunteers and participants; templates."""

from flask import Blueprint

from matcher.models import Role
from matcher.web.roles import restrict_blueprint

bp = Blueprint("imports", __name__, template_folder="templates")
restrict_blueprint(bp, Role.COORDINATOR)
