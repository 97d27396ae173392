"""Execution rate against score, per form, and the forms whose grade or self-score the numbers do not bear out."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, Result, Row, select

from jixiao.analytics.models import RiskyForm, ScorePoint
from jixiao.analytics.scope import building, selected, text_or_none
from jixiao.store.query import ALL, Filter, documents_t, forms_t

GOOD_GRADES = ("优", "优秀")


@dataclass(frozen=True)
class OutlierRule:
    """A form is an outlier when it is graded one of `grades` (printed, else recomputed) with an execution rate
    below `max_rate`, or when its self-score exceeds the recomputed score by at least `min_inflation` points."""

    max_rate: float = 80.0
    grades: tuple[str, ...] = GOOD_GRADES
    min_inflation: float = 5.0

    def reason(self, row: Row, inflation: float | None) -> str | None:
        """Why the form is an outlier, in Chinese; None when it is not one."""
        reasons = []
        printed = text_or_none(row.grade)
        grade = printed or row.grade_recomputed
        rate = row.execution_rate_recomputed
        if grade in self.grades and rate is not None and rate < self.max_rate:
            said = "自评为" if printed else "重算等级为"
            reasons.append(f"{said}{grade}，但预算执行率仅 {rate:.1f}%")
        if inflation is not None and inflation >= self.min_inflation:
            reasons.append(f"自评得分 {row.total_score:.2f} 比重算得分 {row.total_score_recomputed:.2f} "
                           f"高 {inflation:.2f} 分")
        return "；".join(reasons) or None


def _rows(conn: Connection, flt: Filter) -> Result:
    return conn.execute(
        select(forms_t.c.id, forms_t.c.year, forms_t.c.department, forms_t.c.project_name, forms_t.c.first_line,
               documents_t.c.name.label("document"), forms_t.c.execution_rate_recomputed, forms_t.c.total_score,
               forms_t.c.total_score_recomputed, forms_t.c.grade, forms_t.c.grade_recomputed)
        .join_from(forms_t, documents_t, documents_t.c.id == forms_t.c.document_id)
        .where(selected(forms_t.c.id, flt)).order_by(forms_t.c.id))


def _inflation(row: Row) -> float | None:
    if row.total_score is None or row.total_score_recomputed is None:
        return None
    return round(row.total_score - row.total_score_recomputed, 4) + 0.0  # never -0.0


def _point(row: Row, inflation: float | None, reason: str | None) -> ScorePoint:
    return ScorePoint(
        form_id=row.id, year=row.year, department=row.department, project_name=row.project_name,
        document=row.document, line=row.first_line, execution_rate=row.execution_rate_recomputed,
        self_score=row.total_score, recomputed_score=row.total_score_recomputed, grade=row.grade,
        grade_recomputed=row.grade_recomputed, inflation=inflation, outlier=reason is not None, reason=reason)


def execution_vs_score(conn: Connection, flt: Filter = ALL) -> list[ScorePoint]:
    """Every selected form as a point (execution rate, self-score, recomputed score), in form id order; `outlier`
    and `reason` follow the default `OutlierRule`."""
    rule = OutlierRule()
    points = []
    with building():
        for row in _rows(conn, flt):
            inflation = _inflation(row)
            points.append(_point(row, inflation, rule.reason(row, inflation)))
    return points


def outliers(conn: Connection, flt: Filter = ALL, *, max_rate: float = 80.0, grades: tuple[str, ...] = GOOD_GRADES,
             min_inflation: float = 5.0) -> list[ScorePoint]:
    """Forms graded 优 with a low execution rate, or self-scored well above the recomputed score (see
    `OutlierRule`), each with its `reason`; lowest execution rate first, then largest inflation."""
    rule = OutlierRule(max_rate, tuple(grades), min_inflation)
    found = []
    with building():
        for row in _rows(conn, flt):
            inflation = _inflation(row)
            reason = rule.reason(row, inflation)
            if reason:
                found.append(_point(row, inflation, reason))
    return sorted(found, key=lambda p: (p.execution_rate is None, p.execution_rate or 0, -(p.inflation or 0),
                                        p.form_id))


def riskiest(conn: Connection, flt: Filter = ALL, limit: int = 10) -> list[RiskyForm]:
    """The `limit` forms of highest risk score (then most errors, warnings), as the report's forms table and its
    form pages order them."""
    f = forms_t.c
    query = (select(f.id, f.year, f.department, f.project_name, f.risk, f.total_score, f.total_score_recomputed,
                    f.execution_rate_recomputed, f.grade, f.grade_recomputed, f.errors, f.warnings)
             .where(selected(f.id, flt))
             .order_by(f.risk.desc().nulls_last(), f.errors.desc(), f.warnings.desc(), f.id).limit(limit))
    return [RiskyForm(form_id=r.id, year=r.year, department=r.department, project_name=r.project_name, risk=r.risk,
                      self_score=r.total_score, recomputed_score=r.total_score_recomputed,
                      execution_rate=r.execution_rate_recomputed, grade=r.grade, grade_recomputed=r.grade_recomputed,
                      errors=r.errors, warnings=r.warnings) for r in conn.execute(query)]
