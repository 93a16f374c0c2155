"""The Content-Security-Policy stays 'self' on every page but one: the Werving page also admits
images from the map tile server's origin, derived from MATCHER_MAP_TILE_URL. A page widens
only its own response, only img-src, and only by an origin."""

import re

import pytest
from flask import Flask, g

from matcher.models import Role
from matcher.web import security
from matcher.web.security import allow_on_this_page, content_security_policy, origin_of

WERVING = "/coordinator/werving/"
PDOK = "https://service.pdok.nl"


def _directive(response, name: str) -> list[str]:
    policy = response.headers["Content-Security-Policy"]
    found = re.search(rf"(?:^|; ){name} ([^;]*)", policy)
    return found.group(1).split() if found else []


def test_the_plain_policy_is_self_only():
    assert content_security_policy() == (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )
    assert content_security_policy({"img-src": [PDOK]}).count(PDOK) == 1
    assert "img-src 'self' https://service.pdok.nl;" in content_security_policy(
        {"img-src": [PDOK, PDOK]}
    )


def test_the_werving_page_admits_the_tile_server_and_nothing_else(login_as):
    client, _ = login_as(Role.COORDINATOR)
    page = client.get(WERVING)
    assert page.status_code == 200
    assert _directive(page, "img-src") == ["'self'", PDOK]
    for name in ("default-src", "script-src", "style-src"):
        assert _directive(page, name) == ["'self'"]
    assert "unsafe-inline" not in page.headers["Content-Security-Policy"]


@pytest.mark.parametrize(
    "url",
    ["/coordinator/", "/coordinator/werving/kaart.json", "/account/tweestapsverificatie"],
)
def test_no_other_page_admits_it(login_as, url):
    client, _ = login_as(Role.COORDINATOR)
    client.get(WERVING)  # the widening does not outlive its own response
    response = client.get(url)
    assert response.status_code == 200, url
    assert _directive(response, "img-src") == ["'self'"]


def test_the_origin_follows_the_setting(login_as, app, monkeypatch):
    client, _ = login_as(Role.COORDINATOR)
    monkeypatch.setitem(app.config, "MAP_TILE_URL", "http://127.0.0.1:9/tiles/{z}/{x}/{y}.png")
    assert _directive(client.get(WERVING), "img-src") == ["'self'", "http://127.0.0.1:9"]
    for plain in ("", "/static/tiles/{z}/{x}/{y}.png"):  # none, or from 'self' already
        monkeypatch.setitem(app.config, "MAP_TILE_URL", plain)
        assert _directive(client.get(WERVING), "img-src") == ["'self'"]


@pytest.mark.parametrize(
    ("url", "origin"),
    [
        (
            "https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/standaard/EPSG:3857/"
            "{z}/{x}/{y}.png",
            PDOK,
        ),
        ("https://{s}.tile.example.org/{z}/{x}/{y}.png", "https://*.tile.example.org"),
        ("http://127.0.0.1:8081/{z}/{x}/{y}.png", "http://127.0.0.1:8081"),
        ("http://[::1]:8081/{z}/{x}/{y}.png", "http://[::1]:8081"),
        ("/tiles/{z}/{x}/{y}.png", None),
        ("javascript:alert(1)", None),
        ("data:image/png;base64,AAAA", None),
        ("https://bad host/{z}", None),
        ("https://x.example:99999/{z}", None),
        ("", None),
    ],
)
def test_origin_of_a_tile_url(url, origin):
    assert origin_of(url) == origin


def test_a_page_may_widen_only_img_src_and_only_by_an_origin():
    app = Flask(__name__)
    with app.test_request_context():
        for directive in ("script-src", "style-src", "default-src", "frame-ancestors"):
            with pytest.raises(ValueError):
                allow_on_this_page(directive, PDOK)
        for source in ("*", "'unsafe-inline'", "https:", f"{PDOK}; script-src *", "data:"):
            with pytest.raises(ValueError):
                allow_on_this_page("img-src", source)
        allow_on_this_page("img-src", PDOK)
        allow_on_this_page("img-src", PDOK)
        assert g.get(security.PAGE_SOURCES) == {"img-src": [PDOK]}
