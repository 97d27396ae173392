from __future__ import annotations

import re
from collections.abc import Iterator

from jixiao.assemble.text import fold
from jixiao.check.catalogue import Rule, RuleContext
from jixiao.check.findings import Category, Finding, Severity
from jixiao.check.rules.common import label
from jixiao.check.values import Kind

# names of shares that cannot pass 100%: satisfaction, pass rates, coverage, timeliness, shares of a whole
BOUNDED = re.compile(r"(?:满意度|率|占比|比例|比重)$")
# rates that can: growth, change, output per input, completion against a plan (完成率 120% = overachieved)
UNBOUNDED = re.compile(r"执行率|增长|增幅|增速|增加|提高|提升|下降|降低|减少|同比|环比|完成率|倍|回报|收益|效率"
                       r"|产出|贡献|拉动|带动|利润|周转|变化|变动|超额")
_TAIL = re.compile(r"[(（][^()（）]*[)）]$")


class RateAbove100(Rule):
    """满意度、合格率、覆盖率、及时率、占比之类不能超过 100%：超过了，说明数字是估算或凑出来的，
    或分子分母弄错。增长率、完成率（对计划的倍数）、执行率（超支）等可以超过 100% 的不在此列。

    不合格示例：“参训人员满意度”实际完成值 105%。
    合格示例：“参训人员满意度”实际完成值 96%。
    """

    code = "RF09"
    name = "redflag.rate_above_100"
    title = "比例类指标超过 100%"
    severity = Severity.warning
    category = Category.plausibility
    refs = ("R29",)

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        for s in ctx.card.indicators:
            ind = ctx.form.indicators[s.index]
            name = _TAIL.sub("", fold(ind.name))
            if not BOUNDED.search(name) or UNBOUNDED.search(name):
                continue
            for column, value, text in (("actual", s.actual, ind.actual), ("target", s.target, ind.target)):
                if value.kind is Kind.NUMBER and value.unit == "%" and value.number is not None \
                        and value.number > 100 + 1e-9:
                    what = "实际完成值" if column == "actual" else "年度指标值"
                    yield ctx.finding(f"{s.path}.{column}",
                                      f"{label(ind, s.index)}是不能超过 100% 的比例，{what}却是 {text}",
                                      provided=value.number, expected=100, difference=value.number - 100)
                    break
