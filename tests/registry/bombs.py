"""Hostile XLSX files, built in a few milliseconds without unpacking them (also for benchmarks).

A bomb's big part is a deflate stream of one small block repeated: each block is compressed on
its own and ends with a full flush, so blocks can simply be concatenated. The zip around the
parts is written by hand, so sizes (and lies about them) are exactly what a test asks for.
"""

import random
import struct
import zlib

NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    b'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    b'<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
    b'officedocument.spreadsheetml.sheet.main+xml"/>'
    b'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.'
    b'openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.'
    b'openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.'
    f'org/package/2006/relationships"><Relationship Id="rId1" Type="{REL_NS}/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
).encode()
WORKBOOK = (
    f'<?xml version="1.0" encoding="UTF-8"?><workbook {NS} xmlns:r="{REL_NS}"><sheets>'
    '<sheet name="Blad1" sheetId="1" r:id="rId1"/></sheets></workbook>'
).encode()
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.'
    f'org/package/2006/relationships"><Relationship Id="rId1" Type="{REL_NS}/worksheet" '
    f'Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="{REL_NS}/sharedStrings" '
    'Target="sharedStrings.xml"/></Relationships>'
).encode()
SHEET_HEAD = f'<?xml version="1.0" encoding="UTF-8"?><worksheet {NS}>'.encode()


class Part:
    """One zip entry: its deflate stream, CRC and sizes (`declared` may lie)."""

    def __init__(self, name: str, head: bytes, block: bytes = b"", times: int = 0,
                 tail: bytes = b"", declared: int | None = None):  # fmt: skip
        self.name = name
        pieces, crc = [], zlib.crc32(head)
        pieces.append(_deflate(head))
        if times:
            compressed = _deflate(block)
            pieces.extend([compressed] * times)
            for _ in range(times):
                crc = zlib.crc32(block, crc)
        last = zlib.compressobj(9, zlib.DEFLATED, -15)
        pieces.append(last.compress(tail) + last.flush())
        self.data = b"".join(pieces)
        self.crc = zlib.crc32(tail, crc)
        self.size = len(head) + len(block) * times + len(tail)
        self.declared = self.size if declared is None else declared


def _deflate(data: bytes) -> bytes:
    compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush(zlib.Z_FULL_FLUSH)


def archive(parts: list[Part]) -> bytes:
    """A zip file of the parts, written by hand (deflate, no data descriptors)."""
    body, directory = bytearray(), bytearray()
    for part in parts:
        name = part.name.encode()
        fields = (20, 0, 8, 0, 0x21, part.crc, len(part.data), part.declared, len(name))
        directory += struct.pack("<4s2H", b"PK\x01\x02", 20, fields[0]) + struct.pack(
            "<4H3I5H2I", *fields[1:], 0, 0, 0, 0, 0, len(body)
        )
        directory += name
        body += struct.pack("<4sH4H3I2H", b"PK\x03\x04", *fields, 0) + name + part.data
    end = struct.pack(
        "<4s4H2IH", b"PK\x05\x06", 0, 0, len(parts), len(parts), len(directory), len(body), 0
    )
    return bytes(body + directory + end)


def workbook(sheet: Part, strings: Part | None = None, extra: list[Part] | None = None) -> bytes:
    """An XLSX file around a sheet part (and a shared-string part)."""
    parts = [
        Part("[Content_Types].xml", CONTENT_TYPES),
        Part("_rels/.rels", ROOT_RELS),
        Part("xl/workbook.xml", WORKBOOK),
        Part("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
        sheet,
        strings or Part("xl/sharedStrings.xml", f'<sst {NS} count="0"/>'.encode()),
    ]
    return archive(parts + (extra or []))


def sheet(rows: bytes, dimension: str = "", block: bytes = b"", times: int = 0,
          declared: int | None = None) -> Part:  # fmt: skip
    """A sheet part: `rows`, then `block` repeated `times` times, inside <sheetData>."""
    head = SHEET_HEAD + (f'<dimension ref="{dimension}"/>'.encode() if dimension else b"")
    return Part("xl/worksheets/sheet1.xml", head + b"<sheetData>" + rows, block, times,
                b"</sheetData></worksheet>", declared)  # fmt: skip


def row_bomb(rows: int = 20_000_000, declared: int | None = None) -> bytes:
    """Tens of millions of one-cell rows: 2.9 MB on disk for 20 million (`declared`: a lie)."""
    block = b'<row><c t="inlineStr"><is><t>x</t></is></c></row>' * 10_000
    return workbook(sheet(b"", block=block, times=rows // 10_000, declared=declared))


def cell_bomb(megabytes: int = 1024) -> bytes:
    """One shared string of `megabytes` MB (1 GB by default), used by cell A1."""
    strings = Part("xl/sharedStrings.xml", f'<sst {NS} count="1"><si><t>'.encode(),
                   b"a" * 1024 * 1024, megabytes, b"</t></si></sst>")  # fmt: skip
    return workbook(sheet(b'<row r="1"><c r="A1" t="s"><v>0</v></c></row>'), strings)


def dimension_bomb() -> bytes:
    """A tiny sheet declaring all 1,048,576 × 16,384 cells, with a cell in its first and last row
    (openpyxl fills the rows between, each padded to 16,384 cells)."""
    first = b'<row r="1"><c r="A1" t="inlineStr"><is><t>kenmerk</t></is></c></row>'
    last = b'<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    body = first + last
    return workbook(sheet(body, dimension="A1:XFD1048576"))


def entries_bomb(count: int = 5_000) -> bytes:
    """A workbook with thousands of extra (empty) parts."""
    extra = [Part(f"xl/media/image{n}.png", b"") for n in range(count)]
    return workbook(sheet(b""), extra=extra)


def ratio_bomb(megabytes: int = 20) -> bytes:
    """A sheet within the size bounds that unpacks a thousand times its packed size."""
    return workbook(sheet(b"", block=b" " * 1024 * 1024, times=megabytes))


def noise(megabytes: int) -> bytes:
    """Hex noise that deflate packs about 70-fold: a 24 KB block changed in 60 places per copy."""
    rng = random.Random(1)
    block = bytearray(rng.randbytes(12_000).hex().encode())
    value = bytearray()
    while len(value) < megabytes * 1024 * 1024:
        for _ in range(60):
            block[rng.randrange(len(block))] = rng.choice(b"0123456789abcdef")
        value += block
    return bytes(value)


def attribute_bomb(megabytes: int = 90) -> bytes:
    """One cell with a `megabytes` MB attribute, within the size and ratio bounds."""
    cell = b'<row r="1"><c r="A1" x="' + noise(megabytes) + b'"><v>1</v></c></row>'
    return workbook(sheet(cell))


def strings_bomb(megabytes: int = 20) -> bytes:
    """A shared-string table of `megabytes` MB in strings of 1,000 characters (held in memory
    whole by openpyxl), within the size and ratio bounds."""
    text = noise(megabytes)
    items = b"".join(b"<si><t>%s</t></si>" % text[i : i + 1000] for i in range(0, len(text), 1000))
    strings = Part("xl/sharedStrings.xml", f"<sst {NS}>".encode() + items + b"</sst>")
    return workbook(sheet(b'<row r="1"><c r="A1" t="s"><v>0</v></c></row>'), strings)


BOMBS = {
    "row bomb (20 million rows)": row_bomb,
    "cell bomb (one 1 GB string)": cell_bomb,
    "dimension bomb (A1:XFD1048576)": dimension_bomb,
    "entries bomb (5,000 parts)": entries_bomb,
    "ratio bomb (20 MB of spaces)": ratio_bomb,
    "attribute bomb (one 90 MB attribute)": attribute_bomb,
    "shared-strings bomb (20 MB of strings)": strings_bomb,
}
