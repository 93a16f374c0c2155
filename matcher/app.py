"""The application factory: configuration, extensions, blueprints, security."""

from pathlib import Path

from flask import Flask, has_request_context, session
from flask_login import current_user
from sqlalchemy import event
from sqlalchemy.engine import Engine

from matcher import logs
from matcher.config import LANGUAGES, load_config
from matcher.extensions import babel, csrf, db, login_manager, migrate

MIGRATIONS_DIR = str(Path(__file__).resolve().parent.parent / "migrations")


def create_app(test_config: dict | None = None) -> Flask:
    """Build the Flask application: configuration, extensions, blueprints."""
    app = Flask(
        __name__,
        instance_relative_config=True,
        template_folder="web/templates",
        static_folder="web/static",
    )
    load_config(app, test_config)
    logs.install()  # whatever serves the app: request lines without query strings

    db.init_app(app)
    migrate.init_app(app, db, directory=MIGRATIONS_DIR)
    csrf.init_app(app)
    babel.init_app(app, locale_selector=select_locale)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message_category = "info"

    from matcher.web import register_web

    register_web(app)
    from matcher.services.errors import install_wording
    from matcher.web import messages, security

    install_wording(messages.word)  # str(error) shows the catalogue's sentence (tests, logs)

    security.init_app(app)  # after the blueprints: it rate-limits the login views
    return app


def select_locale() -> str:
    """Dutch unless the session or the user's profile chose English (outside a request, such as
    the command line or a background job: Dutch)."""
    if not has_request_context():
        return "nl"
    chosen = session.get("locale")
    if chosen in LANGUAGES:
        return chosen
    if current_user and current_user.is_authenticated and current_user.locale in LANGUAGES:
        return current_user.locale
    return "nl"


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection, connection_record) -> None:
    """SQLite: enforce foreign keys and use write-ahead logging."""
    module = type(dbapi_connection).__module__
    if module.startswith("sqlite3"):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.close()
