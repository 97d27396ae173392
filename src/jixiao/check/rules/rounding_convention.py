from __future__ import annotations

from collections.abc import Iterator

from jixiao.check.catalogue import Rule, RuleContext
from jixiao.check.findings import Category, Finding, Severity
from jixiao.check.rounding import METHOD_ZH, fmt
from jixiao.check.score import Number


class RoundingConvention(Rule):
    """一张表的执行率（或得分）应按同一种方法保留两位小数；配置规定了方法时，应按规定的方法。

    各地系统有的四舍五入、有的截位，两种都接受；但同一张表里混用，或与规定不符，说明数字是手工改过的。

    不合格示例：年度资金总额执行率 69.87%（69.876% 截位），当年财政拨款执行率 69.88%（四舍五入）。
    合格示例：两行执行率都按截位写 69.87%。
    """

    code = "EX03"
    name = "execution.rounding"
    title = "舍入方式不一致或与规定不符"
    severity = Severity.info
    category = Category.accuracy
    refs = ("R9",)

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        card = ctx.card
        groups: list[tuple[str, list[Number]]] = [
            ("执行率", [c.rate for c in card.funds.values() if c.rate]),
            ("资金得分", [c.score for c in card.funds.values() if c.score]),
        ]
        for what, numbers in groups:
            telling = [n for n in numbers if n.tells is not None]
            if not telling:
                continue
            convention = telling[0].convention
            assert convention is not None
            if convention.mixed:
                shown = "；".join(f"{n.path} {fmt(n.printed or 0, 2)} 为{METHOD_ZH[n.tells]}"
                                  for n in telling)
                yield ctx.finding(telling[0].path, f"本表{what}混用四舍五入和截位：{shown}",
                                  provided=telling[0].printed, expected=None, explanation=telling[0].explanation)
            elif convention.fixed:
                for n in telling:
                    if convention.method not in n.matches:
                        yield ctx.finding(n.path, f"{what} {fmt(n.printed or 0, 2)} 不是按配置规定的"
                                          f"{METHOD_ZH[convention.method]}保留两位小数", provided=n.printed,
                                          expected=n.expected, difference=(n.printed or 0) - n.expected,
                                          explanation=n.explanation)
