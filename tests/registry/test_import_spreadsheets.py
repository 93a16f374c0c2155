"""Issue 14: imports that fit the spreadsheets coordinators have (Dutch Excel, extra columns,
PDOK down), and a preview that names every row and what will happen to it."""

import io
import socket
from datetime import date

from openpyxl import load_workbook
from sqlalchemy import func, select

from matcher.extensions import db
from matcher.models import AuditEvent, Participant, Placement, Role, Volunteer
from matcher.services.exports import header
from tests.registry.helpers import text
from tests.registry.sheets import csv_bytes, participant_rows, xlsx
from tests.registry.test_imports import upload

DUTCH_HEAD = ["kenmerk", "voornaam", "achternaam", "gemeente", "beschikbaarheid",
              "max_uren_week", "postcode", "breedtegraad", "lengtegraad", "reisafstand_km",
              "uren_voor_registratie", "pip_datum"]  # fmt: skip
DUTCH_ROWS = [
    ["DN-1", "Zoë", "Brontë", "Almelo", "mon-am wed-pm", "12,5", "7601 AB", "52,3567",
     "6,6625", "7,5", "3,25", "01-03-2025"],
    ["DN-2", "José", "Müller", "Almelo", "tue-am", "6", "7601AB", "52,35", "6,66", "5", "0",
     "2025-04-15"],
]  # fmt: skip


def token(page: str) -> str:
    return page.split('name="token" type="hidden" value="')[1].split('"')[0]


def confirmed(client, page: str):
    return client.post_form("/import/opslaan", {"token": token(page)}, follow_redirects=True)


def badge(kind: str, modifier: str, word: str) -> str:
    """The status badge of macros.html as rendered (issue 14: status in words on every row)."""
    return (
        f'<span class="utrecht-status-badge utrecht-status-badge--{modifier} '
        f'status-badge--{kind}">{word}</span>'
    )


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def dutch_excel_csv(encoding: str) -> bytes:
    """What Dutch Excel writes: semicolons, CRLF, decimal comma, DD-MM-JJJJ."""
    body = "\r\n".join(";".join(row) for row in [DUTCH_HEAD, *DUTCH_ROWS]) + "\r\n"
    return ("\ufeff" + body).encode("utf-8") if encoding == "utf-8-bom" else body.encode(encoding)


def check_dutch_rows_saved() -> None:
    db.session.expire_all()
    first = db.session.scalar(select(Participant).where(Participant.external_ref == "DN-1"))
    assert (first.first_name, first.last_name) == ("Zoë", "Brontë")
    assert (first.max_hours_week, first.travel_km, first.hours_before) == (12.5, 7.5, 3.25)
    assert (first.lat, first.lon, first.pip_date) == (52.3567, 6.6625, date(2025, 3, 1))
    second = db.session.scalar(select(Participant).where(Participant.external_ref == "DN-2"))
    assert (second.last_name, second.pip_date) == ("Müller", date(2025, 4, 15))


def test_a_dutch_excel_csv_imports_in_utf8_with_bom_and_in_windows_1252(login_as, make):
    client, _ = login_as(Role.COORDINATOR)
    make.municipality("Almelo")
    for encoding in ("utf-8-bom", "cp1252"):
        page = text(upload(client, "participants", dutch_excel_csv(encoding), "excel.csv"))
        assert "Alle 2 rijen zijn in orde" in page, (encoding, page[-2000:])
        assert ("Windows-1252" in page) is (encoding == "cp1252")
        assert "Zoë Brontë" in page and "José Müller" in page
        assert "Importeren</button>" in page
        confirmed(client, page)
        check_dutch_rows_saved()
    assert count(Participant) == 2  # the second file found the same two by kenmerk


def test_the_date_message_names_both_forms(login_as, make):
    client, _ = login_as(Role.COORDINATOR)
    make.municipality("Almelo")
    rows = [DUTCH_HEAD, [*DUTCH_ROWS[0][:-1], "15/13/2025"]]
    page = text(upload(client, "participants", csv_bytes(rows), "d.csv"))
    assert "is geen datum (DD-MM-JJJJ of JJJJ-MM-DD)" in page
    assert "<td>pip_datum</td><td><code>15/13/2025</code></td>" in page


def test_an_xlsx_with_an_extra_column_imports_with_a_warning_naming_it(login_as, make):
    client, _ = login_as(Role.COORDINATOR)
    make.municipality("Almelo")
    rows = participant_rows(3, "Almelo")
    rows[0] += ["Opmerking", "schoenmaat"]
    for row in rows[1:]:
        row += ["belt liever", "42"]
    page = text(upload(client, "participants", xlsx(rows), "met-extra.xlsx"))
    notices = page.split('id="import-notices"')[1].split("</div>")[0]
    assert "De kolommen opmerking, schoenmaat kent matcher niet; die worden overgeslagen." in (
        notices
    )
    assert "Alle 3 rijen zijn in orde: 3 nieuw, 0 bijgewerkt." in page
    confirmed(client, page)
    assert count(Participant) == 3


def test_the_start_date_header_is_the_pip_date(login_as, make):
    client, _ = login_as(Role.COORDINATOR)
    make.municipality("Almelo")
    rows = [[*DUTCH_HEAD[:-1], "Startdatum"], DUTCH_ROWS[0]]
    confirmed(client, text(upload(client, "participants", csv_bytes(rows), "s.csv")))
    stored = db.session.scalar(select(Participant))
    assert stored.pip_date == date(2025, 3, 1)


def test_a_coordinator_import_leaves_a_known_participants_pip_date_to_the_coach(login_as, make):
    client, _ = login_as(Role.COORDINATOR)
    town = make.municipality("Almelo")
    known = make.participant(external_ref="DN-1", municipality=town, pip_date=date(2024, 9, 2))
    page = text(upload(client, "participants", csv_bytes([DUTCH_HEAD, *DUTCH_ROWS]), "p.csv"))
    assert "De PIP-datum van 1 bestaande deelnemer blijft staan" in page
    assert "pip_datum" not in page.split('id="import-plan"')[1]  # not named as a change
    confirmed(client, page)
    db.session.expire_all()
    assert db.session.get(Participant, known.id).pip_date == date(2024, 9, 2)
    new = db.session.scalar(select(Participant).where(Participant.external_ref == "DN-2"))
    assert new.pip_date == date(2025, 4, 15)


def test_the_preview_names_bad_rows_and_the_fate_of_the_good_ones(login_as, make):
    client, _ = login_as(Role.COORDINATOR)
    town = make.municipality("Almelo")
    rows = participant_rows(4, "Almelo")
    confirmed(client, text(upload(client, "participants", csv_bytes(rows), "a.csv")))
    rows = participant_rows(6, "Almelo", {3: ("reisafstand_km", "veel")})
    rows[2][rows[0].index("max_uren_week")] = "16"
    rows[2][rows[0].index("talen")] = "ar, ti"
    page = text(upload(client, "participants", csv_bytes(rows), "b.csv"))
    errors = page.split('id="import-errors"')[1].split("</table>")[0]
    assert (
        '<td class="num">5</td><td>IMP-0003</td><td>Naam3 Import0003</td><td>reisafstand_km</td>'
        "<td><code>veel</code></td><td>"
        + badge("error", "error", "fout") + " &#39;veel&#39; is geen getal</td>"
        in errors
    )
    acting = page.split('id="import-plan"')[1].split("</table>")[0]
    assert "Wat er met de goede rijen gebeurt zodra het bestand klopt" in acting
    changed = badge("changed", "warning", "gewijzigd")
    assert f"<td>Naam1 Import0001</td><td>{changed} max_uren_week, talen</td>" in acting
    assert f"<td>Naam4 Import0004</td><td>{badge('new', 'active', 'nieuw')}</td>" in acting
    assert f"<td>Naam5 Import0005</td><td>{badge('new', 'active', 'nieuw')}</td>" in acting
    resting = page.split('id="import-unchanged"')[1].split("</details>")[0]
    assert "2 rijen zijn ongewijzigd" in resting
    same = badge("unchanged", "neutral", "ongewijzigd")
    assert f"<td>IMP-0000</td><td>Naam0 Import0000</td><td>{same}</td>" in resting
    assert "<td>IMP-0002</td>" in resting and "IMP-0001" not in resting
    assert count(Participant) == 4 and town.id


def test_an_identical_reimport_is_unchanged_and_writes_nothing(login_as, make):
    client, _ = login_as(Role.COORDINATOR)
    make.municipality("Almelo")
    data = csv_bytes(participant_rows(15, "Almelo"))
    confirmed(client, text(upload(client, "participants", data, "a.csv")))
    versions = dict(db.session.execute(select(Participant.id, Participant.version)).all())
    events = count(AuditEvent)
    page = text(upload(client, "participants", data, "a.csv"))
    assert "Alle 15 rijen zijn in orde: 0 nieuw, 0 bijgewerkt, 15 ongewijzigd." in page
    assert "15 rijen zijn ongewijzigd" in page and 'id="import-plan"' not in page
    done = text(confirmed(client, page))
    assert "Import opgeslagen: 0 nieuw, 0 bijgewerkt, 15 ongewijzigd." in done
    db.session.expire_all()
    assert count(AuditEvent) == events
    assert dict(db.session.execute(select(Participant.id, Participant.version)).all()) == versions


def _closed_port_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/free"


def test_pdok_unreachable_keeps_typed_or_stored_coordinates_else_the_centre(app, login_as, make):
    client, _ = login_as(Role.COORDINATOR)
    town = make.municipality("Almelo", lat=52.36, lon=6.65)
    stored = make.placement(external_ref="P-OLD", postcode="7601 AB", lat=52.3567, lon=6.6625)
    rows = [
        ["kenmerk", "organisatie", "gemeente", "titel", "categorie", "postcode", "breedtegraad",
         "lengtegraad", "sessies"],
        ["P-TYPED", "Kringloop", "Almelo", "Kassa", "winkel", "7511 JA", "52,2215", "6,8937",
         "fri-am:4:1"],
        ["P-NEW", "Kringloop", "Almelo", "Sorteren", "kringloop", "7607 AB", "", "",
         "mon-am:3:2"],
        ["P-OLD", stored.organisation.name, stored.organisation.municipality.name,
         stored.title, "groen", "7601 AB", "", "", "mon-am:3:2"],
    ]  # fmt: skip
    app.config["GEOCODER_URL"] = _closed_port_url()
    page = text(upload(client, "placements", csv_bytes(rows), "plekken.csv"))
    assert "Alle 3 rijen zijn in orde: 2 nieuw, 0 bijgewerkt, 1 ongewijzigd." in page, page[-3000:]
    notices = page.split('id="import-notices"')[1].split("</div>")[0]
    assert "De postcodedienst (PDOK) is nu niet bereikbaar. 1 rij zonder coördinaten" in notices
    assert "het midden van de gemeente (P-NEW)" in notices
    assert "1 bestaand gegeven met dezelfde postcode houdt zijn opgeslagen coördinaten" in notices
    confirmed(client, page)
    db.session.expire_all()
    by_ref = {p.external_ref: p for p in db.session.scalars(select(Placement))}
    assert (by_ref["P-TYPED"].lat, by_ref["P-TYPED"].lon) == (52.2215, 6.8937)
    assert (by_ref["P-NEW"].lat, by_ref["P-NEW"].lon) == (town.lat, town.lon)
    assert (by_ref["P-OLD"].lat, by_ref["P-OLD"].lon, by_ref["P-OLD"].version) == (
        52.3567,
        6.6625,
        stored.version,
    )


def test_dutch_csv_export_writes_decimal_commas_and_dates_english_points(login_as, make):
    client, _ = login_as(Role.COORDINATOR)
    make.volunteer(external_ref="V1", session_hours=3.5, lat=52.357, lon=6.6625,
                   travel_km=12.5, vog_date=date(2025, 3, 1))  # fmt: skip
    dutch = client.get("/import/export/volunteers.csv").data.decode("utf-8-sig")
    row = dict(zip(header("volunteers"), dutch.splitlines()[1].split(";"), strict=True))
    assert (row["sessie_uren"], row["breedtegraad"], row["lengtegraad"]) == (
        "3,5",
        "52,357",
        "6,6625",
    )
    assert (row["reisafstand_km"], row["vog_datum"], row["capaciteit"]) == (
        "12,5",
        "01-03-2025",
        "1",
    )
    with client.session_transaction() as session:
        session["locale"] = "en"
    english = client.get("/import/export/volunteers.csv").data.decode("utf-8-sig")
    row = dict(zip(header("volunteers"), english.splitlines()[1].split(";"), strict=True))
    assert (row["sessie_uren"], row["breedtegraad"], row["vog_datum"]) == (
        "3.5",
        "52.357",
        "2025-03-01",
    )
    sheet = load_workbook(io.BytesIO(client.get("/import/export/volunteers.xlsx").data)).active
    cells = dict(zip(header("volunteers"), sheet[2], strict=True))
    assert cells["sessie_uren"].value == 3.5 and cells["breedtegraad"].value == 52.357
    assert cells["vog_datum"].is_date and cells["vog_datum"].value.date() == date(2025, 3, 1)
    assert count(Volunteer) == 1


def test_the_dutch_csv_template_writes_decimal_commas_and_imports_cleanly(login_as, make):
    client, _ = login_as(Role.COORDINATOR)
    make.municipality("Almelo")
    for kind in ("placements", "volunteers", "participants"):
        data = client.get(f"/import/sjabloon/{kind}.csv").data
        example = data.decode("utf-8-sig").splitlines()[1]
        assert "52,356" in example and "52.3" not in example, example
        page = text(upload(client, kind, data, "sjabloon.csv"))
        assert "Alle 1 rijen zijn in orde" in page, (kind, page[-3000:])
    assert "01-03-2025" in client.get("/import/sjabloon/participants.csv").data.decode()


def test_every_code_the_import_services_raise_has_words():
    """Issue 12: the import services hold codes, never text; each code is worded on the web."""
    import re
    from pathlib import Path

    from matcher.services import imports
    from matcher.web.imports import wording

    folder = Path(imports.__file__).parent
    source = "".join(p.read_text() for p in folder.glob("*.py"))
    assert "flask_babel" not in source and "gettext" not in source
    raised = set(re.findall(r"(?:CellError|ImportRefused)\(\s*\"(\w+)\"", source))
    assert {"not_a_date", "columns", "unpacks_too_big", "duplicate_ref"} <= raised
    worded = set(wording.CELLS) | set(wording.REFUSALS)
    worded |= {"columns", "session_cell", "session_times"}  # the last worded by messages
    assert raised - worded == set()
