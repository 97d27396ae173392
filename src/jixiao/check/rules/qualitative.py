from __future__ import annotations

from collections.abc import Iterator

from jixiao.check.catalogue import Rule, RuleContext
from jixiao.check.findings import Category, Finding, Severity
from jixiao.check.rounding import fmt
from jixiao.check.rules.common import label
from jixiao.check.score import IndicatorKind
from jixiao.check.values import Tier


class QualitativeBand(Rule):
    """定性指标按三档计分：达成年度指标得分值的 100%–80%（含）；部分达成并具有一定效果 80%–60%（含）；
    未达成且效果较差 60%–0%。实际完成值的用语决定档次（达成、满意、及时……为达成；基本……、部分……为部分达成；
    未……为未达成），得分必须落在该档之内。

    部分达成或未达成却得高分的，见 SC06。

    不合格示例：实际完成值“达成指标”，分值 10，得分 6（达成档应为 8–10）。
    合格示例：实际完成值“达成指标”，分值 10，得分 9。
    """

    code = "SC04"
    name = "scoring.qualitative"
    title = "定性指标得分不在其达成档次内"
    severity = Severity.error
    category = Category.accuracy
    refs = ("R16",)

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        sc = ctx.profile.scoring
        for s in ctx.card.indicators:
            if s.kind is not IndicatorKind.qualitative or s.printed is None or s.weight is None:
                continue
            if s.tier is not Tier.ACHIEVED and s.printed >= sc.tier_achieved * s.weight - sc.score_tolerance:
                continue  # a high score on a partial tier is SC06's
            gap = s.distance()
            if s.high_open and s.high is not None and s.printed >= s.high - sc.score_tolerance:
                gap = s.printed - s.high
            if gap is None or abs(gap) <= sc.score_tolerance or s.printed > s.weight:
                continue
            ind = ctx.form.indicators[s.index]
            yield ctx.finding(f"{s.path}.score",
                              f"{label(ind, s.index)}实际完成值“{s.actual.text}”"
                              f"属于“{s.tier.value if s.tier else ''}”档，"
                              f"得分 {fmt(s.printed, 2)} 不在 {fmt(s.low or 0, 2)}–{fmt(s.high or 0, 2)} 分之内",
                              provided=s.printed, expected=f"{fmt(s.low or 0, 2)}–{fmt(s.high or 0, 2)}",
                              difference=gap, explanation=s.formula)
