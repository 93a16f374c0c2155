"""The import's cell parsers and file reader, one rule at a time."""

import pytest

from matcher.services.imports import cells, reader
from matcher.services.imports.cells import CellError
from matcher.services.imports.specs import Context, parse_row


def test_sessions_cell():
    assert cells.sessions("mon-am:3:2; wed-pm:2,5:4;") == {"mon-am": (3.0, 2), "wed-pm": (2.5, 4)}
    for bad in ("", "mon-am:3", "mon-xx:3:1", "mon-am:0:1", "mon-am:12.5:1", "mon-am:3:1.5",
                "mon-am:3:-1", "mon-am:3:1; mon-am:2:1", "mon-am:nan:1"):  # fmt: skip
        with pytest.raises(CellError):
            cells.sessions(bad)


def test_dayparts_booleans_dates_languages():
    assert cells.dayparts("mon-am, TUE-ev;sun-pm") == (1 << 0) | (1 << 5) | (1 << 19)
    assert cells.boolean("Ja") and not cells.boolean("") and not cells.boolean("nee")
    assert str(cells.day("01-02-2024")) == "2024-02-01" == str(cells.day("2024-02-01"))
    assert cells.languages("AR, ti") == ["ar", "ti"]
    bad_calls = [
        lambda: cells.boolean("misschien"),
        lambda: cells.day("31-02-2024"),
        lambda: cells.languages("arabic"),
        lambda: cells.dayparts("mon-night"),
    ]
    for call in bad_calls:
        with pytest.raises(CellError):
            call()


def test_csv_reader_takes_semicolons_bom_and_windows_encoding():
    data = "kenmerk;achternaam\r\nA1;Müller\r\n;;\r\n".encode("cp1252")
    assert reader.read_table(data, "x.CSV") == [["kenmerk", "achternaam"], ["A1", "Müller"]]
    data = '\ufeffkenmerk,achternaam\nA1,"de Vries, jr"\n'.encode()
    assert reader.read_table(data, "x.csv")[1] == ["A1", "de Vries, jr"]


def test_pdok_down_during_import_takes_the_municipality_centre_asked_once(app, app_ctx, make, pdok):
    """Issue 14: PDOK unreachable is no longer a row error (it was: "postcodedienst niet
    bereikbaar"); the row gets the municipality's centre, marked approximate."""
    make.municipality("Almelo", lat=52.36, lon=6.65)
    app.config["GEOCODER_URL"] = "http://127.0.0.1:9/unreachable"
    ctx = Context.load()
    row = {"kenmerk": "P1", "organisatie": "O", "gemeente": "Almelo", "titel": "T",
           "categorie": "groen", "postcode": "7601 AB", "sessies": "mon-am:3:1"}  # fmt: skip
    values, errors = parse_row("placements", row, ctx)
    assert errors == []
    assert (values["lat"], values["lon"], values["approximate"]) == (52.36, 6.65, True)
    assert ctx.geocoder_down
    app.config["GEOCODER_URL"] = pdok.url
    values, errors = parse_row("placements", row, ctx)
    assert values["approximate"] and not errors and not pdok.requests  # not asked again
    typed = parse_row("placements", {**row, "breedtegraad": "52,1", "lengtegraad": "6,2"}, ctx)
    assert (typed[0]["lat"], typed[0]["lon"], typed[1]) == (52.1, 6.2, [])
    assert "approximate" not in typed[0]
