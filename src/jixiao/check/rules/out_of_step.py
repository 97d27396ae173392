"""Spending and results out of step (R33): high marks on money not spent."""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.check.catalogue import Rule, RuleContext
from jixiao.check.findings import Category, Finding, Severity
from jixiao.check.rounding import fmt
from jixiao.check.rules.common import indicator_weight_sum


class OutOfStep(Rule):
    """产出效益得分率明显高于预算执行得分率（(S/指标分值 − B/资金分值) ÷ (S/指标分值) 超过 5%）时警告：
    钱没花完，目标却几乎都完成了——要么目标定得太低，要么自评偏高。这一条已说明预算没有花完，不再另报 RF06；
    年度资金总额一行没有预算数的（合计行未填，见 AR04），不判断。

    不合格示例：执行率 44.05%（资金得分 4.41/10），三级指标得分 90/90。
    合格示例：执行率 98%（资金得分 9.8/10），三级指标得分 88/90。
    """

    code = "RF05"
    name = "redflag.out_of_step"
    title = "指标得分率远高于预算执行率"
    severity = Severity.warning
    category = Category.plausibility
    refs = ("R33",)
    params = {"gap": 0.05}
    param_docs = {"gap": "得分率之差占指标得分率的比例超过此值时警告"}
    supersedes = ("RF06",)

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        form = ctx.form
        total = form.funds.total
        weights = indicator_weight_sum(form)
        scores = [i.score for i in form.indicators]
        if not total or total.score is None or not total.weight or not weights or any(s is None for s in scores):
            return
        if not total.annual_budget or total.annual_budget <= 0:
            return  # no budget on the total row: the row was not filled in, not money left unspent
        s_rate = sum(s for s in scores if s is not None) / weights
        sc = ctx.profile.scoring
        funds_weight = total.weight if total.weight < sc.total_weight / 2 else sc.funds_weight  # 100: EX07's
        b_rate = total.score / funds_weight
        if s_rate <= 0:
            return
        gap = (s_rate - b_rate) / s_rate
        if gap > ctx.params["gap"]:
            yield ctx.finding("funds.total.score",
                              f"指标得分率 {s_rate:.1%}，预算执行得分率只有 {b_rate:.1%}：产出效益与资金使用不同步",
                              provided=round(b_rate, 4), expected=round(s_rate, 4), difference=round(gap, 4),
                              explanation=f"({s_rate:.4f} − {b_rate:.4f}) / {s_rate:.4f} = {gap:.4f}")


class Unspent(Rule):
    """全年预算有两成以上（默认）没有花出去时提示：预算编得偏大或执行滞后。

    不合格示例：全年预算数 100，全年执行数 70（30% 未执行）。
    合格示例：全年预算数 100，全年执行数 95。
    """

    code = "RF06"
    name = "redflag.unspent"
    title = "大量预算未执行"
    severity = Severity.info
    category = Category.plausibility
    refs = ("R33",)
    params = {"share": 0.2}
    param_docs = {"share": "未执行部分占全年预算数的比例超过此值时提示"}

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        row = ctx.form.funds.total
        if not row or not row.annual_budget or row.annual_budget <= 0 or row.executed is None:
            return
        share = (row.annual_budget - row.executed) / row.annual_budget
        if share > ctx.params["share"]:
            yield ctx.finding("funds.total.executed", f"全年预算数的 {share:.1%} 没有执行"
                              f"（{fmt(row.executed, 2)} / {fmt(row.annual_budget, 2)}）",
                              provided=row.executed, expected=row.annual_budget,
                              difference=row.executed - row.annual_budget)


class LowExecutionTopGrade(Rule):
    """预算执行率低于 60%（默认）却自评为最高等级（优）：自评很可能虚高。

    不合格示例：执行率 2.20%，总分 90.22，等级“优”。
    合格示例：执行率 95%，总分 96，等级“优”。
    """

    code = "RF07"
    name = "redflag.low_execution_top_grade"
    title = "执行率低却评为优"
    severity = Severity.warning
    category = Category.plausibility
    refs = ("R33",)
    params = {"rate": 60.0}
    param_docs = {"rate": "执行率（%）低于此值而评为最高等级时警告"}

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        form, profile = ctx.form, ctx.profile
        rate = ctx.card.execution_rate
        grade = profile.normal_grade(form.grade) if form.grade else None
        if grade is None and form.total_score is not None:
            grade = profile.grade_of(form.total_score)
        top = max(profile.grades, key=lambda b: b.min).label
        if rate is not None and grade == top and rate < ctx.params["rate"]:
            yield ctx.finding("grade" if form.grade else "total_score",
                              f"预算执行率只有 {rate:.2f}%，自评等级却是“{top}”",
                              provided=grade, expected=None)
