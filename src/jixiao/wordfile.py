"""What the Word documents jixiao writes (the 复核表, the 汇总分析报告 draft) share: an A4 document whose text is set
in a Chinese font, bordered tables with a shaded header row, and saving so that the file appears whole or not at all.
python-docx builds them."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentType
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import Table, _Cell

from jixiao.export.files import replacing
from jixiao.export.sheet import fit_cell

LATIN_FONT = "Times New Roman"
CJK_FONT = "宋体"  # what Chinese offices use; LibreOffice substitutes a CJK font (Noto CJK) where it is missing
HEADING_FONT = "黑体"
BODY_SIZE = Pt(10.5)  # 五号
TABLE_SIZE = Pt(9)  # 小五
HEADER_SHADE = "DDEBF7"


def _fonts(style_or_run: object, latin: str, cjk: str) -> None:
    """Set a style's or run's Latin and East Asian fonts (python-docx sets only the Latin one)."""
    font = style_or_run.font  # type: ignore[attr-defined]
    font.name = latin
    element = style_or_run.element  # type: ignore[attr-defined]
    rpr = element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    fonts.set(qn("w:eastAsia"), cjk)
    language = rpr.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        rpr.append(language)
    language.set(qn("w:eastAsia"), "zh-CN")  # Chinese glyph forms where a CJK font is substituted


def new_document(*, landscape: bool = False) -> DocumentType:
    """An empty A4 document (landscape or upright, 2 cm margins) with Chinese fonts on its text and headings."""
    doc = Document()
    section = doc.sections[0]
    width, height = Cm(21), Cm(29.7)
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (height, width) if landscape else (width, height)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2))
    normal = doc.styles["Normal"]
    _fonts(normal, LATIN_FONT, CJK_FONT)
    normal.font.size = BODY_SIZE
    for name in ("Title", "Heading 1", "Heading 2", "Heading 3"):
        style = doc.styles[name]
        _fonts(style, LATIN_FONT, HEADING_FONT)
        style.font.color.rgb = None
    return doc


def text_width(doc: DocumentType) -> int:
    """The width between the margins of the document's last section, in EMU."""
    section = doc.sections[-1]
    return section.page_width - section.left_margin - section.right_margin


def shade(cell: _Cell, colour: str = HEADER_SHADE) -> None:
    properties = cell._tc.get_or_add_tcPr()
    fill = OxmlElement("w:shd")
    fill.set(qn("w:val"), "clear")
    fill.set(qn("w:color"), "auto")
    fill.set(qn("w:fill"), colour)
    properties.append(fill)


def put(cell: _Cell, value: object, *, bold: bool = False, size: Pt = TABLE_SIZE) -> None:
    """A cell's text (None: empty; text from a document without the characters XML forbids), line by line."""
    text = "" if value is None else str(fit_cell(value) if isinstance(value, str) else value)
    paragraph = cell.paragraphs[0]
    for i, line in enumerate(text.split("\n")):
        if i:
            paragraph = cell.add_paragraph()
        run = paragraph.add_run(line)
        run.font.size = size
        run.bold = bold or None


def repeat_header(table: Table) -> None:
    """The first row repeats on every page the table spans."""
    properties = table.rows[0]._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def table(doc: DocumentType, headers: Sequence[str], rows: Sequence[Sequence[object]],
          widths: Sequence[float]) -> Table:
    """A bordered table with a shaded, repeated header row; `widths` are relative column widths."""
    grid = doc.add_table(rows=1, cols=len(headers))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, header in zip(grid.rows[0].cells, headers, strict=True):
        put(cell, header, bold=True)
        shade(cell)
    repeat_header(grid)
    for values in rows:
        for cell, value in zip(grid.add_row().cells, values, strict=True):
            put(cell, value)
    set_widths(doc, grid, widths)
    return grid


def set_widths(doc: DocumentType, grid: Table, widths: Sequence[float]) -> None:
    """Column widths in proportion to `widths`, filling the text width (Word reads them per cell)."""
    total, span = sum(widths), text_width(doc)
    sizes = [int(span * width / total) for width in widths]
    grid.autofit = False
    for column, size in zip(grid.columns, sizes, strict=False):
        column.width = size  # the table grid, which LibreOffice lays out by
    for row in grid.rows:
        for cell, size in zip(row.cells, sizes, strict=False):
            cell.width = size


def save(doc: DocumentType, path: Path) -> Path:
    """Save `doc` to `path`; the file appears complete or not at all."""
    with replacing(Path(path)) as partial:
        doc.save(str(partial))
    return Path(path)
