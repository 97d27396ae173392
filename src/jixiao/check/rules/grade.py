"""The 评分等级 row (R21, R22), and the province variant that caps the total by execution rate."""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.assemble.text import fold
from jixiao.check.catalogue import Rule, RuleContext
from jixiao.check.findings import Category, Finding, Severity
from jixiao.check.profile import Profile
from jixiao.check.rounding import fmt


def bands(profile: Profile) -> str:
    return "、".join(f"{b.label}{'>' if not b.inclusive else '≥'}{fmt(b.min)}" for b in profile.grades[:-1]) + \
        f"、其余为{profile.grades[-1].label}"


class GradeLabel(Rule):
    """评分等级应写作 优、良、中、差（优秀、良好、中等、较差按同义处理并提示）；其他写法无法对照等级标准。

    不合格示例：评分等级写“A”。
    合格示例：评分等级写“优”。
    """

    code = "GR01"
    name = "grade.label"
    title = "评分等级写法不规范"
    severity = Severity.warning
    category = Category.accuracy
    refs = ("R21",)

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        grade = ctx.form.grade
        if grade is None or not grade.strip():
            return
        normal = ctx.profile.normal_grade(grade)
        if normal is None:
            yield ctx.finding("grade", f"评分等级“{grade}”不是标准等级（{bands(ctx.profile)}）", provided=grade,
                              expected="/".join(b.label for b in ctx.profile.grades))
        elif normal != fold(grade):  # 優 is 优 in traditional characters, not another spelling
            yield ctx.finding("grade", f"评分等级写作“{grade}”，标准写法为“{normal}”", provided=grade,
                              expected=normal, minor=True)


class GradeBands(Rule):
    """评分等级必须与总分所在的分数段一致：优 ≥90、良 80–90、中 60–80、差 <60（分数段见配置）。

    不合格示例：总分 85，评分等级“优”。
    合格示例：总分 85，评分等级“良”。
    """

    code = "GR02"
    name = "grade.bands"
    title = "评分等级与总分不符"
    severity = Severity.error
    category = Category.accuracy
    refs = ("R21", "R22")

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        form = ctx.form
        normal = ctx.profile.normal_grade(form.grade) if form.grade else None
        if normal is None or form.total_score is None:
            return
        expected = ctx.profile.grade_of(form.total_score)
        if normal != expected:
            yield ctx.finding("grade", f"总分 {fmt(form.total_score, 2)} 对应等级“{expected}”，表上写“{form.grade}”",
                              provided=form.grade, expected=expected,
                              explanation=f"等级标准：{bands(ctx.profile)}")


class GradeRecomputed(Rule):
    """按规则重算的总分（资金得分按执行率重算，指标得分取规则允许的、最接近所填得分的值）对应的等级，
    与表上的等级（没有等级时与所填总分对应的等级）不同时警告：等级靠不合规则的得分撑起来。

    不合格示例：总分 90.5 评“优”，但一项未达成指标多给了 2 分，重算总分 88.5 为“良”。
    合格示例：重算总分与所填总分都在优档。
    """

    code = "GR03"
    name = "grade.recomputed"
    title = "按规则重算后的等级不同"
    severity = Severity.warning
    category = Category.plausibility
    refs = ("R22",)

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        form, card = ctx.form, ctx.card
        if card.recomputed_total is None:
            return
        printed = ctx.profile.normal_grade(form.grade) if form.grade else None
        if printed is None and form.total_score is not None:
            printed = ctx.profile.grade_of(form.total_score)
        if printed is None:
            return
        recomputed = ctx.profile.grade_of(card.recomputed_total)
        if recomputed != printed:
            path = "grade" if form.grade else "total_score"
            yield ctx.finding(path, f"按规则重算总分为 {fmt(card.recomputed_total, 2)}，等级应为“{recomputed}”，"
                              f"而不是“{printed}”", provided=printed, expected=recomputed,
                              difference=(card.recomputed_total - form.total_score) if form.total_score is not None
                              else None, explanation=card.recomputed_formula)


class GradeMissing(Rule):
    """没有评分等级（空白或没有这一行）时提示，并给出按总分推出的等级。

    不合格示例：总分 100，评分等级空白。
    合格示例：总分 100，评分等级“优”。
    """

    code = "GR04"
    name = "grade.missing"
    title = "没有评分等级"
    severity = Severity.info
    category = Category.completeness
    refs = ("R22",)

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        form = ctx.form
        if form.grade and form.grade.strip():
            return
        expected = ctx.profile.grade_of(form.total_score) if form.total_score is not None else None
        tail = f"，按总分 {fmt(form.total_score, 2)} 应为“{expected}”" if expected else ""
        yield ctx.finding("grade", f"没有填写评分等级{tail}", provided=form.grade, expected=expected)


class ExecutionCap(Rule):
    """省级变体：总分按预算执行率分档封顶（如执行率低于 60% 的总分不超过 80 分）。默认配置不封顶，
    此规则不触发；strict 配置启用。

    不合格示例（strict 配置）：执行率 44.05%，总分 94.4。
    合格示例（strict 配置）：执行率 44.05%，总分 79。
    """

    code = "GR05"
    name = "grade.execution_cap"
    title = "总分超过执行率对应的上限"
    severity = Severity.error
    category = Category.accuracy
    refs = ("R33",)

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        rate, total = ctx.card.execution_rate, ctx.form.total_score
        if rate is None or total is None:
            return
        for band in sorted(ctx.profile.scoring.execution_cap, key=lambda b: b.rate_below):
            if rate < band.rate_below:
                if total > band.max_total + ctx.profile.scoring.sum_tolerance:
                    yield ctx.finding("total_score", f"执行率 {rate:.2f}% 低于 {fmt(band.rate_below)}%，总分不应超过 "
                                      f"{fmt(band.max_total)}，表上为 {fmt(total, 2)}", provided=total,
                                      expected=band.max_total, difference=total - band.max_total)
                return
