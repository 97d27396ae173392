"""The Excel readers: every golden form written as a real workbook (tests/xlsx_render.py) and read back through
`parse_file` — .xlsx in several variations, .xls and WPS .et made by LibreOffice as real ones are — and small
hand-built workbooks for merged ranges, number formats, formulas, claimed ranges, chart sheets, several sheets,
misnamed and broken files."""

from __future__ import annotations

import json
import random
import shutil
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Font

from jixiao.parse import parse_file
from jixiao.read import read_path
from jixiao.read.limits import Limits
from jixiao.read.sniff import OLE, kind_of
from jixiao.read.tokens import Gap, Token
from jixiao.read.workbook import display
from jixiao.read.xlsx import FORBIDDEN
from tests.conftest import GOLDEN
from tests.layout_render import expected, render
from tests.scoring import score
from tests.xlsx_render import convert, render_xlsx

GOLDENS = sorted(GOLDEN.glob("*.json"))
MIN_ACCURACY = 99.5
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_soffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")

VARIATIONS = {
    "default": {},
    "sheet_per_form": dict(sheet_per_form=True),
    "stacked": dict(sheet_per_form=False, sheet_per_page=False),
    "breaks": dict(page_breaks=True, repeat_header=True, sheet_per_page=False),
    "breaks_new_sheet": dict(page_breaks=True, repeat_header=True, sheet_per_page=True),
    "middle": dict(label_position="middle", page_breaks=True),
    "bottom": dict(label_position="bottom", page_breaks=True),
    "chrome": dict(chrome=True),
}


def _forms(golden: Path) -> list[dict]:
    return json.loads(golden.read_text(encoding="utf-8"))["forms"]


def _assert_reads(golden: Path, path: Path, what: str) -> None:
    """The forms of `golden` read back from `path`: ≥ 99.5% of fields, none missing, none extra."""
    start = time.monotonic()
    result = parse_file(path)
    seconds = time.monotonic() - start
    forms = _forms(golden)
    fields, matched, wrong, missing, extra = score([expected(f) for f in forms], [f.record() for f in result.forms])
    accuracy = 100.0 * matched / fields
    summary = (f"{what} {golden.stem}: {accuracy:.2f}% ({matched}/{fields}), missing {missing}, extra {extra}, "
               f"read in {seconds:.2f} s")
    print(summary)
    assert result.error is None and accuracy >= MIN_ACCURACY and not missing and not extra, (
        summary + f"\n{result.error}\n" + "\n".join(wrong[:20]))


# ----------------------------------------------------------------------------------------------- golden forms


@pytest.mark.parametrize("variation", VARIATIONS)
def test_golden_forms_read_back_from_xlsx(variation, tmp_path):
    for seed, golden in enumerate(GOLDENS):
        path = render_xlsx(_forms(golden), tmp_path / f"{golden.stem}.xlsx", seed=seed, **VARIATIONS[variation])
        _assert_reads(golden, path, f"xlsx {variation}")


@pytest.fixture(scope="module")
def xls_files(tmp_path_factory) -> list[tuple[Path, Path]]:
    """(golden, .xls) for every golden file: rendered as .xlsx, converted by LibreOffice in one run."""
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    tmp = tmp_path_factory.mktemp("xls")
    sources = [render_xlsx(_forms(g), tmp / f"{g.stem}.xlsx", seed=seed, page_breaks=seed % 2 == 1,
                           repeat_header=True) for seed, g in enumerate(GOLDENS)]
    return list(zip(GOLDENS, convert(sources, "xls", tmp), strict=True))


def test_golden_forms_read_back_from_xls(xls_files):
    for golden, path in xls_files:
        assert kind_of(path, path.read_bytes()[:4096], path.name) == "xls"
        _assert_reads(golden, path, "xls")


def test_wps_et_is_read_as_the_biff_workbook_it_is(xls_files, tmp_path):
    """WPS 表格 saves .et in the BIFF format of .xls (LibreOffice's .et export is its 'MS Excel 97' filter), so
    an .et is read directly, without a conversion."""
    golden, xls = xls_files[1]
    et = shutil.copy(xls, tmp_path / "自评表.et")
    assert kind_of(et, et.read_bytes()[:4096], et.name) == "xls"
    _assert_reads(golden, et, "et")


@needs_soffice
def test_ods_is_converted_and_read(tmp_path):
    """An OpenDocument sheet goes through LibreOffice to .xlsx (a workbook written by another program than
    openpyxl: its own styles, shared strings and number formats) and then the .xlsx reader."""
    golden = GOLDENS[3]
    source = render_xlsx(_forms(golden), tmp_path / "form.xlsx", seed=7)
    [ods] = convert([source], "ods", tmp_path)
    _assert_reads(golden, ods, "ods")


def test_html_page_named_xls_is_read_as_html(tmp_path):
    """Budget systems export HTML tables with an .xls suffix; the content decides."""
    golden = GOLDENS[1]
    path = tmp_path / "export.xls"
    path.write_text(render(_forms(golden), "html", seed=3), encoding="utf-8")
    assert kind_of(path, path.read_bytes()[:4096], path.name) == "text"
    _assert_reads(golden, path, "html as .xls")


def test_xlsx_named_xls_is_read_as_xlsx(tmp_path):
    golden = GOLDENS[1]
    path = render_xlsx(_forms(golden), tmp_path / "form.xlsx", seed=4)
    misnamed = path.rename(tmp_path / "form.xls")
    assert kind_of(misnamed, misnamed.read_bytes()[:4096], misnamed.name) == "xlsx"
    _assert_reads(golden, misnamed, "xlsx as .xls")


# ----------------------------------------------------------------------------------------------- hand-built books


def _rows(path: Path) -> list[list[tuple[str, int | None, int, int]]]:
    """The document's rows as (text, column, row span, column span) per token."""
    rows: dict[int, list[tuple[str, int | None, int, int]]] = {}
    for t in read_path(path).tokens:
        rows.setdefault(t.row, []).append((t.text, t.col, t.row_span, t.col_span))
    return list(rows.values())


def _book(cells: dict[str, object], merges: tuple[str, ...] = (), formats: dict[str, str] | None = None
          ) -> openpyxl.Workbook:
    book = openpyxl.Workbook()
    sheet = book.active
    for ref, value in cells.items():
        sheet[ref] = value
    for ref, fmt in (formats or {}).items():
        sheet[ref].number_format = fmt
    for ref in merges:
        sheet.merge_cells(ref)
    return book


def test_merged_ranges_are_one_cell_with_spans(tmp_path):
    book = _book({"B2": "自评表", "B3": "产出指标", "C3": "数量指标", "D3": "指标一", "D4": "指标二", "D5": "指标三",
                  "C5": "质量指标"},
                 merges=("B2:E2", "B3:B5", "C3:C4"))
    book.save(path := tmp_path / "m.xlsx")
    assert _rows(path) == [
        [("自评表", 0, 1, 4)],
        [("产出指标", 0, 3, 1), ("数量指标", 1, 2, 1), ("指标一", 2, 1, 1)],  # columns from the first used one (B)
        [("指标二", 2, 1, 1)],  # the positions under the merged labels are not cells
        [("质量指标", 1, 1, 1), ("指标三", 2, 1, 1)],
    ]


def test_empty_cells_inside_a_row_are_kept_and_trailing_ones_dropped(tmp_path):
    book = _book({"A1": "总分", "C1": 100, "E1": None, "A2": "评分等级"}, merges=("C2:E2",))
    book.save(path := tmp_path / "e.xlsx")
    assert _rows(path) == [[("总分", 0, 1, 1), ("", 1, 1, 1), ("100", 2, 1, 1)], [("评分等级", 0, 1, 1)]]


def test_empty_rows_are_blank_gaps_but_rows_inside_a_merged_cell_are_not(tmp_path):
    book = _book({"A1": "标题", "A2": "年度总体目标", "B2": "目标写了\n两行", "A5": "一级指标", "A7": "总分"},
                 merges=("B2:B4",))
    book.save(path := tmp_path / "b.xlsx")
    gaps = {t.text: t.gap for t in read_path(path).tokens}
    assert gaps["年度总体目标"] == Gap.ROW and gaps["一级指标"] == Gap.ROW and gaps["总分"] == Gap.BLANK
    assert "目标写了\n两行" in gaps  # line breaks in a cell are kept as lines of its text


def test_number_formats_read_as_excel_shows_them(tmp_path):
    values = {"A1": 12.3, "B1": 0.8619, "C1": 1234.5, "D1": 100.0, "E1": 0.1 + 0.2, "F1": 2.675, "G1": 45,
              "H1": -1234.5, "I1": 0, "J1": 1995.0345}
    formats = {"A1": "0.00", "B1": "0.00%", "C1": "#,##0.00", "E1": "General", "F1": "0.00", "G1": "0.0#",
               "H1": "#,##0.00_);[Red]\\(#,##0.00\\)", "I1": '_ * #,##0.00_ ;_ * -#,##0.00_ ;_ * "-"??_ ;_ @_ '}
    _book(values, formats=formats).save(path := tmp_path / "n.xlsx")
    assert [t.text for t in read_path(path).tokens] == [
        "12.30", "86.19%", "1,234.50", "100", "0.3", "2.68", "45.0", "(1,234.50)", "-", "1995.0345"]


@pytest.mark.parametrize("value,fmt,shown", [
    (1234567, "#,##0,", "1,235"),  # a trailing comma divides by a thousand
    (5, '0.00"万元"', "5.00万元"),
    (7, "[$¥-804]#,##0.00", "¥7.00"),
    (0.5, '0.00"%"', "0.50%"),  # a quoted % is text, not a percent
    (12345.678, "0.00E+00", "1.23E+04"),
    (0.75, "# ?/?", "0.75"),  # fractions: General
    (123, "@", "123"),
    (-0.001, "0.00", "0.00"),  # no sign on a value that rounds to zero
    (-7.25, "General", "-7.25"),
    (1e-7 + 1, "General", "1.0000001"),
    (True, "General", "TRUE"),
])
def test_number_display(value, fmt, shown):
    assert display(value, fmt) == shown


def test_formula_values_cached_and_not(tmp_path):
    """Formulas are read as the values Excel cached; a formula never calculated has none: an empty cell."""
    _book({"A1": "分值", "B1": "=1+1", "C1": "=10*2", "D1": "得分"}).save(path := tmp_path / "f.xlsx")
    _patch(path, "xl/worksheets/sheet1.xml", lambda xml: xml.replace(b"<f>10*2</f><v></v>", b"<f>10*2</f><v>20</v>")
           .replace(b"<f>10*2</f><v/>", b"<f>10*2</f><v>20</v>"))
    assert _rows(path) == [[("分值", 0, 1, 1), ("", 1, 1, 1), ("20", 2, 1, 1), ("得分", 3, 1, 1)]]


def test_targets_a_person_typed_that_excel_took_for_formulas_read_as_typed(tmp_path):
    """A web table pasted into a spreadsheet: each target typed with its operator became a formula ('=200' shows
    200, '=100%' shows 100.00%, '=1年度' shows #NAME?). Read as typed; a formula of cells stays its value, and
    one never calculated is typed text only where it is no arithmetic ('=300', '=2期'; '=1+1' stays empty)."""
    cells = {"A1": "=200", "B1": "=100%", "C1": "=1年度", "D1": "=SUM(A2:B2)", "A2": 1, "B2": 2, "E1": "=300",
             "F1": "=2期", "G1": "=1+1"}
    _book(cells, formats={"B1": "0.00%"}).save(path := tmp_path / "typed.xlsx")
    cached = {b"<f>200</f><v></v>": b"<f>200</f><v>200</v>", b"<f>100%</f><v></v>": b"<f>100%</f><v>1</v>",
              b"<f>1\xe5\xb9\xb4\xe5\xba\xa6</f><v></v>": b'<f>1\xe5\xb9\xb4\xe5\xba\xa6</f><v>#NAME?</v>',
              b"<f>SUM(A2:B2)</f><v></v>": b"<f>SUM(A2:B2)</f><v>3</v>"}

    def cache(xml: bytes) -> bytes:
        for empty, value in cached.items():
            xml = xml.replace(empty, value).replace(empty.replace(b"<v></v>", b"<v/>"), value)
        return xml.replace(b'<c r="C1" t="str">', b'<c r="C1" t="e">').replace(b'<c r="C1"', b'<c t="e" r="C1"', 1)

    _patch(path, "xl/worksheets/sheet1.xml", cache)
    [first, _] = _rows(path)
    assert [text for text, *_ in first] == ["=200", "=100%", "=1年度", "3", "=300", "=2期"]  # (G1: empty)


def test_formatted_empty_sheet_claiming_a_million_rows_reads_fast(tmp_path):
    book = _book({"A1": "项目名称", "B1": "某项目"})
    sheet = book.active
    sheet.cell(1_048_576, 1).font = Font(bold=True)
    sheet.cell(1, 16_384).font = Font(bold=True)
    book.save(path := tmp_path / "big.xlsx")
    claimed = openpyxl.load_workbook(path).active
    assert (claimed.max_row, claimed.max_column) == (1_048_576, 16_384)
    start = time.monotonic()
    assert _rows(path) == [[("项目名称", 0, 1, 1), ("某项目", 1, 1, 1)]]
    assert time.monotonic() - start < 2.0


def test_merged_range_of_a_million_rows_is_refused_before_loading(tmp_path):
    """openpyxl makes one object per cell a merged range covers; the range is counted in the XML first."""
    _book({"A1": "项目名称"}, merges=("A1:B2",)).save(path := tmp_path / "bomb.xlsx")
    _patch(path, "xl/worksheets/sheet1.xml", lambda xml: xml.replace(b'ref="A1:B2"', b'ref="A1:XFD1048576"'))
    start = time.monotonic()
    result = parse_file(path)
    assert result.error is not None and f"超过 {Limits().cells} 个" in result.error.message
    assert time.monotonic() - start < 5.0


def test_chart_sheets_are_skipped_and_sheets_are_pages(tmp_path):
    """Each worksheet is a page (numbered among the worksheets, as xlrd, which skips chart sheets, does too)."""
    book = _book({"A1": "第一张", "A2": 1})
    chart = BarChart()
    chart.add_data(Reference(book.active, min_col=1, min_row=2, max_row=2))
    book.create_chartsheet("图表").add_chart(chart)
    second = book.create_sheet("第二张")
    second["C3"] = "第二张表"
    second.column_dimensions["C"].hidden = True  # a hidden column still holds the form's text
    book.save(path := tmp_path / "sheets.xlsx")
    tokens = read_path(path).tokens
    assert [(t.text, t.page, t.gap, t.col) for t in tokens] == [
        ("第一张", 1, Gap.ROW, 0), ("1", 1, Gap.ROW, 0), ("第二张表", 2, Gap.PAGE, 0)]


# ----------------------------------------------------------------------------------------------- broken files


def _patch(path: Path, member: str, change: Callable[[bytes], bytes]) -> None:
    """Rewrite one member of a zip container."""
    with zipfile.ZipFile(path) as archive:
        members = {info.filename: archive.read(info) for info in archive.infolist()}
    members[member] = change(members[member])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)


def _assert_chinese_error(path: Path) -> str:
    result = parse_file(path)
    assert result.error is not None and not result.forms
    print(result.error.message)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in result.error.message), result.error.message
    return result.error.message


def _small_xlsx(path: Path) -> Path:
    _book({"A1": "项目名称", "B1": "某项目"}).save(path)
    return path


def test_xlsx_with_broken_xml_is_an_error(tmp_path):
    path = _small_xlsx(tmp_path / "broken.xlsx")
    _patch(path, "xl/worksheets/sheet1.xml", lambda xml: xml[: len(xml) // 2])
    assert _assert_chinese_error(path).startswith("Excel 文件（.xlsx）已损坏或已加密")


def test_xlsx_with_damaged_compressed_data_is_an_error(tmp_path):
    path = _small_xlsx(tmp_path / "damaged.xlsx")
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for k in range(start + 5, start + info.compress_size - 5):
        data[k] ^= 0x5A
    path.write_bytes(bytes(data))
    assert _assert_chinese_error(path).startswith("Excel 文件（.xlsx）已损坏或已加密")


def test_truncated_xlsx_is_an_error(tmp_path):
    path = _small_xlsx(tmp_path / "truncated.xlsx")
    path.write_bytes(path.read_bytes()[:600])
    _assert_chinese_error(path)


def test_xls_with_random_bytes_after_the_ole_magic_is_an_error(tmp_path):
    """With a workbook stream's name in the directory the file is taken for an .xls and xlrd refuses it."""
    rng = random.Random(5)
    path = tmp_path / "broken.xls"
    path.write_bytes(OLE + rng.randbytes(2000) + "Workbook".encode("utf-16-le") + rng.randbytes(2000))
    assert _assert_chinese_error(path).startswith("Excel 文件（.xls）已损坏或已加密")


def test_ole_file_of_random_bytes_is_an_error(tmp_path):
    """Without one it goes to LibreOffice (or the message asking to install it): an error either way."""
    path = tmp_path / "random.xls"
    path.write_bytes(OLE + random.Random(6).randbytes(4000))
    _assert_chinese_error(path)


def test_xml_entities_are_refused(tmp_path):
    """openpyxl parses with defusedxml (a dependency): an entity expansion ('billion laughs') is refused."""
    assert openpyxl.DEFUSEDXML
    path = _small_xlsx(tmp_path / "laughs.xlsx")
    doctype = b'<!DOCTYPE t [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>'
    _patch(path, "xl/worksheets/sheet1.xml",
           lambda xml: doctype + xml.replace(b"&#26576;&#39033;&#30446;", b"&b;"))
    assert _assert_chinese_error(path) == FORBIDDEN


def test_xls_without_formatting_information_still_reads(xls_files, monkeypatch):
    """A file xlrd cannot read with its formatting is read again without it: no merged ranges and General
    numbers (a rate formatted 0.00% would read as its fraction), but the form's cells."""
    from jixiao.read import xls

    real = xls.xlrd.open_workbook

    def refuse_formatting(*args, **kwargs):
        if kwargs.get("formatting_info"):
            raise NotImplementedError("formatting_info")
        return real(*args, **kwargs)

    monkeypatch.setattr(xls.xlrd, "open_workbook", refuse_formatting)
    golden, path = xls_files[0]  # amounts in #,##0.00: General shows the same values
    _assert_reads(golden, path, "xls without formatting")


def test_readers_print_nothing(tmp_path, capfd, xls_files):
    """xlrd writes its warnings to stdout and openpyxl warns through `warnings`: neither reaches the user."""
    _small_xlsx(path := tmp_path / "quiet.xlsx")
    read_path(path)
    read_path(xls_files[0][1])
    out, err = capfd.readouterr()
    assert out == "" and err == ""


def test_tokens_are_tokens(tmp_path):
    """The readers emit through the grid emitter: every token a table cell with its column."""
    path = _small_xlsx(tmp_path / "t.xlsx")
    tokens = read_path(path).tokens
    assert all(isinstance(t, Token) and t.col is not None and t.line == 1 for t in tokens)


def _uncalculated_funds(tmp_path: Path) -> tuple[Path, dict]:
    """Golden 000's first form as a workbook whose 年度资金总额 row is formulas a program wrote without computing
    them (openpyxl keeps no value for a formula): the sums of the rows below and the score."""
    form = _forms(GOLDENS[0])[0]
    path = render_xlsx([form], tmp_path / "formulas.xlsx", seed=1)
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    [total] = [c.row for c in sheet["A"] if c.value == "年度资金总额"]
    for column in "CDE":
        sheet[f"{column}{total}"] = f"=SUM({column}{total + 1}:{column}{total + 3})"
    sheet[f"H{total}"] = f"=ROUND(G{total}/100*F{total},2)"
    book.save(path)
    return path, form


@needs_soffice
def test_formulas_a_program_left_uncalculated_are_computed_by_libreoffice(tmp_path):
    """A workbook written by a program that computes no formulas (an office system's export) keeps no value for
    them: LibreOffice computes them, the workbook it saves is read, and a warning says so (before: those cells
    were empty, the fund row's amounts, rate and score lost without a word)."""
    path, form = _uncalculated_funds(tmp_path)
    result = parse_file(path)
    fields, matched, wrong, missing, extra = score([expected(form)], [f.record() for f in result.forms])
    assert matched == fields and not missing and not extra, "\n".join(wrong)
    assert any("4 个公式单元格没有保存计算结果" in w.message and "LibreOffice 重新计算" in w.message
               for w in result.forms[0].warnings)


def test_formulas_left_uncalculated_without_libreoffice_are_named(tmp_path, monkeypatch):
    """Without LibreOffice the uncalculated cells stay empty, and the warning names them."""
    import jixiao.read.xlsx

    monkeypatch.setattr(jixiao.read.xlsx, "soffice", lambda: None)
    path, form = _uncalculated_funds(tmp_path)
    result = parse_file(path)
    [read] = result.forms
    assert read.funds.total.executed is None and read.funds.total.score is None
    [warning] = [w.message for w in read.warnings if "公式单元格" in w.message]
    assert "4 个公式单元格" in warning and "C6" in warning and "本机未找到 soffice" in warning


def test_formulas_left_uncalculated_when_libreoffice_fails_are_named(tmp_path, monkeypatch):
    """LibreOffice installed but failing on the workbook: the workbook as read is kept, its uncalculated cells
    empty, and the warning says why (not the whole file refused)."""
    import jixiao.read.xlsx
    from jixiao.errors import InputError

    def fail(path, file, target):  # noqa: ANN001, ANN202
        raise InputError(file, "LibreOffice 转换超时（60 秒）；未读取")

    monkeypatch.setattr(jixiao.read.xlsx, "soffice", lambda: "/usr/bin/soffice")
    monkeypatch.setattr(jixiao.read.xlsx, "convert", fail)
    path, form = _uncalculated_funds(tmp_path)
    result = parse_file(path)
    [read] = result.forms
    assert read.funds.total.executed is None and read.project_name == form["project_name"]
    [warning] = [w.message for w in read.warnings if "公式单元格" in w.message]
    assert "LibreOffice 重新计算失败" in warning and "转换超时" in warning


def test_a_workbook_pandas_wrote_from_a_web_table(tmp_path):
    """pandas' `read_html` then `to_excel`: a header row of column numbers, each row's number before its cells,
    each merged cell once per column it spans, and a target typed with its operator and unit written as a formula
    Excel cannot compute (`=100(%)`): read as the form it is (before: 57.59% of the samples' forms so written)."""
    rows = [["项目名称"] + ["数据平台运维"] * 7,
            ["主管部门", "某某局", "某某局", "某某局", "实施单位", "某某中心", "某某中心", "某某中心"],
            ["项目资金(万元)", "项目资金(万元)", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率(%)", "得分"],
            ["年度资金总额", "年度资金总额", 100, 100, 90, 10, 90, 9],
            ["年度总体目标", "年度总体目标"] + ["预期目标"] * 3 + ["实际完成情况"] * 3,
            ["年度总体目标", "年度总体目标"] + ["保障平台稳定运行。"] * 3 + ["平台稳定运行。"] * 3,
            ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
            ["产出指标", "数量指标", "接入部门数", "=100(%)", "100%", 90, 85, "个别部门延后接入"],
            ["总分"] * 5 + [100, 94, None], ["评分等级", "评分等级"] + ["优"] * 6]
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append([None, *range(8)])
    for k, row in enumerate(rows):
        sheet.append([k, *row])
    book.save(path := tmp_path / "pandas.xlsx")
    [form] = parse_file(path).forms
    assert (form.project_name, form.department, form.funds.total.executed, form.funds.total.score) == (
        "数据平台运维", "某某局", 90, 9)
    assert (form.goal_expected, form.goal_actual) == ("保障平台稳定运行。", "平台稳定运行。")
    assert [(i.name, i.target, i.actual, i.weight, i.score) for i in form.indicators] == [
        ("接入部门数", "=100(%)", "100%", 90, 85)]
    assert (form.total_score, form.grade) == (94, "优")


def test_a_workbook_whose_points_column_is_blank_and_its_scores_filled(tmp_path):
    """A workbook whose filler scored every row and left the 分值 column blank: each row's 得分 is its own (the
    lone 得分 in the header's 得分 column), no 分值 made of the value before it."""
    forms = _forms(GOLDENS[2])[:4]
    blank = [{**f, "indicators": [{**i, "weight": None} for i in f["indicators"]]} for f in forms]
    path = render_xlsx(blank, tmp_path / "blank_points.xlsx", seed=2)
    result = parse_file(path)
    fields, matched, wrong, missing, extra = score([expected(f) for f in blank], [f.record() for f in result.forms])
    assert (matched, missing, extra) == (fields, 0, 0), wrong[:10]
