"""search_text follows every write: service saves, seeds, erasure and the migration's backfill."""

from datetime import date

import sqlalchemy as sa
from flask_migrate import upgrade

from matcher import create_app
from matcher.extensions import db
from matcher.models import (
    Organisation,
    Participant,
    Placement,
    Role,
    User,
    Volunteer,
    search_text_of,
)
from matcher.services import participants, privacy, profiles, seeding
from matcher.services import registry_volunteers as volunteers
from matcher.services.demo import SEEDS_DIR
from tests.conftest import POSTGRES_URL
from tests.registry.sheets import csv_bytes, participant_rows
from tests.registry.test_imports import upload


def _stored(model, record_id: int) -> str:
    """The search text as the database holds it (not the session's copy)."""
    db.session.expire_all()
    return db.session.scalar(sa.select(model.search_text).where(model.id == record_id))


def test_a_changed_name_is_found_under_the_new_name_only(make):
    coordinator = make.user(Role.COORDINATOR, password=None)
    volunteer = make.volunteer(first_name="Hiba", last_name="Abraha")
    values = {"first_name": "Мирослава", "last_name": "Коваленко", "postcode": "7511 AB"}
    volunteers.save(coordinator, volunteer, values)
    db.session.commit()
    assert _stored(Volunteer, volunteer.id) == "мирослава коваленко 7511 ab 7511ab"
    assert volunteers.search("hiba").items == []
    assert [v.id for v in volunteers.search("МИРОСЛАВА").items] == [volunteer.id]


def test_a_profile_saved_by_the_coordinator_is_searchable(make):
    coordinator = make.user(Role.COORDINATOR, password=None)
    town = make.municipality()
    values = {
        "first_name": "Ḥusayn",
        "last_name": "Abraha",
        "municipality_id": town.id,
        "postcode": "7607 AB",
        "lat": 52.3,
        "lon": 6.6,
    }
    created = profiles.save(coordinator, None, values, date(2026, 3, 2))
    db.session.commit()
    assert _stored(Participant, created.id) == "husayn abraha 7607 ab 7607ab"


def test_erasure_clears_the_search_text(make):
    coach = make.user(Role.COACH, password=None)
    person = make.participant(
        coach=coach, first_name="Hiba", last_name="Abraha", postcode="7607 AB"
    )
    privacy.erase(coach, person)
    db.session.commit()
    stored = _stored(Participant, person.id)
    assert "hiba" not in stored and "abraha" not in stored and "7607" not in stored
    assert stored == "geanonimiseerd"
    coordinator = make.user(Role.COORDINATOR, password=None)
    for query in ("Hiba", "Abraha", "7607ab", "Hiba Abraha"):
        assert participants.search(coordinator, query).items == [], query


def test_the_retention_purge_clears_the_search_text(make):
    person = make.participant(first_name="Hiba", last_name="Abraha", duty_ended_on=date(2018, 1, 1))
    privacy.purge(date(2026, 3, 2))
    db.session.commit()
    assert _stored(Participant, person.id) == "geanonimiseerd"


def test_seeded_records_carry_their_search_text(app_ctx):
    seeding.load_region(SEEDS_DIR)
    db.session.commit()
    db.session.expire_all()
    for model in (Participant, Volunteer, Organisation, Placement, User):
        records = db.session.scalars(sa.select(model)).all()
        assert records, model
        assert all(r.search_text and r.search_text == search_text_of(r) for r in records), model


def _scratch_url(tmp_path) -> tuple[str, str | None]:
    """A database of its own for a migration run: a SQLite file, or a PostgreSQL schema."""
    if not POSTGRES_URL:
        return f"sqlite:///{tmp_path / 'migrate.sqlite'}", None
    schema = "search_migration_test"
    separator = "&" if "?" in POSTGRES_URL else "?"
    return f"{POSTGRES_URL}{separator}options=-csearch_path%3D{schema}", schema


def test_the_migration_fills_search_text_for_existing_rows(app, tmp_path):
    url, schema = _scratch_url(tmp_path)
    scratch = create_app({"TESTING": True, "DATABASE_URL": url, "SECRET_KEY": "x"})
    with scratch.app_context():
        if schema:
            with db.engine.begin() as conn:
                conn.execute(sa.text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
                conn.execute(sa.text(f"CREATE SCHEMA {schema}"))
        try:
            _migrate_with_rows(scratch)
        finally:
            db.session.remove()
            if schema:
                with db.engine.begin() as conn:
                    conn.execute(sa.text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
            db.engine.dispose()


def _migrate_with_rows(scratch) -> None:
    directory = scratch.extensions["migrate"].directory
    upgrade(directory=directory, revision="0010_versions")
    rows = 1201  # more than two batches
    with db.engine.begin() as conn:
        conn.execute(
            sa.text(
                "INSERT INTO municipalities (id, name, main_place, lat, lon) "
                "VALUES (1, 'Enschede', 'Enschede', 52.2, 6.9)"
            )
        )
        conn.execute(
            sa.text(
                "INSERT INTO participants (id, first_name, last_name, municipality_id, route,"
                " status, pip_date, availability, max_hours_week, functional_limits, notes,"
                " interests, dutch_level, languages, postcode, lat, lon, travel_km,"
                " wants_taalmaatje, wants_buddy, participation_target, hours_before, created_at)"
                " VALUES (:id, :first, 'Коваленко', 1, 'z_route', 'active', '2026-01-05', 0, 16,"
                " '', '', '[]', 'A0', '[]', '7607 AB', 52.2, 6.9, 5, false, false, 800, 0,"
                " '2026-01-05 00:00:00')"
            ),
            [{"id": n, "first": f"Ḥusayn{n}"} for n in range(1, rows + 1)],
        )
        conn.execute(
            sa.text(
                "INSERT INTO organisations (id, name, municipality_id, contact_name,"
                " contact_email, contact_phone, active)"
                " VALUES (1, 'Stichting Ḥusayn', 1, 'Hiba Abraha', '', '', true)"
            )
        )
    upgrade(directory=directory, revision="0011_search")
    with db.engine.connect() as conn:
        texts = dict(conn.execute(sa.text("SELECT id, search_text FROM participants")).all())
        organisation = conn.execute(sa.text("SELECT search_text FROM organisations")).scalar()
    assert len(texts) == rows
    assert texts[1] == "husayn1 коваленко 7607 ab 7607ab"
    assert texts[rows] == f"husayn{rows} коваленко 7607 ab 7607ab"
    assert organisation == "stichting husayn hiba abraha"


def test_imported_participants_are_found_by_name_and_postcode(login_as, make):
    client, coordinator = login_as(Role.COORDINATOR)
    make.municipality("Almelo")
    rows = participant_rows(3, "Almelo")
    header = rows[0]
    rows[1][header.index("voornaam")] = "Мирослава"
    rows[1][header.index("postcode")] = "7607 AB"
    page = upload(client, "participants", csv_bytes(rows), "deelnemers.csv").get_data(True)
    token = page.split('name="token" type="hidden" value="')[1].split('"')[0]
    assert client.post_form("/import/opslaan", {"token": token}).status_code == 302
    found = participants.search(coordinator, "МИРОСЛАВА 7607ab").items
    assert [p.first_name for p in found] == ["Мирослава"]
