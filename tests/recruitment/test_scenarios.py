"""What-if scenarios: made from a suggestion, solved next to the baseline, the gain confirmed;
real records untouched; listed and deleted."""

from datetime import date

import pytest

from matcher.extensions import db
from matcher.models import Role, Scenario
from matcher.services import scenarios
from tests.security.routes import post_with_token, snapshot

from .test_werving import WEEK, _computed, _fast_solver, gap  # noqa: F401  (fixtures)


def test_a_suggestion_becomes_a_scenario_whose_gain_is_confirmed(
    login_as,
    gap,  # noqa: F811
    monkeypatch,
):
    monkeypatch.setattr(scenarios, "start_in_background", lambda _id: None)  # run it here
    client, user = login_as(Role.COORDINATOR)
    run = _computed(user)
    response = post_with_token(client, f"/coordinator/werving/{run.id}/1/scenario")
    assert response.status_code == 302
    scenario = db.session.scalars(db.select(Scenario)).one()
    assert scenario.status == "draft"  # changes can be added before it runs
    run_it = post_with_token(client, f"/coordinator/werving/scenarios/{scenario.id}/run")
    assert run_it.status_code == 302
    scenarios.execute(scenario.id)
    db.session.expire_all()
    page = client.get(f"/coordinator/werving/scenarios/{scenario.id}").get_data(as_text=True)
    assert "Bevestigd: 3 deelnemers meer op het minimum" in page
    for person in gap[1]:
        assert person.first_name in page


def test_a_scenario_changes_no_real_record(app_ctx, make, gap):  # noqa: F811
    user = make.user(Role.COORDINATOR)
    run = _computed(user)
    town = gap[0]
    placement = make.placement({"tue-am": (3, 1)}, municipality=town, title="Tuin")
    scenario = scenarios.create(
        user,
        "Wat als",
        WEEK,
        [
            {"kind": "suggestion", "suggestion": run.document["suggestions"][0]},
            {"kind": "capacity", "placement_id": placement.id, "daypart": "tue-am", "delta": 3},
            {"kind": "pause_organisation", "organisation_id": placement.organisation_id},
            {"kind": "availability", "participant_id": gap[1][0].id, "dayparts": ["mon-am"]},
        ],
    )
    scenarios.queue(scenario.id)
    db.session.commit()
    skip = ("scenarios", "audit_events", "audit_chain_head")
    before = {k: v for k, v in snapshot().items() if k not in skip}
    scenarios.execute(scenario.id)
    after = {k: v for k, v in snapshot().items() if k not in skip}
    assert after == before
    done = db.session.get(Scenario, scenario.id)
    assert done.status == "done" and set(done.outcome) == {"baseline", "scenario", "gains", "loses"}


def test_scenarios_are_listed_and_deleted(login_as, make):
    client, user = login_as(Role.COORDINATOR)
    scenario = scenarios.create(user, "Als de Kringloop sluit", date(2026, 11, 16), [])
    db.session.commit()
    assert "Als de Kringloop sluit" in client.get("/coordinator/werving/scenarios/").get_data(
        as_text=True
    )
    sid = scenario.id
    response = post_with_token(client, f"/coordinator/werving/scenarios/{sid}/delete")
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.scalar(db.select(Scenario.id).where(Scenario.id == sid)) is None


def test_a_running_scenario_cannot_be_queued_twice(app_ctx, make):
    user = make.user(Role.COORDINATOR)
    scenario = scenarios.create(user, "x", date(2026, 11, 16), [])
    scenarios.queue(scenario.id)
    with pytest.raises(scenarios.ScenarioBusy):
        scenarios.queue(scenario.id)
