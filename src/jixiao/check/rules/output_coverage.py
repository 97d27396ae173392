from __future__ import annotations

from collections.abc import Iterator

from jixiao.check.catalogue import Rule, RuleContext
from jixiao.check.findings import Category, Finding, Severity
from jixiao.check.rules.common import truncated
from jixiao.check.rules.level_labels import level_key

OUTPUT = "产出指标"
EXPECTED = ("质量指标", "时效指标")


class OutputCoverage(Rule):
    """产出指标应覆盖数量、质量、时效（财预〔2020〕10号的二级指标）；缺质量或时效指标，就只衡量了做了多少，
    没有衡量做得好不好、按时与否。表格中断的，只在产出指标之后已读到别的一级指标时判断。

    不合格示例：产出指标下只有数量指标和成本指标。
    合格示例：产出指标下有数量、质量、时效指标。
    """

    code = "DS16"
    name = "design.output_coverage"
    title = "产出指标缺质量或时效指标"
    severity = Severity.warning
    category = Category.design
    refs = ("R23", "R24")

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        levels = [(level_key(ind.level1), level_key(ind.level2)) for ind in ctx.form.indicators]
        rows = [k for k, (one, _) in enumerate(levels) if one == OUTPUT]
        if not rows:
            return
        if truncated(ctx.form) and not any(one not in (OUTPUT, None) for one, _ in levels[rows[-1] + 1:]):
            return  # cut off inside the 产出 block: its other 二级 may follow
        present = {two for one, two in levels if one == OUTPUT}
        missing = [name for name in EXPECTED if name not in present]
        if missing:
            shown = "、".join(m.removesuffix("指标") for m in missing)
            yield ctx.finding(f"indicators.{rows[0]}.level1", f"产出指标下没有{shown}指标",
                              provided="、".join(sorted(p for p in present if p)), expected="、".join(missing))
