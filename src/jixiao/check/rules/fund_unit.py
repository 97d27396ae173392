from __future__ import annotations

from collections.abc import Iterator

from jixiao.check.catalogue import Rule, RuleContext
from jixiao.check.findings import Category, Finding, Severity
from jixiao.check.rounding import fmt


class FundUnit(Rule):
    """项目资金必须注明金额单位（元或万元），且金额与单位相称。

    不同表的金额单位不同（2021 年的表用元，其余多用万元），不知道单位就不能跨表比较金额。没有注明单位的表，
    jixiao 按官方表式的万元计（报告和风险分都注明“按万元”），这条警告说明这一假定。
    以万元计却超过一亿万元、或以元计却不足一百元的预算，多半是单位写错。

    不合格示例：表头只写“项目资金”，没有“（万元）”或“（元）”。
    合格示例：表头写“项目资金（万元）”，全年预算数 495.40。
    """

    code = "AR06"
    name = "arithmetic.fund_unit"
    title = "金额单位缺失或与金额不相称"
    severity = Severity.warning
    category = Category.completeness
    refs = ("R6",)
    params = {"max_wan": 1e8, "min_yuan": 100}
    param_docs = {"max_wan": "以万元计时全年预算数的上限", "min_yuan": "以元计时全年预算数的下限"}

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        form = ctx.form
        budget = form.funds.total.annual_budget if form.funds.total else None
        if budget is None:
            return
        if form.fund_unit is None:
            yield ctx.finding("fund_unit", "项目资金没有注明金额单位（元或万元）；jixiao 按万元（官方表式的单位）换算"
                              "和计算风险分，若原表以元计，金额会放大一万倍", provided=None, expected="元 或 万元",
                              explanation=f"全年预算数 {fmt(budget, 2)} 按 {fmt(budget, 2)} 万元计；"
                                          f"若原表以元计，应为 {fmt(budget / 10_000, 6)} 万元")
        elif form.fund_unit == "万元" and budget > ctx.params["max_wan"]:
            yield ctx.finding("fund_unit", f"全年预算数 {fmt(budget, 2)} 万元超过一亿万元，金额单位可能应为“元”",
                              provided="万元", expected="元")
        elif form.fund_unit == "元" and 0 < budget < ctx.params["min_yuan"]:
            yield ctx.finding("fund_unit", f"全年预算数只有 {fmt(budget, 2)} 元，金额单位可能应为“万元”",
                              provided="元", expected="万元")
