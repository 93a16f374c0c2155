"""The week card's own small catalogues: its labels (days, day-parts, "Waar", "Hoe laat", …) in
Dutch and in the participants' first languages, one JSON file per language in labels/.

The card is always in simple Dutch, whatever language the staff member's pages are in; the
participant's language stands beside it when matcher has that catalogue. A catalogue says its
writing direction, so Arabic, Farsi and Dari are laid out right to left.
"""

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from flask_babel import get_locale

from matcher import languages

LABELS = Path(__file__).resolve().parent / "labels"
SOURCE = "nl"
KEYS = (
    "title",
    "week",
    "mon",
    "tue",
    "wed",
    "thu",
    "fri",
    "sat",
    "sun",
    "am",
    "pm",
    "ev",
    "where",
    "when",
    "ask",
    "route",
    "from",
    "none",
    "taalmaatje",
    "buddy",
)


@dataclass(frozen=True)
class Catalogue:
    """One language's card labels: its ISO 639 code, own name, direction and the labels."""

    code: str
    name: str  # the language's name in itself: "العربية", "ትግርኛ"
    direction: str  # "ltr" or "rtl"
    labels: dict[str, str]

    def __getitem__(self, key: str) -> str:
        return self.labels[key]


def codes() -> tuple[str, ...]:
    """The languages with a card catalogue besides Dutch, in code order."""
    return tuple(sorted(p.stem for p in LABELS.glob("*.json") if p.stem != SOURCE))


@cache
def load(code: str) -> Catalogue:
    """The catalogue of `code` (a name from codes(), or "nl"); KeyError when there is none."""
    if code != SOURCE and code not in codes():
        raise KeyError(code)
    document = json.loads((LABELS / f"{code}.json").read_text(encoding="utf-8"))
    return Catalogue(code, document["name"], document["dir"], dict(document["labels"]))


def dutch() -> Catalogue:
    """The Dutch labels: always on the card."""
    return load(SOURCE)


def beside_dutch(code: str | None) -> Catalogue | None:
    """The catalogue shown beside Dutch for a participant's card language (None: Dutch only,
    also for a language matcher has no card catalogue for)."""
    if not code or code == SOURCE or code not in codes():
        return None
    return load(code)


def language_choices() -> list[tuple[str, str]]:
    """(code, "Arabisch (العربية)") for every card language, named in the user's language."""
    locale = get_locale() or SOURCE
    named = [(code, f"{languages.name(code, locale)} ({load(code).name})") for code in codes()]
    return sorted(named, key=lambda pair: pair[1].casefold())
