"""Configuration: defaults, then MATCHER_* environment variables, then test overrides."""

import os
import secrets
from pathlib import Path

from flask import Flask

LANGUAGES = ("nl", "en")

# Security and privacy defaults (see matcher/web/security.py); all overridable as MATCHER_*.
SECURITY_DEFAULTS = dict(
    SESSION_COOKIE_SECURE=False,  # also Secure whenever the request itself came over https
    PERMANENT_SESSION_LIFETIME=30 * 60,  # seconds of inactivity before a session expires
    SESSION_REFRESH_EACH_REQUEST=True,
    REQUIRE_2FA=False,  # coaches and coordinators must use two-step verification
    LOCKOUT_ATTEMPTS=5,
    LOCKOUT_MINUTES=15,
    RATELIMIT_STORAGE_URI="memory://",  # e.g. redis://host:6379 with several workers
    RATELIMIT_LOGIN="10 per minute",  # per client address and e-mail address
    RATELIMIT_LOGIN_ADDRESS="60 per minute",  # per client address
    RATELIMIT_HEADERS_ENABLED=True,
    PROXY_FIX_HOPS=0,  # behind a reverse proxy: how many X-Forwarded-* hops to trust
    RETENTION_YEARS=5,  # participants are purged this long after their duty ended
)


def load_config(app: Flask, test_config: dict | None) -> None:
    """Fill app.config from defaults, the MATCHER_* environment and test overrides."""
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    app.config.from_mapping(
        DATABASE_URL=f"sqlite:///{Path(app.instance_path) / 'matcher.sqlite'}",
        BABEL_DEFAULT_LOCALE="nl",
        BABEL_DEFAULT_TIMEZONE="Europe/Amsterdam",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        REMEMBER_COOKIE_HTTPONLY=True,
        MAX_CONTENT_LENGTH=12 * 1024 * 1024,
        WTF_CSRF_TIME_LIMIT=None,
        PAGE_SIZE=50,
        **SECURITY_DEFAULTS,
    )
    app.config.from_prefixed_env("MATCHER")
    if test_config:
        app.config.update(test_config)
    # Rate limits are off in the general test configuration; tests/security turns them on.
    app.config.setdefault("RATELIMIT_ENABLED", not app.config.get("TESTING", False))
    app.config.setdefault(
        "SQLALCHEMY_DATABASE_URI", normalise_database_url(app.config["DATABASE_URL"])
    )
    app.config["SECRET_KEY"] = app.config.get("SECRET_KEY") or _instance_secret(app.instance_path)


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
