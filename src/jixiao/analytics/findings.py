"""Unwaived findings counted per rule and per department."""

from __future__ import annotations

from collections import Counter, defaultdict

from sqlalchemy import Connection, case, distinct, func, select

from jixiao.analytics.models import DepartmentFindings, FindingExample, RuleCount
from jixiao.analytics.scope import COUNT_FIELD, SEVERITIES, selected, unwaived
from jixiao.check.catalogue import load_rules
from jixiao.store.query import ALL, Filter, findings_t, forms_t

TOP_RULES = 3


def findings_by_rule(conn: Connection, flt: Filter = ALL) -> list[RuleCount]:
    """One entry per rule with unwaived findings: errors first, then warnings, then infos, most findings first."""
    t = findings_t
    by_severity = [func.sum(case((t.c.severity == severity, 1), else_=0)) for severity in SEVERITIES]
    query = (select(t.c.code, func.min(t.c.name), func.min(t.c.category), func.count(),
                    func.count(distinct(t.c.form_id)), *by_severity)
             .where(*unwaived(flt)).group_by(t.c.code))
    catalogue = load_rules()
    counts = []
    for code, name, category, n, forms, errors, warnings, infos in conn.execute(query):
        rule = catalogue.get(code)
        severity = next(s for s, k in zip(SEVERITIES, (errors, warnings, infos), strict=True) if k)
        counts.append(RuleCount(code=code, name=rule.name if rule else name, title=rule.title if rule else name,
                                severity=severity, category=category, findings=n, forms=forms, errors=errors,
                                warnings=warnings, infos=infos))
    return sorted(counts, key=lambda r: (SEVERITIES.index(r.severity), -r.findings, r.code))


def finding_examples(conn: Connection, flt: Filter = ALL, per_rule: int = 2) -> dict[str, list[FindingExample]]:
    """Up to `per_rule` unwaived findings of each rule, each from another form, the forms of highest risk first
    (then the first found): what a summary shows as the rule's typical cases. By rule code."""
    t = forms_t.c
    first = (select(findings_t.c.code, findings_t.c.form_id, func.min(findings_t.c.id).label("id"))
             .where(*unwaived(flt)).group_by(findings_t.c.code, findings_t.c.form_id).subquery())
    rank = func.row_number().over(partition_by=first.c.code, order_by=(t.risk.desc().nulls_last(), first.c.id))
    ranked = (select(first.c.code, first.c.form_id, first.c.id, rank.label("rank"))
              .join_from(first, forms_t, forms_t.c.id == first.c.form_id).subquery())
    query = (select(ranked.c.code, ranked.c.form_id, findings_t.c.message, t.project_name, t.department, t.year)
             .join_from(ranked, findings_t, findings_t.c.id == ranked.c.id)
             .join(forms_t, forms_t.c.id == ranked.c.form_id)
             .where(ranked.c.rank <= per_rule).order_by(ranked.c.code, ranked.c.rank))
    examples: dict[str, list[FindingExample]] = defaultdict(list)
    for row in conn.execute(query):
        examples[row.code].append(FindingExample(code=row.code, form_id=row.form_id, project_name=row.project_name,
                                                 department=row.department, year=row.year, message=row.message))
    return dict(examples)


def findings_by_department(conn: Connection, flt: Filter = ALL) -> list[DepartmentFindings]:
    """Per 主管部门: its forms, unwaived findings by severity and its most frequent rules; most errors first."""
    department = forms_t.c.department
    result = {name: DepartmentFindings(department=name, forms=n) for name, n in conn.execute(
        select(department, func.count()).where(selected(forms_t.c.id, flt)).group_by(department))}
    rules: dict[str | None, Counter] = defaultdict(Counter)
    for name, code, severity, n in conn.execute(
            select(department, findings_t.c.code, findings_t.c.severity, func.count())
            .join_from(findings_t, forms_t, forms_t.c.id == findings_t.c.form_id)
            .where(*unwaived(flt)).group_by(department, findings_t.c.code, findings_t.c.severity)):
        entry = result[name]
        setattr(entry, COUNT_FIELD[severity], getattr(entry, COUNT_FIELD[severity]) + n)
        rules[name][code] += n
    for name, counter in rules.items():
        result[name].top_rules = [code for code, _ in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))
                                  [:TOP_RULES]]
    return sorted(result.values(), key=lambda d: (-d.errors, -d.warnings, -d.infos, d.department is None,
                                                  d.department or ""))
