"""Every GET page of the URL map, for every role that may see it, at a phone's 360 px and a
laptop's 1366 px: no horizontal page scroll, no control smaller than 24 x 24 px and no serious
or critical axe violation.
Screenshots of the review page, a participant page and the volunteer portal go to
test-artifacts/ (or $TEST_ARTIFACTS_DIR); the path is printed."""

import os
from datetime import timedelta
from pathlib import Path, PurePosixPath

import pytest
from flask import url_for
from sqlalchemy import select

from matcher import create_app
from matcher.extensions import db
from matcher.models import (
    AdviceRun,
    Match,
    MatchingRun,
    Organisation,
    Participant,
    Placement,
    Role,
    User,
    Volunteer,
)
from matcher.services import advice, scenarios
from matcher.services.demo import prepare_demo_database
from matcher.services.matching import runs
from matcher.weeks import today, week_start
from tests.e2e.conftest import log_in, served
from tests.security.routes import LOGGED_IN, PUBLIC, VALUE_PARAMS, admitted

WIDTHS = (360, 1366)
ANONYMOUS = "anonymous"
ACCOUNTS = {
    ANONYMOUS: None,
    Role.ADMIN: "beheer@matcher.example",
    Role.COORDINATOR: "coordinator@welzijn-twente.example",
    Role.COACH: "l.bakker@gemeente-almelo.example",
    Role.VOLUNTEER: "anneke.oudeluttikhuis0@vrijwilliger.example",
}
SCREENSHOTS = {
    (Role.COORDINATOR, "matching.review_page"): "review",
    (Role.COORDINATOR, "participants.detail"): "participant",
    (Role.VOLUNTEER, "volunteer_portal.index"): "volunteer-portal",
}
ARTIFACTS = Path(os.environ.get("TEST_ARTIFACTS_DIR", Path(__file__).parents[2] / "test-artifacts"))
OVERFLOW = "document.documentElement.scrollWidth - window.innerWidth"
BLOCKING = {"serious", "critical"}
# WCAG 2.2 target size (2.5.8): controls smaller than 24 x 24 px (links inside text are exempt).
SMALL_TARGETS = """() => [...document.querySelectorAll(
    'button, input:not([type=hidden]), select, textarea, summary, a.utrecht-button-link')]
  .filter(e => !e.closest('.visually-hidden'))
  .filter(e => { const r = e.getBoundingClientRect(); return r.width > 1 && r.height > 1
    && (r.width < 24 || r.height < 24); })
  .map(e => e.outerHTML.slice(0, 90))"""


def _demo_ids(app) -> dict:
    """For each role, the URL parameters of objects in the demo region it may reach; and one
    finished matching run, so the review pages have proposals to show."""
    with app.app_context():
        account = {r: select(User).where(User.email == e) for r, e in ACCOUNTS.items() if e}
        coordinator = db.session.scalar(account[Role.COORDINATOR])
        coach = db.session.scalar(account[Role.COACH])
        run = runs.start_run(coordinator, week_start(today()) + timedelta(days=7), None)
        db.session.commit()
        runs.execute(run.id)
        # One finished recruitment advice and a scenario made from its top suggestion, so the
        # Werving pages have something to show.
        advice_run = advice.start_advice(coordinator, week_start(today()), None)
        db.session.commit()
        advice.execute(advice_run.id)
        db.session.expire_all()
        advice_run = db.session.get(AdviceRun, advice_run.id)
        assert advice_run.status == "done" and advice_run.document["suggestions"], advice_run.error
        scenario = scenarios.from_suggestion(coordinator, advice_run, 1)
        db.session.commit()
        first = {
            "organisation_id": db.session.scalar(select(Organisation.id).order_by(Organisation.id)),
            "placement_id": db.session.scalar(select(Placement.id).order_by(Placement.id)),
            "volunteer_id": db.session.scalar(select(Volunteer.id).order_by(Volunteer.id)),
            "run_id": db.session.scalar(select(MatchingRun.id).order_by(MatchingRun.id.desc())),
            "user_id": coach.id,
            "advice_id": advice_run.id,
            "rank": 1,
            "scenario_id": scenario.id,
        }
        matched = select(Match.participant_id).where(Match.placement_id.is_not(None))
        first["participant_id"] = db.session.scalar(
            select(Participant.id).where(Participant.id.in_(matched)).order_by(Participant.id)
        )
        own = db.session.scalar(
            select(Participant.id).where(Participant.coach_id == coach.id).order_by(Participant.id)
        )
        return {
            ANONYMOUS: {},
            Role.ADMIN: {"user_id": coach.id},
            Role.COORDINATOR: first,
            Role.COACH: {**first, "participant_id": own},
            Role.VOLUNTEER: {},
        }


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The demo region with one finished run, served on 127.0.0.1; the GET pages per role."""
    database = tmp_path_factory.mktemp("pages") / "demo.sqlite"
    settings = {"DATABASE_URL": f"sqlite:///{database}", "SECRET_KEY": "e2e-secret"}
    app = create_app(settings | {"SOLVER_TIME_LIMIT": 5})
    with app.app_context():
        prepare_demo_database()
    ids = _demo_ids(app)
    pages = {role: _pages(app, role, ids[role]) for role in ACCOUNTS}
    with served(app) as url:
        yield url, pages


def _sees(rule, role) -> bool:
    roles = admitted(rule)
    if role == ANONYMOUS:
        return roles == PUBLIC
    if roles == PUBLIC:
        return False  # the public pages (login) are checked without an account
    return roles == LOGGED_IN or role in roles


def _pages(app, role, ids: dict) -> list[tuple[str, str]]:
    """(endpoint, url) of every GET route of the URL map that this role may see."""
    found = []
    with app.test_request_context():
        for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
            if "GET" not in rule.methods or rule.endpoint == "static" or not _sees(rule, role):
                continue
            if PurePosixPath(rule.rule).suffix:
                continue  # a download, an image or JSON (.csv, .svg, .json): not a page
            values = {a: VALUE_PARAMS.get(a, ids.get(a)) for a in rule.arguments}
            assert None not in values.values(), f"{rule.endpoint}: no demo value for {values}"
            found.append((rule.endpoint, url_for(rule.endpoint, **values)))
    return found


def _blocking_axe(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    violations = Axe().run(page).response["violations"]
    return [
        f"axe {v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:5]}"
        for v in violations
        if v["impact"] in BLOCKING
    ]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("role", list(ACCOUNTS), ids=str)
def test_every_page_fits_the_screen_and_passes_axe(browser, site, role, width):
    base_url, pages = site
    context = browser.new_context(
        base_url=base_url, locale="nl-NL", viewport={"width": width, "height": 800}
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    if ACCOUNTS[role]:
        log_in(page, ACCOUNTS[role])
        page.wait_for_url(lambda url: "/inloggen" not in url)
    problems, checked = [], 0
    try:
        for endpoint, url in pages[role]:
            response = page.goto(url)
            # The blueprint admits the role, the view does not (a coach: new participant).
            if response is not None and response.status == 403:
                continue
            if response is not None and "text/html" not in response.headers.get("content-type", ""):
                continue  # JSON for a script (the run's progress): not a page
            if response is None or response.status >= 400:
                problems.append(f"{endpoint} {url}: HTTP {response and response.status}")
                continue
            checked += 1
            overflow = page.evaluate(OVERFLOW)
            if overflow > 0:
                problems.append(f"{endpoint} {url}: page scrolls sideways by {overflow} px")
            problems += [
                f"{endpoint} {url}: target under 24 px: {t}" for t in page.evaluate(SMALL_TARGETS)
            ]
            problems += [f"{endpoint} {url}: {p}" for p in _blocking_axe(page)]
            if (role, endpoint) in SCREENSHOTS:
                ARTIFACTS.mkdir(parents=True, exist_ok=True)
                shot = ARTIFACTS / f"{SCREENSHOTS[role, endpoint]}-{width}.png"
                page.screenshot(path=str(shot), full_page=True, timeout=90_000)  # tall pages
                print(f"screenshot: {shot}")
    finally:
        context.close()
    assert checked, f"no page checked for {role}"
    assert not problems, f"{role} at {width} px:\n" + "\n".join(problems)
