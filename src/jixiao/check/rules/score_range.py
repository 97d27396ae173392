from __future__ import annotations

from collections.abc import Iterator

from jixiao.check.catalogue import Rule, RuleContext
from jixiao.check.findings import Category, Finding, Severity
from jixiao.check.rounding import fmt
from jixiao.check.rules.common import label


class ScoreRange(Rule):
    """每项得分必须在 0 与其分值之间（资金得分不超过资金分值，指标得分不超过指标分值）。

    任何计分规则都不会给出超过分值或小于 0 的得分；超过分值即虚增总分。

    不合格示例：三级指标分值 10，得分 12。
    合格示例：三级指标分值 10，得分 10 或 8。
    """

    code = "AR03"
    name = "arithmetic.score_range"
    title = "得分超过分值或小于 0"
    severity = Severity.error
    category = Category.accuracy
    refs = ("R3",)

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        tol = ctx.profile.scoring.sum_tolerance
        rows = [("funds.total.score", "年度资金总额", ctx.form.funds.total)] if ctx.form.funds.total else []
        rows += [(f"indicators.{i}.score", label(ind, i), ind) for i, ind in enumerate(ctx.form.indicators)]
        for path, name, row in rows:
            score, weight = row.score, row.weight
            if score is None:
                continue
            if score < -tol:
                yield ctx.finding(path, f"{name}的得分 {fmt(score)} 小于 0", provided=score, expected=0,
                                  difference=score)
            elif weight is not None and score > weight + tol:
                yield ctx.finding(path, f"{name}的得分 {fmt(score)} 超过分值 {fmt(weight)}",
                                  provided=score, expected=weight, difference=score - weight)
