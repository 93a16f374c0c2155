"""The Werving map: its JSON (coordinators only), the privacy of what it shows (no names, no home
coordinates: counts per cell of about 500 m, suggested new places on a cell centre too), the
free seats, and the same data as lists on the page."""

import json
import math
import re
from datetime import date

import pytest

from matcher.dayparts import to_mask
from matcher.extensions import db
from matcher.models import AdviceRun, Participant, Role
from matcher.services import advice as advice_service
from matcher.services import recruitment_map as rmap
from matcher.solver.rules import haversine_km

WEEK = date(2026, 11, 16)
MAP = "/coordinator/werving/kaart.json"


@pytest.fixture(autouse=True)
def _fast_solver(app, monkeypatch):
    monkeypatch.setitem(app.config, "SOLVER_TIME_LIMIT", 2)
    monkeypatch.setitem(app.config, "SOLVER_WORKERS", 1)


@pytest.fixture
def region(make):
    """Three people below the minimum in one street, one far off alone, and one who reaches the
    minimum on a placement that keeps a free seat."""
    town = make.municipality("Vriezenveen")
    street = [
        make.participant(
            municipality=town,
            first_name=name,
            last_name=f"{name}sdottir",
            lat=52.40871 + i * 0.00011,
            lon=6.62213 + i * 0.00013,
            availability=to_mask(["tue-am", "thu-am"]),
        )
        for i, name in enumerate(("Amina", "Yonas", "Rahel"))
    ]
    alone = make.participant(
        municipality=town, first_name="Selam", last_name="Haile", lat=52.47113, lon=6.52871
    )
    kringloop = make.placement(
        {"mon-am": (3, 2), "wed-am": (3, 1)},
        municipality=town,
        title="Kringloop",
        lat=52.40123,
        lon=6.61987,
    )
    placed = make.participant(municipality=town, first_name="Dawit", last_name="Tesfay")
    make.match(placed, kringloop, dayparts=("mon-am", "wed-am"))
    full = make.placement({"mon-am": (3, 1)}, municipality=town, title="Volle plek")
    make.match(make.participant(municipality=town, max_hours_week=3), full)
    return {"town": town, "below": [*street, alone], "placed": placed, "kringloop": kringloop}


def _computed(user) -> AdviceRun:
    run = advice_service.start_advice(user, WEEK, None)
    db.session.commit()
    advice_service.execute(run.id)
    db.session.expire_all()
    return db.session.get(AdviceRun, run.id)


def _on_a_cell_centre(lat: float, lon: float) -> bool:
    row, column = lat / rmap.CELL_LAT - 0.5, lon / rmap.CELL_LON - 0.5
    return abs(row - round(row)) < 1e-6 and abs(column - round(column)) < 1e-6


def _private_strings(people: list[Participant]) -> list[str]:
    found = []
    for p in people:
        found += [p.first_name, p.last_name, p.postcode, str(p.lat), str(p.lon)]
    return found


def test_people_below_the_minimum_are_counts_per_cell_never_names_or_homes(login_as, region):
    client, _user = login_as(Role.COORDINATOR)
    response = client.get(MAP)
    assert response.status_code == 200 and response.mimetype == "application/json"
    assert response.headers["Cache-Control"] == "no-store"
    body = response.get_data(as_text=True)
    everyone = db.session.scalars(db.select(Participant)).all()
    for private in _private_strings(everyone):
        assert private not in body
    data = json.loads(body)
    cells = data["below"]
    assert sorted(c["count"] for c in cells) == [1, 3]  # the street is one cell; Dawit is not
    homes = [(p.lat, p.lon) for p in region["below"]]
    for cell in cells:
        assert set(cell) == {"lat", "lon", "count", "title", "text"}
        assert _on_a_cell_centre(cell["lat"], cell["lon"])
        assert (cell["lat"], cell["lon"]) not in homes
        nearest = min(haversine_km(cell["lat"], cell["lon"], *home) for home in homes)
        assert nearest < 0.4  # half a cell's diagonal: the count stands near its people
    assert "3 deelnemers onder het minimum" in [c["title"] for c in cells]
    assert all("Vriezenveen" in c["text"] for c in cells)


def test_cell_centres_are_a_grid(app_ctx):
    a = rmap.cell_centre(52.40871, 6.62213)
    assert rmap.cell_centre(52.40871 + 0.0004, 6.62213 + 0.0004) == a  # the same cell
    assert rmap.cell_centre(52.40871 + rmap.CELL_LAT, 6.62213) != a
    assert _on_a_cell_centre(*a)
    # a cell is about 500 by 500 m in Twente
    north = haversine_km(0, 0, rmap.CELL_LAT, 0)
    east = haversine_km(52.4, 6.6, 52.4, 6.6 + rmap.CELL_LON)
    assert math.isclose(north, 0.5, rel_tol=0.05) and math.isclose(east, 0.5, rel_tol=0.05)


def test_placements_with_free_seats_by_day_part(login_as, region):
    client, _user = login_as(Role.COORDINATOR)
    seats = client.get(MAP).get_json()["seats"]
    by_title = {s["title"].split(" (")[0]: s for s in seats}
    assert "Volle plek" not in by_title  # its one seat is taken
    kringloop = by_title["Kringloop"]
    assert kringloop["count"] == 1 and (kringloop["lat"], kringloop["lon"]) == (52.40123, 6.61987)
    assert kringloop["text"] == "1 vrije plaats: maandag ochtend 1"


def test_a_suggested_new_place_for_one_person_is_not_at_their_home(login_as, make):
    """The solver puts a new place for a group of one at that person's coordinates: the map
    moves it to the cell's centre, and it still links to the suggestion."""
    town = make.municipality("Vroomshoop")
    person = make.participant(
        municipality=town, lat=52.46281, lon=6.56637, availability=to_mask(["tue-am", "thu-am"])
    )
    client, user = login_as(Role.COORDINATOR)
    run = _computed(user)
    assert run.status == "done", run.error
    placed = [s for s in run.document["suggestions"] if s.get("lat") is not None]
    assert placed, run.document["suggestions"]
    data = client.get(MAP).get_json()
    assert len(data["suggestions"]) == len(run.document["suggestions"])
    for point in data["suggestions"]:
        assert (point["lat"], point["lon"]) != (person.lat, person.lon)
        assert _on_a_cell_centre(point["lat"], point["lon"])
        assert point["href"] == f"/coordinator/werving/{run.id}/{point['count']}"
        assert point["title"] == f"Advies {point['count']}"
    body = json.dumps(data)
    for private in _private_strings([person]):
        assert private not in body


@pytest.mark.parametrize("role", [Role.COACH, Role.VOLUNTEER, Role.ADMIN])
def test_only_coordinators_get_the_map(login_as, role):
    client, _ = login_as(role)
    assert client.get(MAP).status_code in (403, 404)


def test_the_page_holds_the_map_and_the_same_data_as_lists(login_as, region):
    client, _user = login_as(Role.COORDINATOR)
    html = client.get("/coordinator/werving/").get_data(as_text=True)
    assert f'data-source="{MAP}"' in html
    assert 'data-tiles="https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/standaard/' in html
    assert "Kaartgegevens © Kadaster" in html
    assert 'href="#kaart-als-lijst"' in html and 'id="kaart-als-lijst"' in html
    assert "/static/vendor/leaflet/leaflet.js" in html and "/static/werving-map.js" in html
    assert not re.search(r"<script(?![^>]*\ssrc=)", html)  # no inline script (CSP)
    lists = html[html.index('id="kaart-als-lijst"') :]
    assert "<td>Vriezenveen</td><td>4</td>" in lists
    assert "<td>Kringloop</td>" in lists and "1 vrije plaats: maandag ochtend 1" in lists
    assert "Volle plek" not in lists
    for p in region["below"]:
        assert p.first_name not in html  # the index page names no one


def test_the_map_without_people_or_places_starts_at_the_towns(login_as, make):
    make.municipality("Almelo", lat=52.35, lon=6.66)
    client, _user = login_as(Role.COORDINATOR)
    data = client.get(MAP).get_json()
    assert data["below"] == [] and data["seats"] == [] and data["suggestions"] == []
    assert data["centre"] == [52.35, 6.66]
    html = client.get("/coordinator/werving/").get_data(as_text=True)
    assert "Iedereen haalt het minimum." in html
    assert "Geen plek heeft deze week vrije plaatsen." in html
