"""Who is where, from every side (issue 13): the participant's week plan and history, the
placement and organisation rosters, the volunteer page and portal, each for the roles allowed."""

from datetime import date, timedelta

from matcher.models import MatchStatus, Role, VolunteerKind
from matcher.weeks import today, week_start

THIS_WEEK = week_start(today())


def _world(make, coach=None, coach_email="jansen@example.org"):
    placement = make.placement(
        sessions={"thu-pm": (3, 4), "tue-am": (2, 4)},
        address="Marktstraat 3, Hengelo",
        postcode="7551 AB",
    )
    coach = coach or make.user(Role.COACH, name="Coach Jansen", email=coach_email)
    person = make.participant(
        first_name="Amal", last_name="Haddad", coach_id=coach.id, functional_limits="Rugklachten"
    )
    make.match(person, placement=placement, dayparts=("thu-pm",), starts_on=date(2026, 9, 14))
    taalmaatje = make.volunteer(
        first_name="Truus", last_name="Bakker", availability=0b111111111111111111111
    )
    make.match(person, volunteer=taalmaatje, dayparts=("wed-pm",), starts_on=date(2026, 10, 5))
    make.match(
        person,
        placement=placement,
        dayparts=("tue-am",),
        status=MatchStatus.ENDED,
        starts_on=date(2026, 3, 2),
        ends_on=date(2026, 6, 28),
    )
    return placement, person, taalmaatje, coach


def test_participant_page_shows_week_plan_and_history(login_as, make):
    client, _ = login_as(Role.COORDINATOR)
    placement, person, _t, _c = _world(make)
    page = client.get(f"/deelnemers/{person.id}").get_data(as_text=True)
    assert f"Weekplan (week {THIS_WEEK.isocalendar().week}," in page
    plan = page[page.index('id="weekplan"') : page.index("Persoonlijk profiel")]
    assert placement.title in plan and placement.organisation.name in plan
    assert "Marktstraat 3, 7551 AB Hengelo" in plan
    assert "donderdag middag" in plan and "14 sep 2026" in plan
    assert "Truus Bakker" in plan and "woensdag middag" in plan
    assert "dinsdag ochtend" not in plan  # the ended match is history, not this week
    history = page[page.index('id="koppelingen"') :]
    assert "beëindigd" in history and "28 jun 2026" in history and "bevestigd" in history


def test_next_week_shows_a_match_that_starts_then(login_as, make):
    client, _ = login_as(Role.COORDINATOR)
    placement, person, _t, _c = _world(make)
    make.match(
        person, placement=placement, dayparts=("tue-am",), starts_on=THIS_WEEK + timedelta(days=7)
    )
    now = client.get(f"/deelnemers/{person.id}").get_data(as_text=True)
    later = client.get(f"/deelnemers/{person.id}?week={(THIS_WEEK + timedelta(days=7))}")
    assert "dinsdag ochtend" not in now.split("Persoonlijk profiel")[0]
    assert "dinsdag ochtend" in later.get_data(as_text=True).split("Persoonlijk profiel")[0]
    assert client.get(f"/deelnemers/{person.id}?week=gisteren").status_code == 400


def test_coach_sees_the_plan_of_own_caseload_only(login_as, make):
    client, coach = login_as(Role.COACH)
    _p, person, _t, _c = _world(make, coach=coach)
    _p2, stranger, _t2, _c2 = _world(make, coach_email=None)
    assert "Weekplan" in client.get(f"/deelnemers/{person.id}").get_data(as_text=True)
    assert client.get(f"/deelnemers/{stranger.id}").status_code == 404


def test_placement_roster_for_the_coordinator(login_as, make):
    client, _ = login_as(Role.COORDINATOR)
    placement, _person, _t, _coach = _world(make)
    response = client.get(f"/plekken/{placement.id}/rooster")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    thursday = page[page.index("donderdag middag") :]
    assert "Amal Haddad" in thursday and "vanaf 14 sep 2026" in thursday
    assert 'href="mailto:jansen@example.org"' in thursday and "Coach Jansen" in thursday
    assert "Rugklachten" not in page
    tuesday = page[page.index("dinsdag ochtend") : page.index("donderdag middag")]
    assert "Niemand deze week." in tuesday
    assert page.index("dinsdag ochtend") < page.index("donderdag middag")


def test_organisation_page_holds_every_placement_roster(login_as, make):
    client, _ = login_as(Role.COORDINATOR)
    placement, _person, _t, _c = _world(make)
    second = make.placement(
        organisation=placement.organisation, title="Koffie schenken", sessions={"fri-am": (2, 2)}
    )
    make.match(make.participant(first_name="Yonas"), placement=second, dayparts=("fri-am",))
    page = client.get(f"/organisaties/{placement.organisation_id}/rooster").get_data(as_text=True)
    assert placement.title in page and "Koffie schenken" in page
    assert "Amal Haddad" in page and "Yonas" in page and "vrijdag ochtend" in page
    listing = client.get("/plekken/").get_data(as_text=True)
    assert f'/organisaties/{placement.organisation_id}/rooster"' in listing


def test_rosters_are_for_coordinators_only(login_as, make):
    placement, _person, _t, _coach = _world(make)
    for role in (Role.COACH, Role.VOLUNTEER, Role.ADMIN):
        client, _ = login_as(role)
        assert client.get(f"/plekken/{placement.id}/rooster").status_code == 403
        assert client.get(f"/organisaties/{placement.organisation_id}/rooster").status_code == 403


def test_volunteer_page_for_the_coordinator(login_as, make):
    client, _ = login_as(Role.COORDINATOR)
    _p, _person, taalmaatje, _c = _world(make)
    page = client.get(f"/vrijwilligers/{taalmaatje.id}").get_data(as_text=True)
    matches = page[page.index('id="koppelingen"') :].split("</section>")[0]
    assert "Amal Haddad" in matches and "woensdag middag" in matches
    assert "5 okt 2026" in matches and "taalmaatje" in matches


def test_volunteer_portal_shows_own_matches_with_first_name_only(login_as, make):
    client, user = login_as(Role.VOLUNTEER)
    _p, person, _t, _c = _world(make)
    own = make.volunteer(user=user, kind=VolunteerKind.BUDDY, availability=0b1111111)
    make.match(person, volunteer=own, dayparts=("mon-am",), starts_on=date(2026, 11, 2))
    other = make.participant(first_name="Niet", last_name="Mijn")
    make.match(other, volunteer=make.volunteer(), dayparts=("mon-ev",))
    page = client.get("/vrijwilliger/").get_data(as_text=True)
    assert "Amal" in page and "Haddad" not in page and "2 nov 2026" in page
    assert "Niet" not in page and "Truus" not in page
    assert "Rooster van mijn plek" not in page


def test_host_contact_sees_only_what_a_host_needs_of_own_placements(login_as, make):
    client, host = login_as(Role.VOLUNTEER)
    placement, _person, _t, _coach = _world(make)
    placement.contact_user_id = host.id
    make._save(placement)
    foreign, stranger, _t2, _c2 = _world(make, coach_email=None)
    stranger.first_name = "Vreemde"
    make._save(stranger)
    page = client.get("/vrijwilliger/").get_data(as_text=True)
    assert "Rooster van mijn plek" in page and placement.title in page
    roster = page[page.index('id="host-title"') : page.index("Contact met de coördinator")]
    assert "Amal" in roster and "vanaf 14 sep 2026" in roster and "donderdag middag" in roster
    for hidden in ("Haddad", "Coach Jansen", "jansen@example.org", "Rugklachten", "Truus"):
        assert hidden not in page
    assert "Vreemde" not in page and foreign.title not in roster
    # a host contact who is no volunteer has no matches of their own: no empty heading for them
    assert "Mijn koppelingen" not in page and "geen lopende koppelingen" not in page
