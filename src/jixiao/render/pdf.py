"""The official layout as a PDF (reportlab), A4 portrait, with a Chinese font embedded as a subset (`fonts`).

Each form is two ruled tables drawn as one: the head (项目名称 to 年度总体目标) and the indicator table, whose
heading row is repeated at the top of every page it runs onto; each form starts on a new page. Cells are
paragraphs that wrap Chinese text at any character; every table line is a drawn rule, so jixiao's PDF reader
(and any other) finds the grid, and the text is real text: it can be selected, searched and copied.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import replace
from io import BytesIO
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Flowable, PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

import jixiao
from jixiao.render.fonts import FontFile, embeddable, find_font
from jixiao.render.labels import OFFICIAL_TITLE
from jixiao.render.layout import NUMERIC, Cell, Kind, Layout

MARGIN = 15 * mm
TOP_MARGIN = 20 * mm  # below the band where readers take a line repeated on every page for a running header
FRAME_HEIGHT = A4[1] - MARGIN - TOP_MARGIN - 12  # the page's frame, inside reportlab's 6-point frame padding
SIZE = 8.5  # points: the table's text
_ALIGN = {Kind.TEXT: TA_LEFT, Kind.AMOUNT: TA_RIGHT, Kind.RATE: TA_RIGHT, Kind.SCORE: TA_RIGHT}
HEADING_BACKGROUND = colors.HexColor("#f2f2f2")


def _register(font: FontFile, text: str) -> str:
    """The name under which the subset of `font` for `text` is registered with reportlab."""
    name = "JX" + hashlib.sha1(f"{font}\n{text}".encode()).hexdigest()[:16]
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(name, BytesIO(embeddable(font, text, name))))
    return name


def _styles(font: str) -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("cell", fontName=font, fontSize=SIZE, leading=SIZE * 1.3, wordWrap="CJK")
    out = {str(kind): ParagraphStyle(str(kind), parent=base, alignment=_ALIGN.get(kind, TA_CENTER)) for kind in Kind}
    out["title"] = ParagraphStyle("title", parent=base, fontSize=16, leading=22, alignment=TA_CENTER, spaceAfter=4)
    out["year"] = ParagraphStyle("year", parent=base, fontSize=10, leading=14, alignment=TA_CENTER, spaceAfter=6)
    return out


def _paragraph(text: str, style: ParagraphStyle) -> Paragraph:
    """Document text as a paragraph: escaped (reportlab reads markup in it), line breaks kept."""
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


def _clip(cells: list[Cell], rows: range) -> list[Cell]:
    """The cells of `rows`, renumbered from 0; a merged label running into them from above starts again (its
    text repeated), and one running on below ends at the last row, so a page shows whole merged cells."""
    out = []
    for item in cells:
        top, bottom = max(item.row, rows.start), min(item.row + item.rowspan, rows.stop)
        if top < bottom and (item.row >= rows.start or item.rowspan > 1):
            out.append(replace(item, row=top - rows.start, rowspan=bottom - top))
    return out


def _table(cells: list[Cell], rows: int, widths: list[float], styles: dict[str, ParagraphStyle],
           repeat: int = 0, measure: bool = False) -> Table:
    """A ruled table of `cells`; with `measure`, without the merged cells' text (to measure the rows' heights:
    a label merged over several rows does not make its first row taller)."""
    data: list[list[Paragraph | str]] = [["" for _ in widths] for _ in range(rows)]
    commands: list[tuple] = [("GRID", (0, 0), (-1, -1), 0.6, colors.black),
                             ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                             ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                             ("TOPPADDING", (0, 0), (-1, -1), 2.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]
    for item in cells:
        r = item.row
        end = (item.col + item.colspan - 1, r + item.rowspan - 1)
        if not (measure and item.rowspan > 1):
            data[r][item.col] = _paragraph(item.text, styles[str(item.kind)])
        if (item.rowspan > 1 or item.colspan > 1) and not measure:
            commands.append(("SPAN", (item.col, r), end))
        if item.kind in (Kind.LABEL, Kind.HEAD):
            commands.append(("BACKGROUND", (item.col, r), end, HEADING_BACKGROUND))
        if item.kind not in NUMERIC:  # reportlab lets a closing mark (，。、）) hang past the line: room for it
            commands.append(("RIGHTPADDING", (item.col, r), end, SIZE + 1))
    return Table(data, colWidths=widths, style=TableStyle(commands), repeatRows=repeat, hAlign="CENTER",
                 splitInRow=1)


class _Indicators(Flowable):
    """The indicator table under its heading row: split between pages by its own rows, a merged 一级/二级 label
    cut at the page's end and started again on the next page under the repeated heading (reportlab cannot
    break a table inside a merged cell, and a 一级 label may stand over more rows than a page holds)."""

    def __init__(self, heading: list[Cell], body: list[Cell], rows: int, widths: list[float],
                 styles: dict[str, ParagraphStyle]) -> None:
        super().__init__()
        self.heading, self.body, self.rows, self.widths, self.styles = heading, body, rows, widths, styles
        self.table = self._part(range(rows))

    def _part(self, rows: range, measure: bool = False) -> Table:
        cells = self.heading + [replace(c, row=c.row + 1) for c in _clip(self.body, rows)]
        return _table(cells, 1 + len(rows), self.widths, self.styles, repeat=1, measure=measure)

    def wrap(self, width: float, height: float) -> tuple[float, float]:
        return self.table.wrap(width, height)

    def draw(self) -> None:
        self.table.drawOn(self.canv, 0, 0)

    def split(self, width: float, height: float) -> list[Flowable]:
        measure = self._part(range(self.rows), measure=True)
        measure.wrap(width, height)
        heights = measure._rowHeights
        fits, used = 0, heights[0]
        while fits < self.rows and used + heights[1 + fits] <= height:
            used += heights[1 + fits]
            fits += 1
        while fits > 0 and self._part(range(fits)).wrap(width, height)[1] > height:
            fits -= 1
        if fits == 0 and height < FRAME_HEIGHT - 1:
            return []  # not even one row fits: the table starts on the next page
        if fits == 0:
            return self.table.split(width, height)  # a row taller than a page: reportlab cuts inside it
        rest = range(fits, self.rows)
        return [self._part(range(fits)),
                _Indicators(self.heading, _clip(self.body, rest), len(rest), self.widths, self.styles)]


def _story(layouts: list[Layout], font: str, width: float) -> list:
    styles = _styles(font)
    story: list = []
    for k, layout in enumerate(layouts):
        if k:
            story.append(PageBreak())
        widths = [width * w / sum(layout.widths) for w in layout.widths]
        story.append(_paragraph(layout.title, styles["title"]))
        story.append(_paragraph(layout.year, styles["year"]) if layout.year else Spacer(1, 6))
        cut = layout.header_row
        story.append(_table(_clip(layout.cells, range(0, cut)), cut, widths, styles))
        heading, body = _clip(layout.cells, range(cut, cut + 1)), _clip(layout.cells, range(cut + 1, layout.rows))
        story.append(_Indicators(heading, body, layout.rows - cut - 1, widths, styles))
    return story


def _text(layouts: list[Layout]) -> str:
    return "".join(layout.title + layout.year + "".join(c.text for c in layout.cells) for layout in layouts)


def write_pdf(layouts: Iterable[tuple[str, Layout]], path: Path, font: FontFile | None = None) -> Path:
    """The forms, each from a new page, in a PDF at `path`; `font` defaults to the system's Chinese font
    (`find_font`, which raises FontError when there is none)."""
    forms = [layout for _, layout in layouts]
    name = _register(font or find_font(), _text(forms) + "0123456789.,%—")
    title = forms[0].title if len(forms) == 1 else OFFICIAL_TITLE
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=TOP_MARGIN,
                            bottomMargin=MARGIN, title=title, creator=f"jixiao {jixiao.__version__}",
                            author="", subject=title, initialFontName=name, initialFontSize=SIZE)
    doc.build(_story(forms, name, A4[0] - 2 * MARGIN))
    return path
