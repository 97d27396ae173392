from __future__ import annotations

from collections.abc import Iterator

from jixiao.check.catalogue import Rule, RuleContext
from jixiao.check.findings import Category, Finding, Severity
from jixiao.check.rounding import fmt
from jixiao.places import FUND_ROW_ZH


class SubRowWeight(Rule):
    """只有年度资金总额一行有分值和得分；资金来源分行（当年财政拨款等）的分值、得分应为“—”或空白。

    分行再写分值或得分，总分就可能把预算执行率重复计算。

    不合格示例：当年财政拨款一行分值 10、得分 9.5。
    合格示例：当年财政拨款一行分值、得分为“—”。
    """

    code = "AR05"
    name = "arithmetic.subrow_weight"
    title = "资金来源分行带有分值或得分"
    severity = Severity.warning
    category = Category.accuracy
    refs = ("R5",)

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        for name in ("current_year", "carryover", "other"):
            row = getattr(ctx.form.funds, name)
            for column, column_zh in (("weight", "分值"), ("score", "得分")):
                value = getattr(row, column) if row else None
                if value:
                    yield ctx.finding(f"funds.{name}.{column}",
                                      f"{FUND_ROW_ZH[name]}一行写有{column_zh} {fmt(value)}，"
                                      "分值和得分只属于年度资金总额",
                                      provided=value, expected=None)
