"""Free text as it is stored: NFC, without control characters or invisible formatting, and the
rule for names (at least one letter, in any script). Used by every web form and the import."""

import re
import unicodedata

# Invisible characters with no place in a name or a note: zero-width space, word joiner,
# byte-order mark, soft hyphen, invisible operators and the bidirectional embeddings,
# overrides and isolates (the "Trojan source" characters). Zero-width (non-)joiners stay:
# Persian and Indic writing need them.
_INVISIBLE = re.compile("[\u00ad\u180e\u200b\u2060-\u2064\ufeff\u202a-\u202e\u2066-\u2069]")
# Marks that may stand inside mixed-direction text, but never at either end of it.
_EDGE = "\u200c\u200d\u200e\u200f\u061c"


def clean(value: str | None, multiline: bool = False) -> str | None:
    """`value` in NFC without control characters; newlines only kept when `multiline`."""
    if value is None:
        return None
    text = unicodedata.normalize("NFC", value).replace("\r\n", "\n").replace("\r", "\n")
    text = _INVISIBLE.sub("", text)
    kept = []
    for char in text:
        if char == "\n" and multiline:
            kept.append(char)
        elif char in "\t\n\v\f" or unicodedata.category(char) == "Zl":
            kept.append(" ")
        elif unicodedata.category(char) not in ("Cc", "Cs"):
            kept.append(char)
    return "".join(kept).strip().strip(_EDGE).strip()


def is_name(value: str | None) -> bool:
    """Whether `value` has at least one letter (Latin, Cyrillic, Arabic, Ge'ez, ...)."""
    return any(unicodedata.category(char).startswith("L") for char in value or "")
