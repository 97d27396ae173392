"""The Excel workbook of the report, on the sample corpus: its sheets, headers, formats and rows as openpyxl reads
them back, tables longer than a sheet, filters, an empty corpus, the second process, and the fast row renderer."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils import get_column_letter
from sqlalchemy import Engine, func, select

from jixiao import analytics
from jixiao.check.catalogue import load_rules
from jixiao.export import sheet
from jixiao.export.tables import FUND_ROWS, INDICATORS, TABLES
from jixiao.report import workbook
from jixiao.report.workbook import DEDUCTIONS, OUTLIERS, write_workbook
from jixiao.store.database import open_engine
from jixiao.store.query import ALL, Filter, findings_t, form_ids, forms_t, fund_rows_t, indicators_t

DATA_SHEETS = ["表单", "资金", "指标", "发现", "扣分", "异常"]


@pytest.fixture(scope="module")
def book(sample_db: Path, tmp_path_factory: pytest.TempPathFactory) -> openpyxl.Workbook:
    engine = open_engine(str(sample_db))
    path = write_workbook(engine, tmp_path_factory.mktemp("book") / "report.xlsx")
    engine.dispose()
    return openpyxl.load_workbook(path)


def values(ws) -> list[tuple]:  # noqa: ANN001 - a worksheet
    return list(ws.iter_rows(values_only=True))


def column(ws, header: str) -> list:  # noqa: ANN001 - a worksheet
    rows = values(ws)
    i = rows[0].index(header)
    return [row[i] for row in rows[1:]]


def count(engine: Engine, table, flt: Filter = ALL) -> int:  # noqa: ANN001 - a table
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(table).where(table.c.form_id.in_(form_ids(flt)))
                            ).scalar_one()


def test_sheets_and_headers(book: openpyxl.Workbook) -> None:
    assert book.sheetnames == ["概览", *DATA_SHEETS]
    assert values(book["表单"])[0] == (
        "表单ID", "风险分", "文件", "序号", "年度", "项目名称", "主管部门", "实施单位", "全年预算数（万元）",
        "原表单位", "总分值", "自评得分", "重算得分", "执行率（重算）", "评分等级", "重算等级", "错误", "警告", "提示",
        "起止行")
    assert values(book["资金"])[0] == (
        "表单ID", "项目名称", "资金类别", "年初预算数（万元）", "全年预算数（万元）", "全年执行数（万元）", "原表单位",
        "分值", "执行率（填报）", "执行率（重算）", "得分（填报）", "得分（重算）")
    assert values(book["发现"])[0] == (
        "表单ID", "规则", "名称", "级别", "类别", "路径", "说明", "填报值", "应为", "差额", "行号", "文件", "项目名称",
        "已豁免原因", "重算过程")
    for title, table in (("资金", FUND_ROWS), ("指标", INDICATORS)):
        assert values(book[title])[0] == tuple(table.headers)
    assert values(book["扣分"])[0] == tuple(c.header for c in DEDUCTIONS)
    assert values(book["异常"])[0] == tuple(c.header for c in OUTLIERS)
    header = book["指标"]["A1"]
    assert header.font.bold and header.fill.fgColor.rgb.endswith("DDEBF7")


def test_frozen_header_and_filter_on_every_data_sheet(book: openpyxl.Workbook) -> None:
    for title in DATA_SHEETS:
        ws = book[title]
        assert ws.freeze_panes == "A2", title
        assert ws.auto_filter.ref == f"A1:{get_column_letter(ws.max_column)}{ws.max_row}", title


def test_rows_are_the_corpus(book: openpyxl.Workbook, sample_engine: Engine) -> None:
    assert len(values(book["表单"])) - 1 == 58
    assert len(values(book["资金"])) - 1 == 232
    assert len(values(book["指标"])) - 1 == 495
    assert len(values(book["发现"])) - 1 == count(sample_engine, findings_t) > 0
    with sample_engine.connect() as conn:
        deductions = analytics.deductions(conn, limit=workbook.DEDUCTION_ROWS)
        outliers = analytics.outliers(conn)
    assert column(book["扣分"], "扣分") == [d.lost for d in deductions]
    assert column(book["异常"], "原因") == [p.reason for p in outliers] and outliers


def test_number_formats(book: openpyxl.Workbook) -> None:
    funds = book["资金"]
    headers = values(funds)[0]
    row = funds[2]
    formats = {h: row[i].number_format for i, h in enumerate(headers)}
    assert formats["年初预算数（万元）"] == formats["全年执行数（万元）"] == "#,##0.00####"
    assert formats["执行率（填报）"] == formats["执行率（重算）"] == '0.00"%"'
    assert formats["得分（填报）"] == formats["分值"] == "0.00"
    forms = book["表单"]
    headers = values(forms)[0]
    assert forms.cell(2, headers.index("执行率（重算）") + 1).number_format == '0.00"%"'
    assert forms.cell(2, headers.index("自评得分") + 1).number_format == "0.00"
    assert book["表单"].column_dimensions["F"].width > book["表单"].column_dimensions["D"].width  # names are wide


def test_a_known_form_and_finding(book: openpyxl.Workbook, sample_engine: Engine) -> None:
    forms = [dict(zip(values(book["表单"])[0], row, strict=True)) for row in values(book["表单"])[1:]]
    form = next(f for f in forms if f["文件"] == "000_cf1bceb3fa2c9cc3.txt" and f["序号"] == 1)
    assert form["年度"] == 2023 and form["全年预算数（万元）"] == 1995.03
    assert form["项目名称"] == "产业转型升级重点工作" and form["原表单位"] == "万元" and form["评分等级"] == "优"
    assert form["自评得分"] == 99.94 and form["执行率（重算）"] == pytest.approx(99.4471, abs=1e-4)
    assert form["起止行"] == "3-29"
    risks = [f["风险分"] for f in forms]
    assert risks == sorted(risks, reverse=True)  # the highest risk first, as the report
    with sample_engine.connect() as conn:
        stored = conn.execute(select(findings_t).where(findings_t.c.code == "AR04")
                              .order_by(findings_t.c.form_id, findings_t.c.id)).mappings().first()
    rows = values(book["发现"])
    found = dict(zip(rows[0], next(r for r in rows[1:] if r[1] == "AR04"), strict=True))
    assert found["名称"] == load_rules()["AR04"].title and found["级别"] == "错误" and found["类别"] == "准确性"
    assert (found["表单ID"], found["路径"], found["说明"], found["行号"]) == (
        stored["form_id"], stored["path"], stored["message"], stored["line"])
    assert found["填报值"] == stored["provided"] and found["应为"] == stored["expected"]
    assert found["差额"] == stored["difference"] and found["已豁免原因"] is None
    indicator = dict(zip(values(book["指标"])[0], values(book["指标"])[1], strict=True))
    assert indicator["年度指标值"] == "=2(场)" and indicator["指标值数值"] == 2.0 and indicator["指标值单位"] == "场"
    assert indicator["计分方式"] == "等于型指标" and indicator["偏差原因分析及改进措施"] is None


def test_summary_sheet(book: openpyxl.Workbook, sample_engine: Engine) -> None:
    ws = book["概览"]
    figures = {row[0]: row[1] for row in values(ws) if row and row[0]}
    with sample_engine.connect() as conn:
        overview = analytics.overview(conn)
        rules = analytics.findings_by_rule(conn)
    assert figures["自评表"] == 58 and figures["错误"] == overview.findings["error"]
    assert figures["平均执行率（重算）"] == pytest.approx(overview.mean_execution_rate)
    assert set(ws.tables) == {"ByDepartment", "ByYear", "ByRule"}
    by_rule = ws.tables["ByRule"]
    rows = list(ws[by_rule.ref])
    assert [c.value for c in rows[0]] == [c.name for c in by_rule.tableColumns]
    assert [r[0].value for r in rows[1:]] == [r.code for r in rules]
    years = [r[0].value for r in list(ws[ws.tables["ByYear"].ref])[1:]]
    assert years == overview.years


def test_a_table_longer_than_a_sheet_continues(monkeypatch: pytest.MonkeyPatch, sample_engine: Engine,
                                               book: openpyxl.Workbook, tmp_path: Path) -> None:
    monkeypatch.setattr(sheet, "MAX_ROWS", 101)  # 100 rows and the header
    split = openpyxl.load_workbook(write_workbook(sample_engine, tmp_path / "split.xlsx"))
    parts = ["指标", *(f"指标（续{n}）" for n in range(1, 5))]
    assert [name for name in split.sheetnames if name.startswith("指标")] == parts
    assert [len(values(split[p])) - 1 for p in parts] == [100, 100, 100, 100, 95]
    assert split["指标（续4）"].auto_filter.ref == "A1:U96" and split["指标（续4）"].freeze_panes == "A2"
    assert [row for p in parts for row in values(split[p])[1:]] == values(book["指标"])[1:]
    assert values(split["指标（续2）"])[0] == tuple(INDICATORS.headers)


def test_filters(sample_engine: Engine, tmp_path: Path) -> None:
    year = openpyxl.load_workbook(write_workbook(sample_engine, tmp_path / "2023.xlsx", Filter(year=2023)))
    assert set(column(year["表单"], "年度")) == {2023} and len(column(year["表单"], "年度")) == 35
    assert len(column(year["发现"], "规则")) == count(sample_engine, findings_t, Filter(year=2023))
    with sample_engine.connect() as conn:
        expected = set(conn.execute(select(findings_t.c.form_id).where(findings_t.c.code == "AR04")).scalars())
    rule = openpyxl.load_workbook(write_workbook(sample_engine, tmp_path / "ar04.xlsx", Filter(rule="AR04")))
    assert set(column(rule["表单"], "表单ID")) == expected
    assert set(column(rule["指标"], "表单ID")) == expected


def test_empty_corpus(tmp_path: Path) -> None:
    engine = open_engine(str(tmp_path / "empty.db"))
    book = openpyxl.load_workbook(write_workbook(engine, tmp_path / "empty.xlsx"))
    assert book.sheetnames == ["概览", *DATA_SHEETS]
    for title in DATA_SHEETS:
        assert len(values(book[title])) == 1 and book[title].auto_filter.ref.endswith("1"), title
    assert {row[0]: row[1] for row in values(book["概览"]) if row and row[0]}["自评表"] == 0
    assert not list(tmp_path.glob("*.part"))


def test_second_process_writes_the_same(monkeypatch: pytest.MonkeyPatch, sample_engine: Engine,
                                        book: openpyxl.Workbook, tmp_path: Path) -> None:
    monkeypatch.setattr(workbook, "PARALLEL_ROWS", 0)  # 发现 and the analytics go to a forked process
    calls = []
    path = write_workbook(sample_engine, tmp_path / "forked.xlsx", progress=lambda done, total: calls.append(
        (done, total)))
    forked = openpyxl.load_workbook(path)
    for title in DATA_SHEETS:
        assert values(forked[title]) == values(book[title]), title
    assert [p.name for p in tmp_path.iterdir()] == ["forked.xlsx"]  # no temporary files left
    total = sum(count(sample_engine, t) for t in (fund_rows_t, indicators_t, findings_t)) + 58
    assert calls[-1] == (total, total) and [d for d, _ in calls] == sorted(d for d, _ in calls)
    with sample_engine.connect() as conn:  # the parent's connections survived the fork
        assert conn.execute(select(func.count()).select_from(forms_t)).scalar_one() == 58


def test_a_failing_second_process_leaves_nothing(monkeypatch: pytest.MonkeyPatch, sample_engine: Engine,
                                                 tmp_path: Path) -> None:
    def fail(*args: object) -> None:
        raise OSError("磁盘已满")

    monkeypatch.setattr(workbook, "PARALLEL_ROWS", 0)
    monkeypatch.setattr(workbook, "render_to_files", fail)  # the forked child inherits the patch
    with pytest.raises(RuntimeError, match="磁盘已满"):
        write_workbook(sample_engine, tmp_path / "failed.xlsx")
    assert list(tmp_path.iterdir()) == []


def test_postgres_gives_the_sqlite_workbook(postgres_url: str, sample_engine: Engine, book: openpyxl.Workbook,
                                            monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from jixiao.ingest import ingest

    from .conftest import EXAMPLES
    from .test_store import fresh_postgres

    engine = fresh_postgres(postgres_url)
    ingest(engine, [EXAMPLES], jobs=1)  # one worker, so form ids are those of the SQLite sample
    monkeypatch.setattr(workbook, "PARALLEL_ROWS", 0)
    pg = openpyxl.load_workbook(write_workbook(engine, tmp_path / "pg.xlsx"))
    for title in DATA_SHEETS:
        assert values(pg[title]) == values(book[title]), title
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(forms_t)).scalar_one() == 58
    engine.dispose()


@pytest.mark.parametrize("table", TABLES, ids=lambda t: t.name)
def test_every_table_has_unique_keys_and_headers(table) -> None:  # noqa: ANN001 - a table
    assert len(set(table.keys)) == len(table.keys) and len(set(table.headers)) == len(table.headers)
    assert table.keys[0] == "form_id"


def parse_rows(xml: bytes) -> list[list]:
    """Cell values of rendered rows: text as str, numbers as float, empty cells as None."""
    ns = {"m": sheet.NAMESPACE}
    root = ET.fromstring(b'<sheetData xmlns="' + sheet.NAMESPACE.encode() + b'">' + xml + b"</sheetData>")
    rows = []
    for row in root.findall("m:row", ns):
        cells = []
        for c in row.findall("m:c", ns):
            text, number = c.find("m:is/m:t", ns), c.find("m:v", ns)
            cells.append(text.text or "" if text is not None else float(number.text) if number is not None else None)
        rows.append(cells)
    return rows


def test_row_renderer_escapes_and_cleans() -> None:
    fmt = sheet.RowFormat([0, 7, 3], [False, True, False])
    rows = [("a<b & c>d", 1.5, None), (None, None, "x\x0by\x00z"), ("nan", float("nan"), "\x01"),
            ("&amp;", float("inf"), "end")]
    xml = fmt.render(rows)
    assert parse_rows(xml) == [["a<b & c>d", 1.5, None], [None, None, "xyz"], ["nan", None, ""],
                               ["&amp;", None, "end"]]
    assert b'<c s="7"></c>' in xml  # an empty number keeps its format
    assert fmt.render([]) == b""
    long = "<" * (sheet.MAX_CELL + 5)
    assert parse_rows(fmt.render([(long, 1, "x")])) == [["<" * sheet.MAX_CELL, 1.0, "x"]]


def test_column_widths_count_wide_characters_double() -> None:
    assert sheet.text_width("项目abc") == 7 and sheet.text_width(1234.5) == len("1,234.50")
    assert sheet.column_widths(["年度", "说明"], [(2023, "很" * 100)]) == [6, sheet.MAX_WIDTH]


def test_waived_findings_carry_their_reason(sample_engine: Engine, tmp_path: Path) -> None:
    import json

    from jixiao.export import export
    from jixiao.ingest import ingest

    records = export(sample_engine, "json", tmp_path / "in" / "forms.json", Filter(year=2021))[0]
    doc = json.loads(records.read_text(encoding="utf-8"))
    code = next(f["code"] for f in doc["findings"] if f["form"] == 0)
    doc["forms"][0]["waivers"] = [{"code": code, "reason": "已与主管部门确认"}]
    records.write_text(json.dumps({"forms": doc["forms"]}, ensure_ascii=False), encoding="utf-8")
    engine = open_engine(str(tmp_path / "waived.db"))
    ingest(engine, [records], jobs=1)
    book = openpyxl.load_workbook(write_workbook(engine, tmp_path / "waived.xlsx"))
    rows = values(book["发现"])
    reason = rows[0].index("已豁免原因")
    waived = [r for r in rows[1:] if r[reason]]
    assert waived and {r[1] for r in waived} == {code} and waived[0][reason] == "已与主管部门确认"
    with engine.connect() as conn:
        unwaived = analytics.overview(conn).findings
    figures = {row[0]: row[1] for row in values(book["概览"]) if row and row[0]}
    for severity, label in (("error", "错误"), ("warning", "警告"), ("info", "提示")):
        assert figures[label] == unwaived[severity] == sum(1 for r in rows[1:] if r[3] == label and not r[reason])
    engine.dispose()


def test_every_sheet_prints_on_a4_fitted_to_width_with_its_header_repeated(book: openpyxl.Workbook) -> None:
    for ws in book:
        setup = ws.page_setup
        assert setup.paperSize in (9, "9") and setup.orientation == "landscape", ws.title  # all are wide
        assert int(setup.fitToWidth) == 1 and int(setup.fitToHeight) == 0, ws.title
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        assert ws.print_title_rows == "$1:$1", ws.title
        assert "&P" in ws.oddFooter.center.text and ws.oddHeader.left.text == "&A", ws.title
    assert sheet.is_wide([10] * 12) and not sheet.is_wide([10, 20, 30])


def test_funds_are_in_one_unit_with_the_printed_unit_beside(book: openpyxl.Workbook, sample_engine: Engine) -> None:
    rows = values(book["资金"])
    head = rows[0]
    with sample_engine.connect() as conn:
        stored = conn.execute(select(fund_rows_t.c.initial_budget, fund_rows_t.c.annual_budget,
                                     fund_rows_t.c.executed, forms_t.c.fund_unit)
                              .join(forms_t, forms_t.c.id == fund_rows_t.c.form_id)
                              .order_by(fund_rows_t.c.form_id, fund_rows_t.c.id)).all()
    assert {unit for *_, unit in stored} == {"元", "万元"}
    columns = [head.index(h) for h in ("年初预算数（万元）", "全年预算数（万元）", "全年执行数（万元）")]
    for row, (*amounts, unit) in zip(rows[1:], stored, strict=True):
        assert row[head.index("原表单位")] == unit
        for i, amount in zip(columns, amounts, strict=True):
            expected = None if amount is None else amount / 10_000 if unit == "元" else amount
            assert row[i] == pytest.approx(expected), (row, unit)
    yuan = next(row for row in rows[1:] if row[head.index("原表单位")] == "元")
    assert yuan[head.index("全年预算数（万元）")] < 100_000  # no 元 amount left in the column


def test_recomputation_is_called_重算_and_复核_is_a_persons_review(book: openpyxl.Workbook) -> None:
    for ws in book:
        for row in ws.iter_rows(values_only=True):
            for value in row:
                if isinstance(value, str) and "复核" in value:
                    assert "需复核" in value or "需要复核" in value, (ws.title, value)  # RF08: a person should review
    assert "重算过程" in values(book["发现"])[0] and "平均重算得分" in {r[0] for r in values(book["概览"]) if r}
