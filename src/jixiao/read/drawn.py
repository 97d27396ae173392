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
from jixiao.read.normalise import WIDE_CHAR, display_width

_HORIZONTAL = "-=─━═┄┅┈┉╌╍"
JUNCTIONS = frozenset("┌┐└┘├┤┬┴┼┏┓┗┛┣┫┳┻╋╔╗╚╝╠╣╦╩╬╒╕╘╛╞╡╤╧╪╓╖╙╜╟╢╥╨╫╭╮╯╰")
_BAR = re.compile(f"[|{''.join(sorted(JUNCTIONS))}]")  # a bar or a junction: the drawing's wherever it stands
# a run a rule is drawn with ('|:---:|', '+----+', '├──┼──┤'): the drawing's when it holds three horizontal
# characters or more (a cell's own '-', ':' or '3+6' is text)
_RULE_RUN = re.compile(f"[{re.escape(_HORIZONTAL)}+:|{''.join(sorted(JUNCTIONS))}]{{3,}}")
_HORIZONTALS = re.compile(f"[{re.escape(_HORIZONTAL)}]")
MIN_RULE = 3
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
        grids = [WIDE_CHAR.sub(lambda m: m.group(0) + _SECOND, line) for line in lines] if wide else lines
        rows = _areas(grids)
        if rows is not None:
            return rows
    return None


def _runs(grid: str) -> list[tuple[int, int]]:
    """The (first, last) columns of a line's runs between the drawing's bars, junctions and rules."""
    drawn = sorted([(m.start(), m.end()) for m in _BAR.finditer(grid)]
                   + [(m.start(), m.end()) for m in _RULE_RUN.finditer(grid)
                      if len(_HORIZONTALS.findall(m.group(0))) >= MIN_RULE])
    out: list[tuple[int, int]] = []
    at = 0
    for start, end in drawn:
        if start > at:
            out.append((at, start - 1))
        at = max(at, end)
    if at < len(grid):
        out.append((at, len(grid) - 1))
    return out


def _areas(grids: list[str]) -> list[tuple[int, list[Cell]]] | None:
    """The cells as the areas the drawing encloses, in rows by their top line; None when an area is not a
    rectangle (the drawing is not on this grid). An area is found as the runs of each line between its bars
    and rules, a run joined to the runs it touches on the lines above and below (union-find over runs, not a
    flood fill over characters: a page of drawn tables has a few runs a line)."""
    height, width = len(grids), len(grids[0]) if grids else 0
    runs: list[tuple[int, int, int]] = []  # (line, first column, last column) of each run between borders
    by_line: list[list[int]] = []
    for line, grid in enumerate(grids):
        here = []
        for first, last in _runs(grid):
            here.append(len(runs))
            runs.append((line, first, last))
        by_line.append(here)
    parent = list(range(len(runs)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for above, below in zip(by_line, by_line[1:], strict=False):
        i = j = 0
        while i < len(above) and j < len(below):  # runs of two lines that share a column are one area
            _, a0, a1 = runs[above[i]]
            _, b0, b1 = runs[below[j]]
            if a0 <= b1 and b0 <= a1:
                parent[root(above[i])] = root(below[j])
            if a1 < b1:
                i += 1
            else:
                j += 1
    areas: dict[int, list[tuple[int, int, int]]] = {}
    for i, run in enumerate(runs):
        areas.setdefault(root(i), []).append(run)
    found: list[tuple[int, int, int, int, str]] = []  # (top, left, bottom, right, text)
    for area in areas.values():
        top, left, right = area[0]
        bottom = area[-1][0]
        if any(r != (top + k, left, right) for k, r in enumerate(area)):
            return None  # not a rectangle: the drawing is not on this grid
        text = ""
        for line in range(top, bottom + 1):
            text = join_text(text, grids[line][left:right + 1].replace(_SECOND, "").strip())
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
