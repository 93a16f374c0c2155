"""Week cards (weekkaart): a participant's week on one page to hand over or print, for the
coordinator and the participant's own coach."""

from flask import Blueprint

from matcher.models import Role
from matcher.web.roles import restrict_blueprint

bp = Blueprint("weekcard", __name__, template_folder="templates")
restrict_blueprint(bp, Role.COORDINATOR, Role.COACH)
