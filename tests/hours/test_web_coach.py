"""The coach's pages: caseload (no N+1), weekly grid, approvals, progress, gesprek, chart."""

from datetime import date, timedelta

import pytest
from sqlalchemy import event, select

from matcher.extensions import db
from matcher.models import (
    AbsenceKind,
    ActivityKind,
    HoursEntry,
    HoursStatus,
    ProgressMeeting,
    Role,
)
from matcher.weeks import today, week_start


@pytest.fixture
def coach_client(login_as):
    return login_as(Role.COACH, name="Coach Caseload")


def count_queries(app, fn):
    """Run `fn` and return how many SQL statements it sent."""
    statements = []

    def listener(*args):
        statements.append(args[2])

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", listener)
    try:
        fn()
    finally:
        event.remove(engine, "before_cursor_execute", listener)
    return len(statements)


def caseload_with(make, add_hours, coach, n: int):
    monday = week_start(today())
    placement = make.placement(sessions={"mon-am": (3, 5)})
    for i in range(n):
        p = make.participant(coach_id=coach.id, pip_date=date(2025, 1, 6), last_name=f"N{i:02d}")
        make.match(p, placement=placement, starts_on=date(2025, 2, 1))
        for w in range(1, 4):
            add_hours(p, monday - timedelta(weeks=w), 3)
        db.session.add(ProgressMeeting(participant_id=p.id, held_on=date(2025, 6, 1)))
    db.session.commit()


def test_caseload_shows_weeks_totals_pace_and_flags(coach_client, make, add_hours):
    client, coach = coach_client
    p = make.participant(
        coach_id=coach.id,
        first_name="Samira",
        last_name="Aziz",
        pip_date=date(2025, 1, 6),
        hours_before=10,
    )
    add_hours(p, week_start(today()) - timedelta(weeks=1), 4)
    make.participant(first_name="Ander", last_name="Zichtbaar")  # someone else's caseload
    page = client.get("/coach/").get_data(as_text=True)
    assert "Samira Aziz" in page and "Ander" not in page
    assert "14 / 800" in page  # 10 before the PIP + 4 approved
    assert "niet geplaatst na 3 maanden" in page
    assert "2+ weken onder 6 uur" in page
    assert "4*" in page  # last week's 4 hours, marked as under 6


def test_caseload_query_count_does_not_grow_with_the_caseload(app, coach_client, make, add_hours):
    client, coach = coach_client
    caseload_with(make, add_hours, coach, 2)
    small = count_queries(app, lambda: client.get("/coach/"))
    caseload_with(make, add_hours, coach, 12)
    large = count_queries(app, lambda: client.get("/coach/"))
    assert large == small
    assert large <= 18  # needs of the whole caseload (5), the page (8), the figures and the page


def test_grid_saves_a_week_and_corrects_by_superseding(coach_client, make):
    client, coach = coach_client
    p = make.participant(coach_id=coach.id, pip_date=date(2025, 1, 6))
    monday = week_start(today()) - timedelta(weeks=1)
    url = f"/coach/uren/week?week={monday.isoformat()}&kind=workshop"
    assert f'id="h-{p.id}-0"' in client.get(url).get_data(as_text=True)
    response = client.post_form(url, {f"h-{p.id}-0": "2,5", f"h-{p.id}-2": "3"})
    assert response.status_code == 302
    entries = db.session.scalars(select(HoursEntry).order_by(HoursEntry.entry_date)).all()
    assert [(e.entry_date, e.hours, e.status) for e in entries] == [
        (monday, 2.5, HoursStatus.APPROVED),
        (monday + timedelta(days=2), 3.0, HoursStatus.APPROVED),
    ]
    assert all(e.activity_kind == ActivityKind.WORKSHOP for e in entries)
    client.post_form(url, {f"h-{p.id}-0": "2", f"h-{p.id}-2": "3"})
    db.session.expire_all()
    rows = db.session.scalars(select(HoursEntry).order_by(HoursEntry.id)).all()
    assert len(rows) == 3 and rows[2].supersedes_id == rows[0].id and rows[0].hours == 2.5


def test_grid_refuses_bad_cells_keeps_what_was_typed_and_saves_nothing(coach_client, make):
    client, coach = coach_client
    p = make.participant(coach_id=coach.id, pip_date=date(2025, 1, 6))
    monday = week_start(today()) - timedelta(weeks=1)
    url = f"/coach/uren/week?week={monday.isoformat()}&kind=placement"
    response = client.post_form(
        url, {f"h-{p.id}-0": "3", f"h-{p.id}-1": "-2", f"h-{p.id}-2": "veel", f"h-{p.id}-3": "13"}
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Het aantal uren kan niet negatief zijn." in page
    assert "Vul een getal in, bijvoorbeeld 3 of 2,5." in page
    assert "Meer dan 12 uur op één dag kan niet" in page
    assert 'value="veel"' in page and 'value="-2"' in page
    assert db.session.scalar(select(HoursEntry.id)) is None


def test_approve_and_reject_reported_hours(coach_client, make, add_hours):
    client, coach = coach_client
    p = make.participant(coach_id=coach.id, first_name="Nadia", pip_date=date(2025, 1, 6))
    day = today() - timedelta(days=3)
    first = add_hours(p, day, 3, status=HoursStatus.SUBMITTED)
    second = add_hours(p, day, 2, status=HoursStatus.SUBMITTED, activity_kind=ActivityKind.MAP)
    assert "Nadia" in client.get("/coach/uren/goedkeuren").get_data(as_text=True)
    client.post_form(f"/coach/uren/goedkeuren/{first.id}", {"decision": "approve"})
    refused = client.post_form(
        f"/coach/uren/goedkeuren/{second.id}", {"decision": "reject"}, follow_redirects=True
    )
    assert "Geef een reden voor het afkeuren." in refused.get_data(as_text=True)
    client.post_form(
        f"/coach/uren/goedkeuren/{second.id}", {"decision": "reject", "reason": "Niet geweest"}
    )
    db.session.expire_all()
    assert db.session.get(HoursEntry, first.id).status == HoursStatus.APPROVED
    rejected = db.session.get(HoursEntry, second.id)
    assert (rejected.status, rejected.decision_reason) == (HoursStatus.REJECTED, "Niet geweest")


def test_a_coach_cannot_decide_on_another_caseload(coach_client, make, add_hours):
    client, _ = coach_client
    other = make.participant(coach_id=make.user(Role.COACH).id, pip_date=date(2025, 1, 6))
    entry = add_hours(other, today() - timedelta(days=1), 3, status=HoursStatus.SUBMITTED)
    response = client.post_form(f"/coach/uren/goedkeuren/{entry.id}", {"decision": "approve"})
    assert response.status_code == 404
    db.session.expire_all()
    assert db.session.get(HoursEntry, entry.id).status == HoursStatus.SUBMITTED
    assert client.get(f"/coach/voortgang/{other.id}").status_code == 404


def test_progress_page_chart_and_gesprek(coach_client, make, add_hours):
    client, coach = coach_client
    p = make.participant(coach_id=coach.id, first_name="Omar", pip_date=date(2025, 1, 6))
    add_hours(p, week_start(today()) - timedelta(weeks=1), 5)
    page = client.get(f"/coach/voortgang/{p.id}").get_data(as_text=True)
    assert "Voortgang van Omar" in page and f'src="/coach/voortgang/{p.id}/grafiek.svg"' in page
    chart = client.get(f"/coach/voortgang/{p.id}/grafiek.svg")
    assert chart.mimetype == "image/svg+xml"
    svg = chart.get_data(as_text=True)
    assert "<svg" in svg and "<script" not in svg
    held = (today() - timedelta(days=1)).isoformat()
    bad = client.post_form(
        f"/coach/voortgang/{p.id}/gesprek",
        {"held_on": held, "summary": "Goed bezig", "next_date": held},
    )
    assert bad.status_code == 422
    assert "De volgende datum moet na de datum van het gesprek liggen." in bad.get_data(
        as_text=True
    )
    assert "Goed bezig" in bad.get_data(as_text=True)  # what was typed is kept
    nxt = (today() + timedelta(days=60)).isoformat()
    client.post_form(
        f"/coach/voortgang/{p.id}/gesprek", {"held_on": held, "summary": "Goed", "next_date": nxt}
    )
    meeting = db.session.scalar(select(ProgressMeeting))
    assert meeting.summary == "Goed" and meeting.next_date.isoformat() == nxt
    printable = client.get(f"/coach/voortgang/{p.id}/gesprek-overzicht").get_data(as_text=True)
    assert "Voortgangsgesprek" in printable and "Goed" in printable


def test_correction_from_the_progress_page_keeps_the_old_line(coach_client, make, add_hours):
    client, coach = coach_client
    p = make.participant(coach_id=coach.id, pip_date=date(2025, 1, 6))
    old = add_hours(p, today() - timedelta(days=2), 3)
    client.post_form(f"/coach/voortgang/{p.id}/correctie/{old.id}", {"hours": "2"})
    page = client.get(f"/coach/voortgang/{p.id}").get_data(as_text=True)
    assert "vervangen door correctie" in page
    assert '<dd id="cumulative">2 / 800</dd>' in page  # the correction counts, not the old line
    assert "2 / 800" in client.get("/coach/").get_data(as_text=True)
    rows = db.session.scalars(select(HoursEntry).order_by(HoursEntry.id)).all()
    assert [(r.hours, r.supersedes_id) for r in rows] == [(3, None), (2, old.id)]


@pytest.mark.parametrize(
    "value", [0, 6, 6.25, 5.96, 2.5, 123.45, 999.96, 1234.5, 12345.04, -0.04, None]
)
@pytest.mark.parametrize("language", ["nl", "en"])
def test_quick_hours_formats_like_the_hours_filter(app, value, language):
    from flask_babel import force_locale

    from matcher.web.caseload.views import _symbols, quick_hours
    from matcher.web.filters import hours as hours_filter

    with app.test_request_context(), force_locale(language):
        assert quick_hours(value, _symbols(language)) == hours_filter(value)


def test_coach_records_absence_apart_from_hours(coach_client, make):
    client, coach = coach_client
    p = make.participant(coach_id=coach.id, pip_date=date(2025, 1, 6))
    day = (today() - timedelta(days=1)).isoformat()
    url = f"/coach/voortgang/{p.id}/uren"
    client.post_form(url, {"entry_date": day, "kind": "placement", "hours": "3", "absence": ""})
    client.post_form(
        url, {"entry_date": day, "kind": "workshop", "hours": "2", "absence": "authorised"}
    )
    refused = client.post_form(url, {"entry_date": day, "kind": "map", "hours": "-1"})
    assert refused.status_code == 422
    assert "Het aantal uren kan niet negatief zijn." in refused.get_data(as_text=True)
    rows = db.session.scalars(select(HoursEntry).order_by(HoursEntry.id)).all()
    assert [(r.hours, r.absence_kind, r.counts_toward_target, r.status) for r in rows] == [
        (3, None, True, HoursStatus.APPROVED),
        (2, AbsenceKind.AUTHORISED, False, HoursStatus.APPROVED),
    ]
    page = client.get(f"/coach/voortgang/{p.id}").get_data(as_text=True)
    assert "3 / 800" in page


def test_a_long_caseload_is_paged_most_urgent_first_and_keeps_its_filter(
    app, coach_client, make, add_hours
):
    client, coach = coach_client
    app.config["CASELOAD_PAGE_SIZE"] = 5
    caseload_with(make, add_hours, coach, 12)
    first = client.get("/coach/?sort=name").get_data(as_text=True)
    assert "12 deelnemers gevonden" in first and "pagina 1 van 3" in first
    assert "N00" in first and "N04" in first and "N05" not in first
    assert 'id="fig-total">12<' in first  # the figures count the whole caseload
    assert "sort=name" in first and "page=2" in first  # the next page keeps the order
    last = client.get("/coach/?sort=name&page=3").get_data(as_text=True)
    assert "N10" in last and "N11" in last and "N09" not in last
    beyond = client.get("/coach/?sort=name&page=99").get_data(as_text=True)
    assert "pagina 3 van 3" in beyond and "N11" in beyond
    assert client.get("/coach/?page=nul").status_code == 400
