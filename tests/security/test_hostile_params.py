"""Query parameters and numbers that used to give a 500: an unknown choice, a blank id, NaN hours,
digits that are not ASCII, ids beyond the database's integers, dates at the ends of the calendar.
Each now gives a 400 page or a form error in Dutch, and changes nothing."""

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from matcher.extensions import db
from matcher.models import ActivityKind, HoursEntry, Role
from matcher.services import hours
from matcher.services.errors import ValidationFailed
from matcher.weeks import today


def _text(response) -> str:
    return response.get_data(as_text=True)


def _count_hours() -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count(HoursEntry.id)))


@pytest.mark.parametrize(
    "query",
    ["kind=x", "kind=%20PLACEMENT", "week=2026-13-45", "week=0001-01-01", "week=9999-12-31"],
)
def test_the_hours_week_refuses_unknown_kinds_and_impossible_weeks_with_a_400(login_as, query):
    client, _ = login_as(Role.COACH)
    response = client.get(f"/coach/uren/week?{query}")
    assert response.status_code == 400
    assert "Ongeldig verzoek" in _text(response)


def test_the_hours_week_still_takes_its_real_parameters(login_as):
    client, _ = login_as(Role.COACH)
    monday = date(2026, 3, 2)
    response = client.get(f"/coach/uren/week?week={monday.isoformat()}&kind=workshop")
    assert response.status_code == 200
    assert "week=2026-02-23" in _text(response)  # the link to the week before


@pytest.mark.parametrize(
    "query", ["municipality=%20", "status=%20", "municipality=%20&status=%20&page=%20"]
)
def test_a_blank_filter_in_the_participant_list_is_no_filter(login_as, make, query):
    client, coach = login_as(Role.COACH)
    make.participant(coach=coach, first_name="Hiba")
    response = client.get(f"/deelnemers/?{query}")
    assert response.status_code == 200 and "Hiba" in _text(response)


@pytest.mark.parametrize("page", ["0", "-1", "abc", "NaN", "1e309", "99999999999999999999"])
def test_out_of_range_page_numbers_show_the_first_page(login_as, make, page):
    client, coach = login_as(Role.COACH)
    make.participant(coach=coach, first_name="Hiba")
    response = client.get("/deelnemers/", query_string={"page": page})
    assert response.status_code == 200 and "Hiba" in _text(response)


@pytest.fixture
def coach_with_entry(login_as, make):
    client, coach = login_as(Role.COACH)
    participant = make.participant(coach=coach, pip_date=date(2025, 1, 6))
    return client, coach, participant


@pytest.mark.parametrize("value", ["NaN", "nan", "inf", "-Infinity", "1e309", "-1e309"])
def test_nan_and_infinite_hours_on_the_progress_page_are_a_form_error(coach_with_entry, value):
    client, _coach, participant = coach_with_entry
    day = (today() - timedelta(days=1)).isoformat()
    response = client.post_form(
        f"/coach/voortgang/{participant.id}/uren",
        {"entry_date": day, "kind": "placement", "hours": value, "absence": ""},
    )
    assert response.status_code == 422
    assert "Vul een getal in, bijvoorbeeld 3,5." in _text(response)
    assert _count_hours() == 0


def test_nan_hours_in_a_correction_are_refused(coach_with_entry):
    client, coach, participant = coach_with_entry
    entry = hours.add(
        coach,
        participant,
        hours.NewHours(today() - timedelta(days=1), ActivityKind.PLACEMENT, 3.0),
        today(),
        approve=True,
    )
    db.session.commit()
    response = client.post_form(
        f"/coach/voortgang/{participant.id}/correctie/{entry.id}",
        {"hours": "NaN"},
        follow_redirects=True,
    )
    assert "Vul een getal in, bijvoorbeeld 3,5." in _text(response)
    assert _count_hours() == 1


@pytest.mark.parametrize("value", [float("nan"), float("inf")])
def test_the_hours_service_refuses_nan_before_the_database_sees_it(make, app_ctx, value):
    participant = make.participant(pip_date=date(2025, 1, 6))
    coach = make.user(Role.COACH)
    new = hours.NewHours(today() - timedelta(days=1), ActivityKind.PLACEMENT, value)
    with app_ctx.test_request_context(), pytest.raises(ValidationFailed) as failed:
        hours.add(coach, participant, new, today(), approve=True)
    assert "hours" in failed.value.errors


def test_a_report_link_with_a_strange_match_number_is_a_400(login_as):
    client, _ = login_as(Role.VOLUNTEER)
    assert client.get("/vrijwilliger/melden?koppeling=%C2%B2").status_code == 400  # "²"
    assert client.get("/vrijwilliger/melden?koppeling=").status_code == 200


@pytest.mark.parametrize("value", ["99999999999999999999", "-5", "x"])
def test_the_manual_match_page_refuses_ids_no_record_can_have(login_as, value):
    client, _ = login_as(Role.COORDINATOR)
    response = client.get("/coordinator/koppelen/handmatig", query_string={"participant": value})
    assert response.status_code == 400


def test_an_id_beyond_the_database_integers_in_the_audit_filter_is_a_form_error(login_as):
    client, _ = login_as(Role.ADMIN)
    response = client.get("/beheer/audit", query_string={"participant": "9" * 400})
    assert response.status_code == 200
    assert "Vul een heel getal van 1 tot en met" in _text(response)


@pytest.mark.parametrize("target", ["/\\example.org", "//[", "/\x1b[31m"])
def test_login_never_follows_a_broken_or_backslashed_next_address(app, make, target):
    from tests.factories import PASSWORD

    user = make.user(Role.COACH)
    client = app.test_client()
    response = client.post_form(
        "/inloggen", {"email": user.email, "password": PASSWORD, "next": target}
    )
    assert response.status_code == 302
    assert "example.org" not in response.headers["Location"]
    assert "\\" not in response.headers["Location"] and "[" not in response.headers["Location"]


def test_the_400_page_says_which_parameter_was_wrong(login_as):
    client, _ = login_as(Role.COACH)
    page = _text(client.get("/coach/uren/week?kind=x"))
    assert "moet een van deze zijn" in page
    assert "The browser (or proxy)" not in page


@pytest.mark.parametrize("version", ["²", "٣", "1²", " ", "-1", "9" * 40])
def test_a_garbled_version_on_an_edit_form_is_a_400_not_a_500(login_as, make, version):
    client, _ = login_as(Role.COORDINATOR)
    organisation = make.placement().organisation
    response = client.post_form(
        f"/organisaties/{organisation.id}", {"name": "Nieuwe naam", "version": version}
    )
    assert response.status_code in (302, 400, 422), response.status_code
