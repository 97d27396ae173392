"""Where forms lose points: every indicator (and 预算执行率 row) scored below its weight, and the losses summed
per 一级/二级指标, with how often the 偏差原因 column explains them."""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import ColumnElement, Connection, Select, Table, and_, case, false, func, select

from jixiao.analytics.models import Deduction, DeductionGroup
from jixiao.analytics.scope import building, nonblank, selected, text_or_none
from jixiao.store.query import ALL, Filter, documents_t, forms_t, fund_rows_t, indicators_t

# How the funds block appears among the indicators: its weighted row is scored on the execution rate.
FUNDS_LEVEL1 = "项目资金"
FUNDS_LEVEL2 = "预算执行率"

_FORM_COLUMNS = (forms_t.c.id.label("form_id"), forms_t.c.year, forms_t.c.department, forms_t.c.project_name,
                 documents_t.c.name.label("document"))


def _losses(table: Table, flt: Filter) -> Select:
    """Rows of `table` (indicators or fund rows) of the selected forms that scored below their weight."""
    return (select(*_FORM_COLUMNS, (table.c.weight - table.c.score).label("lost"))
            .join_from(table, forms_t, forms_t.c.id == table.c.form_id)
            .join(documents_t, documents_t.c.id == forms_t.c.document_id)
            .where(selected(table.c.form_id, flt), table.c.score < table.c.weight))


def _ordered(query: Select, lost: ColumnElement, position: ColumnElement, limit: int | None) -> Select:
    query = query.order_by(lost.desc(), forms_t.c.id, position)
    return query.limit(limit) if limit is not None else query


def _indicator_deductions(conn: Connection, flt: Filter, limit: int | None) -> Iterator[tuple[tuple, Deduction]]:
    t = indicators_t
    query = _losses(t, flt).add_columns(t.c.position, t.c.line, t.c.level1, t.c.level2, t.c.name, t.c.target,
                                        t.c.actual, t.c.weight, t.c.score, t.c.deviation)
    for row in conn.execute(_ordered(query, t.c.weight - t.c.score, t.c.position, limit)):
        yield (-row.lost, row.form_id, row.position), Deduction(
            form_id=row.form_id, year=row.year, department=row.department, project_name=row.project_name,
            document=row.document, line=row.line, level1=row.level1, level2=row.level2, name=row.name,
            target=row.target, actual=row.actual, weight=row.weight, score=row.score, lost=round(row.lost, 4),
            reason=text_or_none(row.deviation))


def _funds_deductions(conn: Connection, flt: Filter, limit: int | None) -> Iterator[tuple[tuple, Deduction]]:
    t = fund_rows_t
    query = _losses(t, flt).add_columns(t.c.label, t.c.weight, t.c.score, t.c.execution_rate)
    for row in conn.execute(_ordered(query, t.c.weight - t.c.score, t.c.row, limit)):
        rate = f"执行率 {row.execution_rate:g}%" if row.execution_rate is not None else None
        yield (-row.lost, row.form_id, -1), Deduction(
            form_id=row.form_id, year=row.year, department=row.department, project_name=row.project_name,
            document=row.document, level1=FUNDS_LEVEL1, level2=FUNDS_LEVEL2, name=row.label, actual=rate,
            weight=row.weight, score=row.score, lost=round(row.lost, 4))


def deductions(conn: Connection, flt: Filter = ALL, *, limit: int | None = None) -> list[Deduction]:
    """Every indicator, and every weighted funds row, scored below its weight: biggest loss first (then form id
    and position, the funds row before the form's indicators); at most `limit` of them."""
    with building():
        found = [*_indicator_deductions(conn, flt, limit), *_funds_deductions(conn, flt, limit)]
    found.sort(key=lambda pair: pair[0])
    return [deduction for _, deduction in found[:limit]]


def _level_sums(table: Table, reason: ColumnElement[bool]) -> tuple:
    loses = table.c.score < table.c.weight
    return (func.count(), func.sum(case((loses, 1), else_=0)),
            func.sum(case((loses, table.c.weight - table.c.score), else_=0)),
            func.sum(case((and_(loses, reason), 1), else_=0)))


def deductions_by_level(conn: Connection, flt: Filter = ALL) -> list[DeductionGroup]:
    """Per 一级/二级指标 pair (and the funds block's 预算执行率): how many indicators, how many lost points,
    the points lost and how many of the losses give a reason; most points lost first."""
    t = indicators_t
    rows = [tuple(row) for row in conn.execute(
        select(t.c.level1, t.c.level2, *_level_sums(t, nonblank(t.c.deviation)))
        .where(selected(t.c.form_id, flt)).group_by(t.c.level1, t.c.level2))]
    f = fund_rows_t
    funds = conn.execute(select(*_level_sums(f, false())).where(selected(f.c.form_id, flt),
                                                              f.c.weight.is_not(None))).one()
    if funds[0]:
        rows.append((FUNDS_LEVEL1, FUNDS_LEVEL2, *funds))
    groups = [DeductionGroup(level1=level1, level2=level2, indicators=n, deducted=deducted or 0,
                             points_lost=round(lost or 0.0, 4), with_reason=with_reason or 0)
              for level1, level2, n, deducted, lost, with_reason in rows]
    return sorted(groups, key=lambda g: (-g.points_lost, g.level1 or "", g.level2 or ""))
