"""What-if scenarios drafted by hand: a blank scenario, one form per kind of change, each kind's
effect on the solver instance, validation that loses nothing and changes nothing, removing a
change, no edits while it runs, coordinators only, and no real record touched by a run."""

import socket
from datetime import date

import pytest
from sqlalchemy import func, select

from matcher.dayparts import to_mask
from matcher.extensions import db
from matcher.models import GeocodeCache, OutboxMessage, Role, Scenario
from matcher.services import scenarios
from matcher.services.matching.instance import build_instance
from tests.security.routes import post_with_token, snapshot

WEEK = date(2026, 11, 16)
BASE = "/coordinator/werving/scenarios"
TUE_AM = {"starts-tue-am": "09:00", "ends-tue-am": "12:00"}  # a 3-hour morning session


@pytest.fixture(autouse=True)
def _fast_solver(app, monkeypatch):
    monkeypatch.setitem(app.config, "SOLVER_TIME_LIMIT", 2)
    monkeypatch.setitem(app.config, "SOLVER_WORKERS", 1)


@pytest.fixture
def coordinator(login_as):
    client, user = login_as(Role.COORDINATOR)
    return client, user


@pytest.fixture
def draft(app_ctx, coordinator):
    scenario = scenarios.create(coordinator[1], "Wat als", WEEK, [])
    db.session.commit()
    return scenario.id


def _changes(scenario_id: int) -> list:
    db.session.expire_all()
    return db.session.get(Scenario, scenario_id).changes


def _text(response) -> str:
    return response.get_data(as_text=True)


def _closed_port_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/free"


# --- a blank scenario ------------------------------------------------------------------------
def test_a_blank_scenario_is_named_and_given_a_week(coordinator):
    client, _ = coordinator
    assert client.get(f"{BASE}/nieuw").status_code == 200
    week = _text(client.get(f"{BASE}/nieuw")).split('<option value="')[1][:10]
    response = post_with_token(
        client, f"{BASE}/nieuw", {"name": "Als de Kringloop sluit", "week": week}
    )
    assert response.status_code == 302
    made = db.session.scalars(select(Scenario)).one()
    assert (made.name, made.week_start.isoformat(), made.status, made.changes) == (
        "Als de Kringloop sluit",
        week,
        "draft",
        [],
    )
    assert response.headers["Location"].endswith(f"{BASE}/{made.id}")


def test_a_blank_scenario_needs_a_name_and_a_known_week(coordinator):
    client, _ = coordinator
    response = post_with_token(client, f"{BASE}/nieuw", {"name": "", "week": "2001-01-01"})
    assert response.status_code == 422
    assert "Controleer het formulier" in _text(response)
    assert db.session.scalar(select(func.count(Scenario.id))) == 0


# --- each kind of change through its form, and its effect on the instance --------------------
def test_a_new_placement_in_a_town(coordinator, draft, make):
    client, _ = coordinator
    town = make.municipality("Vriezenveen")
    response = post_with_token(
        client,
        f"{BASE}/{draft}/plek",
        {
            "municipality": str(town.id),
            "category": "groen",
            "min_dutch_level": "A1",
            "starts-tue-am": "09:00",
            "ends-tue-am": "12:00",
            "capacity-tue-am": "4",
            "starts-thu-am": "09:00",
            "ends-thu-am": "11:30",
            "capacity-thu-am": "2",
        },
    )
    assert response.status_code == 302, _text(response)
    (change,) = _changes(draft)
    assert change["kind"] == "new_placement" and change["area"] == "Vriezenveen"
    instance = scenarios.changed_instance(build_instance(WEEK), [change])
    added = [p for p in instance.placements if p.id.startswith("advies-")]
    assert len(added) == 1
    (p,) = added
    assert (p.lat, p.lon, p.category, p.min_language_level) == (town.lat, town.lon, "groen", "A1")
    assert {(s.daypart, s.hours, s.capacity) for s in p.sessions} == {
        ("tue-am", 3.0, 4),
        ("thu-am", 2.5, 2),
    }
    page = _text(client.get(f"{BASE}/{draft}"))
    assert "een nieuwe plek" in page and "Als plek registreren" in page


def test_a_new_placement_at_an_organisation_lies_where_its_placements_are(coordinator, draft, make):
    client, _ = coordinator
    placement = make.placement(lat=52.41, lon=6.55)
    response = post_with_token(
        client,
        f"{BASE}/{draft}/plek",
        {
            "organisation": str(placement.organisation_id),
            "category": "zorg",
            "min_dutch_level": "A0",
            "starts-mon-pm": "13:30",
            "ends-mon-pm": "16:30",
            "capacity-mon-pm": "1",
        },
    )
    assert response.status_code == 302
    s = _changes(draft)[0]["suggestion"]
    assert (s["lat"], s["lon"], s["categories"]) == (52.41, 6.55, ["zorg"])


def test_a_new_placement_at_a_postcode_is_looked_up(coordinator, draft):
    client, _ = coordinator
    db.session.add(GeocodeCache(postcode="7511JA", lat=52.2215, lon=6.8937, label="Enschede"))
    db.session.commit()
    form = {
        "postcode": "7511 ja",
        "category": "groen",
        "starts-wed-am": "09:00",
        "ends-wed-am": "12:00",
        "capacity-wed-am": "2",
    }
    assert post_with_token(client, f"{BASE}/{draft}/plek", form).status_code == 302
    (change,) = _changes(draft)
    assert (change["suggestion"]["lat"], change["suggestion"]["lon"]) == (52.2215, 6.8937)
    assert change["area"] == "7511 JA"


def test_when_pdok_is_down_typed_coordinates_are_the_fallback(app, coordinator, draft):
    client, _ = coordinator
    app.config["GEOCODER_URL"] = _closed_port_url()
    form = {
        "postcode": "7601 AB",
        "category": "groen",
        "starts-wed-am": "09:00",
        "ends-wed-am": "12:00",
        "capacity-wed-am": "2",
    }
    response = post_with_token(client, f"{BASE}/{draft}/plek", form)
    assert response.status_code == 422
    assert "De postcodedienst (PDOK) is nu niet bereikbaar" in _text(response)
    assert 'value="12:00"' in _text(response)  # nothing typed is lost
    assert _changes(draft) == []
    typed = {**form, "lat": "52,30", "lon": "6,70"}
    assert post_with_token(client, f"{BASE}/{draft}/plek", typed).status_code == 302
    assert _changes(draft)[0]["suggestion"]["lat"] == 52.30


def test_seats_added_to_and_removed_from_a_session(coordinator, draft, make):
    client, _ = coordinator
    placement = make.placement({"mon-am": (3, 2), "tue-am": (3, 5)})
    for delta in ("3", "-9"):
        daypart = "mon-am" if delta == "3" else "tue-am"
        form = {"session": f"{placement.id}:{daypart}", "delta": delta}
        assert post_with_token(client, f"{BASE}/{draft}/plaatsen", form).status_code == 302
    changes = _changes(draft)
    assert [c["delta"] for c in changes] == [3, -9]
    built = build_instance(WEEK)
    sid = next(k for k, v in built.target_of.items() if v == placement.id and k.startswith("s"))
    instance = scenarios.changed_instance(built, changes)
    (p,) = [p for p in instance.placements if p.id == sid]
    assert {s.daypart: s.capacity for s in p.sessions} == {"mon-am": 5, "tue-am": 0}
    assert "3 plaatsen erbij bij" in _text(client.get(f"{BASE}/{draft}"))


def test_an_organisation_paused(coordinator, draft, make):
    client, _ = coordinator
    placement = make.placement({"mon-am": (3, 2)}, title="Kringloop")
    other = make.placement({"mon-am": (3, 2)}, title="Tuin")
    form = {"organisation": str(placement.organisation_id)}
    assert post_with_token(client, f"{BASE}/{draft}/pauze", form).status_code == 302
    built = build_instance(WEEK)
    instance = scenarios.changed_instance(built, _changes(draft))
    seats = {
        built.target_of[p.id]: sum(s.capacity for s in p.sessions) for p in instance.placements
    }
    assert seats == {placement.id: 0, other.id: 2}
    assert "doet niet mee" in _text(client.get(f"{BASE}/{draft}"))


def test_a_new_buddy(coordinator, draft, make):
    client, _ = coordinator
    town = make.municipality("Almelo")
    form = {
        "municipality": str(town.id),
        "kind": "buddy",
        "travel_km": "7,5",
        "availability": ["wed-pm", "sat-am"],
        "capacity": "2",
        "session_hours": "1,5",
    }
    assert post_with_token(client, f"{BASE}/{draft}/vrijwilliger", form).status_code == 302
    instance = scenarios.changed_instance(build_instance(WEEK), _changes(draft))
    (v,) = [v for v in instance.volunteers if v.id.startswith("advies-")]
    assert (v.kind, v.max_km, v.capacity, v.session_hours) == ("buddy", 7.5, 2, 1.5)
    assert v.available == frozenset({"wed-pm", "sat-am"})
    assert "Als vrijwilliger registreren" in _text(client.get(f"{BASE}/{draft}"))


def test_someones_availability_changed(coordinator, draft, make):
    client, _ = coordinator
    person = make.participant(first_name="Amina", availability=to_mask(["mon-am"]))
    page = _text(client.get(f"{BASE}/{draft}/beschikbaarheid?participant={person.id}"))
    assert 'value="mon-am" id="avail-mon-am"\n        checked' in page  # their own, to start from
    form = {"participant": str(person.id), "availability": ["tue-pm", "fri-am"]}
    assert post_with_token(client, f"{BASE}/{draft}/beschikbaarheid", form).status_code == 302
    built = build_instance(WEEK)
    instance = scenarios.changed_instance(built, _changes(draft))
    (p,) = [p for p in instance.participants if built.participant_of[p.id] == person.id]
    assert p.available == frozenset({"tue-pm", "fri-am"})
    assert "Amina" in _text(client.get(f"{BASE}/{draft}"))


# --- validation: a clear Dutch message, nothing lost, nothing changed -------------------------
@pytest.mark.parametrize(
    ("slug", "form", "message"),
    [
        ("plek", {"category": "groen", **TUE_AM, "capacity-tue-am": "2"},
         "één van de drie"),
        ("plek", {"postcode": "7601 AB", "municipality": "town", "category": "groen",
                  **TUE_AM, "capacity-tue-am": "2"}, "één van de drie"),
        ("plek", {"municipality": "town", "category": "groen"}, "minstens één sessie"),
        ("plek", {"municipality": "town", "category": "groen", **TUE_AM, "starts-tue-am": "veel",
                  "capacity-tue-am": "2"}, "Vul een tijd in als uu:mm"),
        ("plek", {"municipality": "town", "category": "", **TUE_AM,
                  "capacity-tue-am": "2"}, "Controleer het formulier"),
        ("plek", {"municipality": "town", "category": "groen", "min_dutch_level": "C9",
                  **TUE_AM, "capacity-tue-am": "2"}, "Controleer het formulier"),
        ("plaatsen", {"session": "session", "delta": "0"}, "niet 0"),
        ("plaatsen", {"session": "999999:mon-am", "delta": "2"}, "Controleer het formulier"),
        ("plaatsen", {"session": "session", "delta": "twee"}, "Controleer het formulier"),
        ("pauze", {"organisation": "999999"}, "Controleer het formulier"),
        ("vrijwilliger", {"municipality": "town", "kind": "taalmaatje", "travel_km": "5",
                          "capacity": "1", "session_hours": "2"}, "minstens één dagdeel"),
        ("vrijwilliger", {"municipality": "town", "kind": "taalmaatje", "travel_km": "500",
                          "capacity": "1", "session_hours": "2", "availability": ["mon-am"]},
         "Controleer het formulier"),
        ("beschikbaarheid", {"participant": "person", "availability": ["xyz-am"]},
         "Onbekend dagdeel"),
    ],
)  # fmt: skip
def test_bad_input_is_refused_in_dutch_and_changes_nothing(
    coordinator, draft, make, slug, form, message
):
    client, _ = coordinator
    placement = make.placement({"mon-am": (3, 2)})
    town = make.municipality("Wierden")
    person = make.participant()
    stand_ins = {
        "town": str(town.id),
        "session": f"{placement.id}:mon-am",
        "person": str(person.id),
    }
    form = {k: stand_ins.get(v, v) if isinstance(v, str) else v for k, v in form.items()}
    before = snapshot()
    response = post_with_token(client, f"{BASE}/{draft}/{slug}", form)
    assert response.status_code == 422
    assert message in _text(response)
    assert _changes(draft) == []
    assert snapshot() == before
    if form.get("starts-tue-am") == "veel":
        assert 'value="veel"' in _text(response)  # what was typed is still there


# --- removing a change; no edits while it runs; a new change makes it a draft again -----------
def test_a_change_is_removed_from_a_draft(coordinator, make):
    client, user = coordinator
    one, two = make.placement(), make.placement()
    scenario = scenarios.create(
        user,
        "x",
        WEEK,
        [
            {"kind": "pause_organisation", "organisation_id": one.organisation_id},
            {"kind": "pause_organisation", "organisation_id": two.organisation_id},
        ],
    )
    db.session.commit()
    url = f"{BASE}/{scenario.id}/wijziging-verwijderen"
    assert post_with_token(client, url, {"number": "1"}).status_code == 302
    assert _changes(scenario.id) == [
        {"kind": "pause_organisation", "organisation_id": two.organisation_id}
    ]
    response = post_with_token(
        client,
        url,
        {"number": "5"},
    )
    assert response.status_code == 302
    assert len(_changes(scenario.id)) == 1
    assert "bestaat niet" in _text(client.get(response.headers["Location"]))


@pytest.mark.parametrize("status", ["queued", "running"])
def test_a_queued_or_running_scenario_is_not_edited(coordinator, make, status):
    client, user = coordinator
    placement = make.placement()
    pause = {"kind": "pause_organisation", "organisation_id": placement.organisation_id}
    scenario = scenarios.create(user, "x", WEEK, [pause])
    scenario.status = status
    db.session.commit()
    page = client.get(f"{BASE}/{scenario.id}/pauze")
    assert page.status_code == 302
    before = snapshot()
    form = {"organisation": str(placement.organisation_id)}
    assert post_with_token(client, f"{BASE}/{scenario.id}/pauze", form).status_code == 302
    url = f"{BASE}/{scenario.id}/wijziging-verwijderen"
    assert post_with_token(client, url, {"number": "1"}).status_code == 302
    assert _without_audit(snapshot()) == _without_audit(before)
    page = _text(client.get(f"{BASE}/{scenario.id}"))
    assert "wordt doorgerekend" in page and "Wijziging toevoegen" not in page


def _without_audit(state):
    return {k: v for k, v in state.items() if k not in ("audit_events", "audit_chain_head")}


def test_a_new_change_on_a_finished_scenario_makes_it_a_draft_again(coordinator, make):
    client, user = coordinator
    placement = make.placement()
    scenario = scenarios.create(user, "x", WEEK, [])
    scenario.status, scenario.outcome = "done", {"gains": [1]}
    db.session.commit()
    form = {"organisation": str(placement.organisation_id)}
    assert post_with_token(client, f"{BASE}/{scenario.id}/pauze", form).status_code == 302
    db.session.expire_all()
    again = db.session.get(Scenario, scenario.id)
    assert (again.status, again.outcome, len(again.changes)) == ("draft", {}, 1)


# --- coordinators only ------------------------------------------------------------------------
@pytest.mark.parametrize("role", [Role.COACH, Role.VOLUNTEER, Role.ADMIN])
def test_only_coordinators_draft_scenarios(login_as, make, role):
    client, _ = login_as(role)
    scenario = scenarios.create(make.user(Role.COORDINATOR), "x", WEEK, [])
    db.session.commit()
    urls = [f"{BASE}/nieuw"] + [
        f"{BASE}/{scenario.id}/{slug}"
        for slug in ("plek", "plaatsen", "pauze", "vrijwilliger", "beschikbaarheid")
    ]
    before = snapshot()
    for url in urls:
        assert client.get(url).status_code in (403, 404), url
        assert post_with_token(client, url, {"name": "x"}).status_code in (403, 404), url
    remove = f"{BASE}/{scenario.id}/wijziging-verwijderen"
    assert post_with_token(client, remove, {"number": "1"}).status_code in (403, 404)
    assert _without_audit(snapshot()) == _without_audit(before)


# --- a run of every kind of change touches no real record and sends nothing -------------------
def test_a_run_of_every_kind_of_change_changes_no_real_record(coordinator, draft, make):
    client, _ = coordinator
    town = make.municipality("Vriezenveen")
    placement = make.placement({"tue-am": (3, 1)}, municipality=town)
    person = make.participant(municipality=town, availability=to_mask(["tue-am"]))
    make.volunteer()
    forms = {
        "plek": {"municipality": str(town.id), "category": "groen", **TUE_AM,
                 "capacity-tue-am": "3"},
        "plaatsen": {"session": f"{placement.id}:tue-am", "delta": "2"},
        "pauze": {"organisation": str(placement.organisation_id)},
        "vrijwilliger": {"municipality": str(town.id), "kind": "taalmaatje", "travel_km": "5",
                         "capacity": "1", "session_hours": "2", "availability": ["tue-pm"]},
        "beschikbaarheid": {"participant": str(person.id), "availability": ["tue-am"]},
    }  # fmt: skip
    for slug, form in forms.items():
        assert post_with_token(client, f"{BASE}/{draft}/{slug}", form).status_code == 302, slug
    assert {c["kind"] for c in _changes(draft)} == {
        "new_placement",
        "capacity",
        "pause_organisation",
        "new_volunteer",
        "availability",
    }
    scenarios.queue(draft)
    db.session.commit()
    skip = ("scenarios", "audit_events", "audit_chain_head")
    before = {k: v for k, v in snapshot().items() if k not in skip}
    counts = {k: len(v) for k, v in before.items()}
    scenarios.execute(draft)
    after = {k: v for k, v in snapshot().items() if k not in skip}
    assert {k: len(v) for k, v in after.items()} == counts
    assert after == before
    assert db.session.scalar(select(func.count(OutboxMessage.id))) == 0
    done = db.session.get(Scenario, draft)
    assert done.status == "done", done.error
    page = _text(client.get(f"{BASE}/{draft}"))
    assert "Deelnemers op het minimum" in page and "Uren tekort" in page


def test_a_change_form_sent_twice_adds_one_change(coordinator, draft, make):
    client, _ = coordinator
    placement = make.placement()
    key = "k" * 24
    form = {"organisation": str(placement.organisation_id), "submission_key": key}
    assert post_with_token(client, f"{BASE}/{draft}/pauze", form).status_code == 302
    again = post_with_token(client, f"{BASE}/{draft}/pauze", form)
    assert again.status_code == 302 and again.headers["Location"].endswith(f"{BASE}/{draft}")
    assert len(_changes(draft)) == 1


@pytest.mark.parametrize("number", ["", "x", "²", "-1", "99999999999999999999"])
def test_a_strange_change_number_removes_nothing(coordinator, make, number):
    client, user = coordinator
    pause = {"kind": "pause_organisation", "organisation_id": make.placement().organisation_id}
    scenario = scenarios.create(user, "x", WEEK, [pause])
    db.session.commit()
    url = f"{BASE}/{scenario.id}/wijziging-verwijderen"
    assert post_with_token(client, url, {"number": number}).status_code == 302
    assert _changes(scenario.id) == [pause]
