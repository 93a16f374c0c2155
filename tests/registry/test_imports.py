"""Import with preview, templates, and formula-safe export."""

import csv
import io

from openpyxl import load_workbook
from sqlalchemy import func, select

from matcher.extensions import db
from matcher.models import AuditEvent, Organisation, Participant, Placement, Role, Volunteer
from matcher.services.exports import neutralise
from tests.registry.helpers import text
from tests.registry.sheets import BAD_CELLS, csv_bytes, participant_rows, xlsx


def upload(client, kind: str, data: bytes, filename: str):
    return client.post_form(
        "/import/",
        {"kind": kind, "upload": (io.BytesIO(data), filename)},
        content_type="multipart/form-data",
    )


def raw_upload(client, kind: str, data: bytes, filename: str):
    """A multipart POST built by hand: for big bodies the test client would leave a
    temporary file open (a ResourceWarning), which raw bytes avoid."""
    parts = [("csrf_token", None, client.csrf_token().encode()), ("kind", None, kind.encode()),
             ("upload", filename, data)]  # fmt: skip
    body = b""
    for name, file_name, value in parts:
        extra = f"; filename={file_name}" if file_name else ""
        body += f"--b\r\nContent-Disposition: form-data; name={name}{extra}\r\n\r\n".encode()
        body += value + b"\r\n"
    body += b"--b--\r\n"
    return client.post("/import/", data=body, content_type="multipart/form-data; boundary=b")


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_preview_lists_exactly_the_bad_rows_and_saves_nothing(login_as, make):
    client, _ = login_as(Role.COORDINATOR)
    make.municipality("Almelo")
    response = upload(
        client, "participants", xlsx(participant_rows(200, "Almelo", BAD_CELLS)), "deelnemers.xlsx"
    )
    page = text(response)
    assert "3 rijen bevatten fouten" in page
    errors = page.split('id="import-errors"')[1].split("</table>")[0]
    assert errors.count("<tr><td") == 3
    # Issue 14: each bad row also names its kenmerk, name and the value given.
    assert (
        '<td class="num">19</td><td>IMP-0017</td><td>Naam17 Import0017</td><td>max_uren_week</td>'
        "<td><code>25</code></td>" in errors
    )  # data index 17 = row 19
    assert '<td class="num">90</td><td>IMP-0088</td>' in errors
    assert "<td>beschikbaarheid</td><td><code>mon-xx</code></td>" in errors
    assert "onbekend dagdeel &#39;mon-xx&#39;" in errors
    assert '<td class="num">152</td><td>IMP-0150</td>' in errors
    assert "<td>postcode</td><td><code>12</code></td>" in errors
    assert count(Participant) == 0
    assert "Importeren</button>" not in page


def test_fixed_file_imports_and_reimport_updates(login_as, make):
    client, _ = login_as(Role.COORDINATOR)
    make.municipality("Almelo")
    data = xlsx(participant_rows(200, "Almelo"))
    page = text(upload(client, "participants", data, "deelnemers.xlsx"))
    assert "Alle 200 rijen zijn in orde: 200 nieuw, 0 bijgewerkt." in page
    token = page.split('name="token" type="hidden" value="')[1].split('"')[0]
    response = client.post_form("/import/opslaan", {"token": token})
    assert response.status_code == 302 and response.location.endswith("/deelnemers/")
    assert count(Participant) == 200
    first = db.session.scalar(select(Participant).where(Participant.external_ref == "IMP-0000"))
    assert (first.travel_km, first.max_hours_week, first.wants_taalmaatje) == (7.5, 12, True)
    assert first.interests == ["groen", "koken"] and first.status == "active"

    rows = participant_rows(200, "Almelo")
    rows[1][rows[0].index("max_uren_week")] = "16"
    page = text(upload(client, "participants", csv_bytes(rows), "deelnemers.csv"))
    assert "0 nieuw, 1 bijgewerkt, 199 ongewijzigd" in page  # issue 14: was "200 bijgewerkt"
    token = page.split('name="token" type="hidden" value="')[1].split('"')[0]
    client.post_form("/import/opslaan", {"token": token})
    db.session.expire_all()
    assert count(Participant) == 200
    assert db.session.get(Participant, first.id).max_hours_week == 16
    updates = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "update")).all()
    assert len(updates) == 1 and updates[0].fields == ["max_hours_week"]


def test_placements_and_volunteers_import_from_csv(login_as, make):
    client, _ = login_as(Role.COORDINATOR)
    make.municipality("Almelo")
    placements = [
        ["kenmerk", "organisatie", "gemeente", "titel", "categorie", "postcode", "breedtegraad",
         "lengtegraad", "sessies"],
        ["P1", "Kringloop", "almelo", "Sorteren", "kringloop", "7601AB", "52.3", "6.6",
         "mon-am:3:2; wed-pm:2,5:4"],
        ["P2", "Kringloop", "Almelo", "Kassa", "winkel", "7601 AB", "", "", "fri-am:4:1"],
    ]  # fmt: skip
    page = text(upload(client, "placements", csv_bytes(placements, ","), "plekken.csv"))
    assert "Alle 2 rijen zijn in orde" in page, page
    token = page.split('name="token" type="hidden" value="')[1].split('"')[0]
    client.post_form("/import/opslaan", {"token": token})
    assert count(Organisation) == 1 and count(Placement) == 2
    sorting = db.session.scalar(select(Placement).where(Placement.external_ref == "P1"))
    assert {(s.daypart, s.hours, s.capacity) for s in sorting.sessions} == {
        ("mon-am", 3.0, 2),
        ("wed-pm", 2.5, 4),
    }
    kassa = db.session.scalar(select(Placement).where(Placement.external_ref == "P2"))
    assert (kassa.lat, kassa.lon) == (52.3567, 6.6625)  # looked up at the stand-in PDOK

    volunteers = [
        ["kenmerk", "soort", "voornaam", "achternaam", "gemeente", "beschikbaarheid", "postcode",
         "breedtegraad", "lengtegraad", "vog_datum"],
        ["V1", "buddy", "Piet", "Jansen", "Almelo", "tue-ev", "7601 AB", "52.3", "6.6",
         "01-02-2024"],
    ]  # fmt: skip
    page = text(upload(client, "volunteers", csv_bytes(volunteers), "vrijwilligers.csv"))
    token = page.split('name="token" type="hidden" value="')[1].split('"')[0]
    client.post_form("/import/opslaan", {"token": token})
    volunteer = db.session.scalar(select(Volunteer))
    assert (volunteer.kind, volunteer.vog_date.isoformat()) == ("buddy", "2024-02-01")


def test_bad_sessions_in_import_are_reported_per_row(login_as, make):
    client, _ = login_as(Role.COORDINATOR)
    make.municipality("Almelo")
    rows = [
        ["kenmerk", "organisatie", "gemeente", "titel", "categorie", "postcode", "breedtegraad",
         "lengtegraad", "sessies"],
        ["P1", "Org", "Almelo", "A", "groen", "7601AB", "52.3", "6.6", "mon-am:0:2"],
        ["P2", "Org", "Almelo", "B", "groen", "7601AB", "52.3", "6.6", "mon-am:3:-1"],
        ["P3", "Org", "Almelo", "C", "groen", "7601AB", "52.3", "6.6", "mon-zz:3:1"],
        ["P3", "Org", "Almelo", "D", "ruimtevaart", "7601AB", "52.3", "6.6", "tue-am:3:1"],
    ]  # fmt: skip
    page = text(upload(client, "placements", csv_bytes(rows), "plekken.csv"))
    assert "4 rijen bevatten fouten" in page
    assert "mon-am: moet groter dan 0 en hooguit 12 zijn" in page
    assert "mon-am: moet tussen 0 en 1000 liggen" in page
    assert "onbekend dagdeel &#39;mon-zz&#39;" in page
    assert "staat ook in rij 4" in page and "onbekende categorie" in page
    assert count(Placement) == 0


def test_refused_files_get_a_clear_message(login_as, make):
    client, _ = login_as(Role.COORDINATOR)
    cases = [
        (b"", "leeg.csv", "Het bestand is leeg."),
        (b"\n\n;;\n", "leeg.csv", "Het bestand is leeg."),
        (b"%PDF-1.4 \x00\x01 binary", "brief.pdf", "Kies een .csv- of .xlsx-bestand."),
        (b"PK\x03\x04 not really a zip", "nep.xlsx", "geen leesbaar Excel-bestand"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "foto.csv", "geen CSV-bestand"),
        (b"naam;leeftijd\nAnne;40\n", "fout.csv", "De kolommen kloppen niet"),
        (b"x" * (10 * 1024 * 1024), "groot.csv", "groter dan 5 MB"),
    ]
    for data, name, message in cases:
        response = raw_upload(client, "participants", data, name)
        assert response.status_code == 422, name
        assert message in text(response), (name, text(response)[-2000:])
    assert count(Participant) == 0


def test_upload_above_the_request_limit_is_refused_nicely(login_as):
    client, _ = login_as(Role.COORDINATOR)
    response = raw_upload(client, "participants", b"x" * (13 * 1024 * 1024), "enorm.csv")
    assert response.status_code == 413
    assert "Bestand te groot" in text(response)


def test_wrong_columns_message_names_them(login_as):
    client, _ = login_as(Role.COORDINATOR)
    page = text(upload(client, "volunteers", csv_bytes([["kenmerk", "schoenmaat"]]), "v.csv"))
    assert "ontbrekende kolommen: soort, voornaam" in page
    assert "onbekende kolommen: schoenmaat" in page


def test_confirm_with_a_foreign_token_saves_nothing(login_as, make):
    client, _ = login_as(Role.COORDINATOR)
    response = client.post_form("/import/opslaan", {"token": "made-up"})
    assert response.status_code == 302
    assert "verlopen" in text(client.get("/import/"))


def test_templates_download_and_import_cleanly(login_as, make):
    client, _ = login_as(Role.COORDINATOR)
    make.municipality("Almelo")
    for kind in ("placements", "volunteers", "participants"):
        response = client.get(f"/import/sjabloon/{kind}.xlsx")
        assert response.status_code == 200
        sheet = load_workbook(io.BytesIO(response.data)).active
        header = [c.value for c in sheet[1]]
        assert header[0] == "kenmerk"
        page = text(upload(client, kind, response.data, "sjabloon.xlsx"))
        assert "Alle 1 rijen zijn in orde" in page, (kind, page[-3000:])
    assert "dagdeel:begintijd-eindtijd:plaatsen, gescheiden door ;" in text(client.get("/import/"))
    csv_template = client.get("/import/sjabloon/participants.csv")
    assert csv_template.mimetype == "text/csv"
    assert client.get("/import/sjabloon/anders.csv").status_code == 404


def test_neutralise():
    assert neutralise("=SUM(A1)") == "'=SUM(A1)"
    assert neutralise("+31 6") == "'+31 6" and neutralise("-x") == "'-x"
    assert neutralise("@cmd") == "'@cmd" and neutralise("Anne") == "Anne"
    assert neutralise(-6.5) == -6.5


def test_exports_neutralise_formulas_and_leave_out_coach_fields(login_as, make):
    client, _ = login_as(Role.COORDINATOR)
    make.participant(
        first_name='=HYPERLINK("http://x")',
        last_name="@SUM(1)",
        notes="Geheim",
        functional_limits="Niet tillen",
    )
    make.volunteer(first_name="+31612345678", last_name="-Min")
    response = client.get("/import/export/participants.csv")
    body = response.data.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body), delimiter=";"))
    assert rows[1][1] == '\'=HYPERLINK("http://x")' and rows[1][2] == "'@SUM(1)"
    assert "Geheim" not in body and "Niet tillen" not in body and "pip" not in body.lower()
    sheet = load_workbook(io.BytesIO(client.get("/import/export/volunteers.xlsx").data)).active
    values = [c.value for c in sheet[2]]
    assert values[2] == "'+31612345678" and values[3] == "'-Min"
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "export"))
    assert event.entity == "participants"


def test_export_round_trips_through_import(login_as, make):
    client, _ = login_as(Role.COORDINATOR)
    make.placement(sessions={"mon-am": (3, 2), "thu-ev": (1.5, 0)}, external_ref="R1")
    data = client.get("/import/export/placements.xlsx").data
    page = text(upload(client, "placements", data, "export.xlsx"))
    # Issue 14: an identical re-import is "ongewijzigd" (it was "1 bijgewerkt").
    assert "Alle 1 rijen zijn in orde: 0 nieuw, 0 bijgewerkt, 1 ongewijzigd." in page, page[-2000:]


def test_a_failure_while_saving_leaves_nothing_half_saved(login_as, make, monkeypatch):
    client, _ = login_as(Role.COORDINATOR)
    make.municipality("Almelo")
    page = text(upload(client, "participants", xlsx(participant_rows(20, "Almelo")), "d.xlsx"))
    token = page.split('name="token" type="hidden" value="')[1].split('"')[0]
    from matcher.services import profiles

    real_save, calls = profiles.save, []

    def failing_save(*args, **kwargs):
        calls.append(1)
        if len(calls) == 10:
            raise profiles.ValidationFailed("stopped halfway")
        return real_save(*args, **kwargs)

    monkeypatch.setattr(profiles, "save", failing_save)
    response = client.post_form("/import/opslaan", {"token": token})
    assert response.status_code == 302 and len(calls) == 10
    assert count(Participant) == 0
    assert count(AuditEvent) == 1  # only the coordinator's login
