"""Hours entry: validation, decisions (also by two coaches at once) and corrections."""

from datetime import date

import pytest
from sqlalchemy import select

from matcher.extensions import db
from matcher.models import AbsenceKind, ActivityKind, AuditEvent, HoursEntry, HoursStatus, Role
from matcher.services import hours
from matcher.services.errors import DomainError, ValidationFailed

TODAY = date(2026, 11, 18)
PIP = date(2026, 1, 5)


@pytest.fixture
def coach(make):
    return make.user(Role.COACH, name="Coach Een")


@pytest.fixture
def participant(make, coach):
    return make.participant(coach_id=coach.id, pip_date=PIP)


def line(on=date(2026, 11, 16), hours_=3.0, kind=ActivityKind.PLACEMENT, **kw):
    return hours.NewHours(on, kind, hours_, **kw)


@pytest.mark.parametrize(
    ("new", "message"),
    [
        (line(hours_=-1), "Het aantal uren kan niet negatief zijn."),
        (line(hours_=12.5), "Meer dan 12 uur op één dag kan niet; er staat al 0 uur."),
        (line(on=date(2026, 1, 4)), "De datum ligt vóór de PIP-datum (4 jan 2026)."),
        (line(on=date(2026, 11, 19)), "De datum ligt in de toekomst."),
    ],
)
def test_bad_input_is_refused_with_a_dutch_message_and_saves_nothing(
    coach, participant, new, message
):
    with pytest.raises(ValidationFailed) as refused:
        hours.add(coach, participant, new, TODAY)
    assert str(refused.value).startswith(message.split(" (")[0])
    db.session.rollback()
    assert db.session.scalar(select(HoursEntry.id)) is None


def test_pip_date_in_message_is_the_pip_date(coach, participant):
    with pytest.raises(
        ValidationFailed, match=r"PIP-datum \(5 jan\. 2026\)|PIP-datum \(5 jan 2026\)"
    ):
        hours.add(coach, participant, line(on=date(2026, 1, 4)), TODAY)


def test_twelve_hours_a_day_counts_what_is_already_there(coach, participant, add_hours):
    add_hours(participant, date(2026, 11, 16), 8, activity_kind=ActivityKind.WORKSHOP)
    hours.add(coach, participant, line(hours_=4), TODAY)  # exactly 12 is allowed
    with pytest.raises(ValidationFailed, match="er staat al 12 uur"):
        hours.add(coach, participant, line(hours_=0.5, kind=ActivityKind.MAP), TODAY)


def test_rejected_hours_do_not_count_toward_the_day_limit(coach, participant, add_hours):
    add_hours(participant, date(2026, 11, 16), 10, status=HoursStatus.REJECTED)
    assert hours.add(coach, participant, line(hours_=10), TODAY).hours == 10


def test_the_same_session_twice_is_refused(coach, participant):
    hours.add(coach, participant, line(), TODAY)
    with pytest.raises(ValidationFailed, match="al ingevoerd"):
        hours.add(coach, participant, line(hours_=2), TODAY)
    hours.add(coach, participant, line(kind=ActivityKind.WORKSHOP), TODAY)  # another activity


def test_coach_entry_is_approved_reported_entry_is_submitted(coach, participant):
    by_coach = hours.add(coach, participant, line(), TODAY, approve=True)
    reported = hours.add(coach, participant, line(kind=ActivityKind.MAP), TODAY)
    assert (by_coach.status, by_coach.approved_by_id) == (HoursStatus.APPROVED, coach.id)
    assert reported.status == HoursStatus.SUBMITTED and reported.approved_by_id is None


def test_absence_is_kept_apart_and_not_counted(coach, participant):
    authorised = hours.add(
        coach, participant, line(absence_kind=AbsenceKind.AUTHORISED), TODAY, approve=True
    )
    unauthorised = hours.add(
        coach,
        participant,
        line(on=date(2026, 11, 17), absence_kind=AbsenceKind.UNAUTHORISED),
        TODAY,
    )
    assert authorised.absence_kind == AbsenceKind.AUTHORISED
    assert unauthorised.absence_kind == AbsenceKind.UNAUTHORISED
    assert not authorised.counts_toward_target and not unauthorised.counts_toward_target


def test_taalmaatje_meetings_are_recorded_not_counted(coach, participant):
    meeting = hours.add(coach, participant, line(kind=ActivityKind.TAALMAATJE), TODAY)
    assert meeting.counts_toward_target is False


def test_reject_needs_a_reason_and_keeps_it(coach, participant):
    entry = hours.add(coach, participant, line(), TODAY)
    with pytest.raises(ValidationFailed, match="Geef een reden"):
        hours.decide(coach, entry, approve=False, reason="  ")
    assert hours.decide(coach, entry, approve=False, reason="Was ziek gemeld") is True
    db.session.commit()
    stored = db.session.get(HoursEntry, entry.id)
    assert (stored.status, stored.decision_reason) == (HoursStatus.REJECTED, "Was ziek gemeld")
    assert stored.approved_by_id == coach.id


def test_correction_supersedes_and_keeps_the_history(coach, participant):
    old = hours.add(coach, participant, line(hours_=3), TODAY, approve=True)
    new = hours.correct(coach, participant, old, 2.5, TODAY)
    db.session.commit()
    assert new.supersedes_id == old.id and new.hours == 2.5
    assert db.session.get(HoursEntry, old.id).hours == 3  # never overwritten
    assert [e.id for e in hours.current_entries(participant.id, old.entry_date)] == [new.id]
    with pytest.raises(DomainError, match="al gecorrigeerd"):
        hours.correct(coach, participant, old, 1, TODAY)
    actions = db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)).all()
    assert actions == ["create", "correct"]


def test_a_correction_may_replace_the_hours_of_a_full_day(coach, participant):
    old = hours.add(coach, participant, line(hours_=12), TODAY, approve=True)
    assert hours.correct(coach, participant, old, 11, TODAY).hours == 11


def test_two_coaches_deciding_at_once_lose_neither_decision(app, make, coach, participant):
    colleague = make.user(Role.COACH, name="Coach Twee")
    entry = hours.add(coach, participant, line(), TODAY)
    db.session.commit()
    mine = db.session.get(HoursEntry, entry.id)  # coach one has the page open: submitted
    assert mine.status == HoursStatus.SUBMITTED
    with app.app_context():  # coach two, in their own request and transaction, is quicker
        theirs = db.session.get(HoursEntry, entry.id)
        assert hours.decide(db.session.merge(colleague), theirs, approve=True) is True
        db.session.commit()
    with pytest.raises(DomainError, match="al beoordeeld door Coach Twee \\(goedgekeurd\\)"):
        hours.decide(coach, mine, approve=False, reason="Niet geweest")
    db.session.rollback()
    stored = db.session.get(HoursEntry, entry.id)
    assert (stored.status, stored.approved_by_id) == (HoursStatus.APPROVED, colleague.id)


def test_the_same_decision_twice_is_not_an_error(app, make, coach, participant):
    colleague = make.user(Role.COACH)
    entry = hours.add(coach, participant, line(), TODAY)
    db.session.commit()
    mine = db.session.get(HoursEntry, entry.id)
    with app.app_context():
        hours.decide(db.session.merge(colleague), db.session.get(HoursEntry, entry.id), True)
        db.session.commit()
    assert hours.decide(coach, mine, approve=True) is False
    assert db.session.get(HoursEntry, entry.id).approved_by_id == colleague.id


def test_a_corrected_entry_can_no_longer_be_decided(coach, participant):
    reported = hours.add(coach, participant, line(), TODAY)
    hours.correct(coach, participant, reported, 2, TODAY)
    with pytest.raises(DomainError, match="intussen gecorrigeerd"):
        hours.decide(coach, reported, approve=True)
    assert db.session.get(HoursEntry, reported.id).status == HoursStatus.SUBMITTED


def test_two_coaches_deciding_in_parallel_threads(app, make, coach, participant):
    import threading

    colleague = make.user(Role.COACH, name="Coach Parallel")
    entry_id = hours.add(coach, participant, line(), TODAY).id
    db.session.commit()
    barrier, outcomes = threading.Barrier(2), {}

    def decide(user_id: int, approve: bool) -> None:
        with app.test_request_context():
            user = db.session.get(type(coach), user_id)
            entry = db.session.get(HoursEntry, entry_id)
            barrier.wait()
            try:
                hours.decide(user, entry, approve, "" if approve else "Niet geweest")
                db.session.commit()
                outcomes[user_id] = "decided"
            except DomainError as problem:
                db.session.rollback()
                outcomes[user_id] = str(problem)

    threads = [
        threading.Thread(target=decide, args=(coach.id, True)),
        threading.Thread(target=decide, args=(colleague.id, False)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == sorted([coach.id, colleague.id])
    winner = next(uid for uid, outcome in outcomes.items() if outcome == "decided")
    loser = next(uid for uid in outcomes if uid != winner)
    assert "al beoordeeld door" in outcomes[loser]
    db.session.expire_all()
    stored = db.session.get(HoursEntry, entry_id)
    assert stored.approved_by_id == winner
    assert stored.status == (HoursStatus.APPROVED if winner == coach.id else HoursStatus.REJECTED)
