"""No personal data in logs: request lines lose their query strings."""

import logging

from matcher.logs import DropQueryStrings


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
