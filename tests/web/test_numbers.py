"""Numbers the Dutch way, both ways, in plain Dutch: "3,5" and "3.5" are read, "3,5" is shown
back, and a wrong number is told as "Vul een getal tussen 0,5 en 20 in", never as
"Ongeldige float-waarde. Nummer moet tussen 0.5 en 20 liggen"."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from flask_babel import force_locale
from sqlalchemy import select
from werkzeug.datastructures import MultiDict

from matcher.bounds import Bound
from matcher.extensions import db
from matcher.models import HoursEntry, Participant, Role, Volunteer
from matcher.number_format import bound_message, format_number, parse_number
from matcher.web.fields import Form, NumberField, WholeNumberField
from matcher.weeks import today, week_start
from tests.registry.test_profiles import profile_form

TECHNICAL = ("Ongeldige float", "Ongeldig geheel getal", "Nummer moet", "Not a valid")


@pytest.mark.parametrize(
    ("locale", "typed", "value"),
    [
        ("nl", "3,5", "3.5"),
        ("nl", "3.5", "3.5"),  # the other sign, where it cannot group thousands
        ("nl", "1.000", "1000"),
        ("nl", "1.000,25", "1000.25"),
        ("nl", " 12 ", "12"),
        ("nl", "-0,5", "-0.5"),
        ("en", "3.5", "3.5"),
        ("en", "3,5", "3.5"),
        ("en", "1,000.5", "1000.5"),
    ],
)
def test_numbers_are_read_in_the_users_locale(locale, typed, value):
    assert parse_number(typed, locale) == Decimal(value)


@pytest.mark.parametrize(
    "typed", ["NaN", "nan", "inf", "-Infinity", "1e309", "-1e309", "1e3", "", "abc", "1,2,3"]
)
def test_nan_infinities_exponents_and_words_are_no_numbers(typed):
    with pytest.raises(ValueError):
        parse_number(typed, "nl")


def test_numbers_are_shown_in_the_users_locale():
    assert format_number(3.5, "nl") == "3,5"
    assert format_number(3.5, "en") == "3.5"
    assert format_number(1600.0, "nl") == "1600"
    assert format_number(52.3567, "nl") == "52,3567"


def test_the_range_message_is_plain_dutch_with_dutch_numbers(app_ctx):
    with app_ctx.test_request_context():
        assert str(bound_message(Bound(0.5, 20))) == "Vul een getal tussen 0,5 en 20 in."
        assert str(bound_message(Bound(0, 20, low_open=True))) == (
            "Vul een getal groter dan 0 en hooguit 20 in."
        )
        assert str(bound_message(Bound(0, 20, whole=True))) == (
            "Vul een heel getal van 0 tot en met 20 in."
        )
        with force_locale("en"):
            assert str(bound_message(Bound(0.5, 20))) == "Enter a number between 0.5 and 20."


class _HoursForm(Form):
    class Meta:
        csrf = False

    hours = NumberField("Uren", bound=Bound(0.5, 20))
    places = WholeNumberField("Plaatsen", bound=Bound(0, 20, whole=True))


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("veel", "Vul een getal in, bijvoorbeeld 3,5."),
        ("NaN", "Vul een getal in, bijvoorbeeld 3,5."),
        ("20,5", "Vul een getal tussen 0,5 en 20 in."),
        ("0,25", "Vul een getal tussen 0,5 en 20 in."),
    ],
)
def test_the_number_field_explains_in_plain_dutch(app_ctx, typed, message):
    with app_ctx.test_request_context():
        form = _HoursForm(MultiDict({"hours": typed, "places": "1"}))
        assert not form.validate()
        assert form.hours.errors == [message]


def test_the_whole_number_field_explains_in_plain_dutch(app_ctx):
    with app_ctx.test_request_context():
        form = _HoursForm(MultiDict({"hours": "1", "places": "2,5"}))
        assert not form.validate()
        assert form.places.errors == ["Vul een heel getal in, bijvoorbeeld 2."]
        form = _HoursForm(MultiDict({"hours": "1", "places": "21"}))
        assert not form.validate()
        assert form.places.errors == ["Vul een heel getal van 0 tot en met 20 in."]


def test_the_number_field_shows_a_stored_value_the_users_way(app_ctx):
    with app_ctx.test_request_context():
        form = _HoursForm(data={"hours": 3.5, "places": 2})
        assert form.hours._value() == "3,5"
        with force_locale("en"):
            assert form.hours._value() == "3.5"


@pytest.mark.parametrize("typed", ["3,5", "3.5"])
def test_a_profile_takes_a_decimal_comma_and_shows_it_back_with_one(login_as, make, typed):
    client, _ = login_as(Role.COORDINATOR)
    town = make.municipality()
    response = client.post_form(
        "/deelnemers/nieuw", profile_form(town.id, max_hours_week=typed, travel_km="7,5")
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    participant = db.session.scalar(select(Participant))
    assert participant.max_hours_week == 3.5 and participant.travel_km == 7.5
    page = client.get(f"/deelnemers/{participant.id}/bewerken").get_data(as_text=True)
    assert 'value="3,5"' in page and 'value="7,5"' in page


def test_profile_errors_are_plain_dutch_with_dutch_numbers(login_as, make):
    client, _ = login_as(Role.COORDINATOR)
    town = make.municipality()
    form = profile_form(town.id, max_hours_week="20,5", travel_km="ver", lat="95")
    page = client.post_form("/deelnemers/nieuw", form).get_data(as_text=True)
    assert "Vul een getal groter dan 0 en hooguit 20 in." in page
    assert "Vul een getal in, bijvoorbeeld 3,5." in page
    assert "Vul een getal tussen -90 en 90 in." in page
    assert not any(words in page for words in TECHNICAL)


def test_volunteer_numbers_are_plain_dutch_too(login_as, make):
    client, _ = login_as(Role.COORDINATOR)
    town = make.municipality()
    form = {
        "kind": "taalmaatje",
        "first_name": "Anne",
        "last_name": "de Vries",
        "municipality": str(town.id),
        "capacity": "1,5",
        "session_hours": "9",
        "postcode": "7601 AB",
        "lat": "52,3567",
        "lon": "6,6625",
        "availability": ["mon-ev"],
    }
    page = client.post_form("/vrijwilligers/nieuw", form).get_data(as_text=True)
    assert "Vul een heel getal in, bijvoorbeeld 2." in page
    assert "Vul een getal groter dan 0 en hooguit 8 in." in page
    assert not any(words in page for words in TECHNICAL)
    response = client.post_form(
        "/vrijwilligers/nieuw", {**form, "capacity": "2", "session_hours": "1,5"}
    )
    assert response.status_code == 302
    assert db.session.scalar(select(Volunteer.session_hours)) == 1.5


@pytest.mark.parametrize("typed", ["3,5", "3.5"])
def test_the_hours_grid_takes_both_decimal_signs(login_as, make, typed):
    client, coach = login_as(Role.COACH)
    participant = make.participant(coach_id=coach.id, pip_date=date(2025, 1, 6))
    monday = week_start(today()) - timedelta(weeks=1)
    url = f"/coach/uren/week?week={monday.isoformat()}&kind=placement"
    response = client.post_form(url, {f"h-{participant.id}-0": typed})
    assert response.status_code == 302
    assert db.session.scalar(select(HoursEntry.hours)) == 3.5
    page = client.get(url).get_data(as_text=True)
    assert 'value="3,5"' in page


def test_the_hours_grid_refuses_nan(login_as, make):
    client, coach = login_as(Role.COACH)
    participant = make.participant(coach_id=coach.id, pip_date=date(2025, 1, 6))
    monday = week_start(today()) - timedelta(weeks=1)
    url = f"/coach/uren/week?week={monday.isoformat()}&kind=placement"
    page = client.post_form(url, {f"h-{participant.id}-0": "NaN"}).get_data(as_text=True)
    assert "Vul een getal in, bijvoorbeeld 3 of 2,5." in page
    assert db.session.scalar(select(HoursEntry.id)) is None
