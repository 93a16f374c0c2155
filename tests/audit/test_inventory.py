"""The data inventory for the DPIA: every column of every model is classified, a new column
that is not fails here, and the page and export show it to admins and coordinators only."""

import sqlalchemy as sa

from matcher.extensions import db
from matcher.models import Role
from matcher.services import inventory


def test_every_model_column_is_classified_once():
    assert inventory.unclassified() == []
    assert inventory.stale() == []


def test_a_new_column_without_a_classification_is_named():
    copy = sa.MetaData()
    for table in db.metadata.sorted_tables:
        table.to_metadata(copy)
    copy.tables["participants"].append_column(sa.Column("nationality", sa.String(40)))
    sa.Table("future_feature", copy, sa.Column("id", sa.Integer, primary_key=True))
    assert sorted(inventory.unclassified(copy)) == ["future_feature.id", "participants.nationality"]
    listed = {(r.table, r.column): r.category for r in inventory.rows(copy)}
    assert listed[("participants", "nationality")] == "unclassified"


def test_admins_see_the_page_and_the_export(login_as):
    client, _admin = login_as(Role.ADMIN)
    page = client.get("/over/gegevens").get_data(as_text=True)
    assert "functional_limits" in page and "gevoelig persoonsgegeven" in page
    assert "5 jaar na het einde van de inburgeringsplicht" in page
    export = client.get("/over/gegevens.json").get_json()
    columns = {(c["table"], c["column"]): c for c in export["columns"]}
    assert len(columns) == sum(len(t.columns) for t in db.metadata.sorted_tables)
    limits = columns[("participants", "functional_limits")]
    assert limits["category"] == "special" and limits["roles"] == ["coordinator", "coach"]
    assert columns[("audit_events", "origin")]["category"] == "pseudonymous"


def test_volunteers_and_coaches_do_not(login_as):
    for role in (Role.VOLUNTEER, Role.COACH):
        client, _user = login_as(role)
        assert client.get("/over/gegevens").status_code == 403
        assert client.get("/over/gegevens.json").status_code == 403


def test_the_accessibility_statement_is_public_and_truthful(client, app, monkeypatch):
    page = client.get("/over/toegankelijkheid").get_data(as_text=True)
    assert "axe-core" in page and "'serious' of 'critical'" in page
    assert "nog niet gedaan" in page  # no manual audit is claimed
    assert "nog niet bekeken en ondertekend" in page
    monkeypatch.setitem(app.config, "ORGANISATION_NAME", "Gemeente Almelo")
    monkeypatch.setitem(app.config, "ORGANISATION_EMAIL", "toegankelijk@almelo.example")
    monkeypatch.setitem(app.config, "ACCESSIBILITY_STATEMENT_DATE", "2026-11-30")
    page = client.get("/over/toegankelijkheid").get_data(as_text=True)
    assert "Gemeente Almelo wil dat iedereen" in page
    assert 'href="mailto:toegankelijk@almelo.example"' in page and "2026-11-30" in page
