"""About matcher: "Hoe matcher koppelt" (every logged-in role) with its Algoritmeregister
export, the accessibility statement (public) and the data inventory for the DPIA (admins and
coordinators). Everything is generated from the running code, models and configuration.

No role gate for the whole blueprint: each route in views.py says who may see it."""

from flask import Blueprint

bp = Blueprint("about", __name__, template_folder="templates")
