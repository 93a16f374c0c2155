"""Journey (issue 13): after a confirmed run on the demo region, "who comes to the Voedselbank
on Thursday?" is answered from the coordinator's home page in two clicks; the roster prints
without navigation. axe on every page."""

import pytest
from markupsafe import escape
from playwright.sync_api import expect
from sqlalchemy import select

from matcher import create_app
from matcher.dayparts import from_mask
from matcher.extensions import db
from matcher.models import MatchKind, Organisation, User
from matcher.services.demo import prepare_demo_database
from matcher.services.matching import confirm, review, runs
from matcher.services.matching.instance import running_matches
from matcher.weeks import today, week_start
from tests.e2e.conftest import log_in, served

COORDINATOR = "coordinator@welzijn-twente.example"
BANK = "Voedselbank Twente, uitgiftepunt Hengelo"


@pytest.fixture(scope="module")
def confirmed_server(tmp_path_factory):
    """The demo region with this week's run confirmed (every proposal accepted); the names on
    the Voedselbank's Thursday sessions."""
    database = tmp_path_factory.mktemp("where") / "demo.sqlite"
    app = create_app(
        {
            "DATABASE_URL": f"sqlite:///{database}",
            "SECRET_KEY": "e2e-secret",
            "SOLVER_TIME_LIMIT": 5,
        }
    )
    week = week_start(today())
    with app.app_context():
        prepare_demo_database()
        coordinator = db.session.scalar(select(User).where(User.email == COORDINATOR))
        run = runs.start_run(coordinator, week, None)
        db.session.commit()
        runs.execute(run.id)
        run = runs.get_run(run.id)
        review.accept_all(coordinator, run)
        review.accept_stops(
            coordinator, run, [(p.id, p.version) for p in review.pending_stops(run)]
        )
        confirm.confirm_run(coordinator, run)
        db.session.commit()
        bank = db.session.scalar(select(Organisation).where(Organisation.name == BANK))
        thursday = sorted(
            m.participant.full_name
            for m in db.session.scalars(running_matches(week))
            if m.kind == MatchKind.PLACEMENT
            and m.placement.organisation_id == bank.id
            and any(d.startswith("thu") for d in from_mask(m.dayparts))
        )
    with served(app) as url:
        yield url, thursday


@pytest.fixture
def page(browser, confirmed_server):
    context = browser.new_context(base_url=confirmed_server[0], locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def test_who_comes_to_the_voedselbank_on_thursday(page, confirmed_server, assert_accessible):
    _url, thursday = confirmed_server
    assert thursday, "the demo Voedselbank has someone on Thursday after the run"
    log_in(page, COORDINATOR)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Plekken").click()
    assert_accessible(page)
    page.get_by_role("link", name=BANK).first.click()  # click two
    expect(page.get_by_role("heading", level=1)).to_have_text(BANK)
    assert_accessible(page)
    sessions = page.locator("section.roster-session").filter(
        has=page.get_by_role("heading", name="donderdag", exact=False)
    )
    text = " ".join(sessions.all_inner_texts())
    for name in thursday:
        assert str(escape(name)) in text or name in text, name

    page.emulate_media(media="print")
    expect(page.locator("nav.main-nav")).to_be_hidden()
    expect(page.locator("nav.week-nav")).to_be_hidden()
    expect(page.locator("table.roster").first).to_be_visible()
    page.emulate_media(media="screen")

    # From the roster to the participant's own page: the same placement in the week plan.
    first = page.locator("section.roster-session table.roster a").first
    first.click()
    expect(page.get_by_role("heading", name="Weekplan", exact=False)).to_be_visible()
    expect(page.locator("#weekplan")).to_contain_text(BANK)
    assert_accessible(page)
