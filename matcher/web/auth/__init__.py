"""Logging in (password, then a code when two-step verification is on), out, and the language.

Open to everyone (no role gate): the views themselves ask for a login where they need one.
"""

from flask import Blueprint

bp = Blueprint("auth", __name__, template_folder="templates")
