"""Column-aligned plain text (what `pdftotext -layout` and many PDF extractors give) read as table cells.

When a table's header words stand on plain lines at distinct horizontal positions, the header gives the
columns: a fragment of the body that starts at a column (or after a run of spaces) begins the cell of the
column its position falls in; a fragment after a single space continues the cell before it; every printed
line is a table row. The units come out as certain cells with their column and the blank cells before them,
so everything that reads tables — blank cells, pieces of a wrapped cell on the next lines joined by column —
reads this text too.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable

from jixiao.assemble.stream import Unit
from jixiao.assemble.text import number
from jixiao.read.normalise import display_width
from jixiao.read.tokens import Gap

SLACK = 1.0  # a column's text may start a little left of its header word (centred headers)
# display columns: how far left of its column a cell of text may start where the column before holds a cell of
# its line (text set a character a column misplaces a cell by one; a PDF's boxes stand where they are printed)
DRIFT = 2.0
CENTRED = 2.0  # columns: a heading this near the middle of its column stands centred over it ...
CENTRED_SHARE = 0.2  # ... or this share of the column's width


def column_of(x: float, starts: list[float]) -> int:
    """The column a text starting at `x` falls in (a little left of a column's start is in it: `SLACK`)."""
    return max(0, bisect_right(starts, x + SLACK) - 1)


def column_starts(header: list[Unit]) -> list[float] | None:
    """The header words' positions, when they are plain text laid out in columns (else None)."""
    if not header or any(u.certain for u in header):
        return None
    first_row = [u for u in header if u.row == header[0].row]
    xs = [u.x for u in first_row]
    if len(xs) < 2 or any(b <= a for a, b in zip(xs, xs[1:], strict=False)):
        return None
    if not any(u.gap == Gap.WIDE for u in first_row[1:]):
        return None  # single spaces between header words: flowed text, not columns
    return xs


def under_centred(header: list[Unit], body: list[Unit], starts: list[float], low: float = float("-inf")
                  ) -> list[float]:
    """The columns' starts where a header's words stand centred over cells set at the left of their columns
    (a table's header centred, as most are, taken out by `pdftotext -layout`): each column starts left of its
    heading, after the heading before it, where two lines or more start a cell — taken where every
    heading so moved stands centred between its column's start and the next one's, and fewer of a line's cells
    fall together in one column than at the headings (cells that start right of their headings, as a
    compressed layout sets them, would each move a column left: no heading stands centred so). Else the
    headings' places. `low`: left of the first column (its row labels, which no heading names)."""
    rows: dict[int, list[float]] = {}
    for k, u in enumerate(body):
        if not u.certain and (k == 0 or body[k - 1].row != u.row or u.gap >= Gap.WIDE):
            rows.setdefault(u.row, []).append(u.x)
    places = Counter(round(x) for xs in rows.values() for x in xs)
    moved = list(starts)
    for k, start in enumerate(starts):
        floor = starts[k - 1] + SLACK if k else low
        moved[k] = float(min((x for x, n in places.items() if n >= 2 and floor < x < start - SLACK),
                             default=start))
    if moved == starts:
        return starts
    headings = [u for u in header if u.row == header[0].row]
    for k in range(len(moved) - 1):
        if moved[k] != starts[k]:
            middle = (moved[k] + moved[k + 1]) / 2
            centre = (headings[k].x + _end(headings[k])) / 2
            if abs(centre - middle) > max(CENTRED, CENTRED_SHARE * (moved[k + 1] - moved[k])):
                return starts
    return moved if _together(rows.values(), moved) < _together(rows.values(), starts) else starts


def _end(u: Unit) -> float:
    """Where a heading ends, in its line's columns: by its box where the reader placed it (a PDF's position is
    its box's left edge in the same columns, and a heading wrapped over lines is as wide as its widest line),
    else by its printed width."""
    if u.box is not None and u.box[0] > 0:
        return u.x * u.box[2] / u.box[0]
    return u.x + display_width(u.text)


def _together(rows: Iterable[list[float]], starts: list[float]) -> int:
    """Cells of a line that fall in a column with another of that line's."""
    return sum(len(xs) - len({column_of(x, starts) for x in xs}) for xs in rows)


def rows_align(units: list[Unit], starts: list[float]) -> bool:
    """The body's lines are laid out in the header's columns too: two cells of a line (fragments after a run of
    spaces) seldom fall in one column. Cells separated by runs of spaces, each line only as long as its words,
    drift from the header's positions and collide; reading them by the header's columns would join them."""
    cells = collisions = 0
    last: tuple[int, int] | None = None  # (row, column) of the cell before
    for k, u in enumerate(units):
        if u.certain:
            continue
        new_row = k == 0 or units[k - 1].row != u.row
        if not new_row and u.gap < Gap.WIDE:
            continue
        col = column_of(u.x, starts)
        cells += 1
        collisions += not new_row and last is not None and last == (u.row, col)
        last = (u.row, col)
    return collisions <= 0.05 * cells


def points_in_columns(units: list[Unit], starts: list[float], score_col: int) -> bool:
    """The rows on the pages after the header's stand in its columns: of their lines that end a row with two
    numbers (its 分值 and 得分), at least half set the second where it starts or ends (right-aligned) in the
    header's 得分 column. A text taken out a page at a time lays out each page's columns anew (`pdftotext
    -layout`): a page set wider or narrower than the header's is not read by the header's columns."""
    after = next((k for k, u in enumerate(units) if u.gap == Gap.PAGE), len(units))
    lines: dict[int, tuple[Unit, Unit]] = {}
    for before, u in zip(units[after:], units[after + 1:], strict=False):
        if (before.row == u.row and not u.certain and number(u.text) is not None
                and number(before.text) is not None):
            lines[u.row] = (before, u)
    placed = sum(1 for _, score in lines.values() if score_col in (
        column_of(score.x, starts), column_of(score.x + display_width(score.text) - 1, starts)))
    return 2 * placed >= len(lines)


def numbers_apart(units: list[Unit], starts: list[float]) -> bool:
    """No two numbers of a line fall in one column: a header printed wide over rows printed narrow ('年度资金总额:
    25 25 25 10 100.00% 10.00' under headings spread across the line) is not laid out in the header's columns."""
    seen: set[tuple[int, int]] = set()
    for u in units:
        if u.certain or number(u.text) is None:
            continue
        place = (u.row, column_of(u.x, starts))
        if place in seen:
            return False
        seen.add(place)
    return True


def _runs_into(u: Unit, before: Unit, next_start: float) -> bool:
    """A number after a number of its column, running on past the next column's start: the next column's,
    right-aligned there (two numbers are never one cell)."""
    return (number(u.text) is not None and number(before.text) is not None
            and u.x + display_width(u.text) > next_start)


def realign(units: list[Unit], starts: list[float]) -> list[Unit]:
    """Plain units as the cells of the columns that start at `starts` (see the module docstring)."""
    out: list[Unit] = []
    last_col = -1
    for u in units:
        if u.certain:
            out.append(u)
            last_col = u.col if u.col is not None else -1
            continue
        col = column_of(u.x, starts)
        new_row = not out or out[-1].row != u.row
        moved = False
        if not new_row and u.box is None and col <= last_col < len(starts) - 1 and (
                u.gap >= Gap.WIDE and starts[last_col + 1] - u.x <= DRIFT or _runs_into(u, out[-1], starts[col + 1])):
            col, moved = last_col + 1, True  # a cell set a character left of its column, beside a full one (see
            # DRIFT), or a number right-aligned in it, a space after the number before ('20.00 20.0' under 分值 得分)
        starts_cell = new_row or moved or u.gap >= Gap.WIDE or (col > last_col and abs(u.x - starts[col]) <= SLACK)
        if not starts_cell:
            prev = out[-1]
            text = f"{prev.text} {u.text}"
            out[-1] = prev._replace(text=text, key=prev.key + u.key)
            continue
        empties = col if new_row else max(0, col - last_col - 1)
        gap = max(u.gap, Gap.ROW) if new_row else Gap.CELL
        out.append(Unit(u.text, u.key, gap, u.line, u.row, col, u.x, True, empties, u.span, u.page, u.box))
        last_col = col
    return out
