"""The NL Design System look: vendored files as recorded and CSP-safe, every stylesheet and
icon the base template links served from 'self', and the account menu (not the main
navigation) holding language, two-step verification and logging out."""

import importlib.util
import re
from pathlib import Path

from matcher.models import Role

ROOT = Path(__file__).resolve().parents[2]
LINKED = re.compile(r'<link rel="(?:stylesheet|icon|apple-touch-icon)" href="([^"]+)"')


def _vendor_script():
    spec = importlib.util.spec_from_file_location("vendor_nlds", ROOT / "scripts/vendor_nlds.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_vendored_files_match_their_record_and_reach_nothing_outside_self():
    assert _vendor_script().check() == []


def test_css_problems_are_found(tmp_path):
    css = tmp_path / "bad.css"
    css.write_text(
        '@import "x.css"; @font-face { src: url(https://fonts.example/a.woff2); }'
        " .a { background: url(//cdn.example/b.png); } .b { background: url(data:x); }",
        encoding="utf-8",
    )
    problems = _vendor_script().css_problems(css)
    assert len(problems) == 4, problems  # @import, @font-face and two remote url()s


def test_every_linked_stylesheet_and_icon_is_served_under_a_self_only_policy(login_as):
    client, _ = login_as(Role.COORDINATOR)
    page = client.get("/coordinator/")
    assert "default-src 'self'" in page.headers["Content-Security-Policy"]
    links = LINKED.findall(page.get_data(as_text=True))
    assert any("vendor/utrecht/component-library.css" in link for link in links)
    assert any("theme.css" in link for link in links)
    assert any("favicon.svg" in link for link in links)
    for link in links:
        assert link.startswith("/static/"), link
        response = client.get(link)
        response.close()  # a static file is streamed from disk
        assert response.status_code == 200, link


def test_two_step_verification_is_in_the_account_menu_not_the_main_navigation(login_as):
    client, user = login_as(Role.COACH)
    html = client.get("/coach/").get_data(as_text=True)
    nav = _between(html, 'aria-label="Hoofdmenu"', "</nav>")
    menu = _between(html, 'class="account-menu"', "</details>")
    assert "Tweestapsverificatie" not in nav
    assert "/account/tweestapsverificatie" in menu
    assert "Uitloggen" in menu and 'value="en"' in menu
    assert user.name in menu


def _between(html: str, start: str, end: str) -> str:
    """The part of `html` from `start` up to the first `end` after it."""
    part = html[html.index(start) :]
    return part[: part.index(end)]


def _main_nav(client, home: str) -> str:
    html = client.get(home, follow_redirects=True).get_data(as_text=True)
    return _between(html, 'aria-label="Hoofdmenu"', "</nav>")


def test_every_coordinator_workplace_is_in_the_main_navigation(login_as):
    """Werving (advice, map, scenarios) is reached from the menu, not by typing its URL."""
    client, _ = login_as(Role.COORDINATOR)
    nav = _main_nav(client, "/coordinator/")
    for path in ("/deelnemers/", "/plekken/", "/vrijwilligers/", "/coordinator/werving/"):
        assert f'href="{path}"' in nav, path
    for role, home in ((Role.COACH, "/coach/"), (Role.VOLUNTEER, "/vrijwilliger/")):
        other, _ = login_as(role)
        assert "/coordinator/werving/" not in _main_nav(other, home)
