from __future__ import annotations

from collections.abc import Iterator

from jixiao.check.catalogue import Rule, RuleContext
from jixiao.check.findings import Category, Finding, Severity
from jixiao.check.rounding import fmt
from jixiao.check.rules.common import indicator_weight_sum, label, truncated


class WeightConcentrated(Rule):
    """一个三级指标的分值超过全部三级指标分值的 35%（参数 share）时警告：一项指标左右了大半的得分，
    其他指标形同虚设；分值应按指标的重要程度分散设置。表格不完整时，以配置的指标分值（总分 − 资金分值）
    为分母。

    不合格示例：三级指标分值合计 90，其中“培训场次”一项 40 分。
    合格示例：三级指标分值合计 90，最大一项 20 分。
    """

    code = "DS15"
    name = "design.weight_concentrated"
    title = "分值集中在一个指标上"
    severity = Severity.warning
    category = Category.design
    refs = ("R25",)
    params = {"share": 0.35}
    param_docs = {"share": "一个三级指标的分值占三级指标分值合计的比例超过此值时警告"}

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        form, sc = ctx.form, ctx.profile.scoring
        whole = indicator_weight_sum(form)
        if truncated(form) or not whole:
            whole = sc.total_weight - sc.funds_weight
        if whole <= 0:
            return
        for i, ind in enumerate(form.indicators):
            if ind.weight is not None and ind.weight / whole > ctx.params["share"]:
                yield ctx.finding(f"indicators.{i}.weight",
                                  f"{label(ind, i)}分值 {fmt(ind.weight, 2)}，占三级指标分值 {fmt(whole, 2)} 的 "
                                  f"{ind.weight / whole:.0%}",
                                  provided=ind.weight, expected=round(ctx.params["share"] * whole, 2),
                                  difference=round(ind.weight / whole - ctx.params["share"], 4))
