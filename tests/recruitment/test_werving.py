"""/coordinator/werving/: an advice run in the background, suggestions in words, who gains (names
for the coordinator only) and a recruitment text without personal data."""

import re
from datetime import date

import pytest

from matcher.dayparts import to_mask
from matcher.extensions import db
from matcher.models import AdviceRun, Match, Role
from matcher.services import advice as advice_service
from matcher.web.recruitment import words
from tests.security.routes import snapshot

WEEK = date(2026, 11, 16)


@pytest.fixture(autouse=True)
def _fast_solver(app, monkeypatch):
    monkeypatch.setitem(app.config, "SOLVER_TIME_LIMIT", 2)
    monkeypatch.setitem(app.config, "SOLVER_WORKERS", 1)


@pytest.fixture
def gap(make):
    """Three people free on Tuesday and Thursday morning; the one placement runs on Monday."""
    town = make.municipality("Vriezenveen")
    make.placement({"mon-am": (3, 1)}, municipality=town, title="Kringloop", category="kringloop")
    people = [
        make.participant(
            municipality=town,
            first_name=name,
            interests=["groen"],
            availability=to_mask(["tue-am", "thu-am"]),
        )
        for name in ("Amina", "Yonas", "Rahel")
    ]
    return town, people


def _computed(user) -> AdviceRun:
    run = advice_service.start_advice(user, WEEK, None)
    db.session.commit()
    advice_service.execute(run.id)
    db.session.expire_all()
    return db.session.get(AdviceRun, run.id)


def test_advice_run_finds_the_gap_and_words_it(login_as, gap):
    client, user = login_as(Role.COORDINATOR)
    run = _computed(user)
    assert run.status == "done", run.error
    top = run.document["suggestions"][0]
    # the Kringloop within reach gets Tuesday and Thursday morning: smaller than a new place
    assert top["kind"] == "new_session" and top["gain"]["meets_minimum"] == 3
    assert {x["daypart"] for x in top["sessions"]} == {"tue-am", "thu-am"}
    page = client.get("/coordinator/werving/").get_data(as_text=True)
    assert "een extra dagdeel bij Kringloop" in page and "3 deelnemers meer op het minimum" in page
    assert 'href="/coordinator/werving/scenarios/"' in page  # the what-if scenarios
    detail = client.get(f"/coordinator/werving/{run.id}/1")
    assert detail.status_code == 200
    text = detail.get_data(as_text=True)
    for person in gap[1]:
        assert person.first_name in text  # the coordinator sees who gains


def test_recruitment_text_has_no_personal_data(app, make, gap):
    user = make.user(Role.COORDINATOR)
    run = _computed(user)
    _town, people = gap
    assert run.document["suggestions"]
    for s in run.document["suggestions"]:
        with app.test_request_context():
            text = words.recruitment_text(run, s)
        assert "Kringloop" in text and "dinsdag" in text
        for p in people:
            for private in (p.first_name, p.last_name, p.postcode):
                assert private not in text
            assert str(round(p.lat, 3)) not in text
        assert not re.search(r"\d{4} ?[A-Z]{2}", text)  # no postcode
        assert not re.search(r"\d+\.\d{3,}", text)  # no coordinates


# The advice run itself and its audit event (with the audit chain's head) are expected to change.
BOOKKEEPING = ("advice_runs", "audit_events", "audit_chain_head")


def test_an_advice_run_changes_no_match_and_sends_nothing(app_ctx, make, gap):
    user = make.user(Role.COORDINATOR)
    before = {k: v for k, v in snapshot().items() if k not in BOOKKEEPING}
    _computed(user)
    after = {k: v for k, v in snapshot().items() if k not in BOOKKEEPING}
    assert after == before
    assert db.session.query(Match).count() == 0


def test_one_busy_advice_run_per_week(app_ctx, make, gap):
    user = make.user(Role.COORDINATOR)
    advice_service.start_advice(user, WEEK, None)
    db.session.commit()
    with pytest.raises(advice_service.AdviceBusy):
        advice_service.start_advice(user, WEEK, None)


@pytest.mark.parametrize("role", [Role.COACH, Role.VOLUNTEER, Role.ADMIN])
def test_only_coordinators(login_as, role):
    client, _ = login_as(role)
    assert client.get("/coordinator/werving/").status_code in (403, 404)


def test_unknown_suggestion_is_404(login_as, gap):
    client, user = login_as(Role.COORDINATOR)
    run = _computed(user)
    assert client.get(f"/coordinator/werving/{run.id}/99").status_code == 404
    assert client.get("/coordinator/werving/999999/1").status_code == 404


def test_review_page_shows_the_smallest_lift(login_as, gap):
    from tests.matching.helpers import run_now

    client, user = login_as(Role.COORDINATOR)
    run = run_now(user, WEEK)
    advice = _computed(user)
    page = client.get(f"/coordinator/koppelen/runs/{run.id}/review").get_data(as_text=True)
    assert "Zou het minimum halen met:" in page
    assert f"/coordinator/werving/{advice.id}/1" in page
    assert page.count("Zou het minimum halen met:") == 3  # each of the three below it


def test_the_bottleneck_table_is_of_the_plan_the_advice_measured(app_ctx, make, gap, monkeypatch):
    """One baseline: the table of where demand meets no supply is made from the advice's own
    baseline plan (no second solve that could place other people than the figures say)."""
    seen = {}
    real_advise, real_table = advice_service.advise, advice_service.bottlenecks

    def advise(*args, **kwargs):
        seen["advice"] = real_advise(*args, **kwargs)
        return seen["advice"]

    def table(instance, plan, area_of):
        seen["plan"] = plan
        return real_table(instance, plan, area_of)

    monkeypatch.setattr(advice_service, "advise", advise)
    monkeypatch.setattr(advice_service, "bottlenecks", table)
    run = _computed(make.user(Role.COORDINATOR))
    assert run.status == "done", run.error
    assert seen["plan"] is seen["advice"].plan
    short = len(gap[1]) - run.document["baseline"]["meets_minimum"]
    tuesday = [r for r in run.bottlenecks if r["daypart"] == "tue-am" and r["category"] == "groen"]
    assert short == 3 and [(r["short_free"], r["seats"]) for r in tuesday] == [(3, 0)]
