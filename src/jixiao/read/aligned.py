"""Column-aligned text (what `pdftotext -layout` makes of a PDF table) rebuilt into rows before it is read.

Such text is a PDF table printed in character columns: a cell that wraps in a narrow column prints its lines
below its first (`10.0` / `0`, `二级指` / `标`), and a row's one-line cells stand level with the top of its
tallest cell. That is the problem of a PDF table printed without rules (`read/pdf_text.py`), on a coarser grid,
so it is solved the same way: each character is placed where the text puts it (`pdftotext` gives every
character one column, an ideograph too; a line is a line's pitch), the page's rows are rebuilt by `text_rows`,
and each row's cells become the tokens of its first line, at their columns, which the assembler reads as
column-aligned text.
"""

from __future__ import annotations

import re
from collections import Counter

from jixiao.measures import is_measure
from jixiao.read.normalise import HALF_WIDTH, IDEOGRAPH, MIN_RUNNING, display_width
from jixiao.read.pdf_text import Char, other_values, text_rows

COLUMN = 6.0  # points: one character column of the text
HEIGHT = 10.0  # points: a character's height (one em): two spaces are a gap of more than an em
PITCH = 14.0  # points from one printed line to the next
WIDER = 0.3  # ems: a cell's next line is no wider than its first (on a grid of characters; half a column)
_WIDE_GAP = re.compile(r"\S {2,}\S")
ALIGNED_SHARE = 0.3  # of a page's lines holding several words: at least this many hold a wide gap
MIN_LINES = 8  # a page with fewer such lines is not a table printed in columns


def is_aligned(lines: list[str], least: int = MIN_LINES) -> bool:
    """Whether these lines (one page) are aligned by characters, as `pdftotext -layout` aligns them: many of them
    (`least` lines at least) hold cells apart by runs of spaces, and most of those cells start where a cell of a
    nearby line starts too when every character counts one column, more than when an ideograph counts two. Text
    aligned for a monospaced display keeps its lines (the assembler reads their columns as they stand), and so
    does text whose cells are only set apart by spaces."""
    spaced = [line for line in lines if " " in line.strip()]
    wide = wide_lines(spaced)
    if wide < least or wide < ALIGNED_SHARE * len(spaced):
        return False
    by_char, cells = _shared_starts(lines, wide=False)
    return by_char >= SHARED * cells and by_char > _shared_starts(lines, wide=True)[0]  # (the second only then)


def wide_lines(lines: list[str]) -> int:
    """How many lines hold cells set apart by a run of spaces: fewer than MIN_LINES tell nothing by themselves."""
    return sum(1 for line in lines if _WIDE_GAP.search(line))


def running_lines(pages: list[list[str]]) -> list[set[int]]:
    """Per page, its first and last printed lines when they hold words and are printed the same on MIN_RUNNING
    pages or more, half of them at least: a document's running header or footer (`上海市数据局 2023 年度部门决算`).
    Left out of the rebuilt rows (it would join the table's cells below or above it); the assembler reads it past
    unless it is a form's title."""
    edges = []
    for page in pages:
        printed = [k for k, line in enumerate(page) if line.strip()]
        edges.append({k: " ".join(page[k].split()) for k in {printed[0], printed[-1]}} if printed else {})
    counts = Counter(text for page_edges in edges for text in set(page_edges.values()))
    return [{k for k, text in page_edges.items() if counts[text] >= MIN_RUNNING and 2 * counts[text] >= len(pages)
             and any(ch.isalpha() for ch in text)} for page_edges in edges]


def unaligned_blocks(page: list[str]) -> set[int]:
    """The lines of the blocks (lines between blank lines) of aligned text without page breaks that are long
    enough to judge and hold cells set apart by single spaces only: a table a text-mode browser could not fit in
    its width, printed a row per line after one it could align (`lynx -dump`), keeps its lines (side-by-side
    texts, apart by runs of spaces but starting nowhere alike, stay the page's)."""
    out: set[int] = set()
    k = 0
    while k < len(page):
        end = k
        while end < len(page) and page[end].strip():
            end += 1
        block = page[k:end]
        spaced = [line for line in block if " " in line.strip()]
        if len(spaced) >= MIN_LINES and sum(1 for line in spaced if _WIDE_GAP.search(line)) < ALIGNED_SHARE * len(
                spaced):
            out.update(range(k, end))
        k = end + 1
    return out


def _chars(line: str, top: float, apart: int = -1, starts: frozenset[int] = frozenset()) -> list[Char]:
    """The line's characters, each a column wide (`pdftotext` counts an ideograph one column too). A space the
    text prints between words (`_text_space`) is marked on the character after it: Chinese text puts no other
    space inside a cell, and `pdftotext` often leaves only one between two cells (`项目资金(万元) 年初预算数`).
    `apart`: the column of a character after a space that parts two cells all the same (`_stacked_words`);
    `starts`: the page's columns (`_column_starts`), where a space before a number that is a cell of its own (a
    run of spaces after it, or after its measure) parts two cells too (`370 万 5   5`: a 实际完成值 filling its
    narrow column, its 分值 one space after it; `≤396 万元 396 万元`; not `12 月底前`, a number and its measure,
    nor `举办 2024 全球…`, a number in a text)."""
    out: list[Char] = []
    x = 0.0
    after_space = False
    for col, ch in enumerate(line):
        if ch == " ":
            after_space = True
        else:
            spaced = after_space and bool(out) and col != apart and _text_space(out[-1].text, ch) and not (
                col in starts and line[col - 2] != " " and _NUMBER_START.match(ch) and not _latin(out[-1].text)
                and out[-1].text not in _BEFORE_NUMBER and _LONE_VALUE.match(line, col)) and not (
                _LONE_NUMBER.search(line, 0, col) and IDEOGRAPH.match(ch) and not _measured(line[col:col + 4]))
            out.append(Char(ch, x, x + COLUMN, top, top + HEIGHT, spaced=spaced))
            after_space = False
        x += COLUMN
    return out


_CELL_START = re.compile(r" {2,}(\S+(?: \S+)*)")  # a cell after a run of spaces (not the line's first)
SHARED = 0.8  # of those cells at least this share start where a cell of a nearby line starts too
NEARBY = 3  # lines above and below


def _shared_starts(lines: list[str], wide: bool) -> tuple[int, int]:
    """(cells starting at a column where a cell of a line nearby starts too, or ending where one ends — numbers
    set right-aligned —, cells after a run of spaces), columns counted one per character or (wide) as a
    monospaced display counts them (an ideograph two)."""
    spans = [_spans(line, wide) if "  " in line else () for line in lines]
    starts = [{at for at, _ in here} for here in spans]
    ends = [{end for _, end in here} for here in spans]
    shared = 0
    for k, here in enumerate(spans):
        near = [j for j in range(max(0, k - NEARBY), min(len(spans), k + 1 + NEARBY)) if j != k]
        for at, end in here:
            if any(at in starts[j] or end in ends[j] for j in near):
                shared += 1
    return shared, sum(len(here) for here in spans)


def _spans(line: str, wide: bool) -> tuple[tuple[int, int], ...]:
    """The (start, end) columns of a line's cells after a run of spaces."""
    if not wide:
        return tuple(m.span(1) for m in _CELL_START.finditer(line))
    out = []
    width = end = 0
    for m in _CELL_START.finditer(line):
        width += display_width(line[end:m.start(1)])
        start = width
        width += display_width(m.group(1))
        end = m.end(1)
        out.append((start, width))
    return tuple(out)


_STACKED = re.compile(r"^ *([\u3400-\u9fff]{1,4}) (?=[0-9A-Za-z])")  # a line's first word, short, then a number


def _stacked_words(lines: list[str]) -> dict[int, int]:
    """Line -> the column after a space that parts two cells though a number follows it: a line's short first
    word whose line above or below starts with a word of ideographs in its columns exactly (`项目 2024 年…经费`
    over `名称`: a narrow label cell wrapped beside its value; not `完成 235 次` over `任务。`)."""
    out: dict[int, int] = {}
    for k, line in enumerate(lines):
        if m := _STACKED.match(line):
            start, end = m.span(1)
            for other in lines[max(0, k - 1):k] + lines[k + 1:k + 2]:
                word = other[start:end]
                if (word and all(IDEOGRAPH.match(ch) for ch in word) and not other[:start].strip()
                        and not other[end:end + 2].strip()):
                    out[k] = end + 1
                    break
    return out


_NUMBER_START = re.compile(r"[\d=≥≤<>+-]")
# a number that is a cell: a run of spaces after it, or after its measure word (`396 万元`); not one ending a line
# (`…举办 65` / `场…`: a text wrapped)
_LONE_VALUE = re.compile(r"[=≥≤<>]?[-+]?\d[\d,.]*%?(?: ?[^\s\d，。、；：,;:]{1,4})? {2,}")
_BEFORE_NUMBER = frozenset("于过到达约共第")  # a word a number goes on (`不低于 90%`, `共 3 场`): one cell
COLUMN_LINES = 3  # lines at least whose cells start at a column, after a run of spaces: a column of the page


def _column_starts(lines: list[str]) -> frozenset[int]:
    """The page's columns: where the cells of COLUMN_LINES lines or more start after a run of spaces."""
    counts = Counter(m.start(1) for line in lines if "  " in line for m in _CELL_START.finditer(line))
    # (a column's cells start a column off where narrow characters stand before them: `370 万 5`, `达成指标 2`)
    return frozenset(col + d for col, n in counts.items() if n >= COLUMN_LINES for d in (-1, 0, 1))


def _latin(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


_CLOSING = frozenset("，。；：、！？）」』”’》】,.;:!?)%")  # marks that end a word: no cell starts with one


def _text_space(before: str, after: str) -> bool:
    """A space the text itself prints: beside a letter or digit that stands by a word (`2024 年度`, `235 次`),
    after a Western comma, semicolon or colon (`实施, 对`), or before a mark that closes what precedes it (`实施
    ，满足`: `pdftotext` spaces out the full-width punctuation of justified lines); not at a dash or sign (`98.4 -`:
    two cells)."""
    return ((_latin(before) and after.isalnum()) or (_latin(after) and before.isalnum()) or before in ",;:"
            or after in _CLOSING)


# a number that is a cell of its own so far (the line's first word, or after a run of spaces), a space after it:
# the words of ideographs after it are the next cell's (`5    0 外埠出差增多。`: a 得分 and a 偏差原因) unless they
# open with its measure (`235 次`, `2024 年度`, `20 万元`)
_LONE_NUMBER = re.compile(r"(?:^|  )[=≥≤<>]?[-+]?\d[\d,.]*%? $")
_AFTER_NUMBER = frozenset("年月日号万亿千百多余")


def _measured(word: str) -> bool:
    return word[:1] in _AFTER_NUMBER or any(is_measure(word[:k]) for k in range(1, len(word) + 1))


def _tops(lines: list[str]) -> tuple[list[float], set[int]]:
    """Each line's height on the page. A line whose words stand where the lines above and below it print nothing,
    those two lines going on in some column (`２０．０` / `数量指标` / `０`), is printed between them: a label centred
    in a row's height, whose baseline `pdftotext` gave a line of its own. It stands half a line below the one
    above, and the line after it half a line further, so a cell's lines stay a line apart. Returns the heights
    and the lines printed between two."""
    tops: list[float] = []
    between: set[int] = set()
    for k, line in enumerate(lines):
        half = 0 < k < len(lines) - 1 and k - 1 not in between and _between(lines[k - 1], line, lines[k + 1])
        if half:
            between.add(k)
        tops.append(tops[-1] + (PITCH / 2 if half or k - 1 in between else PITCH) if tops else 0.0)
    return tops, between


def _between(above: str, line: str, below: str) -> bool:
    """`line`'s cells all stand over spaces of the lines around it, and those overlap in some column, no value
    over another."""
    if not line.strip() or not above.strip() or not below.strip():
        return False
    cells, over, under = _cells(line), _cells(above), _cells(below)
    if any(_overlap(a, b) for a in cells for b in (*over, *under)):
        return False
    # (the lines around stand on together: no value of the one over a value of the other, `3` over `2`: two rows)
    together = [(a, b) for a in over for b in under if _overlap(a, b)]
    return bool(together) and not any(other_values(a[2], b[2]) for a, b in together)


_CELL = re.compile(r"\S+(?: \S+)*")


def _cells(line: str) -> list[tuple[int, int, str]]:
    """A line's cells (runs of characters apart by two spaces or more): start, end, text."""
    return [(m.start(), m.end(), m.group()) for m in _CELL.finditer(line)]


def _overlap(a: tuple[int, int, str], b: tuple[int, int, str]) -> bool:
    """Whether two cells of lines one above the other share columns. Text set a character a column prints a
    narrow character as wide as an ideograph, so a cell ending in digits or letters (a right-aligned number) runs
    on past where it ends on the page: the next column's cell on the line above may start in its last columns,
    as many as half its narrow characters."""
    first, second = (a, b) if a[0] <= b[0] else (b, a)
    shared = min(first[1], second[1]) - second[0]
    if shared <= 0:
        return False
    return second[0] <= first[0] or shared > sum(1 for ch in first[2] if ch.isascii()) // 2 or second[1] <= first[1]


def rebuild(lines: list[str]) -> dict[int, list[tuple[str, int]]]:
    """One page of column-aligned lines as rows: for the line where each row starts, its cells (text, display
    column; rows starting on one line are one: cells of two, three lines centred apart). A cell stands at twice
    its column: a cell of n characters takes at most 2n display columns and the next one stood at least n + 1
    columns on, so every row keeps the header's columns."""
    # full-width digits and signs as `fold` folds them, a character for a character (the grid stays): a number
    # a narrow column broke (`１０．０` / `０`) is joined as one
    lines = [line.translate(HALF_WIDTH) for line in lines]
    apart = _stacked_words(lines)
    starts = _column_starts(lines)
    tops, between = _tops(lines)
    line_at = {top: k for k, top in enumerate(tops)}
    placed = [_chars(line, tops[k], apart.get(k, -1), starts) for k, line in enumerate(lines)]
    out: dict[int, list[tuple[str, int]]] = {}
    for row in text_rows([chars for chars in placed if chars], wider=WIDER):
        first = min(line_at[top] for _, _, _, top, _ in row.cells)
        if first in between and first - 1 in out and all(line_at[top] == first for _, _, _, top, _ in row.cells):
            first -= 1  # labels centred in the row above's height (their line printed between its two)
        out.setdefault(first, []).extend((cell.replace("\n", ""), 2 * round(x0 / COLUMN))
                                         for cell, x0, _, _, _ in row.cells)
    return {k: sorted(cells, key=lambda c: c[1]) for k, cells in out.items()}
