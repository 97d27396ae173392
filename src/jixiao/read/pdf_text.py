"""Tables printed without rules in a PDF (a web table without borders printed by a browser, a 三线表, a sheet
printed without gridlines): their rows rebuilt from the text's positions.

Such a table prints a cell that wraps as a stack of lines and places the stack in its row by the cell's vertical
alignment — centred (a web page's default), top or bottom. Its one-line cells then stand level with the middle (or
top, or bottom) of its tallest cell, and read line by line the rows interleave: '数量指' above the row's numbers,
'标' below them. Here:
- each printed line is cut into atoms: runs of text between gaps wider than a space, at a column start that
  several lines share, or between two values;
- an atom is linked to the one right below it that it overlaps, within about a line's spacing, when the upper one
  is not narrower (a wrapped line is full) and neither is a value (a number never wraps);
- where the table's rows are padded, the links fall in two groups: the lines of one cell, at the line spacing,
  and cells of consecutive rows, further apart by the padding; the chains are cut at the wide links and each piece
  is a cell, a merged label over rows included;
- else each chain is cut by dynamic programming into the stacks that stand aligned with a row — where the atoms
  linked to nothing (one-line cells) stand, or (read top- or bottom-aligned) where several cells of several
  lines begin or end on one line — and never beside another row's one-line cells;
- the alignment (middle, top, bottom) is the one that fits the run of text best.
A row is then emitted as one line of cells, each at its left edge, which the assembler reads by the header's
columns like any column-aligned text. A cell aligned with no row and standing beside some (a label merged over
rows) goes with the row nearest its middle.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from jixiao.read.normalise import CLOSING_MARKS, IDEOGRAPH, join

WORD_GAP = 0.1  # ems: a wider gap between two characters ends a word (a space)
SPACE = 0.2  # ems: a gap this wide between two words is a printed space
CELL_GAP = 0.4  # ems: a wider gap ends a cell's text on its line (wider than any space between words) ...
SPACED_GAP = 1.0  # ems: ... and a wider gap after a space of the text's own
START_GAP = 0.08  # ems: a wider gap before a word at a shared column start ends a cell's text (unless the
# text itself puts a space there: a sentence running past a column start of the rows below)
SHARED_START = 3  # words of different texts starting at one x make it a column start
ALIGN = 0.3  # ems: a stack stands aligned with a row when its edge or middle is this close to the row's
LINK = 1.0  # ems: two lines of one cell stand at most this far apart (a row's padding may be less than this)
UNMATCHED = 1.0  # the cost of each line of a stack aligned with no row
OVERLAP = 0.2  # a line beside a one-line cell overlaps it by more than this share of its height
PADDING = 1.2  # points: rows whose cells' lines stand this much further apart than a cell's lines are padded
LAST = 2.0  # ems: a line this much shorter than the line it goes on from ends its cell (a paragraph's last line)
WIDER = 1.5  # ems: how much a line may fall short of the next line of its cell (where both are full)
# a value (a number, with an operator and a short unit) or a dash for none: it never wraps onto another line
# (a number with a dash right after it: two values set too close for a space, `0.00-`, 全年执行数 and a blank 分值)
_NEVER_WRAPS = re.compile(r"^(?:[=≥≤<>≧≦]?[-+]?\d[\d,.]*(?:%|[(（][^()（）]{1,4}[)）])?[-—–]?|[-—–/／\\]+)$")
_VALUE_CUT = re.compile(r"^[=≥≤<>≧≦]?[-+]?\d[\d,.]{2,}$")  # a number a narrow column may break ...
_VALUE_REST = re.compile(r"^(?:[\d.,%]{1,3}|[(（][^()（）]{1,4}[)）])$")  # ... whose rest is this short
# a whole number too short to be cut, cut before its point all the same, its rest holding the point ('10' / '0.0' /
# '0': '100.00' in a column two characters wide)
_SHORT_HEAD = re.compile(r"^[-+]?\d{1,2}$")
_REST_WITH_POINT = re.compile(r"^\d{0,2}\.\d{0,2}$")
# ... or any rest, where the number was cut inside its thousands groups ('16,221,1' / '00.00', '16,221,' / '100.00')
_GROUPED = re.compile(r"^[-+]?\d{1,3}(?:,\d{3})+(?:\.\d+)?%?$")
_DECIMAL = re.compile(r"^[-+]?\d+\.\d+$")  # a number printed with decimals: a column's 分值 or 得分
_BARE_NUMBER = re.compile(r"^[=≥≤<>≧≦]?[-+]?\d[\d,.]*$")  # a number printed without its unit ...
_UNIT = re.compile(r"^[\u4e00-\u9fff]{1,4}$")  # ... which a narrow column put on the next line
_VALUE = re.compile(r"^[=≥≤<>≧≦]?[-+]?\d[\d,.]*(?:%|\(%\)|（%）)?$")  # two such words are two cells' values
MODES = ("middle", "top", "bottom")
MAX_LINES = 60  # a cell's lines at most (bounds the cutting of a chain: a page of text may be one long chain)


@dataclass(slots=True)
class Char:
    """A printed character and its box (points, y down): what a PDF page, OCR or a grid of text gives."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    spaced: bool = False  # the text puts a space before it: a word of the same run of text, not a new cell
    # where it belongs when it is drawn outside the area its text is clipped to (a cell's text run on past the
    # cell, cut off by the producer's clip: the cell's, not the next cell's); None: where it stands
    anchor: tuple[float, float] | None = None

    @property
    def size(self) -> float:
        return self.bottom - self.top


@dataclass(slots=True)
class Atom:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    up: Atom | None = None
    down: Atom | None = None


@dataclass(slots=True)
class Row:
    """A rebuilt row: its cells' texts and boxes, left to right."""

    key: float
    cells: list[tuple[str, float, float, float, float]]  # (text, x0, x1, top, bottom)


def _even(line: Sequence[Char]) -> list[Char]:
    """The line with its ideographs as wide as each other: a glyph from a fallback font is boxed by its ink,
    narrower than its advance, which would open false gaps beside it ('自' in '绩效自评表')."""
    widths = sorted(c.x1 - c.x0 for c in line if IDEOGRAPH.match(c.text))
    if len(widths) < 2:
        return list(line)
    width = widths[len(widths) // 2]
    out = []
    for c in line:
        if IDEOGRAPH.match(c.text) and abs(c.x1 - c.x0 - width) > 0.15 * width:
            middle = (c.x0 + c.x1) / 2
            c = replace(c, x0=middle - width / 2, x1=middle + width / 2)
        out.append(c)
    return out


def _words(line: Sequence[Char]) -> list[list[Char]]:
    line = _even(line)
    words: list[list[Char]] = [[line[0]]]
    for ch in line[1:]:
        if ch.x0 - words[-1][-1].x1 > WORD_GAP * max(ch.size, 1.0):
            words.append([ch])
        else:
            words[-1].append(ch)
    return _spread(words)


SPREAD_RUN = 3  # single characters at equal gaps, at least this many, are one word spread over its cell ...
SPREAD_EVEN = 0.05  # ems: ... when their gaps differ by no more than this


def _spread(words: list[list[Char]]) -> list[list[Char]]:
    """A label set 分散对齐 (distributed: `年 初 预 算 数` across its cell) prints each character apart at one
    gap: a run of single ideographs at equal gaps is one word. Two characters show no such evidence (`得    分`:
    the assembler joins a label's pieces; taking every wide pair for one word read worse); cells one character
    wide stand at unequal gaps."""
    if len(words) < SPREAD_RUN:
        return words
    out: list[list[Char]] = []
    run: list[list[Char]] = []

    def flush() -> None:
        if len(run) >= SPREAD_RUN:
            out.append([w[0] for w in run])
        else:
            out.extend(run)
        run.clear()

    for w in words:
        single = len(w) == 1 and bool(IDEOGRAPH.match(w[0].text))
        if single and run:
            gap, last = w[0].x0 - run[-1][0].x1, run[-1][0]
            even = len(run) < 2 or abs(gap - (last.x0 - run[-2][0].x1)) <= SPREAD_EVEN * max(last.size, 1.0)
            if not even:
                flush()
        if single:
            run.append(w)
        else:
            flush()
            out.append(w)
    flush()
    return out


def _text(chars: list[Char]) -> str:
    return "".join(c.text for c in chars)


def _at(x: float, columns: set[int]) -> bool:
    """Whether x is (within a point of) one of the columns' starts."""
    return any(round(x) + d in columns for d in (-1, 0, 1))


def _atoms(lines: list[list[Char]]) -> list[list[Atom]]:
    """Each line's atoms: words joined unless a wide gap or a shared column start parts them."""
    lines_words = [_words(line) for line in lines]
    starts: dict[int, set[str]] = {}  # x -> the texts of the words starting there
    units: dict[int, bool] = {}  # x -> every word starting there is a number's unit, right after it
    for words in lines_words:
        for k, w in enumerate(words):
            x, text = round(w[0].x0), _text(w)
            starts.setdefault(x, set()).add(text)
            units[x] = units.get(x, True) and bool(
                k and _VALUE.match(_text(words[k - 1])) and not _VALUE.match(text)
                and w[0].x0 - words[k - 1][-1].x1 <= CELL_GAP * w[0].size)
    # (repeated text makes no column, nor units after numbers as wide: '228 万元' over '109 人' over '351 份')
    shared = {x for x, texts in starts.items() if len(texts) >= SHARED_START and not units[x]}
    numeric = {x for x in shared if sum(1 for t in starts[x] if _VALUE.match(t)) >= SHARED_START}  # values' columns
    grouped: list[list[list[list[Char]]]] = []
    for words in lines_words:
        atoms: list[list[list[Char]]] = []
        for k, w in enumerate(words):
            gap = w[0].x0 - words[k - 1][-1].x1 if k else 0.0
            # (a space of the text's own ends a cell there too between a decimal value that starts a column of
            # values and a word that starts a column of words: '0.00 外埠出差增多。', a 得分 and its 偏差原因 one
            # space apart; not '214 个' inside a text, nor '2023 年' where a text column starts a line)
            at_start = (gap > START_GAP * w[0].size and _at(w[0].x0, shared) and (not w[0].spaced or k and (
                _at(words[k - 1][0].x0, numeric) and _DECIMAL.match(_text(words[k - 1]))
                and not _at(w[0].x0, numeric))))
            values = k and _VALUE.match(_text(w)) and _VALUE.match(_text(words[k - 1]))
            # a word after a space of the text's own goes on its cell's text, unless far off (a space of the
            # text may pad out columns too); so does a word opening with a mark no text opens with ('实施 ，满足…':
            # a comma's glyph drawn at the left of its box, a space before it)
            closing = len(w[0].text) == 1 and w[0].text in CLOSING_MARKS
            limit = SPACED_GAP if w[0].spaced or closing else CELL_GAP
            if k and gap <= limit * max(w[0].size, 1.0) and (closing or not at_start) and not values:
                atoms[-1].append(w)
            else:
                atoms.append([w])
        grouped.append(atoms)
    _part_by_rests(grouped)
    out: list[list[Atom]] = []
    for atoms in grouped:
        line_atoms = []
        for group in atoms:
            chars = [c for w in group for c in w]
            text = _text(group[0])
            for before, w in zip(group, group[1:], strict=False):  # a space where one is printed
                space = w[0].spaced or w[0].x0 - before[-1].x1 >= SPACE * w[0].size
                text += (" " if space else "") + _text(w)
            size = sorted(c.size for c in chars)[len(chars) // 2]
            line_atoms.append(Atom(text, chars[0].x0, max(c.x1 for c in chars), min(c.top for c in chars),
                                   max(c.bottom for c in chars), max(size, 1.0)))
        out.append(line_atoms)
    return out


def _part_by_rests(lines: list[list[list[list[Char]]]]) -> None:
    """A line's words joined across a gap as wide as a space are two cells where the next line's pieces start
    under both, each a cell's rest: two cells wrapped in narrow columns set close (`项目资 年初预` / `金(万  算数`,
    a browser's table without borders). Cut in place."""
    for upper, lower in zip(lines, lines[1:], strict=False):
        if not upper or not lower:
            continue
        top = min(w[0].top for group in lower for w in group)
        starts = [group[0][0].x0 for group in lower]
        for k in range(len(upper) - 1, -1, -1):
            group = upper[k]
            first = group[0][0]
            tol = ALIGN * first.size
            if len(group) < 2 or top - max(c.bottom for w in group for c in w) > LINK * first.size or not any(
                    abs(x - first.x0) <= tol for x in starts):
                continue
            cuts = [j for j in range(1, len(group)) if group[j][0].x0 - group[j - 1][-1].x1 >= SPACE * first.size
                    and any(abs(x - group[j][0].x0) <= tol for x in starts)]
            if cuts:
                upper[k:k + 1] = [group[i:j] for i, j in zip([0, *cuts], [*cuts, len(group)], strict=True)]


def _link(lines: list[list[Atom]], wider: float = WIDER) -> None:
    """Link each atom to the one right below it in the same cell: on a later line, overlapping it, its top
    within LINK of the atom's bottom, no wider than it, the nearest such. A value (a number, a dash) never
    wraps onto a line of its own, but in a column too narrow for it, where its rest is a short piece of digits or
    a unit right below (`10.0` / `0`, `≥200` / `(次)`, `10` / `0.0`, `≤316` / `万元`), or the rest of its thousands
    groups (`16,221,1` / `00.00`)."""
    flat = sorted((a for line in lines for a in line), key=lambda a: a.top)
    line_of = {id(b): line for line in lines for b in line}
    for k, a in enumerate(flat):
        if a.up is not None and a.x1 < a.up.x1 - LAST * a.size and abs(a.x0 - a.up.x0) <= ALIGN * a.size:
            continue  # a line well short of the one it goes on from, flush with it on the left, is its cell's last
        best = None
        value = bool(_NEVER_WRAPS.match(a.text))
        for b in flat[k + 1:]:
            if b.top - a.bottom > LINK * a.size:
                break
            if b.top <= a.top + 0.5 * a.size:
                continue
            if value:
                if not (value_cut(a.text, b.text) or _group_cut(a.text, b.text) or _unit_cut(a.text, b.text)):
                    continue
            elif _NEVER_WRAPS.match(b.text):
                continue
            if min(a.x1, b.x1) - max(a.x0, b.x0) <= 0 or a.x1 < b.x1 - wider * a.size or a.x0 > b.x0 + wider * a.size:
                continue  # a wrapped line is never narrower than the line it goes on to, on either side
            if _under_another(a, b, line_of[id(b)]):
                continue  # another cell of that line stands under this one: the line is another row's
            if best is None or b.top < best.top:
                best = b
        if best is not None and (best.up is None or best.up.top < a.top):
            if best.up is not None:
                best.up.down = None
            a.down, best.up = best, a


def _under_another(a: Atom, b: Atom, line: list[Atom]) -> bool:
    """Whether a text of `b`'s line that is no part of `b`'s cell (apart from it by more than a space) stands
    under `a`: then `b` does not go on from `a` (a title over a table's first row, `项目名称` under its start, the
    row's value under the rest of the title). A character alone may be a word's, set 分散对齐 in `a`'s cell
    (`满意度` / `指    标`), and a number's rest a number's (`13.0 原因…` / `0`)."""
    k = next(i for i, c in enumerate(line) if c is b)
    first = last = k
    while first and line[first].x0 - line[first - 1].x1 <= SPACED_GAP * a.size:
        first -= 1
    while last + 1 < len(line) and line[last + 1].x0 - line[last].x1 <= SPACED_GAP * a.size:
        last += 1
    return any(min(a.x1, c.x1) - max(a.x0, c.x0) > OVERLAP * a.size and len(c.text) > 1
               and not _VALUE_REST.match(c.text) for c in (*line[:first], *line[last + 1:]))


def value_cut(head: str, rest: str) -> bool:
    """A number a narrow column broke, `rest` the next piece of it (`10.0` / `0`, `≥200` / `(次)`, `10` / `0.0`)."""
    return bool(_VALUE_REST.match(rest) and _VALUE_CUT.match(head)
                or len(rest) > 1 and _REST_WITH_POINT.match(rest) and _SHORT_HEAD.match(head))


def other_values(head: str, rest: str) -> bool:
    """Two values of two cells, one over the other (`3` over `2`): the lower no rest of the upper."""
    return bool(_VALUE.match(head) and _VALUE.match(rest)) and not value_cut(head, rest)


def _group_cut(head: str, rest: str) -> bool:
    """A number cut inside its thousands groups: no whole number alone, one with the rest below it."""
    return "," in head and not _GROUPED.match(head) and bool(_GROUPED.match(head + rest))


def _unit_cut(head: str, rest: str) -> bool:
    """A number and its unit broken apart by a narrow column (`≤316` / `万元`): a unit is a word of a few
    ideographs, never a number's rest of its own."""
    return bool(_BARE_NUMBER.match(head) and _UNIT.match(rest))


def _padded(chains: list[list[Atom]]) -> float | None:
    """The widest gap between two lines of one cell, where the table's rows are padded: most links join the
    lines of one cell, at the table's line spacing, and some stand wider apart by the rows' padding (cells of
    consecutive rows). None when none do (rows set without padding: links alone do not tell cells apart)."""
    gaps = [b.top - a.bottom for chain in chains for a, b in zip(chain, chain[1:], strict=False)]
    if len(gaps) < 2:
        return None
    spacing = Counter(round(g * 4) / 4 for g in gaps).most_common(1)[0][0]
    return spacing + PADDING / 2 if any(g >= spacing + PADDING for g in gaps) else None


def _split(chain: list[Atom], widest: float) -> list[list[Atom]]:
    """A chain cut where two lines stand further apart than the lines of one cell."""
    out = [[chain[0]]]
    for a, b in zip(chain, chain[1:], strict=False):
        if b.top - a.bottom > widest:
            out.append([b])
        else:
            out[-1].append(b)
    return out


def _chains(lines: list[list[Atom]]) -> list[list[Atom]]:
    chains = []
    for line in lines:
        for a in line:
            if a.up is None:
                chain = [a]
                while chain[-1].down is not None:
                    chain.append(chain[-1].down)
                chains.append(chain)
    return chains


def _nearest(anchors: list[float], value: float) -> float | None:
    """The nearest of the sorted `anchors`."""
    k = bisect_left(anchors, value)
    return min(anchors[max(0, k - 1):k + 1], key=lambda v: abs(v - value), default=None)


def _aligned(stack: list[Atom], anchors: list[float], mode: str) -> tuple[float, float | None]:
    """(cost, row): the row the stack stands aligned with and how far off, or no row (each line UNMATCHED)."""
    key = _key(stack, mode)
    row = _nearest(anchors, key)
    tol = ALIGN * stack[0].size
    if row is not None and abs(row - key) <= tol:
        return abs(row - key) / tol, row
    return UNMATCHED * len(stack), None


def _cut(chain: list[Atom], anchors: list[float], mode: str,
         level: dict[int, set[float]]) -> tuple[float, list[tuple[int, int, float | None]]]:
    """The chain cut into stacks (first, last, row key or None) aligned with the rows best: dynamic programming
    over the cut points, each stack costing how far it is off its row. A stack whose lines stand beside
    one-line cells of another row crosses a row: it costs that row twice over (a table's rows never overlap)."""
    n = len(chain)
    best: list[tuple[float, list[tuple[int, int, float | None]]]] = [(0.0, [])]
    for j in range(1, n + 1):
        options = []
        crossed: set[float] = set()
        for i in range(j - 1, max(0, j - MAX_LINES) - 1, -1):
            crossed |= level.get(id(chain[i]), set())
            cost, row = _aligned(chain[i:j], anchors, mode)
            cost += 2 * UNMATCHED * len(crossed - {row})
            options.append((best[i][0] + cost, best[i][1] + [(i, j - 1, row)]))
        best.append(min(options, key=lambda o: (o[0], len(o[1]))))
    return best[n]


def _level(atoms: list[list[Atom]], lone: list[Atom], anchors: list[float], mode: str) -> dict[int, set[float]]:
    """For each atom, the rows of the one-line cells standing beside it (overlapping it by more than OVERLAP of
    its height: a row's one-line cells stand between the two lines of a two-line cell)."""
    rows = sorted(((b.top, b, _nearest(anchors, _key([b], mode))) for b in lone), key=lambda r: r[0])
    tops = [top for top, _, _ in rows]
    tallest = max((b.bottom - b.top for b in lone), default=0.0)
    out: dict[int, set[float]] = {}
    for line in atoms:
        for a in line:
            found = set()
            for _, b, row in rows[bisect_left(tops, a.top - tallest):bisect_left(tops, a.bottom)]:
                if b is not a and row is not None and \
                        min(a.bottom, b.bottom) - max(a.top, b.top) > OVERLAP * (a.bottom - a.top):
                    found.add(row)
            if found:
                out[id(a)] = found
    return out


def _beside(stack: list[Atom], level: dict[int, set[float]]) -> set[float]:
    """The rows whose one-line cells stand beside some line of the stack."""
    return set().union(*(level.get(id(a), set()) for a in stack))


def _key(stack: list[Atom], mode: str) -> float:
    """Where a cell stands in its row under an alignment: its top, its bottom or its middle."""
    first, last = stack[0], stack[-1]
    return first.top if mode == "top" else last.bottom if mode == "bottom" else (first.top + last.bottom) / 2


def _anchors(lone: list[Atom], mode: str, cells: Sequence[list[Atom]] = ()) -> list[float]:
    """Rows: the keys of the atoms that are cells of one line, and of known cells of several lines standing
    aligned with another cell (one alone may be a merged cell over rows), clustered."""
    items = sorted([(_key([a], mode), a.size, True) for a in lone] + [(_key(c, mode), c[0].size, False) for c in cells])
    groups: list[list[tuple[float, float, bool]]] = []
    for item in items:
        if groups and item[0] - groups[-1][-1][0] <= ALIGN * item[1]:
            groups[-1].append(item)
        else:
            groups.append([item])
    return [sum(k for k, _, _ in g) / len(g) for g in groups if len(g) > 1 or g[0][2]]


def _row_starts(lines: list[list[Atom]], chains: list[list[Atom]]) -> set[int]:
    """The one-line cells that may start a row read top-aligned: not one whose line holds only the next lines of
    cells begun above it (a label centred in the height of a row whose cells wrap: `服务对象` / `满意度指标  满意度指
    0  0` / `标`), for no row starts while the row above goes on beside it."""
    going_on = {id(a) for chain in chains for a in chain[1:]}
    out: set[int] = set()
    for line in lines:
        rest = [a for a in line if id(a) in going_on]
        if not rest or len(rest) < len(line) - 1:
            out.update(id(a) for a in line)
    return out


def text_rows(lines: list[list[Char]], wider: float = WIDER) -> list[Row]:
    """The rows of a run of printed lines outside ruled tables (see the module docstring). `wider`: how much
    wider (ems) a cell's next line may be than the line it goes on from."""
    atoms = _atoms(lines)
    _link(atoms, wider)
    chains = _chains(atoms)
    widest = _padded(chains)
    if widest is not None:  # the links tell the cells apart: each piece between wide gaps is a cell
        chains = [piece for chain in chains for piece in _split(chain, widest)]
    lone = [c[0] for c in chains if len(c) == 1]
    tall = [c for c in chains if len(c) > 1]
    starts = _row_starts(atoms, chains)
    best = None
    for mode in MODES:
        ends = [c[:1] for c in tall] if mode == "top" else [c[-1:] for c in tall] if mode == "bottom" else []
        anchors = _anchors(lone, mode, tall if widest is not None else ends)
        # (read top-aligned, a one-line cell beside the next lines of cells begun above it starts no row: it is
        # centred in that row's height; read centred or bottom-aligned, such cells are where rows stand)
        level = _level(atoms, [a for a in lone if id(a) in starts] if mode == "top" else lone, anchors, mode)
        if widest is None:
            cuts = [_cut(chain, anchors, mode, level) for chain in tall]
        else:  # each piece is one cell (a merged cell may cross rows): only its row is sought
            cuts = [(cost + 2 * UNMATCHED * len(_beside(chain, level) - {row}), [(0, len(chain) - 1, row)])
                    for chain in tall for cost, row in [_aligned(chain, anchors, mode)]]
        total = sum(cost for cost, _ in cuts)
        if best is None or total < best[0]:
            best = (total, mode, anchors, level, cuts)
    assert best is not None
    _, mode, anchors, level, cuts = best
    rows: dict[float, list[tuple[str, float, float, float, float]]] = {}
    row_of: dict[int, float] = {}  # atom -> the row its stack went to
    for chain, (_, stacks) in zip(tall, cuts, strict=True):
        for i, j, row in stacks:
            stack = chain[i:j + 1]
            key = row
            if key is None:  # a merged cell over rows goes with the row nearest its middle; else a row of its own
                middle = (stack[0].top + stack[-1].bottom) / 2
                beside = _beside(stack, level)
                key = min(beside, key=lambda r: abs(r - middle)) if beside else middle
            rows.setdefault(key, []).append(_cell(stack))
            row_of.update((id(a), key) for a in stack)
    lone_ids = {id(a) for a in lone}
    for line in atoms:
        for a in line:
            if id(a) not in lone_ids:
                continue
            key = None
            if mode == "top" and id(a) not in starts:
                # a cell centred beside a row's wrapped cells: that row's, where no cell of that row stands over it
                # (else a line of a cell whose lines were not linked)
                key = next((row_of[id(b)] for b in line if id(b) in row_of), None)
                if key is not None and any(x0 < a.x1 and a.x0 < x1 for _, x0, x1, _, _ in rows[key]):
                    key = None
            if key is None:
                key = _nearest(anchors, _key([a], mode))
            rows.setdefault(key if key is not None else _key([a], mode), []).append(_cell([a]))
    return [Row(key, sorted(cells, key=lambda c: c[1])) for key, cells in sorted(rows.items())]


def _cell(stack: list[Atom]) -> tuple[str, float, float, float, float]:
    text = ""
    for a in stack:  # a number broken by a narrow column is joined without a space
        text = text + a.text if value_cut(text, a.text) else join(text, a.text)
    return (text, min(a.x0 for a in stack), max(a.x1 for a in stack), stack[0].top, stack[-1].bottom)


_PLAIN_NUMBER = re.compile(r"^[-+]?\d+(?:\.\d+)?%?$")


def _number_rest(head: str, rest: str) -> bool:
    """`rest` the digits of `head` a page break cut off: together one number, its point in one of them only
    (`2.0` / `0`, `0.5` / `9`, `10` / `0.00`); a whole number under a whole number is another row's."""
    return ("." in head) != ("." in rest) and bool(_PLAIN_NUMBER.match((head + rest).replace(",", "")))


def page_rest(above: Row, below: Row, size: float) -> list[tuple[int, int]] | None:
    """Where a page broke inside a row of a table without rules: the next page's first row (`below`) holds the
    rest of the previous page's last (`above`) when each of its cells stands under a cell of that row, in order
    (its left edge, right edge or middle within ALIGN of that cell's, no wider than it by more than WIDER), it
    leaves some of that row's cells without a rest (a cell that did not wrap, the name's), and its numbers are
    the digits the break cut off the numbers above (`2.0` / `0`), one at least: a row of its own prints whole
    numbers. Returns the (above, below) pairs of cells, or None."""
    if not below.cells or len(below.cells) >= len(above.cells):
        return None
    pairs: list[tuple[int, int]] = []
    numbers = 0
    k = 0
    for j, (text, x0, x1, _, _) in enumerate(below.cells):
        while k < len(above.cells) and not _under(above.cells[k][1], above.cells[k][2], x0, x1, size):
            k += 1
        if k == len(above.cells):
            return None
        head = above.cells[k][0]
        if _NEVER_WRAPS.match(text) or _NEVER_WRAPS.match(head):
            if not _number_rest(head, text):
                return None
            numbers += 1
        pairs.append((k, j))
        k += 1
    return pairs if numbers else None


def _under(a0: float, a1: float, x0: float, x1: float, size: float) -> bool:
    """A text from x0 to x1 stands under one from a0 to a1 as its cell's next line does: aligned with it on the
    left, the right or the middle, no wider than it by more than WIDER."""
    tolerance = ALIGN * size
    return x1 - x0 <= a1 - a0 + WIDER * size and (
        abs(a0 - x0) <= tolerance or abs(a1 - x1) <= tolerance or abs(a0 + a1 - x0 - x1) <= 2 * tolerance)


def joined_rest(head: str, rest: str) -> str:
    """A cell's text and its rest printed below it: a number's digits without a space."""
    return head + rest if _number_rest(head, rest) or value_cut(head, rest) else join(head, rest)
