"""The actual column copying the target (R30)."""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.check.catalogue import Rule, RuleContext
from jixiao.check.findings import Category, Detail, Finding, Severity
from jixiao.check.rules.common import label
from jixiao.check.score import IndicatorScore
from jixiao.check.values import Kind


def copies_target(s: IndicatorScore) -> bool:
    """The actual states exactly the target: the same number (a bound hit exactly counts) or the same words."""
    t, a = s.target, s.actual
    if t.kind is Kind.EMPTY or a.kind is Kind.EMPTY:
        return False
    if t.kind is Kind.NUMBER and a.kind is Kind.NUMBER:
        if t.base_unit and a.base_unit and t.base_unit != a.base_unit:
            return False
        return t.base_number == a.base_number if t.unit and a.unit else t.number == a.number
    return "".join(t.text.split()) == "".join(a.text.split())


def copied_rows(ctx: RuleContext) -> list[tuple[str, Detail]]:
    """The rows whose actual copies the target: how a message names each, and its detail for the summary finding."""
    out = []
    for s in ctx.card.indicators:
        if copies_target(s):
            ind = ctx.form.indicators[s.index]
            name = label(ind, s.index)
            out.append((name, ctx.detail(f"{s.path}.actual",
                                         f"{name}指标值“{ind.target}”，实际完成值“{ind.actual}”")))
    return out


def _listing(rows: list[tuple[str, Detail]]) -> str:
    return "\n".join(f"{d.source or d.path}  {d.text}" for _, d in rows)


class ActualEqualsTarget(Rule):
    """实际完成值与年度指标值完全相同（同一数字，或同一段文字；“≥80%”对“80%”也算）时提示：
    可能是照抄指标值，而不是填写实际完成的结果。每张表只报一条，列出相同的各行。

    不合格示例：指标值 =2000(户)，实际完成值 2000.00(户)。
    合格示例：指标值 =2000(户)，实际完成值 2582(户)。
    """

    code = "RF01"
    name = "redflag.actual_equals_target"
    title = "实际完成值与指标值相同"
    severity = Severity.info
    category = Category.plausibility
    refs = ("R30",)

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        rows = copied_rows(ctx)
        if not rows:
            return
        total = len(ctx.card.indicators)
        names = "、".join(name for name, _ in rows[:3]) + ("等" if len(rows) > 3 else "")
        yield ctx.finding("indicators", f"{total} 项中 {len(rows)} 项实际完成值与指标值相同：{names}",
                          provided=len(rows), expected=None, explanation=_listing(rows),
                          details=[d for _, d in rows])


class ActualsCopied(Rule):
    """一张表中大多数（默认 80% 及以上）三级指标的实际完成值与指标值相同：实际完成值很可能照抄了指标值。
    这一条列出相同的各行，不再另报 RF01。

    不合格示例：10 个三级指标中 9 个的实际完成值与指标值相同。
    合格示例：10 个三级指标中 3 个的实际完成值与指标值相同。
    """

    code = "RF02"
    name = "redflag.actuals_copied"
    title = "实际完成值照抄指标值"
    severity = Severity.warning
    category = Category.plausibility
    refs = ("R30",)
    params = {"share": 0.8, "min_indicators": 3}
    param_docs = {"share": "相同的比例达到此值时警告", "min_indicators": "三级指标少于此数时不判断"}
    supersedes = ("RF01",)

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        cards = ctx.card.indicators
        if len(cards) < ctx.params["min_indicators"]:
            return
        rows = copied_rows(ctx)
        share = len(rows) / len(cards)
        if share >= ctx.params["share"]:
            yield ctx.finding("indicators",
                              f"{len(cards)} 项中 {len(rows)} 项实际完成值与指标值相同（{share:.0%}）："
                              "实际完成值很可能照抄了指标值",
                              provided=round(share, 4), expected=ctx.params["share"], explanation=_listing(rows),
                              details=[d for _, d in rows])
