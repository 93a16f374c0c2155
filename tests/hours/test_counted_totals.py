"""The counted hours of many participants at once (week_hours.counted_totals, behind the
lists, figures and caseload) equal each participant's own sum, corrections included: a
corrected entry counts once, as its correction; corrections of participants outside the scope
change nothing inside it."""

from datetime import date

from sqlalchemy import select

from matcher.models import HoursStatus, Participant
from matcher.services.week_hours import approved_hours, counted_totals

DAY = date(2026, 11, 2)


def test_counted_totals_equal_each_participants_own_sum_with_corrections(make, add_hours):
    corrected, mixed, all_replaced, outside = (make.participant() for _ in range(4))
    add_hours(corrected, DAY, 2)
    old = add_hours(corrected, DAY, 3)
    add_hours(corrected, DAY, 1, supersedes_id=old.id)  # 3 corrected to 1: 2 + 1
    add_hours(mixed, DAY, 4)
    add_hours(mixed, DAY, 5, status=HoursStatus.REJECTED)  # not counted
    reported = add_hours(mixed, DAY, 2, status=HoursStatus.SUBMITTED)
    add_hours(mixed, DAY, 2.5, supersedes_id=reported.id)  # replaces an uncounted entry: 4 + 2,5
    replaced = add_hours(all_replaced, DAY, 3)
    add_hours(all_replaced, DAY, 3, supersedes_id=replaced.id, status=HoursStatus.REJECTED)
    gone = add_hours(outside, DAY, 5)
    add_hours(outside, DAY, 1, supersedes_id=gone.id)

    inside = [corrected.id, mixed.id, all_replaced.id]
    scope = select(Participant.id).where(Participant.id.in_(inside))
    expected = {corrected.id: 3.0, mixed.id: 6.5, all_replaced.id: 0.0}
    for ids in (inside, scope):
        totals = counted_totals(ids)
        assert {pid: totals.get(pid, 0.0) for pid in inside} == expected
        assert set(totals) <= set(inside)  # nobody from outside the scope
    own = approved_hours(inside, None)  # the one-by-one definition (NOT EXISTS a correction)
    assert {pid: own.get(pid, 0.0) for pid in inside} == expected
    assert counted_totals([outside.id]) == {outside.id: 1.0}


def test_bulk_figures_see_changes_not_yet_flushed(make, add_hours):
    """The bulk reads go through the session's connection; they flush first, as the session's
    own queries do, so a service that changes and then counts sees its own change."""
    from matcher.extensions import db
    from matcher.models import HoursEntry, ParticipantStatus
    from matcher.services import participant_filters
    from matcher.services.participant_filters import Need

    person = make.participant()
    kind = add_hours(person, DAY, 2).activity_kind
    pid = person.id  # loaded now: reading it later must not be what flushes
    db.session.add(
        HoursEntry(
            participant_id=pid,
            entry_date=DAY,
            activity_kind=kind,
            hours=4,
            counts_toward_target=True,
            status=HoursStatus.APPROVED,
        )
    )
    person.status = ParticipantStatus.PAUSED
    assert counted_totals([pid]) == {pid: 6.0}
    scope = select(Participant).where(Participant.id == pid)
    assert participant_filters.needs_for(scope, DAY)[pid][0] == {Need.PAUSED}
