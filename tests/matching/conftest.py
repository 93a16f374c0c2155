"""A small world for matching tests, a short solver time limit, and an SMTP server."""

import socket
from datetime import date

import pytest

from matcher.dayparts import to_mask
from matcher.models import Role

WEEK = date(2026, 11, 16)
NEXT_WEEK = date(2026, 11, 23)


@pytest.fixture(autouse=True)
def _fast_solver(app, monkeypatch):
    monkeypatch.setitem(app.config, "SOLVER_TIME_LIMIT", 2)
    monkeypatch.setitem(app.config, "SOLVER_WORKERS", 2)


@pytest.fixture
def coordinator(make):
    return make.user(Role.COORDINATOR)


@pytest.fixture
def world(make):
    """Two participants in one town, a placement with room for one a session, a taalmaatje."""
    town = make.municipality("Almelo")
    garden = make.placement(
        {"mon-am": (3, 1), "tue-am": (3, 1), "wed-am": (3, 2)},
        municipality=town,
        title="Tuin",
        category="groen",
    )
    shop = make.placement(
        {"mon-am": (3, 1), "tue-am": (3, 1)}, municipality=town, title="Winkel", category="winkel"
    )
    amina = make.participant(
        municipality=town,
        first_name="Amina",
        interests=["groen"],
        wants_taalmaatje=True,
        availability=to_mask(["mon-am", "tue-am", "wed-am", "mon-ev"]),
    )
    yonas = make.participant(municipality=town, first_name="Yonas")
    henk = make.volunteer(municipality=town, first_name="Henk", email="henk@vrijwilliger.example")
    return {
        "town": town,
        "garden": garden,
        "shop": shop,
        "amina": amina,
        "yonas": yonas,
        "henk": henk,
    }


class _Inbox:
    """aiosmtpd handler that keeps every message it receives."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(
            {"to": list(envelope.rcpt_tos), "data": envelope.content.decode("utf-8", "replace")}
        )
        return "250 OK"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_server(app, monkeypatch):
    """A real SMTP server on 127.0.0.1 (aiosmtpd); the app sends to it."""
    from aiosmtpd.controller import Controller

    inbox = _Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    monkeypatch.setitem(app.config, "MAIL_SERVER", "127.0.0.1")
    monkeypatch.setitem(app.config, "MAIL_PORT", controller.port)
    monkeypatch.setitem(app.config, "MAIL_SENDER", "matcher@welzijn.example")
    inbox.controller = controller
    yield inbox
    controller.stop()
