"""The 一级 categories a form must have (R24) and their customary weights (R25)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from jixiao.check.catalogue import Rule, RuleContext
from jixiao.check.findings import Category, Finding, Severity
from jixiao.check.rounding import fmt
from jixiao.check.rules.common import truncated
from jixiao.check.rules.level_labels import level_key

REQUIRED = ("产出指标", "效益指标", "满意度指标")


class RequiredCategories(Rule):
    """每张表至少要有产出、效益、满意度三类一级指标各一项。缺了满意度，就没有服务对象的评价；缺了效益，
    就只说了花钱做了什么、没说起了什么作用。表格在总分行之前中断的，后面的类别可能只是没有读到，不判断。

    不合格示例：只有产出指标和效益指标，没有满意度指标。
    合格示例：产出、效益、满意度指标各有一项以上。
    """

    code = "DS02"
    name = "design.required_categories"
    title = "缺少产出、效益或满意度指标"
    severity = Severity.warning
    category = Category.design
    refs = ("R24",)

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        if not ctx.form.indicators or truncated(ctx.form):
            return
        present = {level_key(ind.level1) for ind in ctx.form.indicators}
        for category in REQUIRED:
            if category not in present:
                yield ctx.finding("indicators", f"没有{category}", provided=None, expected=category)


def _split(weights: dict[str, float]) -> str:
    return "、".join(f"{k.removesuffix('指标')} {fmt(v)}" for k, v in weights.items())


class Level1Weights(Rule):
    """一级指标分值“原则上”为产出 50、效益 30、满意度 10（另有预算执行率 10），可按实际调整，偏离时只作提示。
    成本作为一级指标时没有公认的分配，只报告实际分配。上海配置不提示（上海各部门不按此分配）。
    表格在总分行之前中断的，读到的分值不是全部，不判断；有不是规定名称的一级指标的（如“效果指标”“项目决策”，
    由 DS01 报告），各块与规定的分配无从对应，也不判断。

    不合格示例：产出 60、效益 20、满意度 10。
    合格示例：产出 50、效益 30、满意度 10。
    """

    code = "DS03"
    name = "design.level1_weights"
    title = "一级指标分值偏离 50/30/10"
    severity = Severity.info
    category = Category.design
    refs = ("R25",)

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        expected = ctx.profile.scoring.level1_weights
        if truncated(ctx.form):
            return
        sums: dict[str, float] = defaultdict(float)
        for ind in ctx.form.indicators:
            key = level_key(ind.level1)
            if key is None or ind.weight is None:
                return
            sums[key] += ind.weight
        if not sums or not expected or any(k not in expected and k != "成本指标" for k in sums):
            return
        cost_level = "成本指标" in sums
        if not cost_level and not any(abs(sums.get(k, 0) - v) > 0.01 for k, v in expected.items()):
            return
        split = _split(sums)
        if cost_level:
            yield ctx.finding("indicators", f"成本为一级指标，分值分配为 {split}（没有公认的标准分配）",
                              provided=split, expected=None)
        else:
            standard = _split(expected)
            yield ctx.finding("indicators", f"一级指标分值为 {split}，原则上为 {standard}", provided=split,
                              expected=standard)
