"""The demo region: a database migrated to the newest schema, seeded, with known passwords."""

from pathlib import Path

from flask import current_app
from flask_migrate import upgrade
from sqlalchemy import select

from matcher.extensions import db
from matcher.models import User
from matcher.services import accounts, seeding

SEEDS_DIR = Path(__file__).resolve().parents[2] / "seeds"
# Only ever set on accounts without a password, in a database prepared for the demo.
DEMO_PASSWORD = "demo-matcher-2026"  # noqa: S105


def prepare_demo_database(seeds: Path = SEEDS_DIR) -> dict[str, int]:
    """Migrate, load the demo region and give accounts without a password the demo password.

    Runs inside an app context and commits; returns the seeded row counts per file.
    """
    upgrade(directory=current_app.extensions["migrate"].directory)
    counts = seeding.load_region(seeds)
    for user in db.session.scalars(select(User).where(User.password_hash.is_(None))):
        accounts.set_password(user, DEMO_PASSWORD)
    db.session.commit()
    return counts
