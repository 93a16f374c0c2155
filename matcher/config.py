"""Configuration, declared once: every MATCHER_* setting with its default and meaning.

The defaults below are the only ones: code reads `current_app.config["NAME"]` and never carries
a default of its own. The README's configuration table is generated from SETTINGS
(`python -m matcher.config`) and a test keeps the two in step.
"""

import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flask import Flask

LANGUAGES = ("nl", "en")


def _flag(value: Any) -> bool:
    """Environment flags: 1/true/yes/on are true, 0/false/no/off and empty are false."""
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes", "on")
    return bool(value)


@dataclass(frozen=True)
class Setting:
    """One MATCHER_* setting: its name (without the prefix), default, type and meaning."""

    name: str
    default: Any
    meaning: str
    kind: type = str
    shown_default: str | None = None  # how the README shows a computed default

    @property
    def variable(self) -> str:
        return f"MATCHER_{self.name}"

    def parse(self, value: Any) -> Any:
        """The typed value; an empty environment value means "not set"."""
        if value is None or (isinstance(value, str) and not value.strip() and self.kind is not str):
            return self.default
        if self.kind is bool:
            return _flag(value)
        return self.kind(value)


SETTINGS: tuple[Setting, ...] = (
    # The application and its database
    Setting(
        "DATABASE_URL",
        None,
        "SQLAlchemy URL; `postgresql://…` uses psycopg 3",
        shown_default="`sqlite:///instance/matcher.sqlite`",
    ),
    Setting(
        "SECRET_KEY",
        None,
        "session and CSRF signing key; set it in production",
        shown_default="generated once into `instance/secret_key` (mode 0600)",
    ),
    Setting(
        "PUBLIC_URL",
        "http://127.0.0.1:5000",
        "the address users reach matcher at; links in e-mails (invitations, password resets)"
        " start with it, never with the request's Host header",
    ),
    Setting("PAGE_SIZE", 50, "rows per page in lists", int),
    Setting(
        "CASELOAD_PAGE_SIZE",
        100,
        "rows per page of a coach's caseload (most urgent first; a usual caseload fits on one)",
        int,
    ),
    # Security and privacy (matcher/web/security.py, services/accounts.py, services/privacy.py)
    Setting("REQUIRE_2FA", False, "coaches and coordinators must use two-step verification", bool),
    Setting("PERMANENT_SESSION_LIFETIME", 1800, "seconds of inactivity before a session ends", int),
    Setting(
        "SESSION_COOKIE_SECURE",
        False,
        "always mark the session cookie Secure (it already is on https requests)",
        bool,
    ),
    Setting(
        "RATELIMIT_STORAGE_URI",
        "memory://",
        "rate-limit counters; use `redis://…` with several gunicorn workers",
    ),
    Setting("RATELIMIT_LOGIN", "10 per minute", "login attempts per client and e-mail address"),
    Setting("RATELIMIT_LOGIN_ADDRESS", "60 per minute", "login attempts per client address"),
    Setting("LOCKOUT_ATTEMPTS", 5, "failed attempts (passwords or codes) before a lock", int),
    Setting("LOCKOUT_MINUTES", 15, "minutes an account or address stays locked", int),
    Setting(
        "PROXY_FIX_HOPS",
        0,
        "behind a reverse proxy: trust this many `X-Forwarded-*` hops (https, client address)",
        int,
    ),
    Setting(
        "AUDIT_ORIGIN",
        "hmac",
        "how audit events keep the client address: `full`, `truncated` (IPv4 /24, IPv6 /48)"
        " or `hmac` (a keyed hash: countable, not readable)",
    ),
    Setting(
        "LOGIN_SPIKE_THRESHOLD",
        10,
        "refused logins in an hour for one account or origin that the admin's page marks",
        int,
    ),
    Setting(
        "LOGIN_WARN_AFTER_FAILURES",
        3,
        "refused logins before a successful one that make matcher e-mail the account holder",
        int,
    ),
    # Statements: the organisation behind this installation (web/about/)
    Setting("ORGANISATION_NAME", "", "name in the accessibility statement and register export"),
    Setting("ORGANISATION_EMAIL", "", "contact address for accessibility and privacy questions"),
    Setting("ORGANISATION_WEBSITE", "", "the organisation's website"),
    Setting(
        "ACCESSIBILITY_STATEMENT_DATE",
        "",
        "date (YYYY-MM-DD) the accessibility statement was last reviewed",
        shown_default="empty: not reviewed yet",
    ),
    Setting("RETENTION_YEARS", 5, "participants are erased this long after their duty ended", int),
    # Hours and progress
    Setting("GESPREK_INTERVAL_MONTHS", 3, "months between voortgangsgesprekken", int),
    # Registry: geocoding and imports
    Setting(
        "GEOCODER_URL",
        "https://api.pdok.nl/bzk/locatieserver/search/v3_1/free",
        "PDOK Locatieserver free-search endpoint for postcode → coordinates",
    ),
    Setting("GEOCODER_TIMEOUT", 3.0, "seconds to wait for the postcode service", float),
    # Week cards (web/weekcard/): the QR code opens the route to the activity
    Setting(
        "ROUTE_URL",
        "https://www.openstreetmap.org/directions?route=%3B{lat}%2C{lon}",
        "route link on the week card; `{lat}`, `{lon}` and `{address}` are the activity's."
        " `https://www.google.com/maps/dir/?api=1&destination={lat}%2C{lon}` opens a phone's"
        " route planner from where one stands",
    ),
    Setting(
        "IMPORT_DIR",
        None,
        "where a checked import file waits for confirmation (at most a day)",
        shown_default="`instance/imports/`",
    ),
    # The Werving map (web/recruitment/map_views.py); only that page's policy admits the tiles
    Setting(
        "MAP_TILE_URL",
        "https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/standaard/EPSG:3857/{z}/{x}/{y}.png",
        "background map tiles of the Werving map ({z}/{x}/{y}, EPSG:3857; PDOK"
        " BRT-Achtergrondkaart); its origin is the one image source that page admits; empty: no"
        " background map",
    ),
    Setting(
        "MAP_TILE_ATTRIBUTION",
        "Kaartgegevens © Kadaster",
        "the tiles' source as the map credits it",
    ),
    # Weekly matching
    Setting("SOLVER_TIME_LIMIT", 5.0, "seconds the solver may take for a weekly run", float),
    Setting("SOLVER_WORKERS", 2, "CP-SAT search workers", int),
    Setting("SOLVER_SEED", 0, "CP-SAT random seed (runs are reproducible)", int),
    Setting(
        "RUN_HEARTBEAT_TIMEOUT",
        60.0,
        "seconds without a heartbeat after which a running run counts as stopped",
        float,
    ),
    Setting(
        "RUN_QUEUE_TIMEOUT",
        600.0,
        "with Redis: seconds a queued run may wait for a worker before it fails",
        float,
    ),
    Setting(
        "RESUME_AT_START",
        None,
        "the first request of each process fails stopped runs and sends waiting mail",
        bool,
        shown_default="`1` (`0` under tests)",
    ),
    Setting(
        "REDIS_URL",
        None,
        "run matching and mail jobs on an RQ queue (then run `matcher worker`)",
        shown_default="empty: a worker thread",
    ),
    # E-mail (services/notifications.py)
    Setting("MAIL_SERVER", None, "SMTP server", shown_default="empty: messages wait"),
    Setting("MAIL_PORT", 25, "SMTP port", int),
    Setting("MAIL_SENDER", "matcher@localhost", "sender address"),
    Setting("MAIL_USERNAME", None, "SMTP login", shown_default="empty: no login"),
    Setting("MAIL_PASSWORD", "", "SMTP password", shown_default="empty"),
    Setting("MAIL_STARTTLS", False, "use STARTTLS", bool),
    Setting("MAIL_TIMEOUT", 10.0, "seconds to wait for the SMTP server", float),
    Setting(
        "MAIL_RETRY_SECONDS", 30.0, "first wait before a retry; it doubles up to an hour", float
    ),
    Setting(
        "MAIL_CLAIM_SECONDS",
        300.0,
        "a message claimed by a sender that stopped is sent again after this many seconds",
        float,
    ),
)


def setting(config: Mapping[str, Any], name: str) -> Any:
    """A setting's value; its declared default when `config` lacks the key altogether."""
    if name in config:
        return config[name]
    return next(s.default for s in SETTINGS if s.name == name)


def load_config(app: Flask, test_config: dict | None) -> None:
    """Fill app.config from SETTINGS, the MATCHER_* environment and test overrides."""
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    app.config.from_mapping(
        BABEL_DEFAULT_LOCALE="nl",
        BABEL_DEFAULT_TIMEZONE="Europe/Amsterdam",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        REMEMBER_COOKIE_HTTPONLY=True,
        SESSION_REFRESH_EACH_REQUEST=True,
        RATELIMIT_HEADERS_ENABLED=True,
        MAX_CONTENT_LENGTH=12 * 1024 * 1024,
        WTF_CSRF_TIME_LIMIT=None,
        **{setting.name: setting.default for setting in SETTINGS},
    )
    app.config.from_prefixed_env("MATCHER")
    for setting in SETTINGS:  # declared settings are read as typed, not as JSON
        if setting.variable in os.environ:
            app.config[setting.name] = os.environ[setting.variable]
    if test_config:
        app.config.update(test_config)
    for setting in SETTINGS:
        app.config[setting.name] = setting.parse(app.config[setting.name])
    app.config["DATABASE_URL"] = app.config["DATABASE_URL"] or (
        f"sqlite:///{Path(app.instance_path) / 'matcher.sqlite'}"
    )
    app.config["IMPORT_DIR"] = app.config["IMPORT_DIR"] or str(Path(app.instance_path) / "imports")
    if app.config["RESUME_AT_START"] is None:
        app.config["RESUME_AT_START"] = not app.config.get("TESTING", False)
    # Rate limits are off in the general test configuration; tests/security turns them on.
    app.config.setdefault("RATELIMIT_ENABLED", not app.config.get("TESTING", False))
    app.config.setdefault(
        "SQLALCHEMY_DATABASE_URI", normalise_database_url(app.config["DATABASE_URL"])
    )
    app.config["SECRET_KEY"] = app.config["SECRET_KEY"] or _instance_secret(app.instance_path)


def markdown_table() -> str:
    """The README's configuration table, made from SETTINGS."""
    rows = ["| variable | default | meaning |", "|---|---|---|"]
    for setting in SETTINGS:
        default = setting.shown_default or _shown(setting.default)
        rows.append(f"| `{setting.variable}` | {default} | {setting.meaning} |")
    return "\n".join(rows)


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return "`1`" if value else "`0`"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"`{value}`"


def normalise_database_url(url: str) -> str:
    """Let plain postgresql:// URLs use the psycopg 3 driver."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def _instance_secret(instance_path: str) -> str:
    """Read the secret key from the instance folder, generating it once (mode 0600)."""
    path = Path(instance_path) / "secret_key"
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text().strip()
    with os.fdopen(fd, "w") as handle:
        handle.write(secrets.token_hex(32))
    return path.read_text().strip()


if __name__ == "__main__":
    print(markdown_table())
