from __future__ import annotations

from collections.abc import Iterator

from jixiao.check.catalogue import Rule, RuleContext
from jixiao.check.findings import Category, Finding, Severity
from jixiao.check.rules.common import blank
from jixiao.check.rules.copied_actual import copies_target


class FullMarks(Rule):
    """所有三级指标都得满分、没有任何偏差说明，且大多数实际完成值与指标值相同：满分自评，需要复核。

    不合格示例：6 个三级指标都得满分，偏差原因全部空白，其中 5 个实际完成值与指标值相同。
    合格示例：6 个三级指标都得满分，实际完成值都是另填的实际数字。
    """

    code = "RF08"
    name = "redflag.full_marks"
    title = "满分自评，需复核"
    severity = Severity.info
    category = Category.plausibility
    refs = ("R34",)
    params = {"share": 0.5}
    param_docs = {"share": "实际完成值与指标值相同的比例超过此值时提示"}

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        form, cards = ctx.form, ctx.card.indicators
        if not cards or any(i.score is None or i.weight is None or i.score < i.weight for i in form.indicators):
            return
        if not all(blank(i.deviation) for i in form.indicators):
            return
        share = sum(1 for s in cards if copies_target(s)) / len(cards)
        if share > ctx.params["share"]:
            yield ctx.finding("total_score", f"全部三级指标满分、没有偏差说明，{share:.0%} 的实际完成值与指标值相同",
                              provided=form.total_score, expected=None)
