"""HTML reader: web pages with the form as a `<table>` (government sites, Word/WPS "save as web page").

Table cells become certain cells with their grid column and their `rowspan`/`colspan`; a spanned cell is
emitted once, at its top-left position (the positions it covers are not repeated, so a merged 一级指标 label
is not read as many labels). Text outside tables (title, year, page chrome) becomes plain lines.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml import html as lxml_html

from jixiao.errors import InputError
from jixiao.read.markup import latex_math
from jixiao.read.normalise import fold
from jixiao.read.tokens import Document, Gap, Token

_BLOCKS = frozenset({"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "br", "table", "section",
                     "article", "header", "footer", "title", "center", "dt", "dd", "blockquote", "pre"})
_SKIP = frozenset({"script", "style", "noscript", "template", "head"})
_WORD = re.compile(r"\S+")
MAX_SPAN = 1000  # a rowspan/colspan beyond this is an error of the page, not a layout


def _span(cell: etree._Element, name: str) -> int:
    try:
        return max(1, min(MAX_SPAN, int(str(cell.get(name, "1")).strip() or 1)))
    except ValueError:
        return 1


def _cell_text(cell: etree._Element) -> str:
    """A cell's text, with <br> and paragraph boundaries as line breaks."""
    parts: list[str] = []

    def walk(el: etree._Element) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in _SKIP:
            if el.tail:
                parts.append(el.tail)
            return
        if tag in _BLOCKS and parts:
            parts.append("\n")
        if el.text:
            parts.append(el.text)
        for child in el:
            walk(child)
        if tag in _BLOCKS:
            parts.append("\n")
        if el.tail and el is not cell:
            parts.append(el.tail)

    walk(cell)
    lines = [" ".join(ln.split()) for ln in "".join(parts).split("\n")]
    return fold(latex_math("\n".join(ln for ln in lines if ln)))


class _Emitter:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.row = -1
        self.gap = Gap.LINE

    def plain(self, text: str, line: int) -> None:
        text = fold(latex_math(text))
        for k, piece in enumerate(ln for ln in text.split("\n") if ln.strip()):
            self.row += 1
            for j, match in enumerate(_WORD.finditer(piece)):
                gap = (self.gap if k == 0 else Gap.LINE) if j == 0 else Gap.SPACE
                self.doc.tokens.append(Token(match.group(0), gap, line, self.row, x=match.start()))
            self.gap = Gap.LINE

    def table(self, table: etree._Element) -> None:
        taken: dict[int, set[int]] = {}  # table row -> grid columns covered by spans from above
        rows = [tr for tr in table.iter("tr") if _owner(tr) is table]
        for r, tr in enumerate(rows):
            self.row += 1
            col = 0
            covered = taken.get(r, set())
            first = True
            for cell in tr:
                if not isinstance(cell.tag, str) or cell.tag not in ("td", "th"):
                    continue
                while col in covered:
                    col += 1
                rows_n, cols_n = _span(cell, "rowspan"), _span(cell, "colspan")
                for dr in range(1, rows_n):
                    taken.setdefault(r + dr, set()).update(range(col, col + cols_n))
                gap = max(self.gap, Gap.ROW) if first else Gap.CELL
                line = cell.sourceline or tr.sourceline or 0
                self.doc.tokens.append(Token(_cell_text(cell), gap, line, self.row, col=col, x=col,
                                             row_span=rows_n, col_span=cols_n))
                first = False
                col += cols_n
            self.gap = Gap.LINE
        self.gap = Gap.BLANK


def _owner(tr: etree._Element) -> etree._Element | None:
    parent = tr.getparent()
    while parent is not None and parent.tag != "table":
        parent = parent.getparent()
    return parent


def read_html(text: str, file: str) -> Document:
    """Turn an HTML page into a token stream."""
    try:
        root = lxml_html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise InputError(file, f"HTML 无法解析：{exc}") from exc
    doc = Document(file=file)
    out = _Emitter(doc)
    buffer: list[str] = []
    buffer_line = [0]

    def flush() -> None:
        if buffer:
            out.plain("".join(buffer), buffer_line[0])
            buffer.clear()

    def take(text: str | None, el: etree._Element) -> None:
        if text:
            if not buffer:
                buffer_line[0] = el.sourceline or 0
            buffer.append(text)

    def walk(el: etree._Element) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in _SKIP or not isinstance(el.tag, str):
            if el.tail:
                buffer.append(el.tail)
            return
        if tag == "table":
            flush()
            out.table(el)
        else:
            if tag in _BLOCKS:
                flush()
            take(el.text, el)
            for child in el:
                walk(child)
            if tag in _BLOCKS:
                flush()
        take(el.tail, el)

    body = root.find("body")
    walk(body if body is not None else root)
    flush()
    return doc
