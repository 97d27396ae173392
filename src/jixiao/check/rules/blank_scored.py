from __future__ import annotations

from collections.abc import Iterator

from jixiao.check.catalogue import Rule, RuleContext
from jixiao.check.findings import Category, Finding, Severity
from jixiao.check.rounding import fmt
from jixiao.check.rules.common import label
from jixiao.check.values import Kind


class BlankScored(Rule):
    """年度指标值或实际完成值为空，却得了分：没有目标或没有结果，得分无从谈起，满分更是虚高。

    空白的指标不能自动计分（SC00 只提示）；但空白而得分，是自评表本身的问题，所以警告。

    不合格示例：“培训场次”指标值 ≥10(场)，实际完成值空白，分值 20，得分 20。
    合格示例：实际完成值 12(场)，得分 20；或实际完成值空白、得分 0 并写明原因。
    """

    code = "SC12"
    name = "scoring.blank_scored"
    title = "指标值或实际完成值为空却得分"
    severity = Severity.warning
    category = Category.completeness
    refs = ("R12", "R18")
    supersedes = ("SC00",)

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        tol = ctx.profile.scoring.score_tolerance
        for s in ctx.card.indicators:
            blank_target, blank_actual = s.target.kind is Kind.EMPTY, s.actual.kind is Kind.EMPTY
            if not (blank_target or blank_actual) or s.printed is None or s.printed <= tol:
                continue
            ind = ctx.form.indicators[s.index]
            what = "指标值和实际完成值都为空" if blank_target and blank_actual else \
                "年度指标值为空" if blank_target else "实际完成值为空"
            of = f" / {fmt(s.weight, 2)}" if s.weight is not None else ""
            full = s.weight is not None and s.printed >= s.weight - tol
            yield ctx.finding(f"{s.path}.actual" if blank_actual else f"{s.path}.target",
                              f"{label(ind, s.index)}{what}，却得 {fmt(s.printed, 2)}{of} 分"
                              + ("（满分）" if full else ""),
                              provided=s.printed, expected=0)
