"""Taalmaatjes and buddies: availability grid, VOG warning, absences."""

from datetime import date, timedelta

from sqlalchemy import select

from matcher.dayparts import to_mask
from matcher.extensions import db
from matcher.models import Role, Volunteer, VolunteerAbsence
from matcher.services.registry_volunteers import vog_status
from tests.registry.helpers import audit_events, text


def volunteer_form(municipality_id: int, **overrides) -> dict:
    data = {
        "kind": "taalmaatje",
        "first_name": "Anne",
        "last_name": "de Vries",
        "municipality": str(municipality_id),
        "capacity": "2",
        "session_hours": "1,5",
        "languages": "EN, ar",
        "interests": ["sport", "koken"],
        "postcode": "7601ab",
        "lat": "52.3567",
        "lon": "6.6625",
        "travel_km": "10",
        "vog_date": "2025-03-01",
        "availability": ["mon-ev", "wed-am"],
    }
    data.update(overrides)
    return data


def test_coordinator_registers_a_taalmaatje_with_availability(login_as, make):
    client, _ = login_as(Role.COORDINATOR)
    town = make.municipality()
    response = client.post_form("/vrijwilligers/nieuw", volunteer_form(town.id))
    assert response.status_code == 302, text(response)
    volunteer = db.session.scalar(select(Volunteer))
    assert volunteer.availability == to_mask(["mon-ev", "wed-am"])
    assert (volunteer.capacity, volunteer.session_hours) == (2, 1.5)
    assert volunteer.languages == ["en", "ar"] and volunteer.interests == ["sport", "koken"]
    assert volunteer.postcode == "7601 AB" and volunteer.vog_date == date(2025, 3, 1)
    page = text(client.get(f"/vrijwilligers/{volunteer.id}"))
    assert 'value="mon-ev" id="avail-mon-ev"\n        checked' in page
    assert "VOG 1 mrt 2025" in page
    assert audit_events("volunteer")[0].action == "create"
    assert "Anne de Vries" in text(client.get("/vrijwilligers/?q=vries"))


def test_unknown_daypart_and_bad_numbers_are_refused(login_as, make):
    client, _ = login_as(Role.COORDINATOR)
    town = make.municipality()
    cases = [
        ({"availability": ["mon-xx"]}, "Onbekend dagdeel"),
        ({"capacity": "-1"}, "capacity-error"),
        ({"capacity": "1,5"}, "capacity-error"),
        ({"session_hours": "0"}, "session_hours-error"),
        ({"lat": "95"}, "lat-error"),
        ({"postcode": "12"}, "geldige postcode"),
    ]
    for overrides, marker in cases:
        response = client.post_form("/vrijwilligers/nieuw", volunteer_form(town.id, **overrides))
        assert response.status_code == 422, overrides
        assert marker in text(response), overrides
        assert 'value="de Vries"' in text(response)
    assert db.session.scalar(select(db.func.count(Volunteer.id))) == 0


def test_vog_warning_when_missing_or_older_than_three_years(login_as, make):
    today = date(2026, 11, 22)
    assert vog_status(None, today) == "missing"
    assert vog_status(date(2023, 11, 21), today) == "expired"
    assert vog_status(date(2023, 11, 22), today) == "ok"
    assert vog_status(date(2021, 2, 27), date(2024, 2, 29)) == "expired"
    assert vog_status(date(2021, 2, 28), date(2024, 2, 29)) == "ok"
    client, _ = login_as(Role.COORDINATOR)
    missing = make.volunteer(last_name="Zonder", vog_date=None)
    old = make.volunteer(last_name="Oud", vog_date=date(2020, 1, 1))
    assert "VOG ontbreekt" in text(client.get(f"/vrijwilligers/{missing.id}"))
    assert "VOG ouder dan drie jaar" in text(client.get(f"/vrijwilligers/{old.id}"))
    listing = text(client.get("/vrijwilligers/"))
    assert "VOG ontbreekt" in listing and "VOG ouder dan drie jaar" in listing


def test_absences_are_added_checked_and_removed(login_as, make):
    client, _ = login_as(Role.COORDINATOR)
    volunteer = make.volunteer()
    start = date(2026, 12, 1)
    url = f"/vrijwilligers/{volunteer.id}/afwezigheid"
    response = client.post_form(
        url, {"starts_on": start.isoformat(), "ends_on": (start - timedelta(days=1)).isoformat()}
    )
    assert "De einddatum ligt voor de begindatum." in text(client.get(response.location))
    assert db.session.scalar(select(db.func.count(VolunteerAbsence.id))) == 0
    client.post_form(
        url, {"starts_on": "2026-12-01", "ends_on": "2026-12-14", "reason": "Vakantie"}
    )
    absence = db.session.scalar(select(VolunteerAbsence))
    assert (absence.starts_on, absence.ends_on, absence.reason) == (
        date(2026, 12, 1),
        date(2026, 12, 14),
        "Vakantie",
    )
    assert "Vakantie" in text(client.get(f"/vrijwilligers/{volunteer.id}"))
    client.post_form(f"{url}/{absence.id}/verwijderen")
    assert db.session.scalar(select(db.func.count(VolunteerAbsence.id))) == 0
    assert [e.action for e in audit_events("volunteer_absence")] == ["create", "delete"]


def test_deactivate_and_filter(login_as, make):
    client, _ = login_as(Role.COORDINATOR)
    volunteer = make.volunteer(last_name="Weg")
    make.volunteer(last_name="Blijft", kind="buddy")
    client.post_form(f"/vrijwilligers/{volunteer.id}/actief")
    db.session.expire_all()
    assert db.session.get(Volunteer, volunteer.id).active is False
    assert "0 vrijwilligers gevonden" in text(
        client.get("/vrijwilligers/?active=1&kind=taalmaatje")
    )
    page = text(client.get("/vrijwilligers/?kind=buddy"))
    assert "Blijft" in page and "1 vrijwilliger gevonden" in page
