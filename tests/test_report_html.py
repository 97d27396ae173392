"""The HTML report: one self-contained file, checked as written and as a browser shows it (headless Chromium)."""

from __future__ import annotations

import base64
import itertools
import json
import os
import re
import shutil
import zlib
from pathlib import Path

import pytest
from sqlalchemy import func, select

import jixiao
from jixiao.ingest import ingest
from jixiao.report import html as report_html
from jixiao.report.html import write_html
from jixiao.store.database import open_engine
from jixiao.store.query import Filter, documents_t, findings_t, forms_t, fund_rows_t, indicators_t

from .conftest import EXAMPLES
from .test_store import fresh_postgres

EXAMPLE = EXAMPLES / "000_cf1bceb3fa2c9cc3.txt"
EVIL_NAME = "<script>alert(1)</script></script><img src=x onerror=alert(2)>"
EVIL_DEPARTMENT = "</script><b>部门</b>"
EVIL_INDICATOR = "<img src=x onerror=alert(3)>"
CHARTS = ("chart-grades", "chart-scatter", "chart-rules", "chart-departments", "chart-deductions")
RISK = report_html.pagedata.SCHEMA["index"].index("risk")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync"]


# ---------------------------------------------------------------- the file itself

def blocks(text: str, cls: str) -> list:
    """The decoded data blocks of class `cls` (jx-index, jx-pages) in a report."""
    return [json.loads(zlib.decompress(base64.b64decode(b)))
            for b in re.findall(rf'<script type="text/plain" class="{cls}"[^>]*>([^<]*)</script>', text)]


def index_rows(text: str) -> list[list]:
    return [row for block in blocks(text, "jx-index") for row in block]


@pytest.fixture(scope="module")
def report(sample_db: Path, tmp_path_factory) -> Path:
    engine = open_engine(str(sample_db))
    try:
        return write_html(engine, tmp_path_factory.mktemp("report") / "report.html")
    finally:
        engine.dispose()


def test_file_is_self_contained(report: Path):
    text = report.read_text(encoding="utf-8")
    assert not re.search(r"""(?:src|href|action|poster|data)\s*=\s*["']?\s*(?:https?:)?//""", text, re.I)
    assert not re.search(r"<link\b|@import|url\(\s*['\"]?(?:https?:)?//", text, re.I)
    echarts = (Path(report_html.__file__).parent / "assets" / "echarts.min.js").read_text(encoding="utf-8")
    assert echarts.strip() in text  # inlined, not referenced
    assert '<html lang="zh-CN">' in text
    assert not report.with_name(report.name + ".part").exists()


def test_every_form_is_indexed_and_has_a_page(report: Path, sample_engine):
    text = report.read_text(encoding="utf-8")
    rows = index_rows(text)
    with sample_engine.connect() as conn:
        ids = sorted(conn.execute(select(forms_t.c.id)).scalars())
    assert sorted(r[0] for r in rows) == ids and len(ids) == 58
    paged = [form_id for _, forms, *_ in blocks(text, "jx-pages") for form_id in forms[0]]
    assert sorted(paged) == ids


def test_progress_is_reported(sample_engine, tmp_path):
    seen = []
    write_html(sample_engine, tmp_path / "r.html", progress=lambda done, total: seen.append((done, total)))
    assert seen[0] == (0, 58) and seen[-1] == (58, 58)


def test_filtered_report_holds_only_its_forms(sample_engine, tmp_path):
    text = write_html(sample_engine, tmp_path / "y.html", Filter(year=2023)).read_text(encoding="utf-8")
    with sample_engine.connect() as conn:
        ids = sorted(conn.execute(select(forms_t.c.id).where(forms_t.c.year == 2023)).scalars())
    rows = index_rows(text)
    assert sorted(r[0] for r in rows) == ids
    assert {r[3] for r in rows} == {2023}
    assert "2023 年" in text  # the scope line


def test_limited_pages_keep_the_forms_of_highest_risk(sample_engine, tmp_path):
    text = write_html(sample_engine, tmp_path / "few.html", max_form_pages=5).read_text(encoding="utf-8")
    paged = [form_id for _, forms, *_ in blocks(text, "jx-pages") for form_id in forms[0]]
    with sample_engine.connect() as conn:
        riskiest = conn.execute(select(forms_t.c.id).order_by(forms_t.c.risk.desc(), forms_t.c.errors.desc(),
                                                              forms_t.c.id).limit(5)).scalars().all()
    assert sorted(paged) == sorted(riskiest)
    assert len(index_rows(text)) == 58
    assert "只收录了风险分最高的 5 张表的详细页面（共 58 张）" in text


def test_index_rows_carry_risk_budget_and_rule_codes(report: Path, sample_engine):
    names = report_html.pagedata.SCHEMA["index"]
    rows = {r[0]: dict(zip(names, r, strict=True)) for r in index_rows(report.read_text(encoding="utf-8"))}
    with sample_engine.connect() as conn:
        stored = conn.execute(select(forms_t.c.id, forms_t.c.risk, forms_t.c.risk_parts, forms_t.c.fund_unit)).all()
        codes = conn.execute(select(findings_t.c.form_id, findings_t.c.code).where(findings_t.c.waived.is_(None))).all()
    for form_id, risk, parts, unit in stored:
        row = rows[form_id]
        assert row["risk"] == pytest.approx(risk) and row["fund_unit"] == unit
        assert row["risk_parts"] == [pytest.approx(parts[k], abs=0.01) for k in ("findings", "inflation", "execution",
                                                                                  "factor")]
        assert row["budget_wan"] == pytest.approx(parts["budget_wan"])
        assert set(row["codes"].split()) == {code for i, code in codes if i == form_id}


def test_several_processes_write_the_same_data(sample_engine, tmp_path, monkeypatch):
    serial = write_html(sample_engine, tmp_path / "one.html").read_text(encoding="utf-8")
    monkeypatch.setattr(report_html, "PARALLEL_FROM", 0)
    parallel = write_html(sample_engine, tmp_path / "many.html").read_text(encoding="utf-8")
    for cls in ("jx-index", "jx-pages"):
        assert blocks(parallel, cls) == blocks(serial, cls)
    analytics = re.compile(r'id="jx-analytics">([^<]*)<')
    assert analytics.search(parallel).group(1) == analytics.search(serial).group(1)


def test_postgres_report(postgres_url, tmp_path, monkeypatch):
    engine = fresh_postgres(postgres_url)
    try:
        ingest(engine, [EXAMPLES], jobs=1)
        serial = write_html(engine, tmp_path / "pg.html", Filter(year=2023)).read_text(encoding="utf-8")
        monkeypatch.setattr(report_html, "PARALLEL_FROM", 0)  # worker processes on PostgreSQL too
        parallel = write_html(engine, tmp_path / "pg2.html", Filter(year=2023)).read_text(encoding="utf-8")
        with engine.connect() as conn:
            ids = sorted(conn.execute(select(forms_t.c.id).where(forms_t.c.year == 2023)).scalars())
    finally:
        engine.dispose()
    assert sorted(r[0] for r in index_rows(serial)) == ids
    assert blocks(parallel, "jx-pages") == blocks(serial, "jx-pages")


def test_document_text_never_reaches_the_markup_raw(evil_db: Path, tmp_path):
    engine = open_engine(str(evil_db))
    try:
        text = write_html(engine, tmp_path / "e.html", Filter(department=EVIL_DEPARTMENT)).read_text(encoding="utf-8")
    finally:
        engine.dispose()
    assert EVIL_DEPARTMENT not in text and "&lt;/script&gt;&lt;b&gt;部门&lt;/b&gt;" in text  # autoescaped scope
    assert EVIL_NAME in json.dumps(index_rows(text), ensure_ascii=False)  # kept as data, shown as text


def test_json_script_cannot_end_its_element():
    escaped = report_html.json_script({"x": "</script><!-- & -->"})
    assert "<" not in escaped and ">" not in escaped and "&" not in escaped
    assert json.loads(str(escaped)) == {"x": "</script><!-- & -->"}


@pytest.fixture(scope="module")
def evil_db(tmp_path_factory) -> Path:
    """A one-form corpus whose project name, department and an indicator are HTML payloads."""
    form = jixiao.parse(str(EXAMPLE))[0].record()
    form["project_name"], form["department"] = EVIL_NAME, EVIL_DEPARTMENT
    form["indicators"][0]["name"] = EVIL_INDICATOR
    folder = tmp_path_factory.mktemp("evil")
    (folder / "evil.json").write_text(json.dumps({"forms": [form]}, ensure_ascii=False), encoding="utf-8")
    path = folder / "evil.db"
    engine = open_engine(str(path))
    ingest(engine, [folder / "evil.json"], jobs=1)
    engine.dispose()
    return path


# ---------------------------------------------------------------- in the browser

@pytest.fixture(scope="module")
def browser():
    chromium = shutil.which("chromium")
    if chromium is None:
        if os.environ.get("CI"):
            pytest.fail("CI must test the report in a browser: install chromium")
        pytest.skip("no chromium on this machine")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Opened:
    """A report open in a page, with everything it complained about and every request it tried."""

    def __init__(self, browser, path: Path, fragment: str = "") -> None:
        self.page = browser.new_page(viewport={"width": 1400, "height": 900})
        self.problems: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", lambda m: self.problems.append(f"{m.type}: {m.text}") if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:")
                        else (self.problems.append(f"request: {route.request.url}"), route.abort()))
        self.page.goto(path.as_uri() + fragment)
        self.page.wait_for_function("document.body.dataset.ready === '1'", timeout=60_000)

    def go(self, fragment: str) -> None:
        self.page.evaluate("f => { location.hash = f; }", fragment)

    def close(self) -> None:
        self.page.close()


@pytest.fixture
def opened(browser, report):
    page = Opened(browser, report)
    yield page
    assert page.problems == []
    page.close()


def test_every_chart_is_drawn(opened):
    for chart in CHARTS:
        drawn = opened.page.evaluate("""id => {
            const node = document.getElementById(id);
            const chart = echarts.getInstanceByDom(node);
            const canvas = node.querySelector("canvas");
            return chart ? {points: chart.getOption().series.map(s => s.data.length),
                            width: canvas.width, height: canvas.height} : null;
        }""", chart)
        assert drawn, chart
        assert sum(drawn["points"]) > 0, chart
        assert drawn["width"] > 0 and drawn["height"] > 0, chart


def test_forms_table_sorts_and_filters(opened, sample_engine):
    page = opened.page
    table = "#table-forms"
    assert page.inner_text(f"{table} .count") == "共 58 条"
    assert page.evaluate("window.jixiaoReport.tables.forms.view.length") == 58
    risks = page.evaluate(f"window.jixiaoReport.tables.forms.view.map(r => r[{RISK}])")
    assert risks == sorted(risks, reverse=True) and risks[0] > risks[-1]  # highest risk first by default
    assert page.get_attribute(f"{table} th:has-text('风险分')", "data-sort") == "desc"
    page.click(f"{table} th:has-text('自评得分')")  # numbers sort high to low first
    scores = page.evaluate("window.jixiaoReport.tables.forms.view.map(r => r[4]).filter(v => v != null)")
    assert scores == sorted(scores, reverse=True)
    page.click(f"{table} th:has-text('自评得分')")
    scores = page.evaluate("window.jixiaoReport.tables.forms.view.map(r => r[4]).filter(v => v != null)")
    assert scores == sorted(scores)
    column = page.evaluate(f"[...document.querySelectorAll('{table} thead th')].findIndex(th => th.textContent"
                           ".startsWith('自评得分'))")
    first = page.inner_text(f"{table} tbody tr:first-child td:nth-child({column + 1})")
    assert float(first) == scores[0]

    with sample_engine.connect() as conn:
        in_2021 = conn.execute(select(forms_t.c.id).where(forms_t.c.year == 2021)).scalars().all()
        name = conn.execute(select(forms_t.c.project_name).where(forms_t.c.id == in_2021[0])).scalar_one()
    page.select_option(f"{table} select[data-filter='年度']", "2021")
    assert page.inner_text(f"{table} .count") == f"筛选出 {len(in_2021)} 条（共 58 条）"
    assert set(page.evaluate("window.jixiaoReport.tables.forms.view.map(r => r[3])")) == {2021}
    page.fill(f"{table} input[type=search]", name)
    page.wait_for_function(f"window.jixiaoReport.tables.forms.view.length < {len(in_2021)}")
    assert name in page.inner_text(f"{table} tbody")
    page.fill(f"{table} input[type=search]", "没有这样的项目名称")
    page.wait_for_function("window.jixiaoReport.tables.forms.view.length === 0")
    assert "没有符合条件的记录" in page.inner_text(f"{table} tbody")


def test_form_page_marks_the_cell_of_a_finding(opened, sample_engine):
    with sample_engine.connect() as conn:
        form_id, path, code, line, file, message = conn.execute(
            select(findings_t.c.form_id, findings_t.c.path, findings_t.c.code, findings_t.c.line, documents_t.c.path,
                   findings_t.c.message)
            .join(forms_t, forms_t.c.id == findings_t.c.form_id).join(documents_t)
            .where(findings_t.c.severity == "error", findings_t.c.path.like("funds.%.%"))
            .order_by(findings_t.c.id)).first()
    page = opened.page
    page.click("#table-forms tbody a.form-link >> nth=0")  # the links lead to form pages
    page.wait_for_selector("table.jxform")
    opened.go(f"form/{form_id}")
    page.wait_for_selector(f"table.jxform td[data-path='{path}'].mark")
    assert "财政项目支出绩效自评表" in page.inner_text("#form-page")
    for label in ("项目名称", "主管部门", "实施单位", "年初预算数", "全年预算数", "全年执行数", "年度资金总额",
                  "其中：当年财政拨款", "上年结转资金", "其他资金", "预期目标", "实际完成情况", "一级指标", "二级指标",
                  "三级指标", "年度指标值", "实际完成值", "偏差原因分析及改进措施", "总分", "评分等级"):
        assert label in page.inner_text("table.jxform"), label
    cell = page.locator(f"table.jxform td[data-path='{path}']")
    assert "mark-error" in cell.get_attribute("class")
    cell.hover()
    assert message in page.inner_text(".popup")
    findings = page.inner_text("table.findings")
    assert code in findings and f"{file}:{line}" in findings
    assert page.locator("#overview").is_hidden()
    page.click("#form-page a.back")
    page.wait_for_selector("#overview", state="visible")


def test_rowspans_merge_repeated_levels(opened, sample_engine):
    with sample_engine.connect() as conn:
        form_id = conn.execute(select(forms_t.c.id).order_by(forms_t.c.id)).first()[0]
        levels = conn.execute(select(indicators_t.c.level1).where(indicators_t.c.form_id == form_id)
                              .order_by(indicators_t.c.position)).scalars().all()
    runs = [len(list(group)) for _, group in itertools.groupby(levels)]
    opened.go(f"form/{form_id}")
    opened.page.wait_for_selector("table.jxform")
    spans = opened.page.evaluate("""[...document.querySelectorAll("table.jxform td[data-path$='.level1']")]
                                    .map(td => td.rowSpan)""")
    assert spans == runs and max(runs) > 1


def test_html_in_documents_is_shown_as_text(browser, evil_db, tmp_path):
    engine = open_engine(str(evil_db))
    try:
        path = write_html(engine, tmp_path / "evil.html")
        with engine.connect() as conn:
            form_id = conn.execute(select(forms_t.c.id)).scalar_one()
    finally:
        engine.dispose()
    page = Opened(browser, path)
    try:
        assert EVIL_NAME in page.page.inner_text("#table-forms tbody")
        assert page.page.locator("#table-forms tbody img, #table-forms tbody script").count() == 0
        tip = page.page.evaluate("""() => {  // the scatter tooltip is HTML: it must escape the project name
            const chart = echarts.getInstanceByDom(document.getElementById("chart-scatter"));
            const series = chart.getOption().series.findIndex(s => s.data.length);
            chart.dispatchAction({type: "showTip", seriesIndex: series, dataIndex: 0});
            const box = document.querySelector("#chart-scatter > div:last-child");
            return {text: box.innerText, tags: box.querySelectorAll("img, script").length};
        }""")
        assert EVIL_NAME in tip["text"] and tip["tags"] == 0
        page.go(f"form/{form_id}")
        page.page.wait_for_selector("table.jxform")
        assert EVIL_INDICATOR in page.page.inner_text("table.jxform")
        assert page.page.locator("#form-page img, #form-page b:has-text('部门')").count() == 0
        assert page.dialogs == [] and page.problems == []
    finally:
        page.close()


def test_pages_left_out_say_so(browser, sample_engine, tmp_path):
    path = write_html(sample_engine, tmp_path / "few.html", max_form_pages=3)
    with sample_engine.connect() as conn:
        kept = conn.execute(select(forms_t.c.id).order_by(forms_t.c.risk.desc(), forms_t.c.errors.desc(),
                                                          forms_t.c.warnings.desc(), forms_t.c.infos.desc(),
                                                          forms_t.c.id).limit(3)).scalars()
        left_out = sorted(set(conn.execute(select(forms_t.c.id)).scalars()) - set(kept))[0]
    page = Opened(browser, path)
    try:
        assert page.page.locator("#pages-note").is_visible()
        page.go(f"form/{left_out}")
        page.page.wait_for_selector("#form-page .notice")
        assert "没有收录" in page.page.inner_text("#form-page")
        assert page.problems == []
    finally:
        page.close()


def test_cards_and_chart_bars_filter_the_forms_table(opened, sample_engine):
    page = opened.page
    table = "window.jixiaoReport.tables.forms"
    with sample_engine.connect() as conn:
        with_errors = set(conn.execute(select(forms_t.c.id).where(forms_t.c.errors > 0)).scalars())
        with_warnings = set(conn.execute(select(forms_t.c.id).where(forms_t.c.warnings > 0)).scalars())
        department, in_department = conn.execute(
            select(forms_t.c.department, func.count()).group_by(forms_t.c.department)
            .order_by(func.count().desc())).first()
        code = conn.execute(select(findings_t.c.code).where(findings_t.c.waived.is_(None))
                            .group_by(findings_t.c.code).order_by(func.count().desc())).first()[0]
        with_code = set(conn.execute(select(findings_t.c.form_id).where(findings_t.c.code == code,
                                                                       findings_t.c.waived.is_(None))).scalars())

    def view() -> set[int]:
        return set(page.evaluate(f"{table}.view.map(r => r[0])"))

    page.click(".card[data-filter=error] >> nth=0")
    assert view() == with_errors and "有错误的表" in page.inner_text("#table-forms .chip")
    assert page.inner_text("#table-forms .count") == f"筛选出 {len(with_errors)} 条（共 58 条）"
    page.click(".card[data-filter=warning]")
    assert view() == with_warnings
    page.click("#table-forms .chip-clear")
    assert len(view()) == 58 and page.locator("#table-forms .chip").is_hidden()
    page.focus(".card[data-filter=error] >> nth=1")  # 有错误的表, from the keyboard
    page.keyboard.press("Enter")
    assert view() == with_errors
    page.click(".card[data-filter=all]")
    assert len(view()) == 58

    def click_bar(chart: str, name: str) -> None:
        """A mouse click in the middle of the stacked bar of `name`."""
        node = page.locator(f"#{chart}")
        node.scroll_into_view_if_needed()
        x, y = page.evaluate("""([id, name]) => {
            const c = echarts.getInstanceByDom(document.getElementById(id));
            const option = c.getOption();
            const across = option.xAxis[0].type === "category";
            const i = (across ? option.xAxis[0] : option.yAxis[0]).data.indexOf(name);
            const total = option.series.reduce((sum, s) => sum + (s.data[i] || 0), 0);
            return c.convertToPixel({xAxisIndex: 0, yAxisIndex: 0}, across ? [i, total / 2] : [total / 2, i]);
        }""", [chart, name])
        box = node.bounding_box()
        page.mouse.click(box["x"] + x, box["y"] + y)

    click_bar("chart-rules", code)
    assert view() == with_code and f"有 {code} 问题的表" in page.inner_text("#table-forms .chip")
    click_bar("chart-departments", department)
    assert len(view()) == in_department and f"主管部门：{department}" in page.inner_text("#table-forms .chip")


def test_amounts_are_shown_in_wan_with_the_printed_unit_kept(opened, sample_engine):
    with sample_engine.connect() as conn:
        form_id, budget = conn.execute(
            select(forms_t.c.id, fund_rows_t.c.annual_budget).join(fund_rows_t, fund_rows_t.c.form_id == forms_t.c.id)
            .where(forms_t.c.fund_unit == "元", fund_rows_t.c.row == "total").order_by(forms_t.c.id)).first()
    page = opened.page
    page.select_option("#table-forms .pager select[aria-label='每页行数']", "100")
    cell = page.locator(f"#table-forms tr:has(a[href='#form/{form_id}']) td:nth-child(5)")
    assert cell.inner_text().replace("\n", "").startswith(f"{budget / 10_000:,.2f}")
    assert f"原表：{budget:,.2f} 元" in cell.locator("span").first.get_attribute("title")
    opened.go(f"form/{form_id}")
    page.wait_for_selector("table.jxform")
    head = page.inner_text("table.jxform th[data-path='funds']")
    assert "（万元）" in head and "原表单位：元" in head
    total = page.inner_text("table.jxform td[data-path='funds.total.annual_budget']")
    assert f"{budget / 10_000:,.2f}" in total and f"原表 {budget:,.2f} 元" in total
    assert "风险分" in page.inner_text(".form-summary")


def test_recomputation_is_called_重算_and_复核_is_left_for_a_person(report: Path):
    text = report.read_text(encoding="utf-8")
    data = [zlib.decompress(base64.b64decode(b)).decode() for b in re.findall(
        r'<script type="text/plain"[^>]*>([^<]*)</script>', text)]
    own = re.sub(r'<script type="text/plain"[^>]*>[^<]*</script>', "", text)  # the page without document data
    for place in (own, *data):
        for hit in re.finditer("复核", place):
            around = place[hit.start() - 40:hit.end() + 10]
            assert "需复核" in around or "实名复核" in around, around  # RF08's title; a form's own words
    assert "重算" in own
