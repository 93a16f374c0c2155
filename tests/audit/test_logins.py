"""Logins in the audit trail: refusals too (for unknown addresses without the address), spikes
of refused logins on the admin's page, and an e-mail to the account holder when a login
succeeds after several refused attempts."""

from sqlalchemy import select, text

from matcher.extensions import db
from matcher.models import AuditEvent, OutboxMessage, Role
from tests.factories import PASSWORD

AUDIT = "/beheer/audit"


def _fail(client, email: str, times: int = 1) -> None:
    for _ in range(times):
        client.post_form("/inloggen", {"email": email, "password": "not the password"})


def _logins(result: str) -> list[AuditEvent]:
    return list(
        db.session.scalars(
            select(AuditEvent).where(AuditEvent.action == "login", AuditEvent.result == result)
        )
    )


def test_refused_logins_are_audited_without_the_typed_address(app, client, make):
    user = make.user(Role.COACH)
    _fail(client, user.email)
    _fail(client, "Nobody.Here@example.org")
    db.session.expire_all()
    refused = _logins("refused")
    assert sorted((e.entity_id or 0) for e in refused) == [0, user.id]
    assert all(e.origin.startswith("hmac:") and e.actor_id is None for e in refused)
    dump = db.session.execute(text("SELECT * FROM audit_events")).all()
    assert "nobody.here" not in repr(dump).lower()
    assert audit_chain_intact()


def audit_chain_intact() -> bool:
    from matcher.services import audit

    return audit.verify_chain().intact


def test_a_spike_for_one_account_and_one_origin_shows_on_the_admin_page(
    login_as, client, make, app, monkeypatch
):
    monkeypatch.setitem(app.config, "LOGIN_SPIKE_THRESHOLD", 3)
    monkeypatch.setitem(app.config, "LOCKOUT_ATTEMPTS", 50)
    target = make.user(Role.COORDINATOR, email="target@example.org")
    _fail(client, target.email, times=4)
    _fail(client, "unknown@example.org", times=1)
    admin_client, _admin = login_as(Role.ADMIN)
    page = admin_client.get(AUDIT).get_data(as_text=True)
    section = page.split('id="failed-logins"', 1)[1].split("</section>", 1)[0]
    assert "target@example.org</td><td>4 <span" in section and "opvallend veel" in section
    assert "unknown@example.org" not in page
    assert section.count("opvallend veel") == 2  # the account, and the one origin (5 in all)


def test_a_login_after_several_refusals_is_told_to_the_account_holder(app, make, client):
    user = make.user(Role.COACH, email="karin@example.org")
    _fail(client, user.email, times=3)
    response = client.post_form("/inloggen", {"email": user.email, "password": PASSWORD})
    assert response.status_code == 302
    db.session.expire_all()
    mail = db.session.scalars(select(OutboxMessage)).all()
    assert [m.to_address for m in mail] == ["karin@example.org"]
    assert "3 pogingen" in mail[0].body and "Verander dan meteen uw wachtwoord" in mail[0].body


def test_a_single_typo_sends_nothing_and_the_count_starts_afresh(app, make, client):
    user = make.user(Role.COACH)
    _fail(client, user.email, times=2)
    client.post_form("/inloggen", {"email": user.email, "password": PASSWORD})
    other = app.test_client()
    _fail(other, user.email, times=1)
    other.post_form("/inloggen", {"email": user.email, "password": PASSWORD})
    db.session.expire_all()
    assert db.session.scalars(select(OutboxMessage)).all() == []
    assert len(_logins("done")) == 2


def test_the_admin_checks_the_chain_and_sees_when(login_as):
    client, _admin = login_as(Role.ADMIN)
    page = client.get(AUDIT).get_data(as_text=True)
    assert "nog nooit gecontroleerd" in page
    page = client.post_form("/beheer/ketencontrole", follow_redirects=True).get_data(as_text=True)
    assert "De auditketen is gecontroleerd en klopt." in page
    assert "Laatst gecontroleerd op" in page and "Klopt" in page
    with db.engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("ALTER TABLE audit_events DISABLE TRIGGER USER"))
        connection.execute(text("UPDATE audit_events SET fields = '[\"x\"]' WHERE seq = 1"))
        if connection.dialect.name == "postgresql":
            connection.execute(text("ALTER TABLE audit_events ENABLE TRIGGER USER"))
    page = client.post_form("/beheer/ketencontrole", follow_redirects=True).get_data(as_text=True)
    assert "breekt bij gebeurtenis nr. 1" in page and "Gebroken" in page
