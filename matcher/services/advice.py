"""Recruitment advice runs (issue 15): start one for a week and scope, compute it outside the
request with a heartbeat (like a matching run, services/matching/runs.py), and read the latest.

The solver sees ids only ("p3", "s7"); the maps back to database ids are stored with the run and
stay here and in the coordinator's pages. Nothing here changes matches or sends mail."""

import logging
import threading
from datetime import date, timedelta

from flask import current_app
from sqlalchemy import or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import SQLAlchemyError

from matcher.extensions import db
from matcher.models import AdviceRun, User
from matcher.models.people import utcnow
from matcher.services import audit, claims
from matcher.services.errors import DomainError, NotFound
from matcher.services.matching.instance import build_instance
from matcher.solver.advice import advise
from matcher.solver.advice_bottleneck import bottlenecks
from matcher.solver.advice_model import advice_to_json

log = logging.getLogger(__name__)
BUSY = ("queued", "running")
BEAT_SECONDS = 0.5
SUGGESTIONS = 5


class AdviceBusy(DomainError):
    """An advice run for this week and scope is still going (its id is the message)."""


def start_advice(user: User, week: date, municipality_id: int | None) -> AdviceRun:
    """Queue an advice run (flushes; the caller commits); AdviceBusy when one is busy."""
    recover_stale()
    dialect = db.session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = (
        insert(AdviceRun)
        .values(
            week_start=week,
            municipality_id=municipality_id,
            scope=municipality_id or 0,
            status="queued",
            error="",
            document={},
            people={},
            places={},
            bottlenecks=[],
            worker="",
            started_by_id=user.id,
            started_at=utcnow(),
        )
        .on_conflict_do_nothing()
        .returning(AdviceRun.id)
    )
    run_id = db.session.scalar(statement)
    if run_id is None:
        busy = db.session.scalar(
            select(AdviceRun.id).where(
                AdviceRun.week_start == week,
                AdviceRun.scope == (municipality_id or 0),
                AdviceRun.status.in_(BUSY),
            )
        )
        raise AdviceBusy(busy or "")
    audit.record(user, "start", "advice_run", run_id, ["week_start", "municipality_id"])
    return db.session.get(AdviceRun, run_id)


def recover_stale() -> int:
    """Mark failed the busy advice runs without a heartbeat within the timeout (flushes)."""
    timeout = timedelta(seconds=float(current_app.config["RUN_HEARTBEAT_TIMEOUT"]))
    now = utcnow()
    return db.session.execute(
        update(AdviceRun)
        .where(
            AdviceRun.status.in_(BUSY),
            or_(
                AdviceRun.heartbeat_at < now - timeout,
                AdviceRun.heartbeat_at.is_(None) & (AdviceRun.started_at < now - timeout),
            ),
        )
        .values(status="failed", error="server_stopped", finished_at=now)
        .execution_options(synchronize_session="fetch")
    ).rowcount


def latest(municipality_id: int | None = None) -> AdviceRun | None:
    """The newest advice run of the scope."""
    return db.session.scalar(
        select(AdviceRun)
        .where(AdviceRun.scope == (municipality_id or 0))
        .order_by(AdviceRun.id.desc())
        .limit(1)
    )


def get_advice(run_id: int) -> AdviceRun:
    """The run, or NotFound."""
    run = db.session.get(AdviceRun, run_id)
    if run is None:
        raise NotFound(run_id)
    return run


def get_advice_or_none(run_id: int) -> AdviceRun | None:
    """The run, or None."""
    return db.session.get(AdviceRun, run_id)


def execute(run_id: int) -> None:
    """Compute a queued advice run (commits; inside an app context)."""
    worker = claims.claim_queued(AdviceRun, run_id)
    if worker is None:
        return
    beat = _Heartbeat(current_app._get_current_object(), run_id, worker)
    beat.start()
    try:
        run = get_advice(run_id)
        built = build_instance(run.week_start, run.municipality_id)
        config = current_app.config
        limit = float(config["SOLVER_TIME_LIMIT"])
        workers = int(config["SOLVER_WORKERS"])
        seed = int(config["SOLVER_SEED"])
        advice = advise(
            built.instance, suggestions=SUGGESTIONS, time_limit=limit, workers=workers, seed=seed
        )
        area = _areas(built)  # the bottlenecks of the plan the advice's baseline is of
        table = [row.__dict__ for row in bottlenecks(built.instance, advice.plan, area)]
        values = {
            "document": advice_to_json(advice),
            "people": dict(built.participant_of),
            "places": dict(built.target_of),
            "bottlenecks": table,
        }
        _finish(run_id, worker, status="done", **values)
        db.session.commit()
    except Exception as error:  # a failed run is shown on the page, never lost
        db.session.rollback()
        log.exception("advice run %s failed", run_id)
        _finish(run_id, worker, status="failed", error=type(error).__name__[:40])
        db.session.commit()
    finally:
        beat.stop()


def _areas(built) -> dict[str, str]:
    """Solver participant id → municipality id (as text), for the bottleneck table."""
    from matcher.models import Participant

    rows = db.session.execute(
        select(Participant.id, Participant.municipality_id).where(
            Participant.id.in_(list(built.participant_of.values()))
        )
    )
    town = dict(rows.all())
    return {pid: str(town.get(db_id, "")) for pid, db_id in built.participant_of.items()}


def _finish(run_id: int, worker: str, **values) -> bool:
    result = db.session.execute(
        update(AdviceRun)
        .where(AdviceRun.id == run_id, AdviceRun.status == "running", AdviceRun.worker == worker)
        .values(finished_at=utcnow(), **values)
        .execution_options(synchronize_session="fetch")
    )
    return result.rowcount == 1


class _Heartbeat:
    """The run's heartbeat from its own thread while the advice is computed."""

    def __init__(self, app, run_id: int, worker: str) -> None:
        self.app, self.run_id, self.worker = app, run_id, worker
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._loop, daemon=True)

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self.done.set()
        self.thread.join()

    def _loop(self) -> None:
        with self.app.app_context():
            while not self.done.wait(BEAT_SECONDS):
                try:
                    db.session.execute(
                        update(AdviceRun)
                        .where(
                            AdviceRun.id == self.run_id,
                            AdviceRun.status == "running",
                            AdviceRun.worker == self.worker,
                        )
                        .values(heartbeat_at=utcnow())
                        .execution_options(synchronize_session=False)
                    )
                    db.session.commit()
                except SQLAlchemyError:
                    db.session.rollback()
                    log.warning("heartbeat of advice run %s delayed", self.run_id)
            db.session.remove()


def start_in_background(run_id: int):
    """Compute the run outside the request (an RQ job with MATCHER_REDIS_URL, else a thread)."""
    from matcher import jobs

    return jobs.in_background(execute, run_id)
