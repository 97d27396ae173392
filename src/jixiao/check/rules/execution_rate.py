from __future__ import annotations

from collections.abc import Iterator

from jixiao.check import rounding
from jixiao.check.catalogue import Rule, RuleContext
from jixiao.check.findings import Category, Finding, Severity
from jixiao.places import FUND_ROW_ZH


class ExecutionRate(Rule):
    """执行率必须等于全年执行数 ÷ 全年预算数（以调整后的全年预算数为基数，不是年初预算数），
    四舍五入或截位保留两位小数均可。年度资金总额和各资金来源分行逐行核对。

    进位（86.183% 写 86.19%）是有的平台的习惯：一张表的执行率都按进位时接受；只有这一个数字进位、
    同表其他执行率不是进位的，按笔误报告。写成整数百分比（86%）或小数（0.958 即 95.8%）、
    在其写出的精度上与计算相符的，也接受。

    执行率决定资金得分，也是判断“花钱少、自评高”的依据；写错的执行率会误导复核。

    不合格示例：全年预算数 23,845,000，全年执行数 23,435,000，执行率写 98.29%（应为 98.28%）。
    合格示例：全年预算数 495.40，全年执行数 492.92，执行率写 99.49%（截位）或 99.50%（四舍五入）。
    """

    code = "EX01"
    name = "execution.rate"
    title = "执行率与执行数、预算数不符"
    severity = Severity.error
    category = Category.accuracy
    refs = ("R7", "R9")

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        for name, check in ctx.card.funds.items():
            number = check.rate
            if number is None or number.printed is None or number.ok:
                continue
            row = getattr(ctx.form.funds, name)
            message = f"{FUND_ROW_ZH[name]}执行率写 {number.printed:.2f}%，按全年执行数和全年预算数应为 " \
                      f"{number.expected:.2f}%"
            tol = ctx.profile.scoring.rounding_tolerance
            if row.initial_budget and row.executed is not None and rounding.matching(
                    number.printed, row.executed / row.initial_budget * 100, tol):
                message += "（写的是按年初预算数计算的结果，执行率应以全年预算数为基数）"
            elif rounding.matching(number.printed, number.exact, tol) == {rounding.Method.up}:
                message += "（只有进位能得到这个数，而本表其他执行率不是进位）"
            yield ctx.finding(number.path, message, provided=number.printed, expected=number.expected,
                              difference=number.printed - number.expected, explanation=number.explanation)
