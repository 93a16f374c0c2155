"""Logging in and out, role homes, CSRF and the language switch."""

import pytest
from sqlalchemy import func, select

from matcher.extensions import db
from matcher.models import AuditEvent, Role, User
from tests.factories import PASSWORD

PROTECTED = [
    "/",
    "/coordinator/",
    "/coach/",
    "/vrijwilliger/",
    "/beheer/",
    "/deelnemers/",
    "/deelnemers/1",
]


@pytest.mark.parametrize("url", PROTECTED)
def test_anonymous_users_are_sent_to_the_login_page(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/inloggen")


@pytest.mark.parametrize(
    ("role", "home", "heading"),
    [
        (Role.COORDINATOR, "/coordinator/", "Overzicht coördinator"),
        (Role.COACH, "/coach/", "Mijn caseload"),
        (Role.VOLUNTEER, "/vrijwilliger/", "Mijn vrijwilligerswerk"),
        (Role.ADMIN, "/beheer/", "Accounts"),
    ],
)
def test_each_role_lands_on_its_own_home_page(login_as, role, home, heading):
    client, _user = login_as(role)
    response = client.get("/")
    assert response.headers["Location"] == home
    page = client.get(home).get_data(as_text=True)
    assert f"<h1>{heading}</h1>" in page


def test_login_records_an_audit_event(login_as, app_ctx):
    _client, user = login_as(Role.COACH)
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.actor_id == user.id))
    assert (event.action, event.entity, event.entity_id) == ("login", "user", user.id)


def test_wrong_password_and_unknown_email_get_the_same_message(client, make):
    user = make.user(Role.COORDINATOR)
    wrong = client.post_form("/inloggen", {"email": user.email, "password": "wrong-password"})
    unknown = client.post_form("/inloggen", {"email": "nobody@example.org", "password": PASSWORD})
    message = "Het e-mailadres of het wachtwoord klopt niet."
    assert message in wrong.get_data(as_text=True)
    assert message in unknown.get_data(as_text=True)
    assert client.get("/").status_code == 302  # still not logged in


def test_email_is_matched_case_insensitively(client, make):
    user = make.user(Role.COACH, email="coach@example.org")
    response = client.post_form("/inloggen", {"email": "Coach@Example.ORG", "password": PASSWORD})
    assert response.headers["Location"] == "/"
    assert user.email == "coach@example.org"


def test_deactivated_account_cannot_log_in(client, make):
    user = make.user(Role.COACH, active=False)
    response = client.post_form("/inloggen", {"email": user.email, "password": PASSWORD})
    assert "klopt niet" in response.get_data(as_text=True)


def test_invalid_login_form_rerenders_with_dutch_messages(client):
    page = client.post_form("/inloggen", {"email": "geen-adres", "password": ""}).get_data(
        as_text=True
    )
    assert "Ongeldig e-mailadres." in page
    assert "Dit veld is vereist." in page


def test_post_without_csrf_token_is_refused_and_changes_nothing(login_as, app_ctx):
    client, _admin = login_as(Role.ADMIN)
    before = db.session.scalar(select(func.count()).select_from(User))
    response = client.post(
        "/beheer/",
        data={
            "email": "new@example.org",
            "name": "Nieuw",
            "role": "coach",
            "password": "long enough pw",
        },
    )
    assert response.status_code == 400
    assert "Formulier verlopen" in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(User)) == before


def test_login_without_csrf_token_is_refused(client, make):
    user = make.user(Role.COACH)
    response = client.post("/inloggen", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 400


def test_logout_ends_the_session(login_as):
    client, _user = login_as(Role.COORDINATOR)
    response = client.post_form("/uitloggen")
    assert response.headers["Location"] == "/inloggen"
    assert client.get("/coordinator/").status_code == 302


def test_open_redirect_after_login_is_ignored(client, make):
    user = make.user(Role.COACH)
    response = client.post_form(
        "/inloggen", {"email": user.email, "password": PASSWORD, "next": "https://evil.example/"}
    )
    assert response.headers["Location"] == "/"


def test_language_switch_to_english_and_back(login_as):
    client, _user = login_as(Role.COACH)
    client.post_form("/taal", {"language": "en", "next": "/coach/"})
    assert "<h1>My caseload</h1>" in client.get("/coach/").get_data(as_text=True)
    client.post_form("/taal", {"language": "nl"})
    assert "<h1>Mijn caseload</h1>" in client.get("/coach/").get_data(as_text=True)
