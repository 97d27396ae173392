"""Over-achievement (R19): a target far below the result was probably set too low."""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.check.catalogue import Rule, RuleContext
from jixiao.check.findings import Category, Finding, Severity
from jixiao.check.rounding import fmt
from jixiao.check.rules.common import label, says_no_reason
from jixiao.check.score import IndicatorScore
from jixiao.model import Indicator


def overshooting(ctx: RuleContext) -> Iterator[tuple[IndicatorScore, Indicator]]:
    """Met positive/equal indicators whose actual is at least overshoot_ratio × target."""
    ratio = ctx.profile.scoring.overshoot_ratio
    for s in ctx.card.indicators:
        if s.met and s.achievement is not None and s.achievement >= ratio:
            yield s, ctx.form.indicators[s.index]


def _shown(s: IndicatorScore) -> str:
    return f"完成值为指标值的 {fmt((s.achievement or 0) * 100, 1)}%"


class Overachievement(Rule):
    """实际完成值达到年度指标值的 130% 及以上（阈值见配置 overshoot_ratio）：指标值可能设定偏低。
    财预〔2020〕10号要求分析原因，指标值明显偏低的按偏差程度适度扣分；这里只提示，不自动扣分
    （扣分见配置 overshoot_deduction 与 SC11）。

    不合格示例：“精准服务中小企业”指标值 ≥100 家，实际 2871 家。
    合格示例：指标值 ≥100 家，实际 110 家。
    """

    code = "SC07"
    name = "scoring.overachievement"
    title = "完成值远超指标值，指标值可能设定偏低"
    severity = Severity.warning
    category = Category.plausibility
    refs = ("R19",)

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        for s, ind in overshooting(ctx):
            yield ctx.finding(f"{s.path}.target",
                              f"{label(ind, s.index)}指标值 {ind.target}，实际 {ind.actual}，"
                              f"{_shown(s)}：指标值可能设定偏低",
                              provided=ind.target, expected=None, difference=round((s.achievement or 0) - 1, 4),
                              explanation=s.formula)


class OverachievementUnexplained(Rule):
    """超额完成 30% 及以上却没有填写偏差原因。财预〔2020〕10号要求对偏离目标较大的说明原因；
    广西等地的系统在此情况下强制填写（配置 guangxi 把它升为错误）。同一行不再另报 SC07：
    这一条已经说了完成值远超指标值。

    不合格示例：指标值 ≥4 次，实际 10 次，偏差原因空白。
    合格示例：指标值 ≥4 次，实际 10 次，偏差原因“新增专题培训 6 次，明年按实际需求调高指标值”。
    """

    code = "SC09"
    name = "scoring.overachievement_unexplained"
    title = "超额完成未说明原因"
    severity = Severity.warning
    category = Category.completeness
    refs = ("R19", "R20")
    supersedes = ("SC07",)

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        for s, ind in overshooting(ctx):
            if says_no_reason(ind.deviation):
                yield ctx.finding(f"{s.path}.deviation",
                                  f"{label(ind, s.index)}指标值 {ind.target}，实际 {ind.actual}，{_shown(s)}，"
                                  "指标值可能设定偏低，偏差原因未说明",
                                  provided=ind.deviation, expected="超额完成的原因及改进措施",
                                  difference=round((s.achievement or 0) - 1, 4), explanation=s.formula)


class OvershootDeduction(Rule):
    """省级变体：超额完成达到 overshoot_ratio 的，应扣 overshoot_deduction 分（默认配置不扣，此规则不触发；
    strict 配置扣 2 分）。得分高于扣分后的得分即为错误。

    不合格示例（strict 配置）：指标值 ≥40 次，实际 95 次，分值 10，得分 10（应为 8）。
    合格示例（strict 配置）：指标值 ≥40 次，实际 95 次，分值 10，得分 8。
    """

    code = "SC11"
    name = "scoring.overshoot_deduction"
    title = "超额完成未按规定扣分"
    severity = Severity.error
    category = Category.accuracy
    refs = ("R19",)

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        cut, tol = ctx.profile.scoring.overshoot_deduction, ctx.profile.scoring.score_tolerance
        if not cut:
            return
        for s, ind in overshooting(ctx):
            if s.printed is not None and s.high is not None and s.printed > s.high + tol:
                yield ctx.finding(f"{s.path}.score",
                                  f"{label(ind, s.index)}{_shown(s)}，按配置应扣 {fmt(cut)} 分，"
                                  f"得分应为 {fmt(s.high, 2)}",
                                  provided=s.printed, expected=round(s.high, 2), difference=s.printed - s.high,
                                  explanation=s.formula)
