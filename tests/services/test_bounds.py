"""One place for each profile bound (matcher/bounds.py): the form, the import, the service, the
seed rows and the database check take and refuse the same values. The load cap used to be
checked five ways with four ranges (the database allowed 40 where everything else said 20)."""

from datetime import date

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError

from matcher import bounds
from matcher.extensions import db
from matcher.models import ActivityKind, HoursEntry, Participant, Role
from matcher.services import profiles, seed_rows
from matcher.services.imports.specs import Context, parse_row

# (bound, table, column): every database check built from a bound.
CHECKS = [
    (bounds.LOAD_CAP, "participants", "max_hours_week"),
    (bounds.TRAVEL_KM, "participants", "travel_km"),
    (bounds.HOURS_BEFORE, "participants", "hours_before"),
    (bounds.VOLUNTEER_CAPACITY, "volunteers", "capacity"),
    (bounds.MEETING_HOURS, "volunteers", "session_hours"),
    (bounds.TRAVEL_KM, "volunteers", "travel_km"),
    (bounds.SESSION_HOURS, "placement_sessions", "hours"),
    (bounds.SESSION_PLACES, "placement_sessions", "capacity"),
    (bounds.DAY_HOURS, "hours_entries", "hours"),
]


@pytest.fixture
def one_of_each(make):
    participant = make.participant()
    make.volunteer()
    make.placement(sessions={"mon-am": (3, 2)})
    db.session.add(
        HoursEntry(
            participant_id=participant.id,
            entry_date=date(2026, 2, 2),
            activity_kind=ActivityKind.PLACEMENT,
            hours=3,
            counts_toward_target=True,
        )
    )
    db.session.commit()


def _set(table: str, column: str, value) -> None:
    db.session.execute(text(f"UPDATE {table} SET {column} = :value"), {"value": value})  # noqa: S608
    db.session.flush()


def _outside(bound) -> list[float]:
    step = 1 if bound.whole else 0.5
    below = [bound.low] if bound.low_open else [bound.low - step]
    return [*below, bound.high + step]


@pytest.mark.parametrize(("bound", "table", "column"), CHECKS, ids=lambda v: str(v))
def test_the_database_check_is_the_bound(one_of_each, bound, table, column):
    _set(table, column, bound.high)  # the bound itself is inside
    db.session.rollback()
    for value in _outside(bound):
        with pytest.raises(IntegrityError):
            _set(table, column, value)
        db.session.rollback()


def test_a_load_cap_of_20_5_is_refused_by_form_import_service_seeds_and_database(
    login_as, make, app
):
    from tests.registry.test_profiles import profile_form

    client, _ = login_as(Role.COORDINATOR)
    town = make.municipality()
    for typed, accepted in (("20,5", False), ("20", True)):
        response = client.post_form(
            "/deelnemers/nieuw", profile_form(town.id, max_hours_week=typed)
        )
        assert (response.status_code == 302) is accepted, typed
        with app.test_request_context():
            row = {"max_uren_week": typed, "postcode": "7601 AB"}
            row.update(breedtegraad="52.35", lengtegraad="6.66")
            _values, errors = parse_row("participants", row, Context())
            value = float(typed.replace(",", "."))  # profiles.check words its errors: a request
            assert ("max_hours_week" not in profiles.check({"max_hours_week": value})) is accepted
        assert ("max_uren_week" not in dict(errors)) is accepted, typed
        parse = seed_rows.SPECS["participants.csv"]["max_hours_week"]
        if accepted:
            assert parse(typed) == 20
        else:
            with pytest.raises(ValueError):
                parse(typed)
    assert db.session.scalar(select(Participant.max_hours_week)) == 20
    with pytest.raises(IntegrityError):
        _set("participants", "max_hours_week", 20.5)
    db.session.rollback()


@pytest.mark.parametrize("value", [0, -1, 20.0001, float("nan"), float("inf"), None, "12", True])
def test_the_bound_refuses_what_is_outside_or_no_number(value):
    assert not bounds.LOAD_CAP.contains(value)


def test_the_bound_takes_what_is_inside():
    assert bounds.LOAD_CAP.contains(0.25) and bounds.LOAD_CAP.contains(20)
    assert bounds.SESSION_PLACES.contains(3) and not bounds.SESSION_PLACES.contains(2.5)
    assert bounds.DAY_HOURS.contains(0)
