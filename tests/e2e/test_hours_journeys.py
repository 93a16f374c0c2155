"""Journeys: a volunteer keeps availability and absences; a host contact reports a session;
a coach fills a week of hours for ten participants by keyboard and approves two sessions."""

import csv
import re
from datetime import timedelta

from playwright.sync_api import expect

from matcher.services.demo import SEEDS_DIR
from matcher.weeks import today
from tests.e2e.conftest import log_in, open_account_menu

VOLUNTEER = "marieke.scholten2@vrijwilliger.example"  # VOL-003: mon-pm thu-am sun-pm
HOST = "host1@stichting-almelo.example"  # Gerda Wessels: PL-001, where Sara (P-0081) volunteers


def seeded_name(ref: str) -> str:
    """The full name of a participant in the demo seeds."""
    with open(SEEDS_DIR / "participants.csv", encoding="utf-8") as handle:
        row = next(r for r in csv.DictReader(handle) if r["ref"] == ref)
    return f"{row['first_name']} {row['last_name']}"


COACH = "l.bakker@gemeente-almelo.example"


def test_volunteer_changes_availability_and_adds_an_absence(page, assert_accessible):
    log_in(page, VOLUNTEER)
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn vrijwilligerswerk")
    assert_accessible(page)

    monday_afternoon = page.get_by_label("maandag middag")
    expect(monday_afternoon).to_be_checked()
    monday_afternoon.uncheck()
    page.get_by_label("dinsdag avond").check()
    page.get_by_role("button", name="Beschikbaarheid opslaan").click()
    expect(page.get_by_text("Uw beschikbaarheid is opgeslagen.")).to_be_visible()
    expect(page.get_by_label("maandag middag")).not_to_be_checked()
    expect(page.get_by_label("dinsdag avond")).to_be_checked()
    assert_accessible(page)

    start, end = today() + timedelta(days=30), today() + timedelta(days=37)
    page.get_by_label("Afwezig vanaf").fill(start.isoformat())
    page.get_by_label("Afwezig tot en met").fill(end.isoformat())
    page.get_by_label("Reden").select_option("ziekte")
    page.get_by_role("button", name="Afwezigheid opslaan").click()
    expect(page.get_by_text("Uw afwezigheid is opgeslagen.")).to_be_visible()
    expect(page.get_by_role("listitem").filter(has_text="(ziekte)")).to_be_visible()
    assert_accessible(page)


def report_a_session_as_host(page, assert_accessible, day) -> None:
    log_in(page, HOST)
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn vrijwilligerswerk")
    page.get_by_role("link", name="Bijeenkomst melden Sara").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bijeenkomst melden")
    assert_accessible(page)
    page.get_by_label("Datum").fill(day.isoformat())
    page.get_by_label("Aantal uren").fill("2,5")
    page.get_by_label("Ja, doorgegaan").check()
    page.get_by_role("button", name="Melding versturen").click()
    expect(page.get_by_text("Bedankt, uw melding is doorgegeven aan de coach.")).to_be_visible()
    open_account_menu(page)
    page.get_by_role("button", name="Uitloggen").click()


def fill_ten_rows_by_keyboard(page) -> None:
    """Monday to Friday for ten participants: 3, 3, 2,5, (empty), 3 — Tab between cells."""
    page.locator("table.hours-grid tbody tr").first.locator("input").first.focus()
    for _row in range(10):
        for value in ("3", "3", "2,5", "", "3"):
            if value:
                page.keyboard.type(value)
            page.keyboard.press("Tab")
        page.keyboard.press("Tab")  # saturday
        page.keyboard.press("Tab")  # sunday → next participant's monday
    page.get_by_role("button", name="Uren opslaan").focus()
    page.keyboard.press("Enter")


def test_coach_fills_a_week_by_keyboard_and_approves_two_sessions(page, assert_accessible):
    day = today() - timedelta(days=1)
    report_a_session_as_host(page, assert_accessible, day)

    log_in(page, COACH)
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn caseload")
    assert_accessible(page)

    page.get_by_role("navigation").get_by_role("link", name="Uren per week").click()
    page.get_by_label("Activiteit").select_option("workshop")
    page.get_by_role("button", name="Tonen").click()
    page.get_by_role("link", name="Vorige week").click()  # a week wholly in the past
    expect(page.get_by_role("heading", level=1)).to_have_text("Uren per week")
    assert_accessible(page)
    fill_ten_rows_by_keyboard(page)
    expect(page.get_by_text("Opgeslagen: 40 nieuw, 0 gecorrigeerd.")).to_be_visible()
    first_row = page.locator("table.hours-grid tbody tr").first
    expect(first_row.locator("input").nth(2)).to_have_value("2,5")
    assert_accessible(page)

    page.get_by_role("navigation").get_by_role("link", name="Uren goedkeuren").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Uren goedkeuren")
    assert_accessible(page)
    caption = page.locator("caption")
    waiting = int(re.match(r"\d+", caption.inner_text()).group())
    reported = page.locator("tbody tr").filter(has_text="Gerda Wessels")
    reported.get_by_role("button", name=re.compile("^Goedkeuren")).click()
    expect(page.get_by_text("Goedgekeurd.")).to_be_visible()
    expect(page.locator("tbody tr").filter(has_text="Gerda Wessels")).to_have_count(0)
    page.locator("tbody tr").first.get_by_role("button", name=re.compile("^Goedkeuren")).click()
    expect(page.get_by_text("Goedgekeurd.")).to_be_visible()
    expect(caption).to_contain_text(str(waiting - 2))
    assert_accessible(page)

    page.get_by_role("navigation").get_by_role("link", name="Mijn caseload").click()
    sara = seeded_name("P-0081")
    page.get_by_role("link", name=sara).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Voortgang van {sara}")
    expect(page.get_by_role("img", name=re.compile("Grafiek"))).to_be_visible()
    assert_accessible(page)
