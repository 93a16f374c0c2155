"""`matcher backup` and `matcher restore`: backup → change → restore gives every table back
row for row, and a backup is not restored over a database at a newer schema."""

import pytest
from sqlalchemy import select, text

from matcher.cli import cli
from matcher.extensions import db
from matcher.models import Participant, Role, User
from matcher.services import audit, backup


def _tables() -> dict[str, list[tuple]]:
    """Every row of every table, in primary-key order."""
    contents = {}
    for table in db.metadata.sorted_tables:
        order = list(table.primary_key.columns) or list(table.columns)
        rows = db.session.execute(select(table).order_by(*order)).all()
        contents[table.name] = [tuple(row) for row in rows]
    contents["alembic_version"] = db.session.execute(
        text("SELECT version_num FROM alembic_version")
    ).all()
    return contents


@pytest.fixture
def filled(app_ctx, make):
    coach = make.user(Role.COACH, name="Coach Karin")
    participant = make.participant(coach=coach, last_name="Jansen")
    audit.record(coach, "view", "participant", participant.id)
    db.session.commit()
    return participant


def test_backup_change_restore_gives_every_table_back(app, filled, tmp_path):
    runner = app.test_cli_runner()
    path = tmp_path / "matcher.backup"
    made = runner.invoke(cli, ["backup", str(path)])
    assert made.exit_code == 0, made.output
    before = _tables()
    participant_id = filled.id
    filled.last_name = "Veranderd"
    db.session.add(User(email="new@example.org", name="Nieuw", role=Role.ADMIN))
    audit.record(None, "update", "participant", filled.id, ["last_name"])
    db.session.commit()
    assert _tables() != before
    db.session.remove()

    restored = runner.invoke(cli, ["restore", str(path), "--yes"])
    assert restored.exit_code == 0, restored.output
    db.session.remove()
    assert _tables() == before
    assert db.session.get(Participant, participant_id).last_name == "Jansen"
    assert audit.verify_chain().intact


def test_backup_refuses_to_overwrite_a_file(app, filled, tmp_path):
    path = tmp_path / "taken.backup"
    path.write_text("earlier")
    result = app.test_cli_runner().invoke(cli, ["backup", str(path)])
    assert result.exit_code != 0 and "bestaat al" in result.output
    assert path.read_text() == "earlier"


def test_restore_refuses_a_backup_of_an_older_schema(app, filled, tmp_path):
    runner = app.test_cli_runner()
    current = backup.database_revision()
    participant_id, name = filled.id, filled.last_name
    path = tmp_path / "old.backup"
    db.session.remove()
    with db.engine.begin() as connection:  # the backup is made as if at the revision before
        connection.execute(text("UPDATE alembic_version SET version_num = '0012_rules'"))
    try:
        assert runner.invoke(cli, ["backup", str(path)]).exit_code == 0
    finally:
        with db.engine.begin() as connection:
            connection.execute(text("UPDATE alembic_version SET version_num = :v"), {"v": current})
    result = runner.invoke(cli, ["restore", str(path), "--yes"])
    assert result.exit_code != 0 and "nieuwer schema" in result.output
    db.session.remove()
    assert backup.database_revision() == current
    assert db.session.get(Participant, participant_id).last_name == name


def test_restore_refuses_what_is_not_a_backup(app, app_ctx, tmp_path):
    runner = app.test_cli_runner()
    missing = runner.invoke(cli, ["restore", str(tmp_path / "none"), "--yes"])
    assert missing.exit_code != 0 and "bestaat niet" in missing.output
    junk = tmp_path / "junk.backup"
    junk.write_bytes(b"not a database at all" * 100)
    result = runner.invoke(cli, ["restore", str(junk), "--yes"])
    assert result.exit_code != 0 and "Traceback" not in result.output
