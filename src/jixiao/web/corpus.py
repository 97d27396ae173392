"""The corpus as the web app shows it: the filters of the corpus pages, and the data of the dashboard, the rule
catalogue and the lowered-targets table — every figure from `jixiao.analytics` (what `jixiao report` shows),
narrowed to the forms the account may see (`Filter.units`). The pages and their JSON/CSV twins call these."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from sqlalchemy import Connection

from jixiao import analytics
from jixiao.check.catalogue import Rule, load_rules
from jixiao.check.findings import CATEGORY_ZH, SEVERITY_ZH, Severity
from jixiao.check.profile import Profile
from jixiao.store.accounts import Account, Role
from jixiao.store.query import Filter
from jixiao.store.workflow import visible_units

MAX_POINTS = 5000  # forms drawn in the dashboard's scatter charts (the riskiest first: analytics order)
FILTER_FIELDS = ("year", "department", "grade", "rule", "min_risk")


@dataclass(frozen=True)
class Chosen:
    """The filter of a corpus page: what the account may see, narrowed by the query string; `problems` says, in
    Chinese, which values could not be read (they are left out of the filter, not guessed)."""

    filter: Filter
    values: dict[str, str]  # the query string's values as typed, for the filter form and the twins' links
    problems: list[str]


def chosen_filter(account: Account, query: Mapping[str, str]) -> Chosen:
    """The `Filter` of the query string's year, department (主管部门), grade, rule and min_risk, limited to the
    units `account` may see."""
    values = {name: (query.get(name) or "").strip()[:100] for name in FILTER_FIELDS}
    problems: list[str] = []
    year = risk = None
    if values["year"]:
        if values["year"].isdecimal() and len(values["year"]) == 4:
            year = int(values["year"])
        else:
            problems.append(f"年度应为四位数字（收到“{values['year']}”），未按年度筛选")
    if values["min_risk"]:
        try:
            risk = float(values["min_risk"])
        except ValueError:
            problems.append(f"最低风险分应为数字（收到“{values['min_risk']}”），未按风险分筛选")
        else:
            if risk != risk or risk in (float("inf"), float("-inf")):  # NaN, ±inf
                problems.append(f"最低风险分应为有限的数字（收到“{values['min_risk']}”），未按风险分筛选")
                risk = None
    rule = values["rule"].upper() or None
    if rule and rule not in load_rules():
        problems.append(f"没有代码为 {values['rule']} 的规则，未按规则筛选")
        rule = None
    flt = Filter(year=year, department=values["department"] or None, grade=values["grade"] or None, rule=rule,
                 min_risk=risk, units=visible_units(account))
    return Chosen(flt, values, problems)


def _scope(chosen: Chosen) -> dict:
    shown = replace(chosen.filter, units=None)  # the account's own units are not a choice it made
    return {"filter": {k: v for k, v in chosen.values.items() if v}, "scope": shown.describe(),
            "units": list(chosen.filter.units) if chosen.filter.units is not None else None,
            "problems": chosen.problems}


def _dumps(models: list) -> list[dict]:
    return [m.model_dump(mode="json") for m in models]


def dashboard(conn: Connection, account: Account, chosen: Chosen) -> dict:
    """The report's overview on the chosen forms: counts and means, funds, grade distribution, scores by year,
    findings by rule and by department, deductions by 二级指标, the riskiest forms, and each form's execution
    rate with its self-assessed and recomputed score (at most MAX_POINTS of them)."""
    flt = chosen.filter
    overview = analytics.overview(conn, flt).model_dump(mode="json")
    if account.role is not Role.admin:
        overview.pop("failures")  # files that could not be read belong to no unit: the admin's to see
    points = analytics.execution_vs_score(conn, flt)
    fields = ("form_id", "year", "department", "project_name", "execution_rate", "self_score", "recomputed_score",
              "grade", "grade_recomputed", "outlier")
    return {
        **_scope(chosen),
        "overview": overview,
        "funds": analytics.funds_summary(conn, flt).model_dump(mode="json"),
        "by_grade": _dumps(analytics.group_stats(conn, flt, "grade")),
        "by_year": _dumps(analytics.group_stats(conn, flt, "year")),
        "rules": _dumps(analytics.findings_by_rule(conn, flt)),
        "departments": _dumps(analytics.findings_by_department(conn, flt)),
        "deduction_levels": _dumps(analytics.deductions_by_level(conn, flt)),
        "riskiest": _dumps(analytics.riskiest(conn, flt)),
        "points": {"columns": list(fields), "rows": [[getattr(p, f) for f in fields] for p in points[:MAX_POINTS]],
                   "total": len(points)},
    }


RULE_COLUMNS = ("code", "name", "severity", "severity_zh", "category", "category_zh", "title", "refs")


def _severity(rule: type[Rule], profile: Profile) -> tuple[str, str]:
    severity = profile.severity_of(rule.code, rule.severity.value)
    return severity, "关闭" if severity == "off" else SEVERITY_ZH[Severity(severity)]


def rule_rows(profile: Profile) -> list[dict]:
    """The rule catalogue under `profile`, as `jixiao rules` lists it: one dict per rule (RULE_COLUMNS)."""
    rows = []
    for code, rule in load_rules().items():
        severity, severity_zh = _severity(rule, profile)
        rows.append({"code": code, "name": rule.name, "severity": severity, "severity_zh": severity_zh,
                     "category": rule.category.value, "category_zh": CATEGORY_ZH[rule.category],
                     "title": rule.title, "refs": "、".join(rule.refs)})
    return rows


def rule_entry(code: str, profile: Profile) -> dict | None:
    """One rule as `jixiao rules CODE` explains it (its explanation with examples and its parameters), None
    when there is no such rule."""
    rule = load_rules().get(code.upper())
    if rule is None:
        return None
    entry = next(row for row in rule_rows(profile) if row["code"] == rule.code)
    params = {**rule.params, **profile.params.get(rule.code, {})}
    return {**entry, "profile": profile.name, "default_severity": rule.severity.value,
            "explanation": rule.doc(), "supersedes": list(rule.supersedes), "corpus": rule.corpus,
            "params": [{"name": k, "value": v, "doc": rule.param_docs.get(k, "")} for k, v in params.items()]}


LOWERED_COLUMNS = ("department", "project", "level2", "name", "from_year", "to_year", "target_from", "target_to",
                   "unit", "note", "from_form", "to_form")


def lowered_targets(conn: Connection, chosen: Chosen) -> dict:
    """The report's indicator targets lowered between consecutive years of a project (指标逐年调低), from
    `analytics.project_history` on the chosen forms: one row per lowered target (LOWERED_COLUMNS)."""
    series = analytics.project_history(conn, chosen.filter)
    rows = [{"department": s.department, "project": s.name, "level2": c.level2, "name": c.name,
             "from_year": c.from_year, "to_year": c.to_year, "target_from": c.target_text_from,
             "target_to": c.target_text_to, "unit": c.unit, "note": c.note, "from_form": c.from_form,
             "to_form": c.to_form}
            for s in series for c in s.changes if c.direction == "lowered"]
    return {**_scope(chosen), "projects": len(series), "columns": list(LOWERED_COLUMNS), "rows": rows}
