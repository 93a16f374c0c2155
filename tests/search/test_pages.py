"""The list pages' search boxes: full names, other scripts, postcodes, literal wildcards."""

import pytest

from matcher.models import Organisation, Role
from matcher.services import audit


@pytest.fixture
def coordinator(login_as):
    client, _user = login_as(Role.COORDINATOR)
    return client


def _page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ("Hiba+Abraha", "Abraha", "Коваленко"),
        ("abraha%20hiba", "Abraha", "Коваленко"),
        ("7607ab", "Abraha", "Коваленко"),
        ("МИРОСЛАВА", "Коваленко", "Abraha"),
        ("%25", None, "Abraha"),  # a typed %
        ("_", None, "Abraha"),
    ],
)
@pytest.mark.parametrize("url", ["/deelnemers/", "/vrijwilligers/"])
def test_people_lists(coordinator, make, url, query, shown, hidden):
    create = make.participant if url == "/deelnemers/" else make.volunteer
    create(first_name="Hiba", last_name="Abraha", postcode="7607 AB")
    create(first_name="Мирослава", last_name="Коваленко", postcode="7511 CD")
    page = _page(coordinator, f"{url}?q={query}")
    assert shown is None or shown in page
    assert hidden not in page


def test_organisation_and_placement_lists(coordinator, make):
    town = make.municipality()
    husayn = make._save(Organisation(name="Stichting Ḥusayn", municipality=town))
    other = make._save(Organisation(name="Groen Doen", municipality=town))
    make.placement(organisation=husayn, title="Moestuin", postcode="7607 AB")
    make.placement(organisation=other, title="Fietsenmaker", postcode="7511 CD")
    page = _page(coordinator, "/organisaties/?q=husayn")
    assert "Stichting Ḥusayn" in page and "Groen Doen" not in page
    page = _page(coordinator, "/plekken/?q=moestuin+HUSAYN")
    assert "Moestuin" in page and "Fietsenmaker" not in page
    page = _page(coordinator, "/plekken/?q=7607+ab")
    assert "Moestuin" in page and "Fietsenmaker" not in page
    assert "Moestuin" not in _page(coordinator, "/plekken/?q=%25")


def test_audit_trail_actor_filter(login_as, make):
    client, _admin = login_as(Role.ADMIN)
    coach = make.user(Role.COACH, name="Мирослава Коваленко", email="m.k@example.org")
    other = make.user(Role.COACH, name="Hiba Abraha", email="h.a@example.org")
    audit.record(coach, "view", "participant", 1)
    audit.record(other, "view", "participant", 2)
    make._save(coach)
    page = _page(client, "/beheer/audit?actor=КОВАЛЕНКО+мирослава")
    assert "Мирослава Коваленко" in page and "Hiba Abraha" not in page
    page = _page(client, "/beheer/audit?actor=%25")
    assert "Мирослава Коваленко" not in page and "Hiba Abraha" not in page
