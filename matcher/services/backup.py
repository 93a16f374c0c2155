"""Backups and restores of the whole database, with the database's own tools.

SQLite: the online backup API (a consistent copy while the application runs). PostgreSQL:
pg_dump in its custom format and pg_restore (--clean, one transaction). A restore is refused
when the database is at a newer schema than the backup (or the backup's schema is unknown to
this version of matcher): the Alembic revisions are compared first.
"""

import os
import re
import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path

from alembic.script import ScriptDirectory
from flask import current_app
from sqlalchemy import text
from sqlalchemy.engine import make_url

from matcher.extensions import db
from matcher.services.errors import DomainError

PG_TOOLS = Path("/usr/lib/postgresql")


class BackupError(DomainError):
    """A backup or restore that cannot go ahead: a reason's code and a detail for the operator."""

    def __init__(self, code: str, detail: str = ""):
        super().__init__(code)
        self.code = code
        self.detail = detail


def _url():
    return make_url(current_app.config["SQLALCHEMY_DATABASE_URI"])


def _sqlite_path() -> str:
    return _url().database


def pg_tool(name: str) -> str:
    """The newest installed pg_dump / pg_restore (Debian keeps them off PATH)."""
    found = sorted(PG_TOOLS.glob(f"*/bin/{name}"), key=lambda p: int(p.parts[-3]), reverse=True)
    if found:
        return str(found[0])
    raise BackupError("pg_tools_missing")


def _pg_args() -> tuple[list[str], dict[str, str]]:
    url = _url()
    env = {**os.environ}
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    args = ["--host", url.host or "localhost", "--port", str(url.port or 5432)]
    if url.username:
        args += ["--username", url.username]
    return [*args, "--dbname", url.database or ""], env


def _run(command: list[str], env: dict[str, str]) -> str:
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        raise BackupError("tool_failed", done.stderr.strip()[-500:])
    return done.stdout


def database_revision() -> str | None:
    with db.engine.connect() as connection:
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def backup_revision(path: Path) -> str | None:
    """The Alembic revision stored in a backup file."""
    if _url().get_backend_name() == "sqlite":
        try:
            with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as source:
                row = source.execute("SELECT version_num FROM alembic_version").fetchone()
        except sqlite3.DatabaseError:
            raise BackupError("not_a_backup") from None
        return row[0] if row else None
    env = {**os.environ}
    listing = _run([pg_tool("pg_restore"), "--data-only", "--table", "alembic_version",
                    "--file", "-", str(path)], env)  # fmt: skip
    match = re.search(r"FROM stdin;\n([0-9A-Za-z_]+)\n", listing)
    return match.group(1) if match else None


def _newer_than(current: str, other: str) -> bool:
    """Whether revision `current` comes after `other` in the migration history."""
    scripts = ScriptDirectory(current_app.extensions["migrate"].directory)
    return other in {r.revision for r in scripts.iterate_revisions(current, "base")} and (
        current != other
    )


def _copy_sqlite(source_path: str, target_path: str) -> None:
    """SQLite's online backup API: a consistent copy, page by page, while others use it."""
    with (
        closing(sqlite3.connect(source_path)) as source,
        closing(sqlite3.connect(target_path)) as target,
    ):
        source.backup(target)


def backup(path: Path) -> None:
    """Write a backup of the whole database to `path` (an existing file is refused)."""
    if path.exists():
        raise BackupError("exists")
    if _url().get_backend_name() == "sqlite":
        _copy_sqlite(_sqlite_path(), str(path))
        return
    args, env = _pg_args()
    _run([pg_tool("pg_dump"), "--format", "custom", "--no-owner", "--file", str(path), *args], env)


def check_restorable(path: Path) -> str:
    """The backup's revision, if it may be restored over this database; else BackupError."""
    if not path.is_file():
        raise BackupError("missing")
    theirs = backup_revision(path)
    ours = database_revision()
    scripts = ScriptDirectory(current_app.extensions["migrate"].directory)
    known = {r.revision for r in scripts.walk_revisions()}
    if theirs is None or theirs not in known:
        raise BackupError("unknown_schema", theirs or "")
    if ours is not None and _newer_than(ours, theirs):
        raise BackupError("newer_schema", f"{ours} > {theirs}")
    return theirs


def restore(path: Path) -> str:
    """Replace the database's contents with a backup; returns the backup's revision."""
    revision = check_restorable(path)
    db.session.remove()
    db.engine.dispose()  # no pooled connection keeps an old view or a lock
    if _url().get_backend_name() == "sqlite":
        _copy_sqlite(str(path), _sqlite_path())
        return revision
    args, env = _pg_args()
    _run([pg_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--single-transaction",
          *args, str(path)], env)  # fmt: skip
    return revision
