"""Rights of participants (AVG): inzage (export) and erasure, for the participant's own coach.

Only the coach holds the full profile (PIP date, functional limits, notes), and the
municipality is the controller of the integration data, so the coach handles an
inzageverzoek or an erasure request; coordinators and other coaches get a 404.
"""

from flask import Blueprint

from matcher.models import Role
from matcher.web.roles import restrict_blueprint

bp = Blueprint("privacy", __name__, template_folder="templates")
restrict_blueprint(bp, Role.COACH)
