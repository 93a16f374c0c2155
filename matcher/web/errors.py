"""Error pages in the user's language for every HTTP error, and a database that cannot write.

The most common errors have their own handlers in matcher.web (400, CSRF, 403, 404, 413, 500)
and matcher.web.security (429 at login); every other HTTP error ends up here.
"""

import sqlite3

from flask import Flask, current_app, render_template
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import DBAPIError
from werkzeug.exceptions import HTTPException

from matcher.web import boundary

# PostgreSQL's SQLSTATE for a write in a read-only transaction (a standby, read-only mode).
READ_ONLY_SQLSTATE = "25006"
PAGES = {
    401: (_l("Niet ingelogd"), _l("Log in om deze pagina te zien.")),
    405: (
        _l("Niet toegestaan"),
        _l("Deze pagina kan zo niet worden geopend. Gebruik de knoppen en menu's van matcher."),
    ),
    406: (_l("Niet beschikbaar"), _l("Deze pagina is niet beschikbaar in de gevraagde vorm.")),
    408: (_l("Te lang gewacht"), _l("Het verzoek duurde te lang. Probeer het nog eens.")),
    409: (
        _l("Intussen gewijzigd"),
        _l("Het gegeven is intussen veranderd. Laad de pagina opnieuw en probeer het nog eens."),
    ),
    410: (_l("Niet meer beschikbaar"), _l("Deze pagina of dit gegeven bestaat niet meer.")),
    414: (_l("Adres te lang"), _l("Het adres van de pagina is te lang.")),
    415: (
        _l("Soort bestand niet ondersteund"),
        _l("Dit soort bestand of gegevens kan matcher niet lezen."),
    ),
    422: (_l("Niet te verwerken"), _l("De verstuurde gegevens konden niet worden verwerkt.")),
    429: (
        _l("Te veel verzoeken"),
        _l("U heeft te veel verzoeken achter elkaar gedaan. Wacht even en probeer het opnieuw."),
    ),
    501: (_l("Niet ondersteund"), _l("Dit kan matcher (nog) niet.")),
    502: (_l("Tijdelijk niet bereikbaar"), _l("Matcher is even niet bereikbaar.")),
    503: (
        _l("Tijdelijk niet beschikbaar"),
        _l("Matcher is even niet beschikbaar. Probeer het over een paar minuten opnieuw."),
    ),
    504: (_l("Tijdelijk niet bereikbaar"), _l("Matcher gaf niet op tijd antwoord.")),
}
CLIENT_ERROR = (_l("Verzoek niet verwerkt"), _l("Dit verzoek kon niet worden afgehandeld."))
SERVER_ERROR = (
    _l("Er ging iets mis"),
    _l("Er is niets opgeslagen. Probeer het later opnieuw."),
)
READ_ONLY = (
    _l("Opslaan lukt nu niet"),
    _l(
        "Matcher kan nu niets opslaan: de database is alleen te lezen. Er is niets gewijzigd "
        "en niemand is ingelogd. Probeer het later opnieuw of meld het aan de beheerder."
    ),
)
KEPT_HEADERS = {"allow", "retry-after", "www-authenticate"}


def page(status: int, title, message, headers=None):
    """The error page itself, with its status."""
    html = render_template("error.html", status=status, title=title, message=message)
    return html, status, headers or []


def register(app: Flask) -> None:
    """One handler for every HTTP error without its own, and one for write failures."""
    app.register_error_handler(HTTPException, http_error)
    app.register_error_handler(DBAPIError, database_error)


def http_error(error: HTTPException):
    """Any HTTP error: its Dutch (or English) page, its status and its meaningful headers."""
    if error.code is None or error.code < 400:
        return error  # redirects raised by routing are answers, not errors
    if error.code >= 500:
        boundary.discard()
    default = SERVER_ERROR if error.code >= 500 else CLIENT_ERROR
    title, message = PAGES.get(error.code, default)
    headers = [(k, v) for k, v in error.get_headers() if k.lower() in KEPT_HEADERS]
    return page(error.code, title, message, headers)


def is_read_only(error: DBAPIError) -> bool:
    """Whether the database refused a write because it is read-only (SQLite or PostgreSQL)."""
    original = error.orig
    if isinstance(original, sqlite3.OperationalError):
        text = str(original).lower()
        return "readonly database" in text or "attempt to write" in text
    return getattr(original, "sqlstate", None) == READ_ONLY_SQLSTATE


def database_error(error: DBAPIError):
    """A read-only database: a clear 503 page, nothing stored; any other error goes on as 500."""
    if not is_read_only(error):
        raise error
    boundary.discard()
    return read_only()


def read_only():
    """The 503 page of a database that refused a write because it is read-only."""
    current_app.logger.warning("the database refused a write: it is read-only")
    return page(503, *READ_ONLY, [("Retry-After", "60")])
