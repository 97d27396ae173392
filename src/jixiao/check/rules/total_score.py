from __future__ import annotations

from collections.abc import Iterator

from jixiao.check.catalogue import Rule, RuleContext
from jixiao.check.findings import Category, Finding, Severity
from jixiao.check.rounding import fmt


class TotalScore(Rule):
    """总分的得分必须等于资金得分与全部三级指标得分之和。

    总分是各项得分相加得来的；对不上说明原表算错，或某项得分改过而总分没改。

    不合格示例：资金得分 9.5，三级指标得分合计 88，总分写 99.5（应为 97.5）。
    合格示例：资金得分 9.5，三级指标得分合计 88，总分 97.5。
    """

    code = "AR02"
    name = "arithmetic.total_score"
    title = "总分不等于各项得分之和"
    severity = Severity.error
    category = Category.accuracy
    refs = ("R2",)

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        total, parts = ctx.form.total_score, ctx.card.parts_sum
        if total is None or parts is None:
            return
        if abs(total - parts) > ctx.profile.scoring.sum_tolerance:
            yield ctx.finding("total_score", f"总分 {fmt(total)} 与各项得分之和 {fmt(parts)} 不符",
                              provided=total, expected=round(parts, 2), difference=total - parts,
                              explanation=ctx.card.parts_formula)
