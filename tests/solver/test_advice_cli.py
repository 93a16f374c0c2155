"""`matcher advise` through click's CliRunner: the document, and bad input refused with exit 2,
the place named and nothing written."""

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from matcher.advise_command import advise

from .conftest import doc, person, place

ROOT = Path(__file__).resolve().parents[2]


def _write(tmp_path, text: str):
    path = tmp_path / "instance.json"
    path.write_text(text, encoding="utf-8")
    return path


def test_advise_writes_the_document(tmp_path):
    instance = doc([person("p1"), person("p2", at_km=40, max_km=3)], [place("s1")])
    target = tmp_path / "advice.json"
    args = [str(_write(tmp_path, json.dumps(instance))), "-o", str(target)]
    args += ["--suggestions", "2", "--time-limit", "2", "--workers", "1"]
    result = CliRunner().invoke(advise, args)
    assert result.exit_code == 0, result.output
    out = json.loads(target.read_text(encoding="utf-8"))
    assert out["format"] == "matcher-advice/1"
    assert set(out) == {"format", "baseline", "suggestions", "stats"}
    assert set(out["stats"]) == {"seconds", "candidates_priced", "confirmed"}
    assert out["suggestions"][0]["participants"] == ["p2"]


def _refused(tmp_path, text: str) -> str:
    target = tmp_path / "advice.json"
    result = CliRunner().invoke(advise, [str(_write(tmp_path, text)), "-o", str(target)])
    assert result.exit_code == 2
    assert not target.exists()
    assert list(tmp_path.iterdir()) == [tmp_path / "instance.json"]
    return result.stderr


def test_unknown_daypart_names_the_place(tmp_path):
    bad = doc([person(available=["mon-am", "mon-xx"])], [place()])
    assert "participants[0].available[1]: unknown day-part 'mon-xx'" in _refused(
        tmp_path, json.dumps(bad)
    )


def test_not_json_names_line_and_column(tmp_path):
    assert "not valid JSON (line 1, column" in _refused(tmp_path, '{"format": ')


def test_wrong_format_is_refused(tmp_path):
    assert "format: expected 'matcher-instance/1'" in _refused(
        tmp_path, json.dumps({"format": "x"})
    )


def test_bad_option_is_refused(tmp_path):
    path = _write(tmp_path, json.dumps(doc([person()], [place()])))
    result = CliRunner().invoke(advise, [str(path), "--suggestions", "0"])
    assert result.exit_code == 2 and "--suggestions" in result.output


def test_advice_is_pure():
    code = (
        "import sys, matcher.solver.advice\n"
        "web = ('flask', 'sqlalchemy', 'flask_sqlalchemy', 'flask_login', 'werkzeug')\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in web"
        " or m.startswith(('matcher.web', 'matcher.models', 'matcher.services'))))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert done.stdout.strip() == "[]"
