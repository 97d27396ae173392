"""成本指标 (R23, R24, R26): required from a year the profile sets, and not a restatement of the budget."""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.check.catalogue import Rule, RuleContext
from jixiao.check.findings import Category, Finding, Severity
from jixiao.check.rounding import fmt
from jixiao.check.rules.common import label, truncated
from jixiao.check.rules.level_labels import level_key
from jixiao.check.values import Kind, parse_value
from jixiao.model import FUND_ROWS, Form, Indicator

_YUAN_PER = {"元": 1.0, "万元": 1e4, "千元": 1e3, "亿元": 1e8}


def is_cost(ind: Indicator) -> bool:
    """An indicator under 成本指标: as a 一级 (财预〔2021〕101号) or as a 二级 under 产出 (财预〔2020〕10号)."""
    level1, level2 = level_key(ind.level1), level_key(ind.level2)
    return level1 == "成本指标" or (level2 is not None and level2.endswith("成本指标"))


class CostMissing(Rule):
    """从配置规定的年度起（参数 from_year，全国配置 2021 年），每张表应有成本指标：作为一级指标
    （经济成本、社会成本、生态环境成本），或在产出指标下作为二级指标。

    财预〔2021〕101号把成本指标列为一级指标，多数地区 2021 年以后的模板要求填写；没有成本指标，
    就看不出花的钱换来多少产出。各地起始年份不同，是配置里的选择（上海配置 from_year = 0，不检查：
    上海各部门公开的表 58 张中 55 张没有成本指标）。表格在总分行之前中断的，不判断。

    不合格示例：2023 年的表只有数量、质量、时效、效益和满意度指标。
    合格示例：2023 年的表有“产出指标 / 成本指标 / 人均培训成本 ≤800 元”。
    """

    code = "DS12"
    name = "design.cost_missing"
    title = "缺少成本指标"
    severity = Severity.warning
    category = Category.design
    refs = ("R23", "R24")
    params = {"from_year": 2021}
    param_docs = {"from_year": "从这一年度起要求成本指标（0 为不要求）"}

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        form, start = ctx.form, ctx.params["from_year"]
        if not start or form.year is None or form.year < start or not form.indicators or truncated(form):
            return
        if not any(is_cost(ind) for ind in form.indicators):
            yield ctx.finding("indicators", f"{form.year} 年度的表没有成本指标（{start} 年起要求）",
                              provided=None, expected="成本指标")


def _budgets_in_yuan(form: Form) -> list[tuple[str, float]]:
    scale = _YUAN_PER.get(form.fund_unit or "万元", 1e4)
    out = []
    for name in FUND_ROWS:
        row = getattr(form.funds, name)
        for column, zh in (("initial_budget", "年初预算数"), ("annual_budget", "全年预算数")):
            value = getattr(row, column) if row else None
            if value and value > 0:
                out.append((f"{zh} {fmt(value, 2)}{form.fund_unit or ''}", value * scale))
    return out


class CostRestatesBudget(Rule):
    """成本指标的指标值只是项目预算数（如“项目总成本 ≤202.6 万元”，年初预算 202.64 万元）：
    没有反映单位成本或成本控制，等于把预算执行再写一遍。成本指标应衡量单位产出的成本
    （人均、每场、每公里……）或相对控制标准的节约。

    不合格示例：“经费支出”指标值 ≤33 万元，年初预算数 330,000.00 元。
    合格示例：“人均培训成本”指标值 ≤800 元。
    """

    code = "DS13"
    name = "design.cost_restates_budget"
    title = "成本指标只是重述预算数"
    severity = Severity.warning
    category = Category.design
    refs = ("R26", "R28")
    params = {"tolerance": 0.005}
    param_docs = {"tolerance": "指标值与预算数的相对差在此比例以内视为相同"}

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        form = ctx.form
        budgets = _budgets_in_yuan(form)
        if not budgets:
            return
        for s in ctx.card.indicators:
            ind = form.indicators[s.index]
            if not is_cost(ind):
                continue
            target = parse_value(ind.target)
            if target.kind is not Kind.NUMBER or not target.number:
                continue
            unit = target.unit or form.fund_unit or "万元"
            scale = _YUAN_PER.get(unit) or {"万": 1e4, "亿": 1e8}.get(unit)
            if scale is None:
                continue
            amount = target.number * scale
            for what, budget in budgets:
                if abs(amount - budget) <= ctx.params["tolerance"] * budget:
                    yield ctx.finding(f"{s.path}.target",
                                      f"{label(ind, s.index)}的指标值 {ind.target} 就是项目预算（{what}），"
                                      "没有反映单位成本或成本控制",
                                      provided=ind.target, expected="单位成本或成本控制标准")
                    break
