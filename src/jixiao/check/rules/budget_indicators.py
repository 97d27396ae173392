from __future__ import annotations

import re
from collections.abc import Iterator

from jixiao.assemble.text import fold
from jixiao.check.catalogue import Rule, RuleContext
from jixiao.check.findings import Category, Finding, Severity
from jixiao.check.rules.common import label
from jixiao.check.rules.level_labels import level_key

BUDGET_MEASURE = re.compile(
    r"(年中|年终|全年)?预算执行率|资金(安排)?到位率|资金拨付率|专款专用率|(经费|资金)(支出|使用)?合规性|预算不超支")
NOT_OVERSPENT = re.compile(r"预算不超支|不超预算|未超预算")


class BudgetIndicator(Rule):
    """预算执行率、资金到位率、专款专用率、经费支出合规性等是资金投入和过程的指标，不是绩效（产出、效益）指标。
    预算执行已经单独计 10 分，放在产出或效益下会重复计分。

    不合格示例：产出指标 / 质量指标下的三级指标“预算执行率 ≥90%”。
    合格示例：产出指标 / 数量指标下的三级指标“培训人次 ≥1000 人次”。
    """

    code = "DS04"
    name = "design.budget_indicator"
    title = "用预算执行类指标充当绩效指标"
    severity = Severity.warning
    category = Category.design
    refs = ("R26",)

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        for i, ind in enumerate(ctx.form.indicators):
            name = fold(ind.name)
            cost_capped = "成本" in name and NOT_OVERSPENT.search(fold(ind.target))
            if not (BUDGET_MEASURE.search(name) or cost_capped):
                continue
            where = f"{ind.level1 or ''}/{ind.level2 or ''}".strip("/")
            double = level_key(ind.level1) in ("产出指标", "效益指标")
            tail = "，与预算执行率得分重复计算" if double else ""
            yield ctx.finding(f"indicators.{i}.name", f"{label(ind, i)}（{where}）是预算执行或资金管理指标{tail}",
                              provided=ind.name, expected=None)
