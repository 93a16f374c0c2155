"""Streaming XML with expat, refusing DTDs and entities (no billion laughs, no external files).

expat holds a tag with all its attributes (or a comment) in memory until it ends, and before
expat 2.6 re-scans it for every chunk fed; a part with a megabyte without any parse event is
refused, so one huge attribute cannot cost hundreds of megabytes or quadratic time.
"""

import zipfile
from collections.abc import Callable, Iterable, Iterator
from xml.parsers import expat

from matcher.services.imports import safe_zip
from matcher.services.imports.limits import Budget

MAX_TOKEN_BYTES = 1024 * 1024  # one tag (with its attributes) or comment; expat keeps it whole


class Stop(Exception):
    """Raised by a handler when the rest of the part does not matter."""


def _refuse(*_args) -> None:
    raise safe_zip.unreadable()


def stream(archive: zipfile.ZipFile, name: str, limit: int, budget: Budget) -> Iterator[bytes]:
    return safe_zip.chunks(archive, name, limit, budget)


def parse(
    chunks: Iterable[bytes],
    target=None,
    start: Callable | None = None,
    end: Callable | None = None,
    text: Callable | None = None,
) -> None:
    """Feed the chunks to expat with the target's start/end/text methods (or the functions)."""
    parser = expat.ParserCreate()
    parser.buffer_text = True
    parser.buffer_size = 64 * 1024
    parser.StartDoctypeDeclHandler = _refuse
    parser.EntityDeclHandler = _refuse
    parser.ExternalEntityRefHandler = _refuse
    handlers = (target.start, target.end, target.text) if target is not None else (start, end, text)
    for name, handler in zip(
        ("StartElementHandler", "EndElementHandler", "CharacterDataHandler"), handlers, strict=True
    ):
        if handler is not None:
            setattr(parser, name, handler)
    fed = 0
    try:
        for chunk in chunks:
            parser.Parse(chunk, False)
            fed += len(chunk)
            if fed - parser.CurrentByteIndex > MAX_TOKEN_BYTES:  # no event for a megabyte
                raise safe_zip.unreadable()
        parser.Parse(b"", True)
    except (expat.ExpatError, ValueError, LookupError, TypeError, OverflowError) as error:
        raise safe_zip.unreadable() from error  # a handler met a value it cannot take
