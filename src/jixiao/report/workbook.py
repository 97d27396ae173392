"""The Excel workbook of the report: 概览 (figures and tables from `jixiao.analytics`), then one sheet per table of
`jixiao.export.tables` (表单, 资金, 指标, 发现), then 扣分 and 异常.

openpyxl (write-only) builds the workbook: styles, the sheet list and 概览. The data sheets are streamed into the
package as they are read (`jixiao.export.package`; `jixiao.export.sheet` says why), so memory stays flat on any
corpus; a table longer than a sheet continues on 指标（续1） and so on. The analytics run meanwhile on a second
connection; on a large corpus a second process runs them and renders the biggest table.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import datetime
from multiprocessing import get_all_start_methods
from pathlib import Path
from tempfile import TemporaryDirectory

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.table import Table as ExcelTable
from openpyxl.worksheet.table import TableColumn, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet
from pydantic import BaseModel
from sqlalchemy import Engine

from jixiao import analytics
from jixiao.check.findings import CATEGORY_ZH, SEVERITY_ZH
from jixiao.export import sheet
from jixiao.export.files import Progress, ProgressFn, replacing
from jixiao.export.package import Forked, Package, Piece, Styles, from_files, pieces, render_to_files
from jixiao.export.tables import FORM_ID, TABLES, Column, Kind, Table
from jixiao.store.database import open_engine
from jixiao.store.query import ALL, Filter

SUMMARY = "概览"
DEDUCTION_ROWS = 10_000  # the biggest deductions listed on 扣分; 指标 has every indicator's weight and score
PARALLEL_ROWS = 200_000  # with a table this long, a second process renders it and runs the analytics
# 万元 with two decimals, up to six where an amount printed in 元 needs them (1,234.56 元 = 0.123456 万元)
NUMBER_FORMATS = {Kind.amount: "#,##0.00####", Kind.percent: '0.00"%"', Kind.score: "0.00"}
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
TITLE_FONT = Font(bold=True, size=14)
SECTION_FONT = Font(bold=True, size=12)

DEDUCTIONS = (
    Column("form_id", FORM_ID, Kind.integer), Column("year", "年度", Kind.integer),
    Column("department", "主管部门"), Column("project_name", "项目名称"), Column("level1", "一级指标"),
    Column("level2", "二级指标"), Column("name", "三级指标"), Column("target", "年度指标值"),
    Column("actual", "实际完成值"), Column("weight", "分值", Kind.score), Column("score", "得分", Kind.score),
    Column("lost", "扣分", Kind.score), Column("reason", "偏差原因分析及改进措施"), Column("document", "文件"),
    Column("line", "行号", Kind.integer),
)
OUTLIERS = (
    Column("form_id", FORM_ID, Kind.integer), Column("year", "年度", Kind.integer),
    Column("department", "主管部门"), Column("project_name", "项目名称"),
    Column("execution_rate", "执行率（重算）", Kind.percent), Column("self_score", "自评得分", Kind.score),
    Column("recomputed_score", "重算得分", Kind.score), Column("inflation", "自评高出重算", Kind.score),
    Column("grade", "评分等级"), Column("grade_recomputed", "重算等级"), Column("reason", "原因"),
    Column("document", "文件"), Column("line", "起始行", Kind.integer),
)
GROUP_COLUMNS = (
    Column("forms", "表数", Kind.integer), Column("mean_self_score", "平均自评得分", Kind.score),
    Column("mean_recomputed_score", "平均重算得分", Kind.score),
    Column("mean_execution_rate", "平均执行率（重算）", Kind.percent), Column("errors", "错误", Kind.integer),
    Column("warnings", "警告", Kind.integer), Column("infos", "提示", Kind.integer),
)
RULE_COLUMNS = (
    Column("code", "规则"), Column("title", "名称"), Column("severity", "级别", labels=SEVERITY_ZH),
    Column("category", "类别", labels=CATEGORY_ZH), Column("findings", "发现", Kind.integer),
    Column("forms", "涉及表数", Kind.integer), Column("errors", "错误", Kind.integer),
    Column("warnings", "警告", Kind.integer), Column("infos", "提示", Kind.integer),
)


def write_workbook(engine: Engine, path: Path, flt: Filter = ALL, *, progress: ProgressFn | None = None) -> Path:
    """Write the workbook on the forms `flt` selects to `path` (.xlsx) and return the path.

    `progress(done, total)` follows the rows of the data sheets. The file appears complete or not at all: it is
    written beside `path` and renamed at the end.
    """
    path = Path(path)
    book = Workbook(write_only=True)
    cells = _Cells(book.create_sheet(SUMMARY))
    with replacing(path) as partial, ExitStack() as stack:
        with engine.connect() as conn:
            counts = {t.name: t.count(conn, flt) for t in TABLES}
        second = _second_process(stack, engine, flt, counts, cells.styles, path.parent)  # forks: before any thread
        facts = second or stack.enter_context(ThreadPoolExecutor(1)).submit(_facts, engine, flt)  # .result(): _Facts
        advance = Progress(progress, sum(counts.values()))
        conn = stack.enter_context(engine.connect())
        package = Package(partial, cells.styles)
        try:
            for table in TABLES:
                if second and second.table is table:
                    widths, rendered = second.rendered()
                else:
                    widths, rendered = pieces(table.columns, table.chunks(conn, flt, labelled=True), cells.styles)
                package.write(table.title, table.columns, widths, rendered, advance)
            found = facts.result()
            for title, columns, models in (("扣分", DEDUCTIONS, found.deductions), ("异常", OUTLIERS, found.outliers)):
                package.write(title, columns, *pieces(columns, [_rows(models, columns)], cells.styles))
            _write_summary(cells, found, flt)
            package.close(book)
        except BaseException:
            package.abandon()
            raise
        advance.finish()
    return path


class _SecondProcess:
    """A table rendered, and the analytics run, by a forked process: on a large corpus this process's Python
    (which holds the GIL) has the other sheets to itself. The table's sheets come as temporary files."""

    def __init__(self, engine: Engine, flt: Filter, table: Table, styles: Styles, directory: str) -> None:
        self.table = table
        self._forked = Forked(_in_second_process, engine.url.render_as_string(hide_password=False), flt,
                              table.name, styles, directory)

    def rendered(self) -> tuple[list[float], Iterator[Piece]]:
        widths, files, _ = self._forked.result()
        return widths, from_files(files)

    def result(self) -> _Facts:
        return self._forked.result()[2]

    def stop(self) -> None:
        self._forked.stop()


def _second_process(stack: ExitStack, engine: Engine, flt: Filter, counts: dict[str, int], styles: Styles,
                    directory: Path) -> _SecondProcess | None:
    """A second process for the last table with PARALLEL_ROWS rows or more (this process writes the sheets in
    order, so it reaches that one last); none where processes cannot fork, nor for a database in memory, which
    another process cannot open."""
    table = next((t for t in reversed(TABLES) if counts[t.name] >= PARALLEL_ROWS), None)
    url = engine.url
    if (table is None or "fork" not in get_all_start_methods()
            or (url.get_backend_name() == "sqlite" and url.database in (None, "", ":memory:"))):
        return None
    temporary = stack.enter_context(TemporaryDirectory(dir=directory, prefix=".jixiao-"))
    second = _SecondProcess(engine, flt, table, styles, temporary)
    stack.callback(second.stop)
    return second


def _in_second_process(url: str, flt: Filter, table: str, styles: Styles, directory: str
                       ) -> tuple[list[float], list[tuple[str, int]], _Facts]:
    engine = open_engine(url, migrate=False)
    try:
        with ThreadPoolExecutor(1) as pool:
            facts = pool.submit(_facts, engine, flt)
            widths, files = render_to_files(engine, table, flt, styles, directory)
            return widths, files, facts.result()
    finally:
        engine.dispose()


class _Cells:
    """Cells of 概览, styled; registering the styles with openpyxl first gives the streamed sheets their ids."""

    def __init__(self, ws: Worksheet) -> None:
        self.ws = ws
        self.styles = Styles(self.cell(None, header=True).style_id,
                             {kind: self.cell(None, kind).style_id for kind in NUMBER_FORMATS})

    def cell(self, value: object, kind: Kind | None = None, *, header: bool = False, font: Font | None = None
             ) -> WriteOnlyCell:
        """A cell of 概览. Text is always text: openpyxl would write "=…" (a 主管部门 from a published document)
        as a live formula, and refuse a control character."""
        cell = WriteOnlyCell(self.ws, sheet.fit_cell(value))  # without the characters XML forbids
        if isinstance(value, str):
            cell.data_type = "s"
        if header:
            cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        if font is not None:
            cell.font = font
        if kind in NUMBER_FORMATS:
            cell.number_format = NUMBER_FORMATS[kind]
        return cell


@dataclass
class _Facts:
    overview: analytics.Overview
    departments: list[analytics.GroupStats]
    years: list[analytics.GroupStats]
    rules: list[analytics.RuleCount]
    outliers: list[analytics.ScorePoint]
    deductions: list[analytics.Deduction]


def _facts(engine: Engine, flt: Filter) -> _Facts:
    with engine.connect() as conn:
        return _Facts(
            overview=analytics.overview(conn, flt),
            departments=analytics.group_stats(conn, flt, "department"),
            years=analytics.group_stats(conn, flt, "year"),
            rules=analytics.findings_by_rule(conn, flt),
            outliers=analytics.outliers(conn, flt),
            deductions=analytics.deductions(conn, flt, limit=DEDUCTION_ROWS),
        )


def _rows(models: Sequence[BaseModel], columns: Sequence[Column]) -> list[tuple]:
    """The models' fields in `columns` order, codes shown by their labels."""
    return [tuple(_shown(getattr(m, c.key), c) for c in columns) for m in models]


def _shown(value: object, column: Column) -> object:
    return column.labels.get(value, value) if column.labels and isinstance(value, str) else value


class _Summary:
    """概览, row by row: a title, the key figures, then tables, each an Excel table with its own filter."""

    def __init__(self, cells: _Cells) -> None:
        self.ws, self.cells, self.row = cells.ws, cells, 0

    def line(self, *cells: object) -> None:
        self.ws.append([self.cells.cell(c) if isinstance(c, str) else c for c in cells])
        self.row += 1

    def table(self, name: str, title: str, columns: Sequence[Column], rows: Sequence[Sequence]) -> None:
        self.line()
        self.line(self.cells.cell(title, font=SECTION_FONT))
        self.line(*(self.cells.cell(c.header, header=True) for c in columns))
        top = self.row
        for row in rows:
            self.line(*(self.cells.cell(v, c.kind) for v, c in zip(row, columns, strict=True)))
        if not rows:
            return  # an Excel table needs a data row
        table = ExcelTable(displayName=name, ref=sheet.area(len(columns), top, self.row),
                           tableStyleInfo=TableStyleInfo(name="TableStyleLight1", showRowStripes=True),
                           tableColumns=[TableColumn(id=i, name=c.header) for i, c in enumerate(columns, 1)])
        with warnings.catch_warnings():  # openpyxl warns that write-only tables need their columns: they have them
            warnings.simplefilter("ignore")
            self.ws.add_table(table)


def _groups(stats: Sequence[analytics.GroupStats]) -> list[tuple]:
    """Group rows; forms that do not state the key are the group 未填."""
    return [("未填" if g.key is None else g.key, *row) for g, row in zip(stats, _rows(stats, GROUP_COLUMNS),
                                                                         strict=True)]


def _page_setup(ws: Worksheet, landscape: bool) -> None:
    """Print settings of 概览, as the streamed sheets get them (`sheet.page_setup`): A4, fitted to the page width,
    the first row repeated, the sheet's name in the header and page numbers in the footer."""
    ws.page_setup.paperSize = sheet.A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    for side, inches in sheet.MARGINS.items():
        setattr(ws.page_margins, side, inches)
    ws.print_title_rows = "1:1"
    left, right = sheet.PAGE_HEADER.removeprefix("&L").split("&R")
    ws.oddHeader.left.text, ws.oddHeader.right.text = left, right
    ws.oddFooter.center.text = sheet.PAGE_FOOTER.removeprefix("&C")


def _write_summary(cells: _Cells, found: _Facts, flt: Filter) -> None:
    widths = [40, *[16] * 8]
    for letter, width in zip("ABCDEFGHI", widths, strict=True):
        cells.ws.column_dimensions[letter].width = width
    _page_setup(cells.ws, sheet.is_wide(widths))
    s = _Summary(cells)
    o = found.overview
    s.line(cells.cell("财政项目支出绩效自评表核查汇总", font=TITLE_FONT))
    s.line(f"范围：{flt.describe()}", f"生成时间：{datetime.now():%Y-%m-%d %H:%M}")
    figures: list[tuple[str, object, Kind]] = [
        ("文件", o.documents, Kind.integer), ("自评表", o.forms, Kind.integer),
        ("主管部门", o.departments, Kind.integer), ("年度", "、".join(map(str, o.years)) or "—", Kind.text),
        ("错误", o.findings.get("error", 0), Kind.integer), ("警告", o.findings.get("warning", 0), Kind.integer),
        ("提示", o.findings.get("info", 0), Kind.integer), ("有错误的表", o.forms_with_errors, Kind.integer),
        ("平均自评得分", o.mean_self_score, Kind.score), ("平均重算得分", o.mean_recomputed_score, Kind.score),
        ("平均执行率（重算）", o.mean_execution_rate, Kind.percent), ("读取失败的文件", o.failures, Kind.integer),
        *((f"评分等级：{grade}", n, Kind.integer) for grade, n in o.grades.items()),
    ]
    s.line()
    s.line(cells.cell("项目", header=True), cells.cell("数值", header=True))
    for label, value, kind in figures:
        s.line(label, cells.cell(value, kind))
    if len(found.deductions) >= DEDUCTION_ROWS:
        s.line(f"“扣分”只列出扣分最多的 {DEDUCTION_ROWS:,} 项；每个指标的分值和得分见“指标”")
    department, year = Column("key", "主管部门"), Column("key", "年度", Kind.integer)
    s.table("ByDepartment", "按主管部门", (department, *GROUP_COLUMNS), _groups(found.departments))
    s.table("ByYear", "按年度", (year, *GROUP_COLUMNS), _groups(found.years))
    s.table("ByRule", "按规则", RULE_COLUMNS, _rows(found.rules, RULE_COLUMNS))
