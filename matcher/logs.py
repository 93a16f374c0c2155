"""Logging without personal data: request lines are logged without their query strings,
which may hold a searched name or postcode."""

import logging
import re

_QUERY = re.compile(r"(\"[A-Z]+ [^\s?\"]*)\?[^\s\"]*")


class DropQueryStrings(logging.Filter):
    """Remove the query string from access-log lines ("GET /deelnemers/?q=naam" → path only)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if "?" in message:
            record.msg, record.args = _QUERY.sub(r"\1?…", message), ()
        return True


def install() -> None:
    """Attach the filter to the loggers that write request lines."""
    for name in ("werkzeug", "gunicorn.access"):
        logger = logging.getLogger(name)
        if not any(isinstance(f, DropQueryStrings) for f in logger.filters):
            logger.addFilter(DropQueryStrings())
