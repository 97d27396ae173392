"""The flat tables every export format writes: their columns (a stable English key for CSV and Parquet, a Chinese
header for Excel, a kind that fixes type and number format) and the query that streams their rows.

One definition serves every format, so a column means the same in forms.csv, forms.parquet and the workbook.
`form_id` links the tables. Codes (severity, category, fund row, scoring kind, rule name) are exported as codes;
`labels` gives the Chinese words the workbook shows instead.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import Connection, FromClause, Row, Select, String, and_, case, cast, func, literal, select
from sqlalchemy.sql.elements import ColumnElement

from jixiao.check.catalogue import load_rules
from jixiao.check.findings import CATEGORY_ZH, SEVERITY_ZH
from jixiao.check.score import KIND_ZH
from jixiao.money import UNSTATED, YUAN_PER_WAN
from jixiao.places import FUND_ROW_ZH
from jixiao.store.query import ALL, Filter, documents_t, findings_t, form_ids, forms_t, fund_rows_t, indicators_t

CHUNK = 2000  # rows fetched and written at a time


class Kind(StrEnum):
    """What a column holds; decides its Parquet type and its Excel number format."""

    text = "text"
    integer = "integer"
    number = "number"  # a plain number (parsed indicator values, differences)
    amount = "amount"  # money in 万元 (amounts printed in 元 are converted; the printed unit has a column)
    percent = "percent"  # percent numbers: 85.3 means 85.3%
    score = "score"  # points


@dataclass(frozen=True)
class Column:
    """One column of an exported table (or of a workbook sheet filled from analytics models)."""

    key: str  # CSV header, Parquet field name: stable, English
    header: str  # Excel header, Chinese
    kind: Kind = Kind.text
    expr: ColumnElement | None = None  # how the table's query selects it (None: filled from a model)
    labels: Mapping[str, str] | None = None  # code → what the workbook shows


@dataclass(frozen=True)
class Table:
    """An exported table: its columns, and where and in which order its rows come from."""

    name: str  # file stem: forms.csv, forms.parquet
    title: str  # sheet name
    columns: tuple[Column, ...]
    source: FromClause
    form_id: ColumnElement  # the column the filter selects on
    order: tuple[ColumnElement, ...]

    @property
    def keys(self) -> list[str]:
        return [c.key for c in self.columns]

    @property
    def headers(self) -> list[str]:
        return [c.header for c in self.columns]

    def query(self, flt: Filter = ALL, *, labelled: bool = False) -> Select:
        """The rows of the forms `flt` selects, in a stable order; `labelled`: codes replaced by their labels."""
        exprs = [(_labelled(c) if labelled and c.labels else c.expr).label(c.key) for c in self.columns]
        return (select(*exprs).select_from(self.source).where(self.form_id.in_(form_ids(flt)))
                .order_by(*self.order))

    def count(self, conn: Connection, flt: Filter = ALL) -> int:
        return conn.execute(select(func.count()).select_from(self.source)
                            .where(self.form_id.in_(form_ids(flt)))).scalar_one()

    def chunks(self, conn: Connection, flt: Filter = ALL, *, labelled: bool = False) -> Iterator[Sequence[Row]]:
        """The rows (tuples in column order), CHUNK at a time, streamed: a server-side cursor on PostgreSQL."""
        yield from conn.execution_options(yield_per=CHUNK).execute(self.query(flt, labelled=labelled)).partitions()


def _labelled(column: Column) -> ColumnElement:
    assert column.expr is not None and column.labels is not None
    return case(dict(column.labels), value=column.expr, else_=column.expr)


def _text(expr: ColumnElement) -> ColumnElement:
    return cast(expr, String)


_f, _d, _r, _i, _x = forms_t.c, documents_t.c, fund_rows_t.c, indicators_t.c, findings_t.c
FORM_ID = "表单ID"
UNIT = "原表单位"


def _wan(amount: ColumnElement) -> ColumnElement:
    """An amount of a fund row in 万元, as `jixiao.money.to_wan` gives it: 元 divided by 10,000; 万元 and an
    unstated unit (taken as 万元, the official form's unit) as printed."""
    return case((_f.fund_unit == "元", amount / YUAN_PER_WAN), else_=amount)


_unit = func.coalesce(_f.fund_unit, literal(UNSTATED))  # as the report shows it: 未注明（按万元）
_total = fund_rows_t.alias("total_row")  # the 年度资金总额 row of a form, for its budget on 表单

FORMS = Table("forms", "表单", (
    Column("form_id", FORM_ID, Kind.integer, _f.id),
    Column("risk", "风险分", Kind.number, _f.risk),
    Column("document", "文件", Kind.text, _d.name),
    Column("form_number", "序号", Kind.integer, _f.form_index + 1),
    Column("year", "年度", Kind.integer, _f.year),
    Column("project_name", "项目名称", Kind.text, _f.project_name),
    Column("department", "主管部门", Kind.text, _f.department),
    Column("implementing_unit", "实施单位", Kind.text, _f.implementing_unit),
    Column("annual_budget_wan", "全年预算数（万元）", Kind.amount, _wan(_total.c.annual_budget)),
    Column("fund_unit", UNIT, Kind.text, _unit),
    Column("total_weight", "总分值", Kind.score, _f.total_weight),
    Column("total_score", "自评得分", Kind.score, _f.total_score),
    Column("total_score_recomputed", "重算得分", Kind.score, _f.total_score_recomputed),
    Column("execution_rate_recomputed", "执行率（重算）", Kind.percent, _f.execution_rate_recomputed),
    Column("grade", "评分等级", Kind.text, _f.grade),
    Column("grade_recomputed", "重算等级", Kind.text, _f.grade_recomputed),
    Column("errors", "错误", Kind.integer, _f.errors),
    Column("warnings", "警告", Kind.integer, _f.warnings),
    Column("infos", "提示", Kind.integer, _f.infos),
    Column("lines", "起止行", Kind.text,
           func.coalesce(_text(_f.first_line) + literal("-") + _text(_f.last_line), _text(_f.first_line))),
), forms_t.join(documents_t, _d.id == _f.document_id).outerjoin(
    _total, and_(_total.c.form_id == _f.id, _total.c.row == "total")),
    _f.id, (_f.risk.desc().nulls_last(), _f.id))  # the highest risk first, as the report's forms table

FUND_ROWS = Table("fund_rows", "资金", (
    Column("form_id", FORM_ID, Kind.integer, _r.form_id),
    Column("project_name", "项目名称", Kind.text, _f.project_name),
    Column("row", "资金类别", Kind.text, _r.row, FUND_ROW_ZH),
    Column("initial_budget_wan", "年初预算数（万元）", Kind.amount, _wan(_r.initial_budget)),
    Column("annual_budget_wan", "全年预算数（万元）", Kind.amount, _wan(_r.annual_budget)),
    Column("executed_wan", "全年执行数（万元）", Kind.amount, _wan(_r.executed)),
    Column("fund_unit", UNIT, Kind.text, _unit),
    Column("weight", "分值", Kind.score, _r.weight),
    Column("execution_rate", "执行率（填报）", Kind.percent, _r.execution_rate),
    Column("execution_rate_recomputed", "执行率（重算）", Kind.percent, _r.execution_rate_recomputed),
    Column("score", "得分（填报）", Kind.score, _r.score),
    Column("score_recomputed", "得分（重算）", Kind.score, _r.score_recomputed),
), fund_rows_t.join(forms_t, _f.id == _r.form_id), _r.form_id, (_r.form_id, _r.id))

INDICATORS = Table("indicators", "指标", (
    Column("form_id", FORM_ID, Kind.integer, _i.form_id),
    Column("project_name", "项目名称", Kind.text, _f.project_name),
    Column("position", "指标序号", Kind.integer, _i.position),
    Column("level1", "一级指标", Kind.text, _i.level1),
    Column("level2", "二级指标", Kind.text, _i.level2),
    Column("name", "三级指标", Kind.text, _i.name),
    Column("target", "年度指标值", Kind.text, _i.target),
    Column("actual", "实际完成值", Kind.text, _i.actual),
    Column("weight", "分值", Kind.score, _i.weight),
    Column("score", "得分", Kind.score, _i.score),
    Column("score_low", "允许得分下限", Kind.score, _i.score_low),
    Column("score_high", "允许得分上限", Kind.score, _i.score_high),
    Column("kind", "计分方式", Kind.text, _i.kind, {str(k): v for k, v in KIND_ZH.items()}),
    Column("target_op", "指标值符号", Kind.text, _i.target_op),
    Column("target_number", "指标值数值", Kind.number, _i.target_number),
    Column("target_unit", "指标值单位", Kind.text, _i.target_unit),
    Column("actual_op", "完成值符号", Kind.text, _i.actual_op),
    Column("actual_number", "完成值数值", Kind.number, _i.actual_number),
    Column("actual_unit", "完成值单位", Kind.text, _i.actual_unit),
    Column("deviation", "偏差原因分析及改进措施", Kind.text, _i.deviation),
    Column("line", "行号", Kind.integer, _i.line),
), indicators_t.join(forms_t, _f.id == _i.form_id), _i.form_id, (_i.form_id, _i.id))  # ids follow positions

FINDINGS = Table("findings", "发现", (
    Column("form_id", FORM_ID, Kind.integer, _x.form_id),
    Column("code", "规则", Kind.text, _x.code),
    Column("name", "名称", Kind.text, _x.name, {rule.name: rule.title for rule in load_rules().values()}),
    Column("severity", "级别", Kind.text, _x.severity, {str(k): v for k, v in SEVERITY_ZH.items()}),
    Column("category", "类别", Kind.text, _x.category, {str(k): v for k, v in CATEGORY_ZH.items()}),
    Column("path", "路径", Kind.text, _x.path),
    Column("message", "说明", Kind.text, _x.message),
    Column("provided", "填报值", Kind.text, _x.provided),
    Column("expected", "应为", Kind.text, _x.expected),
    Column("difference", "差额", Kind.number, _x.difference),
    Column("line", "行号", Kind.integer, _x.line),
    Column("document", "文件", Kind.text, _d.name),
    Column("project_name", "项目名称", Kind.text, _f.project_name),
    Column("waived", "已豁免原因", Kind.text, _x.waived),
    Column("explanation", "重算过程", Kind.text, _x.explanation),
), findings_t.join(forms_t, _f.id == _x.form_id).join(documents_t, _d.id == _f.document_id), _x.form_id,
    (_x.form_id, _x.id))

TABLES = (FORMS, FUND_ROWS, INDICATORS, FINDINGS)
