"""The funds score (R8): 分值 × min(执行率, 100%), and the weight it is scored on."""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.check import rounding
from jixiao.check.catalogue import Rule, RuleContext
from jixiao.check.findings import Category, Finding, Severity
from jixiao.check.rounding import fmt


def weight_differs(ctx: RuleContext) -> bool:
    """The funds row's 分值 is printed and is not the profile's funds weight."""
    total = ctx.form.funds.total
    weight = total.weight if total else None
    return weight is not None and abs(weight - ctx.profile.scoring.funds_weight) > ctx.profile.scoring.sum_tolerance


class ExecutionScore(Rule):
    """资金得分必须等于 分值 × min(执行率, 100%)，四舍五入或截位保留两位小数均可；执行率超过 100% 的得满分。

    预算执行率按比例计分，没有分档，也不因超支多得分。得分高于公式是虚增（错误）；低于公式的，
    与指标扣分偏严一样只作提示。分值本身不是配置规定的分值时（如写成 100），由 EX07 报告；
    得分按规定分值计算正确的，不再报告。

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
        total = ctx.form.funds.total
        sc = ctx.profile.scoring
        if weight_differs(ctx) and total and total.annual_budget and total.executed is not None:
            on_profile = sc.funds_weight * min(total.executed / total.annual_budget, 1)
            if rounding.matching(number.printed, on_profile, sc.rounding_tolerance):
                return  # right on the profile's weight: the weight is EX07's finding
        gap = number.printed - number.expected
        message = f"资金得分写 {fmt(number.printed, 2)}，按执行率应为 {number.expected:.2f}"
        below = gap < 0
        if below:
            message += "（低于公式，扣分偏严）"
        yield ctx.finding(number.path, message, provided=number.printed, expected=number.expected,
                          difference=gap, explanation=number.explanation, minor=below)
