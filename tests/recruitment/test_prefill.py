"""A suggestion or a scenario's addition opens the real registration form pre-filled
(web/prefill.py); nothing is created until the coordinator saves; wrong parameters are a 400."""

import re
from urllib.parse import urlsplit

import pytest
from sqlalchemy import func, select

from matcher.extensions import db
from matcher.models import Placement, Role, Scenario, Volunteer
from matcher.services import scenarios
from matcher.web import prefill
from tests.security.routes import post_with_token

from .test_werving import WEEK

NEW_PLACEMENT = {
    "kind": "new_placement",
    "lat": 52.41234,
    "lon": 6.55,
    "categories": ["zorg", "groen"],
    "min_language_level": "A1",
    "sessions": [
        {"daypart": "tue-am", "hours": 3, "capacity": 6},
        {"daypart": "thu-pm", "hours": 2.5, "capacity": 2},
    ],
}
NEW_VOLUNTEER = {
    "kind": "new_volunteer",
    "volunteer_kind": "buddy",
    "lat": 52.35,
    "lon": 6.66,
    "max_km": 7.5,
    "available": ["wed-pm", "sat-am"],
    "capacity": 2,
    "session_hours": 1.5,
}


def _text(response) -> str:
    return response.get_data(as_text=True)


def _path(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}"


def _selected(page: str, name: str) -> str:
    select_html = re.search(rf'<select[^>]*name="{name}".*?</select>', page, re.S).group(0)
    return re.search(
        r'<option selected value="([^"]*)"|<option value="([^"]*)" selected', select_html
    ).group(0)


def test_the_placement_form_is_filled_from_a_new_placement(app, login_as):
    client, _ = login_as(Role.COORDINATOR)
    with app.test_request_context():
        url = prefill.placement_url(NEW_PLACEMENT, "Vriezenveen")
    page = client.get(_path(url))
    assert page.status_code == 200
    text = _text(page)
    assert "zorg" in _selected(text, "category")
    assert "A1" in _selected(text, "min_dutch_level")
    # a suggestion gives hours: the times are the day-part's usual start plus those hours
    assert 'name="starts-tue-am" id="starts-tue-am" value="09:00"' in text
    assert 'name="ends-tue-am" id="ends-tue-am" value="12:00"' in text
    assert 'name="capacity-tue-am" id="capacity-tue-am" value="6"' in text
    assert 'name="starts-thu-pm" id="starts-thu-pm" value="13:30"' in text
    assert 'name="ends-thu-pm" id="ends-thu-pm" value="16:00"' in text
    assert "52,41234" in text or "52.41234" in text
    assert "in de omgeving van Vriezenveen" in text
    # the coordinator still chooses the organisation: none is chosen, nothing is created
    assert 'value="" selected' in text or '<option selected value="">' in text
    assert db.session.scalar(select(func.count(Placement.id))) == 0


def test_the_volunteer_form_is_filled_from_a_new_volunteer(app, login_as):
    client, _ = login_as(Role.COORDINATOR)
    with app.test_request_context():
        url = prefill.volunteer_url(NEW_VOLUNTEER, "Almelo")
    text = _text(client.get(_path(url)))
    assert "buddy" in _selected(text, "kind")
    assert re.search(r'value="wed-pm" id="avail-wed-pm"\s+checked', text)
    assert re.search(r'value="sat-am" id="avail-sat-am"\s+checked', text)
    assert not re.search(r'value="mon-am" id="avail-mon-am"\s+checked', text)
    assert 'name="travel_km" type="text" value="7,5"' in text or 'value="7,5"' in text
    assert "in de omgeving van Almelo" in text
    assert db.session.scalar(select(func.count(Volunteer.id))) == 0


def test_saving_the_prefilled_placement_form_registers_it(app, login_as, make):
    client, _ = login_as(Role.COORDINATOR)
    organisation = make.placement().organisation
    form = {
        "organisation": str(organisation.id),
        "title": "Zorgmaatje",
        "category": "zorg",
        "min_dutch_level": "A1",
        "postcode": "7601 AB",
        "lat": "52,41234",
        "lon": "6,55",
        "starts-tue-am": "09:00",
        "ends-tue-am": "12:00",
        "capacity-tue-am": "6",
    }
    assert post_with_token(client, "/plekken/nieuw", form).status_code == 302
    made = db.session.scalar(select(Placement).where(Placement.title == "Zorgmaatje"))
    assert [(s.daypart, s.capacity) for s in made.sessions] == [("tue-am", 6)]


@pytest.mark.parametrize(
    "query",
    [
        "category=vliegen",
        "min_dutch_level=C9",
        "lat=52,3",
        "lat=95",
        "lon=NaN",
        "hours-tue-am=veel",
        "hours-tue-am=20",
        "capacity-tue-am=-1",
    ],
)
def test_wrong_placement_prefill_is_a_400(login_as, query):
    client, _ = login_as(Role.COORDINATOR)
    response = client.get(f"/plekken/nieuw?{query}")
    assert response.status_code == 400
    assert "Het adres klopt niet" in _text(response)


@pytest.mark.parametrize(
    "query", ["kind=kapper", "availability=mon-xx", "capacity=99", "travel_km=1e9"]
)
def test_wrong_volunteer_prefill_is_a_400(login_as, query):
    client, _ = login_as(Role.COORDINATOR)
    assert client.get(f"/vrijwilligers/nieuw?{query}").status_code == 400


def test_the_edit_forms_ignore_nothing_and_keep_their_own_values(login_as, make):
    client, _ = login_as(Role.COORDINATOR)
    placement = make.placement({"fri-am": (4, 3)}, category="groen")
    text = _text(client.get(f"/plekken/{placement.id}"))
    assert 'name="starts-fri-am" id="starts-fri-am" value="09:00"' in text
    assert 'name="ends-fri-am" id="ends-fri-am" value="13:00"' in text
    assert "Ingevuld vanuit Werving" not in text


def test_a_scenarios_new_placement_links_to_the_prefilled_form(login_as):
    client, user = login_as(Role.COORDINATOR)
    change = {"kind": "new_placement", "area": "Vriezenveen", "suggestion": NEW_PLACEMENT}
    volunteer = {"kind": "new_volunteer", "area": "Almelo", "suggestion": NEW_VOLUNTEER}
    scenario = scenarios.create(user, "x", WEEK, [change, volunteer])
    db.session.commit()
    page = _text(client.get(f"/coordinator/werving/scenarios/{scenario.id}"))
    links = re.findall(r'href="([^"]*)">Als (plek|vrijwilliger) registreren', page)
    assert {kind for _, kind in links} == {"plek", "vrijwilliger"}
    for href, _kind in links:
        opened = client.get(href.replace("&amp;", "&"))
        assert opened.status_code == 200
        assert "Ingevuld vanuit Werving" in _text(opened)
    assert db.session.scalar(select(func.count(Placement.id))) == 0
    assert db.session.scalar(select(func.count(Scenario.id))) == 1
