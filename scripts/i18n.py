"""Keep the translations in step with the code.

    python scripts/i18n.py update    extract messages, merge them into every catalog
    python scripts/i18n.py merge     fill empty English entries from matcher/translations/en/*.json
    python scripts/i18n.py compile   compile the catalogs (.po → .mo)
    python scripts/i18n.py build     all three

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
        "update",
        "-i",
        str(POT),
        "-d",
        str(TRANSLATIONS),
        "--no-fuzzy-matching",
        "--ignore-obsolete",
        "--omit-header",
    )


def merge() -> None:
    """Fill untranslated English entries from JSON files ({msgid: msgstr or [one, many]})."""
    import json

    from babel.messages.pofile import read_po, write_po

    po_path = TRANSLATIONS / "en" / "LC_MESSAGES" / "messages.po"
    extra: dict = {}
    for path in sorted((TRANSLATIONS / "en").glob("*.json")):
        extra.update(json.loads(path.read_text(encoding="utf-8")))
    with open(po_path, "rb") as handle:
        catalog = read_po(handle, locale="en")
    for message in catalog:
        key = message.id[0] if isinstance(message.id, tuple) else message.id
        if not key or key not in extra:
            continue
        filled = message.string[0] if isinstance(message.string, tuple) else message.string
        if not filled:
            value = extra[key]
            message.string = tuple(value) if isinstance(message.id, tuple) else value
            message.flags.discard("fuzzy")
    catalog.fuzzy = False
    with open(po_path, "wb") as handle:
        write_po(handle, catalog, sort_output=True, no_location=True)


def compile_catalogs() -> None:
    pybabel("compile", "-d", str(TRANSLATIONS), "--statistics")


if __name__ == "__main__":
    commands = {
        "update": update,
        "merge": merge,
        "compile": compile_catalogs,
        "build": lambda: (update(), merge(), compile_catalogs()),
    }
    commands[sys.argv[1]]()
