"""HTML reader: web pages with the form as a `<table>` (government sites, Word/WPS "save as web page").

Table cells become certain cells with their grid column and their `rowspan`/`colspan`; a spanned cell is
emitted once, at its top-left position (the positions it covers are not repeated, so a merged 一级指标 label
is not read as many labels). Text outside tables (title, year, page chrome) becomes plain lines.
"""

from __future__ import annotations

import re
import unicodedata

from lxml import etree

from jixiao.errors import InputError
from jixiao.read.grid import NESTED_CELLS, Cell, Emitter, cell_text, frames_content, nearest
from jixiao.read.normalise import BARE_PAGE_NUMBER
from jixiao.read.repeats import as_printed
from jixiao.read.tokens import Document

_BLOCKS = frozenset({"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "br", "table", "section",
                     "article", "header", "footer", "title", "center", "dt", "dd", "blockquote", "pre"})
_SKIP = frozenset({"script", "style", "noscript", "template", "head"})
MAX_SPAN = 1000  # a rowspan/colspan beyond this is an error of the page, not a layout
# lxml's HTML parser as `lxml.html` configures it, but giving plain elements: lxml.html's element classes are
# looked up in Python for every element, and nothing here uses their methods
_PARSER = etree.HTMLParser()
# a line break of the page's source with the spaces around it: no break of the text a browser shows (Word's "save as
# web page" wraps its source at about 76 columns, inside words); marked in each text node, resolved once the
# element's text is joined and the characters on both sides are known
_SOURCE_BREAK = re.compile(r"[ \t]*\n\s*")
_MARK = "\x1f"
_MARKS = re.compile(_MARK + "+")
_PAGE_MARKUP = re.compile(r"<(?:p|div|body|span)[\s>]", re.IGNORECASE)  # a page, not text with a table in it


def _marked(text: str | None, flow: bool) -> str | None:
    """A text node with its source line breaks marked (`flow`: not in <pre>, not text that only holds a table)."""
    if not text or not flow or "\n" not in text:
        return text
    return _SOURCE_BREAK.sub(_MARK, text)


def _unbroken(match: re.Match[str]) -> str:
    """A source line break as CSS Text 3 shows it: nothing between two wide characters (`财政资` / `金使用`), nor at
    a line's start or end; a space elsewhere (`Word` / `2023`)."""
    text = match.string
    before = text[match.start() - 1] if match.start() else "\n"
    after = text[match.end()] if match.end() < len(text) else "\n"
    if before in "\n " or after in "\n " or (unicodedata.east_asian_width(before) in "FWH"
                                            and unicodedata.east_asian_width(after) in "FWH"):
        return ""
    return " "


def _shown(text: str) -> str:
    """Joined text with its marked source line breaks resolved."""
    return _MARKS.sub(_unbroken, text) if _MARK in text else text


def _span(cell: etree._Element, name: str) -> int:
    value = cell.get(name)
    if value is None:  # most cells
        return 1
    try:
        return max(1, min(MAX_SPAN, int(value.strip() or 1)))
    except ValueError:
        return 1


def _cell_text(cell: etree._Element, hoisted: tuple[etree._Element, ...] = ()) -> str:
    """A cell's text, with <br> and paragraph boundaries as line breaks (not the source's); not the `hoisted`
    tables in it."""
    if not len(cell):  # most cells: text and no markup inside
        return cell_text(_shown(_marked(cell.text, True) or "").split("\n"))
    parts: list[str] = []

    def walk(el: etree._Element, flow: bool) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in _SKIP or el in hoisted:
            if el.tail:
                parts.append(_marked(el.tail, flow))
            return
        if tag in _BLOCKS and parts:
            parts.append("\n")
        inner = flow and tag != "pre"
        if el.text:
            parts.append(_marked(el.text, inner))
        for child in el:
            walk(child, inner)
        if tag in _BLOCKS:
            parts.append("\n")
        if el.tail and el is not cell:
            parts.append(_marked(el.tail, flow))

    walk(cell, True)
    return cell_text(_shown("".join(parts)).split("\n"))


def _rows(table: etree._Element) -> list[etree._Element]:
    return [tr for tr in table.iter("tr") if nearest(tr, "table") is table]


def _cells(tr: etree._Element) -> list[etree._Element]:
    return [cell for cell in tr if isinstance(cell.tag, str) and cell.tag in ("td", "th")]


def _own_table(table: etree._Element) -> bool:
    """A table nested in a cell that is a table of the form's own (two rows or more, one of three cells or more),
    not a list set out in a cell."""
    rows = _rows(table)
    return len(rows) >= 2 and any(len(_cells(tr)) >= NESTED_CELLS for tr in rows)


def _table(out: Emitter, table: etree._Element) -> None:
    """A table's rows as grid cells: the column of each cell found past the spans from rows above. A table of
    its own nested in a cell (the indicator table pasted into the form's 绩效指标 row) is read as a table after
    the row holding it, the rows below going on as another table."""
    caption = next((c for c in table if isinstance(c.tag, str) and c.tag == "caption"), None)
    if caption is not None and (title := _cell_text(caption)).strip():
        out.plain(title, caption.sourceline or 0)  # (a form's title set as the table's <caption>)
    taken: dict[int, set[int]] = {}  # table row -> grid columns covered by spans from above
    for r, tr in enumerate(_rows(table)):
        col = 0
        covered = taken.get(r, set())
        cells: list[Cell] = []
        inner: list[etree._Element] = []
        for cell in _cells(tr):
            while col in covered:
                col += 1
            rows_n, cols_n = _span(cell, "rowspan"), _span(cell, "colspan")
            for dr in range(1, rows_n):
                taken.setdefault(r + dr, set()).update(range(col, col + cols_n))
            hoisted = tuple(t for t in cell.iter("table") if nearest(t, "table") is table and _own_table(t))
            cells.append(Cell(_cell_text(cell, hoisted), col, rows_n, cols_n))
            inner += hoisted
            col += cols_n
        out.table_row(cells, tr.sourceline or 0)
        if inner:
            out.end_table()
            for t in inner:
                _table(out, t)
    out.end_table()


_CUT_TAG = re.compile(r"(?:<(?:[/!a-zA-Z][^<>]*)?|&#?[a-zA-Z0-9]{0,8})\s*\Z")


def read_html(text: str, file: str) -> Document:
    """Turn an HTML page into a token stream. A tag or an entity the file's end cuts off (a page stored
    part-way: `节能量审核</`, `&g` of `&gt;`) is no text of the last cell."""
    text = _CUT_TAG.sub("", text)
    try:
        root = etree.fromstring(text, _PARSER)
        if root is None:
            raise etree.ParserError("Document is empty")  # as lxml.html.document_fromstring says it
    except (etree.ParserError, ValueError) as exc:
        raise InputError(file, f"HTML 无法解析：{exc}") from exc
    doc = Document(file=file)
    out = Emitter(doc)
    buffer: list[str] = []
    buffer_line = [0]
    # a bare number alone after a table ('2'): a page number where a table follows it (a document's pages turned
    # into a web page, the rest of the table on the next), else text
    after_table = False
    held: tuple[str, int] | None = None

    def flush() -> None:
        nonlocal after_table, held
        if not buffer:
            return
        text = _shown("".join(buffer))
        buffer.clear()
        if not text.strip():
            out.plain(text, buffer_line[0])
            return
        if after_table and held is None and BARE_PAGE_NUMBER.match(text.strip()):
            held = (text, buffer_line[0])
            return
        if held is not None:
            out.plain(*held)
            held = None
        out.plain(text, buffer_line[0])
        after_table = False

    def take(text: str | None, el: etree._Element, flow: bool) -> None:
        if text:
            if not buffer:
                buffer_line[0] = el.sourceline or 0
            buffer.append(_marked(text, flow))

    def walk(el: etree._Element, flow: bool) -> None:
        nonlocal after_table, held
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in _SKIP or not isinstance(el.tag, str):
            take(el.tail, el, flow)
            return
        if tag == "table" and not frames_content(el, "table"):  # (a layout table is the page)
            flush()
            if held is not None:
                out.page_break()
                held = None
            _table(out, el)
            after_table = True
        else:
            block = tag in _BLOCKS or tag in ("td", "th")  # (the cells of a page's layout table are blocks)
            if block:
                flush()
            inner = flow and tag != "pre"
            take(el.text, el, inner)
            for child in el:
                walk(child, inner)
            if block:
                flush()
        take(el.tail, el, flow)

    body = root.find("body")
    walk(body if body is not None else root, _PAGE_MARKUP.search(text) is not None)
    flush()
    if held is not None:
        out.plain(*held)
    as_printed(doc.tokens)
    return doc
