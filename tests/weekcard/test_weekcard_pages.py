"""The week card page: who may open it, what it shows (and what it never shows)."""

import re
from datetime import date

import pytest

from matcher.models import MatchStatus, Role, VolunteerKind
from matcher.services import week_plan
from matcher.web.weekcard.qr import route_url

WEEK = date(2026, 12, 7)  # a Monday, week 50
URL = "/deelnemers/{}/weekkaart?week=2026-12-09"  # any day of the week gives its Monday


def _person(make, coach=None, **kw):
    coach = coach or make.user(Role.COACH)
    person = make.participant(
        coach_id=coach.id,
        first_name="Ayşe",
        functional_limits="Geheim: rugklachten",
        notes="Geheime notitie van de coach",
        **kw,
    )
    placement = make.placement(
        sessions={"tue-pm": (3, 4), "thu-am": (3, 4)},
        address="Dorpsstraat 14, Almelo",
        postcode="7604 RT",
        lat=52.35671,
        lon=6.66251,
        title="Sorteren",
    )
    placement.organisation.name = "Voedselbank Almelo"
    placement.organisation.contact_name = "Jan Smit"
    placement.organisation.contact_phone = "0546 123456"
    make.match(person, placement=placement, dayparts=("tue-pm", "thu-am"))
    buddy = make.volunteer(kind=VolunteerKind.TAALMAATJE, first_name="Truus")
    make.match(person, volunteer=buddy, dayparts=("wed-ev",), starts_on=date(2026, 12, 9))
    other = make.placement(sessions={"mon-am": (2, 2)}, title="Niet bevestigd")
    make.match(person, placement=other, dayparts=("mon-am",), status=MatchStatus.PROPOSED)
    return person, placement, coach


def test_the_coordinator_sees_the_week_in_simple_dutch(make, login_as):
    person, _placement, _coach = _person(make)
    client, _ = login_as(Role.COORDINATOR)
    page = client.get(URL.format(person.id)).get_data(as_text=True)
    assert "Mijn week" in page and "Ayşe" in page
    assert "<strong>Week 50</strong> · 7 – 13 december 2026" in page
    for fact in ("Dinsdag", "Donderdag", "Woensdag", "Middag", "Ochtend", "Avond", "Sorteren",
                 "Voedselbank Almelo", "Dorpsstraat 14, 7604 RT Almelo", "Jan Smit, 0546 123456",
                 "Truus", "Taalmaatje", "Vanaf", "9 december"):  # fmt: skip
        assert fact in page, fact
    assert "Maandag" not in page and "Niet bevestigd" not in page  # only confirmed matches
    assert 'lang="nl"' in page and "wk-tr" not in page  # no card language: Dutch only


def test_the_card_holds_no_special_category_data(make, login_as):
    coach_client, coach = login_as(Role.COACH)  # the own coach sees limits and notes elsewhere
    person, _placement, _coach = _person(make, coach=coach)
    coordinator, _ = login_as(Role.COORDINATOR)
    for viewer in (coordinator, coach_client):
        page = viewer.get(URL.format(person.id)).get_data(as_text=True)
        assert "Geheim" not in page and "rugklachten" not in page
        assert person.last_name not in page.split("<article", 1)[1]  # the card: first name only


@pytest.mark.parametrize(
    ("code", "direction", "word"),
    [("ar", "rtl", "أين"), ("ti", "ltr", "ኣበይ"), ("fa", "rtl", "کجا"), ("uk", "ltr", "Де")],
)
def test_labels_stand_in_the_participants_language_beside_dutch(
    make, login_as, code, direction, word
):
    person, _placement, _coach = _person(make, card_language=code)
    client, _ = login_as(Role.COORDINATOR)
    page = client.get(URL.format(person.id)).get_data(as_text=True)
    assert f'<span class="wk-tr" lang="{code}" dir="{direction}">{word}</span>' in page
    assert "Waar" in page  # Dutch is always there


def test_the_qr_code_is_an_inline_svg_of_the_route(make, login_as, app):
    person, _placement, _coach = _person(make)
    client, _ = login_as(Role.COORDINATOR)
    page = client.get(URL.format(person.id)).get_data(as_text=True)
    expected = route_url(
        app.config["ROUTE_URL"], 52.35671, 6.66251, "Dorpsstraat 14, 7604 RT Almelo"
    )
    assert expected == "https://www.openstreetmap.org/directions?route=%3B52.35671%2C6.66251"
    assert page.count(f'<a class="wk-route" href="{expected}"><svg aria-hidden="true"') == 2
    assert "<script" not in page.split("<article", 1)[1]


def test_a_coach_reaches_only_their_own_caseload(make, login_as):
    client, coach = login_as(Role.COACH)
    own, _placement, _ = _person(make, coach=coach)
    foreign, _placement, _ = _person(make)
    assert client.get(URL.format(own.id)).status_code == 200
    assert client.get(URL.format(foreign.id)).status_code == 404
    for role in (Role.VOLUNTEER, Role.ADMIN):
        other, _ = login_as(role)
        assert other.get(URL.format(own.id)).status_code == 403


def test_a_week_without_activities_says_so(make, login_as):
    person = make.participant(card_language="so")
    client, _ = login_as(Role.COORDINATOR)
    page = client.get(URL.format(person.id)).get_data(as_text=True)
    assert "Deze week geen afspraken" in page and "Toddobaadkan ballan ma jiro" in page


def test_paper_and_week_are_checked(make, login_as):
    person = make.participant()
    client, _ = login_as(Role.COORDINATOR)
    assert client.get(f"/deelnemers/{person.id}/weekkaart?papier=a5").status_code == 200
    assert client.get(f"/deelnemers/{person.id}/weekkaart?papier=a3").status_code == 400
    assert client.get(f"/deelnemers/{person.id}/weekkaart?week=gisteren").status_code == 400


def test_the_card_shows_what_the_week_plan_holds(make, login_as):
    person, _placement, _coach = _person(make)
    client, _ = login_as(Role.COORDINATOR)
    page = client.get(URL.format(person.id)).get_data(as_text=True)
    plan = week_plan.participant_week(person.id, WEEK)
    shown = len(re.findall(r'<div class="wk-item ', page))
    assert shown == sum(len(entry.slots) for entry in plan) == 3
