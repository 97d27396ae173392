"""Word reader: .docx files (and .doc/.wps/.rtf once LibreOffice has made them .docx).

The structure is read from the WordprocessingML itself, not from python-docx's object API: that API repeats a
merged cell in every row and column it covers, skips content controls (`w:sdt`) and walks big tables slowly.
Here the grid is computed from the XML: `w:gridBefore` skips grid columns, `w:gridSpan` gives a cell's
columns, and a `w:vMerge` restart cell spans the continue cells below it, which are not emitted, so a merged
一级指标 label is one cell at its top-left position (as the HTML reader does with rowspan/colspan).

Body paragraphs and tables come in document order; a form split over two tables is two tables here, joined
by the assembler. Word files hold no reliable page numbers, so pages are counted only at explicit breaks
(page breaks, `pageBreakBefore`, section breaks, and the breaks Word recorded when it last laid the file out).

A .docx is a stranger's file: its XML is parsed without entity expansion, DTD loading or network access, and
a part that declares a DTD is refused (the package format forbids DTDs; in a published file one is an attack,
such as "billion laughs").
"""

from __future__ import annotations

import posixpath
import zipfile
from collections.abc import Callable
from pathlib import Path

from lxml import etree

from jixiao.errors import InputError
from jixiao.read.grid import NESTED_CELLS, Cell, Emitter, cell_text, frames_content
from jixiao.read.limits import ZIP_ERRORS, CellBudget, Deadline, check_zip
from jixiao.read.normalise import BARE_PAGE_NUMBER
from jixiao.read.tokens import Document, Notice

W_MAIN = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W_STRICT = "http://purl.oclc.org/ooxml/wordprocessingml/main"  # "Strict Open XML" saved by Word
_MATH = ("http://schemas.openxmlformats.org/officeDocument/2006/math", "http://purl.oclc.org/ooxml/officeDocument/math")
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_R = ("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}",
      "{http://purl.oclc.org/ooxml/officeDocument/relationships}")
_BLIP = {"{http://schemas.openxmlformats.org/drawingml/2006/main}blip", "{http://purl.oclc.org/ooxml/drawingml/main}blip"}
_VML_IMAGE = "{urn:schemas-microsoft-com:vml}imagedata"
_EXTENT = {"{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}extent",
           "{http://purl.oclc.org/ooxml/drawingml/wordprocessingDrawing}extent"}
PICTURE_EMU = 2_500_000  # EMU (about 7 cm): a drawing narrower than this is an icon, a logo or a seal
MAIN_PART = "word/document.xml"
MAX_SPAN = 1000  # grid columns one cell may claim; beyond this a file is broken, not a wide form
BROKEN = "Word 文档（.docx）已损坏或已加密，无法打开："
PAGE = "\f"  # a page break inside collected paragraph text (a form feed is never text of a Word run)


class _Names:
    """Tag and attribute names of one WordprocessingML namespace (transitional or strict)."""

    def __init__(self, ns: str) -> None:
        w = f"{{{ns}}}"
        self.body, self.p, self.p_props, self.tbl = w + "body", w + "p", w + "pPr", w + "tbl"
        self.tr, self.tr_props, self.tc, self.tc_props = w + "tr", w + "trPr", w + "tc", w + "tcPr"
        self.grid_before, self.grid_span, self.v_merge = w + "gridBefore", w + "gridSpan", w + "vMerge"
        self.tab, self.ptab, self.br, self.cr = w + "tab", w + "ptab", w + "br", w + "cr"
        self.hyphen, self.rendered_break = w + "noBreakHyphen", w + "lastRenderedPageBreak"
        self.break_before, self.section, self.type = w + "pageBreakBefore", w + "sectPr", w + "type"
        self.sdt, self.sdt_props, self.sdt_content = w + "sdt", w + "sdtPr", w + "sdtContent"
        self.placeholder, self.custom = w + "showingPlcHdr", w + "customXml"
        self.deleted, self.val = w + "del", w + "val"
        self.header_ref, self.title_page = w + "headerReference", w + "titlePg"
        self.text_box = w + "txbxContent"
        self.text = {w + "t", *(f"{{{m}}}t" for m in _MATH)}
        # run content that is not text of the page: deletions, field codes, drawings and text boxes (their
        # text is outside the flow), ruby annotations, properties
        self.skip = {w + name for name in ("del", "moveFrom", "delText", "instrText", "delInstrText", "drawing",
                                           "pict", "object", "txbxContent", "rt", "rPr", "pPr", "fldData")}
        self.wrappers = {self.sdt, self.custom}


def _on(el: etree._Element | None, names: _Names) -> bool:
    """A WordprocessingML toggle (`<w:pageBreakBefore/>`, `w:val="0"` switches it off)."""
    return el is not None and el.get(names.val, "1") not in ("0", "false", "off")


def _start(section: etree._Element, names: _Names) -> str:
    kind = section.find(names.type)
    return kind.get(names.val, "nextPage") if kind is not None else "nextPage"


def _span(value: str | None) -> int:
    try:
        return max(1, min(MAX_SPAN, int(value or 1)))
    except ValueError:
        return 1


class _TableCell:
    """A table cell being read: a `vMerge` restart grows by the continue cells below it."""

    __slots__ = ("col", "cols", "last", "lines", "rows")

    def __init__(self, lines: list[str], col: int, cols: int, row: int) -> None:
        self.lines = lines
        self.col = col
        self.cols = cols
        self.rows = 1
        self.last = row


class _Walker:
    """Walks the body once, emitting paragraphs and table rows in document order."""

    def __init__(self, names: _Names, body: etree._Element, out: Emitter, file: str,
                 picture: Callable[[str], Document | None] | None = None) -> None:
        self.n = names
        self.picture = picture  # a picture's relationship id -> what OCR reads in it
        sections = list(body.iter(names.section))
        # a section's properties -> how the section after it starts ('nextPage', 'continuous', …)
        self.next_start = {s: _start(after, names) for s, after in zip(sections, sections[1:], strict=False)}
        self.out = out
        self.deadline = Deadline(file)
        self.budget = CellBudget(file)
        self.line = 0  # paragraphs and table rows of the body, counted from 1: the "line" of a token
        self.page = 1
        self.page_start = 0  # tokens emitted when the current page began
        self.page_in_row = False  # a page break seen inside the cells of the row being read
        self.pending: tuple[str, int] | None = None  # a bare number, a page number if a page break follows
        self.boxes = next(body.iter(names.text_box), None) is not None  # (most files have no text box)
        out.new_page(1)

    def page_number(self, text: str) -> None:
        """A paragraph that is only a number ('2'): a page number when a page break stands next to it (a footer
        or header left in the body, as converters of PDF files write it), else a value; held until known (the
        end of the document ends a page too, so one held there is dropped)."""
        if self.page > 1 and len(self.out.doc.tokens) == self.page_start:
            return  # the first text of a page
        self.emit_pending()
        self.pending = (text, self.line)

    def emit_pending(self) -> None:
        if self.pending is not None:
            self.out.plain(*self.pending)
            self.pending = None

    def page_break(self) -> None:
        """A new page, unless nothing stands on the current one (a break Word recorded twice)."""
        self.pending = None  # a number just before the break was its page number
        if len(self.out.doc.tokens) > self.page_start:
            self.page += 1
            self.page_start = len(self.out.doc.tokens)
            self.out.new_page(self.page)

    # -------------------------------------------------------------------------------------------- body

    def blocks(self, parent: etree._Element) -> None:
        n = self.n
        for el in parent:
            tag = el.tag
            if tag == n.p:
                self.paragraph(el)
            elif tag == n.tbl:
                self.table(el)
            elif tag in n.wrappers:
                content = self.content(el)
                if content is not None:
                    self.blocks(content)

    def content(self, el: etree._Element) -> etree._Element | None:
        """What a content control or custom-XML wrapper holds; None for a control still showing its
        placeholder ('单击此处输入文字')."""
        n = self.n
        if el.tag != n.sdt:
            return el
        props = el.find(n.sdt_props)
        if props is not None and _on(props.find(n.placeholder), n):
            return None
        return el.find(n.sdt_content)

    def paragraph(self, p: etree._Element) -> None:
        n = self.n
        props = p.find(n.p_props)
        if props is not None and _on(props.find(n.break_before), n):
            self.page_break()
        if self.line % 256 == 0:
            self.deadline.check(f"第 {self.line + 1} 段")
        self.line += 1
        # (a tab sets a paragraph's cells apart: a form typed with tab stops, or a PDF a converter made a Word file)
        for k, segment in enumerate(self.text(p, "\t").split(PAGE)):
            if k:
                self.page_break()
            if not segment.strip():
                self.out.blank()
            elif BARE_PAGE_NUMBER.match(segment.strip()):
                self.page_number(segment)
            else:
                self.emit_pending()
                self.out.plain(segment, self.line, tabs=True)
        if self.boxes:  # (a text box's paragraphs and tables: after the paragraph it is anchored in)
            for box in self.text_boxes(p):
                self.emit_pending()
                self.blocks(box)
        if self.picture is not None:
            for rid in _pictures(p):
                part = self.picture(rid)
                if part is not None:  # (a scanned page: a page of its own)
                    self.emit_pending()
                    self.page_break()
                    self.line = self.out.document(part, self.line)
        section = props.find(n.section) if props is not None else None
        if section is not None and self.next_start.get(section) != "continuous":
            self.page_break()  # a section break: how the next section starts is in that section's properties

    def text_boxes(self, el: etree._Element) -> list[etree._Element]:
        """The contents of the text boxes anchored in `el` (a title set in a box, or a whole page, as converters of
        PDF files lay one out), not those nested in them (read with the box holding them). A shape Word writes
        twice, as a drawing and as VML for older readers, once: its VML copy."""
        found: list[etree._Element] = []
        for child in el:
            if child.tag == self.n.text_box:
                found.append(child)
            elif child.tag == _MC + "AlternateContent":
                fallback = child.find(_MC + "Fallback")
                found += self.text_boxes(fallback if fallback is not None else child)
            elif len(child):
                found += self.text_boxes(child)
        return found

    def text(self, p: etree._Element, tab: str = " ") -> str:
        """A paragraph's text: line breaks as '\\n', tabs as `tab` (a space in a table's cell), page breaks as
        PAGE."""
        parts: list[str] = []
        self.collect(p, parts, tab)
        return "".join(parts)

    def collect(self, el: etree._Element, parts: list[str], tab: str = " ") -> None:
        n = self.n
        for child in el:
            tag = child.tag
            if tag in n.text:
                if child.text:
                    parts.append(child.text)
            elif tag == n.tab or tag == n.ptab:
                parts.append(tab)
            elif tag == n.br:
                kind = child.get(n.type)
                parts.append(PAGE if kind == "page" else " " if kind == "column" else "\n")
            elif tag == n.cr:
                parts.append("\n")
            elif tag == n.hyphen:
                parts.append("-")
            elif tag == n.rendered_break:
                parts.append(PAGE)
            elif tag in n.skip:
                continue
            elif tag == _MC + "AlternateContent":
                fallback = child.find(_MC + "Fallback")
                if fallback is not None:
                    self.collect(fallback, parts, tab)
            elif tag == n.sdt:
                content = self.content(child)
                if content is not None:
                    self.collect(content, parts, tab)
            elif len(child):
                self.collect(child, parts, tab)  # runs, hyperlinks, insertions, smart tags, fields, math

    # -------------------------------------------------------------------------------------------- tables

    def children(self, parent: etree._Element, tag: str) -> list[etree._Element]:
        """Rows of a table or cells of a row, including those inside content controls and custom XML."""
        found: list[etree._Element] = []
        for el in parent:
            if el.tag == tag:
                found.append(el)
            elif el.tag in self.n.wrappers:
                content = self.content(el)
                if content is not None:
                    found += self.children(content, tag)
        return found

    def rows(self, tbl: etree._Element) -> list[etree._Element]:
        """The table's rows, less rows deleted with track changes on."""
        n = self.n
        kept = []
        for tr in self.children(tbl, n.tr):
            props = tr.find(n.tr_props)
            if props is None or props.find(n.deleted) is None:
                kept.append(tr)
        return kept

    def cell_lines(self, parent: etree._Element, lines: list[str], hoist: bool = True) -> list[str]:
        """A cell's lines in reading order: its paragraphs (split at line breaks) and the rows of tables
        nested in it, but (`hoist`) tables of their own, read after the row. A page break inside a cell marks
        its row as starting a page."""
        n = self.n
        for el in parent:
            tag = el.tag
            if tag == n.p:
                text = self.text(el)
                if PAGE in text:
                    self.page_in_row = True
                    text = text.replace(PAGE, "\n")
                lines += text.split("\n")
                if self.boxes:  # (a text box anchored in the cell: its lines after the paragraph's)
                    for box in self.text_boxes(el):
                        self.cell_lines(box, lines, hoist=False)
            elif tag == n.tbl:
                if not (hoist and self.is_table(el)):  # (a table of its own is read after the row: `table`)
                    lines += self.nested(el)
            elif tag in n.wrappers:
                content = self.content(el)
                if content is not None:
                    self.cell_lines(content, lines, hoist)
        return lines

    def nested(self, tbl: etree._Element) -> list[str]:
        """A table inside a cell: each of its rows one line of the cell, its cells joined by spaces."""
        n = self.n
        lines = []
        for tr in self.rows(tbl):
            texts = []
            for tc in self.children(tr, n.tc):
                if self.merge(tc) == "continue":
                    continue
                self.budget.take(1)
                texts.append(" ".join(" ".join(self.cell_lines(tc, [], hoist=False)).split()))
            line = " ".join(t for t in texts if t)
            if line:
                lines.append(line)
        return lines

    def merge(self, tc: etree._Element) -> str | None:
        """'restart', 'continue' or None: the cell's part in a vertical merge."""
        n = self.n
        props = tc.find(n.tc_props)
        merge = props.find(n.v_merge) if props is not None else None
        if merge is None:
            return None
        return "restart" if merge.get(n.val) == "restart" else "continue"

    def table(self, tbl: etree._Element) -> None:
        """A table's rows as grid cells: each cell at its grid column, a vertical merge once, at its top. A frame
        around the content is read as the page: its cells' paragraphs and tables as blocks. A table of its own
        nested in a cell (the indicator table pasted into the form's 绩效指标 row) is read as a table after the
        row holding it, the rows below going on as another table."""
        n = self.n
        if frames_content(tbl, n.tbl):
            for tr in self.rows(tbl):
                for tc in self.children(tr, n.tc):
                    self.blocks(tc)
            return
        self.emit_pending()
        self.deadline.check(f"第 {self.line + 1} 行的表格")
        segment: list[etree._Element] = []
        for tr in self.rows(tbl):
            segment.append(tr)
            inner = [t for tc in self.children(tr, n.tc) for t in self.tables_in(tc) if self.is_table(t)]
            if inner:
                self.segment(segment)
                segment = []
                for t in inner:
                    self.table(t)
        if segment:
            self.segment(segment)

    def tables_in(self, tc: etree._Element) -> list[etree._Element]:
        """The tables a cell holds (also inside content controls)."""
        found = []
        for el in tc:
            if el.tag == self.n.tbl:
                found.append(el)
            elif el.tag in self.n.wrappers and (content := self.content(el)) is not None:
                found += self.tables_in(content)
        return found

    def is_table(self, tbl: etree._Element) -> bool:
        """A nested table that is a table of the form's own (two rows or more, one of three cells or more), not a
        list set out in a cell."""
        rows = self.rows(tbl)
        return len(rows) >= 2 and any(len(self.children(tr, self.n.tc)) >= NESTED_CELLS for tr in rows)

    def segment(self, trs: list[etree._Element]) -> None:
        """Rows of a table, emitted as one table."""
        n = self.n
        above: dict[int, _TableCell] = {}  # grid column -> the cell that last covered it
        rows: list[tuple[int, bool, list[_TableCell]]] = []
        for r, tr in enumerate(trs):
            if r % 64 == 0:
                self.deadline.check(f"第 {self.line + 1} 行")
            self.line += 1
            self.page_in_row = False
            props = tr.find(n.tr_props)
            before = props.find(n.grid_before) if props is not None else None
            col = _span(before.get(n.val)) if before is not None else 0
            cells: list[_TableCell] = []
            for tc in self.children(tr, n.tc):
                props = tc.find(n.tc_props)
                span = props.find(n.grid_span) if props is not None else None
                cols = _span(span.get(n.val)) if span is not None else 1
                self.budget.take(cols)  # the grid positions it covers: a row of huge spans is many cells
                lines = self.cell_lines(tc, [])
                owner = above.get(col)
                if self.merge(tc) == "continue" and owner is not None and owner.col == col and owner.last == r - 1:
                    owner.rows += 1
                    owner.last = r
                    owner.lines += lines  # text left in a continue cell is kept, under its merged cell's
                else:
                    cell = _TableCell(lines, col, cols, r)
                    cells.append(cell)
                    for c in range(col, col + cols):
                        above[c] = cell
                col += cols
            rows.append((self.line, self.page_in_row, cells))
        for line, new_page, cells in rows:
            if new_page:
                self.page_break()
            self.out.table_row([Cell(cell_text(c.lines), c.col, c.rows, c.cols) for c in cells], line)
        self.out.end_table()

def _pictures(p: etree._Element) -> list[str]:
    """The relationship ids of the large pictures a paragraph holds (DrawingML, or VML in older files)."""
    out = []
    for el in p.iter():
        if el.tag in _BLIP:
            drawing = next((a for a in el.iterancestors() if a.tag.endswith(("}inline", "}anchor"))), None)
            extent = next((e for e in drawing if e.tag in _EXTENT), None) if drawing is not None else None
            if extent is not None and int(extent.get("cx", "0") or 0) < PICTURE_EMU:
                continue
            rid = el.get(_R[0] + "embed") or el.get(_R[1] + "embed")
        elif el.tag == _VML_IMAGE:
            rid = el.get(_R[0] + "id") or el.get(_R[1] + "id")
        else:
            continue
        if rid:
            out.append(rid)
    return out


def _relations(archive: zipfile.ZipFile, part: str, file: str, kind: str) -> dict[str, str]:
    """A part's relationships of one kind ('/image', '/header'): id -> the target part inside the package."""
    rels = posixpath.join(posixpath.dirname(part), "_rels", posixpath.basename(part) + ".rels")
    out: dict[str, str] = {}
    if rels in archive.namelist():
        for rel in _parse(archive.read(rels), rels, file).iter(_RELS):
            if rel.get("Type", "").endswith(kind) and rel.get("TargetMode") != "External":
                target = posixpath.normpath(posixpath.join(posixpath.dirname(part), rel.get("Target", "")))
                out[rel.get("Id", "")] = target.lstrip("/")
    return out


def _page_header(archive: zipfile.ZipFile, part: str, body: etree._Element, names: _Names,
                 file: str) -> etree._Element | None:
    """The page header of the document's first page (its first section's 'first' header where the section has
    a title page, else its 'default' one): some forms carry their title and year only there."""
    section = next(body.iter(names.section), None)
    if section is None:
        return None
    refs = {ref.get(names.type): ref.get(_R[0] + "id") or ref.get(_R[1] + "id")
            for ref in section.iter(names.header_ref)}
    kind = "first" if _on(section.find(names.title_page), names) and "first" in refs else "default"
    target = _relations(archive, part, file, "/header").get(refs.get(kind) or "")
    if target is None or target not in archive.namelist():
        return None
    try:
        return _parse(archive.read(target), target, file)
    except ZIP_ERRORS:
        return None


class _Pictures:
    """The pictures of the main part, read by OCR when the extra is installed (a scan of the stamped form pasted
    into the document); without it, counted for a warning."""

    def __init__(self, archive: zipfile.ZipFile, part: str, file: str) -> None:
        self.archive, self.file = archive, file
        self.names = set(archive.namelist())
        self.targets = _relations(archive, part, file, "/image")
        self.deadline = Deadline(file)
        self.seen = 0  # large pictures met
        self.read: list[str] = []  # which were read
        self.unread = 0  # large pictures left unread without the extra
        self.undecoded: list[str] = []  # which could not be decoded (a Windows metafile, a broken image)
        self.failed: list[str] = []  # which the recogniser failed on (ONNX Runtime out of memory)

    def __call__(self, rid: str) -> Document | None:
        from jixiao.read import ocr

        target = self.targets.get(rid)
        if target is None or target not in self.names:
            return None
        self.seen += 1
        where = f"第 {self.seen} 张图片"
        if not ocr.available():
            self.unread += 1
            return None
        try:
            data = self.archive.read(target)
        except ZIP_ERRORS:
            return None
        image = ocr.picture(data, self.file)
        if image is None:
            self.undecoded.append(where)
            return None
        try:
            part = ocr.read_picture(image, self.file, where, self.deadline)
        except ocr.FAILURES:  # (the recogniser failing on one picture costs that picture only)
            self.failed.append(where)
            return None
        if part is not None:
            self.read.append(where)
        return part

    def notices(self) -> list[Notice]:
        from jixiao.read import ocr

        out = []
        if self.undecoded:
            where = "、".join(self.undecoded)
            out.append(Notice(f"文档中的{where}无法解码（如 Windows 图元文件 EMF/WMF，或图片已损坏），未读取"))
        if self.failed:
            where = "、".join(self.failed)
            out.append(Notice(f"文档中的{where}文字识别（OCR）失败，未读取"))
        if self.read:
            where = "、".join(self.read)
            out.append(Notice(f"文档中的{where}（表格的扫描图或截图）已用文字识别（OCR）读取；识别结果请核对"))
        if self.unread:
            out.append(Notice(f"文档中有 {self.unread} 张大幅图片（可能是表格的扫描图或截图），其中的文字需要文字识别"
                              f"（OCR）才能读取，未读取；请安装：{ocr.EXTRA}"))
        return out


def _parse(data: bytes, part: str, file: str) -> etree._Element:
    """A part's XML without entity expansion, DTD loading or network access; a DTD is refused."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False,
                             remove_comments=True, remove_pis=True)
    dtd = InputError(file, f"Word 文档的 {part} 含有 DTD（实体）声明，正常的 Word 文档不会有，"
                           "疑为恶意文件（如“实体膨胀”攻击）；未读取")
    if b"<!DOCTYPE" in data[:65536]:  # refused before parsing: the parser would still count the expansion
        raise dtd
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise InputError(file, f"{BROKEN}{part} 不是有效的 XML（{exc}）") from exc
    if root.getroottree().docinfo.doctype:
        raise dtd
    return root


def _main_part(archive: zipfile.ZipFile, file: str) -> str:
    """The main document part, as the package's relationships name it (word/document.xml by default)."""
    names = set(archive.namelist())
    if "_rels/.rels" in names:
        for rel in _parse(archive.read("_rels/.rels"), "_rels/.rels", file).iter(_RELS):
            if rel.get("Type", "").endswith("/officeDocument") and rel.get("TargetMode") != "External":
                target = posixpath.normpath(rel.get("Target", "").lstrip("/"))
                if target in names:
                    return target
    return MAIN_PART


def read_docx(path: Path, file: str) -> Document:
    """Turn a Word document into a token stream; a file that cannot be opened raises InputError."""
    try:
        archive = zipfile.ZipFile(path)
    except ZIP_ERRORS as exc:
        raise InputError(file, f"{BROKEN}ZIP 容器损坏（{exc}）") from exc
    with archive:
        try:
            check_zip(archive, file)
            part = _main_part(archive, file)
            data = archive.read(part)
        except KeyError as exc:
            raise InputError(file, f"{BROKEN}缺少正文部件 {MAIN_PART}") from exc
        except ZIP_ERRORS as exc:
            raise InputError(file, f"{BROKEN}ZIP 容器损坏（{exc}）") from exc
        root = _parse(data, part, file)
        namespace = etree.QName(root).namespace
        if namespace not in (W_MAIN, W_STRICT) or etree.QName(root).localname != "document":
            raise InputError(file, f"{BROKEN}{part} 的根元素是 {etree.QName(root).localname}，"
                                   "应为 Word 正文（w:document）")
        names = _Names(namespace)
        body = root.find(names.body)
        doc = Document(file=file)
        if body is not None:
            pictures = _Pictures(archive, part, file)
            walker = _Walker(names, body, Emitter(doc), file)
            header = _page_header(archive, part, body, names, file)
            if header is not None:  # (its pictures are named by the header's own relationships: not read)
                walker.blocks(header)
            walker.picture = pictures
            walker.blocks(body)
            doc.warnings.extend(pictures.notices())
    return doc
