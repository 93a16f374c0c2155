"""The volunteer portal's index on a phone (issue 16): language names, the coordinator's phone,
the place and time of each match, the next meetings and "Ik kan deze week niet" in one tap."""

from datetime import date

from sqlalchemy import select

from matcher.dayparts import to_mask
from matcher.extensions import db
from matcher.models import Role, User, VolunteerAbsence


def _portal(login_as, make):
    client, user = login_as(Role.VOLUNTEER, name="Vera Vrijwilliger")
    volunteer = make.volunteer(user_id=user.id, availability=to_mask(["mon-ev"]))
    make.user(Role.COORDINATOR, name="Cora Coördinator", phone="030 123 4567")
    coach = make.user(Role.COACH)
    participant = make.participant(
        coach_id=coach.id, first_name="Yusuf", languages=["uk", "prs"], pip_date=date(2025, 1, 6)
    )
    make.match(participant, volunteer=volunteer, dayparts=("mon-ev",))
    return client, user, volunteer


def test_index_names_languages_coordinator_phone_place_and_time(login_as, make):
    client, _, _ = _portal(login_as, make)
    page = client.get("/vrijwilliger/").get_data(as_text=True)
    assert "Oekraïens" in page and "Dari" in page
    assert "uk, prs" not in page
    assert "030 123 4567" in page and "Cora Coördinator" in page
    assert "Plaats: in Plaats; de plek spreekt u af met de coördinator" in page
    assert "volgende keer" in page and "19:00" in page
    assert "Ik kan deze week niet" in page


def test_index_names_languages_in_english(login_as, make):
    client, user, _ = _portal(login_as, make)
    db.session.get(User, user.id).locale = "en"
    db.session.commit()
    page = client.get("/vrijwilliger/").get_data(as_text=True)
    assert "Ukrainian" in page


def test_away_this_week_in_one_tap_from_the_index(login_as, make):
    client, _, volunteer = _portal(login_as, make)
    response = client.post_form(
        "/vrijwilliger/agenda", {"action": "away_this_week", "terug": "index"}
    )
    assert response.status_code == 302 and response.location.endswith("/vrijwilliger/")
    absence = db.session.scalar(select(VolunteerAbsence))
    assert absence.volunteer_id == volunteer.id and absence.reason == "kan deze week niet"
