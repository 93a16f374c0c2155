"""Journey: the coordinator gives a participant a card language (Arabic, then another one
Tigrinya), opens the week card, and prints it. Checked in the browser: the card's `lang` and
`dir`, where the translated labels stand (right-to-left ones at the right), the page on a phone,
the printed paper size (A4, A5), axe, and the QR code read back from a screenshot (zxing-cpp)."""

import io
import re

import pytest
from playwright.sync_api import expect

from matcher import create_app
from matcher.extensions import db
from matcher.models import Participant
from matcher.services import week_plan
from matcher.services.demo import prepare_demo_database
from matcher.web.weekcard.qr import route_url
from matcher.weeks import today, week_start
from tests.e2e.conftest import log_in, served
from tests.e2e.test_every_page_fits import ARTIFACTS, OVERFLOW

COORDINATOR = "coordinator@welzijn-twente.example"
# Every translated label on the card: its text's edges and its own block's edges.
LABEL_BOXES = """() => [...document.querySelectorAll('article.wk .wk-tr')].map(e => {
  const range = document.createRange(); range.selectNodeContents(e);
  const text = range.getBoundingClientRect(), box = e.getBoundingClientRect();
  return {lang: e.lang, dir: e.dir, centred: !!e.closest('.wk-route'),
          text: [text.left, text.right], box: [box.left, box.right]};
})"""
MEDIA_BOX = re.compile(rb"/MediaBox\s*\[\s*0 0 ([0-9.]+) ([0-9.]+)\s*\]")


@pytest.fixture(scope="module")
def card_site(tmp_path_factory):
    """The demo region; two participants with a placement this week (their ids and the route
    URL of their first placement)."""
    folder = tmp_path_factory.mktemp("weekcard-live")
    app = create_app(
        {
            "DATABASE_URL": f"sqlite:///{folder / 'demo.sqlite'}",
            "SECRET_KEY": "e2e-weekcard",
            "GEOCODER_URL": "http://127.0.0.1:9/unreachable",
        }
    )
    people = []
    with app.app_context():
        prepare_demo_database()
        week = week_start(today())
        for participant in db.session.scalars(db.select(Participant).order_by(Participant.id)):
            plan = [e for e in week_plan.participant_week(participant.id, week) if e.placement]
            if plan and len(people) < 2:
                placement = plan[0].placement
                url = route_url(
                    app.config["ROUTE_URL"], placement.lat, placement.lon, plan[0].address_line
                )
                people.append((participant.id, url))
    assert len(people) == 2, "the demo region has participants with a placement this week"
    with served(app) as url:
        yield url, people


@pytest.fixture
def card_page(browser, card_site):
    context = browser.new_context(
        base_url=card_site[0], locale="nl-NL", device_scale_factor=2,
        viewport={"width": 1024, "height": 900},
    )  # fmt: skip
    page = context.new_page()
    page.set_default_timeout(15_000)
    log_in(page, COORDINATOR)
    page.wait_for_url(lambda url: "/inloggen" not in url)
    yield page
    context.close()


def choose_card_language(page, participant_id: int, code: str) -> None:
    page.goto(f"/deelnemers/{participant_id}")
    page.get_by_role("link", name="Profiel bewerken").click()
    page.get_by_label("Taal van de weekkaart (naast het Nederlands)").select_option(code)
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("is opgeslagen.")).to_be_visible()
    page.get_by_role("link", name="Weekkaart").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Mijn week")


def check_labels(page, code: str, direction: str) -> None:
    """Every label in `code` with its `dir`; right-to-left text hugs the right edge of its
    block, left-to-right text the left edge (both inside the card)."""
    card = page.locator("article.wk")
    expect(card).to_have_attribute("lang", "nl")
    expect(card).to_have_attribute("dir", "ltr")
    boxes = page.evaluate(LABEL_BOXES)
    assert len(boxes) >= 6, boxes  # title, week, day, day-part, where, route at least
    for label in boxes:
        assert (label["lang"], label["dir"]) == (code, direction), label
        (text_left, text_right), (box_left, box_right) = label["text"], label["box"]
        assert box_left - 1 <= text_left and text_right <= box_right + 1, label
        if label["centred"]:
            continue
        if direction == "rtl":
            assert abs(text_right - box_right) <= 2 and text_left > box_left + 4, label
        else:
            assert abs(text_left - box_left) <= 2, label
    title_nl = page.locator("#wk-title .wk-nl").bounding_box()
    title_tr = page.locator("#wk-title .wk-tr").bounding_box()
    assert title_tr["y"] >= title_nl["y"] + title_nl["height"] - 1  # below the Dutch


def read_qr(page) -> tuple[str, str]:
    """The first route link's address, and what its QR code says, read from a screenshot."""
    import zxingcpp
    from PIL import Image

    link = page.locator("a.wk-route").first
    shot = Image.open(io.BytesIO(link.locator("svg").screenshot()))
    found = zxingcpp.read_barcodes(shot)
    assert len(found) == 1 and found[0].format == zxingcpp.BarcodeFormat.QRCode, found
    return link.get_attribute("href"), found[0].text


def check_print(page, name: str) -> None:
    """Printed: no site header or tools, the labels still placed, and the paper size from the
    print stylesheet (A4 by default, A5 when chosen)."""
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator(".wk-tools")).to_be_hidden()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"weekcard-{name}-print.png"), full_page=True)
    sizes = {"a4": (595, 842), "a5": (420, 595)}
    for paper, expected in sizes.items():
        page.goto(re.sub(r"papier=a[45]&?", "", page.url).rstrip("?&") + f"&papier={paper}")
        pdf = page.pdf(prefer_css_page_size=True, print_background=True)
        boxes = [(round(float(w)), round(float(h))) for w, h in MEDIA_BOX.findall(pdf)]
        assert boxes, paper
        for width, height in boxes:  # every page, not only the first written
            assert abs(width - expected[0]) <= 1 and abs(height - expected[1]) <= 1, (paper, boxes)
    page.emulate_media(media="screen")


@pytest.mark.parametrize(("which", "code", "direction"), [(0, "ar", "rtl"), (1, "ti", "ltr")])
def test_a_week_card_in_arabic_or_tigrinya_prints_laid_out_with_a_readable_route(
    card_page, card_site, assert_accessible, which, code, direction
):
    page = card_page
    participant_id, expected_route = card_site[1][which]
    choose_card_language(page, participant_id, code)
    assert f"week={week_start(today()).isoformat()}" in page.url  # the plan's week
    assert_accessible(page)
    check_labels(page, code, direction)
    href, decoded = read_qr(page)
    assert decoded == href == expected_route
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"weekcard-{code}.png"), full_page=True)

    check_print(page, code)
    page.emulate_media(media="print")
    check_labels(page, code, direction)  # the A5 page, printed
    page.emulate_media(media="screen")

    page.set_viewport_size({"width": 360, "height": 800})
    assert page.evaluate(OVERFLOW) <= 0
    check_labels(page, code, direction)
    assert_accessible(page)
    page.screenshot(path=str(ARTIFACTS / f"weekcard-{code}-phone.png"), full_page=True)
