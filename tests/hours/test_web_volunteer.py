"""The volunteer portal: availability, absences, a broken match noticed, reporting sessions;
the coordinator's notices and the Monitor Sociaal Domein export."""

import io
from datetime import date, timedelta

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from matcher.dayparts import from_mask, to_mask
from matcher.extensions import db
from matcher.models import (
    AbsenceKind,
    ActivityKind,
    CoordinatorNotice,
    HoursEntry,
    HoursStatus,
    Role,
    Volunteer,
    VolunteerAbsence,
)
from matcher.services.monitor_export import safe
from matcher.weeks import today


@pytest.fixture
def volunteer_client(login_as, make):
    client, user = login_as(Role.VOLUNTEER, name="Vera Vrijwilliger")
    volunteer = make.volunteer(
        user_id=user.id, availability=to_mask(["mon-ev", "wed-ev"]), first_name="Vera"
    )
    coach = make.user(Role.COACH)
    participant = make.participant(
        coach_id=coach.id, first_name="Yusuf", last_name="Geheim", pip_date=date(2025, 1, 6)
    )
    match = make.match(participant, volunteer=volunteer, dayparts=("mon-ev",))
    return client, volunteer, match


def test_portal_shows_only_first_name_level_languages_daypart_place(volunteer_client):
    client, _, _ = volunteer_client
    page = client.get("/vrijwilliger/").get_data(as_text=True)
    assert "Yusuf" in page and "Geheim" not in page
    assert "maandag avond" in page and "A0" in page


def test_availability_change_that_breaks_a_match_is_told_and_noticed(volunteer_client, login_as):
    client, volunteer, match = volunteer_client
    response = client.post_form(
        "/vrijwilliger/beschikbaarheid",
        {"availability": ["wed-ev", "fri-am"]},
        follow_redirects=True,
    )
    page = response.get_data(as_text=True)
    assert "Uw beschikbaarheid is opgeslagen." in page
    assert "uw koppeling met Yusuf (taalmaatje)" in page
    assert from_mask(db.session.get(Volunteer, volunteer.id).availability) == ["wed-ev", "fri-am"]
    notice = db.session.scalar(select(CoordinatorNotice))
    assert (notice.kind, notice.match_id, notice.detail) == (
        "availability",
        match.id,
        {"dayparts": ["mon-ev"]},
    )
    coordinator, _ = login_as(Role.COORDINATOR)
    home = coordinator.get("/coordinator/").get_data(as_text=True)
    assert "niet meer beschikbaar op maandag avond" in home and "Yusuf" in home
    coordinator.post_form(f"/coordinator/meldingen/{notice.id}/afgehandeld")
    assert "Geen openstaande meldingen." in coordinator.get("/coordinator/").get_data(as_text=True)


def test_availability_change_that_keeps_matches_makes_no_notice(volunteer_client):
    client, _, _ = volunteer_client
    client.post_form("/vrijwilliger/beschikbaarheid", {"availability": ["mon-ev"]})
    assert db.session.scalar(select(CoordinatorNotice.id)) is None


def test_absence_is_added_and_the_match_it_touches_is_noticed(volunteer_client):
    client, _volunteer, _match = volunteer_client
    start, end = today() + timedelta(days=7), today() + timedelta(days=20)
    page = client.post_form(
        "/vrijwilliger/afwezigheid",
        {"starts_on": start.isoformat(), "ends_on": end.isoformat(), "reason": "vakantie"},
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "tijdens uw afwezigheid gaat uw koppeling met Yusuf" in page
    absence = db.session.scalar(select(VolunteerAbsence))
    assert (absence.starts_on, absence.ends_on, absence.reason) == (start, end, "vakantie")
    assert db.session.scalar(select(CoordinatorNotice.kind)) == "absence"


def test_absence_ending_before_it_starts_is_refused_and_kept(volunteer_client):
    client, _, _ = volunteer_client
    start = today() + timedelta(days=7)
    response = client.post_form(
        "/vrijwilliger/afwezigheid",
        {"starts_on": start.isoformat(), "ends_on": today().isoformat(), "reason": "ziekte"},
    )
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "De einddatum ligt vóór de begindatum." in page and start.isoformat() in page
    assert db.session.scalar(select(VolunteerAbsence.id)) is None


def test_reported_session_becomes_a_submitted_entry_once(volunteer_client):
    client, _, match = volunteer_client
    day = (today() - timedelta(days=2)).isoformat()
    data = {"match": str(match.id), "entry_date": day, "hours": "1,5", "held": "held"}
    assert client.post_form("/vrijwilliger/melden", data).status_code == 302
    entry = db.session.scalar(select(HoursEntry))
    assert (entry.status, entry.activity_kind, entry.match_id, entry.hours) == (
        HoursStatus.SUBMITTED,
        ActivityKind.TAALMAATJE,
        match.id,
        1.5,
    )
    assert entry.counts_toward_target is False  # taalmaatje meetings are recorded, not counted
    again = client.post_form("/vrijwilliger/melden", data)
    assert again.status_code == 422
    assert "Deze bijeenkomst is op deze dag al ingevoerd." in again.get_data(as_text=True)


def test_not_held_session_is_recorded_as_absence(volunteer_client):
    client, _, match = volunteer_client
    day = (today() - timedelta(days=1)).isoformat()
    client.post_form(
        "/vrijwilliger/melden",
        {"match": str(match.id), "entry_date": day, "hours": "2", "held": "unauthorised"},
    )
    assert db.session.scalar(select(HoursEntry.absence_kind)) == AbsenceKind.UNAUTHORISED


def test_a_future_session_is_refused(volunteer_client):
    client, _, match = volunteer_client
    day = (today() + timedelta(days=1)).isoformat()
    response = client.post_form(
        "/vrijwilliger/melden",
        {"match": str(match.id), "entry_date": day, "hours": "2", "held": "held"},
    )
    assert "De datum ligt in de toekomst." in response.get_data(as_text=True)
    assert db.session.scalar(select(HoursEntry.id)) is None


def test_host_contact_reports_a_placement_session(login_as, make):
    client, host = login_as(Role.VOLUNTEER)
    placement = make.placement(contact_user_id=host.id)
    participant = make.participant(first_name="Lina", pip_date=date(2025, 1, 6))
    match = make.match(participant, placement=placement)
    assert "Lina" in client.get("/vrijwilliger/").get_data(as_text=True)
    day = (today() - timedelta(days=1)).isoformat()
    client.post_form(
        "/vrijwilliger/melden",
        {"match": str(match.id), "entry_date": day, "hours": "3", "held": "held"},
    )
    entry = db.session.scalar(select(HoursEntry))
    assert (entry.activity_kind, entry.status, entry.entered_by_id) == (
        ActivityKind.PLACEMENT,
        HoursStatus.SUBMITTED,
        host.id,
    )


def test_monitor_export_csv_and_xlsx(login_as, make, app_ctx):
    client, _ = login_as(Role.COORDINATOR)
    town = make.municipality('=HYPERLINK("http://x")')
    placed = make.participant(municipality=town, pip_date=date(2026, 1, 5))
    make.participant(municipality=town, pip_date=date(2026, 2, 5))
    make.match(placed, placement=make.placement(), starts_on=date(2026, 2, 2))
    db.session.add(
        HoursEntry(
            participant_id=placed.id,
            entry_date=date(2026, 3, 3),
            activity_kind=ActivityKind.MAP,
            hours=4,
            counts_toward_target=True,
            status=HoursStatus.APPROVED,
        )
    )
    db.session.commit()
    args = f"municipality={town.id}&starts_on=2026-01-01&ends_on=2026-06-30"
    csv_text = client.get(f"/coordinator/monitor/?{args}&fmt=csv").get_data(as_text=True)
    assert "gemeente;;\"'=HYPERLINK" in csv_text
    assert "deelnemers per route;Z-route;2" in csv_text
    assert "geplaatst in vrijwilligerswerk;ja;1" in csv_text
    assert "participatie-uren;2026-03;4" in csv_text
    xlsx = client.get(f"/coordinator/monitor/?{args}&fmt=xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.data)).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[1][2].startswith("'=HYPERLINK")
    assert ["participatie-uren", "2026-03", 4] in values


def test_monitor_export_refuses_a_backwards_period(login_as, make):
    client, _ = login_as(Role.COORDINATOR)
    town = make.municipality()
    response = client.get(
        f"/coordinator/monitor/?municipality={town.id}&starts_on=2026-06-01&ends_on=2026-01-01"
    )
    assert response.status_code == 422
    assert "De einddatum ligt vóór de begindatum." in response.get_data(as_text=True)


@pytest.mark.parametrize("text", ["=1+1", "+31", "-2", "@SUM(A1)"])
def test_formula_cells_are_neutralised(text):
    assert safe(text) == "'" + text
    assert safe("Almelo") == "Almelo" and safe(3) == 3


def test_roles_are_kept_apart(login_as):
    volunteer, _ = login_as(Role.VOLUNTEER)
    coach, _ = login_as(Role.COACH)
    assert volunteer.get("/coach/").status_code == 403
    assert volunteer.get("/coach/uren/week").status_code == 403
    assert coach.get("/coordinator/monitor/").status_code == 403
    assert coach.get("/vrijwilliger/").status_code == 403
