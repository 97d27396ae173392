"""An indicator row as read, before its merged level labels are resolved."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from jixiao.assemble.text import number

MAX_POINTS = 100.0


@dataclass(slots=True)
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


def anchor(texts: Sequence[str]) -> int | None:
    """Index of the 分值 cell: the rightmost pair of adjacent numbers (0–100), text only after it (blank cells
    are not counted). Only the last number and the filled cell before it can be that pair."""
    last = len(texts) - 1
    while last >= 0 and (not texts[last] or number(texts[last]) is None):
        last -= 1
    before = last - 1
    while before >= 0 and not texts[before]:
        before -= 1
    if before < 0:
        return None
    weight, score = number(texts[before]), number(texts[last])
    if weight is None or score is None or not (0 <= weight <= MAX_POINTS and 0 <= score <= MAX_POINTS):
        return None
    return before
