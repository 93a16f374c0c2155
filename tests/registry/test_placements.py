"""Organisations and placements with the day-part session grid."""

from sqlalchemy import select

from matcher.extensions import db
from matcher.models import Organisation, Placement, Role
from tests.registry.helpers import audit_events, text


def placement_form(organisation_id: int, **overrides) -> dict:
    data = {
        "organisation": str(organisation_id),
        "title": "Sorteren",
        "category": "kringloop",
        "min_dutch_level": "A1",
        "postcode": "7601 AB",
        "lat": "52,3567",
        "lon": "6.6625",
        "starts-tue-am": "09:00",
        "ends-tue-am": "12:00",
        "capacity-tue-am": "2",
        "starts-thu-pm": "13:30",
        "ends-thu-pm": "16:00",
        "capacity-thu-pm": "4",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_coordinator_creates_organisation_and_placement_with_two_sessions(login_as, make):
    client, coordinator = login_as(Role.COORDINATOR)
    town = make.municipality("Almelo")
    response = client.post_form(
        "/organisaties/nieuw",
        {"name": "Kringloop Almelo", "municipality": str(town.id), "contact_name": "Els"},
    )
    assert response.status_code == 302
    organisation = db.session.scalar(select(Organisation))
    assert (organisation.name, organisation.municipality_id) == ("Kringloop Almelo", town.id)
    event = audit_events("organisation")[0]
    assert (event.action, event.actor_id, event.entity_id) == (
        "create",
        coordinator.id,
        organisation.id,
    )
    assert "contact_name" in event.fields and "Els" not in str(event.fields)

    response = client.post_form("/plekken/nieuw", placement_form(organisation.id))
    assert response.status_code == 302, text(response)
    placement = db.session.scalar(select(Placement))
    sessions = {(s.daypart, s.hours, s.capacity) for s in placement.sessions}
    assert sessions == {("tue-am", 3.0, 2), ("thu-pm", 2.5, 4)}  # hours follow from the times
    times = {(s.daypart, f"{s.starts_at:%H:%M}-{s.ends_at:%H:%M}") for s in placement.sessions}
    assert times == {("tue-am", "09:00-12:00"), ("thu-pm", "13:30-16:00")}
    assert (placement.lat, placement.lon, placement.min_dutch_level) == (52.3567, 6.6625, "A1")
    page = text(client.get("/plekken/"))
    assert "Sorteren" in page and "dinsdag ochtend" in page and "donderdag middag" in page
    events = audit_events("placement")
    assert events[0].action == "create" and events[0].actor_id == coordinator.id
    assert "sessions" in events[0].fields


def test_editing_the_grid_updates_removes_and_adds_sessions(login_as, make):
    client, _ = login_as(Role.COORDINATOR)
    placement = make.placement(sessions={"mon-am": (3, 2), "wed-pm": (2, 1)})
    form = placement_form(
        placement.organisation_id,
        **{
            "starts-tue-am": None,
            "ends-tue-am": None,
            "capacity-tue-am": None,
            "starts-thu-pm": None,
            "ends-thu-pm": None,
            "capacity-thu-pm": None,
            "starts-mon-am": "08:00",
            "ends-mon-am": "12:00",
            "capacity-mon-am": "0",
            "starts-sun-ev": "19:30",
            "ends-sun-ev": "20:30",
            "capacity-sun-ev": "3",
        },
    )
    response = client.post_form(f"/plekken/{placement.id}", form)
    assert response.status_code == 302, text(response)
    db.session.expire_all()
    placement = db.session.get(Placement, placement.id)
    assert {(s.daypart, s.hours, s.capacity) for s in placement.sessions} == {
        ("mon-am", 4.0, 0),
        ("sun-ev", 1.0, 3),
    }
    assert audit_events("placement")[-1].action == "update"


def test_edit_page_shows_the_current_grid(login_as, make):
    client, _ = login_as(Role.COORDINATOR)
    placement = make.placement(sessions={"fri-ev": (2.5, 6)})
    page = text(client.get(f"/plekken/{placement.id}"))
    assert 'id="starts-fri-ev" value="19:00"' in page  # the usual start of an avond
    assert 'id="ends-fri-ev" value="21:30"' in page
    assert 'id="capacity-fri-ev" value="6"' in page
    assert '<th scope="row">vrijdag</th>' in page


BAD_SESSIONS = [
    ({"ends-tue-am": "09:00"}, "De eindtijd moet later zijn dan de begintijd."),
    ({"ends-tue-am": "08:45"}, "De eindtijd moet later zijn dan de begintijd."),
    ({"starts-tue-am": "12:00", "ends-tue-am": "14:00"}, "Een ochtendsessie begint vóór 12:00."),
    ({"starts-thu-pm": "11:45"}, "Een middagsessie begint tussen 12:00 en 18:00."),
    ({"starts-thu-pm": "18:00", "ends-thu-pm": "19:00"}, "Een middagsessie begint tussen"),
    (
        {"starts-sun-ev": "17:30", "ends-sun-ev": "19:00", "capacity-sun-ev": "1"},
        "Een avondsessie begint om 18:00 of later.",
    ),
    ({"starts-tue-am": "06:00", "ends-tue-am": "18:15"}, "Een sessie duurt hooguit 12 uur."),
    ({"ends-tue-am": ""}, "Vul een begintijd en een eindtijd in."),
    ({"starts-tue-am": "negen uur"}, "Vul een tijd in als uu:mm, bijvoorbeeld 13:30."),
    ({"ends-tue-am": "25:00"}, "Vul een tijd in als uu:mm"),
    ({"capacity-tue-am": "-1"}, "heel getal"),
    ({"capacity-tue-am": "1.5"}, "heel getal"),
    ({"starts-xyz-am": "09:00", "capacity-xyz-am": "1"}, "Onbekend dagdeel"),
]


def test_bad_sessions_are_refused_with_a_message_and_nothing_saved(login_as, make):
    client, _ = login_as(Role.COORDINATOR)
    organisation = make.placement().organisation
    for overrides, message in BAD_SESSIONS:
        response = client.post_form("/plekken/nieuw", placement_form(organisation.id, **overrides))
        assert response.status_code == 422, overrides
        page = text(response)
        assert message in page, (overrides, page[-3000:])
        assert 'value="Sorteren"' in page  # what was typed is kept
        for name, value in overrides.items():
            if "xyz" not in name:
                assert f'id="{name}" value="{value}"' in page, name  # also in the grid
    assert db.session.scalar(select(db.func.count(Placement.id))) == 1  # only the factory's


def test_deactivating_keeps_the_placement(login_as, make):
    client, _ = login_as(Role.COORDINATOR)
    placement = make.placement(title="Tuin")
    make.match(make.participant(), placement=placement)
    response = client.post_form(f"/plekken/{placement.id}/actief")
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Placement, placement.id).active is False
    assert "Tuin" in text(client.get("/plekken/?active=0"))
    assert "Tuin" not in text(client.get("/plekken/?active=1"))
    assert audit_events("placement")[-1].action == "deactivate"


def test_deactivating_an_organisation_deactivates_its_placements(login_as, make):
    client, _ = login_as(Role.COORDINATOR)
    placement = make.placement()
    client.post_form(f"/organisaties/{placement.organisation_id}/actief")
    db.session.expire_all()
    assert db.session.get(Organisation, placement.organisation_id).active is False
    assert db.session.get(Placement, placement.id).active is False


def test_list_searches_filters_and_pages(app, login_as, make):
    client, _ = login_as(Role.COORDINATOR)
    town, other = make.municipality("Almelo"), make.municipality("Hengelo")
    organisation = make.placement(municipality=town).organisation
    for n in range(55):
        make.placement(title=f"Groen {n:02d}", organisation=organisation, category="groen")
    make.placement(title="Koken in Hengelo", category="koken", municipality=other)
    assert "57 plekken gevonden" in text(client.get("/plekken/"))
    page = text(client.get("/plekken/?category=koken"))
    assert "1 plek gevonden" in page and "Koken in Hengelo" in page
    assert "1 plek gevonden" in text(client.get(f"/plekken/?municipality={other.id}"))
    assert "55 plekken gevonden" in text(client.get("/plekken/?q=groen"))
    second = text(client.get("/plekken/?q=groen&page=2"))
    assert "Pagina 2 van 2" in second and "Groen 54" in second and "Groen 00" not in second
    assert client.get("/plekken/?page=-3").status_code == 200


def test_organisation_form_errors_keep_input(login_as, make):
    client, _ = login_as(Role.COORDINATOR)
    make.municipality("Almelo")
    response = client.post_form("/organisaties/nieuw", {"name": "Zonder gemeente"})
    assert response.status_code == 422
    assert 'value="Zonder gemeente"' in text(response)
    assert db.session.scalar(select(db.func.count(Organisation.id))) == 0


def test_a_reference_already_in_use_is_refused_not_crashed(login_as, make):
    client, _ = login_as(Role.COORDINATOR)
    existing = make.placement(external_ref="PL-1")
    form = placement_form(existing.organisation_id, external_ref="PL-1", lat="nan")
    response = client.post_form("/plekken/nieuw", form)
    assert response.status_code == 422 and "Vul een getal in, bijvoorbeeld 3,5." in text(response)
    response = client.post_form("/plekken/nieuw", {**form, "lat": "52.3"})
    assert response.status_code == 422
    assert "Dit kenmerk is al in gebruik bij een ander gegeven." in text(response)
    assert db.session.scalar(select(db.func.count(Placement.id))) == 1


def test_placement_of_an_inactive_organisation_can_still_be_edited(login_as, make):
    client, _ = login_as(Role.COORDINATOR)
    placement = make.placement()
    client.post_form(f"/organisaties/{placement.organisation_id}/actief")
    form = placement_form(placement.organisation_id, title="Nog steeds")
    assert client.post_form(f"/plekken/{placement.id}", form).status_code == 302
    db.session.expire_all()
    assert db.session.get(Placement, placement.id).title == "Nog steeds"
