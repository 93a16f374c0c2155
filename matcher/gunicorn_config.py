"""gunicorn settings for matcher, used as

    gunicorn -c python:matcher.gunicorn_config --workers 3 'matcher:create_app()'

Access lines carry the path without its query string (a searched name or postcode stays out of
the log) and the Referer without its query; the log filter of matcher.logs catches any other
URL. At start-up the error log warns when several workers would each count login attempts in
their own memory. Options given on the command line (--workers, --bind, …) take precedence.
"""

import os

from matcher import logs

accesslog = "-"
# The combined format with %(U)s (the path) for the request target instead of %(r)s.
access_log_format = '%(h)s %(l)s %(u)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s "%(f)s" "%(a)s"'

logs.install()


def shared_rate_limits(storage_uri: str | None) -> bool:
    """Whether rate-limit counters live outside the worker (e.g. in Redis)."""
    return bool(storage_uri) and not storage_uri.startswith("memory://")


def on_starting(server) -> None:
    """In the master, before the workers start: the filter, and the rate-limit warning."""
    logs.install()
    workers = server.cfg.workers
    if workers > 1 and not shared_rate_limits(os.environ.get("MATCHER_RATELIMIT_STORAGE_URI")):
        server.log.warning(
            "MATCHER_RATELIMIT_STORAGE_URI is niet ingesteld of memory:// bij %d workers: "
            "elke worker telt inlogpogingen apart, de inlogbeperking geldt dus per worker. "
            "Zet MATCHER_RATELIMIT_STORAGE_URI op redis://…",
            workers,
        )


def post_worker_init(worker) -> None:
    """In each worker (also after a re-exec): the filter stays attached."""
    logs.install()
