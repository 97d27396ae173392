"""How a numeric target moved between two years of one project: lowered (easier to meet), raised, or changed.

One definition, used by the corpus rule RF10 (a target lower than the same project's last year) and by the report's
project history (`jixiao.analytics.changes`), so a lowering the report lists is the one the rule reports."""

from __future__ import annotations

from typing import Literal, NamedTuple

Direction = Literal["lowered", "raised", "changed"]
VERB_ZH: dict[Direction, str] = {"lowered": "调低为", "raised": "调高为", "changed": "改为"}
_HIGHER_IS_BETTER = {"≥", ">"}
_LOWER_IS_BETTER = {"≤", "<"}
_REVERSE_KINDS = {"reverse", "zero"}  # how the scorer reads an "=" target that should not be exceeded


class Target(NamedTuple):
    """A parsed 年度指标值: operator, number, unit and the kind the scorer gave the indicator (`IndicatorKind`)."""

    op: str | None
    number: float | None
    unit: str | None
    kind: str | None


def _better(op: str | None, kind: str | None) -> int:
    """+1 when a higher target is more demanding, −1 when a lower one is, 0 when unknown."""
    if op in _HIGHER_IS_BETTER or (op == "=" and kind not in _REVERSE_KINDS):
        return 1
    if op in _LOWER_IS_BETTER or (op == "=" and kind in _REVERSE_KINDS):
        return -1
    return 0


def direction(before: Target, after: Target) -> Direction | None:
    """How the target moved: lowered (against the indicator's direction: a ≥ target decreased, a ≤ target
    increased), raised, changed (operator or unit changed, or no direction known), or None when it did not.
    Both numbers must be known.

        >>> direction(Target("≥", 200, "份", "positive"), Target("=", 160, "份", "equal"))
        'lowered'
        >>> direction(Target("≤", 5, "%", "reverse"), Target("≤", 8, "%", "reverse"))
        'lowered'
    """
    same_unit = before.unit == after.unit or None in (before.unit, after.unit)
    if before.number == after.number:
        return None if before.op == after.op and same_unit else "changed"
    better = _better(after.op, after.kind)
    if not same_unit or not better or better != _better(before.op, before.kind):
        return "changed"
    assert before.number is not None and after.number is not None
    return "raised" if (after.number - before.number) * better > 0 else "lowered"
