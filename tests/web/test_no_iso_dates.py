"""No page prints a date the ISO way (2026-12-07): dates are in the user's language, weeks with
their number (issue 13). ISO dates stay in input values and URLs only."""

import html
import re

import pytest

from matcher import create_app
from matcher.services.demo import DEMO_PASSWORD, prepare_demo_database
from tests.conftest import CSRF_INPUT
from tests.e2e.test_every_page_fits import ACCOUNTS, _demo_ids, _pages

ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
HIDDEN = re.compile(r"<(script|style|template)\b.*?</\1>", re.S | re.I)
TAG = re.compile(r"<[^>]*>")  # a tag with its attributes (values of inputs, links, ids)


def visible_text(page: str) -> str:
    """The page's text as a person reads it: no tags, no attribute values, no scripts."""
    return html.unescape(TAG.sub(" ", HIDDEN.sub(" ", page)))


def test_visible_text_drops_attributes_and_keeps_text():
    page = '<input value="2026-12-07"><a href="/w/2026-12-07">7 dec</a><p>2026-12-08</p>'
    assert ISO_DATE.findall(visible_text(page)) == ["2026-12-08"]


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    database = tmp_path_factory.mktemp("dates") / "demo.sqlite"
    settings = {"DATABASE_URL": f"sqlite:///{database}", "SECRET_KEY": "dates-secret"}
    app = create_app(settings | {"SOLVER_TIME_LIMIT": 5})
    with app.app_context():
        prepare_demo_database()
    ids = _demo_ids(app)
    return app, {role: _pages(app, role, ids[role]) for role in ACCOUNTS}


@pytest.mark.parametrize("role", list(ACCOUNTS), ids=str)
def test_no_page_shows_an_iso_date(demo, role):
    app, pages = demo
    client = app.test_client()
    if ACCOUNTS[role]:
        login = client.get("/inloggen").get_data(as_text=True)
        form = {
            "email": ACCOUNTS[role],
            "password": DEMO_PASSWORD,
            "csrf_token": CSRF_INPUT.search(login).group(1),
        }
        assert client.post("/inloggen", data=form).status_code == 302
    found, checked = [], 0
    for endpoint, url in pages[role]:
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response.content_type:
            continue
        checked += 1
        dates = ISO_DATE.findall(visible_text(response.get_data(as_text=True)))
        if dates:
            found.append(f"{endpoint} {url}: {sorted(set(dates))[:5]}")
    assert checked, f"no page checked for {role}"
    assert not found, "\n".join(found)
