"""`jixiao worksheet`: the 复核表 from documents and from the corpus, opened with the library that reads it and held
to the check service's own numbers and findings."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook
from typer.testing import CliRunner

import jixiao
from jixiao.check import check_forms, score
from jixiao.check.findings import Severity
from jixiao.check.profile import load_profile
from jixiao.cli import app
from jixiao.worksheet import Batch, from_forms
from jixiao.worksheet.docx import write_docx
from jixiao.worksheet.xlsx import write_xlsx

from .conftest import EXAMPLES

runner = CliRunner()
SAMPLE = EXAMPLES / "003_a203d4b834672a09.txt"  # six forms, findings of several rules, no grade printed
OTHER = EXAMPLES / "001_b9ea70bf1d9aee39.txt"  # a form with error-severity findings


def run(*args: str):  # noqa: ANN201
    return runner.invoke(app, list(args), env={"COLUMNS": "200"})


def _rows(ws) -> list[tuple]:  # noqa: ANN001
    return [tuple(c.value for c in row) for row in ws.iter_rows()]


def _row(rows: list[tuple], label: str) -> tuple:
    return next(r for r in rows if r[0] == label)


def test_numbers_are_the_check_services(tmp_path: Path) -> None:
    forms = jixiao.parse(SAMPLE) + jixiao.parse(OTHER)
    profile = load_profile()
    cards = [score(f, profile) for f in forms]
    report = check_forms(forms, profile, cards=cards)
    out = tmp_path / "ws.xlsx"
    result = run("worksheet", str(SAMPLE), str(OTHER), "-o", str(out))
    assert result.exit_code == 0, result.output
    book = load_workbook(out)
    assert book.sheetnames[0] == "汇总" and len(book.sheetnames) == 1 + len(forms)
    for ws, form, card, checked in zip(book.worksheets[1:], forms, cards, report.forms, strict=True):
        rows = _rows(ws)
        assert _row(rows, "项目名称")[1] == form.project_name
        total = _row(rows, "总分")
        assert total[1] == form.total_score and total[2] == pytest.approx(card.recomputed_total)
        rate = _row(rows, "执行率：年度资金总额")
        assert rate[1] == form.funds.total.execution_rate and rate[2] == card.funds["total"].rate.expected
        assert _row(rows, "资金得分：预算执行率")[2] == card.funds["total"].score.expected
        indicator_rows = [r for r in rows if isinstance(r[0], str) and r[0].startswith("指标得分：")]
        assert [r[2] for r in indicator_rows] == [s.recomputed() for s in card.indicators]
        assert _row(rows, "评分等级")[2] == profile.grade_of(card.recomputed_total)
        # one row per finding, numbered, with its rule code and title
        start = next(i for i, r in enumerate(rows) if isinstance(r[0], str) and r[0].startswith("二、核查发现"))
        end = next(i for i, r in enumerate(rows) if r[0] == "三、复核意见")
        listed = [r for r in rows[start + 2:end] if r[0] not in (None, "未发现问题")]
        assert len(listed) == len(checked.findings)
        assert [r[1].split("\n")[0] for r in listed] == [f.code for f in checked.findings]
        assert all(f.message in r[5] for r, f in zip(listed, checked.findings, strict=True))
        # the reviewer's fields are there and blank
        opinion = _row(rows, "复核意见")
        assert opinion[1] is None and _row(rows, "复核人")[1] is None and "日期" in _row(rows, "复核人")
        assert ws.page_setup.paperSize == 9 and ws.page_setup.fitToWidth == 1
        assert ws.cell(2, 1).border.left.style == "thin" and ws.cell(2, 2).alignment.wrap_text
    summary = _rows(book["汇总"])
    body = [r for r in summary[4:] if isinstance(r[0], int)]
    assert [r[1] for r in body] == [f.project_name for f in forms]
    assert [r[9:12] for r in body] == [tuple(c.count(s) for s in Severity) for c in report.forms]
    totals = _row(summary, "合计")
    assert totals[9:12] == tuple(report.summary.by_severity[s] for s in ("error", "warning", "info"))


def test_disagreeing_numbers_are_marked() -> None:
    form = jixiao.parse(SAMPLE)[0]
    form.total_score = 99.0  # the printed total no longer adds up
    form.funds.total.score = 9.0
    sheet = from_forms([form], load_profile())[0]
    items = {i.label: i for i in sheet.items}
    assert items["总分"].agrees is False and items["总分"].difference == pytest.approx(99.0 - 94.95)
    assert items["资金得分：预算执行率"].agrees is False
    assert any(f.code == "AR01" or f.code.startswith("SC") for f in sheet.findings)


def test_docx_worksheet_from_the_corpus(sample_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "ws.docx"
    result = run("worksheet", "--db", str(sample_db), "--department", "上海市数据局", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "12 张自评表" in result.output
    doc = Document(out)
    text = "\n".join(p.text for p in doc.paragraphs)
    assert text.count("财政项目支出绩效自评复核表") >= 12 and "一、数字复核" in text and "三、复核意见" in text
    cells = [cell.text for table in doc.tables for row in table.rows for cell in row.cells]
    assert cells.count("复核人") == 12 and cells.count("日期") == 12
    summary = doc.tables[0]
    assert summary.rows[0].cells[1].text == "项目名称" and len(summary.rows) == 1 + 12 + 1  # header, forms, 合计


def test_corpus_findings_are_the_stored_ones(sample_engine, sample_db: Path, tmp_path: Path) -> None:  # noqa: ANN001
    from sqlalchemy import func, select

    from jixiao.store.query import Filter, findings_t, form_ids

    out = tmp_path / "ws.xlsx"
    assert run("worksheet", "--db", str(sample_db), "--year", "2021", "-o", str(out)).exit_code == 0
    with sample_engine.connect() as conn:
        stored = conn.execute(select(func.count()).select_from(findings_t).where(
            findings_t.c.form_id.in_(form_ids(Filter(year=2021))), findings_t.c.waived.is_(None))).scalar()
    book = load_workbook(out)
    totals = _row(_rows(book["汇总"]), "合计")
    assert sum(totals[9:12]) == stored


def test_bad_output_and_bad_input(tmp_path: Path) -> None:
    result = run("worksheet", str(SAMPLE), "-o", str(tmp_path / "ws.txt"))
    assert result.exit_code == 2 and "复核表可写为 .xlsx、.docx 或 .pdf" in result.output
    result = run("worksheet", str(SAMPLE), "--year", "2023", "-o", str(tmp_path / "ws.xlsx"))
    assert result.exit_code == 2 and "不能同时" in result.output
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(SAMPLE, docs)
    (docs / "broken.txt").write_bytes(b"\x00\x00\x00")
    out = tmp_path / "ws.xlsx"
    result = run("worksheet", str(docs), "-o", str(out))
    assert result.exit_code == 2 and "broken.txt" in result.output and "Traceback" not in result.output
    rows = _rows(load_workbook(out)["汇总"])
    assert any(r[0] and "broken.txt" in str(r[0]) for r in rows)  # listed, not dropped
    result = run("worksheet", str(docs / "broken.txt"), "-o", str(tmp_path / "none.xlsx"))
    assert result.exit_code == 2 and "没有可复核的自评表" in result.output
    assert not (tmp_path / "none.xlsx").exists()


@pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice")
def test_pdf_worksheet(tmp_path: Path) -> None:
    out = tmp_path / "ws.pdf"
    result = run("worksheet", str(SAMPLE), "-o", str(out))
    assert result.exit_code == 0, result.output
    import pypdfium2

    pdf = pypdfium2.PdfDocument(str(out))
    text = "".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    assert "财政项目支出绩效自评复核表" in text and "市政府办公厅专项工作业务经费" in text and "复核人" in text


def test_hostile_text_stays_text(tmp_path: Path) -> None:
    form = jixiao.parse(SAMPLE)[0]
    form.project_name = '=HYPERLINK("http://x","点击")\x01<b>'
    form.indicators[0].level2 = "$\\frac{a}{$ 数量"
    form.indicators[0].name = "[/red]\x1b]52;c;eA==\x07名称"
    batch = Batch(from_forms([form], load_profile()), "x\x02.txt", "national")
    book = load_workbook(write_xlsx(batch, tmp_path / "h.xlsx"))
    ws = book.worksheets[1]
    cell = ws.cell(2, 2)
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK") and "\x01" not in cell.value
    assert book.worksheets[0].cell(5, 2).data_type == "s"
    doc = Document(write_docx(batch, tmp_path / "h.docx"))
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    assert any(c.startswith("=HYPERLINK") and c.endswith("<b>") for c in cells)


def test_too_many_forms_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sample_db: Path) -> None:
    from jixiao import worksheet_cli

    monkeypatch.setattr(worksheet_cli, "MAX_FORMS", 5)
    result = run("worksheet", str(SAMPLE), "-o", str(tmp_path / "ws.xlsx"))
    assert result.exit_code == 2 and "读到 6 张自评表，复核表一次最多 5 张" in result.output
    result = run("worksheet", "--db", str(sample_db), "-o", str(tmp_path / "ws.xlsx"))
    assert result.exit_code == 2 and "请用 --year、--department、--grade 或 --rule 缩小范围" in result.output
    assert not (tmp_path / "ws.xlsx").exists()
