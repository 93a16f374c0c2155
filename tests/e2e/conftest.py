"""A live matcher on the demo region, and a headless Debian chromium driven by Playwright."""

import os
import threading
from contextlib import contextmanager
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from matcher import create_app
from matcher.services.demo import DEMO_PASSWORD, prepare_demo_database

CHROMIUM = os.environ.get("MATCHER_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
BLOCKING_IMPACTS = {"serious", "critical"}


def pytest_collection_modifyitems(items):
    for item in items:
        if Path(item.fspath).parent.name == "e2e":
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    """Serve the demo region (SQLite) on a free port of 127.0.0.1 for the whole session."""
    database = tmp_path_factory.mktemp("live") / "demo.sqlite"
    app = create_app({"DATABASE_URL": f"sqlite:///{database}", "SECRET_KEY": "e2e-secret"})
    with app.app_context():
        prepare_demo_database()
    with served(app) as url:
        yield url


@contextmanager
def served(app, port: int = 0):
    """`app` on `port` (0: a free one) of 127.0.0.1, werkzeug's threaded development server,
    while the block runs; yields its base URL. Every journey's server is made here."""
    server = make_server("127.0.0.1", port, _closed_before_sending(app), threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


def _closed_before_sending(app):
    """The app's response read whole and closed before werkzeug's development server sends it.
    When the browser drops a connection (a second click navigates away while a static file is
    on its way), that server skips closing the response, and the file it streams is left open
    (a ResourceWarning, an error under filterwarnings = error). Buffering the response in the
    test server closes every response, whatever the browser does."""

    def wsgi(environ, start_response):
        body = app(environ, start_response)
        try:
            return [b"".join(body)]
        finally:
            if hasattr(body, "close"):
                body.close()

    return wsgi


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is not installed (python3 dev.py test installs it as root)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server, locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def assert_accessible():
    """Run axe-core on the page; fail on any serious or critical violation."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def check(page) -> None:
        results = axe.run(page)
        blocking = [v for v in results.response["violations"] if v["impact"] in BLOCKING_IMPACTS]
        details = [
            f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']]}" for v in blocking
        ]
        assert not blocking, f"axe on {page.url}: " + "; ".join(details)

    return check


def log_in(page, email: str, password: str = DEMO_PASSWORD) -> None:
    """Fill the login form as a person would."""
    page.goto("/inloggen")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()


def open_account_menu(page) -> None:
    """Open the account menu in the page header (language, two-step verification, log out)."""
    menu = page.locator("details.account-menu")
    if menu.get_attribute("open") is None:
        menu.locator("summary").click()
