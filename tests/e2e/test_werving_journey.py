"""Journey: on the demo region the coordinator opens Werving, computes the advice, opens the top
suggestion, copies the recruitment text, turns the suggestion into a scenario, adds a hand-made
change (two more seats on a session), runs it and sees the gain confirmed. axe on every page.
And the Werving map with its tile server out of reach: markers, a note that the background map
is not available, keyboard use, a 360 px phone."""

import socket
import time

import pytest
from playwright.sync_api import expect

from matcher import create_app
from matcher.services.demo import prepare_demo_database
from tests.e2e.conftest import log_in, served

COORDINATOR = "coordinator@welzijn-twente.example"


def _closed_port() -> int:
    """A port of 127.0.0.1 that nothing listens on (it was free a moment ago)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def werving_server(tmp_path_factory):
    database = tmp_path_factory.mktemp("werving") / "demo.sqlite"
    app = create_app(
        {
            "DATABASE_URL": f"sqlite:///{database}",
            "SECRET_KEY": "e2e-secret",
            "SOLVER_TIME_LIMIT": 3,
            # The tile server is out of reach: the map must work without its background.
            "MAP_TILE_URL": f"http://127.0.0.1:{_closed_port()}/{{z}}/{{x}}/{{y}}.png",
        }
    )
    with app.app_context():
        prepare_demo_database()
    with served(app) as url:
        yield url


@pytest.fixture
def werving_page(browser, werving_server):
    context = browser.new_context(base_url=werving_server, locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def _reload_until(page, locator, seconds: float = 240) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and locator.count() == 0:
        time.sleep(1.0)
        page.reload()
    expect(locator.first).to_be_visible()


def test_coordinator_turns_the_top_suggestion_into_a_confirmed_scenario(
    werving_page, assert_accessible
):
    page = werving_page
    log_in(page, COORDINATOR)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Werving").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Werving")
    assert_accessible(page)
    page.get_by_role("button", name="Wervingsadvies berekenen").click()
    suggestions = page.locator("ol.advice a")
    _reload_until(page, suggestions)
    assert_accessible(page)

    suggestions.first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Wervingsadvies 1")
    text = page.get_by_label("Tekst om te kopiëren")
    text.select_text()
    copied = text.input_value()
    assert copied.startswith(("Gezocht", "Verzoek"))
    assert_accessible(page)

    page.get_by_role("button", name="Maak hier een scenario van").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Wervingsadvies 1")
    expect(page.locator("ol.scenario-changes > li")).to_have_count(1)
    assert_accessible(page)

    page.get_by_role("link", name="Plaatsen erbij of eraf op een bestaande plek").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Plaatsen erbij of eraf")
    assert_accessible(page)
    session = page.get_by_label("Plek en dagdeel")
    session.select_option(index=1)
    page.get_by_label("Plaatsen erbij (negatief: eraf)").fill("2")
    page.get_by_role("button", name="Toevoegen aan het scenario").click()
    changes = page.locator("ol.scenario-changes > li")
    expect(changes).to_have_count(2)
    expect(changes.nth(1)).to_contain_text("2 plaatsen erbij bij")
    assert_accessible(page)

    page.get_by_role("button", name="Doorrekenen").click()
    verdict = page.locator("#scenario-verdict")
    _reload_until(page, verdict)
    expect(verdict).to_contain_text("Bevestigd")
    assert_accessible(page)


def test_the_map_shows_its_markers_when_the_tiles_cannot_load(werving_page, assert_accessible):
    page = werving_page
    blocked = []
    page.on("console", lambda m: blocked.append(m.text) if "Content Security" in m.text else None)
    log_in(page, COORDINATOR)
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto("/coordinator/werving/")
    canvas = page.locator("#werving-map")
    markers = canvas.locator(".leaflet-marker-icon")
    expect(markers.first).to_be_visible()
    expect(page.locator("#werving-map-note")).to_contain_text(
        "De achtergrondkaart is niet beschikbaar"
    )
    below = canvas.locator(".map-marker--below")
    seats = canvas.locator(".map-marker--seats")
    assert below.count() > 0 and seats.count() > 0
    advice = page.locator("ol.advice a")
    assert canvas.locator(".map-marker--suggestion").count() == advice.count()
    assert blocked == []  # the tiles failed on the closed port, not on the policy
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    # No name on the map: every marker is a count with a description.
    label = below.first.get_attribute("aria-label")
    assert "onder het minimum" in label and "vak van ongeveer 500 bij 500 meter" in label

    # Keyboard: a marker takes focus, Enter opens its popup, Escape closes it again.
    below.first.focus()
    page.keyboard.press("Enter")
    popup = page.locator(".leaflet-popup")
    expect(popup).to_be_visible()
    expect(popup).to_contain_text("onder het minimum")
    expect(popup.locator(".leaflet-popup-close-button")).to_have_attribute("aria-label", "Sluiten")
    page.keyboard.press("Escape")
    expect(popup).to_have_count(0)
    assert_accessible(page)

    # The same data as lists, one link away.
    page.get_by_role("link", name="Dezelfde gegevens als lijst").click()
    expect(page.get_by_role("heading", name="De kaart als lijst")).to_be_visible()
