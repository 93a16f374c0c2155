"""The solver is pure: importing it pulls in neither Flask nor SQLAlchemy (STYLE.md practice 6)."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

CODE = """
import sys
import matcher.solver, matcher.solver.solve, matcher.solver.instance_io, matcher.solver.explain
web = ("flask", "sqlalchemy", "flask_sqlalchemy", "flask_login", "werkzeug")
print(sorted(m for m in sys.modules if m.split(".")[0] in web
             or m.startswith(("matcher.web", "matcher.models", "matcher.services", "matcher.app"))))
"""


def test_importing_the_solver_pulls_in_no_web_stack():
    done = subprocess.run(
        [sys.executable, "-c", CODE],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        timeout=60,
    )
    assert done.stdout.strip() == "[]"
