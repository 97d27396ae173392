"""A row index written before a table's cells: pandas' `to_csv` and `to_excel` by default (`0,项目名称,…`,
`1,主管部门,…`), with a header row of column numbers above it (`,0,1,2,…`). Read as they stand, the numbers are
each row's first cell, so every row's cells stand a column off.

Rows whose first cells number them one after another (from 0 or 1, five rows or more, from the table's first
row or from under a writer's row of column numbers or names: an empty cell, then 0, 1, 2, …, or the sheet's
first row with pandas' `Unnamed: 1`, `Unnamed: 2` for its empty cells) lose that cell; a row of numbers is left
out, a row of names loses its first cell and its `Unnamed` names. A form numbers no run of its rows so: a 序号
column numbers only its indicators, under its header.
"""

from __future__ import annotations

import re

from jixiao.read.tokens import Gap, Token, cell_rows

MIN_ROWS = 5  # rows numbered one after another: fewer may be a form's own numbers


def drop_row_index(tokens: list[Token]) -> None:
    """Remove the row index and the row of column numbers (see the module docstring) from `tokens`."""
    rows = cell_rows(tokens)
    drop: set[int] = set()
    k = 0
    while k < len(rows):
        base = _number(tokens, rows[k])
        end = k + 1
        while base in (0, 1) and end < len(rows) and _number(tokens, rows[end]) == base + end - k:
            end += 1
        numbers = k and _column_numbers(tokens, rows[k - 1])
        named = k and not numbers and _column_names(tokens, rows[k - 1])
        if base not in (0, 1) or end - k < MIN_ROWS or not (numbers or named or _opens_table(tokens, rows, k)):
            k += 1
            continue
        for row in rows[k - 1:end] if named else rows[k:end]:
            drop.add(row[0])
            for j in row[1:]:  # (the row's next cell opens it now)
                gap = tokens[row[0]].gap if j == row[1] else tokens[j].gap
                text = "" if _UNNAMED.match(tokens[j].text) else tokens[j].text
                tokens[j] = tokens[j]._replace(col=tokens[j].col - 1, gap=gap, text=text)  # type: ignore[operator]
        if numbers:
            drop.update(rows[k - 1])
        k = end
    if drop:
        tokens[:] = [t for j, t in enumerate(tokens) if j not in drop]


def _opens_table(tokens: list[Token], rows: list[list[int]], k: int) -> bool:
    """Row `k` is its table's first: no row of cells right before it."""
    start = rows[k][0]
    return not k or rows[k - 1][-1] != start - 1 or tokens[start].gap >= Gap.BLANK


def _number(tokens: list[Token], row: list[int]) -> int | None:
    """The row's first cell as a whole number, or None."""
    text = tokens[row[0]].text.strip()
    return int(text) if text.isdecimal() and len(text) <= 6 else None


_UNNAMED = re.compile(r"^Unnamed: \d+(?:_level_\d+)?$")  # pandas' name for a column whose header cell is empty


def _column_names(tokens: list[Token], row: list[int]) -> bool:
    """An empty cell, then the columns' names as pandas writes them: the sheet's first row, taken for its header,
    its empty cells named `Unnamed: 1`, `Unnamed: 2`, …"""
    texts = [tokens[j].text.strip() for j in row]
    return len(texts) >= 4 and not texts[0] and any(_UNNAMED.match(t) for t in texts[1:])


def _column_numbers(tokens: list[Token], row: list[int]) -> bool:
    """An empty cell, then 0, 1, 2, … (three or more): a writer's row of column numbers."""
    texts = [tokens[j].text.strip() for j in row]
    return len(texts) >= 4 and not texts[0] and texts[1:] == [str(n) for n in range(len(texts) - 1)]
