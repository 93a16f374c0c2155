"""Telling people: confirmation puts one e-mail per volunteer or host contact in the outbox;
sending goes over SMTP (a real aiosmtpd server) and retries what failed."""

import time
from datetime import timedelta

from sqlalchemy import select

from matcher.extensions import db
from matcher.models import OutboxMessage
from matcher.models.people import utcnow
from matcher.services import notifications
from matcher.services.matching import confirm, review
from matcher.web.matching import mail
from tests.matching.conftest import WEEK, free_port
from tests.matching.helpers import run_now


def _confirm_with_mail(app, world, coordinator):
    run = run_now(coordinator, WEEK)
    review.accept_all(coordinator, run)
    with app.test_request_context():
        changes = confirm.confirm_run(coordinator, run)
        queued = mail.queue_messages(run, changes, coordinator)
    db.session.commit()
    return queued


def test_confirmation_mails_each_volunteer_and_host_contact_once(
    app, world, coordinator, smtp_server
):
    world["garden"].organisation.contact_email = "tuin@host.example"
    world["shop"].organisation.contact_email = "winkel@host.example"
    db.session.commit()
    queued = _confirm_with_mail(app, world, coordinator)
    outbox = db.session.scalars(select(OutboxMessage)).all()
    assert queued == len(outbox) == 3
    assert notifications.send_pending() == (3, 0)
    received = {m["to"][0]: m["data"] for m in smtp_server.messages}
    assert set(received) == {
        "henk@vrijwilliger.example",
        "tuin@host.example",
        "winkel@host.example",
    }
    assert "Amina" in received["henk@vrijwilliger.example"]
    assert "maandag avond" in received["henk@vrijwilliger.example"]
    assert "Achternaam" not in received["henk@vrijwilliger.example"]  # first names only
    assert all(m.sent_at is not None and m.attempts == 1 for m in outbox)
    assert all(m.body == "" for m in outbox)  # no copy of a sent mail (it names a participant)
    assert notifications.send_pending() == (0, 0)  # nothing is sent twice


def test_while_the_mail_server_is_down_nothing_is_lost_and_sending_retries(
    app, world, coordinator, smtp_server, monkeypatch
):
    _confirm_with_mail(app, world, coordinator)
    live_port = app.config["MAIL_PORT"]
    monkeypatch.setitem(app.config, "MAIL_PORT", free_port())  # nobody listens there
    assert notifications.send_pending() == (0, 1)
    (message,) = db.session.scalars(select(OutboxMessage)).all()
    assert message.sent_at is None and message.attempts == 1 and message.last_error
    assert notifications.send_pending() == (0, 0)  # not due yet: it backs off
    monkeypatch.setitem(app.config, "MAIL_PORT", live_port)
    assert notifications.send_pending(utcnow() + timedelta(minutes=1)) == (1, 0)
    assert message.sent_at is not None and message.attempts == 2
    assert [m["to"] for m in smtp_server.messages] == [["henk@vrijwilliger.example"]]


def test_without_a_mail_server_messages_wait_in_the_outbox(app, world, coordinator):
    _confirm_with_mail(app, world, coordinator)
    assert notifications.send_pending() == (0, 0)
    assert len(notifications.pending()) == 1


def test_the_background_sender_retries_until_the_server_is_back(
    app, world, smtp_server, monkeypatch
):
    from matcher import jobs

    live_port = app.config["MAIL_PORT"]
    monkeypatch.setitem(app.config, "MAIL_PORT", free_port())  # down for now
    monkeypatch.setitem(app.config, "MAIL_RETRY_SECONDS", 0.3)
    notifications.enqueue("henk@vrijwilliger.example", "Onderwerp", "Tekst")
    db.session.commit()
    thread = jobs.deliver_mail()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        db.session.expire_all()
        if db.session.scalar(select(OutboxMessage)).attempts >= 1:
            break
        db.session.rollback()
        time.sleep(0.05)
    monkeypatch.setitem(app.config, "MAIL_PORT", live_port)  # the server is back
    thread.join(timeout=10)
    assert not thread.is_alive()
    db.session.expire_all()
    message = db.session.scalar(select(OutboxMessage))
    assert message.sent_at is not None and message.attempts >= 2
    assert [m["to"] for m in smtp_server.messages] == [["henk@vrijwilliger.example"]]
