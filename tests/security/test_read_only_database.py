"""A database that cannot write: login says so in Dutch (503) and logs nobody in, because the
login's records (the counted attempt, the audit event) are stored before the session is.
SQLite: the connection is made read-only with PRAGMA query_only; PostgreSQL: every transaction
is read-only (default_transaction_read_only)."""

import pytest
from sqlalchemy import event

from matcher import create_app
from matcher.extensions import db
from matcher.models import Role
from matcher.services import accounts
from tests.conftest import POSTGRES_URL, Client
from tests.factories import PASSWORD

READ_ONLY_MESSAGE = "Matcher kan nu niets opslaan"


@pytest.fixture
def read_only_app(app):
    """The same database, opened read-only."""
    options = {}
    if POSTGRES_URL:
        options = {"connect_args": {"options": "-c default_transaction_read_only=on"}}
    read_only = create_app(
        {
            "TESTING": True,
            "DATABASE_URL": app.config["DATABASE_URL"],
            "SECRET_KEY": "test-secret",
            "SQLALCHEMY_ENGINE_OPTIONS": options,
        }
    )
    read_only.test_client_class = Client
    with read_only.app_context():
        if not POSTGRES_URL:

            @event.listens_for(db.engine, "connect")
            def _query_only(dbapi_connection, _record):
                dbapi_connection.execute("PRAGMA query_only=ON")

    yield read_only
    with read_only.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.COACH])
def test_login_on_a_read_only_database_is_a_clear_503_and_logs_nobody_in(read_only_app, make, role):
    user = make.user(role)
    db.session.commit()
    client = read_only_app.test_client()
    response = client.post_form("/inloggen", {"email": user.email, "password": PASSWORD})
    page = response.get_data(as_text=True)
    assert response.status_code == 503
    assert READ_ONLY_MESSAGE in page and "Foutcode: 503" in page
    home = client.get("/coordinator/" if role == Role.COORDINATOR else "/coach/")
    assert home.status_code == 302 and home.headers["Location"].startswith("/inloggen")
    with client.session_transaction() as session:
        assert "_user_id" not in session


def test_a_password_on_a_read_only_database_is_not_checked(read_only_app, make, monkeypatch):
    """The attempt cannot be counted, so the password is not checked at all."""
    checked = []
    monkeypatch.setattr(accounts, "check_password_hash", lambda *args: checked.append(args))
    user = make.user(Role.COACH)
    db.session.commit()
    client = read_only_app.test_client()
    response = client.post_form("/inloggen", {"email": user.email, "password": "wrong pw!!"})
    assert response.status_code == 503
    assert "klopt niet" not in response.get_data(as_text=True)
    assert checked == []


def test_the_read_only_page_is_english_when_chosen(read_only_app, make):
    user = make.user(Role.COACH)
    db.session.commit()
    client = read_only_app.test_client()
    client.post_form("/taal", {"language": "en", "next": "/inloggen"})
    page = client.post_form("/inloggen", {"email": user.email, "password": PASSWORD})
    assert "cannot save anything right now" in page.get_data(as_text=True)
