"""The participant's card language: a profile field for coordinator and own coach, chosen
from the languages that have a week card catalogue; and the catalogues themselves."""

import unicodedata

import pytest
from babel import Locale
from sqlalchemy import select

from matcher.extensions import db
from matcher.models import Participant, Role
from matcher.services import profiles
from matcher.services.errors import ValidationFailed
from matcher.web.weekcard import catalogue
from matcher.web.weekcard.qr import route_url
from tests.registry.helpers import text
from tests.registry.test_profiles import profile_form

REQUIRED = {"ar", "ti", "uk", "fa", "prs", "tr", "so", "en"}
SCRIPTS = {"ar": "ARABIC", "fa": "ARABIC", "prs": "ARABIC", "ti": "ETHIOPIC", "uk": "CYRILLIC"}


def test_every_language_the_issue_names_has_a_catalogue():
    assert set(catalogue.codes()) >= REQUIRED
    assert "nl" not in catalogue.codes()


@pytest.mark.parametrize("code", ["nl", *sorted(catalogue.codes())])
def test_a_catalogue_has_every_label_short_and_in_its_own_script(code):
    labels = catalogue.load(code)
    assert tuple(labels.labels) == catalogue.KEYS
    assert all(value.strip() and len(value) <= 40 for value in labels.labels.values())
    if code in SCRIPTS:
        letters = [c for value in labels.labels.values() for c in value if c.isalpha()]
        assert all(unicodedata.name(c).startswith(SCRIPTS[code]) for c in letters), code
    expected = Locale.parse("fa" if code == "prs" else code).text_direction
    assert labels.direction == expected


def test_dutch_only_without_a_catalogue():
    assert catalogue.beside_dutch(None) is None
    assert catalogue.beside_dutch("nl") is None
    assert catalogue.beside_dutch("pl") is None  # no catalogue (yet): Dutch only
    assert catalogue.beside_dutch("ar").direction == "rtl"


def test_the_route_template_takes_coordinates_and_the_address():
    template = "https://example.org/route?to={lat},{lon}&q={address}"
    url = route_url(template, 52.3, 6.66666666, "Dorpsstraat 14, 7604 RT Almelo")
    assert (
        url
        == "https://example.org/route?to=52.30000,6.66667&q=Dorpsstraat%2014%2C%207604%20RT%20Almelo"
    )


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.COACH])
def test_coordinator_and_own_coach_choose_the_card_language(login_as, make, role):
    client, user = login_as(role)
    participant = make.participant(coach_id=user.id if role == Role.COACH else None)
    url = f"/deelnemers/{participant.id}/bewerken"
    page = text(client.get(url))
    assert "Taal van de weekkaart (naast het Nederlands)" in page
    assert '<option value="ar">Arabisch (العربية)</option>' in page
    assert '<option value="ti">Tigrinya (ትግርኛ)</option>' in page
    coach_fields = {"pip_date": "2026-01-05", "functional_limits": "", "notes": ""}
    extra = coach_fields if role == Role.COACH else {}
    form = profile_form(participant.municipality_id, card_language="ti", **extra)
    assert client.post_form(url, form).status_code == 302
    db.session.expire_all()
    assert db.session.get(Participant, participant.id).card_language == "ti"
    assert "Tigrinya" in text(client.get(f"/deelnemers/{participant.id}"))
    form = profile_form(participant.municipality_id, card_language="pl", **extra)
    refused = client.post_form(url, form)
    assert refused.status_code == 422
    form = profile_form(participant.municipality_id, card_language="", **extra)
    assert client.post_form(url, form).status_code == 302
    db.session.expire_all()
    assert db.session.scalar(select(Participant.card_language)) is None


def test_the_service_takes_only_a_language_code(make, app_ctx):
    coordinator = make.user(Role.COORDINATOR)
    participant = make.participant()
    with pytest.raises(ValidationFailed) as refused:
        profiles.save(coordinator, participant, {"card_language": "xyz"}, participant.pip_date)
    assert refused.value.errors == {"card_language": "language.unknown"}
