from __future__ import annotations

import re
from collections.abc import Iterator

from jixiao.assemble.text import fold
from jixiao.check.catalogue import Rule, RuleContext
from jixiao.check.findings import Category, Finding, Severity
from jixiao.check.rounding import fmt
from jixiao.check.rules.common import label
from jixiao.check.values import Kind

# a number in the note that is not a date, year or list position
NUMBER = re.compile(r"(?<![\d.第])(\d+(?:,\d{3})*(?:\.\d+)?)(?![\d.]|年|月|日|号|条|项工作|\)|）|、)")
RESULT_WORDS = re.compile(r"超额|实际|完成|达到|共计|累计|合计")


class NoteContradictsActual(Rule):
    """偏差原因里写的实际结果（如“2582家，超额完成”）与实际完成值一栏（2000）不同：实际完成值一栏
    可能照抄了指标值，真实结果只写在了说明里。

    不合格示例：指标值 =2000(户)，实际完成值 2000.00(户)，偏差原因“2582家，超额完成”。
    合格示例：指标值 =2000(户)，实际完成值 2582(户)，偏差原因“超额完成”。
    """

    code = "RF03"
    name = "redflag.note_contradicts_actual"
    title = "偏差原因中的结果与实际完成值不符"
    severity = Severity.warning
    category = Category.plausibility
    refs = ("R31",)

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        for s in ctx.card.indicators:
            ind = ctx.form.indicators[s.index]
            note = fold(ind.deviation)
            if s.actual.kind is not Kind.NUMBER or s.actual.number is None or not RESULT_WORDS.search(note):
                continue
            known = {s.actual.number, s.target.number}
            numbers = [float(m.replace(",", "")) for m in NUMBER.findall(note)]
            others = [n for n in numbers if n not in known]
            if numbers and others and len(others) == len(numbers):
                yield ctx.finding(f"{s.path}.actual",
                                  f"{label(ind, s.index)}实际完成值 {ind.actual}，偏差原因却写“{note[:40]}”"
                                  f"（{fmt(others[0])}）：实际完成值可能照抄了指标值",
                                  provided=s.actual.number, expected=others[0],
                                  difference=s.actual.number - others[0])
