"""The 偏差原因分析及改进措施 column (R20): required where a row lost points or missed its target."""

from __future__ import annotations

import re
from collections.abc import Iterator

from jixiao.assemble.text import fold
from jixiao.check.catalogue import Rule, RuleContext
from jixiao.check.findings import Category, Finding, Severity
from jixiao.check.rounding import fmt
from jixiao.check.rules.common import blank, label, says_no_reason
from jixiao.check.score import IndicatorScore

IMPROVEMENT = re.compile(
    r"改进|加强|措施|下一步|下阶段|下一年度?|今后|以后|后续|将|拟|优化|完善|提高|加快|做好|推进|落实|避免|确保|争取|进一步"
    r"|继续|持续|加大|督促|提前|及早|尽早|尽快|整改|规范")


def needs_reason(s: IndicatorScore, tolerance: float) -> bool:
    """A row whose score is below its weight, or whose quantitative target was missed."""
    lost = s.printed is not None and s.weight is not None and s.printed < s.weight - tolerance
    return lost or (s.quantitative and s.met is False)


class DeviationMissing(Rule):
    """扣了分或未完成目标的三级指标，必须填写偏差原因分析及改进措施。

    财预〔2020〕10号要求对未完成目标的说明原因、提出改进措施；各地系统对得分低于分值而偏差原因为空的行拒绝保存。
    每一行都要有自己的原因：相邻一行写了原因不算；“0”“无”“详见自评报告”之类不是原因。

    不合格示例：分值 10，得分 8，偏差原因空白。
    合格示例：分值 10，得分 8，偏差原因“部分活动延期至下年，下一步加快推进”。
    """

    code = "SC08"
    name = "scoring.deviation_missing"
    title = "扣分或未完成却没有偏差原因"
    severity = Severity.error
    category = Category.completeness
    refs = ("R20",)

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        tol = ctx.profile.scoring.score_tolerance
        for s in ctx.card.indicators:
            ind = ctx.form.indicators[s.index]
            if not says_no_reason(ind.deviation) or not needs_reason(s, tol):
                continue
            lost = f"得分 {fmt(s.printed, 2)} / {fmt(s.weight, 2)}" if s.printed is not None and s.weight else "未达成"
            said = "未填写" if blank(ind.deviation) else f"只写了“{ind.deviation}”，没有说明原因"
            yield ctx.finding(f"{s.path}.deviation", f"{label(ind, s.index)}{lost}，偏差原因分析及改进措施{said}",
                              provided=ind.deviation, expected="偏差原因分析及改进措施")


class NoImprovement(Rule):
    """偏差原因只说了原因、没有改进措施（没有“改进、加强、下一步、将……”之类的用语）时提示。

    不合格示例：偏差原因“部分业务工作较年度计划有所调整”。
    合格示例：偏差原因“部分业务工作较年度计划有所调整，下一步将优化年度计划”。
    """

    code = "SC10"
    name = "scoring.no_improvement"
    title = "偏差原因没有改进措施"
    severity = Severity.info
    category = Category.completeness
    refs = ("R20",)

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        tol = ctx.profile.scoring.score_tolerance
        for s in ctx.card.indicators:
            ind = ctx.form.indicators[s.index]
            if needs_reason(s, tol) and not says_no_reason(ind.deviation) \
                    and not IMPROVEMENT.search(fold(ind.deviation)):
                yield ctx.finding(f"{s.path}.deviation", f"{label(ind, s.index)}的偏差原因没有改进措施",
                                  provided=ind.deviation, expected="原因及改进措施")
