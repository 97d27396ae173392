"""Readers: one per input format, each turning a document into a `Grid`.

A new format is one module here plus one entry in `READERS`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from jixiao.read import text
from jixiao.read.grid import Cell, Grid, Row

Reader = Callable[[Path, str], Grid]

READERS: dict[str, Reader] = {suffix: text.read_file for suffix in text.SUFFIXES}


def reader_for(path: Path) -> Reader:
    """The reader for a file; unknown suffixes go to the text reader, which rejects binary content."""
    return READERS.get(path.suffix.lower(), text.read_file)


def read_path(path: Path, display: str | None = None) -> Grid:
    return reader_for(path)(path, display or str(path))


__all__ = ["Cell", "Grid", "Row", "READERS", "read_path", "reader_for"]
