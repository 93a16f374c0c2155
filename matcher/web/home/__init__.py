"""The front door: sends each role to its own home page (any logged-in user)."""

from flask import Blueprint

bp = Blueprint("home", __name__)
