"""The web layer: blueprints per area, shared templates, error pages."""

import hmac
import importlib
import importlib.util

from flask import Flask, render_template
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf.csrf import CSRFError

from matcher.extensions import db, login_manager
from matcher.models import Role, User
from matcher.services.errors import Forbidden, NotFound
from matcher.web import boundary

NAV_ITEMS = {
    Role.COORDINATOR: (
        ("dashboard.index", _l("Overzicht")),
        ("participants.index", _l("Deelnemers")),
        ("placements.index", _l("Plekken")),
        ("volunteers.index", _l("Vrijwilligers")),
        ("imports.index", _l("Importeren")),
    ),
    Role.COACH: (("caseload.index", _l("Mijn caseload")), ("participants.index", _l("Deelnemers"))),
    Role.VOLUNTEER: (("volunteer_portal.index", _l("Mijn vrijwilligerswerk")),),
    Role.ADMIN: (("admin.index", _l("Accounts")),),
}
# Privacy and security (issue 7): the audit trail for admins. Two-step verification is in
# the account menu (base.html), with the language and logging out, not in the main navigation.
NAV_ITEMS[Role.ADMIN] += (("admin.audit_trail", _l("Audittrail")),)
# Hours and progress (issue 6): the weekly grid and approvals; the Monitor Sociaal Domein export.
NAV_ITEMS[Role.COACH] += (
    ("hours.week", _l("Uren per week")),
    ("hours.approvals", _l("Uren goedkeuren")),
)
NAV_ITEMS[Role.COORDINATOR] += (("monitor.index", _l("Monitor-export")),)
# Weekly matching (issue 5): start a run, review, confirm; the history of runs.
NAV_ITEMS[Role.COORDINATOR] += (("matching.index", _l("Koppelen")),)
# Recruitment advice and what-if scenarios (issue 15).
NAV_ITEMS[Role.COORDINATOR] += (("recruitment.index", _l("Werving")),)


# Every blueprint with its URL prefix. A package's __init__.py holds the blueprint (`bp`) and
# its role gate; its routes are in views.py (imported here, so no circular import), its forms in
# forms.py and its templates in templates/.
BLUEPRINTS = (
    ("auth", None),
    ("home", None),
    ("registry", None),  # no routes: the registry screens' shared templates
    ("dashboard", "/coordinator"),
    ("caseload", "/coach"),
    ("volunteer_portal", "/vrijwilliger"),
    ("admin", "/beheer"),
    ("participants", "/deelnemers"),
    ("weekcard", "/deelnemers"),  # …/<id>/weekkaart
    ("organisations", "/organisaties"),
    ("placements", "/plekken"),
    ("volunteers", "/vrijwilligers"),
    ("imports", "/import"),
    ("privacy", "/privacy/deelnemers"),
    ("hours", "/coach/uren"),
    ("progress", "/coach/voortgang"),
    ("monitor", "/coordinator/monitor"),
    ("notices", "/coordinator/meldingen"),
    ("matching", "/coordinator/koppelen"),
    ("about", "/over"),
    ("recruitment", "/coordinator/werving"),
    ("feeds", "/agenda"),
)


def register_web(app: Flask) -> None:
    """Register blueprints, the user loader, error handlers, template helpers and the boundary
    that commits each request (matcher.web.boundary)."""
    for name, prefix in BLUEPRINTS:
        package = importlib.import_module(f"matcher.web.{name}")
        if importlib.util.find_spec(f"matcher.web.{name}.views") is not None:
            importlib.import_module(f"matcher.web.{name}.views")
        app.register_blueprint(package.bp, url_prefix=prefix)
    login_manager.login_message = _l("Log in om deze pagina te zien.")
    _register_errors(app)

    from matcher.web import edits, filters

    filters.register(app)
    edits.register(app)
    boundary.install(app)


@login_manager.user_loader
def load_user(session_id: str) -> User | None:
    """Flask-Login, on every request: the user of this session ("id:token"), if still active
    and the token is still the account's (logout, a new password or role, deactivation and
    an admin's "end all sessions" replace it, so older cookies are anonymous)."""
    user_id, _, token = session_id.partition(":")
    well_formed = user_id.isascii() and user_id.isdigit() and token
    user = db.session.get(User, int(user_id)) if well_formed else None
    if user is None or not user.active or not user.session_token:
        return None
    return user if hmac.compare_digest(user.session_token, token) else None


def _register_errors(app: Flask) -> None:
    def render_error(status: int, title: str, message: str):
        return render_template("error.html", status=status, title=title, message=message), status

    @app.errorhandler(400)
    def bad_request(error):
        # A view that aborts with its own (translated) description says what was wrong;
        # werkzeug's default English description is never shown.
        own = getattr(error, "description", None)
        if own and own != type(error).description:
            return render_error(400, _l("Ongeldig verzoek"), own)
        return render_error(400, _l("Ongeldig verzoek"), _l("Het verzoek kon niet worden gelezen."))

    @app.errorhandler(CSRFError)
    def csrf_error(_error):
        return render_error(
            400,
            _l("Formulier verlopen"),
            _l(
                "Het formulier was verlopen of ongeldig. "
                "Laad de pagina opnieuw en probeer het nog eens."
            ),
        )

    @app.errorhandler(403)
    @app.errorhandler(Forbidden)
    def forbidden(_error):
        return render_error(
            403, _l("Geen toegang"), _l("Uw rol geeft geen toegang tot deze pagina.")
        )

    @app.errorhandler(404)
    @app.errorhandler(NotFound)
    def not_found(_error):
        return render_error(
            404,
            _l("Niet gevonden"),
            _l("Deze pagina of dit gegeven bestaat niet, of u heeft er geen toegang toe."),
        )

    @app.errorhandler(413)
    def too_large(_error):
        return render_error(
            413, _l("Bestand te groot"), _l("Het verstuurde bestand of formulier is te groot.")
        )

    @app.errorhandler(500)
    def server_error(_error):
        boundary.discard()
        return render_error(
            500, _l("Er ging iets mis"), _l("Er is niets opgeslagen. Probeer het later opnieuw.")
        )

    from matcher.web import errors

    errors.register(app)  # every other HTTP error, and a database that cannot write

    @app.context_processor
    def inject_navigation():
        return {"nav_items": lambda: NAV_ITEMS.get(current_user.role, ())}
