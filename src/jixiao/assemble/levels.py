"""Merged 一级/二级 labels, resolved over the whole indicator table.

A merged label is printed once in its span: on its first row in most layouts, in the middle in others.
A row takes the labels printed on it; otherwise it continues the block above. A 二级 label also names its
一级 block (数量指标 → 产出指标), which settles rows whose 一级 label is printed elsewhere in the span, and
names a block whose 一级 label was lost but for its points ('(50分)'); rows above the first printed 一级
label take that label. `成本指标` is a 一级 block when a 成本 二级 label (经济成本指标…) follows it, else the
二级 label under 产出指标.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from jixiao.assemble.lexicon import Lexicon, is_points_only
from jixiao.assemble.text import tidy

if TYPE_CHECKING:
    from jixiao.assemble.indicators import RawRow

COST = "成本指标"
SATISFACTION = "满意度指标"
LOST = "(分)"  # marker of a 一级 label of which only its points were printed


def _canonical(key: str, lex: Lexicon) -> str | None:
    if is_points_only(key):
        return LOST
    return lex.level(key) or tidy(key)


def _split(labels: list[tuple[str, str | None]], lex: Lexicon) -> tuple[str | None, str | None]:
    level1 = level2 = None
    names = [(_canonical(k, lex), hint) for k, hint in labels]
    parents = lex.level2_parent
    for k, (key, hint) in enumerate(names):
        if key is None:
            continue
        follows = names[k + 1][0] if k + 1 < len(names) else None
        if hint == "level1" and key not in parents:
            level1 = key
        elif key == LOST:
            level1 = level1 or key
        elif key == COST:
            if follows and parents.get(follows) == COST:
                level1 = key
            else:
                level2 = key
        elif key in lex.levels and not (key == SATISFACTION and level1 == SATISFACTION):
            level1 = level1 or key
            if level1 != key:
                level2 = key
        else:
            level2 = key
    return level1, level2


def resolve_levels(raws: list[RawRow], lex: Lexicon) -> list[tuple[str | None, str | None, float, float]]:
    """(level1, level2, confidence of level1, confidence of level2) per row."""
    out: list[list] = []
    level1 = level2 = None
    parents = lex.level2_parent
    for raw in raws:
        printed1, printed2 = _split(raw.labels, lex)
        implied = parents.get(printed2) if printed2 and printed2 != COST else None
        if printed1 == LOST:
            printed1 = implied or (level1 if level1 and level1 != LOST else LOST)
        new1 = printed1 or (implied if implied and implied != level1 else None)
        sure1 = 1.0 if printed1 else 0.9
        if new1:
            if level1 is not None and new1 != level1:
                level2 = None
            level1 = new1
        if printed2:
            level2 = printed2
        out.append([level1, level2, sure1, 1.0 if printed2 else 0.9])
    first = next((row[0] for row in out if row[0]), None)
    for row in out:
        if row[0] is None:
            row[0], row[2] = first, 0.8
        if row[0] == LOST:
            row[0], row[2] = None, 0.5
    return [(a, b, c, d) for a, b, c, d in out]
