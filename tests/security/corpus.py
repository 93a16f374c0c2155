"""A hostile corpus for the fuzz test, and a deterministic sample of it per field."""

import zlib

# Payload → the markup that must never appear raw in a page.
MARKUP = {
    '"><script>alert(1)</script>': "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>": "<img src=x onerror=alert(1)>",
    "</textarea><svg onload=alert(1)>": "<svg onload=alert(1)>",
}
HOSTILE = [
    *MARKUP,
    "' OR '1'='1",
    "1; DROP TABLE participants;--",
    "%",
    "_",
    "\\",
    '=HYPERLINK("http://example.org","klik")',
    "+31-1+1",
    "@SUM(A1:A9)",
    "NaN",
    "nan",
    "inf",
    "-Infinity",
    "-1e309",
    "1e309",
    "9" * 400,
    "x" * 5000,
    "\u200b\u200b\u200b",
    "\u202eevil\u202c",
    "\u200f\u200e",
    "a\x00b",
    "\x1b[31mrood\x1b[0m",
    "regel\r\nregel",
    "Мирослава Коваленко",
    "حسين العلي",
    "ሃና ገብረ",
    "Ḥusayn",
    "x",
    " ",
    "",
    "-1",
    "0",
    "99999999999999999999",
    "2026-02-30",
    "0001-01-01",
    "9999-12-31",
    "1,5",
    "3.5",
    "../../etc/passwd",
    "//example.org",
    "unknown-value",
    "²",
]
# Always tried on number-looking fields (inputmode decimal/numeric, page, hours, ids).
NUMERIC = ["NaN", "-1e309", "99999999999999999999"]


def sample(key: str, size: int) -> list[str]:
    """`size` payloads for one field, the same on every run (chosen by the field's key)."""
    start = zlib.crc32(key.encode()) % len(HOSTILE)
    step = 7  # coprime with the corpus length, so neighbouring keys get different payloads
    return [HOSTILE[(start + i * step) % len(HOSTILE)] for i in range(size)]


def unescaped(body: str) -> list[str]:
    """The markup payloads that a page shows back raw."""
    return [marker for marker in MARKUP.values() if marker in body]
