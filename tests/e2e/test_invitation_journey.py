"""Journey at 390 px (issue 16): a coordinator invites a taalmaatje, the invitation arrives in a
real SMTP server, the volunteer follows the link, sets a password, lands in the portal, sees her
running match and reports a session; the used link is refused in Dutch. "Wachtwoord vergeten?"
answers the same page for an existing and an unknown address, and only the existing one gets mail.
axe on every page."""

import email
import re
import time
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from matcher import create_app
from matcher.services.demo import prepare_demo_database
from tests.e2e.conftest import log_in, served
from tests.e2e.test_matching_journey import _free_port

COORDINATOR = "coordinator@welzijn-twente.example"
SASKIA = "saskia.veldhuis8@vrijwilliger.example"  # a demo taalmaatje without an account
SASKIAS_PARTICIPANT = "Amina"  # her running demo match (seeds/matches.csv), on Tuesday mornings
PASSWORD = "Zomer-in-Enschede-2027"
PHONE = {"width": 390, "height": 844}


class _Inbox:
    def __init__(self):
        self.messages: list[tuple[list[str], str]] = []

    async def handle_DATA(self, server, session, envelope):
        text = email.message_from_bytes(envelope.content).get_payload(decode=True)
        self.messages.append((list(envelope.rcpt_tos), text.decode("utf-8")))
        return "250 OK"

    def to(self, address: str, timeout: float = 20.0) -> list[str]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = [body for rcpt, body in self.messages if address in rcpt]
            if found:
                return found
            time.sleep(0.2)
        return []


@pytest.fixture(scope="module")
def mail_server(tmp_path_factory):
    from aiosmtpd.controller import Controller

    inbox = _Inbox()
    smtp = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    smtp.start()
    port = _free_port()
    database = tmp_path_factory.mktemp("invite") / "demo.sqlite"
    app = create_app(
        {
            "DATABASE_URL": f"sqlite:///{database}",
            "SECRET_KEY": "e2e-secret",
            "MAIL_SERVER": "127.0.0.1",
            "MAIL_PORT": smtp.port,
            "PUBLIC_URL": f"http://127.0.0.1:{port}",
        }
    )
    with app.app_context():
        prepare_demo_database()
    with served(app, port) as url:
        yield url, inbox
    smtp.stop()


@pytest.fixture
def phone(browser, mail_server):
    contexts = []

    def new_page():
        context = browser.new_context(base_url=mail_server[0], locale="nl-NL", viewport=PHONE)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        return page

    yield new_page
    for context in contexts:
        context.close()


def _link(body: str) -> str:
    return re.search(r"http://\S+", body).group(0)


def test_a_coordinator_invites_a_taalmaatje_who_sets_a_password(
    phone, mail_server, assert_accessible
):
    _url, inbox = mail_server
    coordinator = phone()
    log_in(coordinator, COORDINATOR)
    coordinator.goto("/vrijwilligers/?q=Saskia+Veldhuis")
    coordinator.get_by_role("link", name=re.compile("Saskia Veldhuis")).first.click()
    coordinator.get_by_role("button", name="Uitnodigen voor het portaal").click()
    expect(coordinator.get_by_text("in de wachtrij gezet")).to_be_visible()
    expect(coordinator.get_by_role("button", name="Opnieuw uitnodigen")).to_be_visible()
    assert_accessible(coordinator)

    (body,) = inbox.to(SASKIA)
    assert "Beste Saskia," in body and "zeven dagen" in body
    volunteer = phone()
    volunteer.goto(_link(body))
    expect(volunteer.get_by_role("heading", level=1)).to_have_text("Welkom bij matcher")
    assert_accessible(volunteer)
    volunteer.get_by_label("Nieuw wachtwoord").fill(PASSWORD)
    volunteer.get_by_label("Herhaal het wachtwoord").fill(PASSWORD)
    volunteer.get_by_role("button", name="Wachtwoord opslaan").click()
    volunteer.wait_for_url(re.compile(r"/vrijwilliger/"))
    assert_accessible(volunteer)
    assert volunteer.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    card = volunteer.locator(".portal-card", has_text=SASKIAS_PARTICIPANT)
    expect(card).to_contain_text("dinsdag")
    expect(card).to_contain_text("Plaats")
    card.get_by_role("link", name=re.compile("Bijeenkomst melden")).click()
    expect(volunteer.get_by_label("Koppeling")).to_contain_text(SASKIAS_PARTICIPANT)
    last_tuesday = date.today() - timedelta(days=(date.today().weekday() - 1) % 7)
    volunteer.get_by_label("Datum").fill(last_tuesday.isoformat())
    volunteer.get_by_label("Aantal uren").fill("1,5")
    volunteer.get_by_label("Ja, doorgegaan").check()
    assert_accessible(volunteer)
    volunteer.get_by_role("button", name="Melding versturen").click()
    thanks = volunteer.get_by_text("Bedankt, uw melding is doorgegeven aan de coach.")
    expect(thanks).to_be_visible()
    assert_accessible(volunteer)

    again = phone()
    again.goto(_link(body))
    expect(again.get_by_role("heading", level=1)).to_have_text("Deze link werkt niet meer")
    expect(again.get_by_text("Vraag uw coördinator om een nieuwe uitnodiging")).to_be_visible()
    assert_accessible(again)


def test_forgotten_password_gives_one_answer_and_mails_only_an_account(
    phone, mail_server, assert_accessible
):
    _url, inbox = mail_server
    answers = []
    for address in (COORDINATOR, "bestaat-niet@welzijn-twente.example"):
        page = phone()
        page.goto("/inloggen")
        page.get_by_role("link", name="Wachtwoord vergeten?").click()
        assert_accessible(page)
        page.get_by_label("E-mailadres").fill(address)
        page.get_by_role("button", name="Link aanvragen").click()
        answers.append(page.locator("main").inner_text())
        assert_accessible(page)
    assert answers[0] == answers[1] and "Kijk in uw e-mail" in answers[0]
    (body,) = inbox.to(COORDINATOR)
    assert inbox.to("bestaat-niet@welzijn-twente.example", timeout=1.0) == []
    page = phone()
    page.goto(_link(body))
    expect(page.get_by_role("heading", level=1)).to_have_text("Nieuw wachtwoord kiezen")
    page.get_by_label("Nieuw wachtwoord").fill("kort")
    page.get_by_label("Herhaal het wachtwoord").fill("kort")
    page.get_by_role("button", name="Wachtwoord opslaan").click()
    expect(page.get_by_text("minstens 10 tekens").first).to_be_visible()
    assert_accessible(page)
