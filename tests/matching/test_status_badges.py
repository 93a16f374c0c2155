"""Status badges (issue 14): one macro on the NL Design System status badge, the status in words
(never colour alone), on the review page rows, the import preview and the participant list."""

import re

from flask import render_template_string
from flask_babel import force_locale

from matcher.extensions import db
from matcher.models import Role
from tests.matching.conftest import WEEK
from tests.matching.helpers import accept_all_and_confirm, proposals, run_now

BASE = "/coordinator/koppelen"
MACRO = '{% from "macros.html" import status_badge %}{{ status_badge(kind, text) }}'
BADGE = re.compile(
    r'<span class="utrecht-status-badge utrecht-status-badge--([a-z]+) '
    r'status-badge--([a-z]+)">([^<]+)</span>'
)


def _badges(html: str) -> list[tuple[str, str, str]]:
    """(kind, NL Design System modifier, words) of every status badge in a page."""
    return [(kind, modifier, words) for modifier, kind, words in BADGE.findall(html)]


def _badge(app, kind: str, text: str = "woorden") -> str:
    with app.test_request_context(), force_locale("nl"):
        return render_template_string(MACRO, kind=kind, text=text)


def test_the_macro_is_the_utrecht_status_badge_with_words(app):
    modifiers = {
        "below": "danger",
        "at": "success",
        "changed": "warning",
        "pinned": "neutral",
        "new": "active",
        "stop": "inactive",
        "accepted": "valid",
        "rejected": "invalid",
        "open": "neutral",
        "unchanged": "neutral",
        "error": "error",
    }
    for kind, modifier in modifiers.items():
        assert _badges(_badge(app, kind)) == [(kind, modifier, "woorden")]
    assert _badges(_badge(app, "unknown")) == [("unknown", "neutral", "woorden")]


def test_every_badge_kind_has_a_glyph_besides_its_colour(app):
    with open(f"{app.static_folder}/style.css", encoding="utf-8") as handle:
        style = handle.read()
    for kind in ("below", "at", "changed", "pinned", "new", "stop", "accepted", "rejected", "open"):
        assert f".status-badge--{kind}::before" in style, kind


def test_review_rows_show_new_below_at_accepted_rejected_and_pinned(login_as, world, coordinator):
    run = run_now(coordinator, WEEK)
    first, second, *rest = proposals(run, "add")
    assert rest  # two people, a placement each and a taalmaatje: three to decide
    client, _ = login_as(Role.COORDINATOR)
    url = f"{BASE}/runs/{run.id}/proposals/"
    client.post_form(f"{url}{first.id}", {"choice": "accept", "version": first.version})
    client.post_form(f"{url}{second.id}", {"choice": "reject", "version": second.version})
    client.post_form(f"{url}{rest[0].id}", {"choice": "pin", "version": rest[0].version})
    page = client.get(f"{BASE}/runs/{run.id}/review").get_data(as_text=True)
    found = set(_badges(page))
    assert ("new", "active", "nieuw") in found
    assert ("accepted", "valid", "geaccepteerd") in found
    assert ("rejected", "invalid", "afgewezen") in found
    assert {k for k, _, _ in found} & {"below", "at"}
    assert ("pinned", "neutral", "vastgezet") in found
    row = page.split(f'id="proposal-{rest[0].id}"')[1].split("</tr>")[0]
    decision = row.split('class="decision">')[1]
    assert re.sub("<[^>]+>", "", decision).startswith("geaccepteerd, vastgezet")
    with_words = [words for _, _, words in _badges(page)]
    assert all(words.strip() for words in with_words)


def test_a_second_run_shows_a_stop_and_the_summary_badges(login_as, world, coordinator):
    first = run_now(coordinator, WEEK)
    accept_all_and_confirm(coordinator, first)
    world["shop"].active = False
    world["garden"].active = False
    db.session.commit()
    again = run_now(coordinator, WEEK)
    assert proposals(again, "end")
    client, _ = login_as(Role.COORDINATOR)
    page = client.get(f"{BASE}/runs/{again.id}/review").get_data(as_text=True)
    found = set(_badges(page))
    assert ("stop", "inactive", "stopt") in found
    assert ("below", "danger", "onder 6 uur") in found
    assert ("open", "neutral", "open") in found
    assert ("changed", "warning", "gewijzigd") in found  # the person's line: their plan changes


def test_the_participant_list_shows_status_in_a_badge(login_as, world):
    client, _ = login_as(Role.COORDINATOR)
    page = client.get("/deelnemers/").get_data(as_text=True)
    kinds = {kind for kind, _, _ in _badges(page)}
    assert kinds and kinds <= {"intake", "active", "paused", "finished"}
