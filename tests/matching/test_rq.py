"""The RQ path: with MATCHER_REDIS_URL set, runs and mail go through a queue on a real Redis
server (Debian's redis-server on 127.0.0.1, started here) and a worker executes them."""

import pytest

from matcher import jobs
from matcher.extensions import db
from matcher.models import RunStatus
from matcher.services.matching import runs
from tests.matching.conftest import WEEK
from tests.matching.helpers import proposals
from tests.redis_server import redis_server


@pytest.fixture(scope="module")
def redis_url():
    yield from redis_server()


def test_a_run_is_queued_on_redis_and_executed_by_the_worker(
    app, world, coordinator, redis_url, monkeypatch
):
    monkeypatch.setitem(app.config, "REDIS_URL", redis_url)
    run = runs.start_run(coordinator, WEEK, None)
    db.session.commit()
    assert jobs.start_matching(run.id) is None  # queued, not in a thread
    assert runs.get_run(run.id).status == RunStatus.QUEUED
    jobs.work(app, burst=True)
    db.session.expire_all()
    run = runs.get_run(run.id)
    assert run.status == RunStatus.DONE and run.progress == 100
    assert proposals(run, "add")


def test_mail_goes_through_the_queue_too(
    app, world, coordinator, redis_url, smtp_server, monkeypatch
):
    from matcher.services import notifications

    monkeypatch.setitem(app.config, "REDIS_URL", redis_url)
    notifications.enqueue("henk@vrijwilliger.example", "Onderwerp", "Tekst")
    db.session.commit()
    assert jobs.deliver_mail() is None
    jobs.work(app, burst=True)
    assert [m["to"] for m in smtp_server.messages] == [["henk@vrijwilliger.example"]]


def test_the_worker_sends_what_waited_when_it_starts(
    app, app_ctx, redis_url, smtp_server, monkeypatch
):
    """Mail left in the outbox by a stopped server goes out when `matcher worker` starts,
    without anyone queueing a new send."""
    from matcher.cli import cli
    from matcher.services import notifications

    monkeypatch.setitem(app.config, "REDIS_URL", redis_url)
    notifications.enqueue("henk@vrijwilliger.example", "Onderwerp", "Tekst")
    db.session.commit()
    result = app.test_cli_runner().invoke(cli, ["worker", "--burst"])
    assert result.exit_code == 0, result.output
    assert [m["to"] for m in smtp_server.messages] == [["henk@vrijwilliger.example"]]
