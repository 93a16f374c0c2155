"""The persoonlijk profiel: who sees and edits which fields."""

from datetime import date

from sqlalchemy import select

from matcher.dayparts import to_mask
from matcher.extensions import db
from matcher.models import AuditEvent, Participant, Role
from tests.registry.helpers import audit_events, text


def profile_form(municipality_id: int, **overrides) -> dict:
    data = {
        "first_name": "Samira",
        "last_name": "Haddad",
        "municipality": str(municipality_id),
        "status": "active",
        "availability": ["tue-am", "thu-pm"],
        "max_hours_week": "12",
        "interests": ["groen"],
        "dutch_level": "A1",
        "languages": "ar",
        "postcode": "7601 AB",
        "lat": "52.3567",
        "lon": "6.6625",
        "travel_km": "5",
        "wants_taalmaatje": "y",
        "buddy_gender_preference": "female",
        "hours_before": "10",
    }
    data.update(overrides)
    return data


def test_coordinator_creates_a_profile_without_coach_fields(login_as, make):
    client, _ = login_as(Role.COORDINATOR)
    town = make.municipality()
    coach = make.user(Role.COACH, name="Coach Lisa")
    page = text(client.get("/deelnemers/nieuw"))
    assert "PIP-datum" not in page and "Notities" not in page and "Belastbaarheid" not in page
    response = client.post_form(
        "/deelnemers/nieuw",
        profile_form(town.id, coach=str(coach.id), notes="sneaky", functional_limits="x"),
    )
    assert response.status_code == 302, text(response)
    participant = db.session.scalar(select(Participant))
    assert participant.availability == to_mask(["tue-am", "thu-pm"])
    assert participant.coach_id == coach.id and participant.wants_taalmaatje
    assert participant.buddy_gender_preference == "female"
    assert participant.notes == "" and participant.functional_limits == ""
    event = audit_events("participant")[0]
    assert event.action == "create" and "notes" not in event.fields


def test_coordinator_never_sees_coach_fields(login_as, make):
    client, _ = login_as(Role.COORDINATOR)
    participant = make.participant(
        coach=make.user(Role.COACH), functional_limits="Niet tillen", notes="Geheim"
    )
    for url in (f"/deelnemers/{participant.id}", f"/deelnemers/{participant.id}/bewerken"):
        page = text(client.get(url))
        assert "Niet tillen" not in page and "Geheim" not in page and "PIP-datum" not in page
    response = client.post_form(
        f"/deelnemers/{participant.id}/bewerken",
        profile_form(participant.municipality_id, notes="overschreven", pip_date="2020-01-01"),
    )
    assert response.status_code == 302
    db.session.expire_all()
    participant = db.session.get(Participant, participant.id)
    assert participant.notes == "Geheim" and participant.pip_date == date(2026, 1, 5)


def test_own_coach_edits_coach_fields(login_as, make):
    client, coach = login_as(Role.COACH)
    participant = make.participant(coach=coach, notes="oud")
    page = text(client.get(f"/deelnemers/{participant.id}/bewerken"))
    assert "PIP-datum" in page and 'id="coach-fields"' in page
    response = client.post_form(
        f"/deelnemers/{participant.id}/bewerken",
        profile_form(
            participant.municipality_id,
            pip_date="2026-02-01",
            functional_limits="Niet lang staan",
            notes="Gesprek gevoerd",
        ),
    )
    assert response.status_code == 302, text(response)
    db.session.expire_all()
    participant = db.session.get(Participant, participant.id)
    assert participant.pip_date == date(2026, 2, 1) and participant.notes == "Gesprek gevoerd"
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "update"))
    assert "notes" in event.fields and "Gesprek" not in str(event.fields)


def test_coach_cannot_open_or_edit_another_caseload(login_as, make):
    client, _ = login_as(Role.COACH)
    theirs = make.participant(coach=make.user(Role.COACH), last_name="Vreemd")
    assert client.get(f"/deelnemers/{theirs.id}/bewerken").status_code == 404
    response = client.post_form(
        f"/deelnemers/{theirs.id}/bewerken", profile_form(theirs.municipality_id)
    )
    assert response.status_code == 404
    db.session.expire_all()
    assert db.session.get(Participant, theirs.id).last_name == "Vreemd"
    assert client.get("/deelnemers/nieuw").status_code == 403


def test_volunteer_reaches_none_of_the_registry_screens(login_as, make):
    client, _ = login_as(Role.VOLUNTEER)
    participant = make.participant()
    placement = make.placement()
    volunteer = make.volunteer()
    urls = [
        "/organisaties/", "/organisaties/nieuw", f"/organisaties/{placement.organisation_id}",
        "/plekken/", "/plekken/nieuw", f"/plekken/{placement.id}",
        "/vrijwilligers/", "/vrijwilligers/nieuw", f"/vrijwilligers/{volunteer.id}",
        "/deelnemers/", "/deelnemers/nieuw", f"/deelnemers/{participant.id}/bewerken",
        "/import/", "/import/sjabloon/participants.csv", "/import/export/participants.xlsx",
    ]  # fmt: skip
    for url in urls:
        assert client.get(url).status_code == 403, url
    assert client.post_form("/plekken/nieuw", {}).status_code == 403
    assert client.post_form("/import/", {}).status_code == 403


def test_coach_cannot_reach_coordinator_registry(login_as):
    client, _ = login_as(Role.COACH)
    for url in ("/plekken/", "/vrijwilligers/", "/organisaties/", "/import/"):
        assert client.get(url).status_code == 403, url


def test_max_hours_above_twenty_and_unknown_daypart_are_refused(login_as, make):
    client, _ = login_as(Role.COORDINATOR)
    town = make.municipality()
    for overrides in (
        {"max_hours_week": "21"},
        {"availability": ["fri-night"]},
        {"travel_km": "0"},
    ):
        response = client.post_form("/deelnemers/nieuw", profile_form(town.id, **overrides))
        assert response.status_code == 422, overrides
        assert 'value="Samira"' in text(response)
    assert db.session.scalar(select(db.func.count(Participant.id))) == 0
