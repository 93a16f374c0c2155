"""Journey: the demo coordinator logs in, lands on their home page, and logs out."""

import csv

from playwright.sync_api import expect

from matcher.services.demo import SEEDS_DIR
from tests.e2e.conftest import log_in, open_account_menu

COORDINATOR = "coordinator@welzijn-twente.example"


def open_participants_in_seeds() -> int:
    with open(SEEDS_DIR / "participants.csv", encoding="utf-8") as handle:
        return sum(1 for row in csv.DictReader(handle) if row["status"] in {"intake", "active"})


def test_coordinator_logs_in_lands_home_and_logs_out(page, assert_accessible):
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Inloggen")
    assert "/inloggen" in page.url
    assert_accessible(page)

    log_in(page, COORDINATOR)
    expect(page.get_by_role("heading", level=1)).to_have_text("Overzicht coördinator")
    assert page.url.endswith("/coordinator/")
    expect(page.locator("#fig-open")).to_have_text(str(open_participants_in_seeds()))
    assert_accessible(page)

    open_account_menu(page)

    page.get_by_role("button", name="Uitloggen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Inloggen")
    expect(page.get_by_text("U bent uitgelogd.")).to_be_visible()
    page.goto("/coordinator/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Inloggen")


def test_wrong_password_is_told_in_the_browser(page, assert_accessible):
    log_in(page, COORDINATOR, password="not the password")
    expect(page.get_by_text("Het e-mailadres of het wachtwoord klopt niet.")).to_be_visible()
    assert_accessible(page)
