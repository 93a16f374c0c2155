"""Journeys of the way in: a coach turns on two-step verification, logs out and back in with a
code; five wrong passwords lock an account for a while with a clear message."""

import pyotp
import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import log_in, open_account_menu

ADMIN = "beheer@matcher.example"
TOTP_COACH = "e2e-tweestaps@gemeente.example"
LOCKED_COACH = "e2e-blokkade@gemeente.example"
NEW_PASSWORD = "Reis-naar-Almelo-42"
CODE_LABEL = "Code uit de authenticator-app"


@pytest.fixture(scope="module")
def accounts(browser, live_server):
    """The admin creates two fresh coach accounts (the demo accounts stay as they are)."""
    context = browser.new_context(base_url=live_server, locale="nl-NL")
    page = context.new_page()
    log_in(page, ADMIN)
    for email, name in ((TOTP_COACH, "Coach Tweestaps"), (LOCKED_COACH, "Coach Blokkade")):
        page.get_by_label("E-mailadres").fill(email)
        page.get_by_label("Naam").fill(name)
        page.get_by_label("Rol").select_option("coach")
        page.get_by_label("Wachtwoord").fill(NEW_PASSWORD)
        page.get_by_role("button", name="Account aanmaken").click()
        expect(page.get_by_text("Account aangemaakt.")).to_be_visible()
    context.close()
    return TOTP_COACH, LOCKED_COACH


def test_coach_enrols_totp_logs_out_and_logs_in_with_a_code(page, accounts, assert_accessible):
    log_in(page, TOTP_COACH, NEW_PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn caseload")
    open_account_menu(page)
    page.get_by_role("link", name="Tweestapsverificatie").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tweestapsverificatie instellen")
    qr = page.get_by_role("img", name="QR-code om matcher toe te voegen aan uw authenticator-app")
    expect(qr).to_be_visible()
    assert qr.evaluate("img => img.complete && img.naturalWidth > 0")  # SVG loads under the CSP
    assert_accessible(page)

    page.get_by_label(CODE_LABEL).fill("000000")
    page.get_by_role("button", name="Tweestapsverificatie aanzetten").click()
    expect(
        page.get_by_text("Deze code klopt niet. Gebruik de nieuwste code.").first
    ).to_be_visible()
    assert_accessible(page)

    totp = pyotp.TOTP(page.locator("#totp-secret").inner_text().replace(" ", ""))
    page.get_by_label(CODE_LABEL).fill(totp.now())
    page.get_by_role("button", name="Tweestapsverificatie aanzetten").click()
    expect(page.get_by_text("Tweestapsverificatie staat aan.")).to_be_visible()
    assert_accessible(page)
    open_account_menu(page)
    page.get_by_role("button", name="Uitloggen").click()
    expect(page.get_by_text("U bent uitgelogd.")).to_be_visible()

    log_in(page, TOTP_COACH, NEW_PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Code invullen")
    page.goto("/coach/")  # the password alone does not open anything
    expect(page.get_by_role("heading", level=1)).to_have_text("Inloggen")
    log_in(page, TOTP_COACH, NEW_PASSWORD)
    assert_accessible(page)
    page.get_by_label(CODE_LABEL).fill(totp.now())
    page.get_by_role("button", name="Bevestigen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn caseload")
    assert_accessible(page)


def test_five_wrong_passwords_lock_the_account_with_a_clear_message(
    page, accounts, assert_accessible
):
    for _attempt in range(4):
        log_in(page, LOCKED_COACH, "niet-het-wachtwoord")
        expect(page.get_by_text("Het e-mailadres of het wachtwoord klopt niet.")).to_be_visible()
    log_in(page, LOCKED_COACH, "niet-het-wachtwoord")
    message = page.get_by_text("Dit account is tijdelijk geblokkeerd na te veel mislukte pogingen.")
    expect(message).to_be_visible()
    expect(message).to_contain_text("Probeer het over 15 minuten opnieuw.")
    assert_accessible(page)
    log_in(page, LOCKED_COACH, NEW_PASSWORD)  # the right password waits too
    expect(message).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Inloggen")
