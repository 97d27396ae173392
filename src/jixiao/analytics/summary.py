"""The corpus at a glance, and the same numbers per department, year or printed grade."""

from __future__ import annotations

from collections import defaultdict
from typing import Literal

from sqlalchemy import ColumnElement, Connection, and_, case, distinct, func, select

from jixiao.analytics.models import FundsSummary, GroupStats, Overview
from jixiao.analytics.scope import (
    COUNT_FIELD,
    SEVERITIES,
    findings_per_form,
    grade_counts,
    grade_sort_key,
    selected,
    unwaived,
)
from jixiao.money import YUAN_PER_WAN
from jixiao.store.query import ALL, Filter, findings_t, forms_t, fund_rows_t
from jixiao.store.tables import IngestFailure

GroupBy = Literal["department", "year", "grade"]
_KEYS = {"department": forms_t.c.department, "year": forms_t.c.year, "grade": forms_t.c.grade}
_MEANS = (func.avg(forms_t.c.total_score), func.avg(forms_t.c.total_score_recomputed),
          func.avg(forms_t.c.execution_rate_recomputed))


def overview(conn: Connection, flt: Filter = ALL) -> Overview:
    """Counts, means and grade distribution of the forms `flt` selects."""
    in_scope = selected(forms_t.c.id, flt)
    forms, documents, departments, *means = conn.execute(
        select(func.count(), func.count(distinct(forms_t.c.document_id)), func.count(distinct(forms_t.c.department)),
               *_MEANS).where(in_scope)).one()
    years = conn.execute(select(forms_t.c.year).distinct().where(in_scope, forms_t.c.year.is_not(None))
                         .order_by(forms_t.c.year)).scalars().all()
    findings, forms_with = dict.fromkeys(SEVERITIES, 0), dict.fromkeys(SEVERITIES, 0)
    for severity, n, distinct_forms in conn.execute(
            select(findings_t.c.severity, func.count(), func.count(distinct(findings_t.c.form_id)))
            .where(*unwaived(flt)).group_by(findings_t.c.severity)):
        findings[severity], forms_with[severity] = n, distinct_forms
    grades = conn.execute(select(forms_t.c.grade, func.count()).where(in_scope).group_by(forms_t.c.grade)).all()
    return Overview(
        documents=documents, forms=forms, departments=departments, years=list(years),
        failures=conn.execute(select(func.count()).select_from(IngestFailure.__table__)).scalar(),
        findings=findings, forms_with_errors=forms_with["error"],
        mean_self_score=means[0], mean_recomputed_score=means[1], mean_execution_rate=means[2],
        grades=grade_counts(grades),
    )


def funds_summary(conn: Connection, flt: Filter = ALL) -> FundsSummary:
    """The selected forms' 年度资金总额 全年预算数 and 全年执行数 summed in 万元, and the execution rate of the sums
    (over the forms that print both, so a form without an executed amount does not lower it)."""
    rows = fund_rows_t.c

    def wan(column: ColumnElement) -> ColumnElement:
        return case((forms_t.c.fund_unit == "元", column / YUAN_PER_WAN), else_=column)

    both = and_(rows.annual_budget > 0, rows.executed.is_not(None))
    forms, budget, executed, budget_both, executed_both, assumed = conn.execute(
        select(func.count(), func.sum(wan(rows.annual_budget)), func.sum(wan(rows.executed)),
               func.sum(case((both, wan(rows.annual_budget)))), func.sum(case((both, wan(rows.executed)))),
               func.sum(case((forms_t.c.fund_unit.is_(None), 1), else_=0)))
        .join_from(fund_rows_t, forms_t, forms_t.c.id == rows.form_id)
        .where(selected(rows.form_id, flt), rows.row == "total")).one()
    rate = executed_both / budget_both * 100 if budget_both else None
    return FundsSummary(forms=forms, annual_budget=budget, executed=executed, execution_rate=rate,
                        unit_assumed=int(assumed or 0))


def group_stats(conn: Connection, flt: Filter = ALL, by: GroupBy = "department") -> list[GroupStats]:
    """The overview's numbers per department (most forms first), year (ascending) or printed grade (best first);
    forms that do not state the key are grouped under None, last."""
    if by not in _KEYS:
        raise ValueError(f"group_stats: by must be one of {', '.join(_KEYS)}, not {by!r}")
    key = _KEYS[by]
    in_scope = selected(forms_t.c.id, flt)
    groups = {value: GroupStats(key=value, forms=n, mean_self_score=m1, mean_recomputed_score=m2,
                                mean_execution_rate=m3)
              for value, n, m1, m2, m3 in conn.execute(select(key, func.count(), *_MEANS).where(in_scope)
                                                       .group_by(key))}
    per_form = findings_per_form(flt)
    for value, errors, warnings, infos in conn.execute(
            select(key, *(func.sum(per_form.c[COUNT_FIELD[s]]) for s in SEVERITIES))
            .join_from(per_form, forms_t, forms_t.c.id == per_form.c.form_id).group_by(key)):
        # int(): PostgreSQL sums integer sums as numeric
        groups[value].errors, groups[value].warnings, groups[value].infos = int(errors), int(warnings), int(infos)
    grades: dict[object, list[tuple[str | None, int]]] = defaultdict(list)
    for value, grade, n in conn.execute(select(key, forms_t.c.grade, func.count()).where(in_scope)
                                        .group_by(key, forms_t.c.grade)):
        grades[value].append((grade, n))
    for value, pairs in grades.items():
        groups[value].grades = grade_counts(pairs)
    return sorted(groups.values(), key=_ORDER[by])


_ORDER = {
    "department": lambda g: (g.key is None, -g.forms, g.key or ""),
    "year": lambda g: (g.key is None, g.key or 0),
    "grade": lambda g: grade_sort_key(g.key),
}
