"""Journey (issue 14): the review page of the demo region's run for many people. The summary
at the top, a folded person opened with the keyboard, a decision saved without a page reload,
and "accept all new and unchanged" that leaves the stops for their own confirmation page.
axe on every page."""

from datetime import date, timedelta

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from matcher import create_app
from matcher.extensions import db
from matcher.models import Match, MatchKind, MatchStatus, Participant, Placement, Role, User
from matcher.services.demo import prepare_demo_database
from matcher.services.matching import runs
from matcher.weeks import today, week_start
from tests.e2e.conftest import log_in, served

COORDINATOR = "coordinator@welzijn-twente.example"


@pytest.fixture(scope="module")
def review_server(tmp_path_factory):
    """The demo region with one finished run that stops a match (its placement closed)."""
    database = tmp_path_factory.mktemp("review") / "demo.sqlite"
    app = create_app(
        {"DATABASE_URL": f"sqlite:///{database}", "SECRET_KEY": "e2e", "SOLVER_TIME_LIMIT": 3}
    )
    with app.app_context():
        prepare_demo_database()
        person = db.session.scalar(select(Participant).order_by(Participant.id))
        closing = db.session.scalar(select(Placement).order_by(Placement.id.desc()))
        db.session.add(
            Match(
                participant=person,
                placement=closing,
                kind=MatchKind.PLACEMENT,
                dayparts=1,
                status=MatchStatus.ACTIVE,
                starts_on=date(2026, 1, 5),
            )
        )
        closing.active = False
        coordinator = db.session.scalar(select(User).where(User.role == Role.COORDINATOR))
        run = runs.start_run(coordinator, week_start(today()) + timedelta(weeks=1), None)
        db.session.commit()
        runs.execute(run.id)
        run_id = run.id
    with served(app) as url:
        yield url, run_id


@pytest.fixture
def review_page(browser, review_server):
    context = browser.new_context(base_url=review_server[0], locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def test_review_summary_fold_decide_without_reload_and_confirm_stops(
    review_page, review_server, assert_accessible
):
    page, run_id = review_page, review_server[1]
    log_in(page, COORDINATOR)
    page.goto(f"/coordinator/koppelen/runs/{run_id}/review")
    summary = page.locator("#review-summary")
    expect(summary).to_contain_text("Nieuw")
    expect(summary).to_contain_text("Stopt")
    stops = int(summary.locator("div", has_text="Stopt").locator("dd").inner_text())
    assert stops >= 1  # the closed placement's match, and any the plan replaces
    assert_accessible(page)

    # a folded person: opened with the keyboard
    folded = page.locator("details.review-person.quiet").first
    expect(folded).not_to_have_attribute("open", "")
    folded.locator("summary").focus()
    page.keyboard.press("Enter")
    expect(folded).to_have_attribute("open", "")

    # a decision saved without a reload: the page keeps its state, the row and summary change
    page.evaluate("window.notReloaded = true")
    row = page.locator('tr.proposal[data-action="add"]').first
    row_id = row.get_attribute("id")
    open_before = int(
        summary.locator("div", has_text="Nog te beslissen").locator("dd").inner_text()
    )
    page.locator(f"#{row_id}").get_by_role("button", name="Accepteren").click()
    expect(page.locator(f"#{row_id} .decision")).to_contain_text("geaccepteerd")
    expect(page.locator(f"#{row_id}")).to_have_class("proposal decision-accepted decided")
    expect(page.locator("#review-status")).to_have_text("Opgeslagen: geaccepteerd.")
    expect(summary.locator("div", has_text="Nog te beslissen").locator("dd")).to_have_text(
        str(open_before - 1)
    )
    assert page.evaluate("window.notReloaded") is True
    expect(page.locator(f"#{row_id}").get_by_role("button", name="Accepteren")).to_be_focused()
    assert_accessible(page)

    # accept all new and unchanged: the stop waits on its own page
    page.get_by_role("button", name="Alle nieuwe en ongewijzigde voorstellen accepteren").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Stops nakijken")
    expect(page.locator("table tbody tr")).to_have_count(stops)
    assert_accessible(page)
    page.get_by_role("link", name="Terug naar de voorstellen (stops blijven open)").click()
    stop = page.locator('tr.proposal[data-action="end"]').first
    expect(stop.locator(".decision")).to_contain_text("open")
    page.get_by_role("link", name="Stops nakijken en accepteren").click()
    accept = "Deze stop accepteren" if stops == 1 else f"Deze {stops} stops accepteren"
    page.get_by_role("button", name=accept).click()
    done = "1 stop geaccepteerd." if stops == 1 else f"{stops} stops geaccepteerd."
    expect(page.get_by_text(done)).to_be_visible()
    expect(
        page.locator('tr.proposal[data-action="end"]').first.locator(".decision")
    ).to_contain_text("geaccepteerd")
    assert_accessible(page)
