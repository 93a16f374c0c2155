"""Services raise codes with data; matcher/web/messages words every one of them, in nl and en.

The grep tests read the service modules as text (imports excepted until converted), so a
translated sentence or an unworded code cannot come back unnoticed.
"""

import ast
from datetime import date, datetime
from pathlib import Path

import pytest
from flask_babel import force_locale
from werkzeug.exceptions import BadRequest

from matcher import bounds
from matcher.services.errors import DomainError, NotFound, ValidationFailed
from matcher.services.matching.runs import RunBusy
from matcher.web import edits, messages

ROOT = Path(__file__).resolve().parent.parent
SERVICES = ROOT / "matcher" / "services"
NOT_YET_CONVERTED = ("imports",)  # the import preview is converted separately
TRANSLATING = {"_", "_l", "gettext", "lazy_gettext", "ngettext", "lazy_ngettext", "pgettext"}
RAISING = {"DomainError", "ValidationFailed", "NotFound", "Forbidden", "BadCell"}
PLACED = {"SeedProblem": 1}  # calls that name a code as their second argument
SAMPLE = {  # every name a catalogue sentence fills in
    "name": "Bram Smit",
    "date": date(2026, 1, 5),
    "at": datetime(2026, 11, 16, 9, 30),
    "hours": 3.5,
    "status": "approved",
    "decision": "accepted",
    "count": 2,
    "tables": "a, b",
    "bound": bounds.LOAD_CAP,
    "whole": False,
    "run_id": 7,
    "file": "sessions.csv",
    "row": 2,
    "column": "daypart",
    "problem": "is leeg",
    "value": "mon-xx",
    "allowed": "a, b",
    "low": 0.0,
    "high": 1000.0,
    "error": "kapot",
    "columns": "capacity",
}


def _service_modules() -> list[Path]:
    return [
        path
        for path in sorted(SERVICES.rglob("*.py"))
        if not set(path.relative_to(SERVICES).parts) & set(NOT_YET_CONVERTED)
    ]


def _trees():
    for path in _service_modules():
        yield path.relative_to(ROOT), ast.parse(path.read_text(encoding="utf-8"))


def _text(node) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _place_codes(node) -> list[str]:
    """Codes of an errors entry: "code" or ("code", {...})."""
    if isinstance(node, ast.Tuple) and node.elts:
        node = node.elts[0]
    return [code] if (code := _text(node)) else []


def _raised_codes(tree) -> set[str]:
    codes: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef):
            for statement in node.body:
                if (
                    isinstance(statement, ast.Assign)
                    and [getattr(t, "id", None) for t in statement.targets] == ["code"]
                    and (code := _text(statement.value))
                ):
                    codes.add(code)
        elif isinstance(node, ast.Call) and getattr(node.func, "id", None) in RAISING:
            if node.args and (code := _text(node.args[0])):
                codes.add(code)
            if len(node.args) > 1 and isinstance(node.args[1], ast.Dict):
                for value in node.args[1].values:
                    codes.update(_place_codes(value))
        elif isinstance(node, ast.Call) and getattr(node.func, "id", None) in PLACED:
            position = PLACED[node.func.id]
            if len(node.args) > position and (code := _text(node.args[position])):
                codes.add(code)
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "__init__":
            if node.args and (code := _text(node.args[0])):
                codes.add(code)
        elif isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Subscript) and getattr(t.value, "id", "") == "errors"
            for t in node.targets
        ):
            codes.update(_place_codes(node.value))
        elif isinstance(node, ast.FunctionDef) and node.name.endswith("_problem"):
            for inner in ast.walk(node):  # a function naming the problem as a code
                if isinstance(inner, ast.Return) and (code := _text(inner.value)):
                    codes.add(code)
    return codes


def test_no_service_module_translates_text():
    offenders = []
    for path, tree in _trees():
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("flask_babel"):
                offenders.append(f"{path}:{node.lineno} imports {node.module}")
            elif isinstance(node, ast.Import) and any(
                alias.name.startswith("flask_babel") for alias in node.names
            ):
                offenders.append(f"{path}:{node.lineno} imports flask_babel")
            elif isinstance(node, ast.Call) and getattr(node.func, "id", None) in TRANSLATING:
                offenders.append(f"{path}:{node.lineno} calls {node.func.id}()")
    assert offenders == [], offenders


def test_every_code_raised_in_services_has_a_catalogue_entry():
    raised = {code for _path, tree in _trees() for code in _raised_codes(tree)}
    expected = {"hours.day_total", "run.busy", "password_like_email", "not_found", "seed.empty"}
    assert expected | {"seed.file_missing", "seed.unknown_ref"} <= raised
    assert raised - messages.known_codes() == set()


@pytest.mark.parametrize("locale", ["nl", "en"])
def test_every_catalogue_entry_renders(app_ctx, locale):
    with app_ctx.test_request_context(), force_locale(locale):
        for code in sorted(messages.known_codes()):
            text = messages.word(code, SAMPLE)
            assert text and "%(" not in text and text != code, code


def test_messages_are_dutch_first_and_english_when_chosen(app_ctx):
    error = ValidationFailed("hours.day_total", {"hours": ("hours.day_total", {"hours": 12.0})})
    error.data["hours"] = 12.5
    with app_ctx.test_request_context():
        assert messages.render(error) == (
            "Meer dan 12 uur op één dag kan niet; er staat al 12,5 uur."
        )
        assert messages.field_errors(error) == {
            "hours": "Meer dan 12 uur op één dag kan niet; er staat al 12 uur."
        }
        with force_locale("en"):
            english = messages.render(error)
    assert english != messages.render(error) and "12.5" in english


def test_plurals_follow_the_number(app_ctx):
    with app_ctx.test_request_context():
        one = messages.word("plan.conflicts", {"count": 1})
        two = messages.word("plan.conflicts", {"count": 2})
    assert "1 harde regel;" in one and "2 harde regels;" in two


def test_dates_and_words_are_filled_in_by_the_web_layer(app_ctx):
    error = DomainError("hours.decided_meanwhile", name="Coach Twee", status="rejected")
    pip = ValidationFailed("hours.before_pip", date=date(2026, 1, 5))
    with app_ctx.test_request_context():
        assert messages.render(error).startswith(
            "Deze uren zijn intussen al beoordeeld door Coach Twee (afgekeurd)"
        )
        assert "5 jan" in messages.render(pip) and "2026" in messages.render(pip)


def test_legacy_text_and_unknown_codes_are_shown_as_they_are(app_ctx):
    with app_ctx.test_request_context():
        assert messages.render(DomainError("Het bestand is leeg.")) == "Het bestand is leeg."
        legacy = ValidationFailed("form.check", {"kind": "Kies een soort."})
        assert messages.field_errors(legacy) == {"kind": "Kies een soort."}


def test_str_of_an_error_names_sentence_and_code(app_ctx):
    with app_ctx.test_request_context():
        assert str(NotFound(3)).endswith("[not_found]")
        assert str(NotFound(3)).startswith("Deze pagina of dit gegeven bestaat niet")
    assert RunBusy(7).data == {"run_id": 7} and str(RunBusy(7)) == "7"


def test_error_codes_and_data_travel_with_the_error():
    error = ValidationFailed("form.check", {"availability": "daypart.unknown"}, extra=1)
    assert (error.code, error.data, error.errors) == (
        "form.check",
        {"extra": 1},
        {"availability": "daypart.unknown"},
    )
    assert NotFound(5).code == "not_found" and NotFound(5).record_id == 5


@pytest.mark.parametrize("version", ["²", "١٢"])
def test_a_version_of_unicode_digits_is_a_bad_request_not_a_500(app_ctx, version):
    with app_ctx.test_request_context(method="POST", data={edits.VERSION_FIELD: version}):
        with pytest.raises(BadRequest):
            edits.posted_version()
        assert edits.shown_version(None) == ""


def test_messages_are_worded_outside_a_request_for_the_command_line(app_ctx):
    problem = {"value": -1.0, "low": 0.0, "high": 1000.0}
    assert messages.word("seed.not_between", problem) == "-1 ligt niet tussen 0 en 1000"
    assert messages.word("hours.day_total", {"hours": 2.5}).endswith("er staat al 2,5 uur.")
