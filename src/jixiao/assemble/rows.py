"""An indicator row as read, before its merged level labels are resolved."""

from __future__ import annotations

from dataclasses import dataclass, field

from jixiao.assemble.text import number

MAX_POINTS = 100.0


@dataclass
class RawIndicator:
    labels: list[str] = field(default_factory=list)  # level labels printed on this row, in order
    name: str | None = None
    target: str | None = None
    actual: str | None = None
    weight: float | None = None
    score: float | None = None
    deviation: str | None = None
    line: int | None = None
    short: bool = False  # fewer cells than 三级指标, 年度指标值, 实际完成值


def anchor(texts: list[str]) -> int | None:
    """Index of the 分值 cell: the rightmost pair of adjacent numbers (0–100), text only after it."""
    filled = [(i, t) for i, t in enumerate(texts) if t]
    for k in range(len(filled) - 2, -1, -1):
        (i, a), (_, b) = filled[k], filled[k + 1]
        wa, wb = number(a), number(b)
        if wa is None or wb is None or not (0 <= wa <= MAX_POINTS and 0 <= wb <= MAX_POINTS):
            continue
        if any(number(t) is not None for _, t in filled[k + 2:]):
            continue
        return i
    return None
