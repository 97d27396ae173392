"""Text-layer PDF reader: characters and ruling lines with their coordinates (pypdfium2), cells from the rules.

Published 自评表 PDFs are ruled tables whose 一级/二级 labels are vertically merged cells, often continued over a page
break. The reader builds each table's grid from its ruling lines: the distinct row and column lines make atomic
cells, and two neighbouring atoms are one cell where no rule separates them — so a merged cell is one cell with its
spans, read from geometry, not guessed. Column lines are shared by the whole document (snapped), so a table
continued on the next page keeps its column numbers and the assembler joins it by column. Text outside tables
(title, year, notes) is read as a table printed without rules (`read/pdf_text.py`): its rows rebuilt from the
text's positions and emitted as positioned lines, which the assembler reads by the header's columns. Running
headers and footers repeated on most pages and page-number lines are dropped. Every token keeps its page and box. A
page with images and no text layer (a scan) is read by OCR (`read/ocr.py`, the optional extra) into the same
characters and rules, so it goes through the same layout.
"""

from __future__ import annotations

import ctypes
import math
import mmap
import os
import re
import statistics
import zlib
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field
from operator import attrgetter
from pathlib import Path
from typing import NamedTuple

import pypdfium2 as pdfium
import pypdfium2.raw as raw

from jixiao.errors import InputError
from jixiao.read import ocr
from jixiao.read.grid import Box, Cell, Emitter, cell_text, join_text, words_apart
from jixiao.read.limits import MB, Deadline, check_pages, current
from jixiao.read.normalise import BARE_PAGE_NUMBER, CLOSING_MARKS, IDEOGRAPH, fold, is_page_number, normalise
from jixiao.read.pdf_strips import join_strips
from jixiao.read.pdf_text import Char, joined_rest, page_rest, text_rows, value_cut
from jixiao.read.pdf_text import Row as TextRow
from jixiao.read.tokens import Document, Gap, Notice

SNAP = 2.0  # points: rules closer than this are one rule (double borders, rounding of producers)
MIN_RULE = 4.0  # points: a shorter stroke is a glyph or a tick, not a rule
COVER = 0.6  # a rule separates two atoms when it covers this share of their common edge
BUCKET = 20.0  # points: characters of a line are looked up by their x in buckets this wide (overprints)
_NUMBER = re.compile(r"^[-+]?[\d,]+(\.\d+)?%?$")
_CUT_AFTER_POINT = re.compile(r"^[-+]?[\d,]*\d\.\d*$")  # '10.0', '10.': a number a narrow column cut
_DIGITS = re.compile(r"^\d+%?$")
_UNIT_OPENERS = "(（%‰"  # a value's rest that is its unit, or its percent sign
MIN_HEADINGS = 4  # cells of a table's header row, at least
SPILL = 0.3  # text sizes: a line starting no lower below a table's last rule crosses it (a cut cell's text)
SPILL_FULL = 1.0  # … or, below a cell whose text reaches the rule, is its next line
# ems: a table ending this far above the lowest any table reaches was not cut by its page (a row the page cuts
# leaves at most a printed line, about 1.2 ems, and the cell's padding unused below it)
FOOT_LINES = 1.5
# ... nor one ending above this share of its page's height: no page's bottom margin is so wide (a document whose
# every page ends early, at a page break typed after each part of a table, has no table cut by its page)
FOOT_SHARE = 0.75
FEW_CHARS = 30  # a page with images and fewer characters is a scan (a page number or date may be stamped on it)
PICTURE = 0.1  # an image over this share of the page may be a picture of a table
SCAN_COVER = 0.5  # a page with an image over this share of it, text over it and no rules drawn is a searchable scan
MIN_PATHS = 4  # ... a page drawing this many rule segments has rules of its own
RULES_DPI = 150  # a searchable scan's page is drawn at this resolution to find its rules
RULES_SECONDS = 10  # ... and the time to read it allowed that long more (about half a second)
OUTLINES = 200  # a page drawing this many paths and (almost) no characters has its text turned into outlines
ANGLE_SAMPLE = 8  # every this many characters' angle is a vote for the page's turn
OPENING_MARKS = "（(【「『“"  # no line ends with one of these
# pdfium's FPDFText_GetTextObject giving the object's address as an int (a dictionary key without a cast)
_OBJECT_ADDRESS = ctypes.cast(raw.FPDFText_GetTextObject,
                              ctypes.CFUNCTYPE(ctypes.c_void_p, raw.FPDF_TEXTPAGE, ctypes.c_int))
CLIP_INSET = 1.5  # points inside its clip a character drawn outside it is placed
BAD_TEXT = 0.2  # share of characters without a Unicode mapping above which the text layer is unusable


@dataclass
class Page:
    number: int
    width: float
    height: float
    chars: list[Char] = field(default_factory=list)
    horizontal: list[tuple[float, float, float]] = field(default_factory=list)  # (y, x0, x1)
    vertical: list[tuple[float, float, float]] = field(default_factory=list)  # (x, y0, y1)
    images: int = 0
    paths: int = 0  # path objects drawn (rules, shading; a glyph each where text was turned into outlines)
    pictures: list[Box] = field(default_factory=list)  # images over PICTURE of the page: (x0, top, x1, bottom)
    unmapped: int = 0
    turn: int = 0  # degrees clockwise the page is drawn turned from how it is shown, to read its text across
    beyond: tuple[int, int] = (0, 0)  # characters drawn beyond its left and right edges (never shown)

    def inside(self, box: Box) -> list[Char]:
        """The characters centred inside `box`."""
        x0, top, x1, bottom = box
        return [c for c in self.chars if x0 <= (c.x0 + c.x1) / 2 <= x1 and top <= (c.top + c.bottom) / 2 <= bottom]

    def share(self, box: Box) -> float:
        return (box[2] - box[0]) * (box[3] - box[1]) / (self.width * self.height or 1.0)


# ------------------------------------------------------------------------------------------------ extraction


def _chars(textpage: raw.FPDF_TEXTPAGE, page: Page) -> list[tuple[float, float, float]]:
    """The page's characters into `page.chars` (points, y down, as the page is stored) and, in `page.turn`, the
    quarter turn that sets the most of them upright; returns each one's font size and baseline origin."""
    n = raw.FPDFText_CountChars(textpage)
    rect = raw.FS_RECTF()
    get_box = raw.FPDFText_GetLooseCharBox  # the advance box: no false gaps between narrow glyphs
    get_unicode = raw.FPDFText_GetUnicode
    generated = raw.FPDFText_IsGenerated
    map_error = raw.FPDFText_HasUnicodeMapError
    font_size, get_origin, get_angle = raw.FPDFText_GetFontSize, raw.FPDFText_GetCharOrigin, raw.FPDFText_GetCharAngle
    ox, oy = ctypes.c_double(), ctypes.c_double()
    sizes: list[tuple[float, float, float]] = []  # (font size, origin x, origin y from the top) of each character
    h = page.height
    spaced = False  # a space of the text itself (not one pdfium inferred from a gap) stands before
    votes: Counter[int] = Counter()  # quarter turns of the characters
    object_at = _OBJECT_ADDRESS  # (an address: a dictionary key without a cast)
    clips: dict[int | None, Box | None] = {}  # text object -> the box its text is clipped to
    last, clip = -1, None  # the text object of the character before, its clip
    for i in range(n):
        code = get_unicode(textpage, i)
        if code in (0x20, 0x0D, 0x0A, 0x09, 0xA0, 0x3000, 0xFFFE) or generated(textpage, i) == 1:
            spaced = code in (0x20, 0xA0, 0x3000) and generated(textpage, i) != 1
            continue
        if map_error(textpage, i) == 1 or code == 0xFFFD or 0xE000 <= code <= 0xF8FF or code < 0x20:
            page.unmapped += 1
            continue
        get_box(textpage, i, rect)
        get_origin(textpage, i, ox, oy)
        sizes.append((round(font_size(textpage, i), 1), ox.value, h - oy.value))
        if not i % ANGLE_SAMPLE:
            votes[round(get_angle(textpage, i) / (math.pi / 2)) % 4] += 1
        left, right, top, bottom = rect.left, rect.right, h - rect.top, h - rect.bottom
        ch = Char(chr(code), left, right, top, bottom, spaced)
        key = object_at(textpage, i)
        if key != last:  # (a text object's characters come one after another)
            if key not in clips:
                clips[key] = _clip_box(ctypes.cast(key, raw.FPDF_PAGEOBJECT), h) if key else None
            last, clip = key, clips[key]
        if clip is not None and not (clip[0] <= (left + right) / 2 <= clip[2]
                                     and clip[1] <= (top + bottom) / 2 <= clip[3]):
            ch.anchor = _anchor(ch, clip)
        page.chars.append(ch)
        spaced = False
    page.turn = (4 - votes.most_common(1)[0][0]) % 4 * 90 if votes else 0
    return sizes


def _clip_box(obj: raw.FPDF_PAGEOBJECT, h: float) -> Box | None:
    """The box (x0, top, x1, bottom) a text object is clipped to, where it is clipped to one."""
    clip = raw.FPDFPageObj_GetClipPath(obj) if obj else None
    if not clip:
        return None
    x, y = ctypes.c_float(), ctypes.c_float()
    xs, ys = [], []
    for k in range(raw.FPDFClipPath_CountPaths(clip)):
        for j in range(raw.FPDFClipPath_CountPathSegments(clip, k)):
            if raw.FPDFPathSegment_GetPoint(raw.FPDFClipPath_GetPathSegment(clip, k, j), x, y):
                xs.append(x.value)
                ys.append(h - y.value)
    return (min(xs), min(ys), max(xs), max(ys)) if xs else None


def _anchor(ch: Char, clip: Box) -> tuple[float, float]:
    """Where a character drawn outside its clip belongs: its centre brought within the clip (a cell's text run
    on past its cell, which the producer cut off)."""
    cx, cy = (ch.x0 + ch.x1) / 2, (ch.top + ch.bottom) / 2
    x0, top, x1, bottom = clip
    inset = min(CLIP_INSET, (x1 - x0) / 2, (bottom - top) / 2)  # (the clip is the cell's box: not on its rules)
    return min(max(cx, x0 + inset), x1 - inset), min(max(cy, top + inset), bottom - inset)


def _turned(page: Page, sizes: list[tuple[float, float, float]]) -> list[tuple[float, float, float]]:
    """The page turned `page.turn` degrees clockwise, its characters, rules and pictures with it, so its text
    reads across: a page whose content is drawn turned, shown upright by the page's /Rotate (a landscape form
    printed to PDF so) or shown on its side. Returns the characters' sizes and origins turned too."""
    w, h = page.width, page.height
    turn = page.turn

    def at(x: float, y: float) -> tuple[float, float]:
        return (h - y, x) if turn == 90 else (w - x, h - y) if turn == 180 else (y, w - x)

    def box(x0: float, top: float, x1: float, bottom: float) -> Box:
        (a, b), (c, d) = at(x0, top), at(x1, bottom)
        return min(a, c), min(b, d), max(a, c), max(b, d)

    for ch in page.chars:
        ch.x0, ch.top, ch.x1, ch.bottom = box(ch.x0, ch.top, ch.x1, ch.bottom)
        if ch.anchor is not None:
            ch.anchor = at(*ch.anchor)
    segments = [box(x0, y, x1, y) for y, x0, x1 in page.horizontal] + [box(x, y0, x, y1) for x, y0, y1 in page.vertical]
    page.horizontal = [((t + b) / 2, x0, x1) for x0, t, x1, b in segments if b - t < x1 - x0]
    page.vertical = [((x0 + x1) / 2, t, b) for x0, t, x1, b in segments if b - t >= x1 - x0]
    page.pictures = [box(*p) for p in page.pictures]
    if turn in (90, 270):
        page.width, page.height = h, w
    return [(size, *at(x, y)) for size, x, y in sizes]


def _count_beyond(page: Page) -> None:
    """How many characters are drawn beyond the page's left and right edges, where no viewer shows them: a
    spreadsheet program draws its whole sheet on each page it prints (`pdf_strips`)."""
    left = right = 0
    for ch in page.chars:
        x = (ch.x0 + ch.x1) / 2
        left += x < 0
        right += x > page.width
    page.beyond = (left, right)


def _line_boxes(chars: list[Char], sizes: list[tuple[float, float]]) -> None:
    """Every character boxed as high as the line it is set in: a glyph taken from a font without line metrics
    ('一' or '目' from a fallback font) is boxed by its ink, flat or short, which would set it apart from its
    line. Such a box (more than a tenth off the usual height at its font size) is set on its baseline with the
    usual ascent and descent of that size. (Its narrow width is evened out in its line: `pdf_text`.)"""
    usual: dict[float, list[tuple[float, float]]] = {}
    for ch, (size, baseline) in zip(chars, sizes, strict=True):
        usual.setdefault(size, []).append((baseline - ch.top, ch.bottom - baseline))
    metrics = {}
    for size, pairs in usual.items():
        ascent = sorted(a for a, _ in pairs)[len(pairs) // 2]
        descent = sorted(d for _, d in pairs)[len(pairs) // 2]
        metrics[size] = (ascent, descent)
    for ch, (size, baseline) in zip(chars, sizes, strict=True):
        ascent, descent = metrics[size]
        if abs(ch.size - (ascent + descent)) > 0.1 * (ascent + descent):
            ch.top, ch.bottom = baseline - ascent, baseline + descent


Matrix = tuple[float, float, float, float, float, float]  # (a, b, c, d, e, f): x' = ax + cy + e, y' = bx + dy + f
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
MAX_DEPTH = 8  # form XObjects nested deeper than this are not a table's rules


def _compose(inner: Matrix, outer: Matrix) -> Matrix:
    """The matrix applying `inner`, then `outer`."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer  # noqa: N806 - the matrix's own names
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _paths(pdf_page: raw.FPDF_PAGE, page: Page) -> None:
    """Axis-parallel strokes and thin filled rectangles: the rules of tables, also inside form XObjects (a page
    stamped, imposed or printed to PDF wraps its content in one)."""
    objects = [raw.FPDFPage_GetObject(pdf_page, i) for i in range(raw.FPDFPage_CountObjects(pdf_page))]
    _walk(objects, IDENTITY, page, 0)


def _walk(objects: list, outer: Matrix, page: Page, depth: int) -> None:
    matrix = raw.FS_MATRIX()
    for obj in objects:
        kind = raw.FPDFPageObj_GetType(obj)
        if kind == raw.FPDF_PAGEOBJ_IMAGE:
            page.images += 1
            box = _image_box(obj, outer, page)
            if box is not None and page.share(box) >= PICTURE:
                page.pictures.append(box)
        elif kind == raw.FPDF_PAGEOBJ_FORM and depth < MAX_DEPTH:
            raw.FPDFPageObj_GetMatrix(obj, matrix)
            own = (matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f)
            inner = [raw.FPDFFormObj_GetObject(obj, i) for i in range(raw.FPDFFormObj_CountObjects(obj))]
            _walk(inner, _compose(own, outer), page, depth + 1)
        elif kind == raw.FPDF_PAGEOBJ_PATH:
            page.paths += 1
            raw.FPDFPageObj_GetMatrix(obj, matrix)
            _path(obj, _compose((matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f), outer), page)


def _image_box(obj: raw.FPDF_PAGEOBJECT, outer: Matrix, page: Page) -> Box | None:
    """An image object's box on the page (x0, top, x1, bottom), within the page."""
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    if not raw.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
        return None
    a, b, c, d, e, f = outer
    xs, ys = [], []
    for x in (left.value, right.value):
        for y in (bottom.value, top.value):
            xs.append(a * x + c * y + e)
            ys.append(page.height - (b * x + d * y + f))
    x0, x1 = max(min(xs), 0.0), min(max(xs), page.width)
    y0, y1 = max(min(ys), 0.0), min(max(ys), page.height)
    return (x0, y0, x1, y1) if x1 > x0 and y1 > y0 else None


def _path(obj: raw.FPDF_PAGEOBJECT, m: Matrix, page: Page) -> None:
    """One path: a thin one (a stroked line, a thin filled box) is a rule along its length; a stroked outline gives
    its axis-parallel segments; a filled area (cell shading) gives none."""
    x, y = ctypes.c_float(), ctypes.c_float()
    a, b, c, d, e, f = m
    h = page.height
    points: list[tuple[tuple[float, float], int, bool]] = []
    for s in range(raw.FPDFPath_CountSegments(obj)):
        segment = raw.FPDFPath_GetPathSegment(obj, s)
        raw.FPDFPathSegment_GetPoint(segment, x, y)
        point = (a * x.value + c * y.value + e, h - (b * x.value + d * y.value + f))
        points.append((point, raw.FPDFPathSegment_GetType(segment), bool(raw.FPDFPathSegment_GetClose(segment))))
    if not points:
        return
    xs = [p[0] for p, _, _ in points]
    ys = [p[1] for p, _, _ in points]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    if x1 - x0 < 3 and y1 - y0 >= MIN_RULE:
        page.vertical.append(((x0 + x1) / 2, y0, y1))
        return
    if y1 - y0 < 3 and x1 - x0 >= MIN_RULE:
        page.horizontal.append(((y0 + y1) / 2, x0, x1))
        return
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    raw.FPDFPath_GetDrawMode(obj, fill, stroke)
    if not stroke.value:
        if fill.value:
            _thin_boxes(points, page)
        return
    start = last = None
    for point, kind, closes in points:
        if kind == raw.FPDF_SEGMENT_MOVETO:
            start = last = point
            continue
        if last is not None:
            _segment(page, last, point)
        last = point
        if closes and start is not None:
            _segment(page, point, start)


def _thin_boxes(points: list[tuple[tuple[float, float], int, bool]], page: Page) -> None:
    """A filled path of thin boxes is rules, one a box: a producer drawing a table's borders as one path (many
    `re` in one fill). A path of curves is a glyph's outline or a picture: none."""
    boxes: list[list[tuple[float, float]]] = []
    for point, kind, _ in points:
        if kind == raw.FPDF_SEGMENT_BEZIERTO:
            return
        if kind == raw.FPDF_SEGMENT_MOVETO or not boxes:
            boxes.append([point])
        else:
            boxes[-1].append(point)
    for box in boxes:
        xs, ys = [x for x, _ in box], [y for _, y in box]
        x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
        if x1 - x0 < 3 and y1 - y0 >= MIN_RULE:
            page.vertical.append(((x0 + x1) / 2, y0, y1))
        elif y1 - y0 < 3 and x1 - x0 >= MIN_RULE:
            page.horizontal.append(((y0 + y1) / 2, x0, x1))


def _segment(page: Page, p: tuple[float, float], q: tuple[float, float]) -> None:
    (x0, y0), (x1, y1) = p, q
    if abs(y0 - y1) < 1 and abs(x1 - x0) >= MIN_RULE:
        page.horizontal.append(((y0 + y1) / 2, min(x0, x1), max(x0, x1)))
    elif abs(x0 - x1) < 1 and abs(y1 - y0) >= MIN_RULE:
        page.vertical.append(((x0 + x1) / 2, min(y0, y1), max(y0, y1)))


_STREAM = re.compile(rb"(?<!end)stream\r?\n")


def check_streams(data: bytes | mmap.mmap, file: str) -> None:
    """Refuse a PDF whose compressed (Flate) streams would inflate beyond the limits — a "decompression bomb" that
    pdfium would unpack whole into memory when it draws the page. Each stream is inflated a block at a time to
    count its size, so the check itself stays small; a stream that does not inflate (encrypted, another filter)
    is left to pdfium."""
    limits = current()
    total = 0
    for match in _STREAM.finditer(data):
        start = match.end()
        end = data.find(b"endstream", start)
        if end < 0:
            break
        packed = end - start
        allowed = max(MB, limits.zip_ratio * packed)
        inflate = zlib.decompressobj()
        size = 0
        chunk = data[start:end]
        try:
            while chunk and size <= allowed:
                size += len(inflate.decompress(chunk, MB))
                chunk = inflate.unconsumed_tail
        except zlib.error:
            continue
        if size > allowed:
            raise InputError(file, f"PDF 中有压缩比异常的数据流（压缩 {packed} 字节，解压超过 {size // MB} MB，"
                                   f"上限 {limits.zip_ratio} 倍），疑为“压缩炸弹”；未读取")
        total += size
        if total > limits.unzipped_bytes:
            raise InputError(file, f"PDF 的数据流解压后过大（超过 {limits.unzipped_bytes // MB} MB）；未读取")


def _open(path: Path, file: str) -> pdfium.PdfDocument:
    with path.open("rb") as handle:
        if os.fstat(handle.fileno()).st_size:
            with mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
                check_streams(data, file)
    try:
        return pdfium.PdfDocument(path)
    except pdfium.PdfiumError as exc:
        text = str(exc).lower()
        if "password" in text:
            raise InputError(file, "PDF 已加密（需要密码），无法读取；请提供未加密的版本") from exc
        raise InputError(file, f"PDF 文件已损坏或格式不正确，无法打开（{exc}）") from exc


def extract(path: Path, file: str, deadline: Deadline) -> list[Page]:
    pdf = _open(path, file)
    try:
        count = len(pdf)
        check_pages(count, file)
        pages = []
        for index in range(count):
            deadline.check(f"第 {index + 1} 页")
            try:
                pdf_page = pdf[index]
            except pdfium.PdfiumError as exc:
                raise InputError(file, f"PDF 第 {index + 1} 页已损坏，无法读取（{exc}）") from exc
            width, height = pdf_page.get_size()
            if pdf_page.get_rotation() in (90, 270):  # the size is the displayed one; the coordinates are not
                width, height = height, width
            page = Page(index + 1, width, height)
            textpage = pdf_page.get_textpage()
            sizes = _chars(textpage.raw, page)
            _paths(pdf_page.raw, page)
            if len(page.chars) < FEW_CHARS:  # (a scan: as it is shown, and OCR turns it upright)
                page.turn = pdf_page.get_rotation()
            if page.turn:
                sizes = _turned(page, sizes)
            _line_boxes(page.chars, [(size, y) for size, _, y in sizes])
            _count_beyond(page)
            page.turn = (page.turn - pdf_page.get_rotation()) % 360  # (from how it is shown: to draw it so)
            textpage.close()
            pdf_page.close()
            pages.append(page)
        return pages
    finally:
        pdf.close()


# ------------------------------------------------------------------------------------------------ geometry


def _snap(values: list[float], tolerance: float = SNAP) -> list[float]:
    """Cluster sorted coordinates closer than `tolerance` into their mean."""
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= tolerance:
            out[-1].append(v)
        else:
            out.append([v])
    return [sum(g) / len(g) for g in out]


def _merge(segments: list[tuple[float, float, float]]) -> list[tuple[float, float, float]]:
    """Collinear, touching segments joined: (position, start, end)."""
    groups: list[list[tuple[float, float, float]]] = []
    for seg in sorted(segments):
        if groups and seg[0] - groups[-1][-1][0] <= SNAP:
            groups[-1].append(seg)
        else:
            groups.append([seg])
    out: list[tuple[float, float, float]] = []
    for group in groups:
        pos = sum(p for p, _, _ in group) / len(group)
        run: list[float] = []
        for _, s, e in sorted(group, key=lambda seg: seg[1]):
            if run and s <= run[1] + SNAP:
                run[1] = max(run[1], e)
            else:
                if run:
                    out.append((pos, run[0], run[1]))
                run = [s, e]
        out.append((pos, run[0], run[1]))
    return out


@dataclass
class Table:
    box: Box
    horizontal: list[tuple[float, float, float]]
    vertical: list[tuple[float, float, float]]


def _tables(page: Page) -> list[Table]:
    """Connected groups of rules that cross: each with a row rule and two column rules is a table."""
    hs, vs = _merge(page.horizontal), _merge(page.vertical)
    parent = list(range(len(hs) + len(vs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, (y, x0, x1) in enumerate(hs):
        for j, (x, y0, y1) in enumerate(vs):
            if x0 - SNAP <= x <= x1 + SNAP and y0 - SNAP <= y <= y1 + SNAP:
                parent[find(i)] = find(len(hs) + j)
    groups: dict[int, tuple[list, list]] = {}
    for i, seg in enumerate(hs):
        groups.setdefault(find(i), ([], []))[0].append(seg)
    for j, seg in enumerate(vs):
        groups.setdefault(find(len(hs) + j), ([], []))[1].append(seg)
    tables = []
    # column rules crossing no row rule: beside a table from its top to its bottom, they bound its columns of
    # merged cells that fill the page (the 一级 and 二级 labels of a block going on over the whole page)
    lone: dict[tuple[int, int], list[tuple[float, float, float]]] = {}  # by where they start and end
    for h, v in groups.values():
        for seg in v if not h else ():
            lone.setdefault(_ends(seg[1], seg[2]), []).append(seg)
    for h, v in groups.values():
        if not h or len(v) < 2:  # one rule and two sides make a row left open by the page break
            continue
        # rules may run past the outermost crossing rules: a row cut open by the page break, a table without
        # side borders
        xs = [x for x, _, _ in v] + [x for _, x0, x1 in h for x in (x0, x1)]
        ys = [y for y, _, _ in h] + [y for _, y0, y1 in v for y in (y0, y1)]
        top, bottom = min(ys), max(ys)
        beside = lone.pop(_ends(top, bottom), [])
        if beside:
            v = v + beside
            xs += [x for x, _, _ in beside]
        box = (min(xs), top, max(xs), bottom)
        tables.append(Table(box, h, v))
    # column rules alone, two or more from one top to one bottom: the middle of a row taller than a page, open
    # at both ends (a long goal text going on over three pages)
    for run in lone.values():
        if len(run) >= 2:
            top, bottom = min(y0 for _, y0, _ in run), max(y1 for _, _, y1 in run)
            tables.append(Table((min(x for x, _, _ in run), top, max(x for x, _, _ in run), bottom), [], run))
    return sorted(tables, key=lambda tb: tb.box[1])


def _ends(top: float, bottom: float) -> tuple[int, int]:
    """Where a rule starts and ends, to SNAP: rules from one top to one bottom share it."""
    return round(top / (2 * SNAP)), round(bottom / (2 * SNAP))


STRADDLE = 1.0  # points: a character this far over a column rule on both sides is drawn across it
OVERLAP = 0.5  # points: a character drawn this far over the one before it is no next character of its text
WIDEST = 24.0  # points: a character standing across a rule starts at most this far left of it (a 24-point title)


def _spilled_over(chars: list[Char], inner: list[float], vs: list[tuple[float, float, float]]) -> dict[int, float]:
    """A spreadsheet's text run on over the empty cells beside it (Excel and LibreOffice Calc print a cell's text
    that is not wrapped across the next cells while they are empty, over their rules): a run of characters
    set one against the next, one of which stands across a drawn column rule, is the text of the cell it starts
    in (`财政项目` | `支出绩效自` | `评表（20` | `23年度）` is one title). No table's own text crosses a rule: its
    cells keep their padding. Returns the x each such character is placed at, by its id."""
    out: dict[int, float] = {}
    if not inner or not chars:
        return out
    order = sorted(chars, key=attrgetter("x0"))  # (the characters near each rule looked at, not every one)
    x0s = [c.x0 for c in order]
    across = {id(c) for x in inner for c in order[bisect_left(x0s, x - WIDEST):bisect_left(x0s, x - STRADDLE)]
              if c.x1 - STRADDLE > x and _covered(vs, x, c.top, c.bottom)}
    if not across:  # (most tables: no line grouped)
        return out
    for line in _lines(chars):
        if not any(id(c) in across for c in line):
            continue
        start = 0
        for k in range(1, len(line) + 1):
            if k < len(line) and -OVERLAP <= line[k].x0 - line[k - 1].x1 < 0.3 * max(line[k].size, 1.0):
                continue  # (the run goes on; a character drawn over the last is another cell's text)
            run = line[start:k]
            if len(run) > 1 and any(id(c) in across for c in run):
                at = (run[0].x0 + run[0].x1) / 2
                out.update((id(c), at) for c in run)
            start = k
    return out


def _covered(segments: list[tuple[float, float, float]], pos: float, start: float, end: float) -> bool:
    """A rule at `pos` covers most of [start, end]."""
    length = 0.0
    for p, s, e in segments:
        if abs(p - pos) <= SNAP:
            length += max(0.0, min(e, end) - max(s, start))
    return length >= COVER * (end - start)


def _overprints(ch: Char, near: dict[int, list[Char]]) -> bool:
    """A character standing on another of the line, lower (a browser continuing a merged cell at the top of a new
    page over the next cell's text): it is another line. A glyph printed twice (a bold made by overprinting) is
    one. `near`: the line's characters by their middle's x, in buckets of BUCKET points."""
    k = int((ch.x0 + ch.x1) / 2 // BUCKET)
    return any(c.text != ch.text and ch.top > c.top + 0.1 * ch.size
               and min(c.x1, ch.x1) - max(c.x0, ch.x0) > 0.5 * min(c.x1 - c.x0, ch.x1 - ch.x0)
               for bucket in (k - 1, k, k + 1) for c in near.get(bucket, ()))


def _lines(chars: list[Char]) -> list[list[Char]]:
    """Characters grouped into printed lines (by vertical overlap), each in reading order."""
    lines: list[list[Char]] = []
    near: dict[int, list[Char]] = {}
    for ch in sorted(chars, key=lambda c: (c.top, c.x0)):
        if lines:
            last = lines[-1]
            top, bottom = min(c.top for c in last[-3:]), max(c.bottom for c in last[-3:])
            overlap = min(bottom, ch.bottom) - max(top, ch.top)
            if overlap > 0.5 * min(bottom - top, ch.size or 1) and not _overprints(ch, near):
                last.append(ch)
                near.setdefault(int((ch.x0 + ch.x1) / 2 // BUCKET), []).append(ch)
                continue
        lines.append([ch])
        near = {int((ch.x0 + ch.x1) / 2 // BUCKET): [ch]}
    for line in lines:
        line.sort(key=lambda c: c.x0)
    lines.sort(key=lambda ln: (min(c.top for c in ln), ln[0].x0))
    return lines


SPACE = 0.22  # ems: a gap this wide between two characters is a space
MIXED_SPACE = 0.3  # ems: between a Western and a Chinese character, where Word and LibreOffice add a quarter em
# of their own ('≥500亩' is printed '≥500 亩'; its autospace)


def _words(line: list[Char]) -> list[tuple[str, float, float, bool]]:
    """(text, x0, x1, wide): a line's words, split where the gap is a space or wider; `wide` when the gap
    before the word is an em or more, wider than any space between words (a column boundary of aligned text)."""
    words: list[tuple[str, float, float, bool]] = []
    text = [line[0].text]
    x0, x1, wide = line[0].x0, line[0].x1, False
    for before, ch in zip(line, line[1:], strict=False):
        size = max(ch.size, 1.0)
        gap = ch.x0 - x1
        if gap > SPACE * size and (gap > MIXED_SPACE * size or before.text.isascii() == ch.text.isascii()):
            words.append(("".join(text), x0, x1, wide))
            text, x0, wide = [], ch.x0, gap > 1.0 * size
        text.append(ch.text)
        x1 = max(x1, ch.x1)
    words.append(("".join(text), x0, x1, wide))
    return words


def _cut(lines: list[list[Char]], bottom: float, right: float) -> bool:
    """A cell's text may go on past its bottom edge: its last line reaches the bottom and wraps on (reaches the
    right edge, as `_joined` reads it). A short last line ends its text ('预期目标' in a row one line high)."""
    last = lines[-1]
    size = max(statistics.median(c.size for c in last), 1.0)
    return bottom - max(c.bottom for c in last) < 0.6 * size and right - last[-1].x1 <= 2.5 * size


def _headed(lines: list[list[Char]], top: float) -> bool:
    """A cell's text starts at its top edge, as the rest of a cell cut by a page break does (a label centred in
    a merged cell starts lower)."""
    first = lines[0]
    size = max(statistics.median(c.size for c in first), 1.0)
    return min(c.top for c in first) - top < 0.6 * size


OVER_EDGE = 0.5  # points: a line's last character standing this far over its text's edge was put there by force


def _room(line: list[Char], pad: float, right: float, size: float) -> float:
    """How far a cell's line stops short of its text's edge: the cell's rule less the padding its text keeps from
    its left rule (`pad`, at most a character of `size`)."""
    return right - min(max(pad, 0.0), size) - line[-1].x1


def _wrapped(lines: list[list[Char]], left: float, right: float, pad: float) -> bool:
    """The cell's last line leaves less room than its widest character between the cell's rules less the
    table's padding (`pad`), on both sides together: another would not have fitted, its text may go on (text
    centred in its cell keeps its room on both sides: a short line of it is no full one)."""
    last = lines[-1]
    pad = min(max(pad, 0.0), max(last[-1].size, 1.0))
    return (right - left - 2 * pad) - (last[-1].x1 - last[0].x0) < max(c.x1 - c.x0 for c in last)


def _joined(lines: list[list[Char]], left: float, right: float) -> str:
    """A cell's lines as its text: a line that reaches the cell's right edge wraps on (joined like a cell broken
    over lines), a line that stops short ends a paragraph. The edge is the text's: the cell's rule less the
    padding its text keeps from its left rule (a narrow column's full-width `１` / `９．` wraps a number)."""
    parts: list[str] = []
    pad = min(line[0].x0 for line in lines) - left
    for k, line in enumerate(lines):
        text = " ".join(w for w, _, _, _ in _words(line))
        if k and parts:
            size = max(statistics.median(c.size for c in lines[k - 1]), 1.0)
            room = _room(lines[k - 1], pad, right, size)
            # (a space only after a word's letter, before a letter or digit: 'ISO' / '9001认证'; '…357-' /
            # '2023年…' and '…0021' / 'T000…' are one code, '7' / '3' / '5人次' one number; nor where the line's
            # last character stands over the edge, a word broken because the column is too narrow for it)
            parts.append("\n" if room > 2.5 * size else " " if words_apart(parts[-1], text) and room > -OVER_EDGE
                         else "")
        parts.append(text)
    return "".join(parts)


# ------------------------------------------------------------------------------------------------ document


@dataclass
class _Item:
    top: float
    table: Table | None = None
    line: list[Char] | None = None


FURNITURE_BAND = 54.0  # points from the page's edge: the narrowest usual margin (Excel's 0.75 in), or 6%
_ANY_DIGITS = re.compile(r"\d+")


def _furniture_key(line: list[Char]) -> tuple[str, int]:
    """A line's text with its numbers as '#' (a page number changes from page to page), and its height."""
    return _ANY_DIGITS.sub("#", "".join(c.text for c in line)), round(line[0].top)


def _furniture(pages: list[Page]) -> set[tuple[str, int]]:
    """Running headers and footers: the same text at the same height, in the top or bottom margin, on most pages,
    printed no larger than the body; or such a line whose only change is its number (a page number, '- 2 -',
    '第 2 页 共 5 页'), which two pages suffice to show. A lone page number in that margin is one on any page.
    The band is narrow (a header sits above the body's top margin), and a form's title opening every page (a
    sheet printed with small margins puts it in the band) is printed larger: kept."""
    seen: dict[tuple[str, int], set[str]] = {}
    pages_with: Counter[tuple[str, int]] = Counter()
    lone: set[tuple[str, int]] = set()
    for page in pages:
        margin = max(page.height * 0.06, FURNITURE_BAND)
        heights = sorted(c.bottom - c.top for c in page.chars)
        body = heights[len(heights) // 2] if heights else 0.0
        keys = set()
        for line in _lines([c for c in page.chars if c.top < margin or c.bottom > page.height - margin]):
            if body and sum(c.bottom - c.top for c in line) / len(line) > 1.15 * body:
                continue  # larger than the body's text: a title, not a running header
            key = _furniture_key(line)
            text = "".join(c.text for c in line).strip()
            if is_page_number(text, beside_form_feed=True):
                lone.add(key)
            keys.add(key)
            seen.setdefault(key, set()).add(text)
        pages_with.update(keys)
    # (on every page of two: a one-form document of two pages, the commonest published, shows its running header so)
    repeated = {key for key, n in pages_with.items()
                if n >= max(3, 0.6 * len(pages)) or n >= 2 and len(seen[key]) == n and n >= 0.6 * len(pages)
                or n == len(pages) == 2}
    return repeated | lone


def _foot_number(line: list[Char], lowest: float, width: float) -> bool:
    """A bare number centred on the page below everything else on it but its running footer (`lowest`, the
    bottom of the lowest other line): the page's number, wherever the producer set it (a page number typed right
    below a table is no text of the table's cut cells)."""
    text = "".join(c.text for c in line).strip()
    if not BARE_PAGE_NUMBER.match(text) or max(c.bottom for c in line) < lowest - SNAP:
        return False
    middle = (min(c.x0 for c in line) + max(c.x1 for c in line)) / 2
    return abs(middle - width / 2) <= 0.1 * width


class _Columns:
    """Column lines of the whole document: a table keeps its column numbers over a page break, because a
    producer draws a continued table's rules at the same x (clustered finely: tables of different widths only
    add columns, which spans absorb)."""

    def __init__(self, pages_tables: list[list[Table]]) -> None:
        self.xs = _snap([x for tables in pages_tables for t in tables for x, _, _ in _merge(t.vertical)], 0.6)

    def indices(self, xs: list[float]) -> list[int]:
        """Document column numbers of a table's own column lines, counted from its left edge; the table's own
        numbering where two of its lines fall in one document column."""
        found = []
        for x in xs:
            k = bisect_right(self.xs, x)
            if k and (k == len(self.xs) or x - self.xs[k - 1] <= self.xs[k] - x):
                k -= 1
            found.append(k)
        if any(b <= a for a, b in zip(found, found[1:], strict=False)):
            return list(range(len(xs)))
        return [k - found[0] for k in found]


class _Slot(NamedTuple):
    cell: Cell
    open_top: bool  # no rule closes the cell at the table's top: it continues a cell of the page before
    open_bottom: bool  # no rule closes it at the table's bottom: it goes on on the next page
    full: bool  # its text reaches its bottom edge (a cell cut by the page break is full to the cut)
    starts: tuple[float, ...] = ()  # where its lines start (x0): a stack of characters a line starts each at one x
    headed: bool = False  # its text starts at its top edge (the rest of a cut cell does; a centred label not)
    spilled: float = 0.0  # where its text drawn on below the table's cut ends (a browser draws it past the cut)
    wraps: bool = False  # its last line ends within a character of its text's edge (`_wrapped`; in the last row)


def _grid(table: Table, chars: list[Char], columns: _Columns) -> list[list[_Slot]]:
    """A ruled table's cells by row: atoms between the row and column lines, joined where no rule separates
    them, so a merged cell is one cell with its spans."""
    hs, vs = _merge(table.horizontal), _merge(table.vertical)
    x0, y0, x1, y1 = table.box
    ys = _snap([y0, *(y for y, _, _ in hs), y1])
    xs = _snap([x0, *(x for x, _, _ in vs), x1])
    rows, cols = len(ys) - 1, len(xs) - 1
    if rows < 1 or cols < 1:
        return []
    owner = list(range(rows * cols))

    def find(i: int) -> int:
        while owner[i] != i:
            owner[i] = owner[owner[i]]
            i = owner[i]
        return i

    for i in range(rows):
        for j in range(cols):
            if j + 1 < cols and not _covered(vs, xs[j + 1], ys[i], ys[i + 1]):
                owner[find(i * cols + j + 1)] = find(i * cols + j)
            if i + 1 < rows and not _covered(hs, ys[i + 1], xs[j], xs[j + 1]):
                owner[find((i + 1) * cols + j)] = find(i * cols + j)
    extent: dict[int, list[int]] = {}
    for i in range(rows):
        for j in range(cols):
            root = find(i * cols + j)
            box = extent.setdefault(root, [i, j, i, j])
            box[0], box[1] = min(box[0], i), min(box[1], j)
            box[2], box[3] = max(box[2], i), max(box[3], j)
    inside: dict[int, list[Char]] = {}
    spilled = _spilled_over(chars, xs[1:-1], vs)
    for ch in chars:
        cx, cy = ch.anchor or ((ch.x0 + ch.x1) / 2, (ch.top + ch.bottom) / 2)
        if spilled:
            cx = spilled.get(id(ch), cx)
        i, j = bisect_right(ys, cy) - 1, bisect_right(xs, cx) - 1
        if 0 <= i < rows and 0 <= j < cols:
            inside.setdefault(find(i * cols + j), []).append(ch)
    numbers = columns.indices(xs)
    starts: dict[int, list[tuple[int, int]]] = {}
    for root, (i0, j0, _, _) in extent.items():
        starts.setdefault(i0, []).append((j0, root))
    lines_of = {root: _lines(chars) for root, chars in inside.items()}
    # (the padding the producer keeps cells' text from their left rules: the least any cell's text keeps; a
    # cell's own says nothing where its text is centred)
    pad = min((min(line[0].x0 for line in lines) - xs[extent[root][1]] for root, lines in lines_of.items()),
              default=0.0)
    grid: list[list[_Slot]] = []
    for i in range(rows):
        slots: list[_Slot] = []
        for j0, root in sorted(starts.get(i, [])):
            i0, _, i1, j1 = extent[root]
            col, end = numbers[j0], numbers[j1 + 1]
            left, right = xs[j0], xs[j1 + 1]
            lines = lines_of.get(root, [])
            text = cell_text([_joined(lines, left, right)]) if lines else ""
            full = bool(lines) and _cut(lines, ys[i1 + 1], right)
            cell = Cell(text, col, i1 - i0 + 1, max(1, end - col), (left, ys[i0], right, ys[i1 + 1]))
            slots.append(_Slot(cell, i0 == 0 and not _covered(hs, ys[0], left, right),
                               i1 == rows - 1 and not _covered(hs, ys[-1], left, right), full,
                               tuple(line[0].x0 for line in lines), bool(lines) and _headed(lines, ys[i0]),
                               wraps=bool(lines) and i1 == rows - 1 and _wrapped(lines, left, right, pad)))
        grid.append(slots)
    return grid


class _Stitcher:
    """Joins a table continued at the top of a page to the table at the bottom of the page before.

    A cell at the bottom of that table goes on in the cell of the same columns at the top of this one when the
    geometry says so (no rule closes the two at the page break), or, where the producer closes each page's box,
    when the cell above is full to the cut and the one below holds text that is not a bare number (a number never
    wraps). A first row whose filled cells all go on this way is the rest of the row cut by the page break: it
    joins that row; a merged cell going on extends its span."""

    def __init__(self, out: Emitter) -> None:
        self.out = out
        self.bottom: dict[tuple[int, int], tuple[int, _Slot]] = {}  # (col, col_span) -> (token index, slot)
        self.last_row: set[tuple[int, int]] = set()  # the cells of the last row emitted
        self.at_foot = True  # the last table ends as low as the document's pages are filled: a row may be cut
        self.last_heads = False  # the last row emitted is a row of headings (every cell a text, none a number)

    def other(self) -> None:
        """Something other than a table was emitted: nothing is continued across it."""
        self.bottom = {}

    def table(self, grid: list[list[_Slot]], page_top: bool, at_foot: bool) -> None:
        """Emit a table's rows, continuing the table of the page before where it goes on. `at_foot`: the table
        ends as low as the document's pages are filled (one ending higher ended its page because its next row
        did not fit: no cell of its last row was cut, whatever its text's fullness says)."""
        out = self.out
        rows = [list(r) for r in grid if r]
        if page_top and out.gap == Gap.PAGE and rows and self.bottom:
            rows = self._continue(rows)
        self.bottom = {}
        self.at_foot = at_foot
        last = len(rows) - 1
        for i, slots in enumerate(rows):
            base = len(out.doc.tokens)
            out.table_row([s.cell for s in slots])
            if i == last:
                self.last_row = {(s.cell.col, s.cell.col_span) for s in slots}
                self.last_heads = len(slots) >= MIN_HEADINGS and all(
                    s.cell.text and not _NUMBER.match(s.cell.text) for s in slots)
            for k, slot in enumerate(slots):
                if i + slot.cell.row_span - 1 >= last:
                    self.bottom[(slot.cell.col, slot.cell.col_span)] = (base + k, slot)
        out.end_table()

    def _goes_on(self, slot: _Slot, row_full: bool, above: tuple[int, _Slot] | None, split: bool = False) -> bool:
        """The cell continues `above`, the cell over it at the bottom of the page before: by open rules (but a
        number never goes on a text); or the text above ran on past the cut; or, where that table ended at the
        page's foot, it holds text that is not a bare number, starting at its top edge, and the one above is full
        to the cut (a merged cell, or one with text), or stands in a row that is (a row cut across before this
        cell's first line). `split`: the row's words go on (the page cut the row), so does a number, whatever
        the length of its rest ('193300' / '00.00')."""
        if above is None:
            return False
        text, cut = slot.cell.text, _number_cut(above[1], slot.cell.text, split)
        if slot.open_top and above[1].open_bottom:
            # (open rules, but a number below a text above, the same number or not: two rows whose shared rule
            # the page break left undrawn, a number being cut only by its narrow column, after its point)
            return not above[1].cell.text or not _NUMBER.match(text) or cut
        if above[1].spilled:  # its text ran on past the cut: the cell goes on at the top of this page
            return slot.headed and bool(text) and (not _NUMBER.match(text) or cut)
        if not self.at_foot:
            return False
        # (a cell of one row goes on by its own fullness where it holds text: a row's tallest cell reaches its
        # bottom whether the page cut it or not; the row's, where the page cut it before the cell's first line)
        full = row_full if slot.cell.row_span == 1 and not above[1].cell.text else above[1].full
        if full and above[1].cell.row_span == 1 and IDEOGRAPH.match(above[1].cell.text[-1:]) and not (
                above[1].wraps or _kept_together(text)):
            # (Chinese text breaks anywhere: a line of it that goes on stops short of its edge by less than a
            # character; `预期目标` ending a page over the goal's text in a column wider than it is whole)
            return False
        return full and slot.headed and bool(text) and (not _NUMBER.match(text) or cut)

    def _rest(self, filled: list[_Slot], over: dict[int, tuple[int, _Slot] | None]) -> bool:
        """The first row's filled cells are the rests of the row the page break cut, though none starts at its top
        (a row's cells centred up and down: the rests are centred in what of the row the next page prints): where
        the last table ended at the foot, not under a row of headings, each cell of the row above is full to the
        cut, two or more of these stand each under one of them, none a number of its own nor under a number it
        does not go on, and a number the row above printed whole is left empty below it — a row of the table's own
        would print its number again (`评分等级` alone under `总分`, `100.00`, `82.82` is a row)."""
        if len(filled) < 2 or not self.at_foot or self.last_heads:
            return False
        above = [slot for key, (_, slot) in self.bottom.items() if key in self.last_row and slot.cell.text]
        if not above or not all(slot.full for slot in above):
            return False
        under: set[int] = set()
        for slot in filled:
            found = over[id(slot)]
            if found is None or not found[1].cell.text or found[1] not in above or (
                    (_NUMBER.match(slot.cell.text) or _NUMBER.match(found[1].cell.text))
                    and not (_number_cut(found[1], slot.cell.text) or slot.cell.text[:1] in _UNIT_OPENERS)):
                return False  # (a number's rest is its digits, or its unit: '80.00' / '(个)')
            under.add(id(found[1]))
        return any(id(slot) not in under and _NUMBER.match(slot.cell.text) for slot in above)

    def _above(self, slot: _Slot) -> tuple[int, _Slot] | None:
        """The cell at the bottom of the page before in the same columns: by its edges where both have them (two
        tables' column lines may number one column differently), else by its column numbers."""
        box = slot.cell.bbox
        if box is not None:
            for found in self.bottom.values():
                other = found[1].cell.bbox
                if other is not None and abs(other[0] - box[0]) <= SNAP and abs(other[2] - box[2]) <= SNAP:
                    return found
        return self.bottom.get((slot.cell.col, slot.cell.col_span))

    def overflow(self, chars: list[Char], box: tuple[float, float, float, float]) -> list[Char]:
        """A cell cut by the page break (a merged one, its text centred on its whole span) whose rest a browser
        printed over the cells at the top of the next table (`chars` in its `box`), on top of their text:
        characters standing on another character, each at the x where the cut cell's lines start. They go on
        that cell; the rest of `chars` is returned."""
        cut = [(k, slot) for k, slot in self.bottom.values() if (slot.full or slot.cell.row_span > 1) and slot.starts]
        if not cut:
            return chars
        x0, y0, x1, y1 = box
        inside = [c for c in chars if x0 <= c.x0 and c.x1 <= x1 and y0 <= c.top <= y1]
        near: dict[int, list[Char]] = {}  # by their middle's x, in buckets of BUCKET points
        for c in inside:
            near.setdefault(int((c.x0 + c.x1) / 2 // BUCKET), []).append(c)
        owners: dict[int, int] = {}  # where a cut cell's lines start (to half a point) -> its token
        for k, slot in cut:
            for x in slot.starts:
                owners.setdefault(round(x * 2), k)

        def owner_at(x: float) -> int | None:
            return next((owners[at] for at in (round(x * 2), round(x * 2) - 1, round(x * 2) + 1) if at in owners),
                        None)

        taken: dict[int, list[Char]] = {}
        for ch in inside:
            owner = owner_at(ch.x0)
            if owner is None:
                continue
            at = int((ch.x0 + ch.x1) / 2 // BUCKET)
            under = [c for bucket in (at - 1, at, at + 1) for c in near.get(bucket, ())
                     if c is not ch and c.text != ch.text
                     and min(c.x1, ch.x1) - max(c.x0, ch.x0) > 0.3 * min(c.x1 - c.x0, ch.x1 - ch.x0)
                     and min(c.bottom, ch.bottom) - max(c.top, ch.top) > 0.15 * min(c.size, ch.size)]
            # (two characters on each other both at a start: which is the cut cell's the page does not say)
            if under and not any(owner_at(c.x0) is not None for c in under):
                taken.setdefault(owner, []).append(ch)
        if not taken:
            return chars
        for k, stray in taken.items():  # the stack's characters above them, in the cell's rest below it, too
            last = max(c.top for c in stray)
            seen = {id(c) for c in stray}
            stray += [c for c in inside if id(c) not in seen and c.top < last and owner_at(c.x0) == k]
        tokens = self.out.doc.tokens
        for k, stray in taken.items():
            tok = tokens[k]
            text = "".join(c.text for c in sorted(stray, key=lambda c: (c.top, c.x0)))
            tokens[k] = tok._replace(text=join_text(tok.text, text))
        gone = {id(c) for stray in taken.values() for c in stray}
        return [c for c in chars if id(c) not in gone]

    def _continue(self, rows: list[list[_Slot]]) -> list[list[_Slot]]:
        tokens = self.out.doc.tokens
        first = rows[0]
        filled = [s for s in first if s.cell.row_span == 1 and s.cell.text]
        row_full = any(slot.full for key, (_, slot) in self.bottom.items() if key in self.last_row)
        above = sum(1 for key, (_, slot) in self.bottom.items() if slot.cell.text)
        over = {id(s): self._above(s) for s in first}  # (each cell's cell above, looked up once)
        # (where the row's words go on, the page cut the row: its numbers go on too, however long their rests)
        words = [s for s in filled if not _NUMBER.match(s.cell.text)]
        split = bool(words) and all(self._goes_on(s, row_full, over[id(s)]) for s in words)
        # (a row as many cells of which go on as it has: each of those above wrapped at its edge, its text going on
        # — `主管部` / `门`, `上海市` / `经济和信息化委员会` — else the next row, at the top of the page)
        joined = bool(filled) and (len(filled) < above or all(
            (found := over[id(s)]) is not None and found[1].wraps for s in filled)) and all(
            self._goes_on(s, row_full, over[id(s)], split) for s in filled)
        rest = not joined and self._rest(filled, over)  # (its rests centred in their cells: no other sign)
        joined = joined or rest
        # (where the page closes some of the row's cells at the break, a cell it leaves open on both sides is a
        # merged cell the break cut, though it spans one row on each page: `满意度指标` centred on its rest below)
        ruled = any(not s.open_top for s in first)
        kept = []
        for slot in first:
            cell = slot.cell
            found = over[id(slot)]
            # (a merged cell alone goes on no heading: below a header row ending the page, the block's label opens
            # the table's next page, whatever the fullness of the header's headings wrapped in narrow columns)
            merged = (cell.row_span > 1 or ruled and slot.open_top and found is not None and found[1].open_bottom
                      ) and not self.last_heads
            if found is not None and (rest and bool(cell.text) or (joined or merged or found[1].spilled > 0)
                                      and self._goes_on(slot, row_full, found, split)):
                k, _ = found
                tok = tokens[k]
                # (a merged cell's label drawn on both sides of the break is one label; a number's pieces are one,
                # and so is a value's a narrow column broke: '=100.0' / '0(%)')
                text = (tok.text if tok.text == cell.text else tok.text + cell.text
                        if _NUMBER.match(tok.text + cell.text) or rest and not words_apart(tok.text, cell.text)
                        else join_text(tok.text, cell.text))
                tokens[k] = tok._replace(text=text,
                                         row_span=tok.row_span + cell.row_span - joined)
            elif not joined:
                kept.append(slot)
            elif cell.row_span > 1:  # opens here for the rows below: it opens a row later
                kept.append(slot._replace(cell=cell._replace(row_span=cell.row_span - 1)))
        if not joined:
            return [kept, *rows[1:]] if kept else rows[1:]
        if len(rows) == 1:  # the next row still opens the page: the gap before it stays a page gap
            return [kept] if kept else []
        return [sorted(kept + rows[1], key=lambda s: s.cell.col), *rows[2:]]


def _kept_together(text: str) -> bool:
    """A line opening so that the line before it may stop short of its edge by more than a character: no line
    opens with a closing mark nor ends with an opening one, so the character before the mark went along
    (`付，后续…`), or the mark itself (`（…`)."""
    return text[:1] in CLOSING_MARKS or text[1:2] in CLOSING_MARKS or text[:1] in OPENING_MARKS


def _number_cut(above: _Slot, text: str, split: bool = False) -> bool:
    """`text` is the rest of the number `above` holds, a narrow column having cut it and the page break its lines
    after its point ('10.0' / '0', '10.' / '00') or before it ('10' / '0.00', a row allowed to break across
    pages): the cell above is full to the cut and the two make a number. `split`: the page cut the row (its words
    go on), any rest goes on ('193300' / '00.00')."""
    head = above.cell.text
    return (above.full and (split or bool(_CUT_AFTER_POINT.match(head) and _DIGITS.match(text)
                                          or value_cut(head, text)))
            and bool(_NUMBER.match(head + text)))


def _stray_label(line: list[Char], tables: list[Table], grids: list[list[list[_Slot]]], height: float,
                 goes_on: bool) -> bool:
    """A merged cell cut by a page break whose text the producer drew centred on the whole merged area: the text
    falls outside the table, below its last row or above its first (in the margin, or off the page). Each word
    of the line is the text of an empty cell left open at that edge in whose column it stands, if every word has
    one; those cells take them. A line crossing the table's last rule, or right below it under cells whose text
    reaches the rule, goes on the text of the cells of its last row it stands in: a browser draws a cut cell's
    text on past the cut (`产` in the cell, `出` across the rule). Below a table only where the page's end may
    have cut it (it ends below FOOT_SHARE of the page's `height`) and the next page holds a table it may go on
    in (`goes_on`): a web page's links right under the grade row that opens a page, or under a table that ends
    low on its page, the document going on without a table (`【打印本页】 【关闭窗口】`), are no text of its cells."""
    top, bottom = min(c.top for c in line), max(c.bottom for c in line)
    size = max(statistics.median(c.size for c in line), 1.0)
    words = _words(line)
    for table, grid in zip(tables, grids, strict=True):
        _, y0, _, y1 = table.box
        # below the table with no other table between (down to the page's foot), or above it likewise
        # (by the line's middle, as the table claims its characters: a cut cell's text drawn on past the cut
        # may cross the table's last rule)
        middle = (top + bottom) / 2
        below = goes_on and middle >= y1 >= FOOT_SHARE * height and not any(y1 <= t.box[1] <= middle for t in tables
                                                                             if t is not table)
        above = middle <= y0 and not any(middle <= t.box[3] <= y0 for t in tables if t is not table)
        if not (below or above):
            continue
        open_cells = {(i, k): slot for i, slots in enumerate(grid) for k, slot in enumerate(slots)
                      if slot.cell.bbox is not None and (
                          not slot.cell.text and (below and slot.open_bottom or above and slot.open_top)
                          or below and _spills(slot, y1, top, size))}
        taken: dict[tuple[int, int], str] = {}
        for text, x0, x1, _ in words:
            at = next((key for key, slot in open_cells.items()
                       if slot.cell.bbox[0] <= x0 and x1 <= slot.cell.bbox[2] and key not in taken), None)  # type: ignore[index]
            if at is None:
                break
            taken[at] = text
        else:
            for (i, k), text in taken.items():
                slot = grid[i][k]
                if slot.cell.text:  # the rest of a cut cell's text: the cell goes on on the next page
                    grid[i][k] = slot._replace(cell=slot.cell._replace(text=join_text(slot.cell.text, text)),
                                               spilled=bottom)
                else:
                    grid[i][k] = slot._replace(cell=slot.cell._replace(text=text), full=False)
            return True
    return False


def _spills(slot: _Slot, cut: float, top: float, size: float) -> bool:
    """A line starting at `top` below a table's last rule at `cut` is the next of a cell's text drawn past the
    cut: it crosses the rule, or follows the cell's last line (reaching the rule, or drawn past it already)."""
    reach = SPILL_FULL if slot.full or slot.spilled else SPILL
    return bool(slot.cell.text) and abs(slot.cell.bbox[3] - cut) <= SNAP and (  # type: ignore[index]
        top < max(cut, slot.spilled) + reach * size)


@dataclass
class _Carried:
    """The last row a page printed outside ruled tables, where nothing came after it on the page: the next page
    may open with its rest (`page_rest`)."""

    row: TextRow
    first: int  # its first token
    em: float


def _emit_lines(out: Emitter, lines: list[list[Char]], em: float, carried: _Carried | None = None
                ) -> _Carried | None:
    """Lines outside tables, as the rows of a table printed without rules (`read/pdf_text.py`), with positions
    in character columns (half an em) so the rows read by column. A first row that is the rest of the row the
    page before ended with (`carried`) goes on in that row's cells. Returns the last row emitted."""
    rows = text_rows(lines)
    tokens = out.doc.tokens
    if carried is not None and rows and (pairs := page_rest(carried.row, rows[0], max(em, carried.em))):
        for k, j in pairs:
            at = carried.first + k
            tokens[at] = tokens[at]._replace(text=fold(normalise(joined_rest(carried.row.cells[k][0],
                                                                              rows[0].cells[j][0]))))
        rows = rows[1:]
    last = None
    for row in rows:
        first = len(tokens)
        out.words([(text, x0 / (em / 2), Gap.WIDE) for text, x0, _, _, _ in row.cells],
                  boxes=[(x0, top, x1, bottom) for _, x0, x1, top, bottom in row.cells])
        last = _Carried(row, first, em) if len(tokens) - first == len(row.cells) else None
    return last


def layout(pages: list[Page], file: str) -> Document:
    doc = Document(file=file)
    out = Emitter(doc)
    tables = [_tables(page) for page in pages]
    columns = _Columns(tables)
    furniture = _furniture(pages)
    foot: dict[float, float] = {}  # by page height: how low the document's tables reach (its bottom margin)
    for page, page_tables in zip(pages, tables, strict=True):
        for t in page_tables:
            foot[page.height] = max(foot.get(page.height, 0.0), t.box[3])
    stitcher = _Stitcher(out)
    carried: _Carried | None = None
    for n, (page, page_tables) in enumerate(zip(pages, tables, strict=True)):
        later = tables[n + 1] if n + 1 < len(tables) else []  # (a table cut by this page's end goes on there)
        out.new_page(page.number)
        em = statistics.median(c.size for c in page.chars) if page.chars else 10.0
        chars = page.chars
        if page_tables and stitcher.bottom:
            first = min(page_tables, key=lambda t: t.box[1])
            if all(_furniture_key(line) in furniture for line in _lines(
                    [c for c in chars if c.bottom <= first.box[1]])):
                chars = stitcher.overflow(chars, first.box)  # (the table opens the page: it may go on)
        claimed: dict[int, list[Char]] = {}
        free: list[Char] = []
        for ch in chars:
            cx, cy = ch.anchor or ((ch.x0 + ch.x1) / 2, (ch.top + ch.bottom) / 2)
            for k, t in enumerate(page_tables):
                x0, y0, x1, y1 = t.box
                if x0 <= cx <= x1 and y0 <= cy <= y1:
                    claimed.setdefault(k, []).append(ch)
                    break
            else:
                free.append(ch)
        grids = [_grid(t, claimed.get(k, []), columns) for k, t in enumerate(page_tables)]
        items = [_Item(t.box[1], table=t) for t in page_tables]
        lines = [line for line in _lines(free) if _furniture_key(line) not in furniture]
        lowest = max((c.bottom for line in lines for c in line), default=0.0)
        for line in lines:
            if _foot_number(line, lowest, page.width):
                continue
            if not _stray_label(line, page_tables, grids, page.height, bool(later)):
                items.append(_Item(min(c.top for c in line), line=line))
        run: list[list[Char]] = []  # consecutive lines outside tables
        for k, item in enumerate(sorted(items, key=lambda it: it.top)):
            if item.table is not None:
                if run:
                    _emit_lines(out, run, em, carried)
                    run = []
                carried = None
                stitcher.table(grids[page_tables.index(item.table)], k == 0,
                               item.table.box[3] >= max(foot[page.height] - FOOT_LINES * em,
                                                        FOOT_SHARE * page.height))
            elif item.line is not None:
                run.append(item.line)
                stitcher.other()
        # (the page's last lines, when they end it, may hold a row the next page's first lines go on with)
        carried = _emit_lines(out, run, em, carried) if run else None
    return doc


def _textless(page: Page) -> bool:
    """A page drawn without a text layer: a scan, or text turned into outlines (many glyphs' paths)."""
    return (bool(page.images) or page.paths >= OUTLINES) and not page.unmapped and len(page.chars) < FEW_CHARS


def _garbled(page: Page) -> bool:
    """A page whose fonts lost their Unicode maps: its text layer would be garbage, its glyphs are drawn right."""
    return page.unmapped >= FEW_CHARS and page.unmapped > BAD_TEXT * (len(page.chars) + page.unmapped)


def _pictured(page: Page) -> list[Box]:
    """Pictures on a text page with no text over them: a table pasted as a picture (a scan of the stamped form
    put into a Word document under its heading)."""
    if _textless(page) or _garbled(page) or _searchable_scan(page):
        return []
    return [box for box in page.pictures if len(page.inside(box)) < FEW_CHARS]


def _scans(path: Path, file: str, pages: list[Page], deadline: Deadline, notices: list[Notice]) -> list:
    """Pages and pictures read by OCR in place; the recognised boxes. Pages without a text layer — a scan
    (images; a few characters at most: a page number or a date stamped on it), or text turned into outlines (转曲:
    the glyphs drawn as paths) — and pages whose text layer cannot be mapped to Unicode (the page is drawn right,
    so it is read as a picture of itself); on text pages, large pictures without text over them, read into the
    page where they stand. Without the OCR extra, a document of pages without text is refused naming the extra,
    and such pages and pictures among text are left out with a warning saying so (garbled pages are refused or
    warned of by `read_pdf`)."""
    scanned = [k for k, p in enumerate(pages) if _textless(p)]
    garbled = [k for k, p in enumerate(pages) if _garbled(p)]
    pictured = {k: boxes for k, p in enumerate(pages) if (boxes := _pictured(p))}
    if not scanned and not garbled and not pictured:
        return []
    if not ocr.available():
        if scanned and all(not p.chars for p in pages):
            ocr.require(file, "PDF 没有文字层（扫描件，或文字转成了图形），")
        if scanned:
            where = "、".join(str(k + 1) for k in scanned)
            notices.append(Notice(f"第 {where} 页没有文字层（扫描页，或文字转成了图形），需要文字识别（OCR）才能读取，"
                                  f"未读取；请安装：{ocr.EXTRA}"))
        if pictured:
            where = "、".join(str(k + 1) for k in pictured)
            notices.append(Notice(f"第 {where} 页有大幅图片（可能是表格的扫描图或截图），其中的文字需要文字识别（OCR）"
                                  f"才能读取，未读取；请安装：{ocr.EXTRA}"))
        return []
    from jixiao.read.scan import rendered  # (the extra's image operations)

    boxes = []
    failed: dict[int, BaseException] = {}  # page (from 1) -> the recogniser's failure on it
    pdf = _open(path, file)
    try:
        for k in sorted(scanned + garbled):
            image, scale = rendered(pdf[k], ocr.RENDER_DPI, pages[k].turn)
            try:
                pages[k], found = ocr.scan_page(image, k + 1, scale, deadline)
            except ocr.FAILURES as exc:
                failed[k + 1] = exc
                continue
            boxes.extend(found)
        for k, pictures in list(pictured.items()):
            image, scale = rendered(pdf[k], ocr.RENDER_DPI, pages[k].turn)
            try:
                read = [_read_picture(pages[k], image, scale, picture, deadline) for picture in pictures]
            except ocr.FAILURES as exc:
                failed[k + 1] = exc
                del pictured[k]
                continue
            if not any(found is not None for found in read):
                del pictured[k]  # (photos, logos)
            boxes.extend(box for found in read for box in found or ())
    finally:
        pdf.close()
    if failed:  # (one page the recogniser cannot take costs that page, not the document's other pages)
        notices.append(Notice(f"{ocr.failed_pages(failed)}，该页未读取；其余页面已读取"))
        garbled = [k for k in garbled if k + 1 not in failed]
    if garbled:
        where = "、".join(str(k + 1) for k in garbled)
        notices.append(Notice(f"第 {where} 页的字体缺少可用的 Unicode 映射（文字层是乱码），"
                              "已按页面图像用文字识别（OCR）读取；识别结果请核对"))
    if pictured:
        where = "、".join(str(k + 1) for k in pictured)
        notices.append(Notice(f"第 {where} 页的大幅图片（表格的扫描图或截图）已用文字识别（OCR）读取；识别结果请核对"))
    return boxes


def _read_picture(page: Page, image: object, scale: float, picture: Box, deadline: Deadline) -> list | None:
    """One picture on a text page read by OCR, its characters and rules added to the page where it stands; the
    recognised boxes. None for a picture with too few lines of text to be a table (a photo, a logo: not read).
    (`image`: the page drawn, `scale` points a pixel.)"""
    deadline.check(f"第 {page.number} 页的图片")
    x0, top, x1, bottom = picture
    crop = image[int(top / scale):int(bottom / scale), int(x0 / scale):int(x1 / scale)].copy()  # type: ignore[index]
    if not ocr.has_text(crop):
        return None
    seen, found = ocr.scan_page(crop, page.number, scale, deadline)
    for ch in seen.chars:
        ch.x0, ch.x1, ch.top, ch.bottom = ch.x0 + x0, ch.x1 + x0, ch.top + top, ch.bottom + top
    page.chars.extend(seen.chars)
    page.horizontal.extend((y + top, a + x0, b + x0) for y, a, b in seen.horizontal)
    page.vertical.extend((x + x0, a + top, b + top) for x, a, b in seen.vertical)
    return [box._replace(box=(box.box[0] + x0, box.box[1] + top, box.box[2] + x0, box.box[3] + top))
            for box in found]


def _searchable_scan(page: Page) -> bool:
    """A scan with a text layer (a scanner's or a phone app's "searchable PDF": the page image, the recognised
    text invisible over it): its table's rules are pixels of the image, not paths."""
    return (any(page.share(box) >= SCAN_COVER and len(page.inside(box)) >= FEW_CHARS for box in page.pictures)
            and len(page.horizontal) + len(page.vertical) < MIN_PATHS)


def _image_rules(path: Path, file: str, pages: list[Page], deadline: Deadline) -> None:
    """The ruling lines of searchable scans, found in the page image as in a scan (`read/scan.py`); the page is
    straightened first and its characters moved with it. Needs the OCR extra's image operations; without it the
    text is read as a table printed without rules."""
    searchable = [k for k, p in enumerate(pages) if _searchable_scan(p)]
    if not searchable or not ocr.available():
        return
    from jixiao.read.scan import ink, rendered, rules, straightened

    pdf = _open(path, file)
    try:
        for k in searchable:
            deadline.allow(RULES_SECONDS)
            deadline.check(f"第 {k + 1} 页")
            page = pages[k]
            image, scale = rendered(pdf[k], RULES_DPI, page.turn)
            gray, matrix = straightened(ink(image))
            if matrix is not None:
                for ch in page.chars:  # the characters' centres moved as their pixels were
                    cx, cy = (ch.x0 + ch.x1) / 2 / scale, (ch.top + ch.bottom) / 2 / scale
                    dx = (matrix[0, 0] * cx + matrix[0, 1] * cy + matrix[0, 2] - cx) * scale
                    dy = (matrix[1, 0] * cx + matrix[1, 1] * cy + matrix[1, 2] - cy) * scale
                    ch.x0, ch.x1, ch.top, ch.bottom = ch.x0 + dx, ch.x1 + dx, ch.top + dy, ch.bottom + dy
            page.horizontal, page.vertical = rules(gray, scale)
    finally:
        pdf.close()


def read_pdf(path: Path, file: str) -> Document:
    deadline = Deadline(file)
    pages = extract(path, file, deadline)
    scanned = any(_textless(p) for p in pages)
    notices: list[Notice] = []
    boxes = _scans(path, file, pages, deadline, notices)
    _image_rules(path, file, pages, deadline)
    chars = sum(len(p.chars) for p in pages)
    unmapped = sum(p.unmapped for p in pages)
    if not chars and not unmapped:
        if scanned:
            raise InputError(file, "PDF 没有文字层（扫描件，或文字转成了图形），文字识别（OCR）也没有识别出文字")
        raise InputError(file, "PDF 中没有文字")
    if unmapped > BAD_TEXT * (chars + unmapped):
        raise InputError(file, f"PDF 的字体缺少可用的 Unicode 映射（ToUnicode 表缺失或损坏），{unmapped} 个字符无法"
                               "还原为文字，提取结果会是乱码；请使用原始文档（Word/Excel）或另行导出的 PDF"
                               + ("" if ocr.available() else f"，或安装文字识别（OCR）组件按页面图像读取：{ocr.EXTRA}"))
    pages, strips = join_strips(pages, CLIP_INSET)
    doc = layout(pages, file)
    doc.warnings.extend(notices)
    doc.warnings.extend(Notice(f"第 {strip} 页是第 {base} 页表格右侧的续页（工作表横跨多页打印），已拼接到该页右侧读取")
                        for strip, base in strips)
    if boxes:
        ocr.low_confidence(doc, boxes)
    if unmapped:
        doc.warnings.append(Notice(f"PDF 中有 {unmapped} 个字符缺少 Unicode 映射（字体 ToUnicode 表损坏），已略去；"
                                   "相关单元格的文字可能不完整"))
    return doc
