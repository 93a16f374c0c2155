"""Languages as ISO 639 codes: checked against pycountry's ISO 639-3 table (which also knows
the two-letter ISO 639-1 and the bibliographic ISO 639-2 codes), stored in one canonical form,
and named in the user's language. Used by the profile forms, the import and the seeds."""

import gettext
from functools import cache

import pycountry
from babel import Locale


class UnknownLanguage(ValueError):
    """`code` is not an ISO 639 language code."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def _record(code: str):
    code = code.strip().lower()
    if not code.isascii() or not code.isalpha() or len(code) not in (2, 3):
        return None
    languages = pycountry.languages
    if len(code) == 2:
        return languages.get(alpha_2=code)
    return languages.get(alpha_3=code) or languages.get(bibliographic=code)


def canonical(code: str) -> str:
    """The stored form of a language code: ISO 639-1 where the language has one ("tir" and
    "ti" give "ti"), else ISO 639-3 ("prs", Dari). UnknownLanguage when it is none, or one of
    the special codes (und, mul, mis, zxx) that name no language."""
    record = _record(code)
    if record is None or getattr(record, "scope", "") == "S":
        raise UnknownLanguage(code.strip()[:20])
    return getattr(record, "alpha_2", None) or record.alpha_3


def is_canonical(code: str) -> bool:
    """Whether `code` is a language code in its stored form ("ti" yes; "tir" and "xx" no)."""
    try:
        return canonical(code) == code
    except UnknownLanguage:
        return False


def parse_list(text: str | None) -> list[str]:
    """'ar, tir; prs' → ['ar', 'ti', 'prs']: canonical, without duplicates, in the order given.
    UnknownLanguage names the first part that is not a language code."""
    codes: list[str] = []
    for part in (text or "").replace(";", ",").replace("\n", ",").split(","):
        if part.strip():
            code = canonical(part)
            if code not in codes:
                codes.append(code)
    return codes


@cache
def _catalogue(language: str) -> gettext.NullTranslations:
    return gettext.translation(
        "iso639-3", pycountry.LOCALES_DIR, languages=[language], fallback=True
    )


def name(code: str, locale: Locale | str = "nl") -> str:
    """The language's name in `locale` ("ti" → "Tigrinya", "uk" → "Oekraïens"); the code
    itself when it is unknown."""
    place = Locale.parse(locale)
    known = place.languages.get(code)
    if known:
        return known
    record = _record(code)
    if record is None:
        return code
    return _catalogue(place.language).gettext(record.name)
