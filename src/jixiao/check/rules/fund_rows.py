from __future__ import annotations

from collections.abc import Iterator

from jixiao.check.catalogue import Rule, RuleContext
from jixiao.check.findings import Category, Finding, Severity
from jixiao.check.rounding import fmt
from jixiao.model import FundRow
from jixiao.places import FUND_ROW_ZH

COLUMNS = {"initial_budget": "年初预算数", "annual_budget": "全年预算数", "executed": "全年执行数"}
SUB_ROWS = ("current_year", "carryover", "other")


def _live(row: FundRow) -> bool:
    """A sub-row that carries money in some column."""
    return any((getattr(row, column) or 0) > 0 for column in COLUMNS)


class FundRows(Rule):
    """资金来源分行（当年财政拨款 + 上年结转资金 + 其他资金）必须与年度资金总额相加一致，逐列核对
    年初预算数、全年预算数、全年执行数（空白按 0 计）。

    分行相加不等于合计，说明资金来源填错或合计填错，执行率也就失去依据。问题报在最可能出错的地方：
    有金额的分行某一格空白的，报在那一格（应为合计减其他分行）；年度资金总额一行全为 0 或空白、分行却有金额的，
    报一条；其余报在年度资金总额。

    表上有记录中没有对应行的资金来源（中央补助、地方资金等，读取提示 P023）时，分行不全，不作核对。

    不合格示例：年度资金总额全年预算数 100，当年财政拨款 80、上年结转 30（合计 110）。
    合格示例：年度资金总额全年预算数 100，当年财政拨款 80、上年结转 20、其他资金 0。
    """

    code = "AR04"
    name = "arithmetic.fund_rows"
    title = "资金来源分行之和不等于年度资金总额"
    severity = Severity.error
    category = Category.accuracy
    refs = ("R4",)

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        funds, tol = ctx.form.funds, ctx.profile.scoring.amount_tolerance
        # a sub-row left wholly empty was not filled in; a blank cell in a filled row counts as 0
        rows = [(name, row) for name in SUB_ROWS if (row := getattr(funds, name)) is not None
                and any(getattr(row, column) is not None for column in COLUMNS)]
        if funds.total is None or not rows or any(w.code == "P023" for w in ctx.form.warnings):
            return
        sums = {column: sum(getattr(row, column) or 0.0 for _, row in rows) for column in COLUMNS}
        if not any(getattr(funds.total, column) for column in COLUMNS) and any(v > tol for v in sums.values()):
            shown = "，".join(f"{zh} {fmt(sums[column], 2)}" for column, zh in COLUMNS.items())
            yield ctx.finding("funds.total.annual_budget",
                              f"年度资金总额一行为 0 或空白，资金来源分行却有金额（{shown}）：合计行未填",
                              provided=funds.total.annual_budget, expected=round(sums["annual_budget"], 2),
                              difference=(funds.total.annual_budget or 0) - sums["annual_budget"])
            return
        for column, column_zh in COLUMNS.items():
            total = getattr(funds.total, column)
            values = [getattr(row, column) for _, row in rows]
            if total is None:
                continue
            parts = sums[column]
            if abs(parts - total) <= tol:
                continue
            terms = " + ".join(f"{FUND_ROW_ZH[name]} {fmt(v, 2)}" if v is not None else f"{FUND_ROW_ZH[name]}（空白）"
                               for (name, _), v in zip(rows, values, strict=True))
            blanks = [name for (name, row), v in zip(rows, values, strict=True) if v is None and _live(row)]
            if len(blanks) == 1:
                cell = blanks[0]
                expected = total - parts
                yield ctx.finding(
                    f"funds.{cell}.{column}",
                    f"{FUND_ROW_ZH[cell]}的{column_zh}空白，按年度资金总额 {fmt(total, 2)} 与其他分行应为 "
                    f"{fmt(expected, 2)}",
                    provided=None, expected=round(expected, 2), difference=-expected,
                    explanation=f"{terms} = {fmt(parts, 2)}（空白按 0 计）；年度资金总额 {fmt(total, 2)}")
                continue
            yield ctx.finding(
                f"funds.total.{column}",
                f"{column_zh}：资金来源分行合计 {fmt(parts, 2)}，与年度资金总额 {fmt(total, 2)} 相差 "
                f"{fmt(total - parts, 2)}",
                provided=total, expected=round(parts, 2), difference=total - parts,
                explanation=f"{terms} = {fmt(parts, 2)}")
