"""Pages of one worksheet printed across: a sheet wider than its paper, printed strip after strip (spreadsheet
programs print down the sheet, then over: the columns that did not fit come on later pages, their rows where the
first strip printed them).

Such a page is a window on the sheet: LibreOffice draws the sheet's text on each page it prints, clipped to the
page's print area, so characters stand beyond the page's edges (`extract` counts them) and past its clip. A page
drawn so beyond its left edge, whose rows stand level with an earlier page's rows, is that page's strip to the
right: of each of the two what it shows is kept (the rest is the other's, drawn again), and the strip's
characters, rules and pictures move to where the sheet has them, right of what the earlier page prints, so each
row reads across as the sheet holds it. A page no sheet's window is never joined, however level its rows stand
with another's (two pages of one long table set in rows of one height are level too), and keeps all it draws.

Strips come in a sheet's own order, down, then over: the strip of page n is page n + P, P fixed by the strips
found before it, for as many pages as the run of P pages they go on from. A page there is taken on less
evidence: drawn beyond its left edge, on one row level with that page's (a sheet's last page may hold its last
row only, which any page of rows of one height matches too); drawn nowhere beyond its edges (no cell's text runs
on from the strip before it), on all its rules level with that page's, as many as it has. A page printed after
the last strip that is no strip itself starts another sheet: the sheets before it take no more strips.
"""

from __future__ import annotations

import statistics
from typing import TYPE_CHECKING

from jixiao.read.pdf_text import Char

if TYPE_CHECKING:
    from jixiao.read.pdf import Page

ROW_SLACK = 0.3  # ems: two lines whose middles stand this close are level
RULE_SLACK = 1.0  # points: two rules this close are level
MATCHED = 0.5  # of a strip's rules (or lines), at least this share stand level with the page's it goes on from
MIN_ROWS = 3  # a strip prints at least this many rules (or lines) level with that page's
GAP = 2.0  # ems: between what the page prints at its right and the strip moved beside it (no rules: a cell gap)
SAME_SIZE = 1.0  # points: pages of one sheet are printed on one size of paper


def join_strips(pages: list[Page], inset: float) -> tuple[list[Page], list[tuple[int, int]]]:
    """The pages with each sheet's strips moved onto the page they go on from, and (strip's number, that page's
    number) for each one moved. `inset`: how far inside its clip a character drawn outside it is anchored."""
    if not any(page.beyond[0] for page in pages[1:]):
        return pages, []  # (no page is a strip: most documents, never measured)
    out: list[Page] = []
    levels: dict[int, _Levels] = {}  # page number -> where its own rows stand (not its strips')
    moved: list[tuple[int, int]] = []
    for page in pages:
        own = _levels(page)
        base = _next_strip(page, own, out, levels, moved) or _going_on_from(page, own, _open(page, out, moved), levels)
        if base is None:
            out.append(page)
            levels[page.number] = own
        else:
            dx = _offset(base, page, inset)  # (from the characters each draws past its print area ...)
            if all(b != base.number for _, b in moved):
                base.chars = _shown(base)  # (... then left out, before the base grows: they come with its strips)
            page.chars = _shown(page)
            _append(base, page, dx)
            moved.append((page.number, base.number))
    return out, moved


def _shown(page: Page) -> list[Char]:
    """The characters the page shows: those drawn inside its width, and inside the area their text is clipped to
    (a sheet's page is clipped to its print area; what runs past it is printed on the next strip)."""
    return [c for c in page.chars if 0 <= (c.x0 + c.x1) / 2 <= page.width and c.anchor is None]


class _Levels:
    """Where a page's rows stand: its horizontal rules, and the middles of the lines it shows (top to bottom)."""

    def __init__(self, rules: list[float], lines: list[float], size: float) -> None:
        self.rules, self.lines, self.size = rules, lines, size


def _levels(page: Page) -> _Levels:
    shown = _shown(page)
    size = statistics.median(c.size for c in shown) if shown else 10.0
    return _Levels(_clustered([y for y, _, _ in page.horizontal], RULE_SLACK),
                   _clustered([(c.top + c.bottom) / 2 for c in shown], ROW_SLACK * size), size)


def _clustered(values: list[float], slack: float) -> list[float]:
    """The values, sorted, those within `slack` of the one before them left out."""
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > slack:
            out.append(v)
    return out


def _open(page: Page, pages: list[Page], moved: list[tuple[int, int]]) -> list[Page]:
    """The pages a strip may go on from: those printed after the last strip found, and, right after it, the pages
    its run went on from (a sheet three strips wide). A page printed after the last strip that is none closed the
    sheets before it: their pages take no more strips."""
    if not moved:
        return pages
    last = moved[-1][0]
    first, period = _run(moved)
    return [p for p in pages if p.number > last or (page.number == last + 1 and first <= p.number + period <= last)]


def _run(moved: list[tuple[int, int]]) -> tuple[int, int]:
    """The first page of the run of strips the last one found is in, and how far each stands from its page: the
    strips before it one page apart, each as far from its page."""
    first, base = moved[-1]
    period = first - base
    for strip, base in reversed(moved[:-1]):
        if strip != first - 1 or strip - base != period:
            break
        first = strip
    return first, period


def _going_on_from(page: Page, own: _Levels, pages: list[Page], levels: dict[int, _Levels]) -> Page | None:
    """The earlier page this one is a strip of: the same paper, this one a window on a sheet drawn beyond its
    left edge (where the sheet's columns before it stand: a strip of its first columns draws none), and its rows
    level with this page's: the rules of both, where both are ruled (a row's text wraps over as many lines as
    its tallest cell needs: the lines of two strips stand level only in part), else the lines of both. The page
    with the most such rows, when several have enough."""
    best: tuple[int, Page] | None = None
    for base in pages:
        if abs(base.height - page.height) > SAME_SIZE or not page.beyond[0]:
            continue
        other = levels[base.number]
        if own.rules and other.rules:
            mine, theirs, slack = own.rules, other.rules, RULE_SLACK
        else:
            mine, theirs, slack = own.lines, other.lines, ROW_SLACK * own.size
        level = _level(mine, theirs, slack)
        if level >= MIN_ROWS and level >= MATCHED * len(mine) and (best is None or level > best[0]):
            best = (level, base)
    return best[1] if best else None


def _next_strip(page: Page, own: _Levels, pages: list[Page], levels: dict[int, _Levels],
                moved: list[tuple[int, int]]) -> Page | None:
    """The page this one is a strip of where the strips found before it say so: the page as far before it as the
    last strip was before its own; taken on one level row beyond the left edge, else on all its rules level."""
    if not moved:
        return None
    first, period = _run(moved)
    if page.number >= first + period:
        return None  # (past the run: the strips of a run's pages are as many as its pages)
    number = page.number - period
    base = next((p for p in pages if p.number == number), None)
    if base is None or abs(base.height - page.height) > SAME_SIZE:
        return None
    other = levels[number]
    if page.beyond[0]:
        mine, theirs, slack = (own.rules, other.rules, RULE_SLACK) if own.rules and other.rules else \
            (own.lines, other.lines, ROW_SLACK * own.size)
        level = _level(mine, theirs, slack)
        return base if level and level >= MATCHED * len(mine) else None
    ruled = len(own.rules) > 1 and len(own.rules) == len(other.rules)
    return base if ruled and _level(own.rules, other.rules, RULE_SLACK) == len(own.rules) else None


def _offset(base: Page, strip: Page, inset: float) -> float:
    """How far right the strip's content moves: where both pages clip their text to their print areas, the strip's
    area begins where the base's ends (a cell's text cut at the join goes on there); else, where both print
    rules, the strip's leftmost rule falls on the base's rightmost (a ruled table goes on across the join); else
    the strip starts a cell gap right of the base's content."""
    right, left = _clip_edge(base, True), _clip_edge(strip, False)
    if right is not None and left is not None:
        return right - left + 2 * inset
    if base.vertical and strip.vertical:
        return max(x for x, _, _ in base.vertical) - min(x for x, _, _ in strip.vertical)
    ends = [c.x1 for c in base.chars] + [x1 for _, _, x1 in base.horizontal] + [0.0]
    starts = [c.x0 for c in strip.chars] + [x0 for _, x0, _ in strip.horizontal] + [strip.width]
    em = statistics.median(c.size for c in strip.chars) if strip.chars else 10.0
    return max(ends) + GAP * em - min(starts)


def _clip_edge(page: Page, right: bool) -> float | None:
    """Where the page clips the characters drawn past its print area on that side: they are held `inset` inside
    it (their anchors)."""
    xs = [c.anchor[0] for c in page.chars
          if c.anchor is not None and ((c.x0 + c.x1) / 2 > c.anchor[0]) == right and c.anchor[0] != (c.x0 + c.x1) / 2]
    return (max(xs) if right else min(xs)) if xs else None


def _level(own: list[float], other: list[float], slack: float) -> int:
    """How many of `own` (sorted) stand level with one of `other` (sorted)."""
    count = k = 0
    for m in own:
        while k < len(other) and other[k] < m - slack:
            k += 1
        if k < len(other) and abs(other[k] - m) <= slack:
            count += 1
    return count


def _append(base: Page, strip: Page, dx: float) -> None:
    """`strip`'s content moved `dx` right and added to `base`'s, less a character both show at one place: one
    standing across the join, its box on one side and its middle on the other (a full-width `“`, drawn at the
    right of its box)."""
    for ch in strip.chars:
        ch.x0 += dx
        ch.x1 += dx
        if ch.anchor is not None:
            ch.anchor = (ch.anchor[0] + dx, ch.anchor[1])
    join = min((ch.x0 for ch in strip.chars), default=0.0)
    shown = {(ch.text, round(ch.top), round(ch.x0)) for ch in base.chars if ch.x1 > join - 1}
    base.chars.extend(ch for ch in strip.chars if ch.x0 > join + 1 or not any(
        (ch.text, round(ch.top), round(ch.x0) + d) in shown for d in (-1, 0, 1)))
    base.horizontal.extend((y, x0 + dx, x1 + dx) for y, x0, x1 in strip.horizontal)
    base.vertical.extend((x + dx, y0, y1) for x, y0, y1 in strip.vertical)
    base.pictures.extend((x0 + dx, top, x1 + dx, bottom) for x0, top, x1, bottom in strip.pictures)
    base.images += strip.images
    base.paths += strip.paths
    base.unmapped += strip.unmapped
    base.width = max(base.width, strip.width + dx)
