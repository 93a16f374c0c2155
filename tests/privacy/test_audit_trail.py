"""The admin's audit trail: filterable, read-only, and participant data stays out of it."""

from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError

from matcher.extensions import db
from matcher.models import AuditEvent, Role
from matcher.services import audit


def _event(actor, action, entity, entity_id, at):
    event = audit.record(actor, action, entity, entity_id, ["notes"])
    event.at = at
    db.session.commit()
    return event


def test_admin_filters_by_participant_actor_and_date(login_as, make):
    client, _admin = login_as(Role.ADMIN)
    coach = make.user(Role.COACH, name="Coach Karin", email="karin@example.org")
    other = make.user(Role.COORDINATOR, name="Coördinator Ole", email="ole@example.org")
    participant = make.participant(coach=coach, last_name="Geheimnaam")
    _event(coach, "view", "participant", participant.id, datetime(2026, 3, 2, 9, tzinfo=UTC))
    _event(other, "update", "participant", participant.id, datetime(2026, 3, 5, 9, tzinfo=UTC))
    _event(other, "view", "participant", participant.id + 1, datetime(2026, 3, 5, 10, tzinfo=UTC))

    page = client.get(f"/beheer/audit?participant={participant.id}").get_data(as_text=True)
    assert "2 gebeurtenissen" in page
    assert "Geheimnaam" not in page  # ids only: the admin sees no participant data
    page = client.get("/beheer/audit?actor=karin").get_data(as_text=True)
    assert "1 gebeurtenis<" in page and "Coach Karin" in page
    page = client.get("/beheer/audit?date_from=2026-03-05&date_to=2026-03-05").get_data(
        as_text=True
    )
    assert "2 gebeurtenissen" in page and "Coach Karin" not in page
    page = client.get("/beheer/audit?action=update").get_data(as_text=True)
    assert "1 gebeurtenis<" in page and "gewijzigd" in page


def test_bad_filter_input_is_told_not_crashed(login_as):
    client, _admin = login_as(Role.ADMIN)
    response = client.get("/beheer/audit?participant=abc&date_from=gisteren")
    assert response.status_code == 200
    assert "Controleer het formulier" in response.get_data(as_text=True)


def test_only_admins_see_the_audit_trail(login_as):
    for role in (Role.COACH, Role.COORDINATOR, Role.VOLUNTEER):
        client, _user = login_as(role)
        assert client.get("/beheer/audit").status_code == 403


def test_no_route_edits_or_deletes_audit_events(app):
    for rule in app.url_map.iter_rules():
        if "audit" in rule.rule:
            assert rule.methods <= {"GET", "HEAD", "OPTIONS"}, rule.rule


def test_postgres_refuses_changes_to_audit_events(app_ctx, make):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("the append-only trigger is PostgreSQL's")
    user = make.user(Role.COACH)
    audit.record(user, "view", "participant", 1)
    db.session.commit()
    with pytest.raises(DBAPIError, match="append-only"):
        db.session.execute(text("UPDATE audit_events SET action = 'x'"))
        db.session.flush()
    db.session.rollback()
    with pytest.raises(DBAPIError, match="append-only"):
        db.session.execute(text("DELETE FROM audit_events"))
    db.session.rollback()
    assert db.session.scalar(select(func.count()).select_from(AuditEvent)) == 1
