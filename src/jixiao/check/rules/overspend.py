from __future__ import annotations

from collections.abc import Iterator

from jixiao.check.catalogue import Rule, RuleContext
from jixiao.check.findings import Category, Finding, Severity
from jixiao.check.rounding import fmt
from jixiao.model import FUND_ROWS
from jixiao.places import FUND_ROW_ZH


class Overspend(Rule):
    """全年执行数超过全年预算数（执行率高于 100%）时提示。资金得分仍按 100% 计满分。

    超支说明预算调整没有跟上实际支出，或执行数填错；逐行核对，资金来源分行也一样（年度资金总额已超支的，
    分行不再另报）。

    不合格示例：全年预算数 187,229.00，全年执行数 298,771.40（执行率 159.57%）。
    合格示例：全年预算数 495.40，全年执行数 492.92。
    """

    code = "EX04"
    name = "execution.overspend"
    title = "执行数超过全年预算数"
    severity = Severity.warning
    category = Category.plausibility
    refs = ("R10", "R4")

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        tol = ctx.profile.scoring.amount_tolerance
        total_over = False
        for name in FUND_ROWS:
            row = getattr(ctx.form.funds, name)
            if row is None or not row.annual_budget or row.annual_budget <= 0 or row.executed is None:
                continue
            if row.executed > row.annual_budget + tol:
                if total_over:
                    continue  # the total's overspend says it
                total_over = name == "total"
                rate = row.executed / row.annual_budget * 100
                yield ctx.finding(f"funds.{name}.executed",
                                  f"{FUND_ROW_ZH[name]}全年执行数 {fmt(row.executed, 2)} 超过全年预算数 "
                                  f"{fmt(row.annual_budget, 2)}（执行率 {rate:.2f}%）",
                                  provided=row.executed, expected=row.annual_budget,
                                  difference=row.executed - row.annual_budget)


class ZeroBudgetSpent(Rule):
    """全年预算数为 0 却有执行数，是错误：没有预算的钱不能花，或预算数漏填。

    不合格示例：上年结转资金全年预算数 0.00，全年执行数 129.46。
    合格示例：上年结转资金全年预算数 0.00，全年执行数 0.00。
    """

    code = "EX05"
    name = "execution.zero_budget"
    title = "全年预算数为 0 却有执行数"
    severity = Severity.error
    category = Category.accuracy
    refs = ("R10", "R4")

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        tol = ctx.profile.scoring.amount_tolerance
        for name in FUND_ROWS:
            row = getattr(ctx.form.funds, name)
            if row is not None and row.annual_budget == 0 and (row.executed or 0) > tol:
                yield ctx.finding(f"funds.{name}.executed",
                                  f"{FUND_ROW_ZH[name]}全年预算数为 0，全年执行数却为 {fmt(row.executed or 0, 2)}",
                                  provided=row.executed, expected=0, difference=row.executed)
