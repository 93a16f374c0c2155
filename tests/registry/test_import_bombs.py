"""Hostile spreadsheets are refused with a Dutch message, by the service and the upload page,
before they cost real work (timings and memory: benchmarks/import_bombs.py)."""

import io
from pathlib import Path

import pytest
from sqlalchemy import func, select

from matcher.extensions import db
from matcher.models import Participant, Role
from matcher.services.imports import limits, read_table, safe_zip
from matcher.services.imports.reader import ImportRefused
from matcher.web.imports import wording
from tests.registry import bombs
from tests.registry.helpers import text
from tests.registry.sheets import csv_bytes, participant_rows, xlsx

UNREADABLE = "Dit bestand is geen leesbaar Excel-bestand (.xlsx)."
TOO_MANY_ROWS = "Het bestand heeft meer dan 10000 rijen. Splits het."


def numbered_rows(count: int, after: bytes = b"") -> bytes:
    """A sheet of `count` one-cell rows numbered from 1 (compresses about tenfold)."""
    rows = b"".join(
        b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>%d</t></is></c></row>' % (n, n, n)
        for n in range(1, count + 1)
    )
    return bombs.workbook(bombs.sheet(rows + after))


def lying_row_bomb() -> bytes:
    """20 million rows whose sheet claims to unpack to 50 MB (within every size bound)."""
    return bombs.row_bomb(declared=50 * 1024 * 1024)


def long_shared_string() -> bytes:
    strings = bombs.Part("xl/sharedStrings.xml", f'<sst {bombs.NS}><si><t>'.encode() +
                         b"ab" * 2500 + b"</t></si></sst>")  # fmt: skip
    return bombs.workbook(bombs.sheet(b'<row r="4"><c r="B4" t="s"><v>0</v></c></row>'), strings)


def long_inline_cell() -> bytes:
    cell = b'<row r="2"><c r="C2" t="inlineStr"><is><t>' + b"x" * 500_000 + b"</t></is></c></row>"
    return bombs.workbook(bombs.sheet(cell))


def formatted_empty_rows() -> bytes:
    rows = b"".join(b'<row r="%d" s="1" customFormat="1"/>' % n for n in range(1, 150_001))
    return bombs.workbook(bombs.sheet(rows))


def far_column() -> bytes:
    row = b'<row r="3"><c r="A3"><v>1</v></c><c r="CW3" t="inlineStr"><is><t>x</t></is></c></row>'
    return bombs.workbook(bombs.sheet(row))


def billion_laughs() -> bytes:
    dtd = b'<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
    sheet = bombs.Part("xl/worksheets/sheet1.xml", b'<?xml version="1.0"?>' + dtd +
                       f"<worksheet {bombs.NS}><sheetData/></worksheet>".encode())  # fmt: skip
    return bombs.workbook(sheet)


CASES = {
    "row bomb": (bombs.row_bomb, "wordt uitgepakt veel groter dan het lijkt (935 MB, hooguit 100"),
    "cell bomb": (bombs.cell_bomb, "wordt uitgepakt veel groter dan het lijkt (1024 MB, hooguit"),
    "dimension bomb": (bombs.dimension_bomb, "volgens het bestand 1048576 rijen hoog en 16384 k"),
    "entries bomb": (bombs.entries_bomb, "bestaat uit te veel onderdelen (5006, hooguit 1000)"),
    "ratio bomb": (bombs.ratio_bomb, "verdacht sterk ingepakt: een onderdeel wordt 1003 keer"),
    "row bomb lying about its size": (lying_row_bomb, TOO_MANY_ROWS),
    "rows beyond the limit": (lambda: numbered_rows(10_050, b"<<garbage"), TOO_MANY_ROWS),
    "long shared string": (long_shared_string, "Cel B4 bevat meer dan 4000 tekens"),
    "long inline cell": (long_inline_cell, "Cel C2 bevat meer dan 4000 tekens"),
    "formatted empty rows": (formatted_empty_rows, "meer dan 100000 rijen, als ook lege rijen"),
    "far column": (far_column, "Rij 3 heeft gegevens in meer dan 100 kolommen"),
    "entity definitions": (billion_laughs, UNREADABLE),
    "attribute bomb": (bombs.attribute_bomb, UNREADABLE),
    "shared-strings bomb": (bombs.strings_bomb, "groter dan het lijkt (20 MB, hooguit 16 MB)"),
    "password protected": (
        lambda: safe_zip.OLE_MAGIC + b"\x00" * 600,
        "met een wachtwoord beveiligd",
    ),
}


@pytest.fixture
def request_ctx(app):
    with app.test_request_context():
        yield


@pytest.mark.parametrize("case", CASES)
def test_the_service_refuses_each_bomb_with_its_message(request_ctx, case):
    make, message = CASES[case]
    with pytest.raises(ImportRefused) as refused:
        read_table(make(), "bom.xlsx")
    assert message in wording.refusal(refused.value)


def upload(client, data: bytes, filename: str):
    """A multipart POST built by hand (the test client would spool a big body to a file)."""
    parts = [("csrf_token", None, client.csrf_token().encode()), ("kind", None, b"participants"),
             ("upload", filename, data)]  # fmt: skip
    body = b""
    for name, file_name, value in parts:
        extra = f"; filename={file_name}" if file_name else ""
        body += f"--b\r\nContent-Disposition: form-data; name={name}{extra}\r\n\r\n".encode()
        body += value + b"\r\n"
    body += b"--b--\r\n"
    return client.post("/import/", data=body, content_type="multipart/form-data; boundary=b")


@pytest.mark.parametrize("case", CASES)
def test_the_upload_page_refuses_each_bomb_and_keeps_nothing(app, login_as, make, case):
    client, _ = login_as(Role.COORDINATOR)
    make.municipality("Almelo")
    builder, message = CASES[case]
    response = upload(client, builder(), "bom.xlsx")
    assert response.status_code == 422
    assert message.replace("'", "&#39;") in text(response)
    assert db.session.scalar(select(func.count()).select_from(Participant)) == 0
    assert not list(Path(app.config["IMPORT_DIR"]).glob("*"))  # no file waits for confirmation
    with client.session_transaction() as session:
        assert "import" not in session


def test_a_slow_read_is_given_up_with_its_message(request_ctx, monkeypatch):
    monkeypatch.setattr(limits, "PARSE_SECONDS", 0.0)
    rows = participant_rows(300, "Almelo")
    for data, name in ((xlsx(rows), "traag.xlsx"), (csv_bytes(rows), "traag.csv")):
        with pytest.raises(ImportRefused) as refused:
            read_table(data, name)
        assert "duurt te lang" in wording.refusal(refused.value)


def test_csv_is_bounded_too(request_ctx):
    head = b"kenmerk;voornaam\n"
    cases = [
        (head + b"A;" + b"x" * 4_001 + b"\n", "Cel B2 bevat meer dan 4000 tekens"),
        (head + b'A;"' + b"x" * 200_000 + b'"\n', "Rij 2 bevat een cel met meer dan 4000"),
        (head + b"A;" + b";x" * 100 + b"\n", "Rij 2 heeft gegevens in meer dan 100 kolommen"),
        (head + b"A;B\n" * 10_001 + b'"unterminated\n' * 100, TOO_MANY_ROWS),
    ]
    for data, message in cases:
        with pytest.raises(ImportRefused) as refused:
            read_table(data, "x.csv")
        assert message in wording.refusal(refused.value)
    assert len(read_table(head + b"A;B;;;;\n" * 10_000, "x.csv")) == 10_001  # trailing ;; free
    long = read_table(head + b"A;" + b"x" * 3_000 + b"\n", "x.csv")  # the field's own limit
    assert len(long[1][1]) == 3_000  # (2,000) is a row error in the preview, not a refusal


def test_normal_templates_and_fixtures_still_read_the_same(request_ctx, login_as):
    client, _ = login_as(Role.COORDINATOR)
    rows = participant_rows(200, "Almelo")
    expected = [_trimmed(row) for row in rows]
    assert [_trimmed(row) for row in read_table(xlsx(rows), "d.xlsx")] == expected
    assert [_trimmed(row) for row in read_table(csv_bytes(rows), "d.csv")] == expected
    for kind in ("placements", "volunteers", "participants"):
        for fmt in ("xlsx", "csv"):
            data = client.get(f"/import/sjabloon/{kind}.{fmt}").data
            table = read_table(data, f"sjabloon.{fmt}")
            assert table[0][0] == "kenmerk" and len(table) == 2, (kind, fmt, table)


def test_cell_types_dates_and_shared_strings_read_as_before(request_ctx):
    from datetime import date, datetime

    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["tekst", date(2024, 2, 1), datetime(2025, 3, 1, 12, 0), True, 12.0, 7.5])
    buffer = io.BytesIO()
    book.save(buffer)
    assert read_table(buffer.getvalue(), "t.xlsx") == [
        ["tekst", "2024-02-01", "2025-03-01", "ja", "12", "7.5"]
    ]
    strings = bombs.Part("xl/sharedStrings.xml", (
        f'<sst {bombs.NS}><si><t xml:space="preserve"> Zoë </t></si><si><r><t>de </t></r>'
        "<r><rPr><b/></rPr><t>Vries</t></r><rPh><t>ふりがな</t></rPh></si>"
        "<si><t>regel_x000D_twee</t></si></sst>"
    ).encode())  # fmt: skip
    row = (b'<row r="2"><c r="A2" t="s"><v>0</v></c><c r="C2" t="s"><v>1</v></c>'
           b'<c r="D2" t="s"><v>2</v></c><c r="E2" t="b"><v>0</v></c><c r="F2"><f>1+1</f>'
           b'<v>2</v></c><c r="XFD2" s="1"/></row><row r="9"/>')  # fmt: skip
    assert read_table(bombs.workbook(bombs.sheet(row), strings), "s.xlsx") == [
        ["Zoë", "", "de Vries", "regel\rtwee", "nee", "2"]
    ]


def _trimmed(row: list[str]) -> list[str]:
    row = list(row)
    while row and not row[-1]:
        row.pop()
    return row


def test_malformed_workbooks_are_refused_never_a_crash(request_ctx):
    def cells(xml: bytes) -> bytes:
        return bombs.workbook(bombs.sheet(b'<row r="1"><c r="A1"><v>1</v></c></row>' + xml))

    good = cells(b"")
    broken = [
        cells(b'<row r="\xc2\xb2"><c r="A\xc2\xb2"><v>1</v></c></row>'),  # superscript two
        cells(b'<row><c t="s"><v>abc</v></c><c t="s"><v>99</v></c></row>'),
        cells(b'<row><c t="d"><v>gisteren</v></c></row>'),
        cells(b"<row><c><v>" + b"9" * 3_000 + b"</v></c></row>"),
        cells(b'<row><c s="7"><v>1e999</v></c></row>'),
        cells(b"<row><c><v>1</c></row>"),  # not well-formed
        good.replace(b'r:id="rId1"', b'r:id="rId9"'),  # no such sheet
        good[: len(good) // 2],  # cut off
        good.replace(b"PK\x01\x02", b"PK\x01\x03"),  # central directory damaged
        b"PK\x03\x04" + bytes(range(256)) * 20,
    ]
    for data in broken:
        try:
            table = read_table(data, "kapot.xlsx")
        except ImportRefused:
            continue
        assert isinstance(table, list), data[:60]
    table = read_table(cells(b'<row><c><v>1e999</v></c><c t="b"><v>1</v></c></row>'), "x.xlsx")
    assert table[1] == ["inf", "ja"]
