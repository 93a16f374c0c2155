"""Import confirm: a record changed by someone after the preview is named; nothing is saved."""

import pytest
from sqlalchemy import select

from matcher.extensions import db
from matcher.models import Participant, Role
from matcher.services import imports, profiles
from matcher.services.imports import changes
from tests.registry.helpers import text
from tests.registry.sheets import csv_bytes, participant_rows
from tests.registry.test_imports import upload


def confirm_token(page: str) -> str:
    return page.split('name="token" type="hidden" value="')[1].split('"')[0]


def imported(client, rows) -> None:
    page = text(upload(client, "participants", csv_bytes(rows), "deelnemers.csv"))
    assert client.post_form("/import/opslaan", {"token": confirm_token(page)}).status_code == 302


def test_a_record_changed_after_the_preview_is_named_and_nothing_saved(login_as, make):
    client, _ = login_as(Role.COORDINATOR)
    colleague = make.user(Role.COORDINATOR, name="Anna Jansen")
    make.municipality("Almelo")
    imported(client, participant_rows(3, "Almelo"))
    rows = participant_rows(3, "Almelo")
    for row in rows[1:]:
        row[rows[0].index("max_uren_week")] = "16"
    page = text(upload(client, "participants", csv_bytes(rows), "deelnemers.csv"))
    assert "0 nieuw, 3 bijgewerkt" in page

    changed = db.session.scalar(select(Participant).where(Participant.external_ref == "IMP-0001"))
    values = {name: getattr(changed, name) for name in profiles.MATCHING_FIELDS}
    profiles.save(colleague, changed, {**values, "first_name": "Amira"}, changed.pip_date, 1)
    db.session.commit()

    response = client.post_form(
        "/import/opslaan", {"token": confirm_token(page)}, follow_redirects=True
    )
    page = text(response)
    assert "Na de voorvertoning zijn gegevens gewijzigd" in page
    assert "rij 3 (Amira Import0001, kenmerk IMP-0001): gewijzigd door Anna Jansen" in page
    assert "IMP-0000" not in page and "Er is niets opgeslagen" in page
    db.session.expire_all()
    stored = db.session.scalars(select(Participant).order_by(Participant.external_ref)).all()
    assert [p.max_hours_week for p in stored] == [12, 12, 12]
    assert stored[1].first_name == "Amira"


def test_a_record_created_after_the_preview_is_named(login_as, make):
    client, _ = login_as(Role.COORDINATOR)
    make.municipality("Almelo")
    page = text(upload(client, "participants", csv_bytes(participant_rows(2, "Almelo")), "a.csv"))
    assert "2 nieuw, 0 bijgewerkt" in page
    make.participant(external_ref="IMP-0000", first_name="Intussen", last_name="Aangemaakt")
    response = client.post_form(
        "/import/opslaan", {"token": confirm_token(page)}, follow_redirects=True
    )
    assert "rij 2 (Intussen Aangemaakt, kenmerk IMP-0000)" in text(response)
    db.session.expire_all()
    assert (
        db.session.scalar(select(Participant).where(Participant.external_ref == "IMP-0001")) is None
    )


def test_the_preview_keeps_the_versions_it_saw(app_ctx, make):
    town = make.municipality("Almelo")
    participant = make.participant(external_ref="IMP-0000", municipality=town)
    with app_ctx.test_request_context():
        table = participant_rows(2, "Almelo")
        result = imports.preview("participants", table)
    assert result.versions == {"IMP-0000": participant.version, "IMP-0001": None}


def test_a_record_saved_during_the_confirm_itself_is_named(app_ctx, make, monkeypatch):
    """Between the comparison and the row's own save someone commits: the save's versioned
    UPDATE is refused and the confirm names the row, writing nothing."""

    coordinator = make.user(Role.COORDINATOR)
    town = make.municipality("Almelo")
    participant = make.participant(external_ref="IMP-0000", municipality=town)
    participant.version = 2  # as if a colleague saved once the comparison had passed
    db.session.commit()
    monkeypatch.setattr(imports, "changed_since", lambda *args: None)
    with app_ctx.test_request_context(), pytest.raises(changes.RecordsChanged) as refused:
        imports.commit(
            coordinator,
            "participants",
            participant_rows(1, "Almelo"),
            participant.pip_date,
            {"IMP-0000": 1},
        )
    assert [row.ref for row in refused.value.rows] == ["IMP-0000"]
    db.session.rollback()
    assert db.session.get(Participant, participant.id).first_name != "Naam0"
