"""The audit trail as a hash chain: `matcher audit verify` passes on an untouched trail, names
the first changed, removed or relinked event, and concurrent writers never fork the chain."""

import itertools
import threading

import pytest
from sqlalchemy import func, select, text

from matcher.cli import cli
from matcher.extensions import db
from matcher.models import AuditChainHead, AuditEvent, AuditVerification, Role
from matcher.services import audit, audit_checks


@pytest.fixture
def trail(app_ctx, make):
    """Five committed events by two users."""
    coach, admin = make.user(Role.COACH), make.user(Role.ADMIN)
    for n in range(5):
        audit.record(coach if n % 2 else admin, "view", "participant", n + 1, ["notes"])
        db.session.commit()
    return list(db.session.scalars(select(AuditEvent).order_by(AuditEvent.seq)))


def _tamper(sql: str, **params) -> None:
    """A database administrator's direct change, the append-only trigger switched off first."""
    with db.engine.begin() as connection:
        postgresql = connection.dialect.name == "postgresql"
        if postgresql:
            connection.execute(text("ALTER TABLE audit_events DISABLE TRIGGER USER"))
        connection.execute(text(sql), params)
        if postgresql:
            connection.execute(text("ALTER TABLE audit_events ENABLE TRIGGER USER"))
    db.session.expire_all()


def _verify(app):
    return app.test_cli_runner().invoke(cli, ["audit", "verify"])


def test_an_untouched_trail_verifies_and_the_result_is_kept(app, trail):
    result = _verify(app)
    assert result.exit_code == 0, result.output
    assert "intact: 5 gebeurtenis(sen)" in result.output
    kept = audit_checks.last_verification()
    assert kept.intact and kept.events == 5 and kept.checked_by == "cli"
    assert [e.seq for e in trail] == [1, 2, 3, 4, 5]
    assert all(e.prev_hash == before.hash for before, e in itertools.pairwise(trail))


def test_a_direct_update_is_named_by_the_check(app, trail):
    changed = trail[2]
    _tamper("UPDATE audit_events SET action = 'export' WHERE id = :id", id=changed.id)
    result = _verify(app)
    assert result.exit_code == 1
    assert f"GEBROKEN bij gebeurtenis nr. 3 (id {changed.id})" in result.stderr
    assert "inhoud is veranderd" in result.stderr
    kept = db.session.scalar(select(AuditVerification).order_by(AuditVerification.id.desc()))
    assert not kept.intact and kept.broken_seq == 3 and kept.problem == "changed"


def test_a_rewritten_hash_breaks_the_next_link(app, trail):
    _tamper(
        "UPDATE audit_events SET action = 'export', hash = :fake WHERE id = :id",
        fake="f" * 64,
        id=trail[1].id,
    )
    check = audit.verify_chain()
    assert (check.broken_seq, check.problem) == (2, "changed")


def test_a_removed_event_and_a_removed_tail_are_found(app, trail):
    _tamper("DELETE FROM audit_events WHERE id = :id", id=trail[1].id)
    check = audit.verify_chain()
    assert (check.broken_seq, check.broken_id, check.problem) == (3, trail[2].id, "missing")
    _tamper("DELETE FROM audit_events WHERE seq >= 2")
    check = audit.verify_chain()
    assert (check.broken_seq, check.problem) == (2, "tail")


def test_concurrent_writers_do_not_fork_the_chain(app, make):
    with app.app_context():
        user = make.user(Role.COORDINATOR)
        audit.record(user, "create", "user", user.id)  # the chain's head exists
        db.session.commit()
        user_id = user.id
    writers, each = 4, 5
    barrier = threading.Barrier(writers)
    errors = []

    def write():
        try:
            with app.app_context():
                barrier.wait(timeout=30)
                for n in range(each):
                    audit.record(None, "view", "participant", user_id * 100 + n)
                    db.session.commit()
        except Exception as error:  # the test reports it
            errors.append(error)

    threads = [threading.Thread(target=write) for _ in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors
    with app.app_context():
        seqs = db.session.scalars(select(AuditEvent.seq).order_by(AuditEvent.seq)).all()
        assert seqs == list(range(1, writers * each + 2))
        assert audit.verify_chain().intact
        assert db.session.get(AuditChainHead, 1).events == writers * each + 1


def test_origin_policies(app_ctx):
    assert audit.origin_of("192.0.2.77", "full") == "192.0.2.77"
    assert audit.origin_of("192.0.2.77", "truncated") == "192.0.2.0/24"
    assert audit.origin_of("2001:db8:1:2::5", "truncated") == "2001:db8:1::/48"
    hashed = audit.origin_of("192.0.2.77", "hmac")
    assert hashed.startswith("hmac:") and "192.0.2" not in hashed
    assert hashed == audit.origin_of("192.0.2.77", "hmac") != audit.origin_of("192.0.2.78", "hmac")
    assert audit.origin_of(None) == ""


def test_requests_store_the_origin_as_configured(app, login_as, monkeypatch):
    monkeypatch.setitem(app.config, "AUDIT_ORIGIN", "truncated")
    _client, user = login_as(Role.COACH)
    with app.app_context():
        login = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "login"))
        assert (login.result, login.origin, login.entity_id) == ("done", "127.0.0.0/24", user.id)
        count = db.session.scalar(select(func.count()).select_from(AuditEvent))
        assert count >= 1
