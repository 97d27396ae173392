"""Readers: one per input format, each turning a document into a token stream (`tokens.Document`).

The format is found from the file's content (`sniff.kind_of`), not its suffix. A new format is one module
here plus one entry in `READERS`; its library is imported only when a file of that format is read.
"""

from __future__ import annotations

import stat
from collections.abc import Callable
from importlib import import_module
from pathlib import Path

from jixiao.errors import InputError
from jixiao.read import text
from jixiao.read.limits import MAX_FILE_BYTES, MAX_TEXT_BYTES, check_size
from jixiao.read.sniff import kind_of
from jixiao.read.tokens import Document, Gap, Token

Reader = Callable[[Path, str], Document]

# kind -> "module:function", imported on first use
READERS: dict[str, str] = {
    "text": "jixiao.read.text:read_file",
    "pdf": "jixiao.read.pdf:read_pdf",
    "docx": "jixiao.read.docx:read_docx",
    "xlsx": "jixiao.read.xlsx:read_xlsx",
    "xls": "jixiao.read.xls:read_xls",
    "office": "jixiao.read.convert:read_converted",
}


def reader(kind: str) -> Reader:
    module, _, name = READERS[kind].partition(":")
    return getattr(import_module(module), name)


def read_path(path: Path, display: str | None = None) -> Document:
    """Read any supported document; raises InputError (with a message for the user) or OSError."""
    file = display or str(path)
    info = path.stat()
    if stat.S_ISDIR(info.st_mode):
        raise IsADirectoryError(21, "Is a directory", str(path))
    if not stat.S_ISREG(info.st_mode):
        raise InputError(file, "不是普通文件（可能是管道、设备或套接字）；未读取")
    size = info.st_size
    with path.open("rb") as handle:
        head = handle.read(4096)
    kind = kind_of(path, head, file)
    check_size(size, MAX_TEXT_BYTES if kind == "text" else MAX_FILE_BYTES, file,
               "文本文件" if kind == "text" else "文档")
    return reader(kind)(path, file)


__all__ = ["Document", "Gap", "Token", "READERS", "read_path", "reader", "text"]
