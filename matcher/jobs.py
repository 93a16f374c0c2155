"""Long work outside the web request: a worker thread by default, an RQ queue on Redis when
MATCHER_REDIS_URL is set (`matcher worker` then runs the jobs). After a restart,
resume_after_restart() fails the runs whose server stopped and sends what waits."""

import logging
import threading
import time
from datetime import timedelta

from flask import Flask, current_app, has_app_context

QUEUE = "matcher"
_mail_lock = threading.Lock()
_resume_lock = threading.Lock()  # taken once per process, never released
log = logging.getLogger(__name__)


def resume_after_restart() -> threading.Thread | None:
    """At start-up (inside an app context): mark failed the runs whose server or worker stopped,
    give back the mail claims of a sender that stopped, and send (or queue) what waits; the
    sending thread, if one was started."""
    from matcher.extensions import db
    from matcher.services import notifications
    from matcher.services.matching import runs

    runs.recover_stale_runs()
    db.session.commit()
    notifications.release_stale_claims()
    if notifications.next_retry_in() is not None:
        return deliver_mail()
    return None


def resume_once_per_process() -> None:
    """The web app's first request in each process (gunicorn workers): resume_after_restart,
    never failing the request itself (e.g. a database not migrated yet)."""
    if not _resume_lock.acquire(blocking=False):
        return
    from matcher.extensions import db

    try:
        resume_after_restart()
    except Exception:
        db.session.rollback()
        log.exception("resuming runs and mail after a restart failed")


def start_matching(run_id: int) -> threading.Thread | None:
    """Run a queued matching run in the background; returns the thread (None when queued on RQ)."""
    app = current_app._get_current_object()
    if app.config["REDIS_URL"]:
        _queue(app).enqueue(run_matching, run_id, job_timeout=600)
        return None
    return _in_thread(app, run_matching, run_id)


def deliver_mail() -> threading.Thread | None:
    """Send what waits in the outbox in the background, retrying until it is sent."""
    app = current_app._get_current_object()
    if app.config["REDIS_URL"]:
        _queue(app).enqueue(send_outbox, job_timeout=300)
        return None
    return _in_thread(app, _send_until_done)


def _send_until_done() -> None:
    """Thread path: send, then sleep until the next retry is due, while messages wait."""
    if not _mail_lock.acquire(blocking=False):
        return  # another thread is already sending and retrying
    try:
        while True:
            wait = _send_once()
            if wait is None:
                return
            time.sleep(min(wait, 3600.0) + 0.05)
    finally:
        _mail_lock.release()


def run_matching(run_id: int) -> None:
    """The job: execute one matching run (inside an app context)."""
    with _context():
        from matcher.services.matching.runs import execute

        execute(run_id)


def send_outbox() -> None:
    """The RQ job: send pending e-mails; schedule itself again while some wait for a retry."""
    wait = _send_once()
    if wait is not None:
        app = current_app._get_current_object() if has_app_context() else None
        if app is not None and app.config["REDIS_URL"]:
            _queue(app).enqueue_in(timedelta(seconds=wait + 0.05), send_outbox)


def _send_once() -> float | None:
    """Send what is due; seconds until the next retry, or None when nothing waits."""
    with _context():
        from matcher.services import notifications

        notifications.send_pending()
        return notifications.next_retry_in()


def in_background(target, *args, job_timeout: int = 900) -> threading.Thread | None:
    """Run `target(*args)` outside the request, inside an app context: an RQ job when
    MATCHER_REDIS_URL is set (then `matcher worker` runs it), else a worker thread."""
    app = current_app._get_current_object()
    if app.config["REDIS_URL"]:
        _queue(app).enqueue(call_in_context, target, *args, job_timeout=job_timeout)
        return None
    return _in_thread(app, target, *args)


def call_in_context(target, *args) -> None:
    """The RQ job behind in_background: `target(*args)` in an app context."""
    with _context():
        target(*args)


def _in_thread(app: Flask, target, *args) -> threading.Thread:
    def work():
        with app.app_context():
            target(*args)

    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    return thread


class _context:
    """Use the current app context, or create the app (an RQ worker without one)."""

    def __enter__(self):
        self.pushed = None
        if not has_app_context():
            from matcher import create_app

            self.pushed = create_app().app_context()
            self.pushed.push()

    def __exit__(self, *exc):
        from matcher.extensions import db

        db.session.remove()
        if self.pushed is not None:
            self.pushed.pop()


def _queue(app: Flask):
    from redis import Redis
    from rq import Queue

    return Queue(QUEUE, connection=Redis.from_url(app.config["REDIS_URL"]))


def work(app: Flask, burst: bool = False) -> None:
    """Process matching and mail jobs from Redis until stopped (or until empty with burst)."""
    from redis import Redis
    from rq import SimpleWorker

    with app.app_context():
        connection = Redis.from_url(app.config["REDIS_URL"])
        SimpleWorker([QUEUE], connection=connection).work(burst=burst, with_scheduler=True)
