"""`matcher solve` through click's CliRunner (and `python -m matcher.solver` once)."""

import json
import subprocess
import sys

from click.testing import CliRunner

from matcher.solve_command import solve

from .conftest import doc, person, place
from .feasibility import check


def _write(tmp_path, instance, name="instance.json"):
    path = tmp_path / name
    path.write_text(json.dumps(instance), encoding="utf-8")
    return path


def test_solve_to_stdout(tmp_path):
    instance = doc([person()], [place()])
    result = CliRunner().invoke(solve, [str(_write(tmp_path, instance)), "--time-limit", "2"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert out["format"] == "matcher-result/1" and check(instance, out) == []


def test_solve_to_file(tmp_path):
    instance = doc([person()], [place()])
    target = tmp_path / "result.json"
    args = [str(_write(tmp_path, instance)), "-o", str(target), "--workers", "1", "--seed", "4"]
    result = CliRunner().invoke(solve, args)
    assert result.exit_code == 0 and result.stdout == ""
    assert check(instance, json.loads(target.read_text(encoding="utf-8"))) == []


def test_invalid_instance_exit_2_nothing_written(tmp_path):
    bad = doc([person(available=["mon-am", "mon-xx"])], [place()])
    target = tmp_path / "result.json"
    result = CliRunner().invoke(solve, [str(_write(tmp_path, bad)), "-o", str(target)])
    assert result.exit_code == 2
    assert "participants[0].available[1]: unknown day-part 'mon-xx'" in result.stderr
    assert "Traceback" not in result.output and not target.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["instance.json"]


def test_not_json_exit_2(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"participants": [', encoding="utf-8")
    result = CliRunner().invoke(solve, [str(path)])
    assert result.exit_code == 2 and "not valid JSON" in result.stderr and result.stdout == ""


def test_python_dash_m(tmp_path):
    path = _write(tmp_path, doc([person()], [place()]))
    done = subprocess.run(
        [sys.executable, "-m", "matcher.solver", str(path), "--time-limit", "1"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["status"] in ("optimal", "feasible")
