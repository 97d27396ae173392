from __future__ import annotations

from collections.abc import Iterator

from jixiao.check.catalogue import Rule, RuleContext
from jixiao.check.findings import Category, Finding, Severity
from jixiao.check.rounding import fmt
from jixiao.check.rules.common import indicator_weight_sum, truncated


class TotalWeight(Rule):
    """分值合计必须为 100：年度资金总额的分值加上全部三级指标的分值，等于总分的分值 100。

    单位自评表模板中预算执行率 10 分、绩效指标 90 分，总分 100 分。分值合计不是 100，得分就无法与
    等级标准对照。表格在总分行之前中断的（没有总分行），读到的只是一部分，不核对合计；只差在资金分值上的
    （如资金分值写成 100），由 EX07 报告。

    不合格示例：资金分值 10，三级指标分值合计 85，总分分值 100（合计 95）。
    合格示例：资金分值 10，三级指标分值合计 90，总分分值 100。
    """

    code = "AR01"
    name = "arithmetic.total_weight"
    title = "分值合计不等于 100"
    severity = Severity.error
    category = Category.accuracy
    refs = ("R1",)

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        form, tol = ctx.form, ctx.profile.scoring.sum_tolerance
        expected = ctx.profile.scoring.total_weight
        if form.total_weight is not None and abs(form.total_weight - expected) > tol:
            yield ctx.finding("total_weight", f"总分的分值为 {fmt(form.total_weight)}，应为 {fmt(expected)}",
                              provided=form.total_weight, expected=expected,
                              difference=form.total_weight - expected)
            return
        if truncated(form):
            return
        indicators = indicator_weight_sum(form)
        funds = form.funds.total.weight if form.funds.total else None
        if indicators is None or funds is None:
            return
        total = funds + indicators
        funds_off = funds - ctx.profile.scoring.funds_weight
        if abs(funds_off) > tol and abs((total - expected) - funds_off) <= tol:
            return  # the funds weight alone is off: EX07 reports it
        if abs(total - expected) > tol:
            yield ctx.finding(
                "total_weight",
                f"分值合计为 {fmt(total)}（资金 {fmt(funds)} + 三级指标 {fmt(indicators)}），应为 {fmt(expected)}",
                provided=total, expected=expected, difference=total - expected,
                explanation=f"资金分值 {fmt(funds)} + 三级指标分值合计 {fmt(indicators)} = {fmt(total)}")
