from __future__ import annotations

import re
from collections.abc import Iterator

from jixiao.assemble.text import fold
from jixiao.check.catalogue import Rule, RuleContext
from jixiao.check.findings import Category, Finding, Severity
from jixiao.check.rounding import fmt
from jixiao.check.values import Kind

MIDYEAR = re.compile(r"(年中|半年|上半年|6月底?|六月底?)(的)?预算执行率")


class MidyearBenchmark(Rule):
    """“年中预算执行率”类指标对照序时进度（6 月末应执行 50%）：进度 = 执行率 ÷ 50%。
    目标值低于序时进度，或实际执行不到序时进度的 80%（平台预警的黄、红档）时提示。

    这是执行监控的口径，不是自评计分规则，所以只作提示。

    不合格示例：“年中预算执行率”目标 ≥50%，实际 30%（序时进度的 60%）。
    合格示例：“年中预算执行率”目标 ≥50%，实际 48%（序时进度的 96%）。
    """

    code = "EX06"
    name = "execution.midyear_benchmark"
    title = "年中执行率低于序时进度"
    severity = Severity.info
    category = Category.plausibility
    refs = ("R11",)
    params = {"benchmark": 50.0, "yellow": 80.0}
    param_docs = {"benchmark": "6 月末的序时进度（%）", "yellow": "低于序时进度的这一比例（%）时提示"}

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        benchmark, yellow = ctx.params["benchmark"], ctx.params["yellow"]
        for s in ctx.card.indicators:
            ind = ctx.form.indicators[s.index]
            if not ind.name or not MIDYEAR.search(fold(ind.name)):
                continue
            if s.target.kind is Kind.NUMBER and s.target.number is not None and s.target.number < benchmark:
                yield ctx.finding(f"{s.path}.target",
                                  f"“{ind.name}”目标 {s.target.text} 低于序时进度 {fmt(benchmark)}%",
                                  provided=s.target.number, expected=benchmark)
            if s.actual.kind is Kind.NUMBER and s.actual.number is not None:
                progress = s.actual.number / benchmark * 100
                if progress < yellow:
                    yield ctx.finding(f"{s.path}.actual",
                                      f"“{ind.name}”实际 {s.actual.text}，仅为序时进度的 {fmt(progress, 1)}%",
                                      provided=s.actual.number, expected=benchmark,
                                      explanation=f"进度 = {fmt(s.actual.number)} / {fmt(benchmark)} × 100% "
                                                  f"= {fmt(progress, 1)}%")
