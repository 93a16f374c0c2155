"""Journey: on the demo region the coordinator starts a run, sees progress, reviews, rejects one
proposal, pins another and confirms; the dashboard's count at six hours rises and the
volunteers and host contacts concerned have mail in a real SMTP server. axe on every page."""

import re
import socket
import time

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from matcher import create_app
from matcher.extensions import db
from matcher.models import Match, MatchingRun, MatchStatus
from matcher.services.demo import prepare_demo_database
from matcher.web.matching.mail import recipient
from tests.e2e.conftest import log_in, served

COORDINATOR = "coordinator@welzijn-twente.example"


class _Inbox:
    def __init__(self):
        self.recipients: list[str] = []

    async def handle_DATA(self, server, session, envelope):
        self.recipients += list(envelope.rcpt_tos)
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def matching_server(tmp_path_factory):
    """The demo region served with a real SMTP server (aiosmtpd) on 127.0.0.1."""
    from aiosmtpd.controller import Controller

    inbox = _Inbox()
    smtp = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    smtp.start()
    database = tmp_path_factory.mktemp("matching") / "demo.sqlite"
    app = create_app(
        {
            "DATABASE_URL": f"sqlite:///{database}",
            "SECRET_KEY": "e2e-secret",
            "MAIL_SERVER": "127.0.0.1",
            "MAIL_PORT": smtp.port,
            "SOLVER_TIME_LIMIT": 5,
        }
    )
    with app.app_context():
        prepare_demo_database()
    with served(app) as url:
        yield url, app, inbox
    smtp.stop()


@pytest.fixture
def matching_page(browser, matching_server):
    context = browser.new_context(base_url=matching_server[0], locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def _figure(page) -> int:
    page.goto("/coordinator/")
    return int(page.locator("#fig-at-minimum").inner_text())


def test_coordinator_runs_reviews_and_confirms_the_weekly_matching(
    matching_page, matching_server, assert_accessible
):
    page, (_, app, inbox) = matching_page, matching_server
    log_in(page, COORDINATOR)
    before = _figure(page)

    page.get_by_role("link", name="Koppelen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Koppelen")
    assert_accessible(page)
    page.get_by_role("button", name="Koppelronde starten").click()
    expect(page.get_by_label("Voortgang")).to_be_visible()
    assert_accessible(page)

    heading = page.get_by_role("heading", level=1)
    expect(heading).to_contain_text("Voorstellen van koppelronde", timeout=60_000)
    expect(page.get_by_text("past bij interesse").first).to_be_attached()  # may be folded
    assert_accessible(page)

    page.get_by_role("button", name="Alle nieuwe en ongewijzigde voorstellen accepteren").click()
    expect(page.get_by_text("geaccepteerd.").first).to_be_visible()
    if page.get_by_role("heading", level=1, name="Stops nakijken").count():
        # the stops are accepted on their own page, after seeing them listed (issue 14)
        assert_accessible(page)
        page.get_by_role("button", name=re.compile(r"^Deze .*accepteren$")).click()
        expect(page.get_by_text(re.compile(r"stops? geaccepteerd"))).to_be_visible()
    adds = page.locator('tr[data-action="add"][data-kind="placement"]')
    rejected_id = adds.nth(0).get_attribute("id")
    pinned_id = adds.nth(1).get_attribute("id")
    page.locator(f"#{rejected_id}").get_by_role("button", name="Afwijzen").click()
    expect(page.locator(f"#{rejected_id} .decision")).to_contain_text("afgewezen")
    page.locator(f"#{pinned_id}").get_by_role("button", name="Vastzetten").click()
    expect(page.locator(f"#{pinned_id} .decision")).to_contain_text("geaccepteerd, vastgezet")
    page.get_by_role("link", name="onder 6 uur").click()
    expect(page.get_by_role("link", name="onder 6 uur")).to_have_attribute("aria-current", "page")
    assert_accessible(page)

    page.get_by_role("button", name="Geaccepteerde voorstellen bevestigen").click()
    expect(page.get_by_text("Koppelingen bevestigd")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Geschiedenis van de koppelrondes")
    expect(page.get_by_text("bevestigd").first).to_be_visible()
    assert_accessible(page)

    after = _figure(page)
    with app.app_context():
        run = db.session.scalar(select(MatchingRun).order_by(MatchingRun.id.desc()))
        expected = run.figures["at_minimum"]
        new = db.session.scalars(
            select(Match).where(Match.run_id == run.id, Match.status == MatchStatus.ACTIVE)
        ).all()
        concerned = {recipient(m)[0] for m in new if recipient(m)}
    assert before < after <= expected
    assert_accessible(page)

    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and not concerned <= set(inbox.recipients):
        time.sleep(0.2)
    assert concerned and concerned <= set(inbox.recipients)


def test_manual_match_page_is_accessible_and_names_a_conflict(
    matching_page, matching_server, assert_accessible
):
    page = matching_page
    log_in(page, COORDINATOR)
    page.goto("/coordinator/koppelen/handmatig")
    expect(page.get_by_role("heading", level=1)).to_have_text("Koppeling met de hand")
    assert_accessible(page)
    page.get_by_label("Soort").select_option("placement")
    page.get_by_label("Vrijwilligersplek").select_option(index=1)
    page.get_by_label("zondag avond").check()
    page.get_by_role("button", name="Koppeling toevoegen").click()
    expect(page.locator("#conflicts")).to_be_visible()
    assert_accessible(page)
