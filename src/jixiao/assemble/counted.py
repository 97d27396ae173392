"""A table flattened to one cell per line, its empty cells kept as blank lines (a web page copied cell by cell,
a lone '|' for an empty cell): its rows are counted out by the header's columns.

Such a stream tells where every cell of a row stands, only not where a row starts. Rows are as wide as the
header, or narrower by the label columns a merged label above covers (a web table's rowspan prints them once).
A small search (dynamic programming over the stream) cuts the rows so that every cell fits its column's shape —
a level label in a label column, a name in the 三级指标 column, points under 分值 — and the cut is taken only
when every row has its name and its 分值. The cells are then a real table's: the columns decide what each cell
is, so a row whose 得分 is blank, or a header that puts 分值 before 年度指标值, reads like any table.
"""

from __future__ import annotations

from jixiao.assemble.lexicon import CAPTION, Lexicon, is_points_only, label_key
from jixiao.assemble.stream import Unit
from jixiao.assemble.text import PERCENT_POINTS, points
from jixiao.read.tokens import Gap

_LABELS = ("level1", "level2")


def count_columns(header: list[Unit], body: list[Unit], slots: tuple[str, ...],
                  lex: Lexicon) -> tuple[list[Unit], tuple[str, ...]] | None:
    """The body as table cells, and the columns they stand in (a unit's column is its index there); None where
    the stream is not a cell per line with its empty cells kept, or where no cut into rows fits every row. The
    columns are the header's, or with a first column of 绩效指标 (merged down the table, its cells left empty)
    where the header's own do not fit: the caption over the header then heads that column."""
    columns = columns_of(slots)
    if "name" not in columns or "weight" not in columns or not header or not body:
        return None
    if header[0].col is not None or any(b.row == a.row for a, b in zip(header, header[1:], strict=False)):
        return None  # a table, or plain text printing its header on one line
    body = _lines(body)
    if not _cell_per_line(header, body):
        return None
    cells: list[Unit | None] = []
    line = header[-1].line
    for u in body:
        cells.extend([None] * (u.line - line - 1))
        cells.append(u)
        line = u.line
    cut = _best_cut(cells, columns, lex)
    if cut is None and columns[0] != "caption":
        columns = ("caption", *columns)
        cut = _best_cut(cells, columns, lex)
    if cut is None:
        return None
    out: list[Unit] = []
    for start, end, skip in cut:
        first = True
        empties = 0
        row = next(u.row for u in cells[start:end] if u is not None)
        for k, u in enumerate(cells[start:end]):
            if u is None:
                empties += 1
                continue
            gap = max(u.gap, Gap.ROW) if first else Gap.CELL
            out.append(u._replace(gap=gap, row=row, col=skip + k, certain=True, empties=empties))
            first, empties = False, 0
    return out, columns


def columns_of(slots: tuple[str, ...]) -> tuple[str, ...]:
    """The header's columns: its slots, with 绩效指标 only where it opens the row (a column of its own, merged
    down the table) — elsewhere it is a caption above the header."""
    return slots[:1] + tuple(slot for slot in slots[1:] if slot != "caption")


def _lines(units: list[Unit]) -> list[Unit]:
    """The units of each printed line as one (a cell's text may hold spaces)."""
    out: list[Unit] = []
    for u in units:
        if out and u.row == out[-1].row and u.gap < Gap.CELL:
            prev = out[-1]
            out[-1] = prev._replace(text=f"{prev.text} {u.text}", key=prev.key + u.key)
        else:
            out.append(u)
    return out


def _cell_per_line(header: list[Unit], body: list[Unit]) -> bool:
    """Every unit a line of its own with no certain boundary, the header's on consecutive lines (blank lines there
    would separate cells, not keep empty ones), and some blank line in the body (else no empty cell is kept)."""
    units = header + body
    if any(u.col is not None or u.certain for u in units):
        return False
    if any(b.row == a.row or b.gap > Gap.BLANK for a, b in zip(units, units[1:], strict=False)):
        return False
    if any(b.line != a.line + 1 for a, b in zip(header, header[1:], strict=False)):
        return False
    return any(u.gap == Gap.BLANK for u in body)


def _best_cut(cells: list[Unit | None], slots: tuple[str, ...], lex: Lexicon) -> list[tuple[int, int, int]] | None:
    """Rows (start, end, label columns skipped) covering `cells`, the best-scoring cut by dynamic programming
    among the cuts whose every row has its name and its 分值 (None: there is none). The last row may stop short:
    its last empty cells are the blank lines after the table, not in the body."""
    width = len(slots)
    # a row opens at column 0, or after the label columns a merged cell above covers
    opening = ("caption", *_LABELS)
    skips = [0, *(k + 1 for k, slot in enumerate(slots) if slot in opening and all(s in opening for s in slots[:k]))]
    weight = slots.index("weight")
    n = len(cells)
    best: list[float | None] = [None] * (n + 1)
    back: list[tuple[int, int] | None] = [None] * (n + 1)
    best[0] = 0.0
    for i in range(n):
        if best[i] is None:
            continue
        for skip in skips:
            end = i + width - skip
            if end > n:
                if n - i <= weight - skip:
                    continue  # a short last row must reach its 分值
                end = n
            fit = _row_fit(cells[i:end], slots[skip:], lex)
            if fit is None:
                continue
            total = best[i] + fit
            if best[end] is None or total > best[end]:
                best[end], back[end] = total, (i, skip)
    if best[n] is None:
        return None
    cut = []
    end = n
    while end:
        start, skip = back[end]
        cut.append((start, end, skip))
        end = start
    return cut[::-1]


def _row_fit(row: list[Unit | None], slots: tuple[str, ...], lex: Lexicon) -> float | None:
    """How well a row's cells fit the columns `slots` (None: not a row — no name, or no points under 分值)."""
    fit = 0.0
    for u, slot in zip(row, slots, strict=False):
        key = u.key if u is not None else ""
        label = lex.level(key) if key else None
        if slot == "weight":  # (points, or a 分值 printed as a percent: '40%' under 权重占比)
            if not key or points(key) is None and not PERCENT_POINTS.match(key):
                return None
            fit += 3 if points(key) is not None else 2
        elif slot == "name":
            if not key:
                return None
            fit += 0 if label else 1  # a name may read like a label ('服务对象满意度')
        elif slot == "caption":
            if key and label_key(key) != CAPTION:
                return None
        elif slot in _LABELS:
            if label or is_points_only(key):
                fit += 1 if (slot == "level1") == (label in lex.levels) else 0.5
            elif key:
                fit -= 1
        elif slot == "score":
            fit += 1 if key and points(key) is not None else 0  # (or blank, '—', '不适用')
        elif label:
            fit -= 2  # a level label under a value column: the row is cut in the wrong place
    return fit
