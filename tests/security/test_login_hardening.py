"""The way in: lockout, rate limits, password policy, idle sessions, cookies and headers."""

import re
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from matcher import create_app
from matcher.extensions import db
from matcher.models import AuditEvent, LoginThrottle, Role, User
from matcher.services import accounts
from matcher.services.errors import ValidationFailed
from matcher.web.security import LAST_SEEN
from tests.conftest import Client
from tests.factories import PASSWORD

LOCKED = "Dit account is tijdelijk geblokkeerd na te veel mislukte pogingen."
WRONG = "Het e-mailadres of het wachtwoord klopt niet."


def _login(client, email, password=PASSWORD):
    return client.post_form("/inloggen", {"email": email, "password": password})


def test_five_wrong_passwords_lock_the_account_with_a_clear_message(client, make):
    user = make.user(Role.COACH)
    for _attempt in range(4):
        assert WRONG in _login(client, user.email, "wrong password!").get_data(as_text=True)
    page = _login(client, user.email, "wrong password!").get_data(as_text=True)
    assert LOCKED in page and "over 15 minuten" in page
    # even the right password is refused while locked, with the same clear message
    response = _login(client, user.email)
    assert response.status_code == 200 and LOCKED in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(User, user.id).locked_until is not None
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "lock"))


def test_the_lock_runs_out_and_a_success_resets_the_count(client, make):
    user = make.user(Role.COACH, locked_until=datetime.now(UTC) - timedelta(seconds=1))
    user.failed_logins = 3
    db.session.commit()
    assert _login(client, user.email).status_code == 302
    db.session.expire_all()
    assert db.session.get(User, user.id).failed_logins == 0


def test_unknown_addresses_lock_like_accounts_so_the_page_tells_nothing(app, make):
    """Whether an address has an account is never told: the same page, attempt by attempt."""
    user = make.user(Role.COACH)
    known, unknown = app.test_client(), app.test_client()
    for _attempt in range(6):
        for_known = _login(known, user.email, "wrong password!").get_data(as_text=True)
        for_unknown = _login(unknown, "nobody@example.org", "wrong password!")
        for_unknown = for_unknown.get_data(as_text=True)
        assert _message(for_known) == _message(for_unknown) != ""
    assert LOCKED in for_unknown


def test_unknown_addresses_are_not_stored(client, app_ctx):
    for _attempt in range(2):
        _login(client, "nobody@example.org", "wrong password!")
    keys = db.session.scalars(select(LoginThrottle.key)).all()
    assert len(keys) == 1 and "nobody" not in keys[0] and len(keys[0]) == 64


def _message(page: str) -> str:
    """The error shown on the login page (flash and field errors), without the form itself."""
    return " ".join(re.findall(r'class="(?:flash flash-error|error)"[^>]*>([^<]*)<', page))


@pytest.fixture
def limited_app(app):
    """The same database, with rate limiting on (it is off in the general test config)."""
    limited = create_app(
        {
            "TESTING": True,
            "DATABASE_URL": app.config["DATABASE_URL"],
            "SECRET_KEY": "test-secret",
            "RATELIMIT_ENABLED": True,
            "RATELIMIT_LOGIN": "3 per minute",
            "RATELIMIT_LOGIN_ADDRESS": "5 per minute",
        }
    )
    limited.test_client_class = Client
    yield limited
    with limited.app_context():
        db.session.remove()
        db.engine.dispose()  # its own engine: close the pooled connections it opened


def test_login_posts_are_rate_limited_per_address_and_email(limited_app, make):
    user = make.user(Role.COORDINATOR)
    client = limited_app.test_client()
    codes = [_login(client, user.email, "wrong password!").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    page = _login(client, user.email).get_data(as_text=True)
    assert "te vaak geprobeerd" in page  # even the right password waits
    assert client.get("/inloggen").status_code == 200  # only POSTs count
    other = [_login(client, f"x{n}@example.org", "wrong password!").status_code for n in range(3)]
    assert other == [200, 200, 429]  # 5 per minute from one address, whatever the e-mail


def test_rate_limit_storage_is_configurable(app):
    assert app.config["RATELIMIT_STORAGE_URI"] == "memory://"
    assert app.extensions["matcher.limiter"].enabled is False  # the general test config


@pytest.mark.parametrize(
    ("password", "problem"),
    [
        ("kort", "password_too_short"),
        ("wachtwoord123", "password_too_common"),
        ("1234567890", "password_too_common"),
        ("aaaaaaaaaaaa", "password_too_common"),
        ("fatima.coach@example.org", "password_like_email"),
        ("mijn-fatima.coach-ww", "password_like_email"),
        ("x" * 201, "password_too_long"),
        (PASSWORD, None),
        ("demo-matcher-2026", None),
    ],
)
def test_password_policy(password, problem):
    assert accounts.password_problem(password, "fatima.coach@example.org") == problem


def test_admin_is_told_why_a_password_is_refused(login_as, app_ctx):
    client, _admin = login_as(Role.ADMIN)
    page = client.post_form(
        "/beheer/",
        {"email": "nieuw@example.org", "name": "Nieuw", "role": "coach", "password": "qwertyuiop"},
    ).get_data(as_text=True)
    assert "Dit wachtwoord is te gangbaar" in page
    assert db.session.scalar(select(User).where(User.email == "nieuw@example.org")) is None


def test_set_password_refuses_policy_breaches(make):
    user = make.user(Role.COACH, email="jan.jansen@example.org")
    with pytest.raises(ValidationFailed, match="password_like_email"):
        accounts.set_password(user, "jan.jansen2026")


def test_sessions_expire_after_inactivity(login_as, app):
    client, _user = login_as(Role.COORDINATOR)
    assert client.get("/coordinator/").status_code == 200
    with client.session_transaction() as session:
        idle = app.permanent_session_lifetime.total_seconds() + 5
        session[LAST_SEEN] = int(time.time() - idle)
    response = client.get("/coordinator/")
    assert response.headers["Location"] == "/inloggen"
    assert "Uw sessie is verlopen" in client.get("/inloggen").get_data(as_text=True)
    assert client.get("/coordinator/").status_code == 302


def test_activity_keeps_the_session_alive(login_as):
    client, _user = login_as(Role.COORDINATOR)
    client.get("/coordinator/")
    with client.session_transaction() as session:
        first = session[LAST_SEEN]
        session[LAST_SEEN] = first - 60
    client.get("/coordinator/")
    with client.session_transaction() as session:
        assert session[LAST_SEEN] >= first
        assert session.permanent


def _session_cookie(response) -> str:
    return next(h for h in response.headers.getlist("Set-Cookie") if h.startswith("session="))


def test_session_cookie_flags(client, make):
    user = make.user(Role.COACH)
    cookie = _session_cookie(_login(client, user.email))
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie
    https = client.application.test_client()
    https_cookie = _session_cookie(
        https.post(
            "/inloggen",
            base_url="https://localhost",
            data={"email": user.email, "password": PASSWORD, "csrf_token": https.csrf_token()},
        )
    )
    assert "Secure" in https_cookie


def test_security_headers_on_every_response(client):
    response = client.get("/inloggen")
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert "Strict-Transport-Security" not in response.headers
    secure = client.get("/inloggen", base_url="https://localhost")
    assert secure.headers["Strict-Transport-Security"].startswith("max-age=")
    static = client.get("/static/style.css")
    static.close()
    assert static.headers["X-Content-Type-Options"] == "nosniff"


def test_svg_images_may_style_themselves_but_never_run_scripts(login_as):
    client, _user = login_as(Role.COACH)
    client.get("/account/tweestapsverificatie")
    csp = client.get("/account/tweestapsverificatie/qr.svg").headers["Content-Security-Policy"]
    assert "default-src 'none'" in csp and "script-src" not in csp
    assert "style-src 'unsafe-inline'" in csp


def test_pages_with_personal_data_are_not_cached(login_as):
    client, _user = login_as(Role.COACH)
    assert client.get("/coach/").headers["Cache-Control"] == "no-store"


INLINE = [
    (re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I), "inline <script>"),
    (re.compile(r"\sstyle\s*=", re.I), "style attribute"),
    (re.compile(r"<style", re.I), "<style> element"),
    (re.compile(r"\son[a-z]+\s*=", re.I), "event handler attribute"),
    (re.compile(r"javascript:", re.I), "javascript: URL"),
]


def test_templates_need_no_inline_script_or_style():
    """The CSP forbids inline scripts and styles: no template may rely on them."""
    root = Path(__file__).resolve().parents[2] / "matcher" / "web"
    problems = [
        f"{path.relative_to(root)}: {what}"
        for path in root.rglob("*.html")
        for pattern, what in INLINE
        if pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert not problems, "\n".join(problems)
