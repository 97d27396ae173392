"""Merged 一级/二级 labels, resolved by the vertical extent of their spans over the whole indicator table.

A merged label is printed once in its span: on its first row in most layouts, in the middle or on the last
row in others (a centred or bottom-aligned merged cell). Which of the three a table uses is chosen by the
evidence of the whole table: a 二级 label names its 一级 block (数量指标 → 产出指标), so the reading under which
the spans of both columns agree, leave the fewest rows without a label and put each label where that way of
printing puts it, wins. A row that prints a label keeps it as printed; a 一级 label lost but for its points
('(50分)') is named by its 二级 labels; rows that no span reaches take the implied or the nearest label.
`成本指标` is a 一级 block when it stands in the 一级 column or a 成本 二级 label (经济成本指标…) follows it, else the
二级 label under 产出指标.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from jixiao.assemble.lexicon import CAPTION, Lexicon, is_points_only
from jixiao.assemble.text import fold, tidy

if TYPE_CHECKING:
    from jixiao.assemble.indicators import RawRow

COST = "成本指标"
SATISFACTION = "满意度指标"
LOST = "(分)"  # marker of a 一级 label of which only its points were printed
# ways of printing merged labels, in this order (ties go to the first): on the first row of the span, on its
# last, in its middle with the label of an even span in its upper or its lower half (one way per table)
MODES = (("top", 0), ("bottom", 0), ("middle", -1), ("middle", 1))
UNCOVERED = 0.2  # a row left without a label by centred ones: less than a label half a row further off its middle
LEAN = 1e-4  # an even span's label in the other half than the table's way: only a tie-breaker
NAMED_ELSEWHERE = 0.3  # a row whose name holds another 一级 block's word (`服务对象满意度` under 效益指标)
MEASURED = 5e-6  # a row whose name says another 二级 block's measure (`_measures`): a tie-breaker after LEAN
UNNAMED = 0.05  # a row under a block whose indicators are all named by a word (满意), its name without it

# a label printed on a row: (key, column slot if known, text, (first line, last line), (first, last) source row)
Label = tuple[str, str | None, str, tuple[int, int], tuple[int, int]]
# (canonical label, text as printed, the line of its middle, the source rows its merged cell covers)
Printed = tuple[str, str, float, tuple[int, int]]


def _canonical(key: str, lex: Lexicon) -> str | None:
    if is_points_only(key):
        return LOST
    return lex.level(key) or key


def _split(labels: list[Label], lex: Lexicon) -> tuple[Printed | None, Printed | None]:
    """The (canonical, printed, line, source rows) 一级 and 二级 labels printed on one row."""
    level1: Printed | None = None
    level2: Printed | None = None
    names = [(_canonical(k, lex), hint, text, (lines[0] + lines[1]) / 2, rows) for k, hint, text, lines, rows in labels]
    parents = lex.level2_parent
    for k, (key, hint, text, line, rows) in enumerate(names):
        if key is None:
            continue
        here = (key, tidy(text) or key, line, rows)
        follows = names[k + 1][0] if k + 1 < len(names) else None
        if hint == "level1" and key not in parents:
            level1 = here
        elif key == LOST:
            level1 = level1 or here
        elif key == COST:  # (printed in the 一级 column, or before a 成本 二级 label: the 一级 block)
            if hint == "level1" or (follows and parents.get(follows) == COST):
                level1 = here
            else:
                level2 = here
        elif hint == "level2" and key in parents:
            level2 = here  # a label of either level in the 二级 column ('满意度指标' under 项目效益)
        elif key in lex.levels and not (key == SATISFACTION and level1 and level1[0] == SATISFACTION):
            if level1 is None:
                level1 = here
            elif level1[0] != key:
                level2 = here
        else:
            level2 = here
    # a row printing the labels of blocks whose rows were left out before its own (`效益指标 经济效益指标 满意度指标
    # 服务对象满意度指标`, placeholder rows dropped): its 一级 label is its 二级 label's parent where printed after
    # such a block's 二级 label (not `效益指标 满意度指标 服务对象满意度指标`, the 2013 framework's three levels)
    parent = parents.get(level2[0]) if level2 is not None and level1 is not None else None
    if parent is not None and level1 is not None and parent != level1[0]:
        keys = [name[0] for name in names]
        at = max((k for k, key in enumerate(keys) if key == parent), default=-1)
        if at >= 0 and any(key in parents and key != parent for key in keys[keys.index(level1[0]) + 1:at]):
            key, _, text, line, rows = names[at]
            level1 = (parent, tidy(text) or parent, line, rows)
    return level1, level2


_TRAILING = " 。.;；,，、)）"  # marks after a name's last word
Extra = Callable[[int, int, int], float]  # (label index, first row, last row) -> cost of that span
Lines = list[tuple[float, float]]  # each row's first and last printed line
Pages = list[tuple[int, int]]  # each row's page, as the first and last row on it
Box = tuple[float, float, float, float]  # (x0, top, x1, bottom) in points
PAGE_POINTS = 10_000.0  # a page's place below the page before, in points (more than any page's height)
LEVEL = 0.3  # lines: a label whose first line stands this near its row's starts with the row
TIES = 1e-3  # a reading's cost below this is tie-breakers only


def _off_middle(lines: Lines | None, label_line: float, p: int, start: int, end: int, lean: int = 0,
                pages: Pages | None = None, cut_free: bool = False) -> float:
    """How far a label stands from the middle of the span [start, end]: in printed lines where rows have them
    (a label between two rows' lines is the middle of an even span), else in rows. `lean`: the half (-1 upper,
    1 lower) in which the table puts the label of an even span, a tie-breaker against a label in the other.
    `pages`: each row's page, as the first and last row on it: a merged cell a page break cuts prints its label
    in the middle of the part on the label's page; `cut_free`: where the span goes on past that page, anywhere in
    that part (its place measured, as a program laid it out: LibreOffice sets a centred merged cell that a page
    break cuts from the top of its first page)."""
    if pages is not None:
        if cut_free and end > pages[p][1]:
            return 0.0
        start, end = max(start, pages[p][0]), min(end, pages[p][1])
    if lines is None:
        off, scale = p - (start + end) / 2, 1.0
    else:
        off, scale = label_line - (lines[start][0] + lines[end][1]) / 2, 0.5
    cost = max(0.0, abs(off) - 0.5)
    if lean and off * lean < 0 and abs(off) <= 0.5 + 1e-9:
        cost += LEAN
    return cost * scale


def _middle_spans(pos: tuple[int, ...], n: int, extra: Extra | None, lines: Lines | None,
                  label_lines: tuple[float, ...], lean: int, pages: Pages | None = None, cut_free: bool = False
                  ) -> tuple[float, tuple[tuple[int, int], ...]]:
    """The first and last row of each span when each label is printed in the middle of its span: the spans
    are chosen together (a two-row span puts its label on either row), so that the labels sit as near their
    middles as the rows allow, at the least `extra` cost (what the other label column says). Rows that no
    centred label can reach (a block above the first label, far from its middle) may stay without one."""
    tops = [first for first, _ in lines] if lines is not None else []

    @cache
    def best(k: int, free: int) -> tuple[float, tuple[tuple[int, int], ...]]:
        p = pos[k]
        last = k == len(pos) - 1
        found: tuple[float, tuple[tuple[int, int], ...]] = (float("inf"), ())
        # longest span first: at equal cost the longer earlier span wins (a label nearer the top of its span,
        # as most forms print it)
        for end in ((n - 1,) if last else range(pos[k + 1] - 1, p - 1, -1)):
            # the span starts where the rows above end, or (leaving the rows between without a label) where it
            # stands centred on its label: any other start is a label further off its middle
            on_page = min(end, pages[p][1]) if pages is not None else end
            if lines is None:
                centred = 2 * p - on_page
            else:
                centred = bisect_left(tops, 2 * label_lines[k] - lines[on_page][1], free, p + 1)
            # (`free` first, then the starts around the centre after it, in order: no start is tried twice)
            for start in (free, *(s for s in (centred - 1, centred, centred + 1) if free < s <= p)):
                cost = UNCOVERED * (start - free) + _off_middle(lines, label_lines[k] if label_lines else 0, p,
                                                                start, end, lean, pages, cut_free)
                if extra:
                    cost += extra(k, start, end)
                if not last:
                    rest, tail = best(k + 1, end + 1)
                    cost, found_tail = cost + rest, ((start, end), *tail)
                else:
                    found_tail = ((start, end),)
                if cost < found[0] - 1e-9:
                    found = (cost, found_tail)
        return found

    return best(0, 0)


def spans(printed: list[Printed | None], mode: str, extra: Extra | None = None, lines: Lines | None = None,
          lean: int = -1, pages: Pages | None = None, cut_free: bool = False) -> tuple[list[int | None], float]:
    """For each row, the index of the row whose printed label covers it, under a way of printing merged cells;
    and how far the labels stand from where that way prints them (a centred label off the middle of the
    span the other labels leave it)."""
    n = len(printed)
    pos = [i for i, v in enumerate(printed) if v]
    out: list[int | None] = [None] * n
    off = 0.0
    if not pos:
        return out, off
    label_lines = tuple(printed[p][2] for p in pos)  # type: ignore[index]
    if mode == "top":
        for k, p in enumerate(pos):
            for i in range(p, pos[k + 1] if k + 1 < len(pos) else n):
                out[i] = p
            if lines is not None:  # a first-row label stands on the first line of its row
                off += abs(label_lines[k] - lines[p][0]) / 2
    elif mode == "bottom":
        start = 0
        for k, p in enumerate(pos):
            for i in range(start, p + 1):
                out[i] = p
            start = p + 1
            if lines is not None:
                off += abs(lines[p][1] - label_lines[k]) / 2
    else:
        found = _middle_spans(tuple(pos), n, extra, lines, label_lines, lean, pages, cut_free)[1]
        for k, (p, (start, end)) in enumerate(zip(pos, found, strict=True)):
            for i in range(start, end + 1):
                out[i] = p
            off += _off_middle(lines, label_lines[k], p, start, end, lean, pages, cut_free)
    return out, off


def _centrable(pos: list[int], n: int) -> bool:
    """Whether labels on rows `pos` could each stand in the middle (or either middle row) of spans that cover all
    `n` rows in order: else no centred reading is without a flaw (rows counted, not printed lines)."""
    if not pos:
        return False
    starts = {0}
    for k, p in enumerate(pos):
        last = k + 1 == len(pos)
        limit = n - 1 if last else pos[k + 1] - 1
        ends = {e for s in starts if s <= p for e in (2 * p - s - 1, 2 * p - s, 2 * p - s + 1)
                if p <= e <= limit and (not last or e == n - 1)}
        starts = {e + 1 for e in ends}
        if not starts:
            return False
    return True


def _merged(cover: list[int | None], printed: list[Printed | None], rows: list[int | None]) -> set[int]:
    """Rows inside a merged cell the source defines (HTML rowspan, Word vMerge, an Excel merge, a ruled PDF
    cell) are that label's, whichever way of printing was chosen for the rest: the source's spans are certain."""
    forced: set[int] = set()
    for p, label in enumerate(printed):
        if label is None or label[3][1] <= label[3][0]:
            continue
        first, last = label[3]
        for i in range(p, len(rows)):
            row = rows[i]
            if row is None or row > last:
                break
            if row >= first:
                cover[i] = p
                forced.add(i)
    return forced


def _within(cover1: list[int | None]) -> Extra:
    """A 二级 span stays inside one 一级 span: its rows all in one run of the 一级 cover (numbered once, so each
    span asked costs two look-ups)."""
    runs: list[int] = []
    for r, c in enumerate(cover1):
        runs.append(runs[-1] + (c != cover1[r - 1]) if r else 0)

    def cost(k: int, start: int, end: int) -> float:
        return 3.0 if runs[start] != runs[end] else 0.0
    return cost


def _covered(cover: list[int | None]) -> list[bool]:
    """Which rows a reading puts under a label (two readings compared only where they cover the same rows)."""
    return [c is not None for c in cover]


def _around(cover2: list[int | None]) -> Extra:
    """A 一级 span holds whole 二级 spans: one that starts or ends inside a 二级 span costs as one that leaves its
    一级 span (`_within`)."""
    n = len(cover2)

    def cost(k: int, start: int, end: int) -> float:
        inside = (start > 0 and cover2[start] is not None and cover2[start - 1] == cover2[start]) or (
            end + 1 < n and cover2[end] is not None and cover2[end + 1] == cover2[end])
        return 3.0 if inside else 0.0
    return cost


def _alike(weights: list[float | None], pos: list[int]) -> Extra:
    """A tie-breaker between spans that put a label equally near their middles (a row between two centred
    labels of two-row spans): the rows of a block are usually weighted alike, so a row whose 分值 differs from
    its label's row leans to the other span. Only a tie-breaker: a millionth per row outweighs no other evidence."""
    unit = 1e-6
    # running counts of the rows with a 分值, and of those with each 分值 (a span's count is a difference)
    weighted = [0]
    for w in weights:
        weighted.append(weighted[-1] + (w is not None))
    alike: dict[float, list[int]] = {}
    for w in {weight for p in pos if (weight := weights[p]) is not None}:
        run = [0]
        for other in weights:
            run.append(run[-1] + (other == w))
        alike[w] = run

    def cost(k: int, start: int, end: int) -> float:
        own = weights[pos[k]]
        if own is None:
            return 0.0
        same = alike[own]
        return unit * (weighted[end + 1] - weighted[start] - same[end + 1] + same[start])
    return cost


def _alike_names(names: list[str | None]) -> Extra:
    """The next tie-breaker: a block's names often end alike (…完成率 under 数量指标, …达标率 under 质量指标), so a
    row between two spans leans to the one whose other names end as its name does. A tenth of `_alike`'s weight:
    a row's 分值 speaks first."""
    unit = 1e-7
    ends = [name.rstrip(_TRAILING)[-2:] if name and len(name.rstrip(_TRAILING)) > 2 else None for name in names]
    shared = {e for e, n in Counter(filter(None, ends)).items() if n > 1}

    known: dict[tuple[int, int], float] = {}  # (a span is asked of both label columns and of every way)

    def cost(k: int, start: int, end: int) -> float:
        found = known.get((start, end))
        if found is None:
            here = Counter(e for e in ends[start:end + 1] if e in shared)
            found = known[start, end] = unit * sum(1 for n in here.values() if n == 1)
        return found
    return cost


def _named_blocks(says: list[str | None], labels: list[str], unit: float = 1e-5) -> Extra:
    """A tie-breaker before the others: a name that says which 一级 block it is in — the block's label without
    its 指标 in it, one block's only (`服务对象满意度` in 满意度指标, `成本控制数` in 成本指标) — leans to that
    block's span (a row between two labels centred in their spans). Also (a smaller `unit`) the 二级 block a
    name's words say (`_measures`)."""
    if not any(says):  # (most tables: no name says its block)
        return lambda k, start, end: 0.0
    saying = [0]  # running counts of the rows whose name says a block, and per label of those saying it
    for said in says:
        saying.append(saying[-1] + (said is not None))
    own: dict[str, list[int]] = {}
    for label in set(labels).intersection(says):
        run = [0]
        for said in says:
            run.append(run[-1] + (said == label))
        own[label] = run

    def cost(k: int, start: int, end: int) -> float:
        run = own.get(labels[k])
        return unit * (saying[end + 1] - saying[start] - (run[end + 1] - run[start] if run else 0))
    return cost


def _unnamed(names: list[str | None], labels: list[str], lex: Lexicon) -> dict[str, list[int]]:
    """Per 一级 label whose indicators are all named by a word of the templates (满意度指标: 满意), running counts
    of the rows whose name lacks every such word: a reading that puts them under it fits less well."""
    runs: dict[str, list[int]] = {}
    for label in set(labels) & lex.block_words.keys():
        words = lex.block_words[label]
        run = [0]
        for name in names:
            run.append(run[-1] + (name is not None and not any(w in name for w in words)))
        runs[label] = run
    return runs


def _unnamed_spans(unnamed: dict[str, list[int]], labels: list[str]) -> Extra:
    """`_unnamed` as a cost of a label's span in the search of centred spans."""
    if not unnamed:
        return lambda k, start, end: 0.0

    def cost(k: int, start: int, end: int) -> float:
        run = unnamed.get(labels[k])
        return UNNAMED * (run[end + 1] - run[start]) if run else 0.0
    return cost


def _measures(names: list[str | None], lex: Lexicon) -> list[str | None]:
    """Per row, the one 二级 block whose words its name holds (`问题整改及时率` → 时效指标), or None (none, or
    several: `垃圾分类准确率` holds 生态效益's 垃圾 and 质量's 准确率)."""
    pattern, block_of = _measure_words(lex)
    says: list[str | None] = []
    for name in names:
        hits = {block_of[w] for w in pattern.findall(name)} if name else set()
        says.append(hits.pop() if len(hits) == 1 else None)
    return says


@lru_cache(maxsize=16)
def _measure_words(lex: Lexicon) -> tuple[re.Pattern[str], dict[str, str]]:
    """One pattern for every measure word of the templates (longest first), and each word's 二级 block."""
    block_of = {w: label for label, words in lex.level2_words.items() for w in words}
    return re.compile("|".join(map(re.escape, sorted(block_of, key=len, reverse=True))) or "(?!)"), block_of


def _full(label: str) -> str:
    """A 二级 label as the templates' word lists name it ('社会效益' → '社会效益指标')."""
    return label if label.endswith("指标") else label + "指标"


def _blocks_named(names: list[str | None], labels: list[str]) -> list[str | None]:
    """Per row, the one 一级 label whose stem (the label without its 指标) its name holds, or None."""
    stems = {label: label.removesuffix("指标") for label in set(labels)}
    says: list[str | None] = []
    for name in names:
        hits = [label for label, stem in stems.items() if len(stem) >= 2 and name and stem in name]
        says.append(hits[0] if len(hits) == 1 else None)
    return says


def _plus(first: Extra, second: Extra) -> Extra:
    return lambda k, start, end: first(k, start, end) + second(k, start, end)


def _join_cut_labels(raws: list[RawRow], lex: Lexicon) -> None:
    """A label cut over rows' lines ('可持续影' on one row, '响指标' on the next, as a centred merged cell
    prints it, or '产出' / '指标' at a page break, rows of its span between; '服务对' / '象满意' / '度指标' over
    three) is one label, printed on the first of them. The rests below are matched to the labels of the
    nearest row above that prints any, in column order (a page's columns may stand apart from the header's);
    a lone rest goes with the label of its own column slot where that one fits. A character of the caption
    绩效指标 that completes no label above is the caption's, cut over rows as its merged cell prints it."""
    for row in raws:  # a label cut over lines whose rest the reader set on the same row ('经济成本' / '指标')
        _join_within(row, lex)
    # the labels the next row's rests may finish, (row, index): those of the nearest row above that prints any
    # (the rows of a span between print none), and those a row's rests went on with but did not finish
    # ('服务对' + '象满意' on a row that also prints '满意度': '度指标' below goes on with it)
    above: list[tuple[RawRow, int]] = []
    order = {"level1": 0, "level2": 1}
    for n, below in enumerate(raws):
        # points alone are a lost 一级 label of their own (a cut '产出指标' / '(50分)' is joined when its lines
        # are read into rows, not here: points never complete a 二级 label)
        # (a whole label is a rest too where it finishes one above that is no label yet: '服务对象' / '满意度指标',
        # a merged 二级 label's lines a page break set on two rows)
        rests = [label for label in below.labels if not is_points_only(label[0]) and (not lex.level(label[0]) or any(
            not lex.level(row.labels[j][0]) and lex.level(row.labels[j][0] + label[0]) for row, j in above))
                 ] if above else []
        if not rests:
            above = [(below, j) for j in range(len(below.labels))] if below.labels else above
            continue
        k = 0
        used: dict[int, int] = {}  # label -> the line of the rest last joined to it (a row's rests go on with
        # a label once each, or down its column line by line: '可持续' above, '影响指' then '标' on one row)
        open_labels: list[tuple[RawRow, int]] = []
        for rest in rests:
            key2, hint2, text2, lines2, rows2 = rest
            fits = [i for i, (row, j) in enumerate(above) if used.get(i, -1) < lines2[0]
                    and not is_points_only(row.labels[j][0]) and _continued(row.labels[j][0], key2, lex)]
            if not fits:
                if len(key2) == 1 and key2 in CAPTION:
                    below.labels.remove(rest)  # the caption's last character ('绩效指' / '标'): no label's
                continue
            # a lone rest goes with the label of its own column slot where one fits; several go in column order
            # (where the labels above are in it: a label's wrapped line may have put a 一级 piece after the 二级)
            ordered = [i for i in fits if i >= k] or fits
            i = (next((i for i in fits if above[i][0].labels[above[i][1]][1] == hint2), ordered[0])
                 if len(rests) == 1 else ordered[0])
            used[i] = lines2[1]
            row, j = above[i]
            # (a rest on the next page is no line of the label's on its own page, where it is centred)
            row.labels[j] = joined_label(row.labels[j], rest, lines=below.page == row.page)
            below.labels.remove(rest)
            k = i + 1
            if not lex.level(row.labels[j][0]):
                open_labels.append((row, j))
            if n and raws[n - 1] is row and below.row is not None and rows2[1] < below.row:
                # a rest above the next row's 分值 line makes the row above as tall (its lines go on to it)
                row.last_line = max(row.last_line or lines2[1], lines2[1])
                below.line = max(below.line or 0, lines2[1] + 1)
        if below.labels:
            above = sorted([*open_labels, *((below, j) for j in range(len(below.labels)))],
                           key=lambda at: order.get(at[0].labels[at[1]][1] or "", 2))


def _join_within(row: RawRow, lex: Lexicon) -> None:
    """A row's label that is none yet and a later label of the same row printed below it, itself no label, that
    finishes it (a merged label of three lines, `经济` / `成本` / `指标`, centred over two rows of a table without
    rules, whose last line the reader set on the lower row with the label-only line above it) are one label.
    Only where the reader placed the labels (a PDF's boxes): in text a line below may be the next cell's
    (`产出` / `数量`, short labels a cell per line)."""
    if row.left is None:
        return
    k = 0
    while k < len(row.labels):
        key, _, _, (_, last), _ = row.labels[k]
        if not key.endswith("指标") and not is_points_only(key):  # (a short label, '经济成本', may go on too)
            rest = next((r for r in row.labels[k + 1:]
                         if r[3][0] > last and not lex.level(r[0]) and lex.level(key + r[0])), None)
            if rest is not None:
                row.labels[k] = joined_label(row.labels[k], rest)
                row.labels.remove(rest)
        k += 1


def joined_label(label: Label, rest: Label, lines: bool = True) -> Label:
    """A label with the rest of it printed below: their keys and texts joined, the source rows down to the
    rest's, and (`lines`) the printed lines too."""
    key, hint, text, (first, last), (top, _) = label
    return key + rest[0], hint, text + rest[2], (first, rest[3][1] if lines else last), (top, rest[4][1])


def _continued(key: str, rest: str, lex: Lexicon) -> bool:
    """A rest finishes a label ('可持续影' '响指标'), or goes on with one that is no label yet and runs on below
    ('服务对' '象满意', then '度指标': a label wrapped over three rows' lines)."""
    joined = key + rest
    return bool(lex.level(joined)) or joined in lex.prefixes and not lex.level(key)


def _measured(raws: list[RawRow], boxes: dict[int, list[tuple[str, Box, int]]]
              ) -> tuple[Lines, dict[tuple[str, float], tuple[float, float]]] | None:
    """Each row's first and last line and each label's, in lines of the table's text from its boxes (`boxes`:
    per printed line, the key, box and page of each cell on it): a table printed without rules whose rows were
    rebuilt from the text's places, a cell's lines joined into one (its printed lines counted in its height, a
    merged label standing where the page puts it, not only on the row nearest its middle). None where a row or a
    label has no box. The labels' lines are keyed by `_placed_as`."""
    heights = sorted(box[3] - box[1] for cells in boxes.values() for _, box, _ in cells)
    if not heights or heights[len(heights) // 2] <= 0:
        return None
    em = heights[len(heights) // 2]  # (most cells are one line)

    def place(box: Box, page: int) -> tuple[float, float]:
        top = (box[1] + PAGE_POINTS * page) / em
        return top, max(top, (box[3] + PAGE_POINTS * page) / em - 1)

    lines: Lines = []
    places: dict[tuple[str, float], tuple[float, float]] = {}
    for raw in raws:
        if raw.line is None:
            return None
        labelled = {label[0] for label in raw.labels}
        found: list[tuple[float, float]] = []
        on = None  # (a row the page break cut is measured on its first page: its rest opens the next)
        for at in range(raw.line, max(raw.line, raw.last_line or raw.line) + 1):
            for key, box, page in boxes.get(at, ()):
                if key in labelled:
                    continue  # (a label may stand on the page before, at the foot of its span's part there)
                on = page if on is None else on
                if page == on:
                    found.append(place(box, page))
        if not found:
            return None
        lines.append((min(a for a, _ in found), max(b for _, b in found)))
        for key, _, text, (first, last), _ in raw.labels:
            cells = [(k, box, page) for at in range(first, last + 1) for k, box, page in boxes.get(at, ())]
            own = [place(box, page) for k, box, page in cells if k == key]
            if len(own) != 1:  # (a label joined from its pieces: measured on the page of its first)
                pieces = [(box, page) for k, box, page in cells if k in key]
                own = [place(box, page) for box, page in pieces if page == pieces[0][1]] if pieces else []
                if not own:
                    return None
            places[_placed_as(key, text, (first, last))] = (min(a for a, _ in own), max(b for _, b in own))
    if any(b[0] <= a[0] for a, b in zip(lines, lines[1:], strict=False)):
        return None
    return lines, places


def _placed_as(key: str, text: str, lines: tuple[int, int]) -> tuple[str, float]:
    """A label's key in `_measured`'s places: its text and middle line as `_split` prints them."""
    return tidy(text) or key, (lines[0] + lines[1]) / 2


def _labels_where_measured(raws: list[RawRow], lines: Lines,
                           places: dict[tuple[str, float], tuple[float, float]]) -> Lines:
    """A label standing beside none of its row's lines goes with the row whose lines hold its middle, or the
    nearer of the two it stands between: a label centred beside a row of two lines stands between that row's
    cells and the next row's, and may have been put with either (`_measured`). A row keeps a label of its own
    column. Returns the rows' lines with those of the labels that start where their row does (a label of one
    row, its tallest cell: `可持续影响指标` over four lines beside a row of one)."""
    for j, raw in enumerate(raws):
        for label in list(raw.labels):
            first, last = places[_placed_as(label[0], label[2], label[3])]
            if first <= lines[j][1] and last >= lines[j][0]:
                continue
            middle = (first + last) / 2
            i = min(range(len(lines)), key=lambda r: max(lines[r][0] - middle, middle - lines[r][1], 0.0))
            if i != j and not any(other[1] == label[1] for other in raws[i].labels):
                raw.labels.remove(label)
                raws[i].labels.append(label)
    grown = list(lines)
    for i, raw in enumerate(raws):
        for label in raw.labels:
            first, last = places[_placed_as(label[0], label[2], label[3])]
            if abs(first - lines[i][0]) <= LEVEL:
                # (not past the next row's first line: rows do not overlap, so a label reaching into the next
                # row spans it too — `社会效益指标` set down a narrow column beside two rows)
                below = lines[i + 1][0] - LEVEL if i + 1 < len(lines) else last
                grown[i] = (grown[i][0], max(grown[i][1], min(last, below)))
    return grown


def _placed(col: list[Printed | None], mode: str, places: dict[tuple[str, float], tuple[float, float]]
            ) -> list[Printed | None]:
    """The labels of a column at their measured lines (`_measured`) as a way of printing places them: a label
    set at the top of its cell by its first line, at the bottom by its last, centred by its middle."""
    out: list[Printed | None] = []
    for p in col:
        place = places.get((p[1], p[2])) if p is not None else None
        if p is None or place is None:
            out.append(p)
            continue
        first, last = place
        out.append((p[0], p[1], first if mode == "top" else last if mode == "bottom" else (first + last) / 2, p[3]))
    return out


def resolve_levels(raws: list[RawRow], lex: Lexicon, vertical: bool = False,
                   blank: tuple[set[int], set[int]] = (set(), set()),
                   boxes: dict[int, list[tuple[str, Box, int]]] | None = None, cut_short: bool = False
                   ) -> list[tuple[str | None, str | None, float, float]]:
    """(level1, level2, confidence of level1, confidence of level2) per row. `vertical`: the rows are printed
    lines of a page (a row's cells side by side), so a label's line tells where in its span it stands.
    `blank`: the source rows under an empty merged cell of the 一级 and of the 二级 column (no label there).
    `boxes`: per printed line, each cell's key, box and page, where the reader knows them (`_measured`).
    `cut_short`: the document ends inside the table."""
    _join_cut_labels(raws, lex)
    measured = _measured(raws, boxes) if vertical and boxes else None
    if measured is not None:
        measured = _labels_where_measured(raws, *measured), measured[1]
    printed = [_split(raw.labels, lex) for raw in raws]
    col1 = [p[0] for p in printed]
    col2 = [p[1] for p in printed]
    parents = lex.level2_parent
    pos1 = [i for i, v in enumerate(col1) if v]
    pos2 = [i for i, v in enumerate(col2) if v]
    weights = [raw.weight for raw in raws]
    alike = _alike_names([raw.name for raw in raws])
    # running counts of the rows whose printed 二级 label names a 一级 block, by block
    named = [parents.get(v[0]) if v else None for v in col2]
    counts: dict[str, list[int]] = {}
    for block in set(filter(None, named)):
        run = [0]
        for name in named:
            run.append(run[-1] + (name == block))
        counts[block] = run
    total = [0]
    for name in named:
        total.append(total[-1] + (name is not None))

    def against_two(k: int, start: int, end: int) -> float:
        """A 一级 span must hold the rows whose printed 二级 label names it."""
        label = col1[pos1[k]][0]  # type: ignore[index]
        if label == LOST:
            return 0.0
        own = counts[label][end + 1] - counts[label][start] if label in counts else 0
        return 3.0 * (total[end + 1] - total[start] - own)

    level1_labels = [col1[p][0] for p in pos1]  # type: ignore[index]
    printed1 = set(level1_labels)
    open_from = pos1[-1] if cut_short and pos1 else len(raws)
    keys = [fold(raw.name) if raw.name else None for raw in raws]  # (names as the labels are: traditional folded)
    says = _blocks_named(keys, level1_labels)  # the 一级 block each row's name says, if any
    unnamed = _unnamed(keys, level1_labels, lex)
    measures = _measures(keys, lex)  # the 二级 block each row's name says it measures, if one
    named_blocks = _plus(_plus(_named_blocks(says, level1_labels), _unnamed_spans(unnamed, level1_labels)),
                         _named_blocks([parents.get(m) if m else None for m in measures], level1_labels, MEASURED))
    level2_labels = [_full(col2[p][0]) for p in pos2]  # type: ignore[index]
    named_measures = _named_blocks(measures, level2_labels, MEASURED)

    def _disagreement(cover1: list[int | None], cover2: list[int | None]) -> tuple[float, float]:
        """What a reading costs beyond its labels' places: rows without a label, 一级 and 二级 labels that name
        different blocks, a row under another block than its name says; and apart, what only breaks ties (a row
        under a block its name's words do not say)."""
        cost = ties = 0.0
        for i in range(len(raws)):
            two = col2[cover2[i]][0] if cover2[i] is not None else None  # type: ignore[index]
            one = col1[cover1[i]][0] if cover1[i] is not None else None  # type: ignore[index]
            implied = parents.get(two) if two and two != COST else None
            if one is None:  # (in a table the document cuts short, a row below the last 一级 label and outside
                # its span is under a label the cut took: not in a block whose label is printed above it)
                block = implied or (parents.get(COST) if two == COST and not {COST, parents.get(COST)} & printed1
                                    else None)  # (成本指标 where neither block's label is printed: 产出's)
                # a row whose block's label is printed nowhere (a lost 一级 column) is under it in any reading
                cost += (1.0 if block is None or i > open_from and block in printed1
                         else 0.1 if block in printed1 else 0.0)
            elif implied and one not in (implied, LOST) and two != implied:
                cost += 3.0  # (but a 一级 block's own name in the 二级 column, 满意度指标 under 效益指标, is the
                # 2013 framework's 二级 block of that 一级)
            if two is None and col2[i] is None:
                cost += 0.5
            under = one if one is not None else implied  # (a row the 一级 spans leave is its 二级 label's block's)
            if says[i] is not None and under is not None and under != says[i]:
                cost += NAMED_ELSEWHERE
            if one in unnamed and cover1[i] != i and unnamed[one][i + 1] > unnamed[one][i]:
                ties += UNNAMED  # (a row printing its own label is that block's whatever its name)
            if (m := measures[i]) is not None and cover2[i] != i and two is not None and _full(two) != m:
                ties += MEASURED  # (the name says another 二级 block's measure: a tie-breaker between ways)
        return cost, ties

    best: tuple[float, list, list] | None = None
    readings: list[tuple[float, list, list]] = []
    every_row = (all(col1) and all(col2)) or len(raws) <= 1
    # every row prints its 一级 label (a merged cell written out on each of its rows: pandas, python-docx): so does
    # each row its 二级 label, and a row printing none has none
    per_row = all(col1) and len(raws) > 1
    firsts = [raw.line for raw in raws]
    lines: Lines | None = None
    pages: Pages | None = None
    if measured is not None:
        lines = measured[0]
    elif vertical and all(firsts) and all(b > a for a, b in zip(firsts, firsts[1:], strict=False)):
        lines = [(raw.line or 0, max(raw.last_line or raw.line or 0, raw.line or 0)) for raw in raws]
        # a row is as tall as the labels that run down below its cells (a vertical label's last characters):
        # the lines between it and the next row that only a label above prints are the row's
        reach = 0
        for i, raw in enumerate(raws):
            reach = max([reach, *(label[3][1] for label in raw.labels)])
            if i + 1 == len(lines):
                below = reach
            else:  # (not past a page break: the lines there are the next page's)
                below = lines[i + 1][0] - 1 if raws[i + 1].page == raw.page else lines[i][1]
            lines[i] = (lines[i][0], max(lines[i][1], min(reach, below)))
    if lines is not None and raws and raws[-1].page != raws[0].page:
        # (page breaks between the rows: each row's page, by its rows)
        first_on = {raw.page: i for i, raw in reversed(list(enumerate(raws)))}
        last_on = {raw.page: i for i, raw in enumerate(raws)}
        pages = [(first_on[raw.page], last_on[raw.page]) for raw in raws]
    cut_free = measured is not None  # (where a program laid the page out, a merged cell cut by it is free)
    flawless = False  # the best reading so far fits without a flaw, but for what only breaks ties
    for mode, lean in (MODES[:1] if every_row or per_row else MODES):
        if mode == "middle" and best is not None and flawless and (best[0] == 0 or lines is None and not (
                _centrable(pos1, len(raws)) and _centrable(pos2, len(raws)))):
            continue  # a way of printing that fits without a flaw, and no centred reading could: the costlier
            # search cannot do better
        first1 = _plus(_plus(against_two, named_blocks), _plus(_alike(weights, pos1), alike))
        at1, at2 = (col1, col2) if measured is None else (_placed(col1, mode, measured[1]),
                                                          _placed(col2, mode, measured[1]))
        cover1, off1 = spans(at1, mode, first1, lines, lean, pages, cut_free)
        cover2, off2 = spans(at2, mode, _plus(_plus(_within(cover1), named_measures),
                                               _plus(_alike(weights, pos2), alike)), lines, lean, pages, cut_free)
        flaws, ties = _disagreement(cover1, cover2)
        cost = off1 + off2 + flaws + ties
        tried = len(readings)
        readings.append((cost, cover1, cover2))
        if best is None or cost < best[0] - 1e-9:
            flawless = off1 + off2 + flaws == 0
        if mode == "middle" and cost > 0 and pos1 and pos2 and (lines is not None or cost < TIES):
            # the 二级 labels' spans first, the 一级 spans around them: a tie-breaker of the 一级 column (a row
            # weighted like the next block's label row) must not outweigh where the 二级 labels stand (in rows
            # counted, where the reading's only cost is its tie-breakers: two 一级 readings that fit alike)
            free2, _ = spans(at2, mode, _plus(named_measures, _plus(_alike(weights, pos2), alike)), lines, lean,
                             pages, cut_free)
            around1, off1 = spans(at1, mode, _plus(first1, _around(free2)), lines, lean, pages, cut_free)
            if around1 != cover1:
                within2, off2 = spans(at2, mode, _plus(_plus(_within(around1), named_measures),
                                                        _plus(_alike(weights, pos2), alike)), lines, lean, pages,
                                      cut_free)
                if _covered(around1) == _covered(cover1) and _covered(within2) == _covered(cover2):
                    # (the same rows under labels: only which label a row between two is under may change)
                    readings.append((off1 + off2 + sum(_disagreement(around1, within2)), around1, within2))
        for reading in readings[tried:]:
            if best is None or reading[0] < best[0] - 1e-9:
                best = reading
    assert best is not None
    _, cover1, cover2 = best
    if per_row:
        cover2 = [i if col2[i] else None for i in range(len(raws))]
    source_rows = [raw.row for raw in raws]
    merged1 = _merged(cover1, col1, source_rows)
    merged2 = _merged(cover2, col2, source_rows)
    for cover, merged, rows in ((cover1, merged1, blank[0]), (cover2, merged2, blank[1])):
        for i, row in enumerate(source_rows):
            if row in rows and i not in merged:
                cover[i] = None
                merged.add(i)
    # how clearly the chosen way of printing fits, against the ways that would read the labels otherwise
    others = [c for c, one, two in readings if (one, two) != (cover1, cover2)]
    gap = min(others) - best[0] if others else 9.0
    spanned = 1.0 if gap >= 1.0 else 0.9 if gap >= 0.5 else 0.7
    out: list[list] = []
    for i in range(len(raws)):
        two = col2[cover2[i]] if cover2[i] is not None else None
        one = col1[cover1[i]] if cover1[i] is not None else None
        implied = parents.get(two[0]) if two and two[0] != COST else None
        if one is not None and one[0] == LOST:
            one = (implied, implied) if implied else None
        sure1 = 1.0 if col1[i] or i in merged1 else spanned
        if one is None and implied:
            one, sure1 = (implied, implied), min(spanned, 0.9)
        out.append([one[1] if one else None, two[1] if two else None, sure1,
                    1.0 if col2[i] or i in merged2 else spanned])
    first = next((row[0] for row in out if row[0]), None)
    for k, row in enumerate(out):
        if row[0] is None:
            before = next((r[0] for r in reversed(out[:k]) if r[0]), None)
            row[0], row[2] = before or first, 0.7
    return [(a, b, c, d) for a, b, c, d in out]
