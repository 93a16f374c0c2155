"""Database constraints keep bad data out, whichever door it comes through."""

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError, StatementError

from matcher.extensions import db
from matcher.models import PlacementSession, Role, User


@pytest.mark.parametrize(
    ("table_sql", "label"),
    [
        ("UPDATE placement_sessions SET capacity = -1", "negative capacity"),
        ("UPDATE placement_sessions SET hours = -2", "negative hours"),
        ("UPDATE placement_sessions SET daypart = 'mon-xx'", "unknown day-part"),
        ("UPDATE participants SET max_hours_week = 0", "zero load cap"),
        ("UPDATE participants SET dutch_level = 'C2'", "unknown level"),
        ("UPDATE participants SET coach_id = 999999", "dangling foreign key"),
        ("UPDATE participants SET availability = 4194304", "availability beyond 21 day-parts"),
    ],
)
def test_check_and_foreign_key_constraints(make, table_sql, label):
    make.placement()
    make.participant()
    with pytest.raises(IntegrityError):
        db.session.execute(text(table_sql))
        db.session.flush()
    db.session.rollback()


def test_email_is_unique(make):
    make.user(Role.COACH, email="same@example.org")
    with pytest.raises(IntegrityError):
        make.user(Role.COACH, email="same@example.org")
    db.session.rollback()


def test_a_day_part_occurs_once_per_placement(make):
    placement = make.placement(sessions={"mon-am": (3, 2)})
    db.session.add(PlacementSession(placement=placement, daypart="mon-am", hours=2, capacity=1))
    with pytest.raises(IntegrityError):
        db.session.flush()
    db.session.rollback()


def test_match_must_name_a_target_of_its_kind(make):
    participant = make.participant()
    volunteer = make.volunteer()
    match = make.match(participant, volunteer=volunteer, dayparts=("mon-ev",))
    match.placement_id = make.placement().id
    with pytest.raises(IntegrityError):
        db.session.flush()
    db.session.rollback()


def test_unknown_role_is_refused_before_it_reaches_the_database(app_ctx):
    db.session.add(User(email="x@example.org", name="X", role="superuser"))
    with pytest.raises((StatementError, LookupError, ValueError)):
        db.session.flush()
    db.session.rollback()
