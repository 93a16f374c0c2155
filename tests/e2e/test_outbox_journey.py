"""Journey: the coordinator's home page says a message failed; one click shows the failed
messages (recipient, subject, attempts, last error), which fit a 360 px phone; "Opnieuw
versturen" puts it back in the queue. axe on every page."""

import pytest
from playwright.sync_api import expect

from matcher import create_app
from matcher.extensions import db
from matcher.models.matching_extras import OutboxStatus
from matcher.services import notifications
from matcher.services.demo import prepare_demo_database
from tests.e2e.conftest import log_in, served

COORDINATOR = "coordinator@welzijn-twente.example"
OVERFLOW = "document.documentElement.scrollWidth - window.innerWidth"


@pytest.fixture(scope="module")
def outbox_server(tmp_path_factory):
    """The demo region with a sent, a waiting and a failed message; no mail server."""
    database = tmp_path_factory.mktemp("outbox") / "demo.sqlite"
    app = create_app({"DATABASE_URL": f"sqlite:///{database}", "SECRET_KEY": "e2e-secret"})
    with app.app_context():
        prepare_demo_database()
        sent = notifications.enqueue("henk.smit1@vrijwilliger.example", "Verstuurd", "x")
        sent.status, sent.attempts = OutboxStatus.SENT, 1
        notifications.enqueue("marieke.scholten2@vrijwilliger.example", "Wacht", "x")
        failed = notifications.enqueue(
            "contactpersoon.met.een.heel.lang.adres@zorgcentrum-borne.example",
            "Wijziging in uw koppelingen (matcher)",
            "x",
        )
        failed.status, failed.attempts = OutboxStatus.FAILED, notifications.MAX_ATTEMPTS
        failed.last_error = "SMTPRecipientsRefused"
        db.session.commit()
    with served(app) as url:
        yield url


def test_from_the_home_page_to_a_failed_message_and_sending_it_again(
    browser, outbox_server, assert_accessible
):
    context = browser.new_context(
        base_url=outbox_server, locale="nl-NL", viewport={"width": 360, "height": 800}
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        log_in(page, COORDINATOR)
        page.wait_for_url(lambda url: "/inloggen" not in url)
        page.goto("/coordinator/")
        page.get_by_role("link", name="Naar de uitgaande e-mail").click()
        row = page.locator("tr", has_text="SMTPRecipientsRefused")
        expect(row).to_contain_text("contactpersoon.met.een.heel.lang.adres")
        expect(row).to_contain_text("mislukt")
        expect(page.locator("#mail-server")).to_contain_text("niet ingesteld")
        expect(page.locator("tbody tr")).to_have_count(1)  # only the failed one
        assert page.evaluate(OVERFLOW) <= 0
        assert_accessible(page)
        row.get_by_role("button", name="Opnieuw versturen").click()
        expect(page.locator(".flashes")).to_contain_text("Het bericht staat weer in de wachtrij")
        expect(page.locator("tbody tr")).to_have_count(3)
        waiting = page.locator("tr", has_text="contactpersoon.met.een.heel.lang.adres")
        expect(waiting).to_contain_text("wacht")
        expect(waiting.get_by_role("button", name="Opnieuw versturen")).to_have_count(0)
        assert page.evaluate(OVERFLOW) <= 0
        assert_accessible(page)
    finally:
        context.close()
