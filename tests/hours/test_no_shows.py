"""No-shows (issue 16): two sessions of one match reported "afwezig zonder bericht" in four weeks
flag the participant on the coordinator's and the coach's home page; the participant's page
shows the attendance record. Corrections, older reports and other matches do not count."""

from datetime import date, timedelta

from matcher.extensions import db
from matcher.models import AbsenceKind, ActivityKind, HoursEntry, Role
from matcher.services import attendance
from matcher.weeks import today

TODAY = date(2026, 12, 10)


def _report(participant, match, on, absence=AbsenceKind.UNAUTHORISED, **kw):
    entry = HoursEntry(
        participant_id=participant.id,
        entry_date=on,
        activity_kind=ActivityKind.PLACEMENT,
        hours=0.0 if absence else 3.0,
        counts_toward_target=True,
        absence_kind=absence,
        match_id=match.id,
        **kw,
    )
    db.session.add(entry)
    db.session.commit()
    return entry


def _matched(make, coach=None):
    participant = make.participant(coach_id=coach.id if coach else None)
    match = make.match(participant, placement=make.placement())
    return participant, match


def test_two_no_shows_in_four_weeks_flag_the_participant(app_ctx, make):
    coordinator = make.user(Role.COORDINATOR)
    flagged, match = _matched(make)
    _report(flagged, match, TODAY - timedelta(days=20))
    _report(flagged, match, TODAY - timedelta(days=6))
    once, other = _matched(make)
    _report(once, other, TODAY - timedelta(days=3))
    _report(once, other, TODAY - timedelta(days=2), absence=AbsenceKind.AUTHORISED)
    old, third = _matched(make)
    _report(old, third, TODAY - timedelta(days=40))
    _report(old, third, TODAY - timedelta(days=1))
    (shown,) = attendance.no_shows(coordinator, TODAY)
    assert shown.participant_id == flagged.id and shown.times == 2
    assert shown.last_on == TODAY - timedelta(days=6)


def test_a_corrected_report_no_longer_counts(app_ctx, make):
    coordinator = make.user(Role.COORDINATOR)
    participant, match = _matched(make)
    first = _report(participant, match, TODAY - timedelta(days=9))
    _report(participant, match, TODAY - timedelta(days=2))
    _report(participant, match, first.entry_date, absence=None, supersedes_id=first.id)
    assert attendance.no_shows(coordinator, TODAY) == []
    record = attendance.record(participant.id, TODAY)
    assert [a.absence for a in record] == ["unauthorised", None]


def test_a_coach_sees_only_the_caseload(app_ctx, make):
    coach = make.user(Role.COACH)
    own, match = _matched(make, coach)
    foreign, other = _matched(make, make.user(Role.COACH))
    for participant, m in ((own, match), (foreign, other)):
        _report(participant, m, TODAY - timedelta(days=8))
        _report(participant, m, TODAY - timedelta(days=1))
    assert [n.participant_id for n in attendance.no_shows(coach, TODAY)] == [own.id]
    assert attendance.no_shows(make.user(Role.VOLUNTEER), TODAY) == []


def test_home_pages_and_the_participant_page_show_it(app, login_as, make):
    coordinator_client, _coordinator = login_as(Role.COORDINATOR)
    coach_client, coach = login_as(Role.COACH)
    participant, match = _matched(make, coach)
    participant_id, name = participant.id, participant.first_name
    _report(participant, match, today() - timedelta(days=7))
    _report(participant, match, today())
    for client, home in ((coordinator_client, "/coordinator/"), (coach_client, "/coach/")):
        page = client.get(home).get_data(as_text=True)
        assert "Niet gekomen zonder bericht" in page and name in page
    detail = coach_client.get(f"/deelnemers/{participant_id}").get_data(as_text=True)
    assert "Aanwezigheid bij koppelingen" in detail
    assert detail.count("niet gekomen zonder bericht") == 2
