"""The outbox never gives up silently and never sends twice: a message past its last attempt is
failed and counted on the coordinator's home page; a sender claims a message before it talks
to the mail server (two senders at once send it once); a claim of a sender that stopped is
given back; after a restart waiting mail goes out without anyone sending something new."""

import contextlib
import threading
from datetime import timedelta

from sqlalchemy import select, update

from matcher import jobs
from matcher.cli import cli
from matcher.extensions import db
from matcher.models import OutboxMessage, Role
from matcher.models.matching_extras import OutboxStatus
from matcher.models.people import utcnow
from matcher.services import notifications
from tests.matching.conftest import free_port
from tests.matching.helpers import in_parallel

HENK = "henk@vrijwilliger.example"


def _message(**values) -> int:
    message = notifications.enqueue(HENK, "Onderwerp", "Tekst")
    db.session.commit()
    if values:
        db.session.execute(
            update(OutboxMessage).where(OutboxMessage.id == message.id).values(**values)
        )
        db.session.commit()
    return message.id


def _stored(message_id: int) -> OutboxMessage:
    db.session.expire_all()
    return db.session.get(OutboxMessage, message_id)


def test_after_the_last_attempt_a_message_is_failed_and_shown_to_coordinators(
    app, app_ctx, smtp_server, monkeypatch, login_as
):
    monkeypatch.setitem(app.config, "MAIL_PORT", free_port())  # the mail server is down
    message_id = _message(attempts=notifications.MAX_ATTEMPTS - 1)
    assert notifications.send_pending() == (0, 1)
    message = _stored(message_id)
    assert message.status == OutboxStatus.FAILED
    assert message.attempts == notifications.MAX_ATTEMPTS and message.last_error
    assert message.sent_at is None and message.body == "Tekst"  # kept: it was never sent
    assert notifications.next_retry_in() is None  # nobody retries it
    assert notifications.send_pending(utcnow() + timedelta(days=1)) == (0, 0)
    assert notifications.failed_count() == 1
    client, _ = login_as(Role.COORDINATOR)
    home = client.get("/coordinator/").get_data(as_text=True)
    assert "1 e-mail kon na herhaalde pogingen niet worden verstuurd" in home


def test_two_senders_at_once_send_a_message_once(app, app_ctx, smtp_server, monkeypatch):
    message_id = _message()
    # Two senders (threads here, workers or `matcher send-mail` in production) share no lock
    # in Python; both have read the waiting messages before either sends.
    monkeypatch.setattr(notifications, "_send_lock", contextlib.nullcontext(), raising=False)
    barrier = threading.Barrier(2, timeout=60)
    real_pending = notifications.pending
    senders = set()

    def pending_then_wait(now=None):
        found = real_pending(now)
        if threading.current_thread().name in senders:
            barrier.wait()
        return found

    monkeypatch.setattr(notifications, "pending", pending_then_wait)

    def sender():
        senders.add(threading.current_thread().name)
        with app.app_context():
            return notifications.send_pending()

    results = in_parallel(sender, sender)
    assert sorted(results) == [(0, 0), (1, 0)]
    assert [m["to"] for m in smtp_server.messages] == [[HENK]]
    message = _stored(message_id)
    assert message.status == OutboxStatus.SENT and message.attempts == 1


def test_a_claim_of_a_sender_that_stopped_is_given_back(app, app_ctx, smtp_server):
    stale = _message(status=OutboxStatus.SENDING, claimed_at=utcnow() - timedelta(minutes=10))
    busy = _message(status=OutboxStatus.SENDING, claimed_at=utcnow())  # someone is sending it
    assert notifications.send_pending() == (1, 0)
    assert _stored(stale).status == OutboxStatus.SENT
    assert _stored(stale).attempts == 2  # the interrupted attempt counts
    assert _stored(busy).status == OutboxStatus.SENDING
    assert [m["to"] for m in smtp_server.messages] == [[HENK]]


def test_after_a_restart_waiting_mail_goes_out_by_itself(app, app_ctx, smtp_server):
    first = _message()
    retry = _message(attempts=3, last_error="ConnectionRefusedError")
    thread = jobs.resume_after_restart()  # what `matcher serve` and the app's start-up do
    thread.join(timeout=30)
    assert _stored(first).status == OutboxStatus.SENT and _stored(retry).status == OutboxStatus.SENT
    assert len(smtp_server.messages) == 2


def test_send_mail_sends_what_waits_and_names_what_failed(app, app_ctx, smtp_server):
    _message()
    _message(status=OutboxStatus.FAILED, attempts=notifications.MAX_ATTEMPTS)
    result = app.test_cli_runner().invoke(cli, ["send-mail"])
    assert result.exit_code == 0, result.output
    assert "Verstuurd: 1" in result.output
    assert "Na de laatste poging niet verstuurd: 1." in result.output
    assert db.session.scalar(
        select(OutboxMessage.status).where(OutboxMessage.status == OutboxStatus.SENT)
    )
