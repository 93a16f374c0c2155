"""Issue 14: export → import changes nothing, for every kind, in Dutch and English CSV and XLSX."""

from datetime import date

import pytest
from sqlalchemy import func, select

from matcher.dayparts import to_mask
from matcher.extensions import db
from matcher.models import AuditEvent, DutchLevel, Gender, Participant, Placement, Role, Volunteer
from tests.registry.helpers import text
from tests.registry.test_imports import upload

MODELS = {"placements": Placement, "volunteers": Volunteer, "participants": Participant}


def _records(make, kind: str) -> None:
    """Two records of a kind with decimals, dates and lists; the second without a kenmerk."""
    town = make.municipality("Almelo", lat=52.36, lon=6.65)
    if kind == "placements":
        organisation = make.placement(municipality=town).organisation
        make.placement(organisation=organisation, external_ref="PL-1", lat=52.357123, lon=6.6625,
                       sessions={"mon-am": (3.5, 2), "thu-ev": (1.5, 0)},
                       min_dutch_level=DutchLevel.A2, address="Grotestraat 1",
                       description="Regel één\nRegel twee")  # fmt: skip
    elif kind == "volunteers":
        make.volunteer(external_ref="VR-1", municipality=town, session_hours=2.5,
                       travel_km=12.5, vog_date=date(2025, 3, 1), languages=["ar", "ti"],
                       interests=["sport"], gender=Gender.FEMALE, email="anne@example.org",
                       lat=52.3571, lon=6.66251)  # fmt: skip
        make.volunteer(municipality=town, first_name="Zonder", last_name="Kenmerk")
    else:
        coach = make.user(Role.COACH, email="coach@example.org")
        make.participant(external_ref="DN-1", municipality=town, coach=coach,
                         max_hours_week=12.5, travel_km=7.5, hours_before=3.25,
                         languages=["ar"], interests=["groen", "koken"], wants_buddy=True,
                         buddy_gender_preference=Gender.FEMALE, dutch_level=DutchLevel.A1,
                         availability=to_mask(["mon-am", "wed-pm"]))  # fmt: skip
        make.participant(municipality=town, first_name="Zoë", last_name="Zonder")


def _snapshot(kind: str) -> dict:
    db.session.expire_all()
    model = MODELS[kind]
    return {
        "versions": dict(db.session.execute(select(model.id, model.version)).all()),
        "refs": dict(db.session.execute(select(model.id, model.external_ref)).all()),
        "changes": db.session.scalar(
            select(func.count()).select_from(AuditEvent).where(AuditEvent.action != "export")
        ),
    }


@pytest.mark.parametrize("kind", ["placements", "volunteers", "participants"])
@pytest.mark.parametrize("fmt, locale", [("csv", "nl"), ("csv", "en"), ("xlsx", "nl")])
def test_export_then_import_changes_nothing(login_as, make, kind, fmt, locale):
    client, _ = login_as(Role.COORDINATOR)
    _records(make, kind)
    with client.session_transaction() as session:
        session["locale"] = locale
    before = _snapshot(kind)
    data = client.get(f"/import/export/{kind}.{fmt}").data
    page = text(upload(client, kind, data, f"export.{fmt}"))
    rows = len(before["versions"])
    done = {"nl": f"0 nieuw, 0 bijgewerkt, {rows} ongewijzigd", "en": f"0 new, 0 updated, {rows}"}
    assert done[locale] in page, page[-3000:]
    assert 'id="import-plan"' not in page and 'id="import-errors"' not in page
    token = page.split('name="token" type="hidden" value="')[1].split('"')[0]
    assert client.post_form("/import/opslaan", {"token": token}).status_code == 302
    assert _snapshot(kind) == before
