"""Dutch is the source language; every message in the code has an English translation."""

import subprocess
import sys
from pathlib import Path

from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
CATALOG = ROOT / "matcher" / "translations" / "en" / "LC_MESSAGES"


def _extract(tmp_path) -> set:
    pot = tmp_path / "messages.pot"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "extract",
            "-F",
            "babel.cfg",
            "-k",
            "_l",
            "-k",
            "lazy_gettext",
            "-o",
            str(pot),
            "--omit-header",
            ".",
        ],
        check=True,
        cwd=ROOT,
        capture_output=True,
    )
    with open(pot, "rb") as handle:
        return {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(handle) if m.id}


def test_every_message_in_the_code_has_an_english_translation(tmp_path):
    with open(CATALOG / "messages.po", "rb") as handle:
        catalog = read_po(handle, locale="en")
    translated = {
        (m.id if isinstance(m.id, str) else m.id[0])
        for m in catalog
        if m.id
        and m.string
        and all(m.string if isinstance(m.string, tuple) else [m.string])
        and "fuzzy" not in m.flags
    }
    missing = _extract(tmp_path) - translated
    assert not missing, f"run scripts/i18n.py update and translate: {sorted(missing)}"


def _as_dict(catalog) -> dict:
    return {
        tuple(m.id) if isinstance(m.id, list | tuple) else m.id: tuple(m.string)
        if isinstance(m.string, list | tuple)
        else m.string
        for m in catalog
        if m.id and "fuzzy" not in m.flags
    }


def test_compiled_catalog_matches_the_po_file():
    with open(CATALOG / "messages.po", "rb") as handle:
        po = _as_dict(read_po(handle, locale="en"))
    with open(CATALOG / "messages.mo", "rb") as handle:
        mo = _as_dict(read_mo(handle))
    assert po == mo, "run scripts/i18n.py compile"
