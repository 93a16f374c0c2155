"""The private calendar feeds (iCalendar) of volunteers and host contacts.

Open without a login (a phone's calendar fetches them): the secret token in the address is the
only key, and an unknown or withdrawn token is answered 404."""

from flask import Blueprint

bp = Blueprint("feeds", __name__, template_folder="templates")
