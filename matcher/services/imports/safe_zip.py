"""Opening an uploaded XLSX as a zip archive, checking its sizes before anything is unpacked.

An XLSX file is a zip of XML parts. A few kilobytes can unpack to gigabytes, so before any
part is read the archive's own bookkeeping is checked: the number of entries (from the end
record, before zipfile builds an object per entry), each entry's and the total unpacked size,
and how strongly each entry is compressed. The declared sizes cannot be trusted either, so a
part is read in chunks and never beyond its declared size (zipfile stops there, and a CRC
mismatch then makes it unreadable).
"""

import io
import struct
import zipfile
import zlib
from collections.abc import Iterator

from matcher.services.imports.limits import Budget, ImportRefused

MAX_ENTRIES = 1_000  # a workbook has about ten; many sheets and pictures stay far below
MAX_ENTRY_BYTES = 100 * 1024 * 1024  # one sheet of 10,000 full rows is about 10 MB
MAX_TOTAL_BYTES = 200 * 1024 * 1024
MAX_RATIO = 100  # XML compresses 5 to 25 times; Apache POI refuses from 100 on, as we do
RATIO_FROM_BYTES = 1024 * 1024  # small parts may compress strongly; they cost nothing
CHUNK = 64 * 1024
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # password-protected .xlsx and old .xls
END_RECORD = b"PK\x05\x06"
ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    EOFError,
    OSError,
    NotImplementedError,  # a compression method zipfile does not know
    RuntimeError,  # an encrypted entry
    ValueError,
    struct.error,
)


def unreadable() -> ImportRefused:
    return ImportRefused("not_xlsx")


def _megabytes(size: int) -> int:
    return max(1, round(size / (1024 * 1024)))


def too_big(size: int, limit: int) -> ImportRefused:
    return ImportRefused("unpacks_too_big", size=_megabytes(size), max=_megabytes(limit))


def declared_entries(data: bytes) -> int | None:
    """The entry count in the zip's end record (None when there is no end record)."""
    at = data.rfind(END_RECORD, max(0, len(data) - 22 - 65_535))
    if at < 0 or len(data) < at + 22:
        return None
    return struct.unpack("<H", data[at + 10 : at + 12])[0]


def open_archive(data: bytes) -> zipfile.ZipFile:
    """The archive, once its entry count, sizes and compression ratios are within bounds."""
    if data.startswith(OLE_MAGIC):
        raise ImportRefused("encrypted_or_xls")
    count = declared_entries(data)
    if count is not None and (count > MAX_ENTRIES or count == 0xFFFF):
        raise _too_many_entries(count)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except ZIP_ERRORS as error:
        raise unreadable() from error
    if len(entries) > MAX_ENTRIES:
        raise _too_many_entries(len(entries))
    total = 0
    for entry in entries:
        total += entry.file_size
        if entry.file_size > MAX_ENTRY_BYTES:
            raise too_big(entry.file_size, MAX_ENTRY_BYTES)
        if entry.file_size > RATIO_FROM_BYTES and (
            entry.file_size > MAX_RATIO * max(1, entry.compress_size)
        ):
            ratio = entry.file_size // max(1, entry.compress_size)
            raise ImportRefused("compressed_too_strongly", ratio=ratio)
    if total > MAX_TOTAL_BYTES:
        raise too_big(total, MAX_TOTAL_BYTES)
    return archive


def _too_many_entries(count: int) -> ImportRefused:
    return ImportRefused("too_many_parts", count=count, max=MAX_ENTRIES)


def chunks(archive: zipfile.ZipFile, name: str, limit: int, budget: Budget) -> Iterator[bytes]:
    """The unpacked bytes of one part, in chunks; refused above `limit` bytes or the budget."""
    try:
        entry = archive.getinfo(name)
    except KeyError as error:
        raise unreadable() from error
    if entry.file_size > limit:
        raise too_big(entry.file_size, limit)
    read = 0
    try:
        with archive.open(entry) as stream:
            while chunk := stream.read(CHUNK):
                read += len(chunk)
                if read > entry.file_size:  # zipfile stops here itself; belt and braces
                    raise unreadable()
                budget.check()
                yield chunk
    except ZIP_ERRORS as error:
        raise unreadable() from error


def has(archive: zipfile.ZipFile, name: str) -> bool:
    try:
        archive.getinfo(name)
    except KeyError:
        return False
    return True
