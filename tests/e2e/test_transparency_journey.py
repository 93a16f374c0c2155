"""Journeys: a coordinator reads "Hoe matcher koppelt" from the footer; an admin checks the
audit chain on the audit page and sees it verified; the accessibility statement is reachable
before logging in. Every page is axe-clean."""

from playwright.sync_api import expect

from tests.e2e.conftest import log_in

COORDINATOR = "coordinator@welzijn-twente.example"
ADMIN = "beheer@matcher.example"


def test_a_coordinator_reads_how_matcher_matches(page, assert_accessible):
    log_in(page, COORDINATOR)
    page.get_by_role("link", name="Hoe matcher koppelt").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hoe matcher koppelt")
    goals = page.locator("#goals > li")
    expect(goals).to_have_count(5)
    expect(goals.first).to_contain_text("Zoveel mogelijk mensen halen hun uren")
    expect(page.locator("#rules > li")).to_have_count(8)
    expect(page.locator("#never-used")).to_contain_text("beperkingen en gezondheid")
    assert_accessible(page)


def test_an_admin_sees_the_audit_chain_verified(page, assert_accessible):
    log_in(page, ADMIN)
    page.goto("/beheer/audit")
    expect(page.get_by_role("heading", level=1)).to_have_text("Audittrail")
    assert_accessible(page)
    page.get_by_role("button", name="Nu controleren").click()
    expect(page.get_by_text("De auditketen is gecontroleerd en klopt.")).to_be_visible()
    expect(page.locator("#chain-status")).to_contain_text("Klopt")
    expect(page.locator("#chain-status")).to_contain_text("Laatst gecontroleerd op")
    assert_accessible(page)


def test_the_accessibility_statement_is_open_to_everyone(page, assert_accessible):
    page.goto("/inloggen")
    page.get_by_role("link", name="Toegankelijkheid").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Toegankelijkheidsverklaring")
    expect(page.locator("#wcag-checks")).to_contain_text("axe-core")
    assert_accessible(page)
