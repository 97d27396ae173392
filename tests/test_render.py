"""Official outputs: every golden form rendered in the official layout (xlsx, docx, pdf, html) reads back through
jixiao's own readers to the same record, 100% of fields; the blank template fills in and reads back; the CLI."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import docx
import openpyxl
import pytest

from jixiao.model import Form, Indicator
from jixiao.parse import parse_file
from jixiao.render import RenderFormat, render_forms
from jixiao.render.fillin import INDICATOR_ROWS, write_template
from jixiao.render.fonts import FontError, find_font
from jixiao.render.labels import labels, template_names
from jixiao.render.layout import form_layout
from tests.conftest import GOLDEN
from tests.layout_render import expected
from tests.scoring import score

GOLDENS = sorted(GOLDEN.glob("*.json"))


def _golden() -> list[dict]:
    return [f for g in GOLDENS for f in json.loads(g.read_text(encoding="utf-8"))["forms"]]


def _has_font() -> bool:
    try:
        find_font()
    except FontError:
        return False
    return True


@pytest.mark.parametrize("fmt", list(RenderFormat))
def test_every_golden_form_reads_back_from_its_rendering(fmt, tmp_path):
    if fmt is RenderFormat.pdf and not _has_font():
        pytest.skip("no Chinese font installed")
    raw = _golden()
    path = render_forms([Form.model_validate(f) for f in raw], fmt, tmp_path / f"golden.{fmt}")
    result = parse_file(path)
    fields, matched, wrong, missing, extra = score([expected(f) for f in raw], [f.record() for f in result.forms])
    assert len(raw) == 58 and result.error is None
    assert (matched, missing, extra) == (fields, 0, 0), "\n".join(wrong[:20])
    assert not (tmp_path / f"golden.{fmt}.part").exists()


def test_xlsx_is_the_official_layout(tmp_path):
    raw = json.loads(GOLDENS[0].read_text(encoding="utf-8"))["forms"][:2]
    path = render_forms([Form.model_validate(f) for f in raw], RenderFormat.xlsx, tmp_path / "a.xlsx")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == [raw[0]["project_name"], raw[1]["project_name"]]
    sheet = book.worksheets[0]
    assert sheet["A1"].value == "财政项目支出绩效自评表" and sheet["A2"].value == "（2023年度）"
    assert int(sheet.page_setup.paperSize) == 9 and sheet.page_setup.orientation == "portrait"
    assert sheet.page_setup.fitToWidth == 1 and sheet.print_title_rows == "$12:$12"  # the indicator heading
    assert sheet["C6"].value == 2270.0 and sheet["C6"].number_format == "#,##0.00"
    assert sheet["G6"].number_format == "0.00%"
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert "A5:A9" in merged  # 项目资金 over its header and four rows
    level1 = [str(r) for r in sheet.merged_cells.ranges if r.min_col == 1 and r.min_row > 12]
    assert level1 and all(sheet.cell(int(r.split(":")[0][1:]), 1).value for r in level1)
    assert sheet["A13"].border.left.style == "thin"


def test_docx_has_real_vertical_merges_and_a_page_per_form(tmp_path):
    raw = json.loads(GOLDENS[0].read_text(encoding="utf-8"))["forms"][:2]
    path = render_forms([Form.model_validate(f) for f in raw], RenderFormat.docx, tmp_path / "a.docx")
    document = docx.Document(str(path))
    assert len(document.tables) == 4  # per form: the head, funds and goals; the indicator table under its heading
    head, indicators = document.tables[0]._tbl.xml, document.tables[1]._tbl.xml
    assert 'w:vMerge w:val="restart"' in head and "<w:vMerge/>" in head and "w:gridSpan" in head
    assert 'w:vMerge w:val="restart"' in indicators and "<w:vMerge/>" in indicators
    assert document.tables[1].rows[0]._tr.trPr.xml.count("w:tblHeader") == 1  # repeated on every page
    breaks = [p for p in document.paragraphs if p.paragraph_format.page_break_before]
    assert len(breaks) == 1
    assert round(document.sections[0].page_width.mm) == 210


def test_pdf_text_is_selectable_and_its_font_embedded(tmp_path):
    if not _has_font():
        pytest.skip("no Chinese font installed")
    import pdfplumber

    raw = json.loads(GOLDENS[1].read_text(encoding="utf-8"))["forms"][:1]
    path = render_forms([Form.model_validate(f) for f in raw], RenderFormat.pdf, tmp_path / "a.pdf")
    with pdfplumber.open(path) as pdf:
        text = pdf.pages[0].extract_text()
        fonts = {obj["fontname"] for obj in pdf.pages[0].chars}
    assert raw[0]["project_name"] in text.replace("\n", "") and "（2021年度）" in text
    assert all("+" in name for name in fonts)  # subset fonts only (embedded), no unembedded base font
    assert b"/FontFile2" in path.read_bytes()


def test_html_escapes_document_text(tmp_path):
    form = Form(project_name="<script>alert(1)</script>", year=2024, fund_unit="万元")
    path = render_forms([form], RenderFormat.html, tmp_path / "a.html")
    page = path.read_text(encoding="utf-8")
    assert "<script>" not in page and "&lt;script&gt;" in page and "table.jxform" in page


@pytest.mark.parametrize("template", [name for name in template_names() if name != "national"])
def test_forms_rendered_with_a_variant_s_words_read_back(template, tmp_path):
    raw = _golden()
    path = render_forms([Form.model_validate(f) for f in raw], RenderFormat.xlsx, tmp_path / "golden.xlsx",
                        template=template)
    fields, matched, wrong, missing, extra = score([expected(f) for f in raw],
                                                  [f.record() for f in parse_file(path).forms])
    assert (matched, missing, extra) == (fields, 0, 0), "\n".join(wrong[:20])


def test_variant_labels_come_from_the_template_files():
    words = labels("anhui")
    layout = form_layout(Form(), words)
    texts = {c.text for c in layout.cells}
    assert {"全年预算数(A)", "全年执行数(B)", "执行率(B/A)", "其中：本年财政拨款"} <= texts


def test_template_fills_in_and_reads_back(tmp_path):
    path = write_template(tmp_path / "模板.xlsx")
    raw = json.loads(GOLDENS[0].read_text(encoding="utf-8"))["forms"][0]
    form = Form.model_validate(raw)
    blank = form_layout(Form(fund_unit="万元", indicators=[Indicator()] * INDICATOR_ROWS), labels())
    at = {c.path: (c.row + 3, c.col + 1) for c in blank.cells if c.path}
    book = openpyxl.load_workbook(path)
    sheet = book.active
    assert sheet.protection.sheet and sheet.cell(*at["project_name"]).protection.locked is False
    assert sheet.cell(*at["total_score"]).protection.locked is True
    assert str(sheet.cell(*at["funds.total.execution_rate"]).value).startswith("=")
    lists = {v.formula1 for v in sheet.data_validations.dataValidation if v.type == "list"}
    assert '"达成,部分达成,未达成"' in lists and len(sheet.data_validations.dataValidation) >= 5
    sheet["A2"] = f"（{form.year}年度）"
    for name in ("project_name", "department", "implementing_unit", "goal_expected", "goal_actual", "grade"):
        sheet.cell(*at[name], getattr(form, name))
    for row in ("current_year", "carryover", "other"):
        for column in ("initial_budget", "annual_budget", "executed"):
            sheet.cell(*at[f"funds.{row}.{column}"], getattr(getattr(form.funds, row), column))
    for i, indicator in enumerate(form.indicators):
        for name, value in indicator.model_dump().items():
            cell = sheet.cell(*at[f"indicators.{i}.{name}"], value)
            if isinstance(value, str):
                cell.data_type = "s"  # '=2(场)' typed in Excel is text; openpyxl would store a formula
    book.save(tmp_path / "filled.xlsx")
    got = parse_file(tmp_path / "filled.xlsx").forms
    assert len(got) == 1
    back = got[0]
    assert (back.year, back.project_name, back.department, back.grade, back.fund_unit) == (
        form.year, form.project_name, form.department, form.grade, "万元")
    assert back.funds.current_year.executed == form.funds.current_year.executed
    assert [i.model_dump() for i in back.indicators] == [i.model_dump() for i in form.indicators]
    # formulas: openpyxl stores no computed value; where LibreOffice is installed jixiao has it compute them
    assert back.funds.total.weight == 10
    total = form.funds.total
    if shutil.which("soffice"):
        assert back.funds.total.annual_budget == pytest.approx(total.annual_budget)
        assert back.funds.total.execution_rate == pytest.approx(total.executed / total.annual_budget * 100, abs=0.01)
        assert back.funds.total.score == total.score and back.total_score == pytest.approx(form.total_score)
        assert any("LibreOffice 重新计算" in w.message for w in back.warnings)
    else:
        assert back.funds.total.execution_rate is None
        assert any("公式单元格" in w.message for w in back.warnings)


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "COLUMNS": "120", "PYTHONPATH": os.pathsep.join(sys.path)}
    return subprocess.run([sys.executable, "-m", "jixiao", *args], capture_output=True, text=True, env=env, cwd=cwd)


def test_cli_renders_each_input_to_a_file_and_reports_unreadable_ones(tmp_path):
    records = tmp_path / "in" / "records.json"
    records.parent.mkdir()
    records.write_text(json.dumps({"forms": json.loads(GOLDENS[3].read_text(encoding="utf-8"))["forms"]},
                                  ensure_ascii=False), encoding="utf-8")
    (tmp_path / "in" / "broken.xlsx").write_bytes(b"PK\x03\x04 not a workbook")
    done = _run("render", "in", "--format", "docx", "-o", "out", cwd=tmp_path)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "broken.xlsx" in done.stderr and "已写入" in done.stderr
    assert (tmp_path / "out" / "records.docx").exists() and not (tmp_path / "out" / "broken.docx").exists()


def test_cli_without_a_usable_font_says_so(tmp_path):
    (tmp_path / "a.json").write_text(json.dumps({"forms": [{"project_name": "甲"}]}), encoding="utf-8")
    (tmp_path / "nofont.ttf").write_bytes(b"not a font")
    done = _run("render", "a.json", "--format", "pdf", "--font", "nofont.ttf", cwd=tmp_path)
    assert done.returncode == 2 and "Traceback" not in done.stderr and "字体" in done.stderr
    assert not list(tmp_path.glob("*.pdf"))


def test_cli_template(tmp_path):
    done = _run("template", "--format", "xlsx", "-o", "自评表模板.xlsx", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert openpyxl.load_workbook(tmp_path / "自评表模板.xlsx").active["A1"].value == "财政项目支出绩效自评表"
    unknown = _run("template", "--template", "nowhere", cwd=tmp_path)
    assert unknown.returncode == 2 and "没有名为 nowhere 的表样" in unknown.stderr
