from __future__ import annotations

from collections.abc import Iterator

from jixiao.check.catalogue import Rule, RuleContext
from jixiao.check.findings import Category, Finding, Severity
from jixiao.check.rounding import fmt
from jixiao.check.rules.execution_score import weight_differs


class FundWeight(Rule):
    """年度资金总额（预算执行率）的分值应为配置规定的分值（全国配置 10 分，财预〔2020〕10号“原则上”
    预算执行率 10%）。其他分值是偏离规定的分配（警告）；分值达到总分的一半以上（如写成 100），
    显然填错（错误）。

    分值错了，资金得分、分值合计和总分都跟着错；按规定分值核对得分，不按错的分值推出“应为”。

    不合格示例：年度资金总额分值 100，得分 8.35。
    合格示例：年度资金总额分值 10，得分 8.35。
    """

    code = "EX07"
    name = "execution.fund_weight"
    title = "资金分值不是规定的分值"
    severity = Severity.warning
    category = Category.accuracy
    refs = ("R1", "R8")

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        total = ctx.form.funds.total
        if total is None or total.weight is None or not weight_differs(ctx):
            return
        sc = ctx.profile.scoring
        impossible = total.weight >= sc.total_weight / 2
        tail = f"，占总分 {fmt(sc.total_weight)} 的一半以上，显然填错" if impossible else ""
        yield ctx.finding("funds.total.weight",
                          f"年度资金总额分值为 {fmt(total.weight, 2)}，配置规定为 {fmt(sc.funds_weight)}{tail}",
                          provided=total.weight, expected=sc.funds_weight,
                          difference=total.weight - sc.funds_weight, severe=impossible)
