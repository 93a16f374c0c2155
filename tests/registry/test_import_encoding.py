"""CSV text is decoded strictly: UTF-8 (or UTF-16 with a BOM), a whole Windows-1252 file as
Dutch Excel saves it, and a file mixing the two refused naming the first line that is wrong."""

import io

import pytest
from sqlalchemy import select

from matcher.extensions import db
from matcher.models import Participant, Role
from matcher.services.imports import read_table
from matcher.services.imports.reader import ImportRefused
from matcher.web.imports import wording
from tests.registry.helpers import text
from tests.registry.sheets import participant_rows


@pytest.fixture
def request_ctx(app):
    with app.test_request_context():
        yield


def csv_text(names: list[str]) -> list[str]:
    """Lines of a participant CSV whose data rows have the given first names."""
    rows = participant_rows(len(names), "Almelo")
    first = rows[0].index("voornaam")
    for row, name in zip(rows[1:], names, strict=True):
        row[first] = name
    return [";".join(row) + "\r\n" for row in rows]


def upload(client, data: bytes):
    return client.post_form(
        "/import/",
        {"kind": "participants", "upload": (io.BytesIO(data), "deelnemers.csv")},
        content_type="multipart/form-data",
    )


def test_a_windows_1252_row_in_a_utf8_file_is_refused_naming_it(login_as, make):
    client, _ = login_as(Role.COORDINATOR)
    make.municipality("Almelo")
    lines = csv_text(["Zoë", "Zoë", "Zoë"])
    data = (lines[0] + lines[1]).encode() + lines[2].encode("cp1252") + lines[3].encode()
    response = upload(client, data)
    assert response.status_code == 422
    page = text(response)
    assert "Regel 3 van het bestand is geen UTF-8-tekst" in page
    assert "CSV UTF-8 (door komma&#39;s gescheiden)" in page
    assert db.session.scalar(select(Participant)) is None  # nothing stored garbled ("ZoÃ«")


def test_a_whole_windows_1252_file_imports_correctly_and_says_so(login_as, make):
    client, _ = login_as(Role.COORDINATOR)
    make.municipality("Almelo")
    data = "".join(csv_text(["Zoë", "Çedric", "Anaïs"])).encode("cp1252")
    page = text(upload(client, data))
    assert "Alle 3 rijen zijn in orde" in page
    assert 'id="import-encoding"' in page and "gelezen als Windows-1252" in page
    token = page.split('name="token" type="hidden" value="')[1].split('"')[0]
    assert client.post_form("/import/opslaan", {"token": token}).status_code == 302
    names = set(db.session.scalars(select(Participant.first_name)))
    assert names == {"Zoë", "Çedric", "Anaïs"}


def test_utf8_files_read_as_utf8_without_a_note(login_as, make):
    client, _ = login_as(Role.COORDINATOR)
    make.municipality("Almelo")
    for data in (
        "".join(csv_text(["Zoë", "Мирослава"])).encode(),
        "".join(csv_text(["Zoë", "Мирослава"])).encode("utf-8-sig"),
        "".join(csv_text(["Zoë", "Мирослава"])).encode("utf-16"),
    ):
        page = text(upload(client, data))
        assert "Alle 2 rijen zijn in orde" in page, page[-2000:]
        assert 'id="import-encoding"' not in page


def test_bytes_no_encoding_knows_are_refused_naming_the_line(request_ctx):
    head = b"kenmerk;voornaam\n"
    cases = [
        (head + b"A;Zo\xeb\nB;Ok\nC;x\x81y\n", "Regel 4 van het bestand bevat tekens"),
        (head + "A;Zoë\n".encode() + b"B;\xff\xfe\n", "Regel 3 van het bestand is geen UTF-8"),
        (b"\xff\xfek\x00\x00\xd8", "Regel 1 van het bestand bevat tekens in een onbekende"),
    ]  # fmt: skip
    for data, message in cases:
        with pytest.raises(ImportRefused) as refused:
            read_table(data, "x.csv")
        assert message in wording.refusal(refused.value), data
    table = read_table(head + b"A;Zo\xeb\n", "x.csv")
    assert table == [["kenmerk", "voornaam"], ["A", "Zoë"]] and table.encoding == "cp1252"
