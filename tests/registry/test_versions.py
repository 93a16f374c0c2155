"""No lost updates: a save against a newer version is refused, naming who and when, showing
their values beside yours, keeping your input; saving again (on the new version) goes through."""

import re

from matcher.dayparts import to_mask
from matcher.extensions import db
from matcher.models import Organisation, Participant, Placement, Role, Volunteer
from tests.registry.helpers import text
from tests.registry.test_placements import placement_form
from tests.registry.test_profiles import profile_form
from tests.registry.test_volunteers import volunteer_form

VERSION_INPUT = re.compile(r'name="version" value="(\d+)"')


def shown_version(client, url: str) -> str:
    """The version the edit form carries, as a browser would send it back."""
    return VERSION_INPUT.search(text(client.get(url))).group(1)


def fresh(model, record_id: int):
    db.session.expire_all()
    return db.session.get(model, record_id)


def assert_refused(response, who: str, *shown: str) -> str:
    page = text(response)
    assert response.status_code == 409, page
    assert f"{who} heeft dit gegeven intussen gewijzigd" in page
    assert "Er is niets opgeslagen" in page and "Nu opgeslagen" in page
    for value in shown:
        assert value in page, value
    return page


def participant_values(participant, **overrides) -> dict:
    values = {
        "first_name": participant.first_name,
        "last_name": participant.last_name,
        "max_hours_week": "12",
        **overrides,
    }
    return profile_form(participant.municipality_id, **values)


def test_participant_stale_save_is_refused_and_shows_both(login_as, make):
    anna, _ = login_as(Role.COORDINATOR, name="Anna Jansen")
    bram, _ = login_as(Role.COORDINATOR, name="Bram de Boer")
    participant = make.participant(first_name="Samira", last_name="Haddad")
    url = f"/deelnemers/{participant.id}/bewerken"
    seen_by_anna, seen_by_bram = shown_version(anna, url), shown_version(bram, url)
    assert seen_by_anna == seen_by_bram == "1"

    saved = anna.post_form(url, participant_values(participant, first_name="Amira", version="1"))
    assert saved.status_code == 302
    refused = bram.post_form(url, participant_values(participant, max_hours_week="8", version="1"))
    page = assert_refused(refused, "Anna Jansen", "Amira", "Voornaam", "Maximaal uren per week")
    assert 'value="8"' in page  # Bram's own input stays in the form
    assert VERSION_INPUT.search(page).group(1) == "2"  # saving again is against the new version
    stored = fresh(Participant, participant.id)
    assert (stored.first_name, stored.max_hours_week, stored.version) == ("Amira", 12, 2)

    again = bram.post_form(url, participant_values(participant, max_hours_week="8", version="2"))
    assert again.status_code == 302
    stored = fresh(Participant, participant.id)
    assert (stored.max_hours_week, stored.version) == (8, 3)


def test_coach_and_coordinator_editing_one_profile(login_as, make):
    coach_client, coach = login_as(Role.COACH, name="Coach Lisa")
    coordinator, _ = login_as(Role.COORDINATOR, name="Carla Coördinator")
    participant = make.participant(coach=coach, notes="oud")
    url = f"/deelnemers/{participant.id}/bewerken"
    coach_version = shown_version(coach_client, url)
    response = coordinator.post_form(
        url,
        participant_values(
            participant, status="paused", coach=str(coach.id), version=coach_version
        ),
    )
    assert response.status_code == 302
    refused = coach_client.post_form(
        url,
        participant_values(
            participant, notes="nieuw", pip_date="2026-01-05", version=coach_version
        ),
    )
    assert_refused(refused, "Carla Coördinator", "Status")
    stored = fresh(Participant, participant.id)
    assert stored.notes == "oud" and stored.status == "paused"


def test_volunteer_phone_stale_save_is_refused(login_as, make):
    anna, _ = login_as(Role.COORDINATOR, name="Anna Jansen")
    bram, _ = login_as(Role.COORDINATOR, name="Bram de Boer")
    town = make.municipality()
    volunteer = make.volunteer(
        first_name="Anne", last_name="de Vries", municipality=town, phone="0612345678"
    )
    url = f"/vrijwilligers/{volunteer.id}"
    version = shown_version(anna, url)
    assert anna.post_form(url, volunteer_form(town.id, phone="0687654321", version=version))
    refused = bram.post_form(url, volunteer_form(town.id, phone="0611111111", version=version))
    assert_refused(refused, "Anna Jansen", "0687654321", "0611111111")
    assert fresh(Volunteer, volunteer.id).phone == "0687654321"


def test_volunteer_portal_availability_against_a_coordinator_save(login_as, make):
    portal, account = login_as(Role.VOLUNTEER, name="Vera Vrijwilliger")
    coordinator, _ = login_as(Role.COORDINATOR, name="Anna Jansen")
    town = make.municipality()
    volunteer = make.volunteer(user_id=account.id, municipality=town)
    version = shown_version(portal, "/vrijwilliger/")
    saved = coordinator.post_form(
        f"/vrijwilligers/{volunteer.id}",
        volunteer_form(town.id, availability=["fri-am"], user=str(account.id), version=version),
    )
    assert saved.status_code == 302, text(saved)
    refused = portal.post_form(
        "/vrijwilliger/beschikbaarheid", {"availability": ["sat-pm"], "version": version}
    )
    page = assert_refused(refused, "Anna Jansen", "Beschikbaarheid", "vrijdag ochtend")
    assert 'value="sat-pm" id="av-sat-pm" checked' in page  # the volunteer's ticks are kept
    assert fresh(Volunteer, volunteer.id).availability == to_mask(["fri-am"])
    again = portal.post_form(
        "/vrijwilliger/beschikbaarheid", {"availability": ["sat-pm"], "version": "2"}
    )
    assert again.status_code == 302
    assert fresh(Volunteer, volunteer.id).availability == to_mask(["sat-pm"])


def test_organisation_stale_save_is_refused(login_as, make):
    anna, _ = login_as(Role.COORDINATOR, name="Anna Jansen")
    bram, _ = login_as(Role.COORDINATOR, name="Bram de Boer")
    town = make.municipality()
    organisation = make.placement(municipality=town).organisation
    url = f"/organisaties/{organisation.id}"
    form = {"name": organisation.name, "municipality": str(town.id), "version": "1"}
    assert anna.post_form(url, {**form, "contact_phone": "053 123"}).status_code == 302
    refused = bram.post_form(url, {**form, "contact_name": "Els"})
    page = assert_refused(refused, "Anna Jansen", "053 123", "Telefoon contactpersoon")
    assert 'value="Els"' in page
    stored = fresh(Organisation, organisation.id)
    assert (stored.contact_phone, stored.contact_name) == ("053 123", "")


def test_placement_session_grid_is_part_of_the_version(login_as, make):
    anna, _ = login_as(Role.COORDINATOR, name="Anna Jansen")
    bram, _ = login_as(Role.COORDINATOR, name="Bram de Boer")
    placement = make.placement(sessions={"tue-am": (3, 2), "thu-pm": (2.5, 4)}, title="Sorteren")
    url = f"/plekken/{placement.id}"
    version = shown_version(anna, url)
    form = placement_form(placement.organisation_id, version=version)
    changed = anna.post_form(url, {**form, "capacity-tue-am": "5"})  # only the grid changes
    assert changed.status_code == 302, text(changed)
    assert fresh(Placement, placement.id).version == 2
    refused = bram.post_form(url, {**form, "title": "Sorteren en prijzen"})
    assert_refused(refused, "Anna Jansen", "Sessies per week", "Naam van de plek")
    stored = fresh(Placement, placement.id)
    assert stored.title == "Sorteren"
    assert {s.daypart: s.capacity for s in stored.sessions} == {"tue-am": 5, "thu-pm": 4}


def test_a_garbled_version_is_a_bad_request(login_as, make):
    client, _ = login_as(Role.COORDINATOR)
    participant = make.participant()
    response = client.post_form(
        f"/deelnemers/{participant.id}/bewerken", participant_values(participant, version="x1")
    )
    assert response.status_code == 400
    assert fresh(Participant, participant.id).version == 1
