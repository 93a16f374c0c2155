"""Journeys: the coordinator finds who is below the minimum this week in one click from the
home page; a coach finds the participants behind on the 800 h pace first on the caseload and
approves reported hours in bulk."""

import re

from playwright.sync_api import expect

from tests.e2e.conftest import log_in

COORDINATOR = "coordinator@welzijn-twente.example"
COACH = "l.bakker@gemeente-almelo.example"


def test_who_is_below_the_minimum_this_week_is_one_click_from_home(page, assert_accessible):
    log_in(page, COORDINATOR)
    expect(page.get_by_role("heading", level=1)).to_have_text("Overzicht coördinator")
    assert_accessible(page)
    figure = page.locator("#fig-below-minimum").inner_text()
    page.get_by_role("link", name=re.compile("deelnemers deze week onder hun minimum")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Deelnemers")
    status = page.locator("#current-filter")
    expect(status).to_contain_text("Aandacht nodig: deze week onder hun minimum.")
    expect(status).to_contain_text(f"{figure} deelnemer")
    expect(page.get_by_label("Aandacht nodig")).to_have_value("below_minimum")
    assert_accessible(page)


def test_a_coach_finds_those_behind_on_800_hours_first(page, assert_accessible):
    log_in(page, COACH)
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn caseload")
    assert_accessible(page)
    expect(page.locator("#urgency")).to_contain_text("eerst wie achterloopt")
    behind = int(page.locator("#fig-behind-pace").inner_text())
    assert behind > 0
    rows = page.locator("table.caseload tbody tr")
    for n in range(behind):  # the first rows are exactly those behind on the pace
        expect(rows.nth(n).locator("td.flags")).to_contain_text("achter op schema")
    if rows.count() > behind:
        expect(rows.nth(behind).locator("td.flags")).not_to_contain_text("achter op schema")
    page.get_by_role("link", name=re.compile("achter op het tempo voor 800 uur")).click()
    expect(page.locator("#current-filter")).to_contain_text(f"{behind} deelnemer")
    expect(page.locator("table.caseload tbody tr")).to_have_count(behind)
    assert_accessible(page)


def test_a_coach_approves_two_reported_entries_in_one_go(page, assert_accessible):
    log_in(page, COACH)
    page.goto("/coach/uren/goedkeuren")
    boxes = page.locator("input[name=entry]")
    waiting = boxes.count()
    assert waiting >= 3  # the demo region has reported hours waiting
    assert_accessible(page)
    select_all = page.get_by_label(re.compile("getoonde regels selecteren"))
    select_all.check()
    for n in range(waiting):
        expect(boxes.nth(n)).to_be_checked()
    select_all.uncheck()  # leave the others for the other journeys: tick two by hand
    for n in range(waiting):
        expect(boxes.nth(n)).not_to_be_checked()
    boxes.nth(0).check()
    boxes.nth(1).check()
    page.get_by_role("button", name="Geselecteerde regels goedkeuren").click()
    expect(page.get_by_text("2 regels goedgekeurd.")).to_be_visible()
    expect(page.locator("input[name=entry]")).to_have_count(waiting - 2)
    assert_accessible(page)
