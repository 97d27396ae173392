"""Quantitative indicators scored by formula (R12–R15): a family sharing one comparison."""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.check.catalogue import Rule, RuleContext
from jixiao.check.findings import Category, Finding, Severity
from jixiao.check.rounding import fmt
from jixiao.check.rules.common import label
from jixiao.check.rules.missing_values import unscored_form
from jixiao.check.score import KIND_ZH, IndicatorKind


def formula_findings(ctx: RuleContext, kinds: tuple[IndicatorKind, ...]) -> Iterator[Finding]:
    """Unmet indicators of `kinds` whose printed score lies outside what the formula allows.

    Above the formula by more than the rounding slack is inflation (the rule's severity); a smaller gap, or a
    score below the formula, is reported as info. Full marks (SC06) and scores above the weight (AR03) are
    left to their own rules.
    """
    sc = ctx.profile.scoring
    for s in ctx.card.indicators:
        if s.kind not in kinds or s.met is not False or s.printed is None or s.weight is None:
            continue
        if s.printed >= s.weight - sc.score_tolerance or s.printed < 0:
            continue
        gap = s.distance()
        if gap is None or abs(gap) <= sc.score_tolerance:
            continue
        ind = ctx.form.indicators[s.index]
        bound = s.high if gap > 0 else s.low
        assert bound is not None
        allowed = fmt(s.low or 0, 2) if s.low == s.high else f"{fmt(s.low or 0, 2)}–{fmt(s.high or 0, 2)}"
        message = f"{label(ind, s.index)}（{KIND_ZH[s.kind]}）得分 {fmt(s.printed, 2)}，按公式应为 {allowed}"
        if abs(gap) <= sc.score_rounding_slack:
            message += "（差距在取整到整数或半分的范围内）"
        elif gap < 0:
            message += "（低于公式，扣分偏严）"
        yield ctx.finding(f"{s.path}.score", message, provided=s.printed, expected=round(bound, 2),
                          difference=gap, explanation=s.formula,
                          minor=gap < 0 or abs(gap) <= sc.score_rounding_slack)


class Unscored(Rule):
    """指标无法自动计分时提示，并说明原因：年度指标值或实际完成值为空、两者单位不可比、
    定性的实际完成值看不出达成档次等。

    自动计分先把年度指标值分成正向（≥、>）、反向（≤、<）、等于（=，裸数字也按“=”）、名次、定性几类；
    分不了类的指标只能人工判断，报告它以免被当作“核对通过”。

    不合格示例：年度指标值 ≥100(万人)，实际完成值 95(%)（单位不可比）。
    合格示例：年度指标值 ≥100(万人)，实际完成值 126.5(万人)。
    """

    code = "SC00"
    name = "scoring.unscored"
    title = "指标无法自动计分"
    severity = Severity.info
    category = Category.completeness
    refs = ("R12",)

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        if unscored_form(ctx.form):
            return  # a form without 分值/得分 columns: AR07 says so once
        for s in ctx.card.indicators:
            if s.kind is IndicatorKind.unscored:
                ind = ctx.form.indicators[s.index]
                yield ctx.finding(f"{s.path}.actual", f"{label(ind, s.index)}无法自动计分：{s.unscored_reason}",
                                  provided=ind.actual, expected=None)


class PositiveScore(Rule):
    """正向指标（≥、>）未达成时，得分 = 分值 × 实际完成值 ÷ 年度指标值；达成的得满分。

    得分高出公式 0.5 分以上视为虚增；差距在 0.5 分以内（有的单位把得分取整到整数或半分）或低于公式的只作提示。

    不合格示例：指标值 ≥50 次，实际 40 次，分值 20，得分 19（应为 16）。
    合格示例：指标值 ≥50 次，实际 40 次，分值 20，得分 16。
    """

    code = "SC01"
    name = "scoring.positive"
    title = "正向指标得分与完成比例不符"
    severity = Severity.error
    category = Category.accuracy
    refs = ("R13",)

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        yield from formula_findings(ctx, (IndicatorKind.positive,))


class ReverseScore(Rule):
    """反向指标（≤、<，如出错率、排队时间、投诉量）达成得满分；未达成时没有统一公式，取两种口径的区间：
    分值 × (1 − (实际 − 指标值) ÷ 指标值)（实际达到两倍指标值得 0 分）与 分值 × 指标值 ÷ 实际。
    得分高出区间 0.5 分以上视为虚增。名次指标（前三名）未达成时得分应低于满分。

    不合格示例：指标值 ≤15 分钟，实际 20 分钟，分值 10，得分 9（区间 6.67–7.5）。
    合格示例：指标值 ≤15 分钟，实际 20 分钟，分值 10，得分 7。
    """

    code = "SC02"
    name = "scoring.reverse"
    title = "反向指标得分超出计分区间"
    severity = Severity.error
    category = Category.accuracy
    refs = ("R14",)

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        yield from formula_findings(ctx, (IndicatorKind.reverse, IndicatorKind.rank))


class EqualScore(Rule):
    """等于型指标（=，或不写运算符的数字）：指标值大于 0 时按正向计分；指标值为 0（如“行政运行成本增长率 =0%”）时，
    实际不大于 0 得满分，否则得 0 分。

    不合格示例：指标值 =0%，实际 2.5%，分值 5，得分 3（应为 0）。
    合格示例：指标值 =0%，实际 2.5%，分值 5，得分 0。
    """

    code = "SC03"
    name = "scoring.equal"
    title = "等于型指标得分与规则不符"
    severity = Severity.error
    category = Category.accuracy
    refs = ("R15",)

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        yield from formula_findings(ctx, (IndicatorKind.equal, IndicatorKind.zero))
