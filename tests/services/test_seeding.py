"""Loading the demo region: complete, idempotent, and all-or-nothing on bad files."""

import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select

from matcher.dayparts import INDEX
from matcher.extensions import db
from matcher.models import (
    HoursEntry,
    Match,
    Municipality,
    Organisation,
    Participant,
    Placement,
    PlacementSession,
    Role,
    User,
    Volunteer,
)
from matcher.services import volunteering
from matcher.services.seed_rows import SeedError
from matcher.services.seeding import load_region

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
MODELS = [
    Municipality,
    User,
    Organisation,
    Placement,
    PlacementSession,
    Volunteer,
    Participant,
    Match,
    HoursEntry,
]


def counts() -> dict:
    return {m.__name__: db.session.scalar(select(func.count()).select_from(m)) for m in MODELS}


def test_demo_region_loads_the_promised_sizes(app_ctx):
    load_region(SEEDS)
    db.session.commit()
    c = counts()
    assert c["Municipality"] == 14
    assert 110 <= c["Participant"] <= 130
    assert 40 <= c["Placement"] <= 50
    assert 35 <= c["Volunteer"] <= 45
    assert c["Organisation"] == 25
    assert c["HoursEntry"] > 200
    roles = dict(db.session.execute(select(User.role, func.count()).group_by(User.role)).all())
    assert (roles[Role.COACH], roles[Role.COORDINATOR], roles[Role.ADMIN]) == (4, 1, 1)
    enschede = db.session.scalar(select(Municipality).where(Municipality.name == "Enschede"))
    assert (round(enschede.lat, 2), round(enschede.lon, 2)) == (52.22, 6.89)


def test_seeding_twice_creates_no_duplicates(app_ctx):
    load_region(SEEDS)
    db.session.commit()
    first = counts()
    load_region(SEEDS)
    db.session.commit()
    assert counts() == first


def test_seeded_matches_respect_capacity_and_availability(app_ctx):
    load_region(SEEDS)
    db.session.commit()
    taken: dict = {}
    per_volunteer: dict = {}
    week_of: dict = {}
    for match in db.session.scalars(select(Match)):
        assert match.dayparts & ~match.participant.availability == 0
        assert week_of.get(match.participant_id, 0) & match.dayparts == 0  # one thing at a time
        week_of[match.participant_id] = week_of.get(match.participant_id, 0) | match.dayparts
        if match.volunteer is not None:
            assert match.dayparts & ~match.volunteer.availability == 0
            per_volunteer[match.volunteer_id] = per_volunteer.get(match.volunteer_id, 0) + 1
            assert per_volunteer[match.volunteer_id] <= match.volunteer.capacity
            continue
        for session in match.placement.sessions:
            if match.dayparts >> INDEX[session.daypart] & 1:
                taken[session.id] = taken.get(session.id, 0) + 1
                assert taken[session.id] <= session.capacity


def test_every_printed_portal_account_has_a_running_match(app_ctx):
    """The demo's volunteer and host accounts can report a session right away (issue 16)."""
    load_region(SEEDS)
    db.session.commit()
    accounts = db.session.scalars(select(User).where(User.role == Role.VOLUNTEER)).all()
    assert accounts
    for user in accounts:
        assert volunteering.own_matches(user), user.email


def _broken_copy(tmp_path: Path, file: str, old: str, new: str) -> Path:
    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS, folder)
    path = folder / file
    content = path.read_text(encoding="utf-8")
    assert old in content
    path.write_text(content.replace(old, new, 1), encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("file", "old", "new", "expected"),
    [
        (
            "sessions.csv",
            ",capacity\n",
            ",capacity\nPL-001,mon-xx,09:00,12:00,2\n",
            "sessions.csv, rij 2, veld daypart: onbekend dagdeel 'mon-xx'",
        ),
        ("participants.csv", "A1,", "Z9,", "participants.csv, rij"),
        (
            "placements.csv",
            "ORG-001",
            "ORG-999",
            "placements.csv, rij 2, veld organisation_ref: 'ORG-999' bestaat niet",
        ),
        ("sessions.csv", "capacity", "plaatsen", "sessions.csv: kolom ontbreekt: capacity"),
    ],
)
def test_malformed_seed_file_is_refused_and_nothing_is_written(
    app_ctx, tmp_path, file, old, new, expected
):
    folder = _broken_copy(tmp_path, file, old, new)
    with pytest.raises(SeedError) as caught:
        load_region(folder)
    db.session.rollback()
    assert any(problem.startswith(expected) for problem in caught.value.problems), caught.value
    assert all(count == 0 for count in counts().values())


def test_negative_capacity_in_a_seed_is_named(app_ctx, tmp_path):
    folder = _broken_copy(
        tmp_path, "sessions.csv", ",capacity\n", ",capacity\nPL-001,mon-am,09:00,12:00,-1\n"
    )
    with pytest.raises(SeedError) as caught:
        load_region(folder)
    assert (
        "sessions.csv, rij 2, veld capacity: -1 ligt niet tussen 0 en 1000"
        in caught.value.problems[0]
    )
