"""Journey: the coordinator registers an organisation with a placement, a taalmaatje and a
participant, then imports a 200-row spreadsheet (3 bad rows first, then fixed)."""

import pytest
from playwright.sync_api import expect

from matcher import create_app
from matcher.services.demo import prepare_demo_database
from tests.e2e.conftest import log_in, served
from tests.registry.sheets import BAD_CELLS, participant_rows, xlsx

COORDINATOR = "coordinator@welzijn-twente.example"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture(scope="module")
def registry_server(tmp_path_factory):
    """Its own demo region: this journey adds 200+ records that other journeys must not see."""
    folder = tmp_path_factory.mktemp("registry-live")
    app = create_app(
        {
            "DATABASE_URL": f"sqlite:///{folder / 'demo.sqlite'}",
            "SECRET_KEY": "e2e-registry",
            "IMPORT_DIR": str(folder / "imports"),
            "GEOCODER_URL": "http://127.0.0.1:9/unreachable",  # coordinates are typed in
        }
    )
    with app.app_context():
        prepare_demo_database()
    with served(app) as url:
        yield url


@pytest.fixture
def page(browser, registry_server):
    context = browser.new_context(base_url=registry_server, locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def fill_location(page, postcode: str = "7601 AB") -> None:
    page.get_by_label("Postcode").fill(postcode)
    page.get_by_label("Breedtegraad").fill("52,3567")
    page.get_by_label("Lengtegraad").fill("6,6625")


def create_organisation_with_placement(page, assert_accessible) -> None:
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Plekken").click()
    assert_accessible(page)
    page.get_by_role("link", name="Organisaties").click()
    page.get_by_role("link", name="Nieuwe organisatie").click()
    assert_accessible(page)
    page.get_by_label("Naam", exact=True).fill("Buurthuis De Journey")
    page.get_by_label("Gemeente").select_option(label="Almelo")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Organisatie 'Buurthuis De Journey' is opgeslagen.")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Nieuwe plek bij deze organisatie").click()
    page.get_by_label("Naam van de plek").fill("Koffie schenken journey")
    page.get_by_label("Categorie").select_option("buurt")
    fill_location(page)
    page.get_by_label("Van dinsdag ochtend").fill("09:00")
    page.get_by_label("Tot dinsdag ochtend").fill("12:00")
    page.get_by_label("Plaatsen dinsdag ochtend").fill("2")
    page.get_by_label("Van donderdag middag").fill("13:30")
    page.get_by_label("Tot donderdag middag").fill("16:00")
    page.get_by_label("Plaatsen donderdag middag").fill("0")  # a typo: 0 places is allowed
    page.get_by_label("Van vrijdag avond").fill("17:00")  # before the evening: refused first
    page.get_by_label("Tot vrijdag avond").fill("19:00")
    page.get_by_label("Plaatsen vrijdag avond").fill("1")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator("#sessions-errors")).to_contain_text("vrijdag avond")
    expect(page.locator("#sessions-errors")).to_contain_text("om 18:00 of later")
    assert_accessible(page)
    expect(page.get_by_label("Naam van de plek")).to_have_value("Koffie schenken journey")
    expect(page.get_by_label("Van vrijdag avond")).to_have_value("17:00")  # kept as typed
    page.get_by_label("Van vrijdag avond").fill("")
    page.get_by_label("Tot vrijdag avond").fill("")
    page.get_by_label("Plaatsen vrijdag avond").fill("")
    page.get_by_label("Plaatsen donderdag middag").fill("4")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Plek 'Koffie schenken journey' is opgeslagen.")).to_be_visible()
    page.get_by_label("Zoeken op plek, organisatie of postcode").fill("journey")
    page.get_by_role("button", name="Zoeken").click()
    row = page.get_by_role("row").filter(has_text="Koffie schenken journey")
    expect(row).to_contain_text("dinsdag ochtend, 09:00–12:00")
    expect(row).to_contain_text("donderdag middag, 13:30–16:00")
    assert_accessible(page)


def create_taalmaatje(page, assert_accessible) -> None:
    page.get_by_role("link", name="Vrijwilligers").click()
    assert_accessible(page)
    page.get_by_role("link", name="Nieuwe vrijwilliger").click()
    page.get_by_label("Voornaam").fill("Jorien")
    page.get_by_label("Achternaam").fill("Journeymaatje")
    page.get_by_label("Gemeente").select_option(label="Almelo")
    page.get_by_label("maandag avond").check()
    page.get_by_label("woensdag middag").check()
    fill_location(page)
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Jorien Journeymaatje is opgeslagen.")).to_be_visible()
    expect(page.locator("#vog-status")).to_contain_text("VOG ontbreekt")
    expect(page.get_by_label("maandag avond")).to_be_checked()
    assert_accessible(page)


def create_participant(page, assert_accessible) -> None:
    page.get_by_role("link", name="Deelnemers").click()
    page.get_by_role("link", name="Nieuwe deelnemer").click()
    expect(page.get_by_text("PIP-datum")).to_have_count(0)
    page.get_by_label("Voornaam").fill("Amal")
    page.get_by_label("Achternaam").fill("Journeydeelnemer")
    page.get_by_label("Gemeente").select_option(label="Almelo")
    page.get_by_label("dinsdag ochtend").check()
    page.get_by_label("donderdag middag").check()
    page.get_by_label("Maximaal uren per week").fill("12")
    page.get_by_label("groen").check()
    fill_location(page)
    page.get_by_label("Wil een taalmaatje").check()
    assert_accessible(page)
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Het profiel van Amal Journeydeelnemer is opgeslagen.")).to_be_visible()
    assert_accessible(page)


def import_participants(page, assert_accessible, tmp_path) -> None:
    bad = tmp_path / "deelnemers.xlsx"
    bad.write_bytes(xlsx(participant_rows(200, "Almelo", BAD_CELLS)))
    good = tmp_path / "deelnemers-verbeterd.xlsx"
    good.write_bytes(xlsx(participant_rows(200, "Almelo")))
    page.get_by_role("link", name="Importeren").click()
    assert_accessible(page)
    page.get_by_label("Wat importeert u?").select_option("participants")
    page.get_by_label("Bestand").set_input_files(str(bad))
    page.get_by_role("button", name="Controleren").click()
    expect(page.get_by_role("heading", name="3 rijen bevatten fouten")).to_be_visible()
    rows = page.locator("#import-errors tbody tr")
    expect(rows).to_have_count(3)
    expect(rows.nth(0)).to_contain_text("19")
    expect(rows.nth(1)).to_contain_text("90")
    expect(rows.nth(2)).to_contain_text("152")
    assert_accessible(page)

    page.get_by_role("link", name="Ander bestand kiezen").click()
    page.get_by_label("Wat importeert u?").select_option("participants")
    page.get_by_label("Bestand").set_input_files(str(good))
    page.get_by_role("button", name="Controleren").click()
    expect(page.locator("#import-summary")).to_contain_text("200 nieuw")
    assert_accessible(page)
    page.get_by_role("button", name="Importeren").click()
    expect(page.get_by_text("Import opgeslagen: 200 nieuw, 0 bijgewerkt.")).to_be_visible()


def test_coordinator_registers_and_imports(page, assert_accessible, tmp_path):
    log_in(page, COORDINATOR)
    create_organisation_with_placement(page, assert_accessible)
    create_taalmaatje(page, assert_accessible)
    create_participant(page, assert_accessible)
    import_participants(page, assert_accessible, tmp_path)

    page.get_by_label("Zoeken op naam of postcode").fill("Import0199")
    page.get_by_role("button", name="Zoeken").click()
    expect(page.get_by_role("link", name="Naam199 Import0199")).to_be_visible()
    page.get_by_label("Zoeken op naam of postcode").fill("Journeydeelnemer")
    page.get_by_role("button", name="Zoeken").click()
    expect(page.get_by_role("link", name="Amal Journeydeelnemer")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Vrijwilligers").click()
    page.get_by_label("Zoeken op naam of postcode").fill("Journeymaatje")
    page.get_by_role("button", name="Zoeken").click()
    expect(page.get_by_role("link", name="Jorien Journeymaatje")).to_be_visible()
