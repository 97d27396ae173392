"""Fiscal Data Package export: the 项目资金 rows as an OpenSpending Fiscal Data Package (profile
`fiscal-data-package`, spec 0.3): `fund_rows.csv` and a `datapackage.json` whose `model` maps the CSV columns to
measures and dimensions.

Measures are the three budget phases of a fund row: 年初预算数 → approved, 全年预算数 → adjusted, 全年执行数 →
executed, in yuan (CNY): amounts a form states in 万元 are multiplied by 10,000 and rounded to the fen, and the
amounts of a form whose unit is unknown are left empty. Dimensions: the year (datetime; the package's
fiscalPeriod spans the years), the 主管部门 (administrative classification), the project (activity) and the fund
row (economic classification of the funding source). The total row (年度资金总额) is the sum of the three source
rows, so sum either the total rows or the others, never both.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Connection, case, func, select

from jixiao.export.csv import write_table_csv
from jixiao.export.files import Progress, replacing
from jixiao.export.tables import FORM_ID, FUND_ROWS, Column, Kind, Table
from jixiao.model import FUND_ROWS as FUND_ROW_KEYS
from jixiao.places import FUND_ROW_ZH
from jixiao.store.query import Filter, form_ids, forms_t, fund_rows_t

DESCRIPTOR = "datapackage.json"
_f, _r = forms_t.c, fund_rows_t.c


def _yuan(amount):  # noqa: ANN001, ANN202 - SQL expressions
    """The amount in yuan, rounded to the fen; null when the form's unit is unknown (portable SQL: round(x))."""
    scaled = case((_f.fund_unit == "万元", amount * 10_000), (_f.fund_unit == "元", amount), else_=None)
    return func.round(scaled * 100) / 100.0


MEASURES = {  # measure → (fund row column, budget phase)
    "approved": ("initial_budget", "年初预算数"),
    "adjusted": ("annual_budget", "全年预算数"),
    "executed": ("executed", "全年执行数"),
}
FDP_FUNDS = Table("fund_rows", "资金", (
    Column("form_id", FORM_ID, Kind.integer, _r.form_id),
    Column("year", "年度", Kind.integer, _f.year),
    Column("department", "主管部门", Kind.text, _f.department),
    Column("implementing_unit", "实施单位", Kind.text, _f.implementing_unit),
    Column("project_name", "项目名称", Kind.text, _f.project_name),
    Column("fund_row", "资金类别代码", Kind.text, _r.row),
    Column("fund_row_label", "资金类别", Kind.text, _r.label),
    Column("fund_unit", "表上的金额单位", Kind.text, _f.fund_unit),
    *(Column(measure, f"{header}（元）", Kind.amount, _yuan(_r[source]))
      for measure, (source, header) in MEASURES.items()),
), FUND_ROWS.source, FUND_ROWS.form_id, FUND_ROWS.order)
_FIELD_TYPES = {Kind.text: "string", Kind.integer: "integer"}  # every other kind is a number


def write_datapackage(conn: Connection, out: Path, flt: Filter, advance: Progress) -> list[Path]:
    """fund_rows.csv and datapackage.json in the directory `out`."""
    data = write_table_csv(conn, FDP_FUNDS, out / f"{FDP_FUNDS.name}.csv", flt, advance, encoding="utf-8")
    first, last = conn.execute(select(func.min(_f.year), func.max(_f.year)).where(_f.id.in_(form_ids(flt)))).one()
    with replacing(out / DESCRIPTOR) as partial:
        text = json.dumps(descriptor(data.name, flt, first, last), ensure_ascii=False, indent=2)
        partial.write_text(text + "\n", encoding="utf-8")
    return [data, out / DESCRIPTOR]


def descriptor(data: str, flt: Filter, first_year: int | None, last_year: int | None) -> dict:
    """The datapackage.json of the CSV file named `data`."""
    package = {
        "profile": "fiscal-data-package",
        "name": "jixiao-project-funds",
        "title": "财政项目支出绩效自评表：项目资金",
        "description": f"范围：{flt.describe()}。金额以元计：以万元填报的金额已乘以 10,000；"
                       "金额单位不明的表，金额留空。年度资金总额是三类资金来源之和，汇总时只取总额行或只取来源行。"
                       "由 jixiao 从绩效自评表导出。",
        "created": datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z"),
        "countryCode": "CN",
        "granularity": "aggregated",
        "resources": [{
            "name": "fund-rows",
            "title": "项目资金",
            "path": data,
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "schema": {"fields": [_field(c) for c in FDP_FUNDS.columns], "primaryKey": ["form_id", "fund_row"]},
        }],
        "model": {
            "measures": {measure: {"source": measure, "title": header, "currency": "CNY", "factor": 1,
                                   "direction": "expenditure", "phase": measure}
                         for measure, (_, header) in MEASURES.items()},
            "dimensions": {
                "date": {"dimensionType": "datetime", "attributes": {"year": {"source": "year"}},
                         "primaryKey": "year"},
                "administrative-classification": {
                    "dimensionType": "classification", "classificationType": "administrative",
                    "attributes": {"code": {"source": "department"}}, "primaryKey": "code"},
                "project": {
                    "dimensionType": "activity",
                    "attributes": {"id": {"source": "form_id"}, "title": {"source": "project_name", "labelfor": "id"},
                                   "implementing_unit": {"source": "implementing_unit"}},
                    "primaryKey": "id"},
                "funding-source": {
                    "dimensionType": "classification", "classificationType": "economic",
                    "attributes": {"code": {"source": "fund_row"},
                                   "title": {"source": "fund_row_label", "labelfor": "code"}},
                    "primaryKey": "code"},
            },
        },
    }
    if first_year is not None:  # China's fiscal year is the calendar year
        package["fiscalPeriod"] = {"start": f"{first_year}-01-01", "end": f"{last_year}-12-31"}
    return package


def _field(column: Column) -> dict:
    field = {"name": column.key, "title": column.header, "type": _FIELD_TYPES.get(column.kind, "number")}
    if column.key == "fund_row":
        field["constraints"] = {"enum": list(FUND_ROW_KEYS)}
        field["description"] = "；".join(f"{key}：{FUND_ROW_ZH[key]}" for key in FUND_ROW_KEYS)
    return field
