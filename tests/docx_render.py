"""Render form records (tests/data/golden/*.json) as Word documents, for reading them back.

The same document model as tests/layout_render.py (`_build`: the same options, the same merged-label segments
and page breaks), written with python-docx the way Word and the budget systems write the form: title and year
as paragraphs, each run of rows a bordered table ("Table Grid") with real horizontal merges (`w:gridSpan`) and
real vertical merges (`w:vMerge`) for the 一级/二级 labels. The producer's look varies with the seed (fonts,
sizes, column widths), and so does the way a page break cuts a form's table:

- "br": the table ends, a paragraph holding only a page break (`w:br w:type="page"`), a new table;
- "before": an empty paragraph with `w:pageBreakBefore` between the two tables;
- "section": a section break (a new page) between the two tables;
- "marker": the page's footer left in the body as a paragraph ('- 2 -'), then a page break.

With `table_header`, the indicator block is a table of its own whose header row is a Word header row
(`w:tblHeader`, repeated by Word on every page, written once): a page break inside it cuts nothing, the header
is not repeated in the body, the merged labels run on across the break, and the row on the new page carries
the `w:lastRenderedPageBreak` Word records.

With `furniture`, every page has a running header (the department's report title) and a footer holding the page
number (a `PAGE` field, printed '3', '- 3 -' or '第 3 页' by the seed), as most published documents do.
"""

from __future__ import annotations

import random
from pathlib import Path

import docx
from docx.document import Document as WordDocument
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from lxml import etree

from tests.layout_render import COL_WIDTH, IND_HEADER, NCOLS, Break, FormSep, Line, Row, _build

BREAK_KINDS = ("br", "before", "section", "marker")
FONTS = ("宋体", "仿宋_GB2312", "仿宋", "微软雅黑", "SimSun")
V_ALIGN = {"top": None, "middle": "center", "bottom": "bottom"}


def _sub(parent: etree._Element, tag: str, **attrs: str) -> etree._Element:
    el = OxmlElement(tag)
    for name, value in attrs.items():
        el.set(qn(f"w:{name}"), value)
    parent.append(el)
    return el


def _run(p: etree._Element, text: str) -> None:
    t = _sub(_sub(p, "w:r"), "w:t")
    t.text = text
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


def _is_ind_header(row: Row) -> bool:
    return row.header and row.cells[0].text == IND_HEADER[0]


class _Writer:
    """Turns the document model into paragraphs and tables, one table per run of rows."""

    def __init__(self, document: WordDocument, look: random.Random, *, label_position: str, break_kind: str | None,
                 table_header: bool, ruled: bool = True, distributed: bool = False) -> None:
        self.document = document
        self.distributed = distributed
        self.style = "Table Grid" if ruled else "Normal Table"
        self.look = look
        self.v_align = V_ALIGN[label_position]
        self.break_kind = break_kind
        self.table_header = table_header
        total = text_width(document)  # the table fills the page's text width, as a Word user sizes it
        weights = [w * look.uniform(0.8, 1.25) for w in COL_WIDTH]
        self.widths = [int(total * w / sum(weights)) for w in weights]
        self.rows: list[tuple[Row, bool]] = []  # rows of the open table, and whether a page starts at each
        self.in_indicators = False  # inside the indicator table of the table_header variation
        self.page_mark = False  # the next row starts a page Word laid out (table_header variation)
        self.skip_header = False  # the next row is the header the model repeats after a page break

    def add(self, item) -> None:
        if isinstance(item, Row):
            self.row(item)
        elif isinstance(item, Break):
            if self.in_indicators:
                self.page_mark = True
                self.skip_header = True
            else:
                self.flush()
                self.page_break(item.marker)
        else:
            self.flush()
            self.in_indicators = False
            if isinstance(item, FormSep):
                self.document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
            elif isinstance(item, Line):
                self.line(item)

    def row(self, row: Row) -> None:
        if self.skip_header and _is_ind_header(row):
            self.skip_header = False
            return
        self.skip_header = False
        if self.table_header and _is_ind_header(row) and not self.in_indicators:
            self.flush()
            self.in_indicators = True
        self.rows.append((row, self.page_mark))
        self.page_mark = False

    def line(self, line: Line) -> None:
        p = self.document.add_paragraph()
        run = p.add_run(line.text)
        if line.kind in ("title", "year"):
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if line.kind == "title":
            run.bold = True
            run.font.size = Pt(self.look.choice([16, 18, 22]))

    def page_break(self, marker: str) -> None:
        kind = self.break_kind or self.look.choice(BREAK_KINDS)
        if kind == "before":
            self.document.add_paragraph().paragraph_format.page_break_before = True
        elif kind == "section":
            self.document.add_section(self.look.choice([WD_SECTION.NEW_PAGE, WD_SECTION.ODD_PAGE]))
        else:
            if kind == "marker" and marker != "\f":
                self.document.add_paragraph(marker).alignment = WD_ALIGN_PARAGRAPH.CENTER
            self.document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def flush(self) -> None:
        """Writes the open run of rows as one table."""
        if not self.rows:
            return
        table = self.document.add_table(rows=0, cols=NCOLS)
        table.style = self.style
        tbl = table._tbl
        for grid_col, width in zip(tbl.tblGrid.findall(qn("w:gridCol")), self.widths, strict=True):
            grid_col.set(qn("w:w"), str(width))
        merges = self.vertical_merges()
        for r, (row, page_mark) in enumerate(self.rows):
            tr = _sub(tbl, "w:tr")
            if r == 0 and self.in_indicators:
                _sub(_sub(tr, "w:trPr"), "w:tblHeader")
            col = 0
            for cell in row.cells:
                state, text = merges.get((r, col), (None, cell.text))
                tc = _sub(tr, "w:tc")
                props = _sub(tc, "w:tcPr")
                _sub(props, "w:tcW", w=str(sum(self.widths[col:col + cell.span])), type="dxa")
                if cell.span > 1:
                    _sub(props, "w:gridSpan", val=str(cell.span))
                if state == "restart":
                    _sub(props, "w:vMerge", val="restart")
                    if self.v_align:
                        _sub(props, "w:vAlign", val=self.v_align)
                elif state == "continue":
                    _sub(props, "w:vMerge")
                for k, piece in enumerate((text or "").split("\n")):
                    p = _sub(tc, "w:p")
                    if self.distributed and cell.kind == "label":
                        _sub(_sub(p, "w:pPr"), "w:jc", val="distribute")
                    if page_mark and k == 0 and state != "continue":
                        _sub(_sub(p, "w:r"), "w:lastRenderedPageBreak")
                        page_mark = False
                    if piece:
                        _run(p, piece)
                col += cell.span
        self.rows = []

    def vertical_merges(self) -> dict[tuple[int, int], tuple[str, str]]:
        """(row, grid column) -> ('restart' | 'continue', text) for the merged label cells of the open table:
        a run of rows with the same 一级 (and 二级) label is one vertical merge, with the label in its first cell
        when the table holds the row that prints it."""
        out: dict[tuple[int, int], tuple[str, str]] = {}
        for col in (0, 1):
            start: int | None = None
            key = None
            for r, (row, _) in enumerate(self.rows):
                merge = row.cells[col].merge if len(row.cells) > col else None
                if merge is None:
                    start, key = None, None
                    continue
                row_key = (row.cells[0].merge.text, merge.text)  # a 二级 span lies inside its 一级 span
                if start is not None and row_key == key:
                    out[(r, col)] = ("continue", "")
                else:
                    start, key = r, row_key
                    out[(r, col)] = ("restart", "")
                if merge.label_at is not None:
                    out[(start, col)] = ("restart", merge.text)
        return out


def _page_setup(document: WordDocument, look: random.Random) -> None:
    """A4, portrait or landscape, with margins of 1.8–2.5 cm: the page sizes forms are printed on."""
    section = document.sections[0]
    landscape = look.random() < 0.35
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    short, long = Mm(210), Mm(297)
    section.page_width, section.page_height = (long, short) if landscape else (short, long)
    margin = Mm(look.choice([18, 20, 25]))
    section.left_margin = section.right_margin = section.top_margin = section.bottom_margin = margin


PAGE_NUMBER_STYLES = ("{}", "- {} -", "第 {} 页")


def _furniture(document: WordDocument, look: random.Random, title: str) -> None:
    """A running header and a page-number footer (a `PAGE` field), set on the first section (the later ones are
    linked to it, as Word makes them)."""
    before, after = look.choice(PAGE_NUMBER_STYLES).split("{}")
    section = document.sections[0]
    header = section.header.paragraphs[0]
    header.text = title
    header.alignment = look.choice([WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT])
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if before:
        _run(footer._p, before)
    run = _sub(footer._p, "w:r")
    _sub(run, "w:fldChar", fldCharType="begin")
    instr = _sub(run, "w:instrText")
    instr.text = " PAGE "
    instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    _sub(run, "w:fldChar", fldCharType="end")
    if after:
        _run(footer._p, after)


def text_width(document: WordDocument) -> int:
    """The text width of the first section, in twips."""
    section = document.sections[0]
    return int((section.page_width - section.left_margin - section.right_margin) / 635)  # EMU per twip


def render_docx(
    forms: list[dict],
    path: Path,
    *,
    seed: int = 0,
    page_breaks: bool = False,
    repeat_header: bool = False,
    label_position: str = "top",
    chrome: bool = False,
    variants: bool = False,
    break_kind: str | None = None,
    table_header: bool = False,
    ruled: bool = True,
    furniture: bool = False,
    distributed: bool = False,
) -> None:
    """`forms` (records) written to `path` as one Word document; `break_kind` (one of BREAK_KINDS, or None for
    a choice per break by the seed) is how a page break cuts a table, `table_header` the Word-header-row
    variation (see the module's docstring); `ruled=False` sets the tables without borders (Word's plain
    "Normal Table" style); `furniture` adds a running header and page numbers; `distributed` sets the labels
    分散对齐 (each character spread over the cell's width, as many Word forms print them)."""
    if break_kind is not None and break_kind not in BREAK_KINDS:
        raise ValueError(f"break_kind must be one of {', '.join(BREAK_KINDS)}, not {break_kind!r}")
    model, _, _ = _build(forms, seed=seed, page_breaks=page_breaks, repeat_header=repeat_header,
                         label_position=label_position, chrome=chrome, markup=False, variants=variants)
    look = random.Random(f"docx-{seed}")  # the producer's look, apart from the model's own choices
    document = docx.Document()
    normal = document.styles["Normal"]
    font = look.choice(FONTS)
    normal.font.name = font
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)
    normal.font.size = Pt(look.choice([9, 10, 10.5, 12]))
    _page_setup(document, look)
    writer = _Writer(document, look, label_position=label_position, break_kind=break_kind, table_header=table_header,
                     ruled=ruled, distributed=distributed)
    for item in model:
        writer.add(item)
    writer.flush()
    document.add_paragraph()  # Word ends a body with a paragraph, never with a table
    if furniture:
        _furniture(document, look, f"{(forms[0].get('department') or '') if forms else ''}2023年度部门决算")
    document.save(str(path))
