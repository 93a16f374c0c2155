"""Streaming XML with expat, refusing DTDs and entities (no billion laughs, no external files)."""

import zipfile
from collections.abc import Callable, Iterable, Iterator
from xml.parsers import expat

from matcher.services.imports import safe_zip
from matcher.services.imports.limits import Budget


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
    try:
        for chunk in chunks:
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except expat.ExpatError as error:
        raise safe_zip.unreadable() from error
