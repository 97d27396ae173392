"""Measurable targets (R28): vague words, too many qualitative rows, a number answered with words."""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.check.catalogue import Rule, RuleContext
from jixiao.check.findings import Category, Finding, Severity
from jixiao.check.rules.common import label
from jixiao.check.values import Kind


class VagueTarget(Rule):
    """年度指标值只写“有效、有所提升、及时、健全、规范、年内完成、按合同”之类的字样时提示：
    没有可核对的标准，完成与否无从判断。这一行因此无法自动计分的，不再另报 SC00。

    不合格示例：“系统运行稳定性”指标值“有效”。
    合格示例：“系统可用率”指标值 ≥99.9%。
    """

    code = "DS07"
    name = "design.vague_target"
    title = "指标值含糊，无法衡量"
    severity = Severity.info
    category = Category.design
    refs = ("R28",)
    supersedes = ("SC00",)

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        for s in ctx.card.indicators:
            if s.target.vague:
                ind = ctx.form.indicators[s.index]
                yield ctx.finding(f"{s.path}.target", f"{label(ind, s.index)}的指标值“{ind.target}”无法衡量",
                                  provided=ind.target, expected="可量化的指标值")


class QualitativeShare(Rule):
    """一张表的三级指标中，定性指标（指标值没有数字）超过一半时警告：绩效目标应尽量量化。阈值见参数 share。

    不合格示例：6 个三级指标中 4 个的指标值是“有效”“及时”之类的文字。
    合格示例：6 个三级指标中 5 个的指标值是数字。
    """

    code = "DS08"
    name = "design.qualitative_share"
    title = "定性指标过多"
    severity = Severity.warning
    category = Category.design
    refs = ("R28",)
    params = {"share": 0.5}
    param_docs = {"share": "定性指标占三级指标的比例超过此值时警告"}

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        cards = [s for s in ctx.card.indicators if s.target.kind is not Kind.EMPTY]
        if not cards:
            return
        text = sum(1 for s in cards if s.target.kind is Kind.TEXT)
        share = text / len(cards)
        if share > ctx.params["share"]:
            yield ctx.finding("indicators", f"{len(cards)} 个三级指标中 {text} 个为定性指标（{share:.0%}）",
                              provided=round(share, 4), expected=ctx.params["share"],
                              difference=round(share - ctx.params["share"], 4))


class TextActual(Rule):
    """指标值是数字，实际完成值却只写“达成指标”之类的字样：实际完成了多少没有填。

    这一行因此无法自动计分的，不再另报 SC00。

    不合格示例：“带动社会资金投入比例”指标值 ≥1:3，实际完成值“达成指标”。
    合格示例：指标值 ≥1:3，实际完成值 1:3.5。
    """

    code = "DS09"
    name = "design.text_actual"
    title = "定量指标的实际完成值没有数字"
    severity = Severity.warning
    category = Category.completeness
    refs = ("R28",)
    supersedes = ("SC00",)

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        for s in ctx.card.indicators:
            if s.target.quantitative and s.actual.kind is Kind.TEXT:
                ind = ctx.form.indicators[s.index]
                yield ctx.finding(f"{s.path}.actual",
                                  f"{label(ind, s.index)}指标值 {ind.target}，实际完成值却是“{ind.actual}”",
                                  provided=ind.actual, expected="与指标值同单位的数字")
