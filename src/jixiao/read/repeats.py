"""Merged cells written out once per column they span: a table taken from a web page by pandas' `read_html`, a
sheet unmerged with each part filled, some PDF table extractors (`项目名称 | 某项目 | 某项目 | 某项目`, `年度资金总额 |
年度资金总额 | 18250000.00`). Read as they stand, a span's copies are cells of their own: a label's copy in the
first value column, a goal text's copy read as the actual.

Where a document shows such copies — two rows or more each holding one text of words in three cells or more
after one another (one row may do so by chance: an indicator named as its target and actual; placeholders `/`
or `——` across a fund row are no words) — each run of copies is one cell, its first, the others left empty as
a table that keeps its merged cells' places prints them: a run of three or more, or a run of two that starts its row
(a row's label spanning the label columns: `年度资金总额 | 年度资金总额`; not a goal's text after an empty cell).
A run that the spans of the row above tile is cut where they end: a goal's text copied into 实际完成情况
(`E E E E E E` under `预期目标 ×3 实际完成情况 ×3`) is two texts. Numbers are never copies (a 分值 and its 得分
are often equal), and neither is a run of two inside a row (a target and its actual are often equal).
"""

from __future__ import annotations

from jixiao.read.index_column import drop_row_index
from jixiao.read.tokens import Token, cell_rows

MIN_SPAN = 3  # copies of one text in one row that only a span writes
MIN_ROWS = 2  # rows holding such copies in a document whose writer copies spans (a title, a name, a goal)


# what a program writes for a cell that holds nothing (pandas' NaN, Python's None): no form's text
NO_VALUE = frozenset({"nan", "NaN", "None", "null", "NULL", "<NA>", "NaT"})


def as_printed(tokens: list[Token]) -> None:
    """A table writer's additions undone: its words for an empty cell emptied, its row index dropped
    (`index_column`), a span's copies left empty."""
    for k, tok in enumerate(tokens):
        if tok.text in NO_VALUE and tok.col is not None:
            tokens[k] = tok._replace(text="")
    if any(tok.col == 0 and tok.text in ("0", "1") for tok in tokens):  # (a row numbered: most tables none)
        drop_row_index(tokens)
    if _copies(tokens):
        _unrepeat(tokens)


def _copies(tokens: list[Token]) -> bool:
    """Whether MIN_ROWS rows each hold one text in MIN_SPAN cells after one another, a text of words (one pass:
    most documents hold none). One row is chance: an indicator named as its target and actual (`根据合同` ×3)."""
    run = 1
    rows: set[int] = set()
    for a, b in zip(tokens, tokens[1:], strict=False):
        if b.text and b.text == a.text and b.row == a.row and b.col is not None:
            run += 1
            if run == MIN_SPAN and not _number(b.text) and any(ch.isalnum() for ch in b.text):
                rows.add(b.row)
                if len(rows) >= MIN_ROWS:
                    return True
        else:
            run = 1
    return False


def _unrepeat(tokens: list[Token]) -> None:
    """Each run of a span's copies in the rows of cells (see the module docstring) left as its first cell, in a
    document that shows such copies (`_copies`)."""
    rows = cell_rows(tokens)
    runs = [_runs(tokens, row) for row in rows]
    above: dict[int, int] = {}  # the spans of the row before: first column -> last column
    for row, row_runs in zip(rows, runs, strict=True):
        spans: dict[int, int] = {}
        for start, end in row_runs:
            if end - start + 1 < MIN_SPAN and start != row[0]:
                continue
            for first, last in _tiles(tokens, start, end, above):
                for k in range(first + 1, last + 1):
                    tokens[k] = tokens[k]._replace(text="")
                tokens[first] = tokens[first]._replace(col_span=last - first + 1)
                spans[tokens[first].col] = tokens[last].col  # type: ignore[index,assignment]
        above = spans


def _tiles(tokens: list[Token], start: int, end: int, above: dict[int, int]) -> list[tuple[int, int]]:
    """The run cut where the spans of the row above end, where they tile it exactly; else the run whole."""
    out: list[tuple[int, int]] = []
    k = start
    while k <= end:
        last_col = above.get(tokens[k].col)  # type: ignore[arg-type]
        if last_col is None or last_col > tokens[end].col:  # type: ignore[operator]
            return [(start, end)]
        last = k + last_col - tokens[k].col  # type: ignore[operator]
        out.append((k, last))
        k = last + 1
    return out


def _runs(tokens: list[Token], row: list[int]) -> list[tuple[int, int]]:
    """(first, last) token index of each run of two or more neighbouring cells of one text, a text no number."""
    out: list[tuple[int, int]] = []
    k = 0
    while k < len(row):
        text = tokens[row[k]].text
        j = k
        while j + 1 < len(row) and tokens[row[j + 1]].text == text and tokens[row[j + 1]].col == tokens[row[j]].col + 1:
            j += 1
        if j > k and text.strip() and not _number(text):
            out.append((row[k], row[j]))
        k = j + 1
    return out


def _number(text: str) -> bool:
    """A number, its thousands grouped by a comma of either width (`5，552.00`: a full-width document's)."""
    return text.strip().replace(",", "").replace("，", "").replace(".", "", 1).replace("%", "").lstrip("-+").isdigit()
