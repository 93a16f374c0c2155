"""Matching runs: start one (one queued or running run per scope and week, held by a partial
unique index), execute it outside the request with a heartbeat and visible progress, mark runs
whose server stopped as failed, and list past runs.

Settings: MATCHER_RUN_HEARTBEAT_TIMEOUT (seconds without a heartbeat before a running run counts
as stopped, default 60), MATCHER_RUN_QUEUE_TIMEOUT (seconds a run may wait in the Redis queue
before it counts as lost, default 600; without Redis the heartbeat timeout).
"""

import logging
import os
import socket
import threading
import time
from datetime import date, datetime, timedelta

from flask import current_app
from sqlalchemy import func, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import SQLAlchemyError

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
SERVER_STOPPED = "server_stopped"  # the run's server or worker stopped while it ran
NOT_PICKED_UP = "not_picked_up"  # no worker took the queued run in time
BEAT_SECONDS = 0.5


class RunBusy(DomainError):
    """A run for this scope and week is still going; `run_id` is that run (also its str())."""

    code = "run.busy"

    def __init__(self, run_id: int | None):
        super().__init__(None, run_id=run_id)
        self.run_id = run_id

    def __str__(self) -> str:
        return "" if self.run_id is None else str(self.run_id)


def worker_identity() -> str:
    """host:pid of this process, stored on the run it executes."""
    return f"{socket.gethostname()}:{os.getpid()}"


def start_run(user: User, week: date, municipality_id: int | None) -> MatchingRun:
    """Queue a run for the week and scope (flushes; the caller commits); RunBusy when one is
    queued or running. Runs whose server stopped are marked failed first, so they never block."""
    recover_stale_runs()
    scope = municipality_id or 0
    for _ in range(2):  # a busy run that finished between the insert and the look-up: again
        run_id = db.session.scalar(_insert_unless_busy(user, week, municipality_id))
        if run_id is not None:
            run = db.session.get(MatchingRun, run_id)
            audit.record(user, "start", "matching_run", run.id, ["week_start", "municipality_id"])
            return run
        busy = db.session.scalar(
            select(MatchingRun.id).where(
                MatchingRun.week_start == week,
                MatchingRun.scope == scope,
                MatchingRun.status.in_(BUSY),
            )
        )
        if busy is not None:
            raise RunBusy(busy)
    raise RunBusy(None)


def _insert_unless_busy(user: User, week: date, municipality_id: int | None):
    """INSERT … ON CONFLICT DO NOTHING RETURNING id: the unique index on busy runs decides."""
    dialect = db.session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    return (
        insert(MatchingRun)
        .values(
            week_start=week,
            municipality_id=municipality_id,
            scope=municipality_id or 0,
            status=RunStatus.QUEUED,
            started_by_id=user.id,
            started_at=utcnow(),
        )
        .on_conflict_do_nothing()
        .returning(MatchingRun.id)
    )


def recover_stale_runs(now: datetime | None = None) -> int:
    """Mark failed every busy run whose worker is gone: no heartbeat within the timeout, a
    worker process on this host that no longer exists, or queued and never taken. Flushes (the
    caller commits); returns how many."""
    now = now or utcnow()
    heartbeat, queue = _timeouts()
    stopped = _fail_where(
        SERVER_STOPPED,
        now,
        MatchingRun.status == RunStatus.RUNNING,
        or_(
            func.coalesce(MatchingRun.heartbeat_at, MatchingRun.started_at) < now - heartbeat,
            MatchingRun.worker.in_(_local_workers_gone()),
        ),
    )
    lost = _fail_where(
        NOT_PICKED_UP,
        now,
        MatchingRun.status == RunStatus.QUEUED,
        MatchingRun.started_at < now - queue,
    )
    if stopped or lost:
        log.warning("marked %s stopped and %s lost matching runs as failed", stopped, lost)
    return stopped + lost


def _timeouts() -> tuple[timedelta, timedelta]:
    """(silence after which a running run counts as stopped, wait after which a queued one
    counts as lost); without Redis a queued run is taken at once, so the first for both."""
    config = current_app.config
    heartbeat = timedelta(seconds=config["RUN_HEARTBEAT_TIMEOUT"])
    if not config["REDIS_URL"]:
        return heartbeat, heartbeat
    return heartbeat, timedelta(seconds=config["RUN_QUEUE_TIMEOUT"])


def _fail_where(reason: str, now: datetime, *conditions) -> int:
    result = db.session.execute(
        update(MatchingRun)
        .where(*conditions)
        .values(status=RunStatus.FAILED, error=reason, finished_at=now)
        .execution_options(synchronize_session="fetch")
    )
    return result.rowcount


def _local_workers_gone() -> list[str]:
    """Workers (host:pid) of running runs on this host whose process no longer exists."""
    here = f"{socket.gethostname()}:"
    workers = db.session.scalars(
        select(MatchingRun.worker).where(MatchingRun.status == RunStatus.RUNNING).distinct()
    )
    return [w for w in workers if w.startswith(here) and not _process_exists(w[len(here) :])]


def _process_exists(pid: str) -> bool:
    if not (pid.isascii() and pid.isdigit()):
        return True  # not ours to judge: the heartbeat decides
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists, but belongs to someone else
        return True
    return True


def looks_stopped(run: MatchingRun, now: datetime | None = None) -> bool:
    """A busy run silent for longer than its timeout (a cheap check before recovering)."""
    if run.status not in BUSY:
        return False
    heartbeat, queue = _timeouts()
    last = _aware(run.heartbeat_at or run.started_at)
    return (now or utcnow()) - last > (heartbeat if run.status == RunStatus.RUNNING else queue)


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=utcnow().tzinfo)


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
    """Run the solver for a queued run and store its proposals (commits; inside an app context).
    The run is taken with a conditional update, so a run already taken or failed is left alone."""
    worker = worker_identity()
    taken = db.session.execute(
        update(MatchingRun)
        .where(MatchingRun.id == run_id, MatchingRun.status == RunStatus.QUEUED)
        .values(status=RunStatus.RUNNING, progress=5, heartbeat_at=utcnow(), worker=worker)
        .execution_options(synchronize_session=False)
    ).rowcount
    db.session.commit()
    if taken != 1:
        log.warning("matching run %s is no longer queued; not run", run_id)
        return
    run = get_run(run_id)
    limit = current_app.config["SOLVER_TIME_LIMIT"]
    ticker = _Ticker(current_app._get_current_object(), run_id, worker, limit)
    ticker.start()
    try:
        built = build_instance(run.week_start, run.municipality_id)
        ticker.solving()
        result = solve(
            built.instance,
            time_limit=limit,
            workers=current_app.config["SOLVER_WORKERS"],
            seed=current_app.config["SOLVER_SEED"],
        )
        ticker.solved()
        store_result(run, built, result)
        if _finish(run_id, worker, status=RunStatus.DONE, progress=100):
            db.session.commit()
        else:  # marked failed meanwhile (its heartbeat came too late): keep nothing
            db.session.rollback()
    except Exception as error:  # a failed run is shown on the page, never lost
        db.session.rollback()
        log.exception("matching run %s failed", run_id)
        _finish(run_id, worker, status=RunStatus.FAILED, error=type(error).__name__)
        db.session.commit()
    finally:
        ticker.stop()


def _finish(run_id: int, worker: str, **values) -> bool:
    """End a run this worker is running; False when it is no longer its run."""
    result = db.session.execute(
        update(MatchingRun)
        .where(
            MatchingRun.id == run_id,
            MatchingRun.status == RunStatus.RUNNING,
            MatchingRun.worker == worker,
        )
        .values(finished_at=utcnow(), **values)
        .execution_options(synchronize_session="fetch")
    )
    return result.rowcount == 1


class _Ticker:
    """From its own thread: the run's heartbeat from start to end, and its progress along with
    the solver's clock while the solver works."""

    def __init__(self, app, run_id: int, worker: str, seconds: float) -> None:
        self.app, self.run_id, self.worker = app, run_id, worker
        self.seconds = max(seconds, 0.5)
        self.solve_began: float | None = None
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._loop, daemon=True)

    def start(self) -> None:
        self.thread.start()

    def solving(self) -> None:
        self.solve_began = time.monotonic()

    def solved(self) -> None:
        self.solve_began = None

    def stop(self) -> None:
        self.done.set()
        if self.thread.is_alive():
            self.thread.join()

    def _loop(self) -> None:
        with self.app.app_context():
            while not self.done.wait(BEAT_SECONDS):
                try:
                    self._beat()
                except SQLAlchemyError:  # e.g. SQLite busy while the results are stored
                    db.session.rollback()
                    log.warning("heartbeat of matching run %s delayed", self.run_id)
            db.session.remove()

    def _beat(self) -> None:
        values: dict = {"heartbeat_at": utcnow()}
        began = self.solve_began
        if began is not None:
            share = min(1.0, (time.monotonic() - began) / self.seconds)
            values["progress"] = 10 + int(85 * share)
        db.session.execute(
            update(MatchingRun)
            .where(
                MatchingRun.id == self.run_id,
                MatchingRun.status == RunStatus.RUNNING,
                MatchingRun.worker == self.worker,
            )
            .values(**values)
            .execution_options(synchronize_session=False)
        )
        db.session.commit()
