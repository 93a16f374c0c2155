"""The review page for many people (issue 14): a summary, collapsed people with nothing to
decide, decisions saved without a reload (JSON for review.js), names of organisations, and
reasons worded in singular and plural in both languages."""

import json

from flask_babel import force_locale

from matcher.extensions import db
from matcher.models import Decision, MatchProposal, Role
from matcher.web.matching import reasons
from tests.matching.conftest import WEEK
from tests.matching.helpers import proposals, run_now

BASE = "/coordinator/koppelen"
FETCH = {"X-Requested-With": "fetch", "Accept": "application/json"}


def test_the_page_opens_with_a_summary_and_folds_people_without_decisions(
    login_as, world, coordinator, make
):
    far = make.participant(municipality=world["town"], first_name="Verweg", lat=53.2, lon=6.56)
    run = run_now(coordinator, WEEK)
    client, _ = login_as(Role.COORDINATOR)
    page = client.get(f"{BASE}/runs/{run.id}/review").get_data(as_text=True)
    summary = page[page.index('id="review-summary"') :].split("</dl>")[0]
    added = len(proposals(run, "add"))
    assert f"<dt>Nieuw</dt><dd>{added}</dd>" in summary
    assert "<dt>Stopt</dt><dd>0</dd>" in summary and "Onder het minimum" in summary
    amina = world["amina"].id
    assert f'<details class="review-person" id="participant-{amina}" open>' in page
    folded = f'<details class="review-person quiet" id="participant-{far.id}">'
    assert folded in page and "niets te beslissen" in page.split(folded)[1].split("</details>")[0]
    assert 'src="/static/review.js"' in page and "<script>" not in page


def test_rows_name_the_organisation_and_the_placement(login_as, world, coordinator):
    run = run_now(coordinator, WEEK)
    client, _ = login_as(Role.COORDINATOR)
    page = client.get(f"{BASE}/runs/{run.id}/review").get_data(as_text=True)
    organisation = world["garden"].organisation.name
    assert f'<span class="organisation">{organisation}</span> – Tuin' in page


def test_a_decision_by_fetch_returns_the_new_row_and_summary(login_as, world, coordinator):
    run = run_now(coordinator, WEEK)
    (first, *_) = proposals(run, "add")
    client, _ = login_as(Role.COORDINATOR)
    url, shown = f"{BASE}/runs/{run.id}/proposals/{first.id}", first.version
    response = client.post_form(url, {"choice": "accept", "version": shown}, headers=FETCH)
    assert response.status_code == 200 and response.mimetype == "application/json"
    answer = json.loads(response.get_data(as_text=True))
    assert answer["ok"] and answer["message"] == "Opgeslagen: geaccepteerd."
    assert answer["row"].strip().startswith(f'<tr id="proposal-{first.id}"')
    assert "decided" in answer["row"] and 'value="accept" aria-pressed="true"' in answer["row"]
    assert f'name="version" value="{shown + 1}"' in answer["row"]
    assert 'id="review-summary"' in answer["summary"]
    db.session.expire_all()
    assert db.session.get(MatchProposal, first.id).decision == Decision.ACCEPTED
    # the old version again: refused, told who decided, the row as it is now
    stale = client.post_form(url, {"choice": "reject", "version": shown}, headers=FETCH)
    assert stale.status_code == 409
    refused = json.loads(stale.get_data(as_text=True))
    assert not refused["ok"] and "intussen" in refused["message"]
    assert "geaccepteerd" in refused["row"]


def test_without_javascript_a_decision_still_redirects(login_as, world, coordinator):
    run = run_now(coordinator, WEEK)
    (first, *_) = proposals(run, "add")
    client, _ = login_as(Role.COORDINATOR)
    url = f"{BASE}/runs/{run.id}/proposals/{first.id}"
    response = client.post_form(url, {"choice": "reject", "version": first.version})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"#proposal-{first.id}")


def test_a_fetch_for_an_unknown_proposal_is_a_plain_404(login_as, world, coordinator):
    run = run_now(coordinator, WEEK)
    client, _ = login_as(Role.COORDINATOR)
    url = f"{BASE}/runs/{run.id}/proposals/999999"
    assert client.post_form(url, {"choice": "accept"}, headers=FETCH).status_code == 404


def _words(app, reason, locale="nl"):
    with app.test_request_context(), force_locale(locale):
        return reasons.sentence(reason, miss=True)


def test_reasons_are_grammatical_in_singular_and_plural(app):
    one = {"sessions": 1, "taken_by": 1, "more_urgent": 0, "at_minimum": 1, "most_hours": 3}
    many = {"sessions": 2, "taken_by": 3, "more_urgent": 1, "at_minimum": 2, "most_hours": 3}
    taken = {"code": "capacity_taken"}
    assert _words(app, {**taken, "data": one}) == (
        "het passende dagdeel is vol, bezet door 1 andere deelnemer, die daarmee 6 uur haalt"
    )
    assert _words(app, {**taken, "data": many}) == (
        "de 2 passende dagdelen zijn vol, bezet door 3 andere deelnemers, van wie 2 daarmee "
        "6 uur halen; 1 van hen heeft meer achterstand"
    )
    assert _words(app, {**taken, "data": one}, "en") == (
        "the fitting day-part is full, taken by 1 other participant, who reaches 6 hours with it"
    )
    volunteers = {"code": "volunteer_capacity_taken"}
    single = {"kind": "taalmaatje", "volunteers": 1, "taken_by": 1}
    assert _words(app, {**volunteers, "data": single}) == (
        "de passende vrijwilliger (taalmaatje) is bezet door 1 andere deelnemer"
    )
    assert _words(app, {**volunteers, "data": single}, "en").endswith("by 1 other participant")


def test_a_miss_names_every_cause(app):
    level = {"level": "A1", "lowest_needed": "B1", "reachable": 7, "count": 1}
    assert _words(app, {"code": "language_level", "data": level}) == (
        "1 van de 7 plekken binnen bereik vraagt een hoger taalniveau (minstens B1), "
        "de deelnemer heeft A1"
    )
    days = {"code": "no_shared_daypart", "data": {"reachable": 7, "count": 6}}
    assert _words(app, days) == (
        "6 van de 7 plekken binnen bereik hebben geen dagdeel waarop de deelnemer kan"
    )
    every = {"code": "no_shared_daypart", "data": {"reachable": 7, "count": 7}}
    assert _words(app, every) == (
        "geen van de 7 plekken binnen bereik heeft een dagdeel waarop de deelnemer kan"
    )
    assert _words(app, {"code": "rejected", "data": {"reachable": 3, "count": 1}}, "en") == (
        "1 place within reach was rejected for this participant before"
    )


def test_reasons_stored_before_the_counts_keep_their_words(app):
    old = {"code": "no_shared_daypart", "data": {"reachable": 1}}
    assert _words(app, old) == "de plek binnen bereik heeft geen dagdeel waarop de deelnemer kan"
    older = {"code": "capacity_taken", "data": {"sessions": 2, "taken_by": 1, "more_urgent": 1}}
    assert _words(app, older) == (
        "de 2 passende dagdelen zijn vol, bezet door 1 andere deelnemer; "
        "1 van hen heeft meer achterstand"
    )
    assert _words(app, {"code": "places_left", "data": {"left": 0, "capacity": 1}}) == (
        "0 van 1 plek over"
    )
