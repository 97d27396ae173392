"""满意度指标 must measure satisfaction (R27)."""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.assemble.text import fold
from jixiao.check.catalogue import Rule, RuleContext
from jixiao.check.findings import Category, Finding, Severity
from jixiao.check.rules.common import label
from jixiao.check.rules.level_labels import level_key
from jixiao.check.values import Kind


def satisfaction_rows(ctx: RuleContext) -> Iterator[int]:
    for i, ind in enumerate(ctx.form.indicators):
        if level_key(ind.level1) == "满意度指标" or level_key(ind.level2) == "服务对象满意度指标":
            yield i


class SatisfactionName(Rule):
    """满意度指标下的三级指标应衡量满意程度（名称含“满意”，如满意度、满意率）；否则指标放错了类别，
    表上等于没有满意度评价。同一行不再另报 DS06。

    不合格示例：满意度指标 / 服务对象满意度指标下的“保障公务外出准点率”。
    合格示例：满意度指标 / 服务对象满意度指标下的“服务对象满意度”。
    """

    code = "DS05"
    name = "design.satisfaction_name"
    title = "满意度指标不是满意度"
    severity = Severity.warning
    category = Category.design
    refs = ("R27",)
    supersedes = ("DS06",)

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        for i in satisfaction_rows(ctx):
            ind = ctx.form.indicators[i]
            if ind.name and "满意" not in fold(ind.name):
                yield ctx.finding(f"indicators.{i}.name", f"满意度指标下的{label(ind, i)}不是满意度或满意率",
                                  provided=ind.name, expected="……满意度")


class SatisfactionUnmeasured(Rule):
    """满意度指标只写“满意”“达成指标”之类的字样、没有调查得出的数字时提示：满意程度没有被测量。
    同一行不再另报 DS07（指标值含糊）。

    不合格示例：“使用人员满意度”指标值“满意”，实际完成值“达成指标”。
    合格示例：“使用人员满意度”指标值 ≥90%，实际完成值 95%。
    """

    code = "DS06"
    name = "design.satisfaction_unmeasured"
    title = "满意度没有调查数字"
    severity = Severity.info
    category = Category.design
    refs = ("R27",)
    supersedes = ("DS07",)

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        rows = set(satisfaction_rows(ctx))
        for s in ctx.card.indicators:
            if s.index in rows and s.actual.kind is Kind.TEXT and not s.target.quantitative:
                ind = ctx.form.indicators[s.index]
                yield ctx.finding(f"{s.path}.actual",
                                  f"{label(ind, s.index)}指标值“{ind.target}”、实际“{ind.actual}”，"
                                  "没有满意度调查的数字",
                                  provided=ind.actual, expected="调查得出的满意度（%）")
