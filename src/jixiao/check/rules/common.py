"""Small helpers the rule modules share (no rules here)."""

from __future__ import annotations

import re

from jixiao.assemble.text import fold
from jixiao.model import Form, Indicator

NO_TEXT = frozenset({"", "-", "—", "/", "无", "无。", "/无"})


def blank(text: str | None) -> bool:
    """A cell with nothing said in it (empty, a dash, 无)."""
    return text is None or text.strip() in NO_TEXT


# a deviation cell that gives no reason: a placeholder, a zero, or a pointer to another document
_NO_REASON = re.compile(
    r"(?:[0０]|无|暂无|没有|无偏差|没有偏差|不适用|n/?a|null|none|[-—/－–.。、\\]*)"
    r"|(?:详见|见|参见|具体见|详情见)[^，,；;]{0,12}(?:报告|附件|说明|附表|正文)",
    re.IGNORECASE)


def says_no_reason(text: str | None) -> bool:
    """A 偏差原因 cell that gives no reason: blank, a dash, 0, 无, or only a pointer such as 详见自评报告."""
    if blank(text):
        return True
    key = fold(text).strip("。.;；,，")
    return not key or bool(_NO_REASON.fullmatch(key))


def label(ind: Indicator, index: int) -> str:
    """How a message names an indicator: its 三级指标 name, or its row number."""
    return f"“{ind.name}”" if ind.name else f"第 {index + 1} 个三级指标"


def truncated(form: Form) -> bool:
    """The form was cut off before its 总分 row (the reader says so with P013, or there is no total row at all):
    sums, shares and "missing" categories cannot be judged on what was read."""
    return any(w.code == "P013" for w in form.warnings) or (form.total_weight is None and form.total_score is None)


def indicator_weight_sum(form: Form) -> float | None:
    weights = [i.weight for i in form.indicators]
    return None if not weights or any(w is None for w in weights) else sum(w for w in weights if w is not None)
