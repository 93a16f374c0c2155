"""Every HTTP error has a page in the user's language with the right status, never werkzeug's
English default page."""

import pytest
from flask import abort
from werkzeug.exceptions import default_exceptions

from matcher import create_app
from matcher.extensions import db
from tests.conftest import Client

STATUSES = [
    400, 401, 403, 404, 405, 406, 408, 409, 410, 411, 412, 413, 414, 415, 416, 417, 418,
    422, 423, 424, 428, 429, 431, 451, 500, 501, 502, 503, 504, 505,
]  # fmt: skip


@pytest.fixture
def failing_app(app):
    """The app with one extra route that answers any status (added before the first request)."""
    failing = create_app(
        {"TESTING": True, "DATABASE_URL": app.config["DATABASE_URL"], "SECRET_KEY": "test-secret"}
    )
    failing.add_url_rule("/_fout/<int:status>", "fail", lambda status: abort(status))
    failing.test_client_class = Client
    yield failing
    with failing.app_context():
        db.session.remove()
        db.engine.dispose()


def _is_werkzeug_page(page: str, status: int) -> bool:
    error = default_exceptions[status]
    return f"<title>{status} {error.name}</title>" in page or error.description in page


@pytest.mark.parametrize("status", STATUSES)
def test_every_status_has_a_dutch_page(failing_app, status):
    response = failing_app.test_client().get(f"/_fout/{status}")
    page = response.get_data(as_text=True)
    assert response.status_code == status
    assert response.mimetype == "text/html"
    assert '<html lang="nl"' in page and f"Foutcode: {status}" in page
    assert not _is_werkzeug_page(page, status)
    assert "Naar de startpagina" in page


def test_the_pages_are_english_when_english_is_chosen(failing_app):
    client = failing_app.test_client()
    client.post_form("/taal", {"language": "en", "next": "/inloggen"})
    for status in (405, 409, 410, 415, 503, 418):
        page = client.get(f"/_fout/{status}").get_data(as_text=True)
        assert '<html lang="en"' in page and f"Error code: {status}" in page
        assert not _is_werkzeug_page(page, status)
    page = client.get("/_fout/409").get_data(as_text=True)
    assert "Changed in the meantime" in page and "Intussen gewijzigd" not in page


def test_get_on_logout_is_a_dutch_405_that_names_the_allowed_method(client):
    response = client.get("/uitloggen")
    page = response.get_data(as_text=True)
    assert response.status_code == 405
    assert "POST" in response.headers["Allow"]
    assert "Niet toegestaan" in page and "Method Not Allowed" not in page


def test_the_specific_messages_stay(client):
    page = client.get("/bestaat-niet").get_data(as_text=True)
    assert "Deze pagina of dit gegeven bestaat niet" in page
