"""The outbox page (issue 13): coordinators see queued, sent and failed messages with their
attempts and last error, filter them by status, and send a failed one again: once, however
many press at the same moment."""

from sqlalchemy import func, select, update

from matcher.extensions import db
from matcher.models import AuditEvent, OutboxMessage, Role
from matcher.models.matching_extras import OutboxStatus
from matcher.services import notifications, outbox
from tests.matching.helpers import in_parallel, wait_at_barrier_before

URL = "/coordinator/koppelen/uitgaande-mail"


def _message(to: str, **values) -> int:
    message = notifications.enqueue(to, f"Onderwerp {to}", "Tekst")
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


def test_coordinators_see_every_message_with_its_attempts_and_last_error(login_as, app_ctx):
    _message("wacht@example.org")
    _message("weg@example.org", status=OutboxStatus.SENT, attempts=1)
    _message(
        "mis@example.org",
        status=OutboxStatus.FAILED,
        attempts=notifications.MAX_ATTEMPTS,
        last_error="ConnectionRefusedError",
    )
    client, _ = login_as(Role.COORDINATOR)
    page = client.get(URL).get_data(as_text=True)
    for address in ("wacht@example.org", "weg@example.org", "mis@example.org"):
        assert address in page
    assert "ConnectionRefusedError" in page and "Onderwerp mis@example.org" in page
    assert "De mailserver is niet ingesteld" in page
    assert page.count("Opnieuw versturen") == 1  # only the failed one
    failed = client.get(f"{URL}?status=failed").get_data(as_text=True)
    assert "mis@example.org" in failed and "wacht@example.org" not in failed
    assert outbox.listing().counts == {"pending": 1, "sending": 0, "sent": 1, "failed": 1}


def test_other_roles_do_not_see_the_outbox(login_as, app_ctx):
    _message("iemand@example.org")
    for role in (Role.COACH, Role.VOLUNTEER, Role.ADMIN):
        client, _ = login_as(role)
        assert client.get(URL).status_code == 403


def test_a_failed_message_is_sent_again_and_the_resend_is_audited(
    login_as, app_ctx, smtp_server, monkeypatch
):
    monkeypatch.setattr("matcher.jobs.deliver_mail", lambda: None)
    failed = _message(
        "mis@example.org", status=OutboxStatus.FAILED, attempts=notifications.MAX_ATTEMPTS
    )
    client, user = login_as(Role.COORDINATOR)
    response = client.post_form(f"{URL}/opnieuw", {"message_id": failed}, follow_redirects=True)
    assert "Het bericht staat weer in de wachtrij" in response.get_data(as_text=True)
    message = _stored(failed)
    assert (message.status, message.attempts) == (OutboxStatus.PENDING, 0)
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "resend"))
    assert (event.actor_id, event.entity_id) == (user.id, failed)
    assert notifications.send_pending() == (1, 0)
    assert [m["to"] for m in smtp_server.messages] == [["mis@example.org"]]
    again = client.post_form(f"{URL}/opnieuw", {"message_id": failed}, follow_redirects=True)
    assert "Het wordt niet twee keer verstuurd" in again.get_data(as_text=True)
    assert _stored(failed).status == OutboxStatus.SENT


def test_a_resend_without_a_csrf_token_is_refused(login_as, app_ctx):
    failed = _message("mis@example.org", status=OutboxStatus.FAILED, attempts=12)
    client, _ = login_as(Role.COORDINATOR)
    assert client.post(f"{URL}/opnieuw", data={"message_id": failed}).status_code == 400
    assert _stored(failed).status == OutboxStatus.FAILED


def test_two_coordinators_resending_at_once_queue_it_once(login_as, app_ctx, monkeypatch):
    monkeypatch.setattr("matcher.jobs.deliver_mail", lambda: None)
    failed = _message("mis@example.org", status=OutboxStatus.FAILED, attempts=12)
    (anna, _), (bram, _) = login_as(Role.COORDINATOR), login_as(Role.COORDINATOR)
    wait_at_barrier_before(monkeypatch, outbox, "resend")
    url = f"{URL}/opnieuw"
    pages = in_parallel(
        lambda: anna.post_form(url, {"message_id": failed}, follow_redirects=True).get_data(
            as_text=True
        ),
        lambda: bram.post_form(url, {"message_id": failed}, follow_redirects=True).get_data(
            as_text=True
        ),
    )
    assert sum("Het bericht staat weer in de wachtrij" in p for p in pages) == 1
    assert sum("Het wordt niet twee keer verstuurd" in p for p in pages) == 1
    db.session.expire_all()
    resends = select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "resend")
    assert db.session.scalar(resends) == 1
    assert _stored(failed).status == OutboxStatus.PENDING


def test_the_confirm_page_says_how_many_messages_wait_and_whether_mail_is_set_up(
    login_as, world, coordinator, monkeypatch
):
    from tests.matching.conftest import WEEK
    from tests.matching.helpers import run_now

    monkeypatch.setattr("matcher.jobs.deliver_mail", lambda: None)
    run = run_now(coordinator, WEEK)
    client, _ = login_as(Role.COORDINATOR)
    client.post_form(f"/coordinator/koppelen/runs/{run.id}/accept-all")
    page = client.post_form(
        f"/coordinator/koppelen/runs/{run.id}/confirm", follow_redirects=True
    ).get_data(as_text=True)
    assert "1 bericht in de wachtrij gezet; de mailserver is niet ingesteld" in page


def test_a_coordinator_sets_the_phone_number_the_mails_name(login_as, app_ctx):
    client, user = login_as(Role.COORDINATOR)
    url = "/coordinator/koppelen/contactgegevens"
    assert client.get(url).status_code == 200
    assert client.post_form(url, {"phone": "bel mij"}).status_code == 400
    response = client.post_form(url, {"phone": " 0546  800 120 "}, follow_redirects=True)
    assert "Uw telefoonnummer is opgeslagen" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(type(user), user.id).phone == "0546 800 120"
    updates = select(AuditEvent).where(AuditEvent.entity == "user", AuditEvent.action == "update")
    event = db.session.scalar(updates)
    assert event.fields == ["phone"] and event.actor_id == user.id
    coach, _ = login_as(Role.COACH)
    assert coach.get(url).status_code == 403
