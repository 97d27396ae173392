"""Small helpers the rule modules share (no rules here)."""

from __future__ import annotations

from jixiao.model import Form, Indicator

NO_TEXT = frozenset({"", "-", "—", "/", "无", "无。", "/无"})


def blank(text: str | None) -> bool:
    """A cell with nothing said in it (empty, a dash, 无)."""
    return text is None or text.strip() in NO_TEXT


def label(ind: Indicator, index: int) -> str:
    """How a message names an indicator: its 三级指标 name, or its row number."""
    return f"“{ind.name}”" if ind.name else f"第 {index + 1} 个三级指标"


def indicator_weight_sum(form: Form) -> float | None:
    weights = [i.weight for i in form.indicators]
    return None if not weights or any(w is None for w in weights) else sum(w for w in weights if w is not None)
