"""The official layout as a Word document (python-docx): per form two bordered tables that print as one, A4
portrait.

Merged cells are Word's own merges (`w:gridSpan` across, `w:vMerge` down), so a unit can edit the file in Word
or WPS as if typed there; each form after the first starts on a new page. The indicator table is a table of its
own beneath the first, its heading row marked `w:tblHeader`: Word repeats only a table's first rows on each page.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table

from jixiao.render.layout import NUMERIC, Kind, Layout

FONT = "宋体"
TITLE_FONT = "方正小标宋简体"  # what the official form's title is set in; Word substitutes when it is missing
SIZE = Pt(9)
NUMBER_SIZE = Pt(8)
A4 = (Mm(210), Mm(297))
MARGIN = Mm(18)
_ALIGN = {Kind.TEXT: WD_ALIGN_PARAGRAPH.LEFT, Kind.AMOUNT: WD_ALIGN_PARAGRAPH.RIGHT,
          Kind.RATE: WD_ALIGN_PARAGRAPH.RIGHT, Kind.SCORE: WD_ALIGN_PARAGRAPH.RIGHT}


def _east_asian(element, name: str) -> None:
    """Set the font Word uses for Chinese characters (a run's or style's `w:eastAsia`)."""
    element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)


def _setup(document: docx.document.Document) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = A4
    section.left_margin = section.right_margin = section.top_margin = section.bottom_margin = MARGIN
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = FONT, SIZE
    _east_asian(normal.element, FONT)
    normal.paragraph_format.space_after = Pt(0)


def _table(document: docx.document.Document, layout: Layout, rows: range, heading: bool = False) -> Table:
    """The layout's `rows` as a table; with `heading`, its first row is a heading row Word and WPS repeat at the
    top of every page the table runs onto."""
    table = document.add_table(rows=len(rows), cols=len(layout.widths))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    usable = A4[0] - 2 * MARGIN
    widths = [int(usable * w / sum(layout.widths)) for w in layout.widths]
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width  # the grid (w:gridCol), which LibreOffice and WPS lay out by
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width
    grid = [row.cells for row in table.rows]  # python-docx looks cells up slowly: once, before merging
    if heading:
        properties = table.rows[0]._tr.get_or_add_trPr()
        properties.append(properties.makeelement(qn("w:tblHeader"), {}))
    for item in layout.cells:
        if item.row not in rows:
            continue
        top = item.row - rows.start
        cell = grid[top][item.col]
        if item.rowspan > 1 or item.colspan > 1:
            cell = cell.merge(grid[top + item.rowspan - 1][item.col + item.colspan - 1])
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        paragraph = cell.paragraphs[0]
        paragraph.alignment = _ALIGN.get(item.kind, WD_ALIGN_PARAGRAPH.CENTER)
        if item.text:
            run = paragraph.add_run(item.text)
            run.bold = item.kind in (Kind.LABEL, Kind.HEAD)
            if item.kind in NUMERIC:  # a point smaller: an amount of 亿 with its decimals fits its column unwrapped
                run.font.name, run.font.size = "Times New Roman", NUMBER_SIZE
    return table


def write_docx(layouts: Iterable[tuple[str, Layout]], path: Path) -> Path:
    """The forms one after another, a page each (or more), in a document at `path`."""
    document = docx.Document()
    _setup(document)
    for k, (_, layout) in enumerate(layouts):
        title = document.add_paragraph()
        title.alignment = WD_ALIGN_PARAGRAPH.CENTER
        title.paragraph_format.page_break_before = k > 0
        run = title.add_run(layout.title)
        run.bold, run.font.size = True, Pt(16)
        run.font.name = TITLE_FONT
        _east_asian(run._element, TITLE_FONT)
        year = document.add_paragraph(layout.year)
        year.alignment = WD_ALIGN_PARAGRAPH.CENTER
        year.paragraph_format.space_after = Pt(6)
        # the heading of the indicator table starts a table of its own, so that it repeats on every page
        _table(document, layout, range(layout.header_row))
        _table(document, layout, range(layout.header_row, layout.rows), heading=True)
    document.save(str(path))
    return path
