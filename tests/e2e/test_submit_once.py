"""Journey: a double click on a create form's submit button sends one POST and makes one
record; the button is disabled and says "Bezig…" while the form is on its way."""

import pytest
from playwright.sync_api import expect
from sqlalchemy import func, select

from matcher import create_app
from matcher.extensions import db
from matcher.models import Organisation
from matcher.services.demo import prepare_demo_database
from tests.e2e.conftest import log_in, served

COORDINATOR = "coordinator@welzijn-twente.example"
NAME = "Buurthuis Dubbelklik"
# Records, across the navigation, what the submit button looked like just after the click.
WATCH_BUTTON = """() => {
  const button = document.querySelector("main form[method=post] button[type=submit]");
  new MutationObserver(() => {
    if (button.disabled) {
      sessionStorage.setItem("seen", JSON.stringify({disabled: true, label: button.textContent}));
    }
  }).observe(button, {attributes: true, childList: true, characterData: true, subtree: true});
}"""


@pytest.fixture(scope="module")
def server_and_app(tmp_path_factory):
    folder = tmp_path_factory.mktemp("submit-once")
    app = create_app(
        {"DATABASE_URL": f"sqlite:///{folder / 'demo.sqlite'}", "SECRET_KEY": "e2e-once"}
    )
    with app.app_context():
        prepare_demo_database()
    with served(app) as url:
        yield url, app


@pytest.fixture
def page(browser, server_and_app):
    context = browser.new_context(base_url=server_and_app[0], locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def organisations_named(app, name: str) -> int:
    with app.app_context():
        return db.session.scalar(
            select(func.count()).select_from(Organisation).where(Organisation.name == name)
        )


def test_double_click_sends_once_and_disables_the_button(page, server_and_app, assert_accessible):
    app = server_and_app[1]
    log_in(page, COORDINATOR)
    page.goto("/organisaties/nieuw")
    page.get_by_label("Naam", exact=True).fill(NAME)
    page.get_by_label("Gemeente").select_option(label="Almelo")
    page.evaluate(WATCH_BUTTON)
    posts = []
    page.on("request", lambda r: posts.append(r.url) if r.method == "POST" else None)
    page.get_by_role("button", name="Opslaan").dblclick()
    expect(page.get_by_text(f"Organisatie '{NAME}' is opgeslagen.")).to_be_visible()
    assert len(posts) == 1, posts
    assert organisations_named(app, NAME) == 1
    seen = page.evaluate("() => JSON.parse(sessionStorage.getItem('seen'))")
    assert seen == {"disabled": True, "label": "Bezig…"}
    assert_accessible(page)

    page.go_back()  # the form again: its button is usable once more
    expect(page.get_by_role("button", name="Opslaan")).to_be_enabled()
