"""Configuration is declared once (matcher/config.py): the README's table is made from it, the
code reads settings without defaults of its own, and environment values are typed."""

import re
from pathlib import Path

import pytest

from matcher import create_app
from matcher.config import SETTINGS, markdown_table

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
# Variables the README may name that are not application settings.
NOT_SETTINGS = {"MATCHER_TEST_DATABASE_URL", "MATCHER_CHROMIUM"}


def test_readme_holds_the_generated_table():
    start, end = "<!-- settings:start -->", "<!-- settings:end -->"
    assert start in README and end in README, "README lacks the settings table markers"
    table = README.split(start, 1)[1].split(end, 1)[0].strip()
    assert table == markdown_table(), "regenerate it: python -m matcher.config"


def test_every_variable_the_readme_names_is_declared():
    named = set(re.findall(r"MATCHER_[A-Z0-9_]*[A-Z0-9]", README)) - NOT_SETTINGS
    declared = {setting.variable for setting in SETTINGS}
    assert named <= declared, named - declared


def test_code_carries_no_defaults_of_its_own():
    names = "|".join(setting.name for setting in SETTINGS)
    pattern = re.compile(rf"config\.get\(\s*\"({names})\"")
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in (ROOT / "matcher").rglob("*.py")
        if path.name != "config.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line)
    ]
    assert offenders == [], offenders


@pytest.mark.parametrize(
    ("variable", "raw", "name", "expected"),
    [
        ("MATCHER_REQUIRE_2FA", "1", "REQUIRE_2FA", True),
        ("MATCHER_REQUIRE_2FA", "0", "REQUIRE_2FA", False),
        ("MATCHER_SOLVER_TIME_LIMIT", "2.5", "SOLVER_TIME_LIMIT", 2.5),
        ("MATCHER_MAIL_PASSWORD", "12345", "MAIL_PASSWORD", "12345"),
        ("MATCHER_PAGE_SIZE", "", "PAGE_SIZE", 50),
    ],
)
def test_environment_values_are_typed(monkeypatch, tmp_path, variable, raw, name, expected):
    monkeypatch.setenv(variable, raw)
    app = create_app({"DATABASE_URL": f"sqlite:///{tmp_path / 'x.sqlite'}", "SECRET_KEY": "k"})
    assert app.config[name] == expected
