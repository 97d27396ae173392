from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from jixiao.assemble.lexicon import label_key, lexicon
from jixiao.assemble.text import fold
from jixiao.check.catalogue import Rule, RuleContext
from jixiao.check.findings import Category, Finding, Severity
from jixiao.check.rules.common import label

# 财预〔2020〕10号 (成本 under 产出) and 财预〔2021〕101号 (成本 as its own 一级) both occur
ALLOWED = {
    "产出指标": ("数量指标", "质量指标", "时效指标", "成本指标"),
    "效益指标": ("经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"),
    "满意度指标": ("服务对象满意度指标", "满意度指标"),
    "成本指标": ("经济成本指标", "社会成本指标", "生态环境成本指标"),
}


@lru_cache(maxsize=1024)
def level_key(text: str | None) -> str | None:
    """A level label as the form's template names it, by the reader's own lexicon (`產出指標`, `产出指标(50分)`,
    `一、产出指标` → 产出指标), also when the form leaves out 指标 (`产出`, `效益(30分)`, `数量` → …指标); a label the
    lexicon does not know is returned folded, without decorations, with 指标 supplied.

    Cached: several rules ask for every indicator's labels, and forms use few distinct labels."""
    if not text:
        return None
    lex, key = lexicon(), fold(text)
    canonical = lex.level(key)
    if canonical:
        return canonical
    bare = label_key(key)
    if not bare.endswith("指标"):
        bare += "指标"
    return lex.level(bare) or bare


class LevelLabels(Rule):
    """一级、二级指标必须用规定的名称，二级指标必须在对应的一级指标下：产出（数量、质量、时效、成本）、
    效益（经济、社会、生态效益，可持续影响）、满意度（服务对象满意度）、成本作为一级时（经济、社会、生态环境成本）。

    不合格示例：一级指标“效益指标”下的二级指标“质量指标”。
    合格示例：一级指标“产出指标”下的二级指标“质量指标”。
    """

    code = "DS01"
    name = "design.level_labels"
    title = "二级指标不在规定的一级指标下"
    severity = Severity.warning
    category = Category.design
    refs = ("R23",)

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        for i, ind in enumerate(ctx.form.indicators):
            level1, level2 = level_key(ind.level1), level_key(ind.level2)
            if level1 is None:
                continue
            if level1 not in ALLOWED:
                yield ctx.finding(f"indicators.{i}.level1", f"{label(ind, i)}的一级指标“{ind.level1}”不是规定名称",
                                  provided=ind.level1, expected="/".join(ALLOWED))
            elif level2 is not None and level2 not in ALLOWED[level1]:
                yield ctx.finding(f"indicators.{i}.level2",
                                  f"{label(ind, i)}的二级指标“{ind.level2}”不属于一级指标“{ind.level1}”",
                                  provided=ind.level2, expected="/".join(ALLOWED[level1]))
