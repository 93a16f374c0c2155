"""Each role reaches only what it needs: object checks through one query helper."""

from matcher.models import Role
from matcher.services.access import visible_participants


def test_coach_cannot_open_another_coachs_participant(login_as, make):
    client, coach = login_as(Role.COACH)
    other_coach = make.user(Role.COACH)
    own = make.participant(coach=coach, first_name="Eigen")
    theirs = make.participant(coach=other_coach, first_name="Anders")
    assert "Eigen" in client.get(f"/deelnemers/{own.id}").get_data(as_text=True)
    response = client.get(f"/deelnemers/{theirs.id}")
    assert response.status_code == 404
    assert "Anders" not in response.get_data(as_text=True)


def test_coach_list_shows_only_the_caseload(login_as, make):
    client, coach = login_as(Role.COACH)
    make.participant(coach=coach, last_name="Eigenaar")
    make.participant(coach=make.user(Role.COACH), last_name="Vreemdeling")
    page = client.get("/deelnemers/").get_data(as_text=True)
    assert "Eigenaar" in page
    assert "Vreemdeling" not in page
    assert "1 deelnemer gevonden" in page


def test_volunteer_and_admin_cannot_open_participant_lists(login_as, make):
    participant = make.participant()
    for role in (Role.VOLUNTEER, Role.ADMIN):
        client, _user = login_as(role)
        assert client.get("/deelnemers/").status_code == 403
        assert client.get(f"/deelnemers/{participant.id}").status_code == 403


def test_roles_cannot_open_each_others_home_pages(login_as):
    homes = {
        Role.COORDINATOR: "/coordinator/",
        Role.COACH: "/coach/",
        Role.VOLUNTEER: "/vrijwilliger/",
        Role.ADMIN: "/beheer/",
    }
    for role in homes:
        client, _user = login_as(role)
        for other, url in homes.items():
            expected = 200 if other == role else 403
            assert client.get(url).status_code == expected, (role, url)


def test_only_the_own_coach_sees_coach_fields(login_as, make):
    coordinator_client, _ = login_as(Role.COORDINATOR)
    coach_client, coach = login_as(Role.COACH)
    participant = make.participant(
        coach=coach, functional_limits="Niet zwaar tillen", notes="Vertrouwelijk gesprek"
    )
    coach_page = coach_client.get(f"/deelnemers/{participant.id}").get_data(as_text=True)
    coordinator_page = coordinator_client.get(f"/deelnemers/{participant.id}").get_data(
        as_text=True
    )
    assert "Niet zwaar tillen" in coach_page and "Vertrouwelijk gesprek" in coach_page
    assert "Niet zwaar tillen" not in coordinator_page
    assert "Vertrouwelijk gesprek" not in coordinator_page
    assert "PIP-datum" not in coordinator_page


def test_visible_participants_by_role(make, app_ctx):
    from matcher.extensions import db

    coach = make.user(Role.COACH)
    mine = make.participant(coach=coach)
    make.participant(coach=make.user(Role.COACH))
    assert list(db.session.scalars(visible_participants(coach))) == [mine]
    assert len(db.session.scalars(visible_participants(make.user(Role.COORDINATOR))).all()) == 2
    assert db.session.scalars(visible_participants(make.user(Role.VOLUNTEER))).all() == []


def test_volunteer_home_shows_only_first_name_of_matched_participant(login_as, make, app_ctx):
    from matcher.models import Volunteer

    client, user = login_as(Role.VOLUNTEER)
    volunteer = make.volunteer(user=user)
    participant = make.participant(
        first_name="Rahel",
        last_name="Geheimnaam",
        functional_limits="Rugklachten",
        languages=["ti"],
    )
    make.match(participant, volunteer=volunteer, dayparts=("mon-ev",))
    page = client.get("/vrijwilliger/").get_data(as_text=True)
    assert "Rahel" in page and "maandag avond" in page and "ti" in page
    assert "Geheimnaam" not in page and "Rugklachten" not in page
    assert isinstance(volunteer, Volunteer)


def test_participant_list_search_and_bad_filters(login_as, make):
    client, _ = login_as(Role.COORDINATOR)
    make.participant(last_name="Haddad")
    make.participant(last_name="Kovalenko")
    page = client.get("/deelnemers/?q=hadd").get_data(as_text=True)
    assert "Haddad" in page and "Kovalenko" not in page
    bad = client.get("/deelnemers/?status=nonsense&page=-4&municipality=xyz")
    assert bad.status_code == 200
    assert "Haddad" in bad.get_data(as_text=True)


def test_coordinator_dashboard_counts_planned_hours(login_as, make):
    client, _ = login_as(Role.COORDINATOR)
    placement = make.placement(sessions={"mon-am": (3, 2), "tue-am": (3, 2)})
    placed = make.participant()
    make.participant()
    make.match(placed, placement=placement, dayparts=("mon-am", "tue-am"))
    page = client.get("/coordinator/").get_data(as_text=True)
    assert 'id="fig-open">2<' in page
    assert 'id="fig-at-minimum">1<' in page
