"""Search text in every script: one normalisation for what is stored and what is typed.

Pure Python (no Flask, no SQLAlchemy). A record's searchable fields are normalised into one
`search_text` column (see matcher/models/search.py); a query is normalised the same way and
split into terms, each of which must occur in that column. So "ḤUSAYN", "husayn" and "Ḥusayn"
are the same, as are "МИРОСЛАВА" and "мирослава", and "7607ab" finds "7607 AB".
"""

import unicodedata

# The most characters stored per record: keeps every PostgreSQL index entry well under its limit.
MAX_LENGTH = 600
# Letters that carry no combining mark to drop, so NFKD leaves them alone; casefold() already
# turns ß into ss and ς into σ.
_LETTERS = str.maketrans(
    {"ı": "i", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "ħ": "h", "ŧ": "t", "þ": "th"}
    | {"æ": "ae", "œ": "oe", "ĸ": "k"}
)
# Apostrophes and the transliteration marks for ayn and hamza vanish: "O'Brien" ~ "obrien",
# "ʿAlī" ~ "ali".
_DROPPED = dict.fromkeys(map(ord, "'’‘ʼʻʿʾ`´ʹ"), None)


def normalise(text: str | None) -> str:
    """Case-, accent- and width-insensitive form: NFKD, marks dropped, casefolded, one space."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", text)
    kept = "".join(
        char
        for char in decomposed
        if not unicodedata.combining(char) and unicodedata.category(char) not in ("Cf", "Cc")
    )
    folded = unicodedata.normalize("NFKD", kept.casefold()).translate(_LETTERS)
    folded = "".join(char for char in folded if not unicodedata.combining(char))
    return " ".join(folded.translate(_DROPPED).split())


def document(*fields: str | None, postcodes: tuple[str | None, ...] = ()) -> str:
    """The stored search text of a record: its fields normalised, postcodes also unspaced."""
    parts = [normalise(field) for field in fields]
    for postcode in postcodes:
        code = normalise(postcode)
        parts += [code, code.replace(" ", "")] if " " in code else [code]
    return " ".join(part for part in parts if part)[:MAX_LENGTH]


def terms(query: str | None) -> list[str]:
    """The terms of a typed query, each to occur somewhere in a record's search text."""
    return list(dict.fromkeys(normalise(query).split()))


def like_pattern(term: str) -> str:
    r"""A LIKE pattern finding `term` anywhere, with %, _ and \ escaped (ESCAPE '\')."""
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"
