"""Deductions that do not follow from the result: points taken off a met target, full marks on a missed one."""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.check.catalogue import Rule, RuleContext
from jixiao.check.findings import Category, Finding, Severity
from jixiao.check.rounding import fmt
from jixiao.check.rules.common import label
from jixiao.check.score import IndicatorKind


class UnexplainedDeduction(Rule):
    """定量指标已达成（实际完成值达到年度指标值）却被扣分：计分规则下达成即得满分，扣分没有规则依据，
    多半是单位保守自评。定性指标达成档内的扣分（80%–100%）是允许的，不在此列。

    不合格示例：指标值 ≥90%，实际 90%，分值 15，得分 14。
    合格示例：指标值 ≥90%，实际 90%，分值 15，得分 15。
    """

    code = "SC05"
    name = "scoring.unexplained_deduction"
    title = "已达成的定量指标被扣分"
    severity = Severity.info
    category = Category.accuracy
    refs = ("R17",)

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        tol = ctx.profile.scoring.score_tolerance
        for s in ctx.card.indicators:
            if not s.quantitative or not s.met or s.printed is None or s.low is None or s.printed < -tol:
                continue
            if s.printed < s.low - tol:
                ind = ctx.form.indicators[s.index]
                yield ctx.finding(f"{s.path}.score",
                                  f"{label(ind, s.index)}已达成（{ind.target} → {ind.actual}），"
                                  f"得分 {fmt(s.printed, 2)} "
                                  f"低于 {fmt(s.low, 2)}：扣分无规则依据",
                                  provided=s.printed, expected=round(s.low, 2), difference=s.printed - s.low,
                                  explanation=s.formula)


class UnmetFullScore(Rule):
    """未完成仍得满分（或高分）是虚高自评：定量指标实际完成值未达到年度指标值却得满分；定性指标实际完成值
    属于“部分达成”或“未达成”档（如“基本满意”），得分却在分值的 80% 以上。

    不合格示例：指标值“有所提升”，实际完成值“基本满意”，分值 10，得分 10。
    合格示例：指标值“有所提升”，实际完成值“基本满意”，分值 10，得分 7。
    """

    code = "SC06"
    name = "scoring.unmet_full_score"
    title = "未完成仍得满分"
    severity = Severity.error
    category = Category.plausibility
    refs = ("R18",)

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        sc = ctx.profile.scoring
        for s in ctx.card.indicators:
            if s.met is not False or s.printed is None or s.weight is None or s.printed > s.weight + sc.score_tolerance:
                continue
            ind = ctx.form.indicators[s.index]
            if s.quantitative and s.printed >= s.weight - sc.score_tolerance:
                what = f"实际 {ind.actual} 未达到指标值 {ind.target}，仍得满分 {fmt(s.printed, 2)}"
            elif s.kind is IndicatorKind.qualitative and s.printed >= sc.tier_achieved * s.weight - sc.score_tolerance:
                what = (f"实际完成值“{ind.actual}”属于“{s.tier.value if s.tier else ''}”档，得分 {fmt(s.printed, 2)} "
                        f"却达到达成档（≥{fmt(sc.tier_achieved * s.weight, 2)}）")
            else:
                continue
            yield ctx.finding(f"{s.path}.score", f"{label(ind, s.index)}{what}", provided=s.printed,
                              expected=round(s.high, 2) if s.high is not None and not s.high_open else None,
                              difference=s.printed - (s.high or 0), explanation=s.formula)
