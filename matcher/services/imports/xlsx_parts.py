"""The small parts of an XLSX file: where the first sheet is, shared strings, date styles.

Each part is streamed with expat (xml_stream.py) and bounded in size before it is read.
"""

import posixpath
import re
import zipfile

from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format

from matcher.services.imports import limits, safe_zip
from matcher.services.imports.limits import Budget
from matcher.services.imports.xml_stream import parse, stream

MAX_PART_BYTES = 8 * 1024 * 1024  # workbook, relationships, styles
MAX_STRINGS_BYTES = 16 * 1024 * 1024  # the shared-string table is held in memory
ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")
TOO_LONG = object()  # a shared string above the cell limit: refused only when the sheet uses it


def local(name: str) -> str:
    return name.rsplit(":", 1)[-1]


def attrs_local(attributes: dict) -> dict:
    return {local(key): value for key, value in attributes.items()}


def relationships(archive: zipfile.ZipFile, part: str, budget: Budget) -> dict[str, tuple]:
    """Relationship id → (type, resolved target) of a part ('' when it has none)."""
    folder, name = posixpath.split(part)
    rels_name = posixpath.join(folder, "_rels", f"{name}.rels")
    found: dict[str, tuple] = {}
    if not safe_zip.has(archive, rels_name):
        return found

    def start(tag, attrs):
        if local(tag) == "Relationship" and attrs.get("TargetMode") != "External":
            target = attrs.get("Target", "")
            path = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
            found[attrs.get("Id", "")] = (attrs.get("Type", ""), posixpath.normpath(path))

    parse(stream(archive, rels_name, MAX_PART_BYTES, budget), start=start)
    return found


def workbook(archive: zipfile.ZipFile, budget: Budget) -> dict:
    """Where the first sheet, the shared strings and the styles are; the date system."""
    office = [t for kind, t in relationships(archive, "", budget).values() if "officeDoc" in kind]
    part = office[0] if office else "xl/workbook.xml"
    if not safe_zip.has(archive, part):
        raise safe_zip.unreadable()
    sheets: list[str] = []
    book = {"1904": False}

    def start(tag, attrs):
        name = local(tag)
        if name == "sheet":
            sheets.append(attrs_local(attrs).get("id", ""))
        elif name == "workbookPr":
            book["1904"] = attrs.get("date1904", "").lower() in ("1", "true")

    parse(stream(archive, part, MAX_PART_BYTES, budget), start=start)
    rels = relationships(archive, part, budget)
    worksheets = [rels[i][1] for i in sheets if i in rels and rels[i][0].endswith("/worksheet")]
    if not worksheets or not safe_zip.has(archive, worksheets[0]):
        raise safe_zip.unreadable()
    by_kind = {kind.rsplit("/", 1)[-1]: target for kind, target in rels.values()}
    book["sheet"] = worksheets[0]
    for key, kind in (("strings", "sharedStrings"), ("styles", "styles")):
        target = by_kind.get(kind)
        book[key] = target if target and safe_zip.has(archive, target) else None
    return book


def shared_strings(archive: zipfile.ZipFile, part: str, budget: Budget) -> list:
    """The shared-string table; a string above the cell limit is kept as TOO_LONG only."""
    strings: list = []
    state = {"text": None, "length": 0, "in_t": False, "phonetic": 0}

    def start(tag, _attrs):
        name = local(tag)
        if name == "si":
            state.update(text=[], length=0)
        elif name == "t":
            state["in_t"] = True
        elif name == "rPh":
            state["phonetic"] += 1

    def end(tag):
        name = local(tag)
        if name == "si" and state["text"] is not None:
            too_long = state["length"] > limits.MAX_CELL_CHARS
            strings.append(TOO_LONG if too_long else unescape("".join(state["text"])))
            state["text"] = None
        elif name == "t":
            state["in_t"] = False
        elif name == "rPh":
            state["phonetic"] -= 1

    def text(data):
        if state["in_t"] and not state["phonetic"] and state["text"] is not None:
            state["length"] += len(data)
            if state["length"] <= limits.MAX_CELL_CHARS:
                state["text"].append(data)

    if archive.getinfo(part).file_size > MAX_STRINGS_BYTES:
        raise safe_zip.too_big(archive.getinfo(part).file_size, MAX_STRINGS_BYTES)
    parse(stream(archive, part, MAX_STRINGS_BYTES, budget), start=start, end=end, text=text)
    return strings


def date_styles(archive: zipfile.ZipFile, part: str, budget: Budget) -> set[str]:
    """The style indexes (as in a cell's s attribute) whose number format is a date."""
    formats = dict(BUILTIN_FORMATS)
    styles: list[str] = []
    state = {"in_xfs": False}

    def start(tag, attrs):
        name = local(tag)
        if name == "numFmt":
            formats[int(attrs.get("numFmtId", "-1"))] = attrs.get("formatCode", "")
        elif name == "cellXfs":
            state["in_xfs"] = True
        elif name == "xf" and state["in_xfs"]:
            styles.append(attrs.get("numFmtId", "0"))

    def end(tag):
        if local(tag) == "cellXfs":
            state["in_xfs"] = False

    try:
        parse(stream(archive, part, MAX_PART_BYTES, budget), start=start, end=end)
        return {
            str(index)
            for index, number in enumerate(styles)
            if is_date_format(formats.get(int(number), "") or "")
        }
    except ValueError as error:
        raise safe_zip.unreadable() from error


def unescape(value: str) -> str:
    """Excel writes control characters as _xHHHH_ (and a literal '_x' as _x005F_x)."""
    return ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), value) if "_x" in value else value
