from __future__ import annotations

from collections.abc import Iterator

from jixiao.check.catalogue import Rule, RuleContext
from jixiao.check.findings import Category, Finding, Severity
from jixiao.check.rounding import fmt
from jixiao.model import FUND_ROWS
from jixiao.places import FUND_ROW_ZH


class BudgetCutToSpent(Rule):
    """全年预算数比年初预算数调减，且恰好等于全年执行数：预算调成了实际花掉的数，执行率 100% 是调出来的，
    不说明执行得好；应核对调减的依据。

    只看年度资金总额一行；总额一行没有预算数（如全为 0）时，看第一个有预算数的资金来源分行。

    不合格示例：年初预算数 330,000.00，全年预算数 329,998.60，全年执行数 329,998.60。
    合格示例：年初预算数 330,000.00，全年预算数 330,000.00，全年执行数 329,998.60。
    """

    code = "EX08"
    name = "execution.budget_cut_to_spent"
    title = "全年预算调减至恰好等于执行数"
    severity = Severity.warning
    category = Category.plausibility
    refs = ("R7", "R33")

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        tol = ctx.profile.scoring.amount_tolerance
        row_name = next((name for name in FUND_ROWS if (row := getattr(ctx.form.funds, name)) is not None
                         and row.annual_budget and row.annual_budget > 0), None)
        if row_name is None:
            return
        row = getattr(ctx.form.funds, row_name)
        initial, annual, executed = row.initial_budget, row.annual_budget, row.executed
        if initial is None or executed is None or initial <= annual + tol or abs(annual - executed) > tol:
            return
        unit = ctx.form.fund_unit or ""
        yield ctx.finding(f"funds.{row_name}.annual_budget",
                          f"{FUND_ROW_ZH[row_name]}全年预算数由年初预算数 {fmt(initial, 2)}{unit} "
                          f"调减为 {fmt(annual, 2)}{unit}，"
                          f"恰好等于全年执行数：执行率 100% 来自调减预算",
                          provided=annual, expected=initial, difference=annual - initial,
                          explanation=f"年初预算数 {fmt(initial, 2)} − 全年预算数 {fmt(annual, 2)} = "
                                      f"{fmt(initial - annual, 2)}（调减）；全年执行数 {fmt(executed, 2)}")
