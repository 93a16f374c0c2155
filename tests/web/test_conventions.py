"""How matcher/web is laid out: only the boundary commits or rolls back, and every
blueprint follows the convention (__init__.py with the blueprint and its role gate, views.py,
forms.py, templates/), without `# noqa: E402` tails."""

import ast
from pathlib import Path

import pytest

from matcher.web import BLUEPRINTS

WEB = Path(__file__).resolve().parents[2] / "matcher" / "web"
# Every blueprint package, as register_web registers them (matcher.web.BLUEPRINTS).
CONVENTIONAL = tuple(sorted(name for name, _prefix in BLUEPRINTS))
MAX_LINES = 300


def _modules():
    return sorted(WEB.rglob("*.py"))


def _session_calls(tree: ast.AST) -> list[tuple[int, str]]:
    """Calls of .commit() / .rollback() on anything reached through a `session`."""
    found = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in ("commit", "rollback")
            and "session" in ast.unparse(node.func.value)
        ):
            found.append((node.lineno, ast.unparse(node.func)))
    return found


def test_only_the_boundary_commits_or_rolls_back():
    calls = {
        str(path.relative_to(WEB)): _session_calls(ast.parse(path.read_text()))
        for path in _modules()
        if path.name != "boundary.py" or path.parent != WEB
    }
    assert {path: found for path, found in calls.items() if found} == {}


def test_every_blueprint_package_is_listed():
    """The list above is complete: every package under matcher/web that makes a Blueprint is
    registered (messages/ is a package of wording, not a blueprint)."""
    packages = {p.parent.name for p in WEB.glob("*/__init__.py") if "Blueprint(" in p.read_text()}
    assert packages == set(CONVENTIONAL)


def test_the_check_sees_a_commit():
    assert _session_calls(ast.parse("db.session.commit()\nsession.rollback()")) == [
        (1, "db.session.commit"),
        (2, "session.rollback"),
    ]


@pytest.mark.parametrize("name", CONVENTIONAL)
def test_a_blueprint_package_holds_only_its_blueprint_and_role_gate(name):
    package = WEB / name
    tree = ast.parse((package / "__init__.py").read_text())
    for statement in tree.body:
        if isinstance(statement, ast.Import | ast.ImportFrom):
            assert not str(getattr(statement, "module", "")).startswith(f"matcher.web.{name}")
            continue
        if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant):
            continue  # the docstring
        if isinstance(statement, ast.Assign):
            assert [t.id for t in statement.targets] == ["bp"]
            assert ast.unparse(statement.value.func) == "Blueprint"
            continue
        assert isinstance(statement, ast.Expr), ast.unparse(statement)
        assert ast.unparse(statement.value.func) == "restrict_blueprint"
    assert (package / "views.py").exists() or name == "registry"  # registry has no routes


@pytest.mark.parametrize("name", CONVENTIONAL)
def test_forms_live_in_forms_py(name):
    for path in (WEB / name).glob("*.py"):
        if path.name == "forms.py":
            continue
        tree = ast.parse(path.read_text())
        classes = [n.name for n in tree.body if isinstance(n, ast.ClassDef)]
        assert not [c for c in classes if c.endswith("Form")], path


def test_no_module_tail_imports_and_none_too_long():
    tails = [str(p.relative_to(WEB)) for p in _modules() if "noqa: E402" in p.read_text()]
    assert tails == []
    long = [(str(p), n) for p in _modules() if (n := len(p.read_text().splitlines())) > MAX_LINES]
    assert long == []
