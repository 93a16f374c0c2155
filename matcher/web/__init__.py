"""The web layer: blueprints per area, shared templates, error pages."""

import hmac

from flask import Flask, render_template
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf.csrf import CSRFError

from matcher.extensions import db, login_manager
from matcher.models import Role, User
from matcher.services.errors import Forbidden, NotFound

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
# Privacy and security (issue 7): the audit trail for admins; two-step verification for all.
NAV_ITEMS[Role.ADMIN] += (("admin.audit_trail", _l("Audittrail")),)
for _role in Role:
    NAV_ITEMS[_role] += (("auth.two_factor", _l("Tweestapsverificatie")),)
# Hours and progress (issue 6): the weekly grid and approvals; the Monitor Sociaal Domein export.
NAV_ITEMS[Role.COACH] += (
    ("hours.week", _l("Uren per week")),
    ("hours.approvals", _l("Uren goedkeuren")),
)
NAV_ITEMS[Role.COORDINATOR] += (("monitor.index", _l("Monitor-export")),)
# Weekly matching (issue 5): start a run, review, confirm; the history of runs.
NAV_ITEMS[Role.COORDINATOR] += (("matching.index", _l("Koppelen")),)


def register_web(app: Flask) -> None:
    """Register blueprints, the user loader, error handlers and template helpers."""
    from matcher.web.admin import bp as admin_bp
    from matcher.web.auth import bp as auth_bp
    from matcher.web.caseload import bp as caseload_bp
    from matcher.web.dashboard import bp as dashboard_bp
    from matcher.web.home import bp as home_bp
    from matcher.web.imports import bp as imports_bp
    from matcher.web.organisations import bp as organisations_bp
    from matcher.web.participants import bp as participants_bp
    from matcher.web.placements import bp as placements_bp
    from matcher.web.registry import blueprint as registry_blueprint
    from matcher.web.volunteer_portal import bp as volunteer_portal_bp
    from matcher.web.volunteers import bp as volunteers_bp

    app.register_blueprint(auth_bp)
    app.register_blueprint(home_bp)
    app.register_blueprint(dashboard_bp, url_prefix="/coordinator")
    app.register_blueprint(caseload_bp, url_prefix="/coach")
    app.register_blueprint(volunteer_portal_bp, url_prefix="/vrijwilliger")
    app.register_blueprint(admin_bp, url_prefix="/beheer")
    app.register_blueprint(participants_bp, url_prefix="/deelnemers")
    app.register_blueprint(registry_blueprint())
    app.register_blueprint(organisations_bp, url_prefix="/organisaties")
    app.register_blueprint(placements_bp, url_prefix="/plekken")
    app.register_blueprint(volunteers_bp, url_prefix="/vrijwilligers")
    app.register_blueprint(imports_bp, url_prefix="/import")
    from matcher.web.privacy import bp as privacy_bp

    app.register_blueprint(privacy_bp, url_prefix="/privacy/deelnemers")
    from matcher.web.hours import bp as hours_bp
    from matcher.web.hours import monitor_bp, notices_bp
    from matcher.web.progress import bp as progress_bp

    app.register_blueprint(hours_bp, url_prefix="/coach/uren")
    app.register_blueprint(progress_bp, url_prefix="/coach/voortgang")
    app.register_blueprint(monitor_bp, url_prefix="/coordinator/monitor")
    app.register_blueprint(notices_bp, url_prefix="/coordinator/meldingen")
    from matcher.web.matching import bp as matching_bp

    app.register_blueprint(matching_bp, url_prefix="/coordinator/koppelen")
    from matcher.web.recruitment import bp as recruitment_bp

    app.register_blueprint(recruitment_bp, url_prefix="/coordinator/werving")
    login_manager.login_message = _l("Log in om deze pagina te zien.")
    _register_errors(app)

    from matcher.web import edits, filters

    filters.register(app)
    edits.register(app)


@login_manager.user_loader
def load_user(session_id: str) -> User | None:
    """Flask-Login, on every request: the user of this session ("id:token"), if still active
    and the token is still the account's (logout, a new password or role, deactivation and
    an admin's "end all sessions" replace it, so older cookies are anonymous)."""
    user_id, _, token = session_id.partition(":")
    user = db.session.get(User, int(user_id)) if user_id.isdigit() and token else None
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
        db.session.rollback()
        return render_error(
            500, _l("Er ging iets mis"), _l("Er is niets opgeslagen. Probeer het later opnieuw.")
        )

    from matcher.web import errors

    errors.register(app)  # every other HTTP error, and a database that cannot write

    @app.context_processor
    def inject_navigation():
        return {"nav_items": lambda: NAV_ITEMS.get(current_user.role, ())}
