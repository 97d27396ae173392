from __future__ import annotations

import re
from collections.abc import Iterator

from jixiao.assemble.text import fold
from jixiao.check.catalogue import Rule, RuleContext
from jixiao.check.findings import Category, Finding, Severity
from jixiao.check.rules.common import label
from jixiao.check.values import Kind, comparable

SHARE_NAME = re.compile(r"率|比|度|占|百分|份额|增长|增速|降低|下降|覆盖|满意")
COUNT_NAME = re.compile(r"(数|量|次数|人次|场次|时长|小时)$")


class Units(Rule):
    """指标值与实际完成值的单位应一致且合理：两边单位不可换算（如“万人”对“%”），或计数、时长类指标
    （名称以“数、量、次数、时长、小时”结尾而不含“率、比、度”）用了“%”时警告。

    不合格示例：“上海市气象局机时量”指标值 ≥5000.00(%)。
    合格示例：“上海市气象局机时量”指标值 ≥5000(万核小时)。

    单位错了，完成比例也就没有意义：同一行不再另报 SC07、SC09（超额完成）。
    """

    code = "DS10"
    name = "design.units"
    title = "单位不一致或不合理"
    severity = Severity.warning
    category = Category.accuracy
    refs = ("R29",)
    supersedes = ("SC07", "SC09")

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        for s in ctx.card.indicators:
            ind = ctx.form.indicators[s.index]
            name = fold(ind.name)
            t, a = s.target, s.actual
            if t.kind is Kind.NUMBER and a.kind is Kind.NUMBER and t.unit and a.unit and not comparable(t, a):
                yield ctx.finding(f"{s.path}.actual",
                                  f"{label(ind, s.index)}指标值单位“{t.unit}”与实际完成值单位“{a.unit}”不一致",
                                  provided=a.unit, expected=t.unit)
            elif "%" in (t.unit, a.unit) and COUNT_NAME.search(name) and not SHARE_NAME.search(name):
                path = f"{s.path}.target" if t.unit == "%" else f"{s.path}.actual"
                yield ctx.finding(path, f"{label(ind, s.index)}是计数或时长，却以“%”为单位",
                                  provided=t.text if t.unit == "%" else a.text, expected="计数或时长的单位")
