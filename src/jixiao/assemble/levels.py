"""Merged 一级/二级 labels, resolved by the vertical extent of their spans over the whole indicator table.

A merged label is printed once in its span: on its first row in most layouts, in the middle or on the last
row in others (a centred or bottom-aligned merged cell). Which of the three a table uses is chosen by the
evidence of the whole table: a 二级 label names its 一级 block (数量指标 → 产出指标), so the reading under which
the spans of both columns agree, leave the fewest rows without a label and put each label where that way of
printing puts it, wins. A row that prints a label keeps it as printed; a 一级 label lost but for its points
('(50分)') is named by its 二级 labels; rows that no span reaches take the implied or the nearest label.
`成本指标` is a 一级 block when a 成本 二级 label (经济成本指标…) follows it, else the 二级 label under 产出指标.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache, partial
from typing import TYPE_CHECKING

from jixiao.assemble.lexicon import Lexicon, is_points_only
from jixiao.assemble.text import tidy

if TYPE_CHECKING:
    from jixiao.assemble.indicators import RawRow

COST = "成本指标"
SATISFACTION = "满意度指标"
LOST = "(分)"  # marker of a 一级 label of which only its points were printed
MODES = ("top", "middle", "bottom")

Printed = tuple[str, str]  # (canonical label, text as printed)


def _canonical(key: str, lex: Lexicon) -> str | None:
    if is_points_only(key):
        return LOST
    return lex.level(key) or key


def _split(labels: list[tuple[str, str | None, str]], lex: Lexicon) -> tuple[Printed | None, Printed | None]:
    """The (canonical, printed) 一级 and 二级 labels printed on one row."""
    level1: Printed | None = None
    level2: Printed | None = None
    names = [(_canonical(k, lex), hint, text) for k, hint, text in labels]
    parents = lex.level2_parent
    for k, (key, hint, text) in enumerate(names):
        if key is None:
            continue
        here = (key, tidy(text) or key)
        follows = names[k + 1][0] if k + 1 < len(names) else None
        if hint == "level1" and key not in parents:
            level1 = here
        elif key == LOST:
            level1 = level1 or here
        elif key == COST:
            if follows and parents.get(follows) == COST:
                level1 = here
            else:
                level2 = here
        elif key in lex.levels and not (key == SATISFACTION and level1 and level1[0] == SATISFACTION):
            if level1 is None:
                level1 = here
            elif level1[0] != key:
                level2 = here
        else:
            level2 = here
    return level1, level2


Extra = Callable[[int, int, int], float]  # (label index, first row, last row) -> cost of that span


def _middle_ends(pos: tuple[int, ...], n: int, extra: Extra | None) -> list[int]:
    """The last row of each span when each label is printed in the middle of its span: the spans are chosen
    together (a two-row span puts its label on either row), so that the labels sit as near their middles as
    the rows allow, at the least `extra` cost (what the other label column says)."""
    @cache
    def best(k: int, start: int) -> tuple[float, tuple[int, ...]]:
        p = pos[k]
        last = k == len(pos) - 1
        options = []
        for end in ([n - 1] if last else range(p, pos[k + 1])):
            cost = max(0.0, abs(p - (start + end) / 2) - 0.5) + (extra(k, start, end) if extra else 0.0)
            if last:
                options.append((cost, (end,)))
            else:
                rest, ends = best(k + 1, end + 1)
                options.append((cost + rest, (end, *ends)))
        # equal costs: the longer earlier span (a label nearer the top of its span, as most forms print it)
        return min(options, key=lambda o: (round(o[0], 6), tuple(-e for e in o[1])))

    return list(best(0, 0)[1])


def spans(printed: list[Printed | None], mode: str, extra: Extra | None = None) -> tuple[list[int | None], float]:
    """For each row, the index of the row whose printed label covers it, under a way of printing merged cells;
    and how far the labels stand from where that way prints them (a centred label off the middle of the
    span the other labels leave it)."""
    n = len(printed)
    pos = [i for i, v in enumerate(printed) if v]
    out: list[int | None] = [None] * n
    off = 0.0
    if not pos:
        return out, off
    if mode == "top":
        for k, p in enumerate(pos):
            for i in range(p, pos[k + 1] if k + 1 < len(pos) else n):
                out[i] = p
    elif mode == "bottom":
        start = 0
        for p in pos:
            for i in range(start, p + 1):
                out[i] = p
            start = p + 1
    else:
        start = 0
        for p, end in zip(pos, _middle_ends(tuple(pos), n, extra), strict=True):
            for i in range(start, end + 1):
                out[i] = p
            off += max(0.0, abs(p - (start + end) / 2) - 0.5)
            start = end + 1
    return out, off


def _within(cover1: list[int | None], k: int, start: int, end: int) -> float:
    """A 二级 span stays inside one 一级 span."""
    return 3.0 if len({cover1[r] for r in range(start, end + 1)}) > 1 else 0.0


def _join_cut_labels(raws: list[RawRow], lex: Lexicon) -> None:
    """A label cut over two rows' lines ('可持续影' on one row, '响指标' on the next, as a centred merged
    cell prints it) is one label, printed on the first of them."""
    for above, below in zip(raws, raws[1:], strict=False):
        for k, (key, hint, text) in enumerate(above.labels):
            if is_points_only(key):
                continue
            for j, (key2, hint2, text2) in enumerate(below.labels):
                if hint2 == hint and not lex.level(key2) and lex.level(key + key2):
                    above.labels[k] = (key + key2, hint, text + text2)
                    del below.labels[j]
                    break


def resolve_levels(raws: list[RawRow], lex: Lexicon) -> list[tuple[str | None, str | None, float, float]]:
    """(level1, level2, confidence of level1, confidence of level2) per row."""
    _join_cut_labels(raws, lex)
    printed = [_split(raw.labels, lex) for raw in raws]
    col1 = [p[0] for p in printed]
    col2 = [p[1] for p in printed]
    parents = lex.level2_parent
    pos1 = [i for i, v in enumerate(col1) if v]

    def against_two(k: int, start: int, end: int) -> float:
        """A 一级 span must hold the rows whose printed 二级 label names it."""
        label = col1[pos1[k]][0]  # type: ignore[index]
        return 3.0 * sum(1 for r in range(start, end + 1) if col2[r]
                         and parents.get(col2[r][0]) not in (None, label) and label != LOST)

    best: tuple[float, list, list] | None = None
    readings: list[tuple[float, list, list]] = []
    for mode in MODES:  # ties go to the first: labels on the first row of their span are the most common
        cover1, off1 = spans(col1, mode, against_two)
        cover2, off2 = spans(col2, mode, partial(_within, cover1))
        cost = off1 + off2
        for i in range(len(raws)):
            two = col2[cover2[i]][0] if cover2[i] is not None else None
            one = col1[cover1[i]][0] if cover1[i] is not None else None
            implied = parents.get(two) if two and two != COST else None
            if one is None:
                cost += 1.0 if implied is None else 0.1
            elif implied and one not in (implied, LOST):
                cost += 3.0
            if two is None and col2[i] is None:
                cost += 0.5
        readings.append((cost, cover1, cover2))
        if best is None or cost < best[0] - 1e-9:
            best = (cost, cover1, cover2)
    assert best is not None
    _, cover1, cover2 = best
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
        sure1 = 1.0 if col1[i] else spanned
        if one is None and implied:
            one, sure1 = (implied, implied), min(spanned, 0.9)
        out.append([one[1] if one else None, two[1] if two else None, sure1, 1.0 if col2[i] else spanned])
    first = next((row[0] for row in out if row[0]), None)
    for k, row in enumerate(out):
        if row[0] is None:
            before = next((r[0] for r in reversed(out[:k]) if r[0]), None)
            row[0], row[2] = before or first, 0.7
    return [(a, b, c, d) for a, b, c, d in out]
