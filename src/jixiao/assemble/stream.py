"""From the reader's token stream to forms and their sections, by the form's own words.

Empty cells are folded into the next unit (`empties`), so every unit has text but the position of a blank
cell is still known. Labels that the layout cut into pieces ('年度' '总体' '目标', '绩效指' … '标') are joined
into one unit when together they make a label. Forms start at their title (the last one before a form body:
a page header or a web page that merely names a 自评表 starts nothing) or, without a title, at a second
项目名称; sections start at their labels wherever they stand, not only in a row's first cell.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from jixiao.assemble.lexicon import (
    IGNORED,
    Lexicon,
    fold,
    is_decoration,
    is_lead,
    is_points_only,
    label_key,
    match_prefixes,
    select,
)
from jixiao.assemble.text import GRADE_WORD, brackets, number
from jixiao.read.grid import words_apart
from jixiao.read.normalise import MIN_RUNNING, is_page_number
from jixiao.read.tokens import Document, Gap, is_certain

_YEAR = re.compile(r"((?:19|20)\d{2})\s*年度?")
# (also a bare year in brackets after a title: '…自评表(2023)'; and the brackets with the year's digits taken out
# of them, '…自评表（ 年度）', where a PDF's text put the digits, in a font of their own, on a line apart, or a
# blank template's '（____年度）')
_TITLE_YEAR = re.compile(r"(?:[(（]?((?:19|20)\d{2})年度?[)）]?|[(（]((?:19|20)\d{2})[)）]|[(（]_*年度?[)）])$")
_ATTACHMENT = re.compile(r"^附件\d*[:：]?")
_CONTINUED = re.compile(r"[(（]续表?[)）]$|续表?$")  # a title repeated where a page goes on with the table
_ENDED = re.compile(r".*[)）。]")  # what ends before a title: a bracket closed, a sentence (the last of them)
_BRACKETED = re.compile(r"[(（][^()（）]*[)）]")
_OPEN_YEAR = re.compile(r"[(（](?:(?:19|20)\d{2})?$")  # a year opened in brackets at a unit's end (its digits
# may be on a line apart: '…自评表（' '年度）')
_YEAR_REST = re.compile(r"^年度?[)）]")
_OPEN_YEAR_WORD = re.compile(r"[(（](?:19|20)\d{2}年$")  # … or with its 年, its 度 set apart ('（2023年' '度）')
_YEAR_WORD_REST = re.compile(r"^度[)）]")
_YEAR_START = re.compile(r"^[(（]?(?:19|20)\d{2}$")
BARE_YEAR = re.compile(r"^(?:19|20)\d{2}$")
_YEAR_ONLY = re.compile(r"^(?:[(（]?(?:19|20)\d{2}年度?[)）]?|[(（](?:19|20)\d{2}[)）])$")


class Unit(NamedTuple):
    """A filled cell or cell fragment of the stream, with what the assembler asks of it (a named tuple: there
    are thousands per document)."""

    text: str
    key: str  # fold(text)
    gap: Gap
    line: int
    row: int  # source row
    col: int | None
    x: float
    certain: bool  # the boundary before it is a certain cell boundary
    empties: int = 0  # empty certain cells right before it, in its row
    span: int = 1  # source rows the cell covers (a merged cell of HTML, Word, Excel or PDF)
    page: int | None = None  # 1-based page of paged input (PDF, Word at its page breaks, a workbook's sheet)
    box: tuple[float, float, float, float] | None = None  # (x0, top, x1, bottom) in points, where the reader knows


@dataclass
class Section:
    kind: str  # head, funds, goals, indicators, total, grade, tail
    units: list[Unit] = field(default_factory=list)
    anchor: Unit | None = None


@dataclass
class FormUnits:
    title: str | None
    units: list[Unit]
    title_unit: Unit | None = None


@dataclass
class Fragment:
    """Rows not read as a form: the tail of a form whose head is not in the document (cut off before the
    excerpt), a table of another kind published beside the forms (`title`: '部门整体支出绩效自评表'), or a form's
    title with nothing of a form after it (`empty`: a page that prints the title, then only the form's notes)."""

    first_line: int
    last_line: int
    title: str | None = None
    empty: bool = False

    @property
    def message(self) -> str:
        if self.empty:
            return f"“{self.title}”之后没有读到表格内容（项目名称、项目资金、绩效指标），未作为自评表读入"
        if self.title:
            return f"“{self.title}”不是项目支出绩效自评表，未作为自评表读入"
        return "表格的后半部分（其表头不在本文件中，可能是上一页或上一份文件的续表），未作为自评表读入"


def source_rows(units: list[Unit]) -> list[list[Unit]]:
    """Units grouped by the source row (printed line or table row) they stand on."""
    rows: list[list[Unit]] = []
    for u in units:
        if rows and rows[-1][-1].row == u.row:
            rows[-1].append(u)
        else:
            rows.append([u])
    return rows


def blank_merges(doc: Document) -> list[tuple[int, int, int]]:
    """(col, first row, last row) of each empty merged cell the source defines — a label column merged over rows
    that print no label — but for one touching a break of the table (a page break, or blank lines where a page
    break was): opening a part (on its first row, or below a header repeated there) or closing one, it is a piece
    of a merged label printed on the other side of the break."""
    empty = [tok for tok in doc.tokens if not tok.text and tok.row_span > 1 and tok.col is not None]
    if not empty:  # most documents: no merged cell left empty (text never has one)
        return []
    since_page: dict[int, int] = {}  # row -> rows since the last break
    before_page: set[int] = set()  # rows right before a break
    count = 0
    last_row = -1
    for tok in doc.tokens:
        if tok.row != last_row:
            if tok.gap >= Gap.BLANK:
                before_page.add(last_row)
                count = 0
            else:
                count += 1
            last_row = tok.row
            since_page[tok.row] = count
    return [(tok.col, tok.row, tok.row + tok.row_span - 1) for tok in empty
            if since_page[tok.row] > 1 and tok.row + tok.row_span - 1 not in before_page]


def units_of(doc: Document) -> list[Unit]:
    out: list[Unit] = []
    append = out.append
    new = tuple.__new__  # thousands of units per document: the cheapest way to build one
    empties = 0
    last_row = -1
    row_gap = Gap.LINE  # the gap before a row belongs to its first filled cell
    # every field named: a starred unpacking would build a list per token
    for text, gap, line, row, col, x, page, row_span, _col_span, bbox in doc.tokens:
        if row != last_row:
            empties, last_row, row_gap = 0, row, gap
        if not text:
            empties += 1
            continue
        certain = is_certain(gap, col)
        if row_gap > gap:
            gap = row_gap
        row_gap = Gap.SPACE
        append(new(Unit, (text, fold(text), gap, line, row, col, x, certain, empties, row_span, page, bbox)))
        empties = 0
    return out


def without_running_lines(units: list[Unit], lex: Lexicon) -> list[Unit]:
    """A line of words printed the same at the top (or foot) of page after page, half of them at least: the
    document's running header (`上海市数据局 2023 年度部门决算`), no cell of the form. It is read past, the page
    break staying where it was, so a row the break cut joins its rest. A title, a heading or a label of the
    templates is kept (a form to a page opens each page with its title; a table's header repeated after each
    break), and so is a grade (a form to a page ends each page with its '评分等级 | 优')."""
    n = len(units)
    starts = [0] + [i for i in range(1, n) if units[i].gap == Gap.PAGE]
    if len(starts) < MIN_RUNNING:
        return units
    edges: list[tuple[int, int]] = []  # (first, end) of each page's first and last printed line
    for start in starts:
        end = start
        while end < n and units[end].row == units[start].row:
            end += 1
        edges.append((start, end))
        first = start
        while first > 0 and units[first - 1].row == units[start - 1].row:
            first -= 1
        if first < start:
            edges.append((first, start))
    keys = ["".join(u.key for u in units[a:b]) for a, b in edges]
    lines = dict(zip(keys, edges, strict=True))  # (a line of each text, for its words)
    running = {key for key, count in Counter(keys).items()
               if count >= MIN_RUNNING and 2 * count >= len(starts) and any(ch.isalpha() for ch in key)
               and not GRADE_WORD.match(key) and not _form_words(key, units[lines[key][0]:lines[key][1]], lex)}
    if not running:
        return units
    dropped = {i for (a, b), key in zip(edges, keys, strict=True) if key in running for i in range(a, b)}
    out: list[Unit] = []
    carried = Gap.SPACE
    for i, u in enumerate(units):
        if i in dropped:
            carried = max(carried, u.gap)
            continue
        out.append(u._replace(gap=carried) if carried > u.gap else u)
        carried = Gap.SPACE
    return out


def _form_words(key: str, line: list[Unit], lex: Lexicon) -> bool:
    """A printed line that is, or holds, a title, a heading or a label of the templates, or begins one."""
    whole = line[0]._replace(key=key)
    return bool(title_of(whole, lex) or form_word(key, lex) or key in lex.prefixes
                or any(title_of(u, lex) or form_word(u.key, lex) or u.key in lex.prefixes for u in line))


def join_cut_rows(units: list[Unit], lex: Lexicon) -> list[Unit]:
    """A table's row the page break cut, the rests of its cells a row of their own at the top of the next page,
    where the reader saw no sign of the cut (a producer closing the table at the page's foot, cells centred in
    their rows): the form's words tell, a label cut in two (`主管部` / `门`, `实施单` / `位`). Where every cell of the
    page's first row stands under a cell of the row above, none a number under a number (a row of the table's own
    prints its numbers again), and one of them completes a label the cell above begins (a merged label cut so is
    the reader's to join), the two rows are one, each cell's rest joined to it."""
    starts = [i for i, u in enumerate(units) if u.gap == Gap.PAGE and u.col is not None and i]
    if not starts:
        return units  # (no table goes on over a page: most documents)
    out = list(units)
    for start in reversed(starts):
        end = start
        while end < len(out) and out[end].row == out[start].row and out[end].col is not None:
            end += 1
        first = start
        while first and out[first - 1].row == out[start - 1].row and out[first - 1].col is not None:
            first -= 1
        above = {u.col: k for k, u in enumerate(out[first:start], first)}
        rests = out[start:end]
        if not all(u.col in above and not (number(u.key) is not None and number(out[above[u.col]].key) is not None)
                   for u in rests) or not any(
                out[above[u.col]].span == 1 and _cut_label(out[above[u.col]].key, u.key, lex) for u in rests):
            continue
        for u in rests:
            k = above[u.col]
            text = out[k].text + (" " if words_apart(out[k].text, u.text) else "") + u.text
            out[k] = out[k]._replace(text=text, key=fold(text))
        del out[start:end]
    return out


def _cut_label(head: str, rest: str, lex: Lexicon) -> bool:
    """`head` and `rest` are one label of the form's words cut in two, neither one alone."""
    whole = label_key(head + rest)
    return whole in lex.words and label_key(head) in lex.prefixes and label_key(head) not in lex.words and (
        label_key(rest) not in lex.words)


def join_around_lines(units: list[Unit], lex: Lexicon) -> list[Unit]:
    """Cells centred in their row's height, taken out line by line with single spaces (pdfplumber's text of a
    browser's PDF): a cell of two lines prints its first on the line above the row's other cells and its second
    on the line below ('产出 质量指' / '年终预算执行率 ≥90(%) 99.49% 10.00 10.00' / '指标 标'). A line whose pieces,
    joined in order to those of the line after next, make labels of the templates (their leftmost always; after
    them one other text may run on: the row's name, '全市重点工作完成' / '率') around a line of more cells is such a
    pair: the joined cells stand at the start of the line between, in their order — but a heading of a value
    column ('执行率' / '(%)', '偏差原因分析及' / '改进措施') among that line's headings, in the template's order.
    Sentences so joined after them (a 偏差原因 centred beside a row that ends with its 得分: '受天气影响部分工作延期，
    下' / '产出指标 数量指标 培训场次 ≥80% 80% 0.50 0.00' / '年度提前谋划。', a workbook printed) stand at its end."""
    rows = source_rows(units)
    if len(rows) < 3:
        return units
    out: list[Unit] = []
    k = 0
    while k < len(rows):
        if k + 2 < len(rows) and (joined := _around(rows[k], rows[k + 1], rows[k + 2], lex)) is not None:
            first, headings, last = joined
            line = [*first, *rows[k + 1], *last]
            for cell, place in headings:  # before the first heading the template prints after it, else at the end
                at = next((j for j, u in enumerate(line) if (p := _column_place(u.key, lex)) is not None
                           and p > place), len(line))
                line.insert(at, cell)
            mid = rows[k + 1]
            gap = rows[k][0].gap
            out.extend(u._replace(gap=gap if j == 0 else Gap.SPACE, line=mid[0].line, row=mid[0].row)
                       for j, u in enumerate(line))
            k += 3
            continue
        out.extend(rows[k])
        k += 1
    return out


def _around(above: list[Unit], mid: list[Unit], below: list[Unit], lex: Lexicon
            ) -> tuple[list[Unit], list[tuple[Unit, tuple[int, int]]], list[Unit]] | None:
    """The cells a line and the line after next make, joined in pairs, where they are cells centred around the
    line between (`join_around_lines`): (the cells that open the line between, the headings of value columns
    with their places in the template, the sentences that end it), or None. Level labels may open the line
    above before a sentence's first piece: labels centred in their spans, on the line of the row's first
    (`质量指标 项目实施进度偏慢，将加强跟` / `产出指标 电子档案数字化率 … 8.00 0.01` / `踪督导。`); they open the line
    between."""
    lead = above[:max(0, len(above) - len(below))]
    if lead and all(lex.level(u.key) for u in lead):
        above = above[len(lead):]
    else:
        lead = []
    if len(above) != len(below) or len(mid) <= len(above) or any(u.certain for u in (*above, *mid, *below)):
        return None  # (the line between is a row's: it holds more cells than the pieces around it)
    if any(u.gap > Gap.SPACE for line in (above, mid, below) for u in line[1:]):
        return None  # (a wide gap: text aligned in columns, read by the columns' positions)
    if not below or label_key(mid[-1].key + below[0].key) in lex.words:
        return None  # (the line below finishes the line between's last label: cells taken out one after another,
        # `二级` / `指标` / `三级指标 年度指标` / `值`)
    first: list[Unit] = []
    headings: list[tuple[Unit, tuple[int, int]]] = []
    last: list[Unit] = []
    free = 1  # one text that is no label may run on after the labels (a name wrapped in its cell)
    # the line between ends with a value (its text column is blank), the three lines set one under the other
    scored = number(mid[-1].key) is not None and mid[0].gap <= Gap.LINE and below[0].gap <= Gap.LINE
    for a, b in zip(above, below, strict=True):
        if number(a.key) is not None or number(b.key) is not None:
            return None
        text = a.text + b.text
        key = fold(text)
        if (scored and text.endswith(_SENTENCE_MARKS) and not a.text.endswith(_SENTENCE_MARKS)
                and not lex.level(a.key) and a.key not in lex.prefixes):  # (a label over a row's wrapped text)
            last.append(a._replace(text=text, key=key))
            continue
        if last:
            return None  # sentences end the line: nothing after them opens it
        if label_key(a.key) in lex.words and brackets(a.key) <= 0 and not (
                _column_place(a.key, lex) is not None and is_decoration(b.key) and not any(c.isdigit() for c in b.key)):
            return None  # a whole label already, but for a heading's unit below ('执行率' / '(%)'; not '评分等级'
            # over a title and its year, '(2021年度)', nor a level label over a value's unit)
        if label_key(key) in lex.words or lex.level(key):
            if not free:
                return None  # labels before the text that runs on, not after it
            cell = a._replace(text=text, key=key)
            if (place := _column_place(key, lex)) is not None:
                headings.append((cell, place))  # a value column's: among the line's headings, in the template's order
            else:
                first.append(cell)
        elif free and first:
            free -= 1
            first.append(a._replace(text=text, key=key))
        else:
            return None
    if lead:  # (only before sentences that end the line between)
        return (lead, [], last) if last and not first and not headings else None
    return (first, headings, last) if first or headings or last else None


_SENTENCE_MARKS = ("。", "；", "！", "？")  # a text ending in one is a sentence: no name nor label ends so
_FUND_ORDER = ("initial_budget", "annual_budget", "executed", "weight", "execution_rate", "score")
_INDICATOR_ORDER = ("target", "actual", "weight", "score", "deviation", "remark")


def _column_place(key: str, lex: Lexicon) -> tuple[int, int] | None:
    """Where the template prints a heading of a value column (the fund table's or, after its labels and names,
    the indicator table's): (table, place), or None for any other word."""
    if (col := lex.fund_column(key)) in _FUND_ORDER:
        return 0, _FUND_ORDER.index(col)
    if (col := lex.indicator_column(key)) in _INDICATOR_ORDER:
        return 1, _INDICATOR_ORDER.index(col)
    return None


def is_footer(units: list[Unit]) -> bool:
    """Units that together print a page's footer ('- 3 -', '第 2 页', in one piece or in words)."""
    return is_page_number(" ".join(u.text for u in units), beside_form_feed=False)


def bare_number(u: Unit, least: int, certain_too: bool = False) -> bool:
    """A plain bare number from `least` to 999: the shape of a page's number (`certain_too`: also as a certain
    cell, as column-aligned text realigns every unit)."""
    return (certain_too or not u.certain) and u.key.isdecimal() and least <= int(u.key) < 1000


def footer_at(units: list[Unit], i: int) -> int:
    """How many units from `i` on print a page's footer in words or in one piece (0: none)."""
    return next((k for k in (3, 2, 1) if i + k <= len(units) and is_footer(units[i:i + k])), 0)


MAX_TITLE = 40  # characters of a title
MAX_PIECES = 12  # a label cut into pieces has at most this many ('上 年 结 转 资 金', a character each)


MAX_STITCHED = 24  # characters of two labels joined


def split_stitched_labels(units: list[Unit], lex: Lexicon) -> list[Unit]:
    """Two merged labels of one level joined across a page break (`经济效益指标生态效益指标`): a page's last block
    label whose lines fill its cell, and the next page's first, whose text starts at its cell's top, read as one
    label cut by the break (a PDF's geometry does not tell the two apart). Where the text is two whole labels of one
    level, each is a label of its own over its page's rows of the span."""
    if not any(u.span > 1 and u.page is not None for u in units):
        return units  # (no merged cell of paged input: most documents)
    out = list(units)
    for k in range(len(out) - 1, -1, -1):
        u = out[k]
        if u.span < 2 or u.page is None or len(u.key) > MAX_STITCHED or lex.level(u.key):
            continue
        j = next((j for j in range(2, len(u.key) - 1) if (a := lex.level(u.key[:j])) and (
            b := lex.level(u.key[j:])) and (a in lex.levels) == (b in lex.levels)), None)
        # (the first unit of the span on a later page: where the second label's rows begin)
        turned = next((v for v in units if u.row < v.row < u.row + u.span and v.page is not None
                       and v.page > u.page), None)
        if j is None or turned is None or len(u.text) != len(u.key):
            continue
        later = turned.row
        first = u._replace(text=u.text[:j], key=u.key[:j], span=later - u.row)
        second = u._replace(text=u.text[j:], key=u.key[j:], span=u.row + u.span - later, row=later,
                            page=turned.page)
        at = next((i for i in range(k + 1, len(out)) if out[i].row >= later), len(out))
        out[at:at] = [second]
        out[k] = first
    return out


def join_split_labels(units: list[Unit], lex: Lexicon) -> list[Unit]:
    """Join pieces of one label cut over lines or spaces ('年度' '总体' '目标', '(2023' '年度)'), never across
    certain cells: a run of pieces that each keep it a beginning of a label word and end by completing one."""
    out: list[Unit] = []
    units = list(units)  # (a unit below a label may give the label its rest: `_cut_below`)
    n = len(units)
    prefixes = lex.prefixes
    after = 0  # the units before this were joined into the last one out
    taken: set[int] = set()  # second pieces of labels wrapped in their column, joined to their first piece
    row_end = [n] * n  # where each unit's printed line ends (one pass, not a scan per unit)
    for k in range(n - 2, -1, -1):
        row_end[k] = k + 1 if units[k + 1].row != units[k].row else row_end[k + 1]
    continued = _continued_lines(units, lex, row_end)
    taken.update(continued.values())
    for i, u in enumerate(units):
        if u.certain and i >= after and (i + 1 == n or units[i + 1].certain) and i not in taken:
            out.append(u)  # a cell of a table, the next one too: nothing joins it (most units of a table)
            continue
        if i < after and i in continued:  # (a label joined into a run of pieces: its piece below ends the run's)
            last = out[-1]
            text = last.text + _rests(units, continued, i)
            out[-1] = last._replace(text=text, key=fold(text))
        if i < after or i in taken:
            continue
        key = u.key
        if i in continued:
            text = u.text + _rests(units, continued, i)
            out.append(u._replace(text=text, key=fold(text)))
            continue
        if ((key[-1:].isdigit() or key[-1:] in "(（年") and i + 1 < n and not units[i + 1].certain
                and units[i + 1].row == u.row and (_OPEN_YEAR.search(key) and _YEAR_REST.match(units[i + 1].key)
                                                   or _OPEN_YEAR_WORD.search(key)
                                                   and _YEAR_WORD_REST.match(units[i + 1].key))):
            # a title's year cut at the space a PDF's text puts after its digits ('…自评表（2023' '年度）'), or
            # around the place of digits it put on a line apart ('…自评表（' '年度）'), or between its characters
            # spaced out ('（2023年' '度）')
            text = u.text + units[i + 1].text
            out.append(u._replace(text=text, key=fold(text)))
            after = i + 2
            continue
        if len(key) == 1 and not u.certain and (spread := _spaced_title(units, i, lex)):
            parts = units[i:spread]  # a title printed with a space between its characters ('财 政 项 目 … 自 评 表')
            text = "".join(p.text for p in parts)
            out.append(u._replace(text=text, key=fold(text)))
            after = spread
            continue
        if 2 <= len(key) <= 4 and i + 1 < n and (across := _read_across(u, units[i + 1], lex)) is not None:
            out.append(across)
            after = i + 2
            continue
        led = key[:1] in _LEADS and label_key(key) in prefixes  # ('其中：当年' '财政拨款': a label after its lead)
        if (key[:1] in "(（" and out and not u.certain and is_decoration(key) and not is_points_only(key)
                and not is_year_only(key) and not out[-1].certain and label_key(out[-1].key) in lex.words
                and (u.gap >= Gap.LINE or _table_heading(out[-1].key, lex))):
            last = out[-1]  # a label's decoration wrapped onto a line of its own ('执行率' / '(%)'), or a heading's
            # a space after it where its cell's lines were joined ('年初目标值 (A)'); not the points a lost label
            # leaves on a line of their own: '(10分)', nor a title's year drawn after the table ('评分等级' /
            # '（2024年度）'); not a value in brackets after a head label
            out[-1] = last._replace(text=last.text + u.text, key=fold(last.text + u.text))
            continue
        if key not in prefixes and not _YEAR_START.match(key) and not led:
            # most units: no beginning of a label (but '其中：当年财' / '政拨款', a label after its lead)
            out.append(_with_below(units, i, lex, taken, row_end) if key[:1] in _LEADS and not u.certain else u)
            continue
        joined = None
        whole = form_word(key, lex)  # a whole label already: it runs on only into a longer word of the templates
        for j in range(i + 1, min(n, i + MAX_PIECES)):
            nxt = units[j]
            longer = key + nxt.key
            spread = nxt.gap == Gap.WIDE and len(nxt.key) == 1 and len(key) == j - i  # ('分    值', 分散对齐)
            if nxt.certain or (nxt.gap in (Gap.WIDE, Gap.PAGE) and not spread) or (
                    form_word(nxt.key, lex) and longer not in lex.words and longer not in prefixes):
                break  # a column boundary, or a label of its own ('执行率' '得分'; but '实际' '完成值' is one)
            if nxt.key.isdigit() and form_word(key, lex):
                break  # a whole label, then a number: a row's first cell ('偏差原因' '1'), not the label's end
            if lex.two_labels(key, nxt.key):
                break  # a 一级 label, then a 二级 one: a row's two labels ('产出' '数量'), not the 二级 产出数量
            key = longer
            if _whole_label(key, lex) and (not whole or key in lex.words):  # ('自评结果' '优': a label, a value)
                joined = j  # the longest label the pieces make ('可持续影响' + '指标')
            if key not in prefixes and label_key(key) not in prefixes:  # ('其中：当年' '财政拨款')
                break
        if joined is None:
            out.append(_with_below(units, i, lex, taken, row_end))
            continue
        parts = units[i:joined + 1]
        text = "".join(p.text for p in parts)
        out.append(Unit(text, fold(text), u.gap, u.line, u.row, u.col, u.x, u.certain, u.empties, u.span, u.page,
                        _union([p.box for p in parts if p.page == u.page])))
        after = joined + 1
    return out


def _union(boxes: list[tuple[float, float, float, float] | None]) -> tuple[float, float, float, float] | None:
    """The box around the boxes of a label's pieces (a label cut over a PDF's lines stands on all of them)."""
    known = [box for box in boxes if box is not None]
    if not known or len(known) < len(boxes):
        return None
    return min(b[0] for b in known), min(b[1] for b in known), max(b[2] for b in known), max(b[3] for b in known)


SPACED_TITLE = 6  # characters: a title spaced out has at least this many before its end


def _spaced_title(units: list[Unit], i: int, lex: Lexicon) -> int | None:
    """Where a title printed with a space between its characters ends (one past its last piece), when units
    `i`… are one: single characters one space apart on one printed line, the last pieces perhaps longer
    ('表(2023年' '度)'), that make a form's title together."""
    u = units[i]
    j = i + 1
    while (j < len(units) and j - i < MAX_TITLE and len(units[j].key) == 1 and units[j].gap == Gap.SPACE
           and units[j].row == u.row and not units[j].certain):
        j += 1
    if j - i < SPACED_TITLE:
        return None
    key = "".join(x.key for x in units[i:j])
    end = j if title_of(u._replace(key=key), lex) else None
    for k in range(j, min(j + 2, len(units))):  # (its year, perhaps cut itself: '表(2023年' '度)')
        if units[k].gap != Gap.SPACE or units[k].row != u.row or units[k].certain:
            break
        key += units[k].key
        if title_of(u._replace(key=key), lex):
            end = k + 1
    return end


def _continued_lines(units: list[Unit], lex: Lexicon, row_end: list[int]) -> dict[int, int]:
    """A printed line whose every piece finishes, in order, a label of the line above it: a header wrapped in
    narrow columns of flowed text, the pieces below packed to the left whatever column they finish
    ('一级指 二级指 三级指标 … 偏差原因分析及改进' / '标 标 措施'). Each piece is an ending of a label word and
    makes one with the next label above that it completes (level labels aside: the indicator table reads them),
    or goes on one that the lines below then finish (`_finished_below`: a heading a character a line); after the
    labels, the line may go on with the values' wrapped lines (`_values_rest`). Returns the index of each label
    above -> the index of its piece below."""
    suffixes = lex.suffixes
    n = len(units)
    out: dict[int, int] = {}
    start = 0
    while start < n:
        end = row_end[start]
        if end < n and _finishes(units[end].key, suffixes) and units[end].row == units[start].row + 1:
            pairs: dict[int, int] = {}
            left_open: list[tuple[int, str]] = []  # (piece below, the label so far) of labels it does not finish
            a = start
            whole = True  # every piece of the line finishes or goes on a label above
            for b in range(end, row_end[end]):
                piece = units[b]
                rest = _unopened(piece.key)
                if piece.certain:
                    whole = False
                    break
                found, below = end, None
                if _finishes(piece.key, suffixes):
                    points = is_points_only(rest)  # (a table's points, finishing its caption in a wrapped header:
                    # '绩效指标 一级指标 …' / '(90分) …'; not a column's heading, under which they are a lost level
                    # label's: '二级指标' / '(50分)'; nor a caption alone on its line, whose points the table reads)
                    if points and end - start < 2:
                        whole = False
                        break
                    below = _rest_below(units, row_end, b, end)  # (the line's last piece, its label's rest below)
                    found = a
                    while found < end and not (not units[found].certain and (
                            lex.section(units[found].key) in _SCORED if points else (
                                label_key(units[found].key + rest) in lex.words
                                or below is not None
                                and label_key(units[found].key + rest + units[below].key) in lex.words)
                            and not lex.level(units[found].key + rest))):
                        found += 1
                if found == end:
                    # no label above it finishes: it may go on one, finished on the lines below (a heading wrapped
                    # a character a line in a narrow column: '一级 二 三级指标 …' / '指标 级 …' / '指' / '标')
                    if a == end or (at := _goes_on(units, a, end, piece.key, lex)) is None:
                        # (or ends the labels, the rest of the line the values' wrapped lines: '主管部 普陀区…管理委员会
                        # 实施单 普陀区住房和城乡建设管理' / '门 位 委员会办公室')
                        whole = bool(pairs) and _values_rest(units, b, row_end[end], lex)
                        break
                    pairs[at] = b
                    left_open.append((b, units[at].key + piece.key))
                    a = at + 1
                    continue
                a = found
                pairs[a] = b
                if below is not None and label_key(units[a].key + rest) not in lex.words:
                    pairs[b] = below  # ('执' / '行' / '率': a heading wrapped a character a line)
                a += 1
            if whole:
                after = _finished_below(units, row_end, row_end[end], left_open, pairs, lex) if left_open else end
                if after is not None:
                    out.update(pairs)
                    start = max(end, after)
                    continue
        start = end
    return out


def _values_rest(units: list[Unit], b: int, stop: int, lex: Lexicon) -> bool:
    """The pieces from `b` to the line's end are text no label's: no ending, beginning or word of one."""
    return all(not units[k].certain and not _finishes(units[k].key, lex.suffixes) and units[k].key not in lex.prefixes
               and not form_word(units[k].key, lex) for k in range(b, stop))


def _goes_on(units: list[Unit], a: int, end: int, key: str, lex: Lexicon) -> int | None:
    """The first label above, from `a` on, that `key` goes on without finishing it into a beginning of a heading
    (no level label: the indicator table reads those), passing over whole labels it does not go on ('偏差原因' +
    '分析及改' goes on)."""
    for at in range(a, end):
        above = units[at]
        longer = above.key + key
        if not above.certain and longer in lex.prefixes and not lex.level(longer):
            return at
        if not (above.certain or form_word(above.key, lex)):
            return None
    return None


MAX_WRAPPED_LINES = 8  # a heading wrapped a character a line spans at most this many lines below its first


def _finished_below(units: list[Unit], row_end: list[int], c: int, left_open: list[tuple[int, str]],
                    pairs: dict[int, int], lex: Lexicon) -> int | None:
    """Where the lines below the labels `left_open` went on end, when those lines finish them: each line's every
    piece goes on, in order, one of the labels still open, and at the end every label is a heading of the
    templates. Records each piece as the one below the last (`pairs`); None when the lines do not finish them."""
    found: dict[int, int] = {}
    row = units[c - 1].row
    for _ in range(MAX_WRAPPED_LINES):
        if c >= len(units) or units[c].row != row + 1:
            return None
        row, k = units[c].row, 0
        for b in range(c, row_end[c]):
            piece = units[b]
            while k < len(left_open) and (piece.certain or (left_open[k][1] + piece.key) not in lex.prefixes
                                          and label_key(left_open[k][1] + piece.key) not in lex.words):
                k += 1
            if k == len(left_open):
                return None
            last, key = left_open[k]
            found[last] = b
            left_open[k] = (b, key + piece.key)
            k += 1
        c = row_end[c]
        finished = [key for _, key in left_open if label_key(key) in lex.words]
        if any(lex.level(key) for key in finished):
            return None  # (a level label's pieces: the indicator table reads them)
        left_open = [(b, key) for b, key in left_open if label_key(key) not in lex.words]
        if not left_open:
            break
    else:
        return None
    pairs.update(found)
    return c


def _rests(units: list[Unit], continued: dict[int, int], i: int) -> str:
    """The text of the pieces below label `i` that finish it, line after line."""
    text = ""
    while i in continued:
        i = continued[i]
        text += units[i].text
    return text


def _rest_below(units: list[Unit], row_end: list[int], b: int, end: int) -> int | None:
    """The piece alone on the line after piece `b`'s, where `b` ends its line: the rest of a heading wrapped over
    three lines or more."""
    c = row_end[b]
    if b + 1 != c or c >= len(units) or units[c].row != units[end].row + 1 or units[c].certain:
        return None
    return c if row_end[c] == c + 1 else None


_SCORED = frozenset({"funds", "indicators"})  # the tables whose captions print their points
_OPENED = re.compile(r"(?<=.)[(（][^)）]*$")  # a bracket opened and not closed: a label's points cut ('情况(10')


def _unopened(key: str) -> str:
    """A piece without the bracket it opens at its end: the label's points, closed on the line below
    ('预算执行' / '情况(10' / '分)')."""
    return _OPENED.sub("", key)


def _finishes(key: str, suffixes: frozenset[str]) -> bool:
    """A piece below a label that may finish it: an ending (`_ends_label`), perhaps opening the label's points
    (`_unopened`), or the points whole."""
    return _ends_label(_unopened(key), suffixes) or is_points_only(key)


def _ends_label(key: str, suffixes: frozenset[str]) -> bool:
    """An ending of a label word, or of a label's unit in brackets ('元)' of '项目资金(万' / '元)'), or that unit
    whole ('(万元)' below '项目资金', '(%)' below '执行率'), or an ending with its unit ('数(万元)' below
    '年度预算')."""
    if key[-1:] not in ")）":
        return key in suffixes
    whole = 3 <= len(key) <= 5 and key[:1] in "(（" and not any(ch.isdigit() for ch in key)  # (not '(50分)')
    return len(key) <= 4 and key[:1] not in "(（" or whole or key in suffixes or label_key(key) in suffixes


def _read_across(u: Unit, nxt: Unit, lex: Lexicon) -> Unit | None:
    """A label set 分散对齐 in a narrow cell of a table without rules prints two characters a line at the cell's
    edges (`产    出` / `指    标`), which read down as two stacks (`产指` `出标`): read across, they make a label
    of the templates exactly, and neither stack is one."""
    a, b = u.text, nxt.text
    if a[0] + b[0] not in lex.prefixes or nxt.row != u.row or nxt.certain or u.certain:
        return None  # (most pairs: their first characters begin no label)
    if not 0 <= len(a) - len(b) <= 1 or len(a) != len(u.key) or len(b) != len(nxt.key):
        return None
    text = "".join(x + y for x, y in zip(a, b, strict=False)) + a[len(b):]
    key = fold(text)
    if not (label_key(key) in lex.words or lex.level(key)) or form_word(u.key, lex) or form_word(nxt.key, lex):
        return None
    return u._replace(text=text, key=key)


_LEADS = frozenset("其0123456789一二三四五六七八九十")  # how a label's lead ('其中：', '1.', '一、') begins
LINE_CELLS = 40  # a printed line of a table holds fewer cells
COLUMN_SLACK = 3.0  # display columns: the pieces of a label wrapped in a narrow column (centred, or not) start


def _with_below(units: list[Unit], i: int, lex: Lexicon, taken: set[int], row_end: list[int]) -> Unit:
    """Unit `i`, with the rest of its label from the lines below joined to it (`_below_in_column`), those units
    then `taken`; or with its rest cut off the unit below (`_cut_below`). (A piece right after a label's
    beginning joins it as a run of pieces, or not at all.)"""
    u = units[i]
    if u.certain or row_end[i] == i + 1 or (u.key not in lex.prefixes and label_key(u.key) not in lex.prefixes
                                            and not is_lead(u.key)) or form_word(u.key, lex):
        return u  # (most units: a value, a word no label begins with; but a label's lead alone, '其中：')
    first = _in_column_below(units, i, u.x, row_end)
    if first is None:
        return u
    below = _below_in_column(units, u, first, lex, row_end)
    if not below:
        return _cut_below(units, u, first, lex)
    taken.update(below)
    text = u.text + "".join(units[j].text for j in below)
    return u._replace(text=text, key=fold(text))


def _cut_below(units: list[Unit], u: Unit, below: int, lex: Lexicon) -> Unit:
    """Unit `u` with the rest of its label cut off the front of unit `below`, the one below it in its column,
    where that unit is the rest glued to the next label's beginning ('项目' / '名称主管' / '部门': two rows'
    labels wrapped in a narrow column, which a page rebuilt from `pdftotext -layout` read as one cell). That
    unit, in `units`, keeps the rest."""
    piece = units[below]
    if len(piece.text) != len(piece.key):
        return u
    for k in range(1, len(piece.key)):
        head, rest = u.key + piece.key[:k], piece.key[k:]
        if label_key(head) in lex.words and not lex.level(head) and (rest in lex.prefixes or form_word(rest, lex)):
            units[below] = piece._replace(text=piece.text[k:], key=rest)
            text = u.text + piece.text[:k]
            return u._replace(text=text, key=fold(text))
    return u


def _in_column_below(units: list[Unit], k: int, x: float, row_end: list[int]) -> int | None:
    """The plain unit on the printed line after unit `k`'s that starts in the column at `x`, if any (a line
    longer than a table's is no table line: a document on one line)."""
    j = row_end[k]
    if j >= min(len(units), k + LINE_CELLS):
        return None
    end = min(len(units), j + LINE_CELLS)
    while j < end and units[j].row == units[k].row + 1:
        if abs(units[j].x - x) <= COLUMN_SLACK and not units[j].certain:
            return j
        j += 1
    return None


WRAPPED_LINES = 3  # a label wrapped in a narrow column runs on over this many lines below its first at most


def _below_in_column(units: list[Unit], u: Unit, first: int, lex: Lexicon, row_end: list[int]) -> list[int]:
    """The units that finish the label begun by unit `u`, from unit `first` on the next printed line, on the
    next printed lines and in the same column: a label wrapped in a narrow column of a table printed without
    rules ('项目' / '名称' with the value '某某项目' beside '项目'; '二级指' / '标' in a header; '项目' / '基本' /
    '情况'), where the lines' other cells stand between the pieces. Each piece starts within a few columns of
    the first, the pieces before the last keep the text a beginning of a label, and together they are a label
    of the templates."""
    key = u.key
    taken: list[int] = []
    j: int | None = first
    for _ in range(WRAPPED_LINES):
        if j is None:
            return []
        key += units[j].key  # (a level label's pieces join by column as any cell's: not here)
        taken.append(j)
        if label_key(key) in lex.words and not lex.level(key):
            return taken
        if key not in lex.prefixes and label_key(key) not in lex.prefixes:  # ('其中：' / '当年财' / '政拨款')
            return []
        j = _in_column_below(units, j, u.x, row_end)
    return []


def split_glued_labels(units: list[Unit], lex: Lexicon) -> list[Unit]:
    """Split level labels glued to what follows them in a printed line ('产出指标数量指标足额保障率=100%', a web
    page's table copied without its cell boundaries) into units of their own; a certain cell is left whole."""
    out: list[Unit] = []
    pattern = lex.glued_label
    for u in units:
        if u.certain or "指标" not in u.key or len(u.key) <= 4:
            out.append(u)  # most units
            continue
        text, gap, x = u.text, u.gap, u.x
        while ((match := pattern.match(fold(text))) and fold(text[:len(match.group(1))]) == match.group(1)
               and not is_points_only(match.group(2)) and len(match.group(2)) > 2):
            # ('效益指标(30分)' is one label; '…满意度指标指标' a name)
            label = text[:len(match.group(1))]
            out.append(u._replace(text=label, key=fold(label), gap=gap, x=x))
            text, gap, x = text[len(label):], Gap.SPACE, x + len(label)
        out.append(u._replace(text=text, key=fold(text), gap=gap, x=x) if text != u.text else u)
    return out


def split_glued_headings(units: list[Unit], lex: Lexicon) -> list[Unit]:
    """Split a printed piece that is headings of one table glued with nothing between them ('全年执行数分值',
    '实际完成值分值': PyMuPDF and other extractors join two cells of a header that stand closer than a space)
    into one unit per heading; a certain cell, and a word of the templates itself, are left whole."""
    out: list[Unit] = []
    for u in units:
        key = u.key
        if u.certain or not 4 <= len(key) <= MAX_GLUED_HEADINGS or key[:2] not in lex.prefixes or len(u.text) != len(
                key) or label_key(key) in lex.words or not (cuts := _heading_cuts(key, lex)):
            out.append(u)  # most units
            continue
        for k, (a, b) in enumerate(zip((0, *cuts), (*cuts, len(key)), strict=True)):
            out.append(u._replace(text=u.text[a:b], key=key[a:b], gap=u.gap if k == 0 else Gap.SPACE, x=u.x + a))
    return out


MAX_GLUED_HEADINGS = 24  # characters: a longer run is the glued text `glued.py` cuts


@lru_cache(maxsize=1 << 12)
def _heading_cuts(key: str, lex: Lexicon) -> tuple[int, ...]:
    """Where a key splits into two or more column headings of the fund table or of the indicator table (one
    table's), or () where it does not."""
    for columns in (lex.fund_columns, lex.indicator_columns):
        headings = {w for words in columns.values() for w in words}

        def cuts(at: int, headings: set[str] = headings) -> tuple[int, ...] | None:
            if label_key(key[at:]) in headings:
                return ()
            for end in range(len(key) - 1, at + 1, -1):  # (the longest heading first: '执行率' before '执行')
                if label_key(key[at:end]) in headings and (rest := cuts(end)) is not None:
                    return (end, *rest)
            return None

        if found := cuts(0):
            return found
    return ()


@lru_cache(maxsize=1 << 14)
def _whole_label(key: str, lex: Lexicon) -> bool:
    """A label of the templates exactly (its decorations aside), not a word that only begins with one
    ('执行率' '得' is no 执行率 column): where pieces of a label end."""
    return bool(is_year_only(key) or label_key(key) in lex.words or lex.level(key))


@lru_cache(maxsize=1 << 14)
def form_word(key: str, lex: Lexicon) -> bool:
    """The key is a word of the form: a section, level, column or row heading, a head label, or a bare year."""
    return bool(is_year_only(key) or lex.section(key) or lex.level(key) or lex.indicator_column(key)
                or lex.head_field(key) or lex.fund_column(key) or lex.fund_row(key))


def title_of(unit: Unit, lex: Lexicon) -> str | None:
    """The form's title when this unit is one ('财政项目支出绩效自评表', '附件1:…自评表(2022年度)')."""
    key = unit.key
    return _title(key, lex) if lex.title_word in key or "自评" in key and any(
        t in key for t in lex.short_titles) else None


def _title(key: str, lex: Lexicon) -> str | None:
    heading = _heading(key, lex)
    return heading[0] if heading and heading[1] else None


@lru_cache(maxsize=1 << 12)
def _heading(key: str, lex: Lexicon) -> tuple[str, bool] | None:
    """(title, is a form's) when the key is a table's title: a form's ('…绩效自评表(2022年度)') or another
    table's ('部门整体支出绩效自评表', '…绩效目标表')."""
    if "表" not in key and "自评" not in key:
        return None
    key = _ATTACHMENT.sub("", key)
    if "续" in key:
        key = _CONTINUED.sub("", key) or key  # ('…自评表(续)': the title, where the next page goes on)
    core = _TITLE_YEAR.sub("", key) if key[-1] in ")）度" else key
    core = core.strip("#*")
    label = next((w for w in lex.summary_labels if core.startswith(w)), "")
    core = core[len(label):]  # ('内容概述' run into the copy's title after it)
    if (":" in core or "：" in core) and (ended := _ENDED.search(core)) and len(core) - ended.end() >= 6 and not (
            _INLINE.search(_BRACKETED.sub("", core[:ended.end()]))):
        # a note in brackets before the title ('详情见附件(注:…请以附件为准)部门预算项目支出绩效自评表'); a colon
        # outside brackets is a label's ('名称：…(本级)项目支出绩效自评表' names a form and is none)
        core = core[ended.end():]
    if len(core) > 40 or any(core.startswith(p) for p in lex.not_title_prefix) or ":" in core or "：" in core:
        return None
    if core.endswith(lex.other_titles):
        return core, False
    if not core.endswith(lex.title_word):
        short = next((t for t in lex.short_titles if core.endswith(t)), None)
        # (something evaluated before it: '部门绩效自评' alone heads a column or a report's section)
        return (core, True) if short and len(core) >= len(short) + 4 else None
    # a project's form names 绩效 or ends '项目自评表' ('2022年度共享工程项目自评表', as Hubei prints it)
    return (core, True) if "绩效" in core or core.endswith("项目" + lex.title_word) else None


def year_in(key: str) -> int | None:
    match = _YEAR.search(key)
    return int(match.group(1)) if match else None


def title_year(key: str) -> int | None:
    """The year a title prints: '…(2023年度)', '2023年度…', or a bare year in brackets at its end ('…(2023)')."""
    if (year := year_in(key)) is not None:
        return year
    match = _TITLE_YEAR.search(key)
    return int(match.group(2)) if match and match.group(2) else None


def is_year_only(key: str) -> bool:
    return bool(_YEAR_ONLY.match(key))


@lru_cache(maxsize=1 << 14)
def _body(key: str, lex: Lexicon) -> str | None:
    """What part of a form body a unit with this key opens, if any (a head label the record has no place for,
    '单位名称' in a page's file name, opens none)."""
    if (field := lex.head_field(key)) and field[0] != IGNORED:
        return "head"
    kind = lex.section(key)
    if kind in ("funds", "goals", "indicators"):
        return kind
    col = lex.indicator_column(key)
    if col in ("level1", "name"):
        return "indicators"
    if lex.fund_column(key) in ("initial_budget", "annual_budget", "executed"):
        return "funds"
    return None


def _heads_a_column(units: list[Unit], i: int, lex: Lexicon) -> bool:
    """项目名称 heading a list's column, no form's label: the two units after it are headings too, no value between
    (序号 项目名称 主管部门 预算数 … 自评得分 over a row per project)."""
    after = units[i + 1:i + 3]
    return len(after) == 2 and all(_heading_only(u.key, lex) for u in after)


def _heading_only(key: str, lex: Lexicon) -> bool:
    """A label or a column's heading alone, no value after it."""
    field = lex.head_field(key)
    return (field is not None and field[1] == len(key)) or lex.fund_column(key) is not None or (
        lex.indicator_column(key) is not None)


def split_forms(units: list[Unit], lex: Lexicon) -> tuple[list[FormUnits], list[Fragment]]:
    """Forms in document order, and the rows read past: the fragment before the first form when it holds a
    form's tail, and the tables of other kinds (a title such as 部门整体支出绩效自评表 or …绩效目标表)."""
    # a title has 表 in it: looked for before the cached call (a unit per call is the stream's length)
    titles = [(i, *h) for i, u in enumerate(units)
              if "表" in u.key and (h := _heading(u.key, lex)) and not _after_name_label(units, i, lex)]
    body = [(i, k) for i, u in enumerate(units) if (k := _body(u.key, lex))]
    starts: list[tuple[int, str, bool]] = []
    bare: tuple[int, str] | None = None  # a form's first title with nothing of a table after it
    b = 0
    for k, (i, title, is_form) in enumerate(titles):
        nxt = titles[k + 1][0] if k + 1 < len(titles) else len(units)
        while b < len(body) and body[b][0] <= i:
            b += 1
        kinds = set()
        named = True  # the only head label before the next title is 项目名称
        for j, kind in body[b:]:
            if j >= nxt:
                break
            kinds.add(kind)
            named = named and (kind != "head" or lex.head_field(units[j].key)[0] == "project_name")
        if not kinds:
            bare = bare or ((i, title) if is_form else None)
            continue  # a title with no table after it before the next title: page chrome or the last of several
        if kinds == {"head"} and named and k + 1 < len(titles) and titles[k + 1][2]:
            continue  # a page's heading over a list of the projects' forms (序号 项目名称 备注), a form's title next
        if is_form and starts and not kinds & {"head", "funds"}:
            continue  # a title repeated as a page header inside a form
        starts.append((i, title, is_form))
    # without a title (or after a form with one), a 项目名称 after a form body starts another form; after another
    # kind of table, another of that kind when that table had a 项目名称 too (a goals table per project), else a form
    title_at = {i: (title, is_form) for i, title, is_form in starts}
    kind_at = dict(body)
    bodies = [j for j, kind in body if kind in ("funds", "indicators")]
    next_title = sorted(title_at) + [len(units)]
    points: list[tuple[int, str | None, bool]] = []  # (unit, title, a form's)
    late: dict[int, int] = {}  # a point's form -> its title's unit, printed after the form's first rows
    other: str | None = None  # the title of the table of another kind being read past
    seen_name = seen_body = False
    t = 0
    heads = [j for j, kind in body if kind == "head"]
    for i in sorted(title_at.keys() | kind_at.keys()):  # only titles and body words decide: not every unit
        while next_title[t] < i:
            t += 1
        if i in title_at:
            title, is_form = title_at[i]
            if (is_form and seen_name and points and points[-1][1] is None and points[-1][2]
                    and len(points) - 1 not in late and _headless(heads, i, next_title[t + 1])):
                # a form begun at its 项目名称 and a form's title after its rows, no head after that title: the
                # form's own title, drawn after its first rows (a spreadsheet's PDF draws a wrapped cell after
                # the others, a text taken out in drawing order has it there)
                late[len(points) - 1] = i
                continue
            points.append((i, title, is_form))
            other = None if is_form else title
            seen_name = seen_body = False
            continue
        kind = kind_at[i]
        head = lex.head_field(units[i].key)
        if head and head[0] == "project_name" and _heads_a_column(units, i, lex):
            continue  # (a list of projects: 序号 项目名称 主管部门 预算数 … 自评得分)
        if head and head[0] == "project_name":
            at = bisect_right(bodies, i)  # a funds or indicator block follows before the next title
            if at < len(bodies) and bodies[at] < next_title[t]:
                if not points or (seen_name and seen_body):
                    points.append((i, other, other is None))
                    seen_body = False
                elif other is not None and seen_body:
                    points.append((i, None, True))  # a project's form after a table of another kind
                    other = None
                    seen_body = False
            seen_name = True
        elif kind in ("funds", "indicators"):
            seen_body = True
    # a form without its title (a page that lost it) still has its year on the line before 项目名称
    points = [(i - 1 if title is None and is_form and i and is_year_only(units[i - 1].key) else i, title, is_form)
              for i, title, is_form in points]
    forms: list[FormUnits] = []
    fragments: list[Fragment] = []
    for k, (i, title, is_form) in enumerate(points):
        end = points[k + 1][0] if k + 1 < len(points) else len(units)
        if k in late:
            at = late[k]
            forms.append(FormUnits(title_at[at][0], units[i:at] + units[at + 1:end], units[at]))
        elif is_form:
            forms.append(FormUnits(title, units[i:end], units[i] if title else None))
        else:
            fragments.append(Fragment(units[i].line, units[end - 1].line, title))
    first = points[0][0] if points else len(units)
    before = units[:first]
    # (a form's tail prints its table's labels or several of its words: one word, a list's '备注' column over
    # the names of the forms that follow, is none)
    if before and (sum(1 for u in before if _fragment_word(u, lex)) >= 2 or any(lex.level(u.key) for u in before)):
        # (under the title of a table of another kind, a table of that kind: '…绩效评价指标表', no form's tail)
        other = next((title for i, title, is_form in titles if i < first and not is_form), None)
        fragments.insert(0, Fragment(before[0].line, before[-1].line, other))
    if not points and bare:  # (a page that prints the form's title and its notes, the table lost: said so)
        fragments.insert(0, Fragment(units[bare[0]].line, units[-1].line, bare[1], empty=True))
    return forms, fragments


def _headless(heads: list[int], start: int, end: int) -> bool:
    """No head label (项目名称, 主管部门 …) between the units start and end."""
    at = bisect_right(heads, start)
    return at == len(heads) or heads[at] >= end


def _after_name_label(units: list[Unit], i: int, lex: Lexicon) -> bool:
    """'名称: …绩效自评表': a page that names the form (its label stands before it on the same line); or a
    project's name that ends as a title does ('项目名称 | …经费支出绩效自评表'), right after its label."""
    if i == 0:
        return False
    prev = units[i - 1]
    if (field := lex.head_field(prev.key)) and field[0] == "project_name" and field[1] == len(prev.key):
        return True
    return prev.row == units[i].row and any(label_key(prev.key) == p for p in lex.not_title_prefix)


def _fragment_word(unit: Unit, lex: Lexicon) -> bool:
    """A word of a form's table or of what follows it — not one a head prints too ('联系电话' in a page's chrome)."""
    section = lex.section(unit.key)
    return (section in ("indicators", "total") or (section == "tail" and not lex.head_field(unit.key))
            or lex.indicator_column(unit.key) is not None)


def document_lexicon(units: list[Unit], runs: tuple[str, ...] = ()) -> Lexicon:
    keys = {u.key for u in units} | _wrapped_words(units)
    return select(keys | {label_key(k) for k in keys if len(k) <= 16}, runs)


def _wrapped_words(units: list[Unit]) -> set[str]:
    """A variant's words wrapped in a narrow column at a line's start ('转移支付(' / '项目)名称', '地方主管部' / '门'),
    read down the column: a line's first piece that begins such a word, with the first pieces of the lines
    below it in the same column (what chooses the variant must see them whole before labels are joined)."""
    starts = match_prefixes()
    out: set[str] = set()
    n = len(units)
    for k, u in enumerate(units):
        if u.key not in starts or u.certain or (k and units[k - 1].row == u.row):
            continue  # (most units: no beginning of such a word, or not a line's first)
        key, row, j = u.key, u.row, k + 1
        for _ in range(WRAPPED_LINES):
            while j < n and units[j].row == row:
                j += 1
            if j >= n:
                break
            below = units[j]
            if below.row != row + 1 or below.certain or abs(below.x - u.x) > COLUMN_SLACK:
                break
            key, row = key + below.key, below.row
            out.add(key)
            j += 1
    return out


def sections_of(form: FormUnits, lex: Lexicon) -> list[Section]:
    """Cut a form's units into sections at their labels."""
    sections = [Section("head")]
    now, add = "head", sections[0].units.append  # the current section's kind and its list's append
    units = form.units[1:] if form.units and form.units[0] is form.title_unit else form.units  # (not a late one)
    previous: Unit | None = None
    stream = list(_inline_labels(units, lex))
    headed = True  # the indicator section's header has shown more than its level headings
    for k, unit in enumerate(stream):
        kind = _opens_key(unit.key, now, lex)
        if now == "indicators" and not headed:
            if lex.indicator_column(unit.key) in _PAST_LEVELS:
                headed = True
            elif kind is None and (displaced := _displaced(unit.key, lex)) is not None:
                # the table's first headings printed before the goals or the fund table they stand beside (text
                # taken out of a PDF a column block at a time: '一级指标 二级指标 … 预期目标 … 三级指标 年度指标值'):
                # those open again, the indicator table after them at its next heading; what stood between is
                # no row of it (the label column's words, cut from the rows they label)
                kind = displaced
                sections[-1].kind = DISPLACED
        if kind in ("tail", "total") and previous is not None and _heading_after(unit, previous, kind, now, lex):
            kind = None  # a heading of the table's header ('说明', '自评得分' right after 分值), not a section
        elif kind == "tail" and now == "funds" and not unit.certain and unit.gap < Gap.LINE and any(
                _opens_key(u.key, "funds", lex) == "indicators" for u in stream[k + 1:]):
            # a word of what follows the table inside a line of the fund table, the indicator table still to
            # come, is the text's ('…的需说明原因', a note in the 原因 column); a section of its own opens a row
            kind = None
        elif kind is None and now == "goals" and lex.section(unit.key) == "funds" and any(
                lex.fund_column(u.key) or lex.fund_row(u.key) for u in stream[k + 1:k + 3]) and any(
                lex.fund_row(u.key) for u in stream[k + 1:k + FUND_HEADER]):
            # the fund table after the goals (Sichuan's 预算执行情况 after 项目基本情况): header next, then its rows
            # (not the merged 项目资金(万元) a spreadsheet's PDF draws at the page's end, no row after it)
            kind = "funds"
        elif kind == "goals" and now == "head" and k + 1 < len(stream) and _head_label(stream[k + 1].key, lex):
            kind = None  # a heading over the head's rows ('一、项目基本情况' over 项目实施单位): no goal starts so
        previous = unit
        if kind and kind != now:
            current = Section(kind, anchor=unit)
            sections.append(current)
            now, add = kind, current.units.append
            headed = kind != "indicators" or lex.indicator_column(unit.key) in _PAST_LEVELS
            if kind in ("indicators", "funds") and _is_header_word(unit, kind, lex):
                add(unit)  # the header word is part of the section's header
            continue
        add(unit)
    return sections


FUND_HEADER = 12  # units: a fund table's header (its caption, up to ten headings) and its first row's label
DISPLACED = "displaced"  # a section opened too early by a heading a column block put out of place
_PAST_LEVELS = frozenset({"name", "target", "actual", "weight", "score", "deviation"})


def _displaced(key: str, lex: Lexicon) -> str | None:
    """The section a word of the goals or of the fund table opens."""
    kind = lex.section(key)
    if kind in ("goals", "goal_expected", "goal_actual"):
        return "goals"
    if kind == "funds" or lex.fund_row(key) or lex.fund_column(key) in ("initial_budget", "annual_budget", "executed"):
        return "funds"
    return None


def _table_heading(key: str, lex: Lexicon) -> bool:
    """A heading of the indicator or the fund table."""
    return lex.indicator_column(key) is not None or lex.fund_column(key) is not None


def _head_label(key: str, lex: Lexicon) -> bool:
    field = lex.head_field(key)
    return field is not None and field[0] != IGNORED and field[1] == len(key)


def _heading_after(unit: Unit, previous: Unit, kind: str, now: str, lex: Lexicon) -> bool:
    """A word that ends a form or opens its 总分 row, standing right after a heading of the indicator or fund
    header: a heading of that header too ('说明' after 得分; '自评得分', a heading of its own, after 分值)."""
    column = lex.fund_column if now == "funds" else lex.indicator_column
    return bool(column(previous.key)) and (kind == "tail" or bool(column(unit.key)))


_INLINE = re.compile(r"[:：]")
MAX_LABEL_REST = 4  # characters of a head label's rest a narrow column puts on its next line, at most
_OPENED_INLINE = frozenset({"funds", "goals", "goal_expected", "goal_actual"})
_NEXT_PAIR = re.compile(r"[,，;；\s]+(?=[^,，;；\s:：]+[:：])")  # where '，自评得分：96分' starts after a value


def _pairs(text: str) -> list[tuple[str, str]]:
    """(label, value) pairs of a cell or paragraph printing labels with their values after colons ('评分等级：优',
    '总分：100分，自评得分：96分，自评等级：优')."""
    label, rest = _INLINE.split(text, 1)
    values = _NEXT_PAIR.split(rest.strip()) if ":" in rest or "：" in rest else [rest.strip()]
    out = [(label.strip(), values[0].strip(",，;；。 "))]
    for piece in values[1:]:
        more, value = _INLINE.split(piece, 1)
        out.append((more.strip(), value.strip(",，;；。 ")))
    return out


def _inline_labels(units: list[Unit], lex: Lexicon) -> Iterator[Unit]:
    """The units, with a label of the total or grade rows printed with its value after a colon in one cell or
    paragraph ('总分：100', '评分等级：优', '得分：94.95' after a 总分; several such pairs in one cell too) given as
    the label and the value; inside the total row, a second label of it ('自评得分' before its number) gives
    nothing, its number being the row's second."""
    total = False  # inside the total row: a second label of it ('自评得分：94.95') gives only its value
    skip = -1  # a unit given already (a value printed inside its label: `_label_around`)
    prefixes = lex.prefixes
    for i, unit in enumerate(units):
        if i == skip:
            continue
        pairs = _pairs(unit.text) if ":" in unit.text or "：" in unit.text else None
        if pairs and pairs[0][1] and not unit.certain and lex.section(fold(pairs[0][0])) in _OPENED_INLINE:
            # a section's word with what it opens after a colon, in a printed line ('年度总体目标：完成…',
            # '项目资金（万元）：预算数 …'): the word, then the rest as printed (a goal text's own colons kept)
            label, rest = _INLINE.split(unit.text, 1)
            yield unit._replace(text=label.strip(), key=fold(label.strip()))
            yield unit._replace(text=rest.strip(), key=fold(rest.strip()), gap=Gap.SPACE)
            continue
        if pairs and any(value for _, value in pairs):
            first = fold(pairs[0][0])
            if lex.section(first) in ("total", "grade") or (total and _points_word(first, lex)):
                for label, value in pairs:
                    kind = lex.section(fold(label))
                    if kind in ("total", "grade") and not (total and kind == "total"):
                        yield unit._replace(text=label, key=fold(label))
                    if value:
                        yield unit._replace(text=value, key=fold(value), gap=Gap.SPACE, certain=False)
                    total = total or kind == "total"
                continue
        if not unit.certain and (" " in unit.text or unit.key in prefixes) and (
                around := _label_around(units, i, lex)) is not None:
            label, value, skip = around  # ('项目 机关党委工作名称': 项目名称 cut, the value beside)
            yield unit._replace(text=label, key=fold(label))
            yield unit._replace(text=value, key=fold(value), gap=Gap.WIDE)
            continue
        kind = lex.section(unit.key)
        if total and (kind == "total" or _points_word(unit.key, lex)) and 0 < i < len(units) - 1 \
                and number(units[i - 1].text) is not None and number(units[i + 1].text) is not None:
            continue  # '总分 | 100 | 自评得分 | 96': the second label of the total row, between its numbers
        if kind:
            total = kind == "total" and not _points_word(unit.key, lex)  # ('自评得分' may head a column)
        yield unit


def _label_around(units: list[Unit], i: int, lex: Lexicon) -> tuple[str, str, int] | None:
    """(label, value, the unit the value ends in) of a head label printed around its value: its beginning, a
    space, the value, its rest (`项目 机关党委工作名称`, `主管 上海市经济和信息化委员会部门`) — a label cut in a
    narrow column of a table without rules, its first line read with the value beside it and its rest below
    joined after that; in one unit, or the beginning a unit and the rest the next one on its line. None where
    the units are no such thing."""
    unit = units[i]
    if " " in unit.text:
        head, rest = unit.text.split(" ", 1)
        key, last = fold(head), i
    elif i + 1 < len(units) and units[i + 1].gap == Gap.SPACE and not units[i + 1].certain:
        head, rest, key, last = unit.text, units[i + 1].text, unit.key, i + 1
    else:
        return None
    if not key or key not in lex.prefixes or lex.head_field(key):
        return None
    for k in range(1, min(MAX_LABEL_REST, len(rest) - 1) + 1):
        label = head + rest[-k:]
        value = rest[:-k].strip()
        if value and lex.head_field(fold(label)) and not lex.head_field(fold(value)):
            return label, value, last
    return None


def _points_word(key: str, lex: Lexicon) -> bool:
    """A heading of 分值 or 得分 ('得分', '自评得分'), which the total row may print before its numbers."""
    return lex.indicator_column(key) in ("weight", "score")


def _is_header_word(unit: Unit, kind: str, lex: Lexicon) -> bool:
    if kind == "indicators":
        return lex.indicator_column(unit.key) is not None and lex.section(unit.key) is None
    return lex.fund_column(unit.key) is not None and lex.section(unit.key) is None


@lru_cache(maxsize=1 << 14)
def _opens_key(key: str, current: str, lex: Lexicon) -> str | None:
    kind = lex.section(key)
    if kind in ("goal_expected", "goal_actual"):
        return "goals" if current in ("head", "funds") else None
    if kind == "total":
        if current == "funds" and lex.fund_row(key):
            return None  # '合计' as the fund block's total row
        return "total" if current in ("indicators", "goals", "funds", "grade", "tail") else None
    if kind == "funds" and current in ("goals", "indicators", "total", "grade"):
        return None  # a fund word inside a later section's text
    if kind == "indicators" and current == "indicators":
        return None
    if kind == "tail" and current == "head" and lex.head_field(key):
        return None  # a head row the record has no place for ('项目负责人'), not what follows the table
    if kind:
        return kind
    if current == "head":
        col = lex.fund_column(key)
        if col in ("initial_budget", "annual_budget", "executed") or lex.fund_row(key) == "total":
            return "funds"
    if current in ("head", "funds", "goals"):
        col = lex.indicator_column(key)
        if col in ("level1", "name") or (col == "caption" and current != "indicators"):
            return "indicators"
    return None
