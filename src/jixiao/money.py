"""Amounts in one unit. Forms print their 项目资金 in 万元 (the official form) or in 元 (several provinces and
systems); reports and sheets show every amount in 万元 and keep the printed unit beside it.

A form whose unit is not stated is taken to be in 万元, the official form's unit, never silently: rule AR06 warns
and names the assumption, the risk score's parts say 按万元计, the report marks the amount 按万元."""

from __future__ import annotations

WAN = "万元"
YUAN_PER_WAN = 10_000
UNSTATED = "未注明（按万元）"


def to_wan(amount: float | None, unit: str | None) -> float | None:
    """`amount` printed in `unit` (元, 万元 or not stated), in 万元; None stays None."""
    if amount is None:
        return None
    return amount / YUAN_PER_WAN if unit == "元" else amount


def unit_note(unit: str | None) -> str:
    """The printed unit as shown beside converted amounts: "元", "万元", or "未注明（按万元）"."""
    return unit or UNSTATED
