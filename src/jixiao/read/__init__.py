"""Readers: one per input format, each turning a document into a token stream (`tokens.Document`).

The format is found from the file's content (`sniff.kind_of`), not its suffix. A new format is one module
here plus one entry in `READERS`; its library is imported only when a file of that format is read.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from importlib import import_module
from pathlib import Path

from jixiao.read import text
from jixiao.read.limits import Limits, check_size, current, open_regular
from jixiao.read.sniff import kind_of
from jixiao.read.tokens import Document, Gap, Notice, Token

Reader = Callable[[Path, str], Document]

# kind -> "module:function", imported on first use
READERS: dict[str, str] = {
    "text": "jixiao.read.text:read_file",
    "pdf": "jixiao.read.pdf:read_pdf",
    "docx": "jixiao.read.docx:read_docx",
    "xlsx": "jixiao.read.xlsx:read_xlsx",
    "xls": "jixiao.read.xls:read_xls",
    "office": "jixiao.read.convert:read_converted",
    "image": "jixiao.read.ocr:read_image",
    "mhtml": "jixiao.read.mhtml:read_mhtml",
}


def reader(kind: str) -> Reader:
    module, _, name = READERS[kind].partition(":")
    return getattr(import_module(module), name)


def read_path(path: Path, display: str | None = None) -> Document:
    """Read any supported document; raises InputError (with a message for the user) or OSError."""
    file = display or str(path)
    limits = current()
    with open_regular(path, file) as handle:
        size = os.fstat(handle.fileno()).st_size
        head = handle.read(4096)
    kind = kind_of(path, head, file)
    check_size(size, limits.text_bytes if kind == "text" else limits.file_bytes, file,
               "文本文件" if kind == "text" else "文档")
    doc = reader(kind)(path, file)
    cut_long_cells(doc, limits)
    return doc


def cut_long_cells(doc: Document, limits: Limits) -> None:
    """A cell (or line) longer than `limits.cell_chars` is cut there, with a warning at its line: no form holds
    such a cell, and the assembler's work on one grows with its length."""
    most = limits.cell_chars
    for k, token in enumerate(doc.tokens):
        if len(token.text) > most:
            doc.tokens[k] = token._replace(text=token.text[:most])
            where = f"第 {token.page} 页" if token.page else f"第 {token.line} 行"
            doc.warnings.append(Notice(f"{where}的单元格有 {len(token.text)} 个字，超过上限 {most}，"
                                       "只读取了前面部分", token.line if not token.page else None))


__all__ = ["Document", "Gap", "Notice", "Token", "cut_long_cells", "READERS", "read_path", "reader", "text"]
