"""Selecting forms from the corpus: the current version of each document, narrowed by a `Filter`.

Analytics, reports and exports all start from `form_ids(filter)`, so a filter means the same thing everywhere.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import Connection, Select, exists, func, select

from jixiao.model import Form
from jixiao.store.rows import form_from_rows
from jixiao.store.tables import Document, FindingRow, FormRow, FormStatus, FundRowRow, IndicatorRow

forms_t = FormRow.__table__
documents_t = Document.__table__
fund_rows_t = FundRowRow.__table__
indicators_t = IndicatorRow.__table__
findings_t = FindingRow.__table__
status_t = FormStatus.__table__
# The unit a form belongs to for the web app's rights: the one its workflow row names (a filler's upload belongs to
# the filler's unit whatever it prints), else the 主管部门 it prints.
form_unit = func.coalesce(status_t.c.unit, forms_t.c.department)


@dataclass(frozen=True)
class Filter:
    """Which forms: all current ones, or those of a year, a department (主管部门, exact), a printed grade,
    with an unwaived finding of a rule code, with a risk score (风险分) of at least `min_risk`; and, for the web
    app's accounts, only those of `units` (`form_unit`; None: every unit)."""

    year: int | None = None
    department: str | None = None
    grade: str | None = None
    rule: str | None = None
    min_risk: float | None = None
    units: tuple[str, ...] | None = None

    def describe(self) -> str:
        """The filter in Chinese, for report titles ("全部" when there is none)."""
        parts = [f"{self.year} 年" if self.year else "", f"主管部门：{self.department}" if self.department else "",
                 f"评分等级：{self.grade}" if self.grade else "", f"规则：{self.rule}" if self.rule else "",
                 f"风险分 ≥ {self.min_risk:g}" if self.min_risk is not None else "",
                 f"单位：{'、'.join(self.units)}" if self.units is not None else ""]
        return "，".join(p for p in parts if p) or "全部"


ALL = Filter()


def form_ids(flt: Filter = ALL) -> Select:
    """SELECT forms.id of the current document versions that match `flt` (use as a subquery or IN clause)."""
    query = (select(forms_t.c.id).join(documents_t, documents_t.c.id == forms_t.c.document_id)
             .where(documents_t.c.is_current.is_(True)))
    if flt.year is not None:
        query = query.where(forms_t.c.year == flt.year)
    if flt.department:
        query = query.where(forms_t.c.department == flt.department)
    if flt.grade:
        query = query.where(forms_t.c.grade == flt.grade)
    if flt.rule:
        query = query.where(exists().where(findings_t.c.form_id == forms_t.c.id, findings_t.c.code == flt.rule,
                                           findings_t.c.waived.is_(None)))
    if flt.min_risk is not None:
        query = query.where(forms_t.c.risk >= flt.min_risk)
    if flt.units is not None:
        query = (query.outerjoin(status_t, status_t.c.form_id == forms_t.c.id)
                 .where(form_unit.in_(flt.units)))
    return query


def load_forms(conn: Connection, flt: Filter = ALL, batch: int = 500) -> Iterator[tuple[int, Form]]:
    """(form id, Form record) of the matching forms, in id order, read in batches so memory stays flat."""
    ids = [row[0] for row in conn.execute(form_ids(flt).order_by(forms_t.c.id))]
    for start in range(0, len(ids), batch):
        chunk = ids[start:start + batch]
        rows = conn.execute(select(forms_t, documents_t.c.path).join(documents_t)
                            .where(forms_t.c.id.in_(chunk)).order_by(forms_t.c.id)).mappings().all()
        funds = _children(conn, fund_rows_t, chunk)
        indicators = _children(conn, indicators_t, chunk)
        for row in rows:
            form_id = row["id"]
            yield form_id, form_from_rows(row["path"], dict(row), funds.get(form_id, []),
                                          indicators.get(form_id, []))


def _children(conn: Connection, table, ids: list[int]) -> dict[int, list[dict]]:  # noqa: ANN001
    grouped: dict[int, list[dict]] = {}
    for row in conn.execute(select(table).where(table.c.form_id.in_(ids)).order_by(table.c.id)).mappings():
        grouped.setdefault(row["form_id"], []).append(dict(row))
    return grouped


def load_form(conn: Connection, form_id: int) -> tuple[dict, Form] | None:
    """(the stored `forms` row with its document's path, the Form record) of one form by id, any version."""
    row = conn.execute(select(forms_t, documents_t.c.path).join(documents_t)
                       .where(forms_t.c.id == form_id)).mappings().first()
    if row is None:
        return None
    funds = _children(conn, fund_rows_t, [form_id]).get(form_id, [])
    indicators = _children(conn, indicators_t, [form_id]).get(form_id, [])
    return dict(row), form_from_rows(row["path"], dict(row), funds, indicators)
