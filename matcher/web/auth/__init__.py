"""Logging in (password, then a code when two-step verification is on), out, and the language."""

from flask import Blueprint

bp = Blueprint("auth", __name__, template_folder="templates")

from matcher.web.auth import twofactor_views, views  # noqa: E402,F401  (registers the routes)
