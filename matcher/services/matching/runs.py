"""Matching runs: start one (refusing a second for the same scope and week), execute it outside
the request with visible progress, and list past runs."""

import logging
import threading
import time
from datetime import date, timedelta

from flask import current_app
from sqlalchemy import select, text, update

from matcher.extensions import db
from matcher.models import MatchingRun, RunStatus, User
from matcher.models.people import utcnow
from matcher.services import audit
from matcher.services.errors import DomainError, NotFound
from matcher.services.matching.instance import build_instance
from matcher.services.matching.proposals import store_result
from matcher.solver.solve import solve

log = logging.getLogger(__name__)
BUSY = (RunStatus.QUEUED, RunStatus.RUNNING)
STALE_AFTER = timedelta(minutes=15)
_start_lock = threading.Lock()


class RunBusy(DomainError):
    """A run for this scope and week is still going."""


def start_run(user: User, week: date, municipality_id: int | None) -> MatchingRun:
    """Queue a run for the week and scope; RunBusy when one is already queued or running."""
    with _start_lock:
        _lock_scope(week, municipality_id)
        busy = db.session.scalar(
            select(MatchingRun).where(
                MatchingRun.week_start == week,
                MatchingRun.status.in_(BUSY),
                MatchingRun.municipality_id.is_(None)
                if municipality_id is None
                else MatchingRun.municipality_id == municipality_id,
            )
        )
        if busy is not None and not _stale(busy):
            raise RunBusy(busy.id)
        if busy is not None:
            busy.status, busy.error = RunStatus.FAILED, "stale"
        run = MatchingRun(
            week_start=week,
            municipality_id=municipality_id,
            status=RunStatus.QUEUED,
            started_by_id=user.id,
        )
        db.session.add(run)
        db.session.flush()
        audit.record(user, "start", "matching_run", run.id, ["week_start", "municipality_id"])
        return run


def _lock_scope(week: date, municipality_id: int | None) -> None:
    """PostgreSQL: serialise starts for one scope and week across processes (gunicorn workers)
    until the caller commits; SQLite serialises writers itself."""
    if db.session.get_bind().dialect.name == "postgresql":
        key = week.toordinal() * 100_000 + (municipality_id or 0)
        db.session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})


def _stale(run: MatchingRun) -> bool:
    started = run.started_at
    if started.tzinfo is None:  # SQLite hands back naive datetimes
        started = started.replace(tzinfo=utcnow().tzinfo)
    return utcnow() - started > STALE_AFTER


def get_run(run_id: int) -> MatchingRun:
    """The run, or NotFound."""
    run = db.session.get(MatchingRun, run_id)
    if run is None:
        raise NotFound(run_id)
    return run


def history(limit: int = 100) -> list[MatchingRun]:
    """Past runs, newest first."""
    return list(
        db.session.scalars(select(MatchingRun).order_by(MatchingRun.id.desc()).limit(limit))
    )


def execute(run_id: int) -> None:
    """Run the solver for a queued run and store its proposals (commits; inside an app context)."""
    run = get_run(run_id)
    run.status, run.progress = RunStatus.RUNNING, 5
    db.session.commit()
    limit = float(current_app.config.get("SOLVER_TIME_LIMIT", 5))
    ticker = _Ticker(current_app._get_current_object(), run_id, limit)
    try:
        built = build_instance(run.week_start, run.municipality_id)
        ticker.start()
        result = solve(
            built.instance,
            time_limit=limit,
            workers=int(current_app.config.get("SOLVER_WORKERS", 2)),
            seed=int(current_app.config.get("SOLVER_SEED", 0)),
        )
        ticker.stop()
        store_result(run, built, result)
        run.status, run.progress, run.finished_at = RunStatus.DONE, 100, utcnow()
        db.session.commit()
    except Exception as error:  # a failed run is shown on the page, never lost
        ticker.stop()
        db.session.rollback()
        log.exception("matching run %s failed", run_id)
        run = get_run(run_id)
        run.status, run.error, run.finished_at = RunStatus.FAILED, type(error).__name__, utcnow()
        db.session.commit()


class _Ticker:
    """Moves the run's progress along with the solver's clock, from its own thread."""

    def __init__(self, app, run_id: int, seconds: float) -> None:
        self.app, self.run_id, self.seconds = app, run_id, max(seconds, 0.5)
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._loop, daemon=True)

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self.done.set()
        if self.thread.is_alive():
            self.thread.join()

    def _loop(self) -> None:
        began = time.monotonic()
        with self.app.app_context():
            while not self.done.wait(0.5):
                share = min(1.0, (time.monotonic() - began) / self.seconds)
                db.session.execute(
                    update(MatchingRun)
                    .where(MatchingRun.id == self.run_id, MatchingRun.status == RunStatus.RUNNING)
                    .values(progress=10 + int(85 * share))
                )
                db.session.commit()
            db.session.remove()
