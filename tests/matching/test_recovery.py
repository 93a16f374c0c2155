"""Runs survive their server: the job writes a heartbeat (host:pid) from start to end; a run
whose heartbeat stopped, or whose worker process is gone, is marked failed with a reason when
a run is requested and at start-up, and a new run can start at once. A live run still blocks."""

import os
import socket
import subprocess
import sys
import time
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from matcher import jobs
from matcher.extensions import db
from matcher.models import MatchingRun, Role, RunStatus
from matcher.models.people import utcnow
from matcher.services.matching import runs
from tests.matching.conftest import WEEK
from tests.matching.helpers import proposals

BASE = "/coordinator/koppelen"
STOPPED = "de server is gestopt tijdens de koppelronde"


def _left_running(coordinator, silent_for: timedelta, worker="elders:4242") -> int:
    """A run as a killed server leaves it: running at 5%, its last heartbeat `silent_for` ago."""
    run = runs.start_run(coordinator, WEEK, None)
    db.session.commit()
    then = utcnow() - silent_for
    db.session.execute(
        update(MatchingRun)
        .where(MatchingRun.id == run.id)
        .values(
            status=RunStatus.RUNNING, progress=5, heartbeat_at=then, started_at=then, worker=worker
        )
    )
    db.session.commit()
    return run.id


def _run(run_id: int) -> MatchingRun:
    db.session.expire_all()
    return runs.get_run(run_id)


def test_a_run_whose_server_stopped_is_failed_when_a_new_run_is_requested(world, coordinator):
    stuck = _left_running(coordinator, timedelta(minutes=2))
    new = runs.start_run(coordinator, WEEK, None)  # no "loopt al een koppelronde"
    db.session.commit()
    old = _run(stuck)
    assert old.status == RunStatus.FAILED and old.error == runs.SERVER_STOPPED
    assert old.finished_at is not None
    assert _run(new.id).status == RunStatus.QUEUED


def test_a_live_run_with_a_fresh_heartbeat_still_blocks(world, coordinator):
    live = _left_running(coordinator, timedelta(seconds=5))
    with pytest.raises(runs.RunBusy) as busy:
        runs.start_run(coordinator, WEEK, None)
    db.session.rollback()
    assert str(busy.value) == str(live)
    assert _run(live).status == RunStatus.RUNNING
    jobs.resume_after_restart()  # nor does start-up recovery touch it
    assert _run(live).status == RunStatus.RUNNING


def test_start_up_recovery_fails_runs_whose_heartbeat_stopped(app, world, coordinator):
    stuck = _left_running(coordinator, timedelta(minutes=2))
    jobs.resume_after_restart()
    assert _run(stuck).status == RunStatus.FAILED and _run(stuck).error == runs.SERVER_STOPPED


def test_a_run_of_a_process_on_this_host_that_is_gone_is_failed_at_once(world, coordinator):
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    here = socket.gethostname()
    stuck = _left_running(coordinator, timedelta(seconds=1), worker=f"{here}:{gone}")
    jobs.resume_after_restart()  # `matcher serve` restarted within the minute
    assert _run(stuck).status == RunStatus.FAILED


def test_a_queued_run_nobody_took_is_failed_with_its_own_reason(
    app, world, coordinator, monkeypatch
):
    monkeypatch.setitem(app.config, "REDIS_URL", "redis://127.0.0.1:1/0")  # never contacted
    monkeypatch.setitem(app.config, "RUN_QUEUE_TIMEOUT", 600)
    run = runs.start_run(coordinator, WEEK, None)
    db.session.commit()
    runs.recover_stale_runs(utcnow() + timedelta(minutes=5))  # waiting in the queue: fine
    assert _run(run.id).status == RunStatus.QUEUED
    runs.recover_stale_runs(utcnow() + timedelta(minutes=11))
    db.session.commit()
    assert _run(run.id).status == RunStatus.FAILED and _run(run.id).error == runs.NOT_PICKED_UP
    runs.execute(run.id)  # a worker that takes it late leaves it alone
    assert _run(run.id).status == RunStatus.FAILED and proposals(_run(run.id)) == []


def test_the_run_page_and_history_say_why_it_failed(login_as, world, coordinator):
    stuck = _left_running(coordinator, timedelta(minutes=2))
    client, _ = login_as(Role.COORDINATOR)
    history = client.get(f"{BASE}/history").get_data(as_text=True)
    assert f"mislukt: {STOPPED}" in history
    status = client.get(f"{BASE}/runs/{stuck}/status").get_json()
    assert status["status"] == "failed"  # the polling page learns it, and reloads
    page = client.get(f"{BASE}/runs/{stuck}").get_data(as_text=True)
    assert "De koppelronde is mislukt" in page and STOPPED in page


def test_the_first_request_of_a_web_process_recovers(
    app, login_as, world, coordinator, monkeypatch
):
    import threading

    monkeypatch.setitem(app.config, "RESUME_AT_START", True)
    monkeypatch.setattr(jobs, "_resume_lock", threading.Lock())  # a fresh process
    stuck = _left_running(coordinator, timedelta(minutes=2))
    client, _ = login_as(Role.COORDINATOR)
    client.get("/coordinator/")
    assert _run(stuck).status == RunStatus.FAILED


def test_the_job_beats_while_building_solving_and_storing(app, world, coordinator, monkeypatch):
    """The heartbeat moves in every phase, also those without progress to show."""
    seen = {}

    def waits_for_a_beat(phase, real):
        def call(*args, **kw):
            seen[phase] = _next_beat(run_id)
            return real(*args, **kw)

        return call

    monkeypatch.setattr(runs, "build_instance", waits_for_a_beat("build", runs.build_instance))
    monkeypatch.setattr(runs, "store_result", waits_for_a_beat("store", runs.store_result))
    run_id = runs.start_run(coordinator, WEEK, None).id
    db.session.commit()
    jobs.start_matching(run_id).join(timeout=60)
    run = _run(run_id)
    assert run.status == RunStatus.DONE and run.worker.endswith(f":{os.getpid()}")
    assert seen == {"build": True, "store": True}


def _next_beat(run_id: int) -> bool:
    """Whether the run's heartbeat moves within 10 s (read over a connection of its own)."""
    query = select(MatchingRun.heartbeat_at).where(MatchingRun.id == run_id)
    with db.engine.connect() as connection:
        first = connection.execute(query).scalar()
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            connection.rollback()
            if connection.execute(query).scalar() != first:
                return True
            time.sleep(0.1)
    return False
