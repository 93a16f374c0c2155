"""The registry screens' shared pieces: a route-less blueprint whose templates hold the
registry macros (day-part and session grids, checkboxes); the form pieces are in forms.py."""

from flask import Blueprint

bp = Blueprint("registry", __name__, template_folder="templates")
