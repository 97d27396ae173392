"""`check` on the shipped seeds: every real error of the originals (golden `_notes`) is reported, no false errors,
and a planted error of each kind is reported at its field path."""

from __future__ import annotations

from pathlib import Path

import pytest

import jixiao
from jixiao.check.score import IndicatorKind
from tests.conftest import SEEDS

FORMS = {seed.stem[:3]: jixiao.parse(seed) for seed in SEEDS}

# every error-severity finding on the seeds, each a real problem of the original form
REAL_ERRORS = {
    ("000", 11, "EX05", "funds.carryover.executed"),  # 上年结转 budget 0.00, executed 129.46
    ("000", 22, "SC06", "indicators.4.score"),  # 有所提升 → 基本满意 scored 10/10
    ("001", 1, "AR04", "funds.total.annual_budget"),  # 54,018,998 + 69,001,300 ≠ 57,001,300
    # 55,484,715.69 ≠ 56,322,477.69: the 上年结转 row has a budget but its 全年执行数 is blank (837,762 missing)
    ("001", 1, "AR04", "funds.carryover.executed"),
    ("001", 4, "AR04", "funds.current_year.executed"),  # 当年财政拨款 executed blank: 44,497,200 by the total
    ("004", 10, "EX01", "funds.current_year.execution_rate"),  # sub-row rate 0.00, 88.70 computed
    # 7 of 8 points, no reason of its own; the next row's reason (人才数量、新政了解程度) is not this row's
    ("002", 10, "SC08", "indicators.12.deviation"),
}
# no longer errors (issue 11): 001 forms 2–4 print 98.29 / 99.85 / 100.00 for 98.2806 / 99.8445 / 99.9937 — every
# rate of those forms is rounded up (进位), the form's own habit, not a misprint.

# other oddities the golden notes point out, reported as warnings or info
NOTED = {
    ("000", 9, "EX04", "funds.total.executed"),  # 159.57%
    ("000", 11, "EX04", "funds.total.executed"),  # 101.27%
    ("000", 9, "GR04", "grade"),
    ("000", 11, "GR04", "grade"),
    ("000", 11, "RF03", "indicators.2.actual"),  # 2000 户 vs "2582家，超额完成"
    ("000", 11, "RF03", "indicators.6.actual"),  # 300 亿元 vs "327，超额完成"
    ("000", 5, "DS02", "indicators"),  # 进博会能源保障经费 has no 满意度
    ("001", 1, "EX04", "funds.current_year.executed"),
    ("002", 1, "SC05", "indicators.3.score"),  # =100% → 100%, 13 of 15
    ("004", 1, "RF03", "indicators.5.actual"),  # 80 个 vs 实际管理专项资金项目96个
    ("004", 4, "DS10", "indicators.0.target"),  # 机时量 in %
    ("004", 4, "DS02", "indicators"),  # no 满意度 一级
    ("004", 10, "GR01", "grade"),  # 优秀
}


def _findings(profile: str = "national"):
    for seed, forms in FORMS.items():
        report = jixiao.check_forms(forms, profile)
        for form in report.forms:
            for f in form.findings:
                yield seed, form.index, f


def test_errors_on_the_seeds_are_exactly_the_real_ones():
    errors = {(seed, i, f.code, f.path) for seed, i, f in _findings() if f.severity.value == "error"}
    assert errors == REAL_ERRORS


def test_noted_oddities_are_reported():
    found = {(seed, i, f.code, f.path) for seed, i, f in _findings()}
    assert found >= NOTED, NOTED - found


def test_every_finding_has_a_source_line_in_its_file():
    for seed, _, f in _findings():
        file, _, line = (f.source or "").rpartition(":")
        assert Path(file).name.startswith(seed) and line.isdigit()


@pytest.mark.parametrize("profile", ["shanghai", "guangxi", "strict", "bands80"])
def test_every_profile_runs_on_the_seeds(profile):
    assert any(True for _ in _findings(profile))


# planted errors: (kind, change the form, expected code, expected path) on every seed form where it applies
def _positive(form):
    card = jixiao.score(form)
    return next((s for s in card.indicators if s.kind is IndicatorKind.positive and s.weight
                 and s.target.number and s.target.number > 0), None)


def plant(kind: str, form):
    total = form.funds.total
    if kind == "total":
        if form.total_score is None:
            return None
        form.total_score += 1.5
        return "AR02", "total_score"
    if kind in ("rate", "execution_score", "overspend", "fund_rows"):
        if not total or not total.annual_budget or total.executed is None or total.score is None:
            return None
        if kind == "rate":
            total.execution_rate = (total.execution_rate or 0) + 1.5
            return "EX01", "funds.total.execution_rate"
        if kind == "execution_score":
            total.score -= 1.5
            return "EX02", "funds.total.score"
        if kind == "overspend":
            total.executed = total.annual_budget * 1.5
            return "EX04", "funds.total.executed"
        if form.funds.current_year is None or form.funds.current_year.annual_budget is None:
            return None
        form.funds.current_year.annual_budget += 10
        return "AR04", "funds.total.annual_budget"
    if kind == "zero_budget":
        if form.funds.carryover is None:
            return None
        form.funds.carryover.annual_budget, form.funds.carryover.executed = 0.0, 12.0
        return "EX05", "funds.carryover.executed"
    if kind == "above_weight":
        ind = form.indicators[0]
        if ind.weight is None:
            return None
        ind.score = ind.weight + 1
        return "AR03", "indicators.0.score"
    if kind == "grade":
        if form.total_score is None or form.total_score < 60:
            return None
        form.grade = "差"
        return "GR02", "grade"
    if kind == "weights":
        if form.indicators[0].weight is None:
            return None
        form.indicators[0].weight += 5
        form.total_weight = None
        return "AR01", "total_weight"
    s = _positive(form)
    if s is None:
        return None
    ind = form.indicators[s.index]
    if kind == "unmet_full":
        ind.actual, ind.score = f"{s.target.number / 2:.2f}{s.target.unit}", ind.weight
        return "SC06", f"indicators.{s.index}.score"
    if kind == "no_reason":
        ind.score, ind.deviation = (ind.weight or 0) - 2, None
        return "SC08", f"indicators.{s.index}.deviation"
    raise AssertionError(kind)


KINDS = ["total", "rate", "execution_score", "overspend", "fund_rows", "zero_budget", "above_weight", "grade",
         "weights", "unmet_full", "no_reason"]


@pytest.mark.parametrize("kind", KINDS)
def test_planted_errors_are_reported_at_their_path(kind):
    planted = 0
    for forms in FORMS.values():
        for original in forms:
            form = original.model_copy(deep=True)
            expected = plant(kind, form)
            if expected is None:
                continue
            planted += 1
            found = {(f.code, f.path) for f in jixiao.check(form).findings}
            assert expected in found, (form.project_name, expected, sorted(found))
    assert planted >= 20


def test_python_api_example_in_the_docstring():
    import doctest
    import importlib

    module = importlib.import_module("jixiao.check")  # the package, not the function jixiao.check
    assert doctest.testmod(module).failed == 0
