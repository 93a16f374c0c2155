"""Shared fixtures: an app on SQLite (or PostgreSQL when MATCHER_TEST_DATABASE_URL is set),
a clean database for every test, factories, and clients logged in as a role."""

import contextvars
import os
import re

import pytest
from flask.testing import FlaskClient
from sqlalchemy import text

from matcher import create_app
from matcher.extensions import db
from matcher.models import Role
from tests.factories import PASSWORD, Factory

POSTGRES_URL = os.environ.get("MATCHER_TEST_DATABASE_URL")
CSRF_INPUT = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


class Client(FlaskClient):
    """A test client that fills in the CSRF token the way a browser form would.

    Each request runs in an empty contextvars context, so it gets its own application
    context (its own `g` and database session) as in production, even while the test
    itself holds an app context for its factories and checks.
    """

    def open(self, *args, **kwargs):
        return contextvars.Context().run(super().open, *args, **kwargs)

    def csrf_token(self) -> str:
        page = self.get("/inloggen", follow_redirects=True).get_data(as_text=True)
        return CSRF_INPUT.search(page).group(1)

    def post_form(self, url: str, data: dict | None = None, **kw):
        return self.post(url, data={**(data or {}), "csrf_token": self.csrf_token()}, **kw)


def pytest_collection_modifyitems(items):
    """Tests that touch the database are marked `db`: they run on SQLite and on PostgreSQL."""
    for item in items:
        if {"app", "db_session"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.db)


@pytest.fixture(scope="session")
def app(tmp_path_factory):
    url = POSTGRES_URL or f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite'}"
    app = create_app({"TESTING": True, "DATABASE_URL": url, "SECRET_KEY": "test-secret"})
    app.test_client_class = Client
    with app.app_context():
        if POSTGRES_URL:
            with db.engine.begin() as conn:
                conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        from flask_migrate import upgrade

        upgrade(directory=app.extensions["migrate"].directory)
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()  # close pooled connections before the interpreter collects them


@pytest.fixture(autouse=True)
def _clean_database(request):
    """Empty every table after each test that used the database."""
    yield
    if "app" not in request.fixturenames:
        return
    app = request.getfixturevalue("app")
    with app.app_context():
        db.session.remove()
        tables = [t.name for t in reversed(db.metadata.sorted_tables)]
        with db.engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
            else:
                for table in tables:
                    conn.execute(text(f"DELETE FROM {table}"))  # noqa: S608 (names from metadata)


@pytest.fixture
def app_ctx(app):
    with app.app_context():
        yield app


@pytest.fixture
def make(app_ctx):
    return Factory()


@pytest.fixture
def client(app) -> Client:
    return app.test_client()


@pytest.fixture
def login_as(app, make):
    """Log a fresh client in through the real login form as a new user of `role`."""

    def login(role: Role, **kw) -> tuple[Client, object]:
        user = make.user(role, **kw)
        client = app.test_client()
        response = client.post_form("/inloggen", {"email": user.email, "password": PASSWORD})
        assert response.status_code == 302, response.get_data(as_text=True)
        return client, user

    return login
