"""Tokens from structured sources: the one place that turns table cells and text outside tables into tokens.

Every reader of a format that knows its tables — HTML, Word, Excel, PDF — finds the cells with the source's
own structure (rowspan/colspan, gridSpan/vMerge, merged ranges, ruling lines) and hands them here as `Cell`s
with their grid column and spans; text outside tables (title, year, page chrome) comes as lines. A spanned
cell is given once, at its top-left position, so a merged 一级指标 label is one label, not many.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple

from jixiao.read.markup import latex_math
from jixiao.read.normalise import NEEDS_WORK, fold, is_page_number, normalise, unglossed
from jixiao.read.tokens import Document, Gap, Token

if TYPE_CHECKING:
    from lxml import etree

NESTED_CELLS = 3  # a table nested in a cell with a row of this many cells is a table of its own (Word, HTML)
_WORD = re.compile(r"\S+")
_CELL = re.compile(r"[^\t]*[^\t\s][^\t]*")  # a piece of a line between tabs, not blank
_new = tuple.__new__

Box = tuple[float, float, float, float]


class Cell(NamedTuple):
    """One table cell as the source defines it."""

    text: str
    col: int  # grid column of its left edge
    row_span: int = 1
    col_span: int = 1
    bbox: Box | None = None  # (x0, top, x1, bottom) in points, where the source has geometry


def cell_text(lines: list[str]) -> str:
    """A cell's text from its lines or paragraphs: spaces collapsed, empty lines dropped, glyphs folded."""
    if len(lines) == 1 and not NEEDS_WORK.search(lines[0]):  # most cells: one line, nothing to fold
        return lines[0]
    kept = [" ".join(normalise(ln).split()) for ln in lines]
    return fold(latex_math(unglossed("\n".join(ln for ln in kept if ln))))


def words_apart(a: str, b: str) -> bool:
    """Two pieces of a cell that a line break (or a page break) parted are two words, a space between: after a
    letter, before a letter or a digit ('ISO' / '9001'); a number's or a code's pieces are one ('=100.0' /
    '0(%)', '…0021' / 'T000…'), and Chinese text breaks anywhere."""
    return a[-1:].isascii() and a[-1:].isalpha() and b[:1].isascii() and b[:1].isalnum()


def join_text(a: str, b: str) -> str:
    """Two pieces of one cell's text: no space between CJK, one between Latin words or numbers."""
    if a and b and a[-1].isascii() and a[-1].isalnum() and b[0].isascii() and b[0].isalnum():
        return f"{a} {b}"
    return a + b


class Emitter:
    """Appends tokens to a document, keeping the row counter and the gap before the next token. A token's line is
    the one its reader gives (an HTML source line, a Word paragraph, an Excel row) or, without one, its row
    counted from 1 over the document (a PDF's printed rows)."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.row = -1
        self.gap = Gap.LINE
        self.page: int | None = None

    def new_page(self, page: int) -> None:
        """The tokens that follow stand on `page`; from the second page on, the next token opens with a page gap."""
        if self.page is not None and page != self.page:
            self.gap = Gap.PAGE
        self.page = page

    def blank(self) -> None:
        self.gap = max(self.gap, Gap.BLANK)

    def page_break(self) -> None:
        """A page break the source shows without a page's number (a bare page number set apart)."""
        self.gap = Gap.PAGE

    def plain(self, text: str, line: int = 0, x: float = 0.0, bbox: Box | None = None, tabs: bool = False) -> None:
        """A paragraph or line of text outside a table: words split at spaces (a space may be inside a cell).
        A line that is only a page number ('第 2 页', '- 3 -') is a page gap, not text. `tabs`: a tab in it is a
        certain cell boundary (a Word paragraph's; several in a row reach one tab stop, no empty cells)."""
        text = fold(latex_math(normalise(text)))
        for k, piece in enumerate(ln for ln in text.split("\n") if ln.strip()):
            if is_page_number(piece.strip(), beside_form_feed=False):
                self.gap = Gap.PAGE
                continue
            self.row += 1
            tabbed = tabs and "\t" in piece
            for j, match in enumerate((_CELL if tabbed else _WORD).finditer(piece)):
                gap = (self.gap if k == 0 else Gap.LINE) if j == 0 else Gap.CELL if tabbed else Gap.SPACE
                self.doc.tokens.append(Token(match.group(0).strip(), gap, line or self.row + 1, self.row,
                                             x=x + match.start(), page=self.page, bbox=bbox))
            self.gap = Gap.LINE

    def words(self, words: list[tuple[str, float, Gap]], line: int = 0, boxes: list[Box] | None = None) -> None:
        """A printed line given as positioned words: (text, x in character columns, gap before it). A PDF line
        outside ruled tables; a line that is only a page number is a page gap. `boxes`: each word's box (a row
        of cells rebuilt from a table printed without rules: a cell's height and place tell which rows a merged
        label spans)."""
        texts = [fold(normalise(text)) for text, _, _ in words]
        if is_page_number(" ".join(texts), beside_form_feed=False):
            self.gap = Gap.PAGE
            return
        self.row += 1
        for k, ((_, x, gap), text) in enumerate(zip(words, texts, strict=True)):
            self.doc.tokens.append(Token(text, self.gap if k == 0 else gap, line or self.row + 1, self.row, x=x,
                                         page=self.page, bbox=boxes[k] if boxes else None))
        self.gap = Gap.LINE

    def table_row(self, cells: list[Cell], line: int = 0) -> None:
        """One row of a table; empty cells are kept (their position is information)."""
        if not cells:
            return
        self.row += 1
        row, line, page, append = self.row, line or self.row + 1, self.page, self.doc.tokens.append
        gap = max(self.gap, Gap.ROW)
        for cell in cells:  # tuple.__new__: a named tuple built without its keyword-argument wrapper
            append(_new(Token, (cell.text, gap, line, row, cell.col, float(cell.col), page, cell.row_span,
                                cell.col_span, cell.bbox)))
            gap = Gap.CELL
        self.gap = Gap.LINE

    def end_table(self) -> None:
        self.gap = max(self.gap, Gap.BLANK)

    def document(self, part: Document, line: int) -> int:
        """The tokens of a document read from a part of this one (a picture read by OCR) where the part stands:
        its rows after the rows so far, its lines after `line`, on the current page. Returns its last line."""
        last = line
        rows = self.row + 1
        for k, token in enumerate(part.tokens):
            gap = max(self.gap, token.gap) if k == 0 else token.gap
            last = line + token.line
            self.doc.tokens.append(token._replace(gap=gap, line=last, row=rows + token.row, page=self.page))
            self.row = rows + token.row
        self.doc.warnings.extend(n._replace(line=None if n.line is None else line + n.line) for n in part.warnings)
        self.doc.confidence.update({line + k: v for k, v in part.confidence.items()})
        self.gap = Gap.BLANK
        return last


def nearest(el: etree._Element, tag: str) -> etree._Element | None:
    """The nearest ancestor of an XML/HTML element with this tag (the table a row or a nested table is in)."""
    parent = el.getparent()
    while parent is not None and parent.tag != tag:
        parent = parent.getparent()
    return parent


def frames_content(table: etree._Element, tag: str) -> bool:
    """A table framing the content rather than holding it (a web page's layout table, a Word frame table): the
    tables nested in it hold most of its text. A table with a small table inside a cell (a list in a goal
    cell) holds its content."""
    inner = [t for t in table.iter(tag) if t is not table and nearest(t, tag) is table]
    if not inner:
        return False
    nested = sum(len("".join(t.itertext()).strip()) for t in inner)
    return 2 * nested > len("".join(table.itertext()).strip())
