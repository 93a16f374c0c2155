"""No personal data in logs: request lines lose their query strings."""

import logging

from matcher.logs import DropQueryStrings, install


def test_query_strings_are_dropped_from_request_lines():
    record = logging.LogRecord(
        "werkzeug",
        logging.INFO,
        __file__,
        1,
        '%s - - [x] "%s" %s -',
        ("127.0.0.1", "GET /deelnemers/?q=Haddad HTTP/1.1", "200"),
        None,
    )
    DropQueryStrings().filter(record)
    assert "Haddad" not in record.getMessage()
    assert '"GET /deelnemers/?… HTTP/1.1" 200' in record.getMessage()


def test_lines_without_query_are_untouched():
    record = logging.LogRecord("werkzeug", logging.INFO, __file__, 1, "GET /coach/ 200", (), None)
    DropQueryStrings().filter(record)
    assert record.getMessage() == "GET /coach/ 200"


def _werkzeug_line(request_line: str, code: str) -> logging.LogRecord:
    return logging.LogRecord(
        "werkzeug",
        logging.INFO,
        __file__,
        1,
        '127.0.0.1 - - [02/Dec/2026 06:00:00] "%s" %s %s',
        (request_line, code, "-"),
        None,
    )


def test_coloured_request_lines_lose_their_query_strings():
    for colour in ("\x1b[32m", "\x1b[33m", "\x1b[1m\x1b[31m", "\x1b[1m\x1b[35m"):
        record = _werkzeug_line(f"{colour}GET /deelnemers/?q=Hiba+Abraha HTTP/1.1\x1b[0m", "302")
        DropQueryStrings().filter(record)
        message = record.getMessage()
        assert "Hiba" not in message and "Abraha" not in message
        assert f'"{colour}GET /deelnemers/?… HTTP/1.1\x1b[0m" 302 -' in message


def test_decoded_spaces_and_quotes_in_the_query_do_not_end_the_redaction():
    for line in ('GET /x/?q=Hiba Abraha"x" HTTP/1.1', "\x1b[1m\x1b[31mGET /x?q=Hiba Abraha\x1b[0m"):
        record = _werkzeug_line(line, "400")
        DropQueryStrings().filter(record)
        assert "Abraha" not in record.getMessage() and '" 400 -' in record.getMessage()


def test_the_referer_of_a_gunicorn_access_line_loses_its_query_string():
    record = logging.LogRecord(
        "gunicorn.access",
        logging.INFO,
        __file__,
        1,
        '%(h)s "%(r)s" %(s)s "%(f)s" "%(a)s"',
        (
            {
                "h": "127.0.0.1",
                "r": "GET /deelnemers/?q=7607+AB HTTP/1.1",
                "s": "200",
                "f": "https://matcher.example/deelnemers/?q=Hiba+Abraha&page=2",
                "a": "Firefox",
            },
        ),
        None,
    )
    DropQueryStrings().filter(record)
    assert record.getMessage() == (
        '127.0.0.1 "GET /deelnemers/?… HTTP/1.1" 200 '
        '"https://matcher.example/deelnemers/?…" "Firefox"'
    )


def test_install_attaches_the_filter_once_to_both_request_loggers():
    install()
    install()
    for name in ("werkzeug", "gunicorn.access"):
        filters = logging.getLogger(name).filters
        assert sum(isinstance(f, DropQueryStrings) for f in filters) == 1
