"""The risk score of a form: how much a reviewer should look at it first. One number and its parts, documented in
docs/risk.md; `jixiao check` prints it per form, the corpus stores it (`forms.risk`), the HTML report sorts its
forms table by it and the workbook has it as a column.

    风险分 = (问题分 + 虚高分 + 执行分) × 金额系数

- 问题分 = 10 × 错误条数 + 2 × min(警告条数, 10): findings by severity (提示 count nothing; waived findings neither);
- 虚高分 = 2 × max(0, 自评总分 − 重算总分): the points the form gives itself beyond what its numbers earn;
- 执行分 = 0.5 × max(0, 等级下限 − 执行率): a grade claims a total of at least its band's floor (优 90, 良 80, 中 60
  under the national profile); an execution rate far below it is spending that does not bear the grade out
  (执行率 2.20% 自评优 → 0.5 × 87.80 = 43.90). The grade is the printed one (else the grade of the printed total),
  the rate jixiao's recomputation of the 年度资金总额 row (else the printed rate);
- 金额系数 = 1 + log10(1 + 全年预算（万元） / 100): money at stake, on a log scale — 1.04 at 10 万元, 1.30 at 100 万元,
  2.04 at 1,000 万元, 3.00 at 1 亿元; 1 when the budget is not known. Amounts in 元 are converted.

    >>> from jixiao.check.risk import risk_of
    >>> r = risk_of(errors=0, warnings=1, self_score=95, recomputed_score=95, execution_rate=2.2, grade_floor=90,
    ...             budget_wan=69.98)
    >>> r.score, r.findings, r.execution, round(r.factor, 2)
    (56.5, 2.0, 43.9, 1.23)
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from pydantic import BaseModel

from jixiao.check.findings import Finding, Report, Severity
from jixiao.check.profile import Profile
from jixiao.check.score import Scorecard, score
from jixiao.model import Form
from jixiao.money import to_wan

ERROR_POINTS = 10.0
WARNING_POINTS = 2.0
WARNINGS_COUNTED = 10  # more warnings than this add nothing: ten design warnings are not an error's worth each
INFLATION_POINTS = 2.0  # per point of self-score above the recomputed total
EXECUTION_POINTS = 0.5  # per percentage point of execution below the claimed grade's floor
MONEY_SCALE = 100.0  # 万元: the budget at which the factor reaches 1 + log10(2)
FORMULA = ("风险分 =（问题 + 虚高 + 执行）× 金额系数；问题 = 10 × 错误 + 2 × 警告（至多计 10 条）；"
           "虚高 = 2 × (自评总分 − 重算总分)；执行 = 0.5 × (自评等级下限 − 执行率)；"
           "金额系数 = 1 + log10(1 + 全年预算万元 / 100)")


class Risk(BaseModel):
    """A form's risk score and its parts (points before the money factor)."""

    score: float  # (findings + inflation + execution) × factor, one decimal
    findings: float = 0.0
    inflation: float = 0.0
    execution: float = 0.0
    factor: float = 1.0
    budget_wan: float | None = None  # the 年度资金总额 全年预算数, in 万元
    unit_assumed: bool = False  # the form states no unit: its amounts were taken to be 万元 (money.py)
    errors: int = 0
    warnings: int = 0
    self_score: float | None = None
    recomputed_score: float | None = None
    execution_rate: float | None = None
    grade: str | None = None  # the grade the execution part compared against
    grade_floor: float | None = None

    def parts(self) -> list[str]:
        """The parts in Chinese, those that add something (the factor always), for a terminal or a tooltip."""
        out = []
        if self.findings:
            terms = []
            if self.errors:
                terms.append(f"错误 {self.errors} × {ERROR_POINTS:g}")
            if self.warnings:
                more = f"（计 {WARNINGS_COUNTED} 条）" if self.warnings > WARNINGS_COUNTED else ""
                terms.append(f"警告 {self.warnings}{more} × {WARNING_POINTS:g}")
            out.append(f"问题 {self.findings:g}（{' + '.join(terms)}）")
        if self.inflation:
            out.append(f"虚高 {self.inflation:g}（自评 {self.self_score:.2f} − 重算 {self.recomputed_score:.2f}，"
                       f"× {INFLATION_POINTS:g}）")
        if self.execution:
            out.append(f"执行 {self.execution:g}（自评{self.grade}，下限 {self.grade_floor:g}，"
                       f"执行率 {self.execution_rate:.2f}%，差额 × {EXECUTION_POINTS:g}）")
        budget = "全年预算未知" if self.budget_wan is None else f"全年预算 {self.budget_wan:,.2f} 万元"
        if self.unit_assumed and self.budget_wan is not None:
            budget += "，原表未注明单位，按万元计"
        out.append(f"金额系数 {self.factor:.2f}（{budget}）")
        return out

    def explain(self) -> str:
        return f"风险分 {self.score:g} = " + "；".join(self.parts())


def money_factor(budget_wan: float | None) -> float:
    """1 + log10(1 + budget / 100 万元); 1 for an unknown or non-positive budget."""
    if budget_wan is None or not math.isfinite(budget_wan) or budget_wan <= 0:
        return 1.0
    return 1.0 + math.log10(1.0 + budget_wan / MONEY_SCALE)


def risk_of(*, errors: int = 0, warnings: int = 0, self_score: float | None = None,
            recomputed_score: float | None = None, execution_rate: float | None = None, grade: str | None = None,
            grade_floor: float | None = None, budget_wan: float | None = None, unit_assumed: bool = False) -> Risk:
    """The risk score from plain numbers (what the corpus stores, so a stored form is scored the same way);
    `unit_assumed`: the budget's unit was not printed and 万元 was assumed (said in the parts)."""
    findings = ERROR_POINTS * errors + WARNING_POINTS * min(warnings, WARNINGS_COUNTED)
    inflation = 0.0
    if self_score is not None and recomputed_score is not None:
        inflation = INFLATION_POINTS * max(0.0, self_score - recomputed_score)
    execution = 0.0
    if grade_floor is not None and execution_rate is not None:
        execution = EXECUTION_POINTS * max(0.0, grade_floor - execution_rate)
    factor = money_factor(budget_wan)
    findings, inflation, execution = round(findings, 2), round(inflation, 2), round(execution, 2)
    score = round((findings + inflation + execution) * factor, 1) + 0.0
    return Risk(score=score, findings=findings, inflation=inflation, execution=execution, factor=round(factor, 4),
                budget_wan=budget_wan, errors=errors, warnings=warnings, self_score=self_score,
                recomputed_score=recomputed_score, execution_rate=execution_rate, grade=grade,
                grade_floor=grade_floor, unit_assumed=unit_assumed)


def claimed_grade(profile: Profile, grade: str | None, total: float | None) -> tuple[str | None, float | None]:
    """The grade a form claims (printed, in its standard form; else the grade of its printed total) and the
    lowest total of that grade's band under `profile`."""
    label = profile.normal_grade(grade) if grade else None
    if label is None and total is not None:
        label = profile.grade_of(total)
    floor = next((band.min for band in profile.grades if band.label == label), None)
    return label, floor


def form_risk(form: Form, findings: Iterable[Finding], card: Scorecard, profile: Profile) -> Risk:
    """The risk score of a checked form: its (unwaived) findings and its scorecard under `profile`."""
    found = list(findings)
    total = form.funds.total
    rate = card.execution_rate if card.execution_rate is not None else total.execution_rate if total else None
    label, floor = claimed_grade(profile, form.grade, form.total_score)
    return risk_of(errors=sum(f.severity is Severity.error for f in found),
                   warnings=sum(f.severity is Severity.warning for f in found),
                   self_score=form.total_score, recomputed_score=card.recomputed_total, execution_rate=rate,
                   grade=label, grade_floor=floor,
                   budget_wan=to_wan(total.annual_budget, form.fund_unit) if total else None,
                   unit_assumed=form.fund_unit is None)


def assess(forms: Iterable[Form], report: Report, profile: Profile,
           cards: Iterable[Scorecard] | None = None) -> list[Risk]:
    """The risk of each form of `report` (in its order), `forms` being the forms it checked, in the same order,
    and `cards` their scorecards when the caller has them (else they are scored here). The findings counted are
    the report's: a selection (`jixiao.check.select`) that leaves rules out leaves their findings out of the
    risk too."""
    forms = list(forms)
    scored = list(cards) if cards is not None else [score(form, profile) for form in forms]
    return [form_risk(form, checked.findings, card, profile)
            for form, checked, card in zip(forms, report.forms, scored, strict=True)]
