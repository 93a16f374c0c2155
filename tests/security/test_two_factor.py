"""Two-step verification: enrolling, logging in with a code, and the REQUIRE_2FA policy."""

import re

import pyotp
import pytest
from sqlalchemy import select

from matcher.extensions import db
from matcher.models import AuditEvent, Role, User
from tests.factories import PASSWORD

SECRET_SHOWN = re.compile(r'<code class="secret" id="totp-secret">([A-Z2-7 ]+)</code>')


def _secret_on(page: str) -> str:
    return SECRET_SHOWN.search(page).group(1).replace(" ", "")


def _password_step(client, user):
    return client.post_form("/inloggen", {"email": user.email, "password": PASSWORD})


def test_enrol_from_the_account_page_then_log_in_with_a_code(login_as, app_ctx):
    client, user = login_as(Role.COACH)
    page = client.get("/account/tweestapsverificatie").get_data(as_text=True)
    assert 'src="/account/tweestapsverificatie/qr.svg"' in page
    secret = _secret_on(page)
    qr = client.get("/account/tweestapsverificatie/qr.svg")
    assert qr.mimetype == "image/svg+xml" and b"<svg" in qr.data
    wrong = client.post_form("/account/tweestapsverificatie", {"code": "000000"})
    assert "Deze code klopt niet" in wrong.get_data(as_text=True)
    done = client.post_form("/account/tweestapsverificatie", {"code": pyotp.TOTP(secret).now()})
    assert done.status_code == 302
    db.session.expire_all()
    assert db.session.get(User, user.id).totp_secret == secret
    events = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "update"))
    assert ["totp_secret"] in [e.fields for e in events]

    client.post_form("/uitloggen")
    response = _password_step(client, user)
    assert response.headers["Location"] == "/inloggen/code"
    assert client.get("/coach/").status_code == 302  # the password alone does not log in
    response = client.post_form("/inloggen/code", {"code": pyotp.TOTP(secret).now()})
    assert response.headers["Location"] == "/"
    assert client.get("/account/tweestapsverificatie").status_code == 200


def test_wrong_codes_count_toward_the_lockout(client, make):
    secret = pyotp.random_base32()
    user = make.user(Role.COORDINATOR, totp_secret=secret)
    _password_step(client, user)
    for _attempt in range(4):
        page = client.post_form("/inloggen/code", {"code": "123456"}).get_data(as_text=True)
        assert "Deze code klopt niet" in page
    response = client.post_form("/inloggen/code", {"code": "123456"})
    assert response.headers["Location"] == "/inloggen"
    assert "tijdelijk geblokkeerd" in client.get("/inloggen").get_data(as_text=True)
    again = _password_step(client, user)
    assert "tijdelijk geblokkeerd" in again.get_data(as_text=True)


def test_code_step_without_password_step_goes_back_to_login(client):
    response = client.post_form("/inloggen/code", {"code": "123456"})
    assert response.headers["Location"] == "/inloggen"
    assert client.get("/account/tweestapsverificatie/qr.svg").status_code == 404


@pytest.fixture
def require_2fa(app, monkeypatch):
    monkeypatch.setitem(app.config, "REQUIRE_2FA", True)


@pytest.mark.parametrize("role", [Role.COACH, Role.COORDINATOR])
def test_required_roles_are_sent_to_enrolment_after_the_password(client, make, require_2fa, role):
    user = make.user(role)
    response = _password_step(client, user)
    assert response.headers["Location"] == "/inloggen/tweestapsverificatie"
    assert client.get("/").status_code == 302  # not logged in yet
    page = client.get("/inloggen/tweestapsverificatie").get_data(as_text=True)
    assert "verplicht" in page
    secret = _secret_on(page)
    assert client.get("/account/tweestapsverificatie/qr.svg").status_code == 200
    response = client.post_form(
        "/inloggen/tweestapsverificatie", {"code": pyotp.TOTP(secret).now()}
    )
    assert response.headers["Location"] == "/"
    db.session.expire_all()
    assert db.session.get(User, user.id).totp_secret == secret


def test_required_roles_cannot_turn_it_off_but_others_can(app, client, login_as, make, require_2fa):
    secret = pyotp.random_base32()
    coach = make.user(Role.COACH, totp_secret=secret)
    _password_step(client, coach)
    client.post_form("/inloggen/code", {"code": pyotp.TOTP(secret).now()})
    page = client.get("/account/tweestapsverificatie").get_data(as_text=True)
    assert "u kunt het niet uitzetten" in page
    refused = client.post_form(
        "/account/tweestapsverificatie/uitzetten", {"code": pyotp.TOTP(secret).now()}
    )
    assert refused.status_code == 400
    db.session.expire_all()
    assert db.session.get(User, coach.id).totp_secret == secret

    volunteer_client, volunteer = login_as(Role.VOLUNTEER)  # not a required role
    volunteer.totp_secret = secret
    db.session.commit()
    response = volunteer_client.post_form(
        "/account/tweestapsverificatie/uitzetten", {"code": pyotp.TOTP(secret).now()}
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(User, volunteer.id).totp_secret is None


def test_other_roles_log_in_without_a_code_even_when_required(login_as, require_2fa):
    client, _user = login_as(Role.VOLUNTEER)
    assert client.get("/vrijwilliger/").status_code == 200


def test_a_code_cannot_be_used_twice(app, make):
    secret = pyotp.random_base32()
    user = make.user(Role.COACH, totp_secret=secret)
    code = pyotp.TOTP(secret).now()
    first, second = app.test_client(), app.test_client()
    _password_step(first, user)
    assert first.post_form("/inloggen/code", {"code": code}).headers["Location"] == "/"
    _password_step(second, user)
    replay = second.post_form("/inloggen/code", {"code": code})
    assert "Deze code klopt niet" in replay.get_data(as_text=True)
    assert second.get("/coach/").status_code == 302  # not logged in with a spent code
