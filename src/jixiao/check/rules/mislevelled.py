from __future__ import annotations

import re
from collections.abc import Iterator

from jixiao.assemble.text import fold
from jixiao.check.catalogue import Rule, RuleContext
from jixiao.check.findings import Category, Finding, Severity
from jixiao.check.rules.common import label
from jixiao.check.rules.level_labels import level_key

PROCESS = re.compile(r"合规|到位率|执行率|拨付|专款专用|支出|出行率|成本|经费")
OUTCOME = re.compile(r"带动|拉动|增收|就业|效益|影响力|知晓率|受益")


class Mislevelled(Rule):
    """指标可能放错了层级（启发式，只作提示）：效益指标下的过程或财务指标（经费支出合规性、出行率、成本）、
    效益指标下的满意度、质量指标下的效益类结果（带动、就业、受益……）。

    不合格示例：效益指标 / 经济效益指标下的“经费支出合规性”。
    合格示例：效益指标 / 经济效益指标下的“带动社会投资额”。
    """

    code = "DS11"
    name = "design.mislevelled"
    title = "指标可能放错了层级"
    severity = Severity.info
    category = Category.design
    refs = ("R35", "R24")

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        for i, ind in enumerate(ctx.form.indicators):
            name, level1, level2 = fold(ind.name), level_key(ind.level1), level_key(ind.level2)
            if level1 == "效益指标" and "满意" in name:
                why = "是满意度，却放在效益指标下"
            elif level1 == "效益指标" and PROCESS.search(name):
                why = "是过程或财务指标，却放在效益指标下"
            elif level2 == "质量指标" and OUTCOME.search(name):
                why = "是效益类结果，却放在质量指标下"
            else:
                continue
            yield ctx.finding(f"indicators.{i}.level2" if ind.level2 else f"indicators.{i}.level1",
                              f"{label(ind, i)}{why}", provided=f"{ind.level1 or ''}/{ind.level2 or ''}", expected=None)
