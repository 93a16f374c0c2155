"""Logging without personal data: URLs in request lines lose their query strings, which may hold
a searched name or postcode ("GET /deelnemers/?q=Hiba+Abraha" is logged as "/deelnemers/?…").

The filter covers werkzeug's lines (coloured with ANSI codes for answers other than 200) and
gunicorn's access lines, the Referer included. `install()` attaches it; `matcher serve`,
`matcher demo` (every `matcher` command) and matcher/gunicorn_config.py call it.
"""

import logging
import re

REDACTED = "?…"
_ANSI = r"(?:\x1b\[[0-9;]*m)*"
# A request line with its HTTP version: the query ends where " HTTP/1.1" (and its colour) does,
# whatever it holds (werkzeug decodes %22 into a quote).
_REQUEST_LINE = re.compile(rf'("{_ANSI}[A-Z]+ [^\s?"]*)\?.*?( HTTP/[0-9.]+{_ANSI}")')
# Any other URL with a query (a Referer, a request line without version): up to the quote.
_URL = re.compile(r'((?:\b[a-z][a-z0-9+.-]*://[^\s/?"]*)?/[^\s?"]*)\?(?!…)[^"\x1b]*')

LOGGERS = ("werkzeug", "gunicorn.access")


def without_query_strings(line: str) -> str:
    """The line with the query string of every URL in it replaced by '?…'."""
    if "?" not in line:
        return line
    line = _REQUEST_LINE.sub(rf"\1{REDACTED}\2", line)
    return _URL.sub(rf"\1{REDACTED}", line)


class DropQueryStrings(logging.Filter):
    """Remove query strings from access-log lines (request line and Referer)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = without_query_strings(message)
        if cleaned != message:
            record.msg, record.args = cleaned, ()
        return True


def install() -> None:
    """Attach the filter to the loggers that write request lines (once)."""
    for name in LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, DropQueryStrings) for f in logger.filters):
            logger.addFilter(DropQueryStrings())
