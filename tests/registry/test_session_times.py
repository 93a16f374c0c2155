"""Placement sessions have clock times (issue 13): hours follow from them, the start lies in the
day-part, and older imports, seeds and rows without times get the day-part's usual times."""

import io
import shutil
from datetime import date, time
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask_migrate import downgrade, upgrade
from sqlalchemy.exc import IntegrityError

from matcher import create_app, dayparts
from matcher.extensions import db
from matcher.models import Placement, PlacementSession, Role
from matcher.services import imports, placements
from matcher.services.errors import ValidationFailed
from matcher.services.seed_rows import SeedError
from matcher.services.seeding import load_region
from tests.factories import Factory
from tests.registry.helpers import text
from tests.registry.sheets import csv_bytes

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
HEADER = ["kenmerk", "organisatie", "gemeente", "titel", "categorie", "postcode", "breedtegraad",
          "lengtegraad", "sessies"]  # fmt: skip


def t(text: str) -> time:
    return time.fromisoformat(text)


def test_the_day_part_windows():
    assert dayparts.starts_inside("mon-am", t("00:00")) and dayparts.starts_inside(
        "mon-am", t("11:59")
    )
    assert not dayparts.starts_inside("mon-am", t("12:00"))
    assert dayparts.starts_inside("thu-pm", t("12:00")) and dayparts.starts_inside(
        "thu-pm", t("17:59")
    )
    assert not dayparts.starts_inside("thu-pm", t("18:00"))
    assert not dayparts.starts_inside("thu-pm", t("11:45"))
    assert dayparts.starts_inside("sun-ev", t("18:00")) and not dayparts.starts_inside(
        "sun-ev", t("17:59")
    )


def test_default_times_follow_day_part_and_hours():
    assert dayparts.default_times("mon-am", 3) == (t("09:00"), t("12:00"))
    assert dayparts.default_times("thu-pm", 2.5) == (t("13:30"), t("16:00"))
    assert dayparts.default_times("fri-ev", 2) == (t("19:00"), t("21:00"))
    # An evening of 5,5 hours starts earlier, inside the evening; one of 8 ends at 23:59.
    assert dayparts.default_times("fri-ev", 5.5) == (t("18:29"), t("23:59"))
    assert dayparts.default_times("fri-ev", 8) == (t("18:00"), t("23:59"))
    assert dayparts.hours_between(t("13:30"), t("16:45")) == 3.25


def test_every_time_problem_has_its_code():
    check = placements.time_problem
    assert check("mon-am", t("09:00"), t("12:00")) is None
    assert check("mon-am", None, t("12:00")) == "session.times_missing"
    assert check("mon-am", t("09:00"), t("09:00")) == "session.end_before_start"
    assert check("mon-am", t("09:00"), t("08:00")) == "session.end_before_start"
    assert check("mon-am", t("12:00"), t("13:00")) == "session.outside_am"
    assert check("mon-pm", t("18:00"), t("19:00")) == "session.outside_pm"
    assert check("mon-ev", t("17:00"), t("19:00")) == "session.outside_ev"
    assert check("mon-am", t("06:00"), t("18:15")) == "session.too_long"
    assert check("mon-am", t("06:00"), t("18:00")) is None  # 12 hours is the most


def test_hours_follow_from_the_times(make):
    placement = make.placement(sessions={"mon-am": (3, 2)})
    session = placement.sessions[0]
    assert (session.starts_at, session.ends_at, session.hours) == (t("09:00"), t("12:00"), 3.0)
    placements.save(
        make.user(Role.COORDINATOR),
        placement,
        {},
        {"mon-am": (t("08:15"), t("12:00"), 2), "tue-pm": (t("13:00"), t("14:30"), 1)},
    )
    db.session.commit()
    db.session.expire_all()
    stored = {s.daypart: s.hours for s in db.session.get(Placement, placement.id).sessions}
    assert stored == {"mon-am": 3.75, "tue-pm": 1.5}


def test_a_save_refuses_times_outside_the_day_part(make):
    placement = make.placement()
    with pytest.raises(ValidationFailed) as refused:
        placements.save(
            make.user(Role.COORDINATOR), placement, {}, {"mon-pm": (t("10:00"), t("12:00"), 1)}
        )
    assert refused.value.errors == {"mon-pm": "session.outside_pm"}
    db.session.rollback()


def test_hours_only_keep_the_stored_times_when_the_hours_did_not_change(make):
    placement = make.placement(sessions={"mon-am": (3, 2)})
    placement.sessions[0].set_times(t("10:00"), t("13:00"))
    db.session.commit()
    coordinator = make.user(Role.COORDINATOR)
    placements.save(coordinator, placement, {}, {"mon-am": (3.0, 4), "wed-ev": (2.0, 1)})
    db.session.commit()
    times = {s.daypart: (s.starts_at, s.ends_at, s.capacity) for s in placement.sessions}
    assert times == {"mon-am": (t("10:00"), t("13:00"), 4), "wed-ev": (t("19:00"), t("21:00"), 1)}


@pytest.mark.parametrize(
    ("daypart", "starts", "ends"),
    [
        ("mon-am", "12:00", "13:00"),  # a morning from noon
        ("mon-pm", "11:00", "13:00"),  # an afternoon before noon
        ("mon-pm", "18:30", "19:00"),  # an afternoon in the evening
        ("mon-ev", "17:00", "20:00"),  # an evening before six
        ("mon-am", "10:00", "09:00"),  # ending before it starts
    ],
)
def test_the_database_refuses_times_that_do_not_fit(make, daypart, starts, ends):
    """On SQLite and on PostgreSQL (run with MATCHER_TEST_DATABASE_URL)."""
    placement = make.placement(sessions={"sun-am": (3, 2)})
    session = PlacementSession(daypart=daypart, starts_at=t(starts), ends_at=t(ends), capacity=1)
    session.hours = 1.0  # as the solver would read it: only the times are wrong
    placement.sessions.append(session)
    with pytest.raises(IntegrityError):
        db.session.flush()
    db.session.rollback()


def test_the_database_takes_times_that_fit(make):
    placement = make.placement(sessions={"sun-am": (3, 2)})
    fitting = [("mon-am", "00:00", "11:00"), ("mon-pm", "12:00", "17:59"),
               ("mon-ev", "18:00", "23:59"), ("tue-am", "11:45", "12:30")]  # fmt: skip
    for daypart, starts, ends in fitting:
        placement.sessions.append(
            PlacementSession(daypart=daypart, starts_at=t(starts), ends_at=t(ends), capacity=1)
        )
    db.session.commit()
    assert len(db.session.get(Placement, placement.id).sessions) == 5  # with the factory's


def _table(sessions: str) -> list[list[str]]:
    return [HEADER, ["P1", "Kringloop", "Almelo", "Sorteren", "kringloop", "7601 AB", "52.3",
                     "6.6", sessions]]  # fmt: skip


def test_import_with_times_stores_them(make):
    make.municipality("Almelo")
    table = _table("mon-am:08:30-12:00:2; thu-pm:13.30–16.00:4")
    preview = imports.preview("placements", table)
    assert not preview.errors and not preview.notices
    imports.commit(make.user(Role.COORDINATOR), "placements", table, date(2026, 12, 2))
    db.session.commit()
    placement = db.session.scalar(sa.select(Placement))
    stored = {(s.daypart, s.starts_at, s.ends_at, s.hours, s.capacity) for s in placement.sessions}
    assert stored == {
        ("mon-am", t("08:30"), t("12:00"), 3.5, 2),
        ("thu-pm", t("13:30"), t("16:00"), 2.5, 4),
    }
    assert imports.preview("placements", table).unchanged == 1  # the same file again


def test_import_without_times_derives_them_with_a_notice(make):
    make.municipality("Almelo")
    table = _table("mon-am:3:2; wed-ev:2,5:1")
    preview = imports.preview("placements", table)
    assert not preview.errors
    assert [(n.code, n.data) for n in preview.notices] == [("session.times_derived", {"count": 1})]
    imports.commit(make.user(Role.COORDINATOR), "placements", table, date(2026, 12, 2))
    db.session.commit()
    placement = db.session.scalar(sa.select(Placement))
    stored = {(s.daypart, s.starts_at, s.ends_at, s.hours) for s in placement.sessions}
    assert stored == {
        ("mon-am", t("09:00"), t("12:00"), 3.0),
        ("wed-ev", t("19:00"), t("21:30"), 2.5),
    }
    assert imports.preview("placements", table).unchanged == 1  # same hours: times are kept


@pytest.mark.parametrize(
    ("sessions", "code"),
    [
        ("mon-am:11:00-10:00:2", "session.end_before_start"),
        ("mon-pm:10:00-12:00:2", "session.outside_pm"),
        ("mon-am:9:00-xx:2", "session_format"),
        ("mon-am:25:00-26:00:2", "session.time_format"),
    ],
)
def test_import_names_bad_times(make, sessions, code):
    make.municipality("Almelo")
    [error] = imports.preview("placements", _table(sessions)).errors
    inner = error.data.get("inner")
    found = error.code if inner is None else inner.data.get("problem", inner.code)
    assert found == code, error


def test_import_page_words_the_notice_and_the_errors(login_as, make):
    client, _ = login_as(Role.COORDINATOR)
    make.municipality("Almelo")
    table = [
        *_table("mon-am:3:2"),
        ["P2", "Kringloop", "Almelo", "Kassa", "winkel", "7601 AB", "52.3", "6.6",
         "mon-ev:17:00-19:00:1"],
    ]  # fmt: skip
    page = text(
        client.post_form(
            "/import/",
            {"kind": "placements", "upload": (io.BytesIO(csv_bytes(table)), "plekken.csv")},
            content_type="multipart/form-data",
        )
    )
    assert "mon-ev: Een avondsessie begint om 18:00 of later." in page, page[-3000:]
    assert "1 rij geeft sessies met uren maar zonder begin- en eindtijd" in page


def test_export_writes_the_times(make):
    from matcher.services import exports

    placement = make.placement(sessions={"thu-pm": (3, 2)})
    row = exports._placement(placement)
    assert "thu-pm:13:30-16:30:2" in row


def _seed_copy(tmp_path: Path, sessions_csv: str) -> Path:
    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS, folder)
    (folder / "sessions.csv").write_text(sessions_csv, encoding="utf-8")
    return folder


def test_an_older_seed_file_with_hours_only_still_loads(app_ctx, tmp_path):
    folder = _seed_copy(
        tmp_path, "placement_ref,daypart,hours,capacity\nPL-001,mon-am,3,2\nPL-001,thu-ev,2,1\n"
    )
    load_region(folder)
    db.session.commit()
    sessions = db.session.scalars(sa.select(PlacementSession).order_by(PlacementSession.id))
    assert [(s.daypart, s.starts_at, s.ends_at, s.hours) for s in sessions] == [
        ("mon-am", t("09:00"), t("12:00"), 3.0),
        ("thu-ev", t("19:00"), t("21:00"), 2.0),
    ]


def test_the_demo_seeds_carry_times_inside_their_day_parts(app_ctx):
    load_region(SEEDS)
    db.session.commit()
    sessions = db.session.scalars(sa.select(PlacementSession)).all()
    assert sessions and all(dayparts.starts_inside(s.daypart, s.starts_at) for s in sessions)
    assert all(s.hours == dayparts.hours_between(s.starts_at, s.ends_at) for s in sessions)


def test_a_seed_time_outside_its_day_part_is_named(app_ctx, tmp_path):
    folder = _seed_copy(
        tmp_path, "placement_ref,daypart,starts_at,ends_at,capacity\nPL-001,mon-pm,10:00,12:00,2\n"
    )
    with pytest.raises(SeedError) as caught:
        load_region(folder)
    db.session.rollback()
    assert any(
        p.startswith("sessions.csv, rij 2, veld starts_at: Een middagsessie begint")
        for p in caught.value.problems
    ), caught.value.problems


def test_migration_0016_back_fills_times_from_day_part_and_hours(tmp_path):
    """Down to 0015 (no times), hours as they were stored, up again: times from the day-part."""
    url = f"sqlite:///{tmp_path / 'migrate.sqlite'}"
    app = create_app({"TESTING": True, "DATABASE_URL": url, "SECRET_KEY": "migrate"})
    with app.app_context():
        directory = app.extensions["migrate"].directory
        upgrade(directory=directory)
        make = Factory()
        make.placement(sessions={"mon-am": (3, 1), "tue-pm": (2.5, 1), "wed-ev": (4, 1)})
        make.placement(sessions={"fri-ev": (8, 1)})
        db.session.remove()
        downgrade(directory=directory, revision="0015_rejections")
        with db.engine.begin() as connection:
            columns = [c["name"] for c in sa.inspect(connection).get_columns("placement_sessions")]
            assert "starts_at" not in columns
            # The hours as a form could store them before 0016 (today's model caps the evening).
            connection.execute(
                sa.text("UPDATE placement_sessions SET hours = 8 WHERE daypart = 'fri-ev'")
            )
        upgrade(directory=directory)
        rows = db.session.execute(
            sa.text("SELECT daypart, starts_at, ends_at, hours FROM placement_sessions ORDER BY id")
        ).all()
        shown = [(d, str(s)[:5], str(e)[:5], h) for d, s, e, h in rows]
        assert shown == [
            ("mon-am", "09:00", "12:00", 3.0),
            ("tue-pm", "13:30", "16:00", 2.5),
            ("wed-ev", "19:00", "23:00", 4.0),
            ("fri-ev", "18:00", "23:59", 5.9833),  # no 8 hours fit in an evening
        ]
        with db.engine.connect() as connection:
            nullable = {
                c["name"]: c["nullable"]
                for c in sa.inspect(connection).get_columns("placement_sessions")
            }
        assert (nullable["starts_at"], nullable["ends_at"]) == (False, False)
        db.session.remove()
        db.engine.dispose()


def test_a_placement_match_shows_its_sessions_times(app, make):
    from matcher.web.matching.wording import match_when

    placement = make.placement(sessions={"thu-pm": (3, 2), "sat-am": (2, 1)})
    match = make.match(make.participant(), placement=placement, dayparts=("thu-pm", "sat-am"))
    with app.test_request_context():
        assert match_when(match) == "donderdag middag, 13:30–16:30; zaterdag ochtend, 09:00–11:00"
