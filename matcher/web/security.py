"""The hardened way in: security headers, login rate limits, idle sessions, secure cookies."""

import re
import time
from collections.abc import Iterable, Mapping
from urllib.parse import urlsplit

from flask import (
    Flask,
    current_app,
    flash,
    g,
    has_request_context,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask.sessions import SecureCookieSessionInterface
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import current_user, logout_user
from werkzeug.middleware.proxy_fix import ProxyFix

# The policy of every page: 'self' only. A view may widen its own response, and only its own,
# with allow_on_this_page() (the Werving map's tiles: img-src from the tile server's origin).
POLICY = (
    ("default-src", ("'self'",)),
    ("script-src", ("'self'",)),
    ("style-src", ("'self'",)),
    ("img-src", ("'self'",)),
    ("object-src", ("'none'",)),
    ("base-uri", ("'none'",)),
    ("form-action", ("'self'",)),
    ("frame-ancestors", ("'none'",)),
)
WIDENABLE = ("img-src",)  # what a page may widen; scripts, styles and frames never
PAGE_SOURCES = "_csp_sources"
ORIGIN = re.compile(r"https?://(\*\.)?([a-z0-9.-]+|\[[0-9a-f:.]+\])(:[0-9]{1,5})?")


def content_security_policy(extra: Mapping[str, Iterable[str]] | None = None) -> str:
    """The policy as a header value, with `extra` sources added to their directives."""
    extra = extra or {}
    return "; ".join(
        " ".join(dict.fromkeys((name, *sources, *extra.get(name, ())))) for name, sources in POLICY
    )


def allow_on_this_page(directive: str, *sources: str) -> None:
    """Let this request's response (and no other) load `directive` content from `sources`,
    e.g. allow_on_this_page("img-src", "https://service.pdok.nl")."""
    if directive not in WIDENABLE:
        raise ValueError(f"{directive} may not be widened by a page")
    for source in sources:
        if not ORIGIN.fullmatch(source):
            raise ValueError(f"{source!r} is not an origin")
    added = g.setdefault(PAGE_SOURCES, {}).setdefault(directive, [])
    added.extend(s for s in sources if s not in added)


def origin_of(url: str) -> str | None:
    """scheme://host[:port] of an absolute http(s) URL template, or None (a relative URL:
    'self' covers it). A Leaflet subdomain placeholder ({s}.tiles.example) becomes *."""
    try:
        parts = urlsplit(url.strip().replace("{s}.", "*."))
        port = parts.port
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
    origin = f"{parts.scheme}://{host}" + (f":{port}" if port else "")
    return origin if ORIGIN.fullmatch(origin) else None


CONTENT_SECURITY_POLICY = content_security_policy()
HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}
# Server-drawn SVG images (charts, QR codes) style themselves inline; scripts stay blocked.
SVG_POLICY = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'"
HSTS = "max-age=31536000; includeSubDomains"
LAST_SEEN = "_last_seen"
LIMITED_ENDPOINTS = (
    "auth.login",
    "auth.login_code",
    "auth.login_enrol",
    "auth.forgot_password",
    "auth.reset_password",
    "auth.accept_invitation",
)


class SessionInterface(SecureCookieSessionInterface):
    """Session cookies are Secure when configured so, and always when the request is https."""

    def get_cookie_secure(self, app: Flask) -> bool:
        """Secure by configuration, or because this request came over https."""
        configured = super().get_cookie_secure(app)
        return configured or (has_request_context() and request.is_secure)


def init_app(app: Flask) -> None:
    """Wire the headers, the idle-session check and the login rate limits into `app`."""
    hops = app.config["PROXY_FIX_HOPS"]
    if hops:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)
    app.session_interface = SessionInterface()
    app.before_request(expire_idle_session)
    app.after_request(add_security_headers)
    app.extensions["matcher.limiter"] = _init_limiter(app)
    app.register_error_handler(429, _too_many_requests)


def add_security_headers(response):
    """One after_request hook: CSP and friends on every response; HSTS only over https."""
    if response.mimetype == "image/svg+xml":
        response.headers.setdefault("Content-Security-Policy", SVG_POLICY)
    widened = g.get(PAGE_SOURCES) if has_request_context() else None
    if widened:
        response.headers.setdefault("Content-Security-Policy", content_security_policy(widened))
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    if request.is_secure:
        response.headers.setdefault("Strict-Transport-Security", HSTS)
    if current_user and current_user.is_authenticated and request.endpoint != "static":
        response.headers["Cache-Control"] = "no-store"  # pages with personal data stay uncached
    return response


def expire_idle_session():
    """Log out a user whose last request is longer ago than PERMANENT_SESSION_LIFETIME."""
    if request.endpoint == "static":
        return None
    now = int(time.time())
    lifetime = current_app.permanent_session_lifetime.total_seconds()
    last_seen = session.get(LAST_SEEN)
    if current_user.is_authenticated and last_seen is not None and now - last_seen > lifetime:
        logout_user()
        session.clear()
        flash(_("Uw sessie is verlopen omdat u een tijd niets heeft gedaan. Log opnieuw in."))
        return redirect(url_for("auth.login"))
    if current_user.is_authenticated:
        session.permanent = True
        session[LAST_SEEN] = now
    return None


def _login_key() -> str:
    """Rate-limit key: client address plus the e-mail address being tried."""
    email = (request.form.get("email") or "").strip().lower()[:254]
    return f"{get_remote_address()}|{email or session.get('pending_user_id', '')}"


def _init_limiter(app: Flask) -> Limiter:
    """One limiter per app (Flask-Limiter keeps its state on the instance)."""
    limiter = Limiter(key_func=get_remote_address)
    limiter.init_app(app)
    for endpoint in LIMITED_ENDPOINTS:
        view = app.view_functions.get(endpoint)
        if view is None:
            continue
        view = limiter.limit(
            lambda: app.config["RATELIMIT_LOGIN"], key_func=_login_key, methods=["POST"]
        )(view)
        view = limiter.limit(
            lambda: app.config["RATELIMIT_LOGIN_ADDRESS"],
            methods=["POST"],
            scope="login-address",
        )(view)
        app.view_functions[endpoint] = view
    return limiter


def _too_many_requests(_error):
    message = _l(
        "U heeft te vaak geprobeerd in te loggen. Wacht een minuut en probeer het dan opnieuw."
    )
    page = render_template("error.html", status=429, title=_l("Te veel pogingen"), message=message)
    return page, 429
