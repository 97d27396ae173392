"""The 自评结果汇总分析报告 draft (`jixiao report --docx`): sections, figures equal to the analytics the HTML report
reads, charts embedded as images, and a clear note when no CJK font is there to draw them."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from docx import Document
from typer.testing import CliRunner

from jixiao import analytics
from jixiao.cli import app
from jixiao.money import to_wan
from jixiao.report import charts
from jixiao.report.summary_docx import TOP, write_summary_docx
from jixiao.store.query import Filter, load_forms

from .conftest import EXAMPLES

runner = CliRunner()
SECTIONS = ("一、基本情况", "二、自评结果", "三、主要问题", "四、整改建议")


def _text(doc) -> str:  # noqa: ANN001
    return "\n".join(p.text for p in doc.paragraphs)


def _table(doc, first_header: str):  # noqa: ANN001, ANN202
    return next(t for t in doc.tables if t.rows[0].cells[0].text == first_header)


@pytest.fixture(scope="module")
def summary(sample_db: Path, tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN201
    out = tmp_path_factory.mktemp("summary")
    result = runner.invoke(app, ["report", "--db", str(sample_db), "-o", str(out), "--docx"])
    assert result.exit_code == 0, result.output
    assert "jixiao-summary.docx" in result.output
    return Document(out / "jixiao-summary.docx")


def test_draft_with_every_section(summary) -> None:  # noqa: ANN001
    first = summary.tables[0].rows[0].cells[0].text
    assert first.startswith("草稿") and "不是正式文本" in first
    headings = [p.text for p in summary.paragraphs if p.style.name.startswith("Heading")]
    assert [h for h in headings if h in SECTIONS] == list(SECTIONS)
    assert summary.paragraphs[0].text == "财政项目支出绩效自评结果汇总分析报告"


def test_figures_are_the_analytics(summary, sample_engine) -> None:  # noqa: ANN001
    text = _text(summary)
    with sample_engine.connect() as conn:
        o = analytics.overview(conn)
        points = analytics.execution_vs_score(conn)
        rules = analytics.findings_by_rule(conn)
        riskiest = analytics.riskiest(conn, limit=10)
        outliers = analytics.outliers(conn)
        funds = analytics.funds_summary(conn)
    assert f"{o.documents:,} 个文件中的 {o.forms:,} 张" in text and f"{o.departments:,} 个主管部门" in text
    assert f"全年预算数合计 {funds.annual_budget:,.2f} 万元" in text
    assert f"平均自评得分 {o.mean_self_score:.2f} 分" in text
    assert f"共发现问题 {sum(o.findings.values()):,} 条" in text
    grades = _table(summary, "评分等级")
    recomputed = Counter(p.grade_recomputed or "未算出" for p in points)
    for row in grades.rows[1:]:
        grade, printed, again = (c.text for c in row.cells)
        assert int(printed) == o.grades.get(grade, 0) and int(again) == recomputed.get(grade, 0)
    rule_rows = _table(summary, "规则").rows[1:]
    assert len(rule_rows) == min(TOP, len(rules))
    by_code = {r.code: r for r in rules}
    for row in rule_rows:
        code, _, _, count, forms, example = (c.text for c in row.cells)
        assert int(count) == by_code[code].findings and int(forms) == by_code[code].forms and example
    headers = {t.rows[0].cells[-1].text: t for t in summary.tables}
    assert [r.cells[0].text for r in headers["执行率（重算）"].rows[1:]] == [f.project_name for f in riskiest]
    assert [r.cells[-1].text for r in headers["原因"].rows[1:]] == [p.reason for p in outliers[:10]]


def test_charts_are_embedded_images(summary) -> None:  # noqa: ANN001
    if charts.cjk_font() is None:
        pytest.skip("no CJK font on this machine")
    assert len(summary.inline_shapes) == 4
    blobs = [rel.target_part.blob for rel in summary.part.rels.values() if "image" in rel.reltype]
    assert len(blobs) == 4 and all(blob.startswith(b"\x89PNG") for blob in blobs)


def test_funds_summary_converts_yuan(sample_engine) -> None:  # noqa: ANN001
    with sample_engine.connect() as conn:
        funds = analytics.funds_summary(conn)
        budgets = [to_wan(f.funds.total.annual_budget, f.fund_unit) for _, f in load_forms(conn)
                   if f.funds.total is not None]
    assert funds.forms == len(budgets)
    assert funds.annual_budget == pytest.approx(sum(b for b in budgets if b is not None))


def test_one_department_without_a_cjk_font(sample_engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    monkeypatch.setattr(charts, "cjk_font", lambda: None)
    out = write_summary_docx(sample_engine, tmp_path / "unit.docx", Filter(department="上海市数据局"))
    doc = Document(out)
    assert len(doc.inline_shapes) == 0
    assert charts.NO_FONT in doc.tables[0].rows[0].cells[0].text
    text = _text(doc)
    assert "主管部门：上海市数据局" in text and "共有 1 个文件中的 12 张" in text
    assert "各主管部门情况" not in text  # one department: no table of departments


def test_hostile_text_in_tables_and_charts(tmp_path: Path) -> None:
    import json

    import jixiao
    from jixiao.ingest import ingest
    from jixiao.store.database import open_engine

    form = jixiao.parse(EXAMPLES / "003_a203d4b834672a09.txt")[0]
    form.project_name = "=cmd\x01<script>"
    for indicator in form.indicators:
        indicator.level2 = "$\\frac{a}{$\x02" + (indicator.level2 or "")
        indicator.score = 0.0  # every indicator loses points: its level shows in the deductions chart
    record = tmp_path / "hostile.json"
    record.write_text(json.dumps({"forms": [form.record()]}, ensure_ascii=False), encoding="utf-8")
    engine = open_engine(str(tmp_path / "h.db"))
    ingest(engine, [record], jobs=1)
    doc = Document(write_summary_docx(engine, tmp_path / "h.docx"))
    engine.dispose()
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    assert "=cmd<script>" in cells
    if charts.cjk_font() is not None:
        assert len(doc.inline_shapes) == 4
