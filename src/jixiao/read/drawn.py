"""Tables drawn in characters on a grid: what text-mode browsers (`w3m -dump`), grid-table writers (pandoc's
reStructuredText, Emacs org, console tools) and hand-drawn text make of a table with a rule under every row.

Such a drawing is a picture of the table: the rules and bars enclose each cell, a merged cell being an area
that no rule or bar crosses (`│产出├────┼──┤`: the rule stops at the 一级 label merged over rows, whose text
the browser prints in the middle of its span), and a cell's wrapped lines stand inside its area. So the cells
are read as the areas the drawing encloses, found over the character grid, not as the pieces
between bars on each line: each area is a cell, its lines joined, its column and row spans counted from the
edges of all the cells, as a PDF's cells are read from its ruling lines.

The grid is one column per character or, as a monospaced display draws it, two for an ideograph; the one under
which every cell is a rectangle is the drawing's. A drawing whose bars do not line up (cells not padded to their
columns) is no picture: `read/text.py` then joins the lines between its rules column by column.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from jixiao.read.grid import Cell, join_text
from jixiao.read.normalise import JUNCTIONS, RULE_HORIZONTAL, WIDE_CHAR, display_width

_JOINS = "".join(sorted(JUNCTIONS))
# what the drawing draws on a line: a run a rule is drawn with ('|:---:|', '+----+', '├──┼──┤'), the drawing's
# when it holds three horizontal characters or more (a cell's own '-', ':' or '3+6' is text), or else a bar or a
# junction, the drawing's wherever it stands. One pattern, tried from the left: a run of rule characters is taken
# whole where it holds three horizontals, its bars one by one where it does not.
_DRAWN = re.compile(f"[+:|{_JOINS}]*(?:[{re.escape(RULE_HORIZONTAL)}][+:|{_JOINS}]*){{3,}}|[|{_JOINS}]")
_BAR = re.compile(f"[|{_JOINS}]")  # all a line without a horizontal character draws (most lines: cells)
_ANY_HORIZONTAL = re.compile(f"[{re.escape(RULE_HORIZONTAL)}]")
_SECOND = "\0"  # the second column of an ideograph where a display gives it two


def drawn_rows(lines: list[str]) -> list[tuple[int, list[Cell]]] | None:
    """The rows of one drawn table (its lines, bars already `|`): for each row, the index of the line its
    cells start on and its cells, each at its grid column with its spans, empty cells kept. None when the
    drawing is not on a grid (its lines are not one width, or an area it encloses is not a rectangle)."""
    lines = [line.rstrip() for line in lines]
    for wide in (True, False):
        widths = {display_width(line) if wide else len(line) for line in lines}
        if len(widths) != 1:  # (most drawings typed by hand: cells not padded, lines of many widths)
            continue
        grids = [WIDE_CHAR.sub(_second_after, line) for line in lines] if wide else lines
        rows = _areas(grids)
        if rows is not None:
            return rows
    return None


def _second_after(m: re.Match[str]) -> str:
    return m.group(0) + _SECOND


def _runs(grid: str) -> list[tuple[int, int]]:
    """The (first, last) columns of a line's runs between the drawing's bars, junctions and rules."""
    out: list[tuple[int, int]] = []
    at = 0
    for m in (_DRAWN if _ANY_HORIZONTAL.search(grid) else _BAR).finditer(grid):
        start, end = m.span()
        if start > at:
            out.append((at, start - 1))
        at = end
    if at < len(grid):
        out.append((at, len(grid) - 1))
    return out


def _areas(grids: list[str]) -> list[tuple[int, list[Cell]]] | None:
    """The cells as the areas the drawing encloses, in rows by their top line; None when an area is not a
    rectangle (the drawing is not on this grid). An area is followed down the lines as the runs between the
    drawing's bars and rules: a run continues the area of the run just above it when that run spans the same
    columns; a run touching one above of another width is no rectangle (not a flood fill over characters: a page
    of drawn tables has a few runs a line)."""
    height, width = len(grids), len(grids[0]) if grids else 0
    areas: list[tuple[int, int, int, list[int], list[str]]] = []  # (top, left, right, [bottom], its lines' pieces)
    above: list[tuple[int, int]] = []  # the runs of the line above, in column order, and their areas
    reaching: dict[tuple[int, int], tuple[int, int, int, list[int], list[str]]] = {}
    for line, grid in enumerate(grids):
        here = _runs(grid)
        below: dict[tuple[int, int], tuple[int, int, int, list[int], list[str]]] = {}
        i = 0
        for run in here:
            first, last = run
            while i < len(above) and above[i][1] < first:
                i += 1
            if i < len(above) and above[i][0] <= last:  # the run above shares a column with this one
                if above[i] != run:
                    return None  # not a rectangle: the drawing is not on this grid
                area = reaching[run]
                area[3][0] = line
                area[4].append(grid[first:last + 1])
                i += 1
            else:
                area = (line, first, last, [line], [grid[first:last + 1]])
                areas.append(area)
            below[run] = area
        above, reaching = here, below
    found: list[tuple[int, int, int, int, str]] = []  # (top, left, bottom, right, text)
    for top, left, right, (bottom,), pieces in areas:
        text = ""
        for piece in pieces:
            text = join_text(text, piece.replace(_SECOND, "").strip())
        outside = top == 0 or left == 0 or bottom == height - 1 or right == width - 1
        if text or not outside:  # (the blank margins around the drawing are no cells)
            found.append((top, left, bottom, right, text))
    if not found:
        return None
    tops = sorted({t for t, _, _, _, _ in found})
    lefts = sorted({left for _, left, _, _, _ in found})
    rows: dict[int, list[Cell]] = {}
    for top, left, bottom, right, text in sorted(found, key=lambda f: (f[0], f[1])):
        rows.setdefault(top, []).append(Cell(
            text, bisect_left(lefts, left), row_span=bisect_right(tops, bottom) - bisect_left(tops, top),
            col_span=bisect_right(lefts, right) - bisect_left(lefts, left)))
    return sorted(rows.items())
