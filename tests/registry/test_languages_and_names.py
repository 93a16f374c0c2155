"""Quietly wrong data kept out: language codes are ISO 639 (checked with pycountry) and stored
canonically, shown by name; names have a letter; free text is NFC without control characters.
The same rules in the forms, the import and the seeds."""

import pytest
from sqlalchemy import func, select

from matcher import free_text, languages
from matcher.extensions import db
from matcher.models import Organisation, Participant, Role, User, Volunteer
from matcher.services import seed_rows
from matcher.services.imports import cells
from matcher.services.imports.cells import CellError
from tests.registry.helpers import text
from tests.registry.test_profiles import profile_form

ZERO_WIDTH = "\u200b\u200b\u200b"


@pytest.mark.parametrize(
    ("code", "stored"),
    [("ti", "ti"), ("TIR", "ti"), ("prs", "prs"), ("uk", "uk"), ("dut", "nl"), ("ara", "ar")],
)
def test_language_codes_are_iso_639_and_stored_in_one_form(code, stored):
    assert languages.canonical(code) == stored


@pytest.mark.parametrize("code", ["1", "xx", "und", "mul", "drop table participants", "--", "ti1"])
def test_anything_else_is_no_language(code):
    with pytest.raises(languages.UnknownLanguage):
        languages.canonical(code)


def test_languages_are_named_in_the_users_language():
    assert languages.name("ti", "nl") == "Tigrinya"
    assert languages.name("uk", "nl") == "Oekraïens"
    assert languages.name("ar", "en") == "Arabic"
    assert languages.name("prs", "nl") == "Dari"  # not in CLDR: pycountry's catalogue


def _count(model) -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count(model.id)))


def test_the_profile_refuses_sql_as_languages_and_stores_nothing(login_as, make):
    client, _ = login_as(Role.COORDINATOR)
    town = make.municipality()
    form = profile_form(town.id, languages="1; DROP TABLE participants;--")
    response = client.post_form("/deelnemers/nieuw", form)
    assert response.status_code == 422
    assert "1&#39; is geen taalcode" in text(response) or "1' is geen taalcode" in text(response)
    assert _count(Participant) == 0


def test_the_profile_stores_canonical_codes_and_shows_names(login_as, make):
    client, _ = login_as(Role.COORDINATOR)
    town = make.municipality()
    response = client.post_form(
        "/deelnemers/nieuw", profile_form(town.id, languages="ARA, tir; prs, ar")
    )
    assert response.status_code == 302
    participant = db.session.scalar(select(Participant))
    assert participant.languages == ["ar", "ti", "prs"]
    page = text(client.get(f"/deelnemers/{participant.id}"))
    assert "Arabisch, Tigrinya, Dari" in page


def test_the_volunteer_form_checks_languages_too(login_as, make):
    client, _ = login_as(Role.COORDINATOR)
    town = make.municipality()
    form = {
        "kind": "taalmaatje",
        "first_name": "Anne",
        "last_name": "de Vries",
        "municipality": str(town.id),
        "capacity": "1",
        "session_hours": "2",
        "postcode": "7601 AB",
        "lat": "52.3567",
        "lon": "6.6625",
        "availability": ["mon-ev"],
        "languages": "en, klingon",
    }
    assert client.post_form("/vrijwilligers/nieuw", form).status_code == 422
    assert client.post_form("/vrijwilligers/nieuw", {**form, "languages": "eng"}).status_code == 302
    assert db.session.scalar(select(Volunteer.languages)) == ["en"]


def test_the_import_and_the_seeds_use_the_same_codes():
    assert cells.languages("tir, ARA") == ["ti", "ar"]
    with pytest.raises(CellError, match="xx"):
        cells.languages("ar, xx")
    assert seed_rows.SPECS["participants.csv"]["languages"]("ti prs") == ["ti", "prs"]
    with pytest.raises(ValueError, match="xx"):
        seed_rows.SPECS["participants.csv"]["languages"]("ti xx")


@pytest.mark.parametrize("name", [ZERO_WIDTH, "\u202e\u202c", "123", "-", "\x00\x01"])
def test_a_name_without_letters_is_refused_everywhere(app, login_as, make, name):
    client, _ = login_as(Role.COORDINATOR)
    town = make.municipality()
    response = client.post_form("/deelnemers/nieuw", profile_form(town.id, first_name=name))
    assert response.status_code == 422
    assert _count(Participant) == 0
    response = client.post_form("/organisaties/nieuw", {"name": name, "municipality": str(town.id)})
    assert response.status_code == 422
    assert _count(Organisation) == 0
    with app.test_request_context(), pytest.raises(CellError):
        cells.name(name, 80)
    with pytest.raises(ValueError):
        seed_rows.SPECS["participants.csv"]["first_name"](name)


@pytest.mark.parametrize(
    ("name", "message"),
    [("1234", "Een naam bevat minstens één letter."), (ZERO_WIDTH, "Dit veld is vereist.")],
)
def test_an_account_name_without_letters_is_refused(login_as, name, message):
    client, _ = login_as(Role.ADMIN)
    users = _count(User)
    account = {"email": "nieuw@example.org", "role": "coach", "password": "een heel lang ww 42"}
    response = client.post_form("/beheer/", {**account, "name": name})
    assert message in text(response)
    assert _count(User) == users


@pytest.mark.parametrize("name", ["Мирослава", "حسين", "ሃና", "Ḥusayn", "O'Brien-Łukasz"])
def test_names_in_every_script_are_welcome(login_as, make, name):
    client, _ = login_as(Role.COORDINATOR)
    town = make.municipality()
    response = client.post_form("/deelnemers/nieuw", profile_form(town.id, first_name=name))
    assert response.status_code == 302, text(response)
    assert db.session.scalar(select(Participant.first_name)) == name


def test_free_text_is_stored_in_nfc_without_control_characters(login_as, make):
    client, _ = login_as(Role.COORDINATOR)
    town = make.municipality()
    typed = profile_form(town.id, first_name="Zoe\u0308\u200b", last_name="Ha\x00d\x1bdad\u202e")
    assert client.post_form("/deelnemers/nieuw", typed).status_code == 302
    participant = db.session.scalar(select(Participant))
    assert participant.first_name == "Zoë" and participant.last_name == "Haddad"


def test_long_text_keeps_its_newlines():
    assert free_text.clean("regel 1\r\nregel\x072", multiline=True) == "regel 1\nregel2"
    assert free_text.clean("regel 1\nregel 2") == "regel 1 regel 2"
    assert free_text.clean("\u200cنام\u200cخانوادگی\u200f") == "نام\u200cخانوادگی"  # ZWNJ inside


def test_the_import_cleans_text_the_same_way():
    assert cells.text("Zoe\u0308\u200b", 80) == "Zoë"
    assert cells.text("a\r\nb", 2000, multiline=True) == "a\nb"
