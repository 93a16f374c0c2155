"""PDOK geocoding through the real HTTP client against a stand-in on 127.0.0.1."""

import socket
import time

import pytest
from sqlalchemy import select

from matcher.extensions import db
from matcher.models import GeocodeCache, Placement, Role
from matcher.services import geocoding
from tests.registry.helpers import text
from tests.registry.test_placements import placement_form


def test_lookup_reads_pdok_answer_and_caches_it(app_ctx, pdok):
    place = geocoding.lookup("7601 ab")
    assert (place.lat, place.lon) == (52.3567, 6.6625)
    assert pdok.requests[0]["q"] == ["7601AB"] and pdok.requests[0]["fq"] == ["type:postcode"]
    db.session.commit()
    assert geocoding.lookup("7601AB") == place
    assert len(pdok.requests) == 1  # the second answer came from the database
    assert db.session.get(GeocodeCache, "7601AB").lat == 52.3567


def test_unknown_postcode_is_none_and_cached(app_ctx, pdok):
    assert geocoding.lookup("9999 ZZ") is None
    assert geocoding.lookup("9999ZZ") is None
    assert len(pdok.requests) == 1
    assert geocoding.lookup("not a postcode") is None


def _closed_port_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/free"


def test_unreachable_pdok_raises_unavailable_and_caches_nothing(app, app_ctx):
    app.config["GEOCODER_URL"] = _closed_port_url()
    with pytest.raises(geocoding.GeocoderUnavailable):
        geocoding.lookup("7601 AB")
    assert db.session.scalar(select(GeocodeCache)) is None


def test_slow_pdok_times_out(app, app_ctx, pdok):
    pdok.delay = 1.5
    app.config["GEOCODER_TIMEOUT"] = 0.3
    started = time.monotonic()
    with pytest.raises(geocoding.GeocoderUnavailable):
        geocoding.lookup("7601 AB")
    assert time.monotonic() - started < 1.4


def test_form_fills_coordinates_from_the_postcode(login_as, make, pdok):
    client, _ = login_as(Role.COORDINATOR)
    organisation = make.placement().organisation
    form = placement_form(organisation.id, postcode="7511 JA", lat="", lon="")
    assert client.post_form("/plekken/nieuw", form).status_code == 302
    created = db.session.scalar(select(Placement).where(Placement.title == "Sorteren"))
    assert (created.postcode, created.lat, created.lon) == ("7511 JA", 52.2215, 6.8937)


def test_form_says_when_pdok_is_down_and_accepts_typed_coordinates(app, login_as, make):
    client, _ = login_as(Role.COORDINATOR)
    organisation = make.placement().organisation
    app.config["GEOCODER_URL"] = _closed_port_url()
    response = client.post_form("/plekken/nieuw", placement_form(organisation.id, lat="", lon=""))
    assert response.status_code == 422
    assert "De postcodedienst (PDOK) is nu niet bereikbaar" in text(response)
    typed = placement_form(organisation.id, lat="52,30", lon="6,70")
    assert client.post_form("/plekken/nieuw", typed).status_code == 302
    created = db.session.scalar(select(Placement).where(Placement.title == "Sorteren"))
    assert (created.lat, created.lon) == (52.30, 6.70)


def test_unknown_postcode_in_form_is_reported(login_as, make):
    client, _ = login_as(Role.COORDINATOR)
    organisation = make.placement().organisation
    response = client.post_form(
        "/plekken/nieuw", placement_form(organisation.id, postcode="9999 ZZ", lat="", lon="")
    )
    assert response.status_code == 422
    assert "Deze postcode is niet gevonden" in text(response)


def test_changed_postcode_with_old_coordinates_is_looked_up_again(login_as, make):
    client, _ = login_as(Role.COORDINATOR)
    placement = make.placement(postcode="7601 AB", lat=52.3567, lon=6.6625)
    form = placement_form(placement.organisation_id, postcode="7511JA", lat="52.3567", lon="6.6625")
    assert client.post_form(f"/plekken/{placement.id}", form).status_code == 302
    db.session.expire_all()
    placement = db.session.get(Placement, placement.id)
    assert (placement.postcode, placement.lat) == ("7511 JA", 52.2215)
