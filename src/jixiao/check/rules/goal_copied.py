from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from difflib import SequenceMatcher

from jixiao.check.catalogue import Rule, RuleContext
from jixiao.check.findings import Category, Finding, Severity


def similarity(a: str, b: str, threshold: float) -> float | None:
    """SequenceMatcher's similarity ratio of two texts when it reaches `threshold`, else None.

    The ratio is quadratic in the texts' length; two upper bounds of it settle most pairs first (difflib's
    real_quick_ratio and quick_ratio, without building the matcher's index): the shorter text matched whole,
    and every character the texts share matched."""
    if a == b:
        ratio = 1.0
    else:
        length = len(a) + len(b)
        if 2.0 * min(len(a), len(b)) / length < threshold:
            return None
        if 2.0 * (Counter(a) & Counter(b)).total() / length < threshold:
            return None
        ratio = SequenceMatcher(None, a, b, autojunk=False).ratio()
    return ratio if ratio >= threshold else None


class GoalCopied(Rule):
    """年度总体目标的“实际完成情况”与“预期目标”相同或几乎相同（相似度默认 0.9 以上）：
    完成情况照抄了目标，没有写实际做成了什么。

    不合格示例：预期目标与实际完成情况都是“完成 10 场培训，覆盖 1000 人次”。
    合格示例：实际完成情况“完成 12 场培训，覆盖 1260 人次”。
    """

    code = "RF04"
    name = "redflag.goal_copied"
    title = "实际完成情况照抄预期目标"
    severity = Severity.warning
    category = Category.plausibility
    refs = ("R32",)
    params = {"similarity": 0.9}
    param_docs = {"similarity": "两段文字的相似度（0–1）达到此值时警告"}

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        expected, actual = ctx.form.goal_expected, ctx.form.goal_actual
        if not expected or not actual:
            return
        a, b = "".join(expected.split()), "".join(actual.split())
        ratio = similarity(a, b, ctx.params["similarity"])
        if ratio is not None:
            same = "相同" if a == b else f"几乎相同（相似度 {ratio:.0%}）"
            yield ctx.finding("goal_actual", f"年度总体目标的实际完成情况与预期目标{same}",
                              provided=round(ratio, 4), expected=ctx.params["similarity"])
