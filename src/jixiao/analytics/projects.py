"""The same project across years: its scores year by year and the indicator targets that moved, above all the
ones lowered so that the next year's indicator is easier to meet (指标逐年调低).

Forms are read one department at a time and the series' indicators compared in batches (see `changes`), so
memory stays flat on a large corpus."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from itertools import groupby

from sqlalchemy import Connection, Row, select

from jixiao.analytics.changes import changes_between
from jixiao.analytics.models import ProjectPoint, ProjectSeries
from jixiao.analytics.scope import STREAM, building, selected
from jixiao.names import SIMILARITY, same_project
from jixiao.store.query import ALL, Filter, forms_t

BATCH = 2000  # forms of the series whose indicators are compared at once


def _department_series(rows: list[Row], similarity: float) -> Iterator[ProjectSeries]:
    """The series (≥ 2 years) among one department's forms."""
    groups = same_project({row.project_name for row in rows}, similarity)
    members: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        members[groups[row.project_name]].append(row)
    for forms in members.values():
        years = sorted({row.year for row in forms})
        if len(years) < 2:
            continue
        forms.sort(key=lambda row: (row.year, row.id))
        names = list(dict.fromkeys(row.project_name for row in forms))
        yield ProjectSeries(
            department=forms[0].department, name=forms[-1].project_name, names=names, years=years,
            points=[ProjectPoint(year=row.year, form_id=row.id, project_name=row.project_name,
                                 self_score=row.total_score, recomputed_score=row.total_score_recomputed,
                                 execution_rate=row.execution_rate_recomputed, grade=row.grade) for row in forms])


def _compared(series: ProjectSeries) -> list[tuple[ProjectPoint, ProjectPoint]]:
    """Consecutive years of a series, each year represented by its latest form."""
    latest = {point.year: point for point in series.points}
    years = sorted(latest)
    return [(latest[a], latest[b]) for a, b in zip(years, years[1:], strict=False)]


def _add_changes(conn: Connection, batch: list[ProjectSeries], similarity: float) -> None:
    compared = [(series, _compared(series)) for series in batch]
    changes = changes_between(conn, [pair for _, pairs in compared for pair in pairs], similarity)
    for series, pairs in compared:
        series.changes = [change for a, b in pairs for change in changes.get((a.form_id, b.form_id), [])]
        series.lowered = sum(change.direction == "lowered" for change in series.changes)


def project_history(conn: Connection, flt: Filter = ALL, *,
                    similarity: float = SIMILARITY) -> list[ProjectSeries]:
    """Projects of one department that appear in two or more years, matched by name tolerant of small changes
    (see `names.project_key`; fuzzy ratio ≥ `similarity`), with the indicator targets that moved between
    consecutive years; ordered by department and name."""
    query = (select(forms_t.c.id, forms_t.c.department, forms_t.c.year, forms_t.c.project_name, forms_t.c.grade,
                    forms_t.c.total_score, forms_t.c.total_score_recomputed, forms_t.c.execution_rate_recomputed)
             .where(selected(forms_t.c.id, flt), forms_t.c.department.is_not(None), forms_t.c.year.is_not(None),
                    forms_t.c.project_name.is_not(None))
             .order_by(forms_t.c.department, forms_t.c.id))
    found: list[ProjectSeries] = []
    batch: list[ProjectSeries] = []
    forms = 0
    with building():
        for _, department in groupby(conn.execute(query.execution_options(yield_per=STREAM)),
                                     key=lambda row: row.department):
            for series in _department_series(list(department), similarity):
                batch.append(series)
                forms += len(series.points)
                if forms >= BATCH:
                    _add_changes(conn, batch, similarity)
                    found += batch
                    batch, forms = [], 0
        _add_changes(conn, batch, similarity)
    found += batch
    return sorted(found, key=lambda s: (s.department, s.name, s.points[0].form_id))
