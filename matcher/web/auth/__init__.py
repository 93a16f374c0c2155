"""Logging in and out, and choosing the language."""

from flask import Blueprint

bp = Blueprint("auth", __name__, template_folder="templates")

from matcher.web.auth import views  # noqa: E402,F401  (registers the routes)
