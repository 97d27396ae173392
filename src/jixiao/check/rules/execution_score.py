from __future__ import annotations

from collections.abc import Iterator

from jixiao.check.catalogue import Rule, RuleContext
from jixiao.check.findings import Category, Finding, Severity
from jixiao.check.rounding import fmt


class ExecutionScore(Rule):
    """资金得分必须等于 分值 × min(执行率, 100%)，四舍五入或截位保留两位小数均可；执行率超过 100% 的得满分。

    预算执行率按比例计分，没有分档，也不因超支多得分。

    不合格示例：分值 10，全年预算数 59.80，全年执行数 30.07，得分写 6.00（应为 5.02 或 5.03）。
    合格示例：分值 10，全年预算数 187,229.00，全年执行数 298,771.40（执行率 159.57%），得分 10.00。
    """

    code = "EX02"
    name = "execution.score"
    title = "资金得分与执行率不符"
    severity = Severity.error
    category = Category.accuracy
    refs = ("R8", "R9")

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        number = ctx.card.funds_score
        if number is None or number.printed is None or number.ok:
            return
        yield ctx.finding(number.path, f"资金得分写 {fmt(number.printed, 2)}，按执行率应为 {number.expected:.2f}",
                          provided=number.printed, expected=number.expected,
                          difference=number.printed - number.expected, explanation=number.explanation)
