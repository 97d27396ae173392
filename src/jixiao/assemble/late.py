"""Cells a spreadsheet's PDF draws after the others, put back into the fields the form left empty.

A workbook printed to PDF (LibreOffice Calc does so) draws a page's plain cells first and its wrapped or merged
ones after them, so text taken out of such a PDF in drawing order (Chrome's viewer and pdfium, pypdf, PyMuPDF)
prints those cells at the page's end: the title or its year, the fund table's merged 项目资金(万元), a goal, a
row's long target, name or 偏差原因, a level label wrapped in its column. The sections read the rows with those
cells empty; the late ones stand past the form's end, or, on a page the table goes on from, before the header
the next page prints again (`page_ends`).

The drawing goes row by row, left to right, so a page's late cells come in the order of the fields they belong
to, all of them in that page's rows. Each row takes a run of them, in order; with its own printed cells (read
into the first fields, where they may not belong) they are read again into the row's fields by their shapes (a
level label to its level, a target with its operator to 年度指标值, a sentence to a goal or a 偏差原因, a word to
a name), each run keeping its order; a search chooses the runs. Cells one line prints side by side go to one
row (pdfium and pypdf print a row's late cells on a line).

Evidence first: a form is read so only where its title stands after its first rows, or where such a run holds
the year alone or a heading of the fund table, which only a cell drawn late can put there; and not where a run
holds a row's points, which never wrap. Every late cell must find a field, or none is placed and they stay
unread, as any words past a form do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from jixiao.assemble.context import Context
from jixiao.assemble.lexicon import Lexicon
from jixiao.assemble.stream import Unit, is_year_only, source_rows, title_year
from jixiao.assemble.text import CONTINUES, GOES_ON, OPERATOR_START, SENTENCE_END, fold, is_dash, tidy, width
from jixiao.measures import is_measure
from jixiao.model import Form

_MEASURED = re.compile(r"^[-+]?\d[\d,.]*\s*[%‰]?\S{0,4}$")  # a value with its measure ('242场', '95%')
_UNIT = re.compile(r"\((?:万元|元)\)$")  # a fund label's unit ('项目资金(万元)')
_POINTS = re.compile(r"^\d{1,3}(?:\.\d+)?$")  # a row's 分值 or 得分 (an amount or a value has its measure)
_SENTENCE = re.compile(r"[，。；,;]")
PLACED = 0.7  # a field filled from a late cell: read, but not where the table prints it
AMBIGUOUS = 0.5  # … where another order fills other fields as well (P040 says so)


@dataclass
class _Cell:
    text: str
    key: str
    line: int  # its first piece's
    kind: str  # year, heading, level1, level2, target, value, sentence, words, short, blank
    units: list[Unit]


# how well a kind of late cell fills a kind of field (no entry: it cannot). A late cell wrapped in its column: a
# short word is a value set in a narrow one rather than a name, a 偏差原因 that went late is a sentence; and of two
# fields it fits alike, a form leaves a 偏差原因 empty far more often than a goal or a name.
_FITS: dict[tuple[str, str], float] = {
    ("level1", "level1"): 3.0,
    ("level2", "level2"): 3.0,
    ("target", "target"): 3.0,
    ("target", "actual"): 1.0,
    ("value", "actual"): 2.0,
    ("value", "target"): 2.0,
    ("sentence", "goal_expected"): 2.5,
    ("sentence", "goal_actual"): 2.5,
    ("sentence", "deviation"): 2.0,
    ("sentence", "name"): 0.5,
    ("sentence", "target"): 0.5,
    ("sentence", "actual"): 0.5,
    ("words", "project_name"): 2.5,
    ("words", "department"): 2.0,
    ("words", "implementing_unit"): 2.0,
    ("words", "name"): 2.5,
    ("words", "target"): 1.0,
    ("words", "actual"): 1.0,
    ("words", "deviation"): 0.25,
    ("words", "goal_expected"): 1.0,
    ("words", "goal_actual"): 1.0,
    ("short", "name"): 1.0,
    ("short", "target"): 1.5,
    ("short", "actual"): 1.5,
    ("short", "deviation"): 0.25,
    ("blank", "deviation"): 1.0,
    ("blank", "actual"): 0.5,
    ("blank", "target"): 0.5,
}
# … and a cell the row printed in place: one line, so a short 偏差原因 ('无', '已完成') as likely as any
_OWN_FITS = {**_FITS, ("words", "deviation"): 0.75, ("short", "deviation"): 0.75, ("level2", "name"): 1.0}
AS_READ = 0.25  # a cell the row printed in place, kept in the field it was read into
CUT_LINE = -2.0  # the cells of one printed line given to two rows (pdfium prints a row's late cells on a line)
NEW_LINE = -1.5  # … and, where the text prints cells side by side so, one row's cells on two lines
LOST_POINTS = 0.75  # a late 偏差原因 in a row that lost points, over one in a row scored full
SKIP = -3.0  # a late cell that finds no field of its page (another form's, drawn on the same page)
MOST_SKIPPED = 4  # … one in so many at most: more, and the run is no page's late cells
MOST_LATE = 6  # late cells one row may take
MOST_WORK = 5000  # late cells × rows a page's search may take (a page holds a few dozen of each)
MOST_UNITS = 400  # a form's late units at most (a page of text past a form is no late cells; the search's bound)
FILLED_NOTES = ("P011", "P014", "P032", "P033")  # a field's "not read" warnings, gone once a late cell fills it
HEAD_FIELDS = ("project_name", "department", "implementing_unit", "goal_expected", "goal_actual")  # before the rows
ROW_FIELDS = ("level1", "level2", "name", "target", "actual", "deviation")
_OWN = ("name", "target", "actual", "deviation")  # the fields a row's own printed cells fill


def has_late_cells(units: list[Unit], lex: Lexicon) -> bool:
    """Whether these units (past a form's end, or at a page's end inside its table) hold one that only a cell
    drawn late can be (`_drawn_late`). A wrapped target or label may stand at a page's end in any text."""
    return any("(" in u.key and _drawn_late(u, lex) for u in units)  # (both in brackets: most units none)


def late_in_goals(units: list[Unit], lex: Lexicon) -> tuple[list[Unit], list[Unit]]:
    """The goals' units without, and with, a page's late cells among them (a page that ended under the goals'
    header): the year alone or the fund table's merged 项目资金(万元), which no goal can be, and with them the
    fund table's headings with their units there (执行率(%))."""
    if not has_late_cells(units, lex):
        return units, []
    strays = [u for u in units if _drawn_late(u, lex) or lex.fund_column(u.key) and "(" in u.key]
    return [u for u in units if u not in strays], strays


def page_ends(units: list[Unit], lex: Lexicon) -> tuple[list[Unit], list[list[Unit]]]:
    """The indicator table's units without the late cells of its pages but the last, and those: the lines of
    words (no row's points) right before a header the table prints again at a page's top, or around a line that
    only a late cell can hold (`_drawn_late`) up to the next page's first row."""
    kept: list[list[Unit]] = []
    runs: list[list[Unit]] = []
    seen_header = False
    rows = source_rows(units)
    k = 0
    while k < len(rows):
        row = rows[k]
        header = all(lex.indicator_column(u.key) for u in row)
        if seen_header and (header or any(_drawn_late(u, lex) for u in row)):
            b = len(kept)
            while b and not _row_line(kept[b - 1], lex):
                b -= 1
            tail = _after_points(kept[b - 1], lex) if b else 0
            if not tail and 0 < b < len(kept) and len(kept[b]) == 1 and _goes_on_below(kept[b - 1][-1], kept[b][0],
                                                                                      lex):
                b += 1  # (the row's last cell, wrapped in place: its rest on the line below)
            run = [u for line in kept[b:] for u in line]
            del kept[b:]
            if tail:  # (the run begun on the baseline of the page's last row)
                run[:0] = kept[b - 1][-tail:]
                kept[b - 1] = kept[b - 1][:-tail]
            if not header:  # (no header again: the late cells go on to the next page's first row)
                run.extend(row)
                k += 1
                while k < len(rows) and not _row_line(rows[k], lex):
                    run.extend(rows[k])
                    k += 1
                runs.append(run)
                continue
            if run:
                runs.append(run)
        seen_header = seen_header or header
        kept.append(row)
        k += 1
    return [u for row in kept for u in row], runs


def _after_points(line: list[Unit], lex: Lexicon) -> int:
    """How many units at the end of a row's line are a late target and what follows it: after the row's last
    points, where no row prints its 年度指标值 (`… 1.00 1.00 ≤458万元 458万元 受天气…`)."""
    last = max((k for k, u in enumerate(line) if _POINTS.match(u.key)), default=-1)
    if 0 <= last < len(line) - 1 and _kind(line[last + 1].key, lex) == "target":
        return len(line) - last - 1
    return 0


def _row_line(line: list[Unit], lex: Lexicon) -> bool:
    """A line of a row (it holds points) or of the table's header."""
    return any(_POINTS.match(u.key) or lex.indicator_column(u.key) for u in line)


def _drawn_late(u: Unit, lex: Lexicon) -> bool:
    """A unit only a cell drawn late can put past the fund table: the title's year alone in its brackets, or the
    fund table's merged label with its unit (项目资金(万元); not the words alone, which a text may hold, nor its
    headings, which name indicators too: 预算执行率)."""
    return _kind(u.key, lex) == "year" or (lex.section(u.key) == "funds" and _UNIT.search(u.key) is not None)


def _goes_on_below(last: Unit, below: Unit, lex: Lexicon) -> bool:
    """A row's last cell, a sentence cut short, and the words that finish it on the next line."""
    return (_kind(last.key, lex) == "sentence" and not last.key.endswith(SENTENCE_END)
            and below.key.endswith(SENTENCE_END) and width(below.key) <= width(last.key))


def put_back(form: Form, runs: list[list[Unit]], lex: Lexicon, ctx: Context, since: int = -1,
             last_page: bool = True) -> tuple[bool, list[Unit]]:
    """Fill the form's empty fields from its late cells: `runs`, each a page's, holding the cells of the rows
    printed after the run before it (after line `since`, for the first) and before it; `last_page`: the last
    run is the form's last page's (past its end), its rows all that follow. All runs are placed, or none:
    returns whether they were, and the units left unread (all of them where one run holds a row's points, which
    never wrap, or too many cells that find no field; else those few, another form's drawn on the same page)."""
    runs = [_measures_back(run) for run in runs if run]
    units = [u for run in runs for u in run]
    if not units or len(units) > MOST_UNITS or any(_POINTS.match(u.key) for u in units):
        return False, units
    rows = [ctx.fields.get(f"indicators.{k}") for k in range(len(form.indicators))]
    starts = [since, *(run[0].line for run in runs)]
    side_by_side = any(a.line == b.line for run in runs for a, b in zip(run, run[1:], strict=False))
    plans = []
    left: list[Unit] = []
    for j, run in enumerate(runs):
        cells = _cells(run, lex)
        window = _window(rows, starts[j], None if last_page and j == len(runs) - 1 else starts[j + 1])
        plan = _plan(form, [c for c in cells if c.kind not in ("year", "heading")], window, lex, side_by_side)
        if plan is None:
            return False, units
        plans.append((cells, plan))
    filled: set[str] = set()
    ties = False
    for cells, (groups, tied, skipped) in plans:
        ties = ties or tied
        left.extend(u for cell in skipped for u in cell.units)
        for cell in cells:  # (the year alone, the fund table's headings: what the table's own cells do not hold)
            if cell.kind == "year" and form.year is None:
                form.year = title_year(cell.key)
                filled.add("year")
                ctx.at("year", cell.line)
            elif cell.kind == "heading" and form.fund_unit is None and "元" in cell.key:
                form.fund_unit = "万元" if "万元" in cell.key else "元"
                filled.add("fund_unit")
                ctx.at("fund_unit", cell.line)
        for row, (fields, line) in groups.items():
            if row < 0:
                for name, value in fields.items():
                    setattr(form, name, value)
                    filled.add(name)
                    ctx.at(name, line)
                continue
            for name in _set_row(form, row, fields):
                filled.add(f"indicators.{row}.{name}")
                ctx.at(f"indicators.{row}.{name}", line)
    for path in filled:
        ctx.sure(path, AMBIGUOUS if ties else PLACED)
    ctx.warnings[:] = [w for w in ctx.warnings if w.path not in filled or w.code not in FILLED_NOTES]
    if filled:
        where = "、".join(f"{run[0].line}–{run[-1].line}" if run[-1].line > run[0].line else str(run[0].line)
                         for run in runs)
        ctx.warn("P043", f"第 {where} 行是表中折行或合并的单元格，印在了所在页的末尾（电子表格导出的 PDF 按绘制顺序"
                 f"取出的文字），已按顺序放回 {len(filled)} 个栏目，请核对原件", None, units[0].line)
    return True, left


def _measures_back(units: list[Unit]) -> list[Unit]:
    """A value's measure wrapped in a narrow column onto the next line, joined back: to the first number that
    ends the line above and has none yet (`≥40` / `次 95` / `次`: ≥40次 and 95次)."""
    if not any(is_measure(u.key) for u in units):
        return units
    out: list[Unit | None] = list(units)
    taken: set[int] = set()
    for k, u in enumerate(units):
        if not is_measure(u.key):
            continue
        above = next((j for j, v in enumerate(out) if v is not None and v.line == u.line - 1 and j not in taken
                      and v.key[-1:].isdigit()), None)
        if above is not None and (v := out[above]) is not None:
            out[above] = v._replace(text=v.text + u.text, key=v.key + u.key)
            out[k] = None
            taken.add(above)
    return [u for u in out if u is not None]


def _window(rows: list[int | None], after: int, before: int | None) -> tuple[int, int]:
    """The rows printed between two lines (-1: the head and goals too, where no row is before): a page's, whose late
    cells come after them. A row of no known line: any."""
    first = next((k for k, r in enumerate(rows) if r is None or r > after), len(rows))
    last = len(rows) - 1 if before is None else max(
        (k for k, r in enumerate(rows) if r is None or r <= before), default=-1)  # (a run begun on its line)
    return (-1 if first == 0 else first), last


def _cells(units: list[Unit], lex: Lexicon) -> list[_Cell]:
    """The units as cells: a wrapped cell's pieces joined (`_goes_on`), never a cell that is whole by its shape."""
    cells: list[_Cell] = []
    wide: dict[int, float] = {}  # a line's printed width
    for u in units:
        wide[u.line] = wide.get(u.line, 0.0) + width(u.key)
    last: Unit | None = None
    for u in units:
        if cells and last is not None and _goes_on(cells[-1], last, u, wide, lex):
            cell = cells[-1]
            cell.text, cell.key = cell.text + u.text, cell.key + u.key
            cell.kind = _kind(cell.key, lex)
            cell.units.append(u)
        else:
            cells.append(_Cell(u.text, u.key, u.line, _kind(u.key, lex), [u]))
        last = u
    return cells


WIDER = 0.1  # how much wider than the line before a wrapped cell's next line may print (justified lines vary)


def _goes_on(cell: _Cell, last: Unit, u: Unit, wide: dict[int, float], lex: Lexicon) -> bool:
    """Whether `u` goes on with the cell before it: into a level label ('服务对象满意度' / '指标'); or, words after
    words that end no sentence, with a mark that goes on (a justified line spaced out before its comma), on the
    same line after a sentence (pypdf prints a wrapped cell's lines on one line, pdfium a row's cells side by
    side), or first on the next line, no wider than the line before (a paragraph's last line is its shortest)."""
    joined = cell.key + u.key
    if _kind(joined, lex) in ("level1", "level2") and _kind(u.key, lex) not in ("level1", "level2"):
        return True
    if cell.kind not in ("sentence", "words", "short") or _kind(u.key, lex) not in ("sentence", "words", "short"):
        return False
    if cell.key.endswith(SENTENCE_END):
        return False
    if CONTINUES.match(u.key) or cell.key.endswith(GOES_ON):
        return True
    if u.line == last.line:
        return cell.kind == "sentence"
    # (lines of a paragraph: as wide as each other, justified; after words, no wider: '受益群众满意度（%）完成率'
    # is a name, '项目实施进度偏慢，将加强跟' on the next line another cell)
    slack = WIDER * wide[last.line] if cell.kind == "sentence" else 0.0
    return u.line == last.line + 1 and wide[u.line] <= wide[last.line] + slack + 0.5


@lru_cache(maxsize=1 << 12)
def _kind(key: str, lex: Lexicon) -> str:
    """What a cell's shape says it can be (its fields in `_FITS`)."""
    if key[:1] == "(" and key[-1:] == ")" and is_year_only(key) and title_year(key) is not None:
        return "year"  # (the title's year in its brackets: '（2024年度）'; a text's '2023年' cut at a space is none)
    if (lex.fund_column(key) is not None or lex.indicator_column(key) is not None or lex.section(key) == "funds"
            or key.strip("()（）") in ("元", "万元")):
        return "heading"
    if (level := lex.level(key)) is not None and level == key.removesuffix("等"):
        return "level1" if level in lex.levels else "level2"
    if OPERATOR_START.match(key):
        return "target"
    if _MEASURED.match(key):
        return "value"
    if is_dash(key):
        return "blank"
    if _SENTENCE.search(key) or key.endswith(SENTENCE_END):
        return "sentence"  # (a long name is words: '对人民代表建议提案办理、监督协商工作宣传报告次数')
    return "short" if width(key) <= 2 else "words"


def _plan(form: Form, cells: list[_Cell], window: tuple[int, int], lex: Lexicon, side_by_side: bool
          ) -> tuple[dict[int, tuple[dict[str, str | None], int]], bool, list[_Cell]] | None:
    """Which late cells each row takes (row -1: the head's fields and the goals), in order, a contiguous run
    each, and how the row's fields read with them: the best total fit over all ways, whether another way fits
    as well, and the cells no field takes. None if those are too many."""
    rows = form.indicators
    if len(cells) * (len(rows) + 1) > MOST_WORK:
        return None  # (a run no page of a form prints: its search's bound)
    parents = lex.level2_parent
    goals = [name for name in HEAD_FIELDS if getattr(form, name) is None]
    memo: dict[tuple[int, int], tuple[float, int, int]] = {}
    merged: dict[tuple[int, int, int], tuple[float, dict[str, str | None]]] = {}

    def row_fit(r: int, i: int, k: int) -> float:
        if (r, i, k) not in merged:
            # (a '无' printed in place on a line of its own, centred in a row made tall by a late cell, is its
            # 偏差原因, the last column, whichever late cell comes after it)
            late = sorted(((c.kind, c.text) for c in cells[i:k]), key=lambda cell: cell[0] == "blank")
            if r < 0:
                merged[r, i, k] = _merge([], late, goals, set(), lex)
            else:
                own = [(name, (_kind(fold(text), lex), text)) for name in _OWN if (text := getattr(rows[r], name))]
                free = {name for name in ("level1", "level2") if getattr(rows[r], name) is None}
                if (two := rows[r].level2) and parents.get(fold(two)) not in (None, fold(rows[r].level1 or "")):
                    free.add("level2")  # (a 二级 label inherited from the block above, under another 一级)
                if any(kind == "level1" for _, (kind, _) in own):
                    free.add("level2")  # (the row's own 一级 label, read as its name: the 二级 was inherited)
                if rows[r].name is None and (two := rows[r].level2):
                    own.insert(0, ("level2", (_kind(fold(two), lex), two)))  # (a name like a 二级 label read as one:
                    free.add("level2")  # '服务对象满意度', its 二级 '服务对象满意度指标' drawn late)
                base = _merge(own, [], list(ROW_FIELDS), free, lex)[0]
                lost = (ind := rows[r]).weight is not None and ind.score is not None and ind.score < ind.weight
                score, fields = _merge(own, late, list(ROW_FIELDS), free, lex, LOST_POINTS if lost else 0.0)
                merged[r, i, k] = score - base, fields
        return merged[r, i, k][0]

    def best(i: int, r: int) -> tuple[float, int, int]:
        if i == len(cells):
            return 0.0, 1, i
        if (i, r) in memo:
            return memo[i, r]
        top, ties, pick = SKIP + best(i + 1, r)[0], 1, -1  # (a cell no field of the page takes: read past)
        for k in range(min(len(cells), i + MOST_LATE), i - 1, -1) if r < len(rows) else ():
            # (of two ways as good: the cells in the row above)
            if k > i and not window[0] <= r <= window[1]:
                continue  # (a page's late cells are its own rows')
            fit = row_fit(r, i, k) if k > i else 0.0
            if fit == float("-inf"):
                continue
            if i < k < len(cells) and cells[k - 1].line == cells[k].line:
                fit += CUT_LINE
            if side_by_side and r >= 0:
                fit += NEW_LINE * sum(1 for a, b in zip(cells[i:k], cells[i + 1:k], strict=False) if a.line != b.line)
            rest, count, _ = best(k, r + 1)
            score = fit + rest
            if score > top + 1e-9:
                top, ties, pick = score, count, k
            elif score > top - 1e-9:
                ties += count
        memo[i, r] = (top, ties, pick)
        return memo[i, r]

    ties = best(0, -1)[1]
    groups: dict[int, tuple[dict[str, str | None], int]] = {}
    skipped: list[_Cell] = []
    i, r = 0, -1
    while i < len(cells):
        k = best(i, r)[2]
        if k < 0:
            skipped.append(cells[i])
            i += 1
            continue
        if k > i:
            groups[r] = (merged[r, i, k][1], cells[i].line)
        i, r = k, r + 1
    if len(skipped) > len(cells) // MOST_SKIPPED:
        return None
    return groups, ties > 1, skipped


def _merge(own: list[tuple[str, tuple[str, str]]], late: list[tuple[str, str]], fields: list[str], free: set[str],
           lex: Lexicon, explained: float = 0.0) -> tuple[float, dict[str, str | None]]:
    """The best reading of a row's fields from its own printed cells (`own`: the field each was read into, its
    kind and text) and its late cells, each run kept in its order, interleaved: (fit, field -> value). Level
    fields take a late label only where `free`; `explained`: what a late 偏差原因 gains in a row that lost points
    (what the column explains)."""
    n, m, f = len(own), len(late), len(fields)
    table: dict[tuple[int, int, int], tuple[float, tuple[tuple[str, str | None], ...]]] = {}

    def go(a: int, b: int, c: int) -> tuple[float, tuple[tuple[str, str | None], ...]]:
        if a == n and b == m:
            return 0.0, ()
        if c == f:
            return float("-inf"), ()
        if (a, b, c) in table:
            return table[a, b, c]
        top: tuple[float, tuple[tuple[str, str | None], ...]] = go(a, b, c + 1)  # (the field left empty)
        name = fields[c]
        if a < n:
            was, (kind, text) = own[a]
            fit = _OWN_FITS.get((kind, name))
            if fit is not None:
                rest = go(a + 1, b, c + 1)
                score = fit + (AS_READ if was == name else 0.0) + rest[0]
                if score > top[0] + 1e-9:
                    top = (score, ((name, _value(name, text, lex)), *rest[1]))
        if b < m and (name not in ("level1", "level2") or name in free):
            kind, text = late[b]
            fit = _FITS.get((kind, name))
            if fit is not None:
                fit += explained if name == "deviation" else 0.0
                rest = go(a, b + 1, c + 1)
                if fit + rest[0] > top[0] + 1e-9:
                    top = (fit + rest[0], ((name, _value(name, text, lex)), *rest[1]))
        table[a, b, c] = top
        return top

    score, chosen = go(0, 0, 0)
    return score, dict(chosen)


def _value(name: str, text: str, lex: Lexicon) -> str | None:
    """A field's value from a cell's text: a level's canonical label, else the text tidied."""
    return lex.level(fold(text)) if name in ("level1", "level2") else tidy(text)


def _set_row(form: Form, row: int, fields: dict[str, str | None]) -> list[str]:
    """The row's fields as merged (its own cells may have moved): the fields that changed. A row whose 一级
    label changes takes the rows below that inherited its old labels along."""
    ind = form.indicators[row]
    old = (ind.level1, ind.level2)
    changed = []
    for name in ROW_FIELDS:
        value = fields.get(name, None if name in _OWN else getattr(ind, name))
        if name == "level2" and "level2" not in fields and fields.get("level1", old[0]) != old[0]:
            value = None  # (the 二级 label inherited under the 一级 it had)
        if value != getattr(ind, name):
            setattr(ind, name, value)
            changed.append(name)
    new = (ind.level1, ind.level2)
    if new != old:
        for below in form.indicators[row + 1:]:
            if (below.level1, below.level2) != old:
                break
            below.level1, below.level2 = new
    return changed
