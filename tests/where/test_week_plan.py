"""The week plan service: the confirmed matches in force, from every side, in bounded SQL."""

from contextlib import contextmanager
from datetime import date

from sqlalchemy import event

from matcher.extensions import db
from matcher.models import MatchStatus, Placement, Role, VolunteerKind
from matcher.services import week_plan

WEEK = date(2026, 12, 7)  # a Monday


@contextmanager
def counted():
    statements: list[str] = []

    def listener(conn, cursor, statement, *args):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", listener)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", listener)


def _setting(make, people: int = 1):
    placement = make.placement(
        sessions={"tue-pm": (3, 9), "thu-pm": (3, 9), "mon-am": (2, 9)},
        address="Dorpsstraat 14, Almelo",
        postcode="7604 RT",
    )
    buddy = make.volunteer(kind=VolunteerKind.BUDDY, availability=0b111111111111111111111)
    coach = make.user(Role.COACH, name="Coach Een")
    persons = []
    for _ in range(people):
        person = make.participant(coach_id=coach.id)
        make.match(person, placement=placement, dayparts=("thu-pm", "tue-pm"))
        make.match(person, volunteer=buddy, dayparts=("mon-ev",), starts_on=date(2026, 11, 2))
        persons.append(person)
    return placement, buddy, coach, persons


def test_participant_week_lists_running_matches_in_week_order(make):
    placement, buddy, _coach, (person,) = _setting(make)
    other = make.placement(sessions={"mon-am": (2, 1)})
    make.match(person, placement=other, status=MatchStatus.PROPOSED)  # not confirmed
    make.match(person, placement=other, status=MatchStatus.ENDED, ends_on=date(2026, 11, 1))
    make.match(person, placement=other, starts_on=date(2026, 12, 14))  # starts next week
    make.match(person, placement=other, ends_on=date(2026, 12, 4))  # ended last week
    ids = person.id, placement.id, buddy.id, placement.organisation.name
    db.session.expunge_all()
    with counted() as statements:
        plan = week_plan.participant_week(ids[0], WEEK)
        [p.placement.sessions for p in plan if p.placement]  # already loaded
    assert len(statements) == 2
    assert [e.kind for e in plan] == ["buddy", "placement"]
    buddy_entry, entry = plan
    assert buddy_entry.volunteer.id == ids[2] and buddy_entry.dayparts == ["mon-ev"]
    assert buddy_entry.slots[0].session is None
    assert entry.placement.id == ids[1]
    assert entry.organisation_name == ids[3]
    assert entry.address_line == "Dorpsstraat 14, 7604 RT Almelo"
    assert entry.dayparts == ["tue-pm", "thu-pm"]
    assert [s.daypart for s in entry.sessions] == ["tue-pm", "thu-pm"]
    assert entry.starts_on == date(2026, 1, 5) and entry.ends_on is None
    timeline = week_plan.week_slots(plan)
    assert [s.daypart for s, _ in timeline] == ["mon-ev", "tue-pm", "thu-pm"]


def test_match_that_ends_in_the_week_still_counts(make):
    placement, _b, _c, (person,) = _setting(make)
    make.match(person, placement=placement, dayparts=("mon-am",), ends_on=WEEK)
    assert len(week_plan.participant_week(person.id, WEEK)) == 3


def test_roster_per_session_and_bounded_sql(make):
    placement, _b, coach, persons = _setting(make, people=3)
    empty = make.placement(sessions={"fri-am": (2, 1)})
    pid, eid, person_ids, coach_id = placement.id, empty.id, {p.id for p in persons}, coach.id
    db.session.expunge_all()
    with counted() as few:
        roster = week_plan.placement_roster([pid, eid], WEEK)
    assert list(roster[pid]) == ["mon-am", "tue-pm", "thu-pm"]
    assert roster[pid]["mon-am"] == []
    thursday = roster[pid]["thu-pm"]
    assert {r.participant_id for r in thursday} == person_ids
    assert all(r.coach_name == "Coach Een" and r.session.daypart == "thu-pm" for r in thursday)
    assert roster[eid] == {"fri-am": []}
    again = db.session.get(Placement, pid)
    for _ in range(20):
        make.match(make.participant(coach_id=coach_id), placement=again, dayparts=("thu-pm",))
    db.session.expunge_all()
    with counted() as many:
        roster = week_plan.placement_roster([pid], WEEK)
    assert len(roster[pid]["thu-pm"]) == 23
    assert len(few) == len(many) <= 3
    host = week_plan.roster_sections(db.session.get(Placement, pid), roster[pid], host=True)
    assert [s.daypart for s in host] == ["mon-am", "tue-pm", "thu-pm"]
    assert not hasattr(host[2].rows[0], "last_name")
    assert host[0].session.daypart == "mon-am" and host[0].rows == []


def test_volunteer_matches_bounded(make):
    _p, buddy, _c, persons = _setting(make, people=2)
    bid, person_ids = buddy.id, {p.id for p in persons}
    db.session.expunge_all()
    with counted() as statements:
        rows = week_plan.volunteer_matches(bid, WEEK)
    assert len(statements) == 1
    assert {r.participant_id for r in rows} == person_ids
    assert rows[0].dayparts == ("mon-ev",) and rows[0].starts_on == date(2026, 11, 2)


def test_history_lists_every_match(make):
    placement, _b, _c, (person,) = _setting(make)
    make.match(person, placement=placement, status=MatchStatus.ENDED, ends_on=date(2026, 3, 1))
    history = week_plan.participant_history(person.id)
    assert len(history) == 3
    assert history[0].starts_on == date(2026, 11, 2)
