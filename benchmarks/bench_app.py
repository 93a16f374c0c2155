"""Shared set-up of the web benchmarks: a migrated app, filled, with a logged-in client."""

import os
import random
import tempfile
from collections.abc import Callable

from matcher import create_app
from matcher.extensions import db

PASSWORD = "benchmark password"  # noqa: S105 (a throw-away benchmark account)


def logged_in_client(fill: Callable[[int, random.Random], str], size: int):
    """(client, engine): SQLite in a temporary folder, or MATCHER_BENCH_DATABASE_URL.

    `fill(size, rng)` adds the data inside an app context and returns the e-mail address of the
    account to log in with (password PASSWORD).
    """
    url = os.environ.get("MATCHER_BENCH_DATABASE_URL") or (
        f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite"
    )
    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "bench", "WTF_CSRF_ENABLED": False})
    with app.app_context():
        from flask_migrate import upgrade

        upgrade(directory=app.extensions["migrate"].directory)
        email = fill(size, random.Random(1))
        engine = db.engine
    client = app.test_client()
    client.post("/inloggen", data={"email": email, "password": PASSWORD})
    return client, engine
