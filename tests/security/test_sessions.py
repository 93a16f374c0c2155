"""Sessions end for real: a copy of a session cookie (a replayed cookie) is anonymous once the
session was ended by logout, a new password, a new role, deactivation or an admin's
"Alle sessies beëindigen"."""

from datetime import date

import pytest
from sqlalchemy import func, select

from matcher.extensions import db
from matcher.models import AuditEvent, ProgressMeeting, Role, User
from tests.factories import PASSWORD
from tests.security.routes import ALL_ROLES

HOME = {
    Role.ADMIN: "/beheer/",
    Role.COORDINATOR: "/coordinator/",
    Role.COACH: "/coach/",
    Role.VOLUNTEER: "/vrijwilliger/",
}


def _replay(app, cookie: str):
    """A second client that has nothing but a copy of the session cookie."""
    thief = app.test_client()
    thief.set_cookie("session", cookie)
    return thief


def _is_anonymous(client, role: Role) -> bool:
    response = client.get(HOME[role])
    return response.status_code == 302 and response.headers["Location"].startswith("/inloggen")


@pytest.mark.parametrize("role", ALL_ROLES, ids=lambda r: r.value)
def test_a_replayed_cookie_after_logout_is_anonymous(app, login_as, role):
    client, _user = login_as(role)
    cookie = client.get_cookie("session").value
    assert _replay(app, cookie).get(HOME[role]).status_code == 200  # the copy works while in
    response = client.post_form("/uitloggen")
    assert response.headers["Location"] == "/inloggen"
    assert "U bent uitgelogd." in client.get("/inloggen").get_data(as_text=True)
    assert _is_anonymous(_replay(app, cookie), role)
    assert _is_anonymous(client, role)


def test_a_replayed_cookie_cannot_save_a_voortgangsgesprek_after_logout(app, login_as, make):
    client, coach = login_as(Role.COACH)
    participant = make.participant(coach=coach, pip_date=date(2026, 1, 5))
    cookie = client.get_cookie("session").value
    client.post_form("/uitloggen")
    thief = _replay(app, cookie)
    response = thief.post_form(
        f"/coach/voortgang/{participant.id}/gesprek", {"held_on": "2026-02-02", "summary": "x"}
    )
    assert response.status_code == 302 and response.headers["Location"].startswith("/inloggen")
    assert db.session.scalar(select(func.count()).select_from(ProgressMeeting)) == 0


def test_logging_in_again_after_logout_works(app, login_as, make):
    client, user = login_as(Role.COORDINATOR)
    client.post_form("/uitloggen")
    again = app.test_client()
    response = again.post_form("/inloggen", {"email": user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert again.get("/coordinator/").status_code == 200


def _admin_action(admin_client, user: User, action: str):
    url = f"/beheer/accounts/{user.id}"
    bodies = {
        "wachtwoord": {"password": "een-heel-nieuw-wachtwoord"},
        "rol": {"role": "coordinator" if user.role != Role.COORDINATOR else "coach"},
        "actief": {},
        "sessies-beeindigen": {},
    }
    return admin_client.post_form(f"{url}/{action}", bodies[action])


@pytest.mark.parametrize("action", ["wachtwoord", "rol", "actief", "sessies-beeindigen"])
@pytest.mark.parametrize("role", [Role.COACH, Role.VOLUNTEER], ids=lambda r: r.value)
def test_an_admins_change_ends_every_session_of_the_account(app, login_as, role, action):
    admin_client, _admin = login_as(Role.ADMIN)
    client, user = login_as(role)
    cookie = client.get_cookie("session").value
    assert client.get(HOME[role]).status_code == 200
    response = _admin_action(admin_client, user, action)
    assert response.status_code == 302, response.get_data(as_text=True)
    assert _is_anonymous(client, role)
    assert _is_anonymous(_replay(app, cookie), role)
    assert admin_client.get("/beheer/").status_code == 200  # the admin's own session lives on


def test_ending_all_sessions_is_audited_and_shown(login_as, make):
    admin_client, admin = login_as(Role.ADMIN)
    user = make.user(Role.COACH)
    page = admin_client.get(f"/beheer/accounts/{user.id}").get_data(as_text=True)
    assert "Alle sessies beëindigen" in page
    response = _admin_action(admin_client, user, "sessies-beeindigen")
    page = admin_client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Alle sessies van dit account zijn beëindigd." in page
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "end_sessions"))
    assert event.actor_id == admin.id and event.entity_id == user.id


def test_the_actions_need_the_csrf_token(login_as, make):
    admin_client, _admin = login_as(Role.ADMIN)
    user = make.user(Role.COACH)
    token = user.session_token
    response = admin_client.post(f"/beheer/accounts/{user.id}/sessies-beeindigen")
    assert response.status_code == 400
    db.session.expire_all()
    assert db.session.get(User, user.id).session_token == token


def test_an_admin_cannot_demote_or_deactivate_themself(login_as):
    admin_client, admin = login_as(Role.ADMIN)
    for action in ("rol", "actief"):
        response = _admin_action(admin_client, admin, action)
        page = admin_client.get(response.headers["Location"]).get_data(as_text=True)
        assert "Uw eigen account kunt u hier niet wijzigen" in page
    db.session.expire_all()
    admin = db.session.get(User, admin.id)
    assert admin.role == Role.ADMIN and admin.active


def test_a_refused_password_changes_nothing(login_as, make):
    admin_client, _admin = login_as(Role.ADMIN)
    user = make.user(Role.COACH)
    token, hashed = user.session_token, user.password_hash
    response = admin_client.post_form(
        f"/beheer/accounts/{user.id}/wachtwoord", {"password": "wachtwoord123"}
    )
    assert response.status_code == 400
    assert "Dit wachtwoord is te gangbaar" in response.get_data(as_text=True)
    db.session.expire_all()
    user = db.session.get(User, user.id)
    assert (user.session_token, user.password_hash) == (token, hashed)


def test_every_account_has_its_own_random_token(make):
    tokens = {make.user(Role.COACH).session_token for _ in range(5)}
    assert len(tokens) == 5 and all(len(t) >= 43 for t in tokens)


def test_a_session_id_without_the_token_is_anonymous(app, login_as):
    """A cookie made before tokens existed (only the id) or with a guessed token."""
    client, user = login_as(Role.COORDINATOR)
    for forged in (str(user.id), f"{user.id}:", f"{user.id}:guess", "x:y"):
        with client.session_transaction() as session:
            session["_user_id"] = forged
        assert _is_anonymous(client, Role.COORDINATOR)
