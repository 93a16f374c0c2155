"""Keep the translations in step with the code.

    python scripts/i18n.py update    extract messages, merge them into every catalog
    python scripts/i18n.py compile   compile the catalogs (.po → .mo)

Dutch is the source language (msgids are Dutch); English lives in
matcher/translations/en/LC_MESSAGES/messages.po. tests/test_i18n.py fails when a message in
the code has no English translation or when the .mo file lags behind the .po file.
"""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "matcher" / "translations"
POT = TRANSLATIONS / "messages.pot"


def pybabel(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", *args], check=True, cwd=ROOT)


def update() -> None:
    pybabel(
        "extract",
        "-F",
        "babel.cfg",
        "-k",
        "_l",
        "-k",
        "lazy_gettext",
        "--no-location",
        "--omit-header",
        "--sort-output",
        "-o",
        str(POT),
        ".",
    )
    pybabel(
        "update", "-i", str(POT), "-d", str(TRANSLATIONS), "--no-fuzzy-matching", "--omit-header"
    )


def compile_catalogs() -> None:
    pybabel("compile", "-d", str(TRANSLATIONS), "--statistics")


if __name__ == "__main__":
    {"update": update, "compile": compile_catalogs}[sys.argv[1]]()
