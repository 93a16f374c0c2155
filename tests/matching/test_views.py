"""The matching pages: start, progress, review with filters and decisions, confirm with
conflicts, history, manual matches; for coordinators only."""

import re

from sqlalchemy import select

from matcher.dayparts import to_mask
from matcher.extensions import db
from matcher.models import Match, MatchStatus, OutboxMessage, Role, RunStatus
from matcher.services.matching import runs
from matcher.weeks import today, week_start
from tests.matching.conftest import NEXT_WEEK, WEEK
from tests.matching.helpers import proposals, run_now

BASE = "/coordinator/koppelen"


def test_only_coordinators_reach_matching(login_as):
    for role in (Role.COACH, Role.VOLUNTEER, Role.ADMIN):
        client, _ = login_as(role)
        assert client.get(f"{BASE}/").status_code == 403


def test_starting_a_run_goes_to_its_page_and_a_second_is_refused(login_as, world, monkeypatch):
    started = []
    monkeypatch.setattr("matcher.jobs.start_matching", lambda run_id: started.append(run_id))
    client, _ = login_as(Role.COORDINATOR)
    page = client.get(f"{BASE}/").get_data(as_text=True)
    assert "Koppelronde starten" in page
    this_week = week_start(today())
    assert f'value="{this_week.isoformat()}">week {this_week.isocalendar().week}, ' in page
    week = re.search(r'<option[^>]*value="(\d{4}-\d\d-\d\d)"', page).group(1)
    response = client.post_form(f"{BASE}/runs", {"week": week, "municipality": ""})
    assert response.status_code == 302 and len(started) == 1
    run_page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert 'id="progress-bar"' in run_page and "in de wachtrij" in run_page
    status = client.get(f"{BASE}/runs/{started[0]}/status").get_json()
    assert status["status"] == "queued" and status["progress"] == 0
    again = client.post_form(
        f"{BASE}/runs", {"week": week, "municipality": ""}, follow_redirects=True
    )
    assert "Voor deze week en gemeenten loopt al een koppelronde." in again.get_data(as_text=True)
    assert len(started) == 1


def test_review_shows_plans_hours_and_reasons_in_dutch_and_in_english(login_as, world, coordinator):
    run = run_now(coordinator, WEEK)
    client, _ = login_as(Role.COORDINATOR)
    page = client.get(f"{BASE}/runs/{run.id}/review").get_data(as_text=True)
    assert world["amina"].full_name in page and "Tuin" in page
    assert "past bij interesse groen" in page and "plekken over" in page
    assert re.search(r"\d+(,\d)? km", page)
    assert "nodig voor 800 uur" in page
    client.post_form("/taal", {"language": "en", "next": "/"})
    english = client.get(f"{BASE}/runs/{run.id}/review").get_data(as_text=True)
    assert "matches interest" in english and "places left" in english


def test_filters_show_only_the_matching_participants(login_as, world, coordinator, make):
    far = make.participant(municipality=world["town"], lat=53.2, lon=6.56, travel_km=3)
    run = run_now(coordinator, WEEK)
    client, _ = login_as(Role.COORDINATOR)

    def names(which):
        page = client.get(f"{BASE}/runs/{run.id}/review?filter={which}").get_data(as_text=True)
        return {p.full_name for p in (world["amina"], world["yonas"], far) if p.full_name in page}

    assert names("unmatched") == {far.full_name}
    assert names("below") == {far.full_name}
    assert names("taalmaatje") == {world["amina"].full_name}
    assert names("changed") == {world["amina"].full_name, world["yonas"].full_name}
    page = client.get(f"{BASE}/runs/{run.id}/review?filter=unmatched").get_data(as_text=True)
    assert "geen plek binnen 3 km" in page


def test_decisions_accept_all_and_confirm_through_the_pages(login_as, world, coordinator):
    run = run_now(coordinator, WEEK)
    added = proposals(run, "add")
    client, _ = login_as(Role.COORDINATOR)
    client.post_form(f"{BASE}/runs/{run.id}/accept-all")
    client.post_form(f"{BASE}/runs/{run.id}/proposals/{added[0].id}", {"choice": "reject"})
    client.post_form(f"{BASE}/runs/{run.id}/proposals/{added[1].id}", {"choice": "pin"})
    page = client.get(f"{BASE}/runs/{run.id}/review").get_data(as_text=True)
    assert "afgewezen" in page and "vastgezet" in page
    response = client.post_form(f"{BASE}/runs/{run.id}/confirm", follow_redirects=True)
    assert "Koppelingen bevestigd" in response.get_data(as_text=True)
    db.session.expire_all()
    assert runs.get_run(run.id).status == RunStatus.CONFIRMED
    active = db.session.scalars(select(Match).where(Match.status == MatchStatus.ACTIVE)).all()
    assert {m.id for m in active} == {p.match_id for p in added[1:]}
    assert db.session.scalars(select(OutboxMessage)).all()


def test_confirm_with_a_conflict_names_it_and_saves_nothing(login_as, world, coordinator):
    run = run_now(coordinator, WEEK)
    client, _ = login_as(Role.COORDINATOR)
    client.post_form(f"{BASE}/runs/{run.id}/accept-all")
    world["henk"].availability = to_mask(["fri-ev"])
    db.session.commit()
    response = client.post_form(f"{BASE}/runs/{run.id}/confirm")
    page = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "de vrijwilliger kan niet meer op maandag avond" in page
    assert world["henk"].full_name in page
    db.session.expire_all()
    assert runs.get_run(run.id).status == RunStatus.DONE
    assert not db.session.scalars(select(Match).where(Match.status == MatchStatus.ACTIVE)).all()


def test_history_lists_runs_with_their_figures(login_as, world, coordinator):
    run = run_now(coordinator, WEEK)
    client, _ = login_as(Role.COORDINATOR)
    page = client.get(f"{BASE}/history").get_data(as_text=True)
    assert f"#{run.id}" in page and "2 / 2" in page and "1 / 1" in page
    assert "klaar om te beoordelen" in page


def test_manual_match_add_refuse_and_end(login_as, world):
    client, _ = login_as(Role.COORDINATOR)
    form = {
        "participant": str(world["yonas"].id),
        "kind": "placement",
        "placement": str(world["shop"].id),
        "volunteer": "",
        "dayparts": ["mon-am", "tue-am"],
        "starts_on": "2026-11-16",
    }
    response = client.post_form(f"{BASE}/handmatig", form, follow_redirects=True)
    assert "Koppeling toegevoegd." in response.get_data(as_text=True)
    refused = client.post_form(f"{BASE}/handmatig", {**form, "participant": str(world["amina"].id)})
    assert refused.status_code == 409
    assert "maandag ochtend is vol" in refused.get_data(as_text=True)
    (match,) = db.session.scalars(select(Match)).all()
    ended = client.post_form(
        f"{BASE}/handmatig/beeindigen",
        {
            "match_id": str(match.id),
            "last_day": "2026-11-20",
            "participant": str(world["yonas"].id),
        },
        follow_redirects=True,
    )
    assert "Koppeling beëindigd." in ended.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Match, match.id).ends_on.isoformat() == "2026-11-20"


def test_worker_and_send_mail_commands(app, monkeypatch):
    from matcher.cli import cli

    monkeypatch.delitem(app.config, "REDIS_URL", raising=False)
    runner = app.test_cli_runner()
    refused = runner.invoke(cli, ["worker", "--burst"])
    assert refused.exit_code != 0 and "MATCHER_REDIS_URL" in refused.output
    sent = runner.invoke(cli, ["send-mail"])
    assert sent.exit_code == 0 and "Verstuurd: 0" in sent.output


def test_the_review_page_needs_the_same_number_of_queries_for_more_participants(
    login_as, world, coordinator, make
):
    from sqlalchemy import event

    def statements(run_id):
        counted = []

        def count(*args):
            counted.append(1)

        event.listen(db.engine, "before_cursor_execute", count)
        try:
            assert client.get(f"{BASE}/runs/{run_id}/review").status_code == 200
        finally:
            event.remove(db.engine, "before_cursor_execute", count)
        return len(counted)

    client, _ = login_as(Role.COORDINATOR)
    small = statements(run_now(coordinator, WEEK).id)
    for _ in range(6):
        make.participant(municipality=world["town"], wants_taalmaatje=True)
    large = statements(run_now(coordinator, NEXT_WEEK).id)
    assert large == small
