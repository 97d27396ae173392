"""Readers: one per input format, each turning a document into a token stream (`tokens.Document`).

A new format is one module here plus one entry in `READERS`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from jixiao.read import text
from jixiao.read.tokens import Document, Gap, Token

Reader = Callable[[Path, str], Document]

READERS: dict[str, Reader] = {suffix: text.read_file for suffix in (*text.SUFFIXES, ".html", ".htm")}


def reader_for(path: Path) -> Reader:
    """The reader for a file; unknown suffixes go to the text reader, which rejects binary content."""
    return READERS.get(path.suffix.lower(), text.read_file)


def read_path(path: Path, display: str | None = None) -> Document:
    return reader_for(path)(path, display or str(path))


__all__ = ["Document", "Gap", "Token", "READERS", "read_path", "reader_for"]
