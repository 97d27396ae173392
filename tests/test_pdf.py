"""The PDF reader on PDFs made by real producers: every golden form read back from LibreOffice and Chromium PDFs
(tables crossing page breaks, merged 一级/二级 labels split by them), and the bad PDFs users meet — scans, broken
ToUnicode maps, encrypted and damaged files — each with a clear message."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import openpyxl
import pypdfium2 as pdfium
import pytest

from jixiao.parse import parse_file
from jixiao.read import ocr
from tests.conftest import GOLDEN
from tests.docx_render import render_docx
from tests.layout_render import expected, render, scores_left_blank
from tests.pdf_render import chromium, chromium_pdf, libreoffice_pdf, soffice, turned_pdf
from tests.scoring import score
from tests.xlsx_render import render_xlsx

GOLDENS = sorted(GOLDEN.glob("*.json"))
MIN_ACCURACY = 99.5
needs_soffice = pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) is not installed")
needs_chromium = pytest.mark.skipif(chromium() is None, reason="Chromium is not installed")
# Word documents exported to PDF by LibreOffice Writer (the way most published PDFs are made): as written, with
# page breaks forced inside tables and a repeated header, with merged labels printed in the middle of their span,
# with a third of the 得分 cells left blank, and with the tables set without borders
LO_VARIANTS = {
    "plain": {},
    "breaks": {"page_breaks": True, "repeat_header": True},
    "middle": {"label_position": "middle"},
    "blank_scores": {},
    "unruled": {"ruled": False},  # tables without borders: rows rebuilt from the text's positions
    # a running header and page numbers in the footer (most published documents): dropped, not read into cells
    "furniture": {"page_breaks": True, "repeat_header": True, "furniture": True},
    # labels set 分散对齐 (each character spread over its cell), with borders and without
    "distributed": {"distributed": True},
    "unruled_distributed": {"distributed": True, "ruled": False},
}
# below the 99.5% target, measured per file: without borders 99.12–99.95% (99.49–99.60% over all, by the
# machine's fonts); without borders and with labels set 分散对齐 97.26–99.95% (99.28% over all)
FLOORS = {"unruled": 99.0, "unruled_distributed": 97.0}


def _forms(path: Path, variant: str = "plain", seed: int = 0) -> list[dict]:
    forms = json.loads(path.read_text(encoding="utf-8"))["forms"]
    return scores_left_blank(forms, seed) if variant == "blank_scores" else forms


def _accuracy(pdf: Path, gold_forms: list[dict]) -> tuple[float, str]:
    result = parse_file(pdf)
    assert result.error is None, result.error.message
    fields, matched, wrong, missing, extra = score([expected(f) for f in gold_forms],
                                                   [f.record() for f in result.forms])
    accuracy = 100.0 * matched / fields
    summary = f"{pdf.name}: {accuracy:.2f}% ({matched}/{fields}), missing {missing}, extra {extra}\n"
    summary += "\n".join(wrong[:10])
    assert not missing and not extra, summary
    return accuracy, summary


@pytest.fixture(scope="module")
def libreoffice_pdfs(tmp_path_factory) -> dict[tuple[str, str], Path]:
    """Every golden file, as a Word document in each variant, exported to PDF by LibreOffice in one run."""
    if soffice() is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    root = tmp_path_factory.mktemp("lo-pdf")
    sources = []
    for variant, options in LO_VARIANTS.items():
        for seed, path in enumerate(GOLDENS):
            document = root / f"{path.stem}.{variant}.docx"
            render_docx(_forms(path, variant, seed), document, seed=seed, **options)
            sources.append(document)
    pdfs = libreoffice_pdf(sources, root / "out", root / "profile")
    return {(src.stem.split(".")[0], src.stem.split(".")[1]): pdf for src, pdf in zip(sources, pdfs, strict=True)}


@needs_soffice
@pytest.mark.parametrize("variant", LO_VARIANTS)
@pytest.mark.parametrize("golden", GOLDENS, ids=lambda p: p.stem)
def test_libreoffice_pdf_reads_back(libreoffice_pdfs, golden, variant):
    seed = GOLDENS.index(golden)
    accuracy, summary = _accuracy(libreoffice_pdfs[(golden.stem, variant)], _forms(golden, variant, seed))
    print(summary.splitlines()[0])
    assert accuracy >= FLOORS.get(variant, MIN_ACCURACY), summary


def _printed(tmp_path_factory, name: str, write) -> list[Path]:  # noqa: ANN001
    """The files `write(folder)` writes (returning their paths), printed to PDF by LibreOffice."""
    if soffice() is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    root = tmp_path_factory.mktemp(name)
    return libreoffice_pdf(write(root), root / "out", root / "profile")


def _office_pdfs(tmp_path_factory, name: str, suffix: str, write) -> list[Path]:  # noqa: ANN001
    """Each golden written by `write(forms, path, seed)` as a `suffix` file, printed to PDF by LibreOffice."""
    def sources(root: Path) -> list[Path]:
        paths = [root / f"{path.stem}{suffix}" for path in GOLDENS]
        for seed, (path, source) in enumerate(zip(GOLDENS, paths, strict=True)):
            write(_forms(path), source, seed)
        return paths
    return _printed(tmp_path_factory, name, sources)


# one form alone in a document (the commonest published PDF): (golden, form, variant)
ONE_FORM = [(0, 1, "furniture"), (3, 1, "furniture"), (0, 6, "breaks"), (4, 7, "breaks"), (1, 0, "unruled"),
            (4, 0, "unruled"), (4, 5, "plain"), (0, 18, "breaks")]


@pytest.fixture(scope="module")
def one_form_pdfs(tmp_path_factory) -> list[Path]:
    def sources(root: Path) -> list[Path]:
        paths = []
        for golden, form, variant in ONE_FORM:
            paths.append(source := root / f"{golden}.{form}.{variant}.docx")
            render_docx([_forms(GOLDENS[golden])[form]], source, seed=100 * golden + form, **LO_VARIANTS[variant])
        return paths
    return _printed(tmp_path_factory, "one-form", sources)


@needs_soffice
@pytest.mark.parametrize("case", range(4), ids=["-".join(map(str, c)) for c in ONE_FORM[:4]])
def test_one_form_of_two_pages_reads_back(one_form_pdfs, case):
    """One form alone in a document of two pages: its running header, on both pages, is furniture (two pages
    show it; before, it went into the cell above it on the second page); a page number typed right below the
    table, centred at the page's foot, is the page's (before, it went on a cut cell's text, with the repeated
    header's cell below it)."""
    golden, form, _ = ONE_FORM[case]
    accuracy, summary = _accuracy(one_form_pdfs[case], [_forms(GOLDENS[golden])[form]])
    assert accuracy == 100.0, summary


@needs_soffice
def test_a_table_split_by_a_page_break_typed_before_a_block(tmp_path_factory):
    """A Word table split by a page break typed after a block, its header not repeated: the next page opens with
    the next block's merged labels (`满意度指标`), below a one-row block whose label fills its cell (`效益指标`).
    Every page ends far above its foot, so no row was cut by a page's end: the labels stay apart (before, the
    pages' lowest table was taken for the foot, and the next block's labels went on `效益指标`)."""
    accuracy, summary = _shape_reads_back(tmp_path_factory, "pdf_page_break_before_a_block")
    assert accuracy == 100.0, summary


@needs_soffice
def test_a_total_cut_before_its_point_by_a_page_break_goes_on(tmp_path_factory):
    """A Word table whose 总分 row the page break cut (the row may break across pages), full-width digits in
    narrow columns: the 分值 and 得分 cut before their points (`１０` / `０．００`, `８` / `８．８１`) go on across
    the break (before, the total read 10 of 8, and `0.00 8.81` was a line read past)."""
    accuracy, summary = _shape_reads_back(tmp_path_factory, "pdf_total_cut_before_its_point")
    assert accuracy == 100.0, summary


@needs_soffice
@pytest.mark.parametrize("name", ["pdf_unruled_label_beside_a_two_line_row", "pdf_unruled_label_centred_in_a_tall_row",
                                  "pdf_unruled_label_after_the_last_row", "pdf_unruled_label_in_pieces",
                                  "pdf_unruled_label_at_a_page_foot", "pdf_unruled_label_reaching_into_the_next_row",
                                  "pdf_unruled_label_cut_by_a_page_break_into_a_whole_label",
                                  "pdf_unruled_units_under_one_another",
                                  "pdf_unruled_labels_centred_beside_top_aligned_cells",
                                  "pdf_unruled_unit_wrapped_below_its_number",
                                  "pdf_unruled_label_finished_on_the_row_below"])
def test_labels_centred_in_a_table_without_borders_are_read_where_they_stand(tmp_path_factory, name):
    """A table without borders, its merged labels centred (LibreOffice): the rows are rebuilt from the text's
    places, and a label aligned with no row went with the row nearest it — so the rows, counted, could not say
    where in its span it stands. Its box and its rows' boxes (printed lines, a row as tall as its tallest cell)
    now do: before, `效益指标` beside a row of two lines went under the next block, and `数量指标` centred
    beside its own tall row was read centred on the next row too. A label read on a line of its own after the
    last row (`成本指标` beside that row's three-line cells) is that row's (before, dropped); a label read in
    pieces stands on all their lines (`生态` / `效益` / `指标`: before, on its first piece's only); a row read with
    a label from the foot of the page before is measured on its own cells' page. Rows do not overlap: a label
    starting with its row and reaching into the next row's lines spans that row too (before, the first row was
    grown to the label's height, the next left without a label); a label a page break cut into a piece and a
    whole label (`服务对象` / `满意度指标`) is one label; units printed after numbers as wide (`228 万元` over `109
    人`) start no column; labels centred beside cells set at the top of their rows are placed by those rows (a
    cell standing beside another row's one-line cells costs a reading); a number's unit wrapped below it (`≤316` /
    `万元`) goes on with it; a label's piece and its rest set on one row (`经济成本` / `指标`) are one label (each
    `data/shapes/*.json` says why)."""
    accuracy, summary = _shape_reads_back(tmp_path_factory, name)
    assert accuracy == 100.0, summary


@needs_soffice
def test_links_right_under_a_table_that_ends_low_on_its_page_are_not_its_cells(tmp_path_factory):
    """A web page printed from Word with its links right under the table's last rule (`【打印本页】 【关闭窗口】`
    under the grade row), the table ending low on its page: a browser's cut cell draws its text on past the cut,
    but only where the next page holds a table for the cell to go on in; here the document goes on without one,
    so the links are no text of the grade row (before, `中【关闭窗口】` and no grade)."""
    accuracy, summary = _shape_reads_back(tmp_path_factory, "pdf_links_right_under_the_table")
    assert accuracy == 100.0, summary


@needs_soffice
def test_a_number_wrapped_in_a_narrow_cell_is_one_number(tmp_path_factory):
    """A 得分 in full-width digits wrapped in its narrow column (`１` / `９．`, the rest `００` on the next page): the
    first line stops short of the cell's rule by the cell's padding only, so it wraps on; a line ends a
    paragraph where it stops short of the text's edge, the rule less the padding kept on the left (before, the
    text read `1 9.` and the row had no 得分)."""
    accuracy, summary = _shape_reads_back(tmp_path_factory, "pdf_number_wrapped_in_a_narrow_cell")
    assert accuracy == 100.0, summary


def _shape_reads_back(tmp_path_factory, name: str) -> tuple[float, str]:
    """A random form kept in `data/shapes/NAME.json`, written as a Word document with its render seed and options,
    printed to PDF and read back."""
    case = json.loads((Path(__file__).parent / "data" / "shapes" / f"{name}.json").read_text(encoding="utf-8"))

    def sources(root: Path) -> list[Path]:
        render_docx([case["form"]], source := root / f"{name}.docx", seed=case["seed"], **case["options"])
        return [source]
    [pdf] = _printed(tmp_path_factory, name, sources)
    return _accuracy(pdf, [case["form"]])


@needs_soffice
def test_amounts_cut_inside_their_thousands_groups_in_a_table_without_borders(one_form_pdfs):
    """A table without borders whose narrow columns cut amounts inside their thousands groups (`16,221,1` /
    `00.00`, `16,221,` / `100.00`): the rest below is the amount's, however long (before, the fund row read no
    全年预算数 or 全年执行数)."""
    [got] = parse_file(one_form_pdfs[ONE_FORM.index((1, 0, "unruled"))]).forms
    assert (got.funds.total.annual_budget, got.funds.total.executed) == (16221100.0, 16221100.0)


@needs_soffice
def test_numbers_a_narrow_column_cut_go_on_across_the_page_break(one_form_pdfs):
    """A row cut by the page break whose 分值 and 得分 a narrow column cut after their points (`10.0` / `0`,
    `10.` / `00`): their rests at the top of the next page go on with them, and the row's other cells with theirs
    (before: a bare number never went on, so the rest stayed a row of its own: `%)` read as a name, the cut row
    without its score)."""
    case = ONE_FORM.index((4, 5, "plain"))
    golden, form, _ = ONE_FORM[case]
    accuracy, summary = _accuracy(one_form_pdfs[case], [_forms(GOLDENS[golden])[form]])
    assert accuracy == 100.0, summary


@needs_soffice
def test_a_header_row_ending_the_page_is_continued_by_no_label(one_form_pdfs):
    """The indicator table's header row the last row of a page, its headings wrapped full in narrow columns
    (`一级` / `指标`): the block's merged label opening the next page is no rest of a heading (before:
    `一级指标产出指标`, and the header, no longer one, read into the goals)."""
    case = ONE_FORM.index((0, 18, "breaks"))
    golden, form, _ = ONE_FORM[case]
    accuracy, summary = _accuracy(one_form_pdfs[case], [_forms(GOLDENS[golden])[form]])
    assert accuracy == 100.0, summary


@pytest.fixture(scope="module")
def calc_pdfs(tmp_path_factory) -> list[Path]:
    return _office_pdfs(tmp_path_factory, "calc-pdf", ".xlsx",
                        lambda forms, path, seed: render_xlsx(forms, path, seed=seed, sheet_per_form=True))


@needs_soffice
@pytest.mark.parametrize("index", range(len(GOLDENS)), ids=[p.stem for p in GOLDENS])
def test_calc_pdf_reads_back(calc_pdfs, index):
    """Workbooks printed to PDF by LibreOffice Calc: a merged label cut by a page break is drawn centred on its
    whole area, below the table, off the page or on both sides of the break; rows are never split, so a one-line
    row ending a page is no cut row."""
    accuracy, summary = _accuracy(calc_pdfs[index], _forms(GOLDENS[index]))
    print(summary.splitlines()[0])
    assert accuracy >= MIN_ACCURACY, summary


# a form alone on a sheet printed at full size on A4 upright, too narrow for it: (golden, form); the last one is
# two pages tall as well, printed down, then over (its four pages: left top, left bottom, right top, right bottom)
WIDE_SHEETS = [(0, 0), (1, 0), (4, 10), (2, 5)]


def _wide_workbook(forms: list[dict], source: Path, seed: int, sheet_per_form: bool) -> Path:
    """`forms` as a workbook whose every sheet prints on A4 upright at full size: too narrow for a form."""
    render_xlsx(forms, source, seed=seed, sheet_per_form=sheet_per_form, sheet_per_page=False)
    book = openpyxl.load_workbook(source)
    for sheet in book.worksheets:
        sheet.page_setup.orientation = "portrait"
        sheet.sheet_properties.pageSetUpPr.fitToPage = False
    book.save(source)
    return source


@pytest.fixture(scope="module")
def wide_sheet_pdfs(tmp_path_factory) -> list[Path]:
    return _printed(tmp_path_factory, "wide-sheet", lambda root: [
        _wide_workbook([_forms(GOLDENS[golden])[form]], root / f"{golden}.{form}.xlsx", form, True)
        for golden, form in WIDE_SHEETS])


@needs_soffice
@pytest.mark.parametrize("case", range(len(WIDE_SHEETS)), ids=["-".join(map(str, c)) for c in WIDE_SHEETS])
def test_a_sheet_printed_across_pages_reads_as_one_table(wide_sheet_pdfs, case):
    """A sheet wider than its paper prints its last columns on the next pages, level with their rows (before: read
    as tables of their own after the first page's, 56.48% of fields over these sheets). Each such page is moved
    beside the page it goes on from, and the reader says so."""
    golden, form = WIDE_SHEETS[case]
    accuracy, summary = _accuracy(wide_sheet_pdfs[case], [_forms(GOLDENS[golden])[form]])
    assert accuracy == 100.0, summary
    notes = [w.message for got in parse_file(wide_sheet_pdfs[case]).forms for w in got.warnings]
    assert any("工作表横跨多页打印" in note for note in notes), notes


# three forms on one sheet: (golden, first form); the last: a merged label cut by a page break
WIDE_SHARED_SHEETS = [(1, 3), (2, 6), (3, 0), (2, 3)]


@pytest.fixture(scope="module")
def wide_shared_sheet_pdfs(tmp_path_factory) -> list[Path]:
    return _printed(tmp_path_factory, "wide-shared-sheet", lambda root: [
        _wide_workbook(_forms(GOLDENS[golden])[first:first + 3], root / f"{golden}.{first}.xlsx", first, False)
        for golden, first in WIDE_SHARED_SHEETS])


@needs_soffice
@pytest.mark.parametrize("case", range(3), ids=["-".join(map(str, c)) for c in WIDE_SHARED_SHEETS[:3]])
def test_every_strip_of_a_long_sheet_goes_beside_its_page(wide_shared_sheet_pdfs, case):
    """A sheet of several forms, wider than its paper, printed down, then over: its strips follow its pages in
    their order. A strip none of whose cells' text runs on from the page before it, or whose page holds a row or
    two only, is still beside its page (before: left as a page of its own, or joined to an earlier page of rows
    as high: its cells read into the next form or lost — 243/308, 402/486, 264/270 fields)."""
    golden, first = WIDE_SHARED_SHEETS[case]
    accuracy, summary = _accuracy(wide_shared_sheet_pdfs[case], _forms(GOLDENS[golden])[first:first + 3])
    assert accuracy == 100.0, summary


@needs_soffice
def test_sheets_one_after_another_each_printed_across_pages(tmp_path_factory):
    """A workbook of a sheet per form, each wider than its paper: each sheet's strips follow its own pages, and a
    sheet's pages, once printed, end the sheets before it — a later sheet's strip is never joined to an earlier
    sheet's page whose rows stand as high (before: 141/206 fields, the second sheet's rows read into the first's)."""
    [pdf] = _printed(tmp_path_factory, "wide-sheets",
                     lambda root: [_wide_workbook(_forms(GOLDENS[0])[3:6], root / "sheets.xlsx", 0, True)])
    accuracy, summary = _accuracy(pdf, _forms(GOLDENS[0])[3:6])
    assert accuracy == 100.0, summary


def _sheet_as_units_lay_it_out(forms: list[dict], path: Path, width: float) -> Path:
    """`forms` as one sheet laid out as a unit lays one out: each row's cells in columns `width` wide, wrapped
    and centred both ways, a value merged across the empty cells after it (but in the indicator table), rows as
    high as their text; printed as the sheet's defaults say (upright, at full size)."""
    from openpyxl.styles import Alignment, Border, Side

    lines = render(forms, "pipe").split("\n")
    rows = [cells for line in lines if (cells := [c.strip() for c in line.strip().strip("|").split("|")])
            and any(cells) and not all(set(c) <= set("-: ") for c in cells)]
    wide = max(map(len, rows))
    book = openpyxl.Workbook()
    sheet = book.active
    thin = Side(style="thin")
    table = False
    for i, row in enumerate(rows, 1):
        row = row + [""] * (wide - len(row))
        table = row[0].startswith("一级指标") or table and not row[0].startswith(("总分", "评分", "财政", "项目名称"))
        j = lines_high = 0
        while j < wide:
            k = j + 1
            while not table and row[j] and k < wide and not row[k]:
                k += 1
            if row[j]:
                sheet.cell(i, j + 1, row[j]).data_type = "s"  # ('=100%' is text, no formula)
                chars = sum(2 if ord(c) > 0x2E80 else 1.1 for c in row[j])
                lines_high = max(lines_high, -(-chars // (width * (k - j) - 1)))
            if k - j > 1:
                sheet.merge_cells(start_row=i, start_column=j + 1, end_row=i, end_column=k)
            j = k
        for j in range(1, wide + 1):
            sheet.cell(i, j).border = Border(left=thin, right=thin, top=thin, bottom=thin)
            sheet.cell(i, j).alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
        sheet.row_dimensions[i].height = 14.5 * max(lines_high, 1) + 2
    for j in range(1, wide + 1):
        sheet.column_dimensions[openpyxl.utils.get_column_letter(j)].width = width
    book.save(path)
    return path


@needs_soffice
def test_a_character_across_the_join_of_a_sheet_s_strips_is_read_once(tmp_path_factory):
    """A sheet wider than its paper, a centred value merged across the columns where a strip begins: the
    character standing across the join (a full-width `“`, drawn at the right of its box) is shown by both the
    page and its strip; it is the text's once (before: `““一网通办”工作经费`)."""
    forms = _forms(GOLDENS[3])[:3]
    [pdf] = _printed(tmp_path_factory, "sheet-join",
                     lambda root: [_sheet_as_units_lay_it_out(forms, root / "sheet.xlsx", 14)])
    accuracy, summary = _accuracy(pdf, forms)
    assert accuracy == 100.0, summary


@needs_soffice
def test_a_merged_label_the_page_break_cut_labels_its_rows_on_both_pages(wide_shared_sheet_pdfs):
    """A sheet's merged label (满意度指标 over two rows) cut by a page break, its text centred on its taller rest on
    the next page: the page closes the row's other cells at the break and leaves the label's open on both sides.
    The row above the break is the label's too (before: its blank label read as the block above's, 可持续影响指标)."""
    golden, first = WIDE_SHARED_SHEETS[3]
    forms = _forms(GOLDENS[golden])[first:first + 3]
    accuracy, summary = _accuracy(wide_shared_sheet_pdfs[3], forms)
    assert accuracy == 100.0, summary
    got = parse_file(wide_shared_sheet_pdfs[3]).forms[2].record()["indicators"]
    assert [(i["level1"], i["level2"]) for i in got[-2:]] == [("满意度指标", "服务对象满意度指标")] * 2


# (golden, paragraphs before the grid): a row the page cuts — a label (`主管部` / `门`), an indicator row
# (`质量指` / `标`, `=100.0` / `0(%)`, `80.00` / `(个)`), and `总分` over `评分等级` at a page's top, a row of its own
CENTRED_GRIDS = [(2, 0), (2, 3), (3, 3), (4, 3)]


@pytest.fixture(scope="module")
def centred_grid_pdfs(tmp_path_factory) -> list[Path]:
    """Three forms pasted into Word as one grid of equal columns, every cell centred both ways, printed by
    LibreOffice after a few paragraphs (which move the page breaks into rows)."""
    import docx
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    def sources(root: Path) -> list[Path]:
        paths = []
        for golden, paragraphs in CENTRED_GRIDS:
            lines = render(_forms(GOLDENS[golden])[:3], "pipe").split("\n")
            rows = [cells for line in lines if (cells := [c.strip() for c in line.strip().strip("|").split("|")])
                    and any(cells) and not all(set(c) <= set("-: ") for c in cells)]
            document = docx.Document()
            for _ in range(paragraphs):
                document.add_paragraph("说明")
            table = document.add_table(rows=len(rows), cols=max(map(len, rows)))
            table.style = "Table Grid"
            for i, row in enumerate(rows):
                for j, text in enumerate(row):
                    cell = table.cell(i, j)
                    cell.text = text
                    cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
                    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            document.save(path := root / f"{golden}.{paragraphs}.docx")
            paths.append(path)
        return paths
    return _printed(tmp_path_factory, "centred-grid", sources)


@needs_soffice
@pytest.mark.parametrize("case", range(len(CENTRED_GRIDS)), ids=["-".join(map(str, c)) for c in CENTRED_GRIDS])
def test_a_row_the_page_cuts_in_a_grid_of_centred_cells(centred_grid_pdfs, case):
    """Cells centred up and down give no sign a row goes on over the page: its rests stand centred, not at their
    tops, and text centred in its cell looks full to its right edge whether it wraps or not. A row whose cells
    above are all full to the cut, whose rests each stand under one of them, no number of their own, while a
    number above goes on with nothing below, is the cut row's rest; a label the form's words complete (`主管部` /
    `门`) says so where nothing else does; and a cell wraps only if another character would not fit in its room
    on both sides together (`总分` centred is no wrapped line: `评分等级` below it is a row). Before: 7 of 20
    such documents read a field wrong (`质量指`, `网络安`, `=100.0`; the head's 主管部门 lost; no 总分)."""
    golden, _ = CENTRED_GRIDS[case]
    accuracy, summary = _accuracy(centred_grid_pdfs[case], _forms(GOLDENS[golden])[:3])
    assert accuracy == 100.0, summary


@pytest.fixture(scope="module")
def writer_web_pdfs(tmp_path_factory) -> list[Path]:
    return _office_pdfs(tmp_path_factory, "writer-web-pdf", ".html",
                        lambda forms, path, seed: path.write_text(render(forms, "html", seed=seed), encoding="utf-8"))


# LibreOffice lays out 002's web page wider than A4 (a long goal text in one cell) and prints only what fits:
# the columns past the page's right edge are not in the PDF at all, text layer included
WRITER_WEB_CLIPPED = {"002_81adb0d8eb5e8cca"}


@needs_soffice
@pytest.mark.parametrize("index", range(len(GOLDENS)), ids=[p.stem for p in GOLDENS])
def test_libreoffice_pdf_of_a_web_page_reads_back(writer_web_pdfs, index):
    """Web pages printed to PDF by LibreOffice (Writer/Web): the first page may come out blank and a heading lost,
    the form's year left on the line before 项目名称; a merged label cut by a page break leaves its last character
    in the next row's cell ('服务对象满意度指' / '标')."""
    result = parse_file(writer_web_pdfs[index])
    assert result.error is None and result.forms
    if GOLDENS[index].stem in WRITER_WEB_CLIPPED:
        return
    accuracy, summary = _accuracy(writer_web_pdfs[index], _forms(GOLDENS[index]))
    print(summary.splitlines()[0])
    assert accuracy == 100.0, summary


CHROMIUM_CSS = {"collapsed": "table{border-collapse:collapse} td,th{border:1px solid #000;padding:4px}",
                "collapsed_12pt": "table{border-collapse:collapse} td,th{border:1px solid #000;padding:3px;"
                                  "font-size:12pt}",
                "thick_borders": "table{border-collapse:collapse;border:2px solid #000} td,th{border:1.5px solid #000;"
                                 "padding:2px}",
                "dashed_borders": "table{border-collapse:collapse} td,th{border:1px dashed #000;padding:3px}",
                "large_type": "table{border-collapse:collapse} td,th{border:1px solid #333;font-size:15pt;padding:6px}"}
EXACT_CHROMIUM = ("other_breaks", "collapsed", "large_type", "collapsed_12pt", "thick_borders", "dashed_borders")


@needs_chromium
@pytest.mark.parametrize("variant", ["plain", "blank_scores", "header_footer", "other_breaks", "collapsed",
                                     "large_type", "collapsed_12pt", "thick_borders", "dashed_borders"])
@pytest.mark.parametrize("golden", GOLDENS, ids=lambda p: p.stem)
def test_chromium_pdf_reads_back(tmp_path, golden, variant):
    """Chromium prints each cell with its own borders and leaves a cell cut by the page break open: the reader
    stitches it from the open rules. Its rules stand a little apart from page to page, so a page's column
    numbers differ from the header's: a row whose 得分 is blank is still anchored by its 分值. Printed with the
    browser's header and footer (date, title, address, '2/5' on every page), those are dropped. With other
    texts the pages break elsewhere (`other_breaks`): a two-line label cut between its lines ('项目' / '名称',
    its cells numbered differently on each page), a heading row ending a page (its tallest cell full to the
    bottom, the next page's text no rest of it), and a merged label whose rest the browser prints over the
    next page's first cells ('服务对象满意度' … '指' '标' over 总分 and 评分等级). With collapsed borders, as most
    sites style their tables (`collapsed`), a cut cell's text runs on across the table's last rule ('产' in the
    cell, '出' across the rule, '指标' on the next page), and a label centred in a merged cell at the top of a
    page starts no rest of the heading above it ('一级指标' / '产出指标'). In large type (`large_type`) a block's
    labels fill a whole page: their columns cross no row rule there, and are the table's still; a stacked
    label's next character is drawn right below the table's last rule; a goal text taller than a page leaves a
    page of column rules only, the middle of its row. In 12 pt type with other texts (`collapsed_12pt`) a page
    break leaves two rows' shared rule undrawn: the numbers of the row below are its own; and a table ending
    more than a line above the lowest the document's tables reach ended its page because its next row did not
    fit (a block of merged labels is kept whole): no cell of its last row goes on, however full (also with
    thick or dashed borders)."""
    forms = _forms(golden, variant, GOLDENS.index(golden))
    page = tmp_path / f"{golden.stem}.html"
    seed = 11 if variant == "collapsed_12pt" else GOLDENS.index(golden) if variant in EXACT_CHROMIUM else 1
    html = render(forms, "html", seed=seed)
    if variant in CHROMIUM_CSS:
        html = html.replace("<head>", f"<head><style>{CHROMIUM_CSS[variant]}</style>")
    page.write_text(html, encoding="utf-8")
    pdf = chromium_pdf(page, tmp_path / f"{golden.stem}.pdf", tmp_path / "profile",
                       header_footer=variant == "header_footer")
    accuracy, summary = _accuracy(pdf, forms)
    print(summary.splitlines()[0])
    # (these read exactly: each of their mendings had cost a form's fields, 98.50–99.93% of a document's)
    assert accuracy >= (100.0 if variant in EXACT_CHROMIUM else MIN_ACCURACY), summary


# A web table without borders printed by Chromium (cells centred vertically, a browser's default, or aligned at
# the top): no rules, so its rows are rebuilt from the text's positions (src/jixiao/read/pdf_text.py). Measured on
# the five goldens together: 98.40% centred, 98.10% top-aligned, 97.77% as a 三线表 (rules above and below the
# table and under its header, none between columns); held to these floors, below the 99.5% target. Stop 56's code
# read 97.89%, 97.37% and 97.42%, before a cell standing beside another row's one-line cells cost a reading, a
# label a page break cut in its merged cell ('产出' / '指标', rows of its span between, the rest on a line of its own
# or opening the page) was joined, two narrow cells set as close as a space were parted by their rests below
# (`项目资 年初预` / `金(万  算数`), a head label read around its value was read (`项目 机关党委工作名称`) and
# columns started left of their centred headings (`<th>`).
UNRULED = {"middle": ("", 98.0), "top": ("td,th{vertical-align:top}", 98.0),
           "three_line": ("table{border-top:2px solid #000;border-bottom:2px solid #000}"
                          "tr:first-child td,tr:first-child th{border-bottom:1px solid #000}", 97.5)}


@needs_chromium
@pytest.mark.parametrize("align", UNRULED)
def test_chromium_pdf_without_rules(tmp_path, align):
    css, floor = UNRULED[align]
    fields = matched = 0
    for golden in GOLDENS:
        forms = _forms(golden)
        html = render(forms, "html", seed=1).replace('border="1"', 'border="0"')
        page = tmp_path / f"{golden.stem}.html"
        page.write_text(html.replace("</head>", f"<style>{css}</style></head>"), encoding="utf-8")
        pdf = chromium_pdf(page, tmp_path / f"{golden.stem}.pdf", tmp_path / "profile")
        result = parse_file(pdf)
        assert result.error is None, result.error.message
        t, m, _, _, extra = score([expected(f) for f in forms], [f.record() for f in result.forms])
        assert not extra, f"{golden.stem}: {extra} extra forms"
        fields, matched = fields + t, matched + m
    accuracy = 100.0 * matched / fields
    print(f"{align}: {accuracy:.2f}%")
    assert accuracy >= floor


def test_a_cells_text_run_on_past_its_clip_stays_in_its_cell(tmp_path):
    """A spreadsheet printed to PDF draws a long text whole, clipped to its cell: the characters past the cell
    are in the file but not on the page. They are the cell's text, not the next cell's (before, they were read
    into the next cell, interleaved with its own text)."""
    path = tmp_path / "clipped.pdf"
    page = _canvas(path)
    _rules(page, (150, 130, 110), (50, 150, 250, 350))
    for row, cells in ((0, ["预期目标", "完成全部设施的日常维护与安全巡查工作", "已完成"]), (1, ["分值", "10", "9"])):
        for k, text in enumerate(cells):
            page.saveState()
            clip = page.beginPath()
            clip.rect(50 + 100 * k, 130 - 20 * row, 100, 20)
            page.clipPath(clip, stroke=0, fill=0)
            page.drawString(53 + 100 * k, 136 - 20 * row, text)
            page.restoreState()
    page.save()
    assert _texts(path) == ["预期目标", "完成全部设施的日常维护与安全巡查工作", "已完成", "分值", "10", "9"]


FONT = "STSong-Light"  # reportlab's built-in Chinese font


def _canvas(path: Path, height: float = 200):  # noqa: ANN202 - reportlab's Canvas
    """A page 400 points wide drawn with reportlab, its Chinese font set at 10 points and rules half a point."""
    from reportlab.pdfgen import canvas

    _width("")  # (the font registered)
    page = canvas.Canvas(str(path), pagesize=(400, height))
    page.setFont(FONT, 10)
    page.setLineWidth(0.5)
    return page


def _width(text: str) -> float:
    """How wide `text` prints at 10 points."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    return pdfmetrics.stringWidth(text, FONT, 10)


def _rules(page, ys: tuple[float, ...], xs: tuple[float, ...] | list[float]) -> None:  # noqa: ANN001
    """A table's rules: a line across at each y, one down at each x (from the first y to the last)."""
    for y in ys:
        page.line(xs[0], y, xs[-1], y)
    for x in xs:
        page.line(x, ys[0], x, ys[-1])


def _texts(path: Path) -> list[str]:
    from jixiao.read.pdf import read_pdf

    return [t.text for t in read_pdf(path, path.name).tokens if t.text]


def _image_only_pdf(path: Path) -> Path:
    """A 'scan': one page holding only an image."""
    pdf = pdfium.PdfDocument.new()
    page = pdf.new_page(595, 842)
    image = pdfium.PdfImage.new(pdf)
    bitmap = pdfium.PdfBitmap.new_native(200, 100, pdfium.raw.FPDFBitmap_BGR)
    bitmap.fill_rect((255, 255, 255, 255), 0, 0, 200, 100)
    image.set_bitmap(bitmap)
    image.set_matrix(pdfium.PdfMatrix().scale(400, 200).translate(50, 500))
    page.insert_obj(image)
    page.gen_content()
    pdf.save(path)
    return path


@pytest.mark.parametrize("upright", [True, False], ids=["shown upright", "shown on its side"])
@pytest.mark.parametrize("turn", [90, 180, 270])
def test_a_page_drawn_turned_reads_across(tmp_path, turn, upright):
    """A page whose content is drawn turned (a landscape form some PDF printers store so, shown upright by the
    page's /Rotate), or a page shown on its side: the text's own direction turns the page so it reads across
    (before: no field read)."""
    from jixiao.model import Form
    from jixiao.render import RenderFormat, render_forms

    forms = _forms(GOLDENS[1])[:3]
    source = render_forms([Form.model_validate(f) for f in forms], RenderFormat.pdf, tmp_path / "forms.pdf")
    accuracy, summary = _accuracy(turned_pdf(source, tmp_path / "turned.pdf", turn, upright), forms)
    assert accuracy == 100.0, summary


def test_scan_gets_a_clear_message(tmp_path):
    result = parse_file(_image_only_pdf(tmp_path / "scan.pdf"))
    assert result.error is not None and "扫描件" in result.error.message and "OCR" in result.error.message


@needs_soffice
def test_broken_tounicode_is_reported_not_garbled(libreoffice_pdfs, tmp_path, monkeypatch):
    """A PDF whose fonts lost their ToUnicode maps, without the OCR extra: the text would be garbage, so the file
    is refused, saying why and naming the extra that would read the pages as pictures."""
    monkeypatch.setattr(ocr, "available", lambda: False)
    data = libreoffice_pdfs[(GOLDENS[3].stem, "plain")].read_bytes()
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(data.replace(b"/ToUnicode", b"/ToUnicodX"))
    result = parse_file(broken)
    assert result.error is not None and "Unicode" in result.error.message and "乱码" in result.error.message
    assert ocr.EXTRA in result.error.message


@needs_soffice
@pytest.mark.skipif(not ocr.available(), reason='the OCR extra is not installed (pip install "jixiao[ocr]")')
def test_broken_tounicode_is_read_by_ocr(tmp_path):
    """The same PDF with the OCR extra: its glyphs are drawn right, so each garbled page is read as a picture of
    itself, with a warning naming the page (one form, one page: OCR takes seconds a page)."""
    forms = _forms(GOLDENS[3])[:1]
    render_docx(forms, tmp_path / "form.docx")
    [pdf] = libreoffice_pdf([tmp_path / "form.docx"], tmp_path / "out", tmp_path / "profile")
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(pdf.read_bytes().replace(b"/ToUnicode", b"/ToUnicodX"))
    accuracy, summary = _accuracy(broken, forms)
    assert accuracy >= 95.0, summary  # measured 97.3% (the OCR reads '(%)' as '(%')
    [form] = parse_file(broken).forms
    assert any(w.code == "P050" and "第 1 页" in w.message and "OCR" in w.message for w in form.warnings)


@needs_soffice
def test_encrypted_pdf(tmp_path):
    page = tmp_path / "form.docx"
    render_docx(_forms(GOLDENS[3])[:1], page)
    options = ('pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},'
               '"DocumentOpenPassword":{"type":"string","value":"secret"}}')
    subprocess.run([soffice(), f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                    "--convert-to", options, "--outdir", str(tmp_path / "out"), str(page)], check=True,
                   capture_output=True, timeout=300)
    result = parse_file(tmp_path / "out" / "form.pdf")
    assert result.error is not None and "加密" in result.error.message


@needs_soffice
def test_damaged_pdf_keeps_the_batch_going(libreoffice_pdfs, tmp_path):
    data = libreoffice_pdfs[(GOLDENS[3].stem, "plain")].read_bytes()
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(data[: len(data) // 3])
    garbage = tmp_path / "garbage.pdf"
    garbage.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 40)
    for path in (cut, garbage):
        result = parse_file(path)  # never raises
        assert result.error is not None or result.forms, path
        if result.error is not None:
            assert "PDF" in result.error.message


def test_pdf_named_txt_is_read_as_pdf(tmp_path):
    """Detection by content: a PDF saved with another suffix is still a PDF."""
    result = parse_file(_image_only_pdf(tmp_path / "scan.txt"))
    assert result.error is not None and "扫描件" in result.error.message


@needs_soffice
def test_cells_keep_page_and_box(libreoffice_pdfs):
    from jixiao.read import read_path

    doc = read_path(libreoffice_pdfs[(GOLDENS[0].stem, "plain")])
    cells = [t for t in doc.tokens if t.col is not None]
    assert cells and all(t.page and t.bbox for t in cells)
    assert max(t.page for t in cells) > 1
    merged = [t for t in cells if t.row_span > 1]
    assert merged, "merged 一级/二级 labels are found from the geometry"


@needs_soffice
def test_findings_point_at_the_page(libreoffice_pdfs):
    """A finding on a form read from a PDF names the page of its field."""
    import jixiao

    result = parse_file(libreoffice_pdfs[(GOLDENS[0].stem, "plain")])
    form = result.forms[-1]
    assert form.source.page and form.source.page > 1
    assert form.source.pages["indicators.0"] >= form.source.page
    findings = [f for form in result.forms for f in jixiao.check(form).findings]
    assert findings and all(f.source and "页）" in f.source for f in findings)
    pages = {int(f.source.split("（第")[1].split("页")[0]) for f in findings}
    assert len(pages) > 1  # findings of later forms point at later pages


@needs_soffice
def test_rotated_pages(libreoffice_pdfs, tmp_path):
    """Pages carrying a /Rotate entry: coordinates stay in the page's own space (its size is reported rotated)."""
    pdf = pdfium.PdfDocument(libreoffice_pdfs[(GOLDENS[3].stem, "plain")])
    for page in pdf:
        page.set_rotation(90)
    rotated = tmp_path / "rotated.pdf"
    pdf.save(rotated)
    accuracy, summary = _accuracy(rotated, _forms(GOLDENS[3]))
    assert accuracy >= MIN_ACCURACY, summary


@needs_soffice
def test_rules_inside_form_xobjects(libreoffice_pdfs, tmp_path):
    """A page whose content is wrapped in a form XObject (stamped, imposed or printed to PDF): its rules are found
    inside it, transformed to the page."""
    src = pdfium.PdfDocument(libreoffice_pdfs[(GOLDENS[3].stem, "plain")])
    dst = pdfium.PdfDocument.new()
    for index in range(len(src)):
        width, height = src[index].get_size()
        page = dst.new_page(width, height)
        page.insert_obj(src.page_as_xobject(index, dst).as_pageobject())
        page.gen_content()
    wrapped = tmp_path / "wrapped.pdf"
    dst.save(wrapped)
    accuracy, summary = _accuracy(wrapped, _forms(GOLDENS[3]))
    assert accuracy >= MIN_ACCURACY, summary


def test_borders_drawn_as_one_filled_path_of_thin_boxes_are_rules(tmp_path):
    """Some producers fill a table's borders, every one a thin box, as one path (many `re`, one `f`): each box is
    a rule, and the table reads as one ruled with lines (before: the path was taken for shading, the table read as
    unruled text, a cell's wrapped line as a row of its own)."""
    rows = [(("三级指标", ""), ("年度指标值", ""), ("分值", "")),
            (("清扫保洁面积", ""), ("≥200万平方", "米"), ("20", "")),
            (("群众满意度", ""), ("≥90%", ""), ("10", ""))]
    xs, ys = [50.0, 130.0, 200.0, 240.0], [180.0, 160.0, 130.0, 110.0]
    read = {}
    for kind in ("lines", "boxes"):
        path = tmp_path / f"{kind}.pdf"
        page = _canvas(path)
        for top, cells in zip(ys, rows, strict=False):
            for x, lines in zip(xs, cells, strict=False):
                for k, line in enumerate(lines):
                    page.drawString(x + 3, top - 12 - 11 * k, line)
        if kind == "lines":
            _rules(page, tuple(ys), xs)
        else:
            borders = page.beginPath()
            for y in ys:
                borders.rect(xs[0], y - 0.25, xs[-1] - xs[0], 0.5)
            for x in xs:
                borders.rect(x - 0.25, ys[-1], 0.5, ys[0] - ys[-1])
            page.drawPath(borders, stroke=0, fill=1)
        page.showPage()
        page.save()
        from jixiao.read.pdf import read_pdf

        read[kind] = [(t.text, t.row, t.col) for t in read_pdf(path, path.name).tokens if t.text]
    assert read["boxes"] == read["lines"]
    assert [text for text, _, _ in read["boxes"]] == ["三级指标", "年度指标值", "分值", "清扫保洁面积", "≥200万平方米",
                                                      "20", "群众满意度", "≥90%", "10"]


@needs_soffice
def test_a_mark_after_a_space_goes_on_its_text_in_a_table_without_borders(one_form_pdfs):
    """Goal texts side by side in a table without borders, a space printed before a comma (`…项目实施 ，满足局系统`,
    the comma's glyph drawn at the left of its box): a word opening with a mark no text opens with goes on the
    text before it (before, `，满足局系统` was read as the other text's)."""
    want = _forms(GOLDENS[4])[0]
    [got] = parse_file(one_form_pdfs[ONE_FORM.index((4, 0, "unruled"))]).forms
    assert got.goal_expected.replace(" ", "") == want["goal_expected"].replace(" ", "")


@pytest.mark.parametrize(("first", "second", "joined"), [
    ("51092324T000010263357-", "2023年补助资金项目", "51092324T000010263357-2023年补助资金项目"),
    ("质量管理体系ISO", "9001认证", "质量管理体系ISO 9001认证"),
    ("≥12345", "6人", "≥123456人"), ("51130021", "T0000", "51130021T0000")])
def test_a_cell_wrapped_after_a_sign_joins_without_a_space(tmp_path, first, second, joined):
    """A cell's text wrapped at its right edge is joined to its next line with a space only after a word's letter,
    before a letter or digit: a project code wrapped after its hyphen (`…357-` / `2023年…`) or inside its digits
    (`…0021` / `T0000`), a number its narrow column broke (`≥12345` / `6人`), are one (before: `…357- 2023年…`,
    `≥12345 6人`, `51130021 T0000`)."""
    path = tmp_path / "wrapped.pdf"
    page = _canvas(path)
    _rules(page, (160, 120), (50, 150, 150 + _width(first) + 6))  # the first line ends at the cell's edge
    page.drawString(53, 137, "项目名称")
    page.drawString(153, 146, first)
    page.drawString(153, 132, second)
    page.save()
    assert _texts(path) == ["项目名称", joined]


def test_the_space_word_processors_put_between_chinese_and_western_characters_is_no_space(tmp_path):
    """Word and LibreOffice print a quarter em between a Chinese and a Western character of one word (autospace):
    `≥500亩` is drawn `≥500` + a gap + `亩`. That gap is no space between words (before: read `≥500 亩`); a wider
    one still is."""
    path = tmp_path / "autospace.pdf"
    page = _canvas(path)
    _rules(page, (160, 140, 120), (50, 150, 350))
    for y, label, number, gap, unit in ((146, "年度指标值", "≥500", 3.4, "亩"), (126, "实际完成值", "500", 4.5, "亩")):
        page.drawString(53, y, label)
        page.drawString(153, y, number)
        page.drawString(153 + _width(number) + gap, y, unit)
    page.save()
    assert _texts(path) == ["年度指标值", "≥500亩", "实际完成值", "500 亩"]


def _cut_tables(path: Path, widths: list[str], first: list[tuple[float, float, tuple[str, ...]]],
                second: list[tuple[float, float, tuple[str, ...]]]) -> list[str]:
    """A table drawn over two pages 400 points high, its columns as wide as `widths` print, with a 3-point
    padding; rows (top, bottom, cell texts), `top` from the page's top. Returns the texts the reader reads."""
    height = 400
    edges = [50.0]
    for text in widths:
        edges.append(edges[-1] + _width(text) + 6)
    page = _canvas(path, height)
    for rows in (first, second):
        for top, bottom, texts in rows:
            _rules(page, (height - top, height - bottom), edges)
            for x, text in zip(edges, texts, strict=False):
                page.drawString(x + 3, height - top - 11, text)
        page.showPage()
        page.setFont(FONT, 10)
        page.setLineWidth(0.5)
    page.save()
    return _texts(path)


def test_a_row_the_page_cuts_a_line_above_the_foot_goes_on_with_its_numbers(tmp_path):
    """A row a page break cuts (Word and LibreOffice let a row break across pages): its part on the first page
    may end a printed line above the lowest any page's table reaches, the next line not fitting. Its label and its
    amounts go on at the top of the next page — `年度资` / `金总额`, `193300` / `00.00` — however long the rest of
    a number, once the row's words go on (before: read as two rows, the amounts 193300 and 00.00)."""
    texts = _cut_tables(tmp_path / "cut_row.pdf", ["年度资", "1933000", "1933000", "分值"],
                        [(300, 320, ("资金", "预算数", "执行数", "分值")),
                         (320, 336, ("年度资", "193300", "193300", "10"))],
                        [(40, 56, ("金总额", "00.00", "00.00", "")), (56, 200, ("其中", "20.00", "20.00", "")),
                         (200, 348, ("结转", "0.00", "0.00", ""))])
    assert texts[4:8] == ["年度资金总额", "19330000.00", "19330000.00", "10"], texts


def test_a_row_the_page_cuts_every_cell_of_which_goes_on(tmp_path):
    """A row whose every filled cell the page cut wraps at its edge (`主管部` / `门`, `某某市` / `财政局`): as many
    cells go on as the row has, and they are its rest (before: only a row with fewer cells going on was one, this
    one read as a row of its own, `门` and `财政局`). A row whose cells stop short of their edge is a row of its
    own, however many cells the next one has."""
    texts = _cut_tables(tmp_path / "cut_head.pdf", ["项目名", "某某市", "实施单", "某某市"],
                        [(300, 320, ("项目名", "道路", "年度", "2023")),
                         (320, 336, ("主管部", "某某市", "实施单", "某某市"))],
                        [(40, 56, ("门", "财政局", "位", "财政局")), (56, 200, ("资金", "10.00", "分值", "10")),
                         (200, 348, ("总额", "9.00", "得分", "9"))])
    assert texts[4:10] == ["主管部门", "某某市财政局", "实施单位", "某某市财政局", "资金", "10.00"], texts
    texts = _cut_tables(tmp_path / "rows.pdf", ["项目名", "某某市", "实施单", "某某市"],
                        [(300, 320, ("项目名", "道路", "年度", "2023")), (320, 336, ("主管", "某市", "实施", "某市"))],
                        [(40, 56, ("门", "财政局", "位", "财政局")), (56, 200, ("资金", "10.00", "分值", "10")),
                         (200, 348, ("总额", "9.00", "得分", "9"))])
    assert texts[4:12] == ["主管", "某市", "实施", "某市", "门", "财政局", "位", "财政局"], texts


@pytest.mark.parametrize("rest", ["，推进", "付，推进", "（推进）"])
def test_a_heading_that_stops_short_of_its_edge_at_a_page_s_foot_takes_no_text_below(tmp_path, rest):
    """A row of headings ending a page (`年度总体目标 | 预期目标 | 实际完成情况`), the goal's texts opening the next:
    a heading that stops short of its cell's edge by more than a character is whole — Chinese text breaks
    anywhere, so a line of it that goes on wraps within a character of its edge (before: a heading within two
    and a half ems of its edge took the text below, `预期目标城市数字化…`). Where the next line opens with a closing
    mark, the character before it went along (or the line opens with an opening mark, which no line ends with):
    within two characters the text still goes on."""
    heads = [(300, 320, ("资金", "100", "100")), (320, 336, ("年度总体目标", "预期目标", "实际完成情况"))]
    texts = _cut_tables(tmp_path / "heads.pdf", ["年度总体目标", "预期目标目标", "实际完成情况"], heads,
                        [(40, 56, ("", "推进数字化", "数字化")), (56, 200, ("一级指标", "二级指标", "三级指标")),
                         (200, 348, ("产出指标", "数量指标", "场次"))])
    assert texts[3:8] == ["年度总体目标", "预期目标", "实际完成情况", "推进数字化", "数字化"], texts
    texts = _cut_tables(tmp_path / "marks.pdf", ["年度总体目标", "预期目标目标", "实际完成情况"], heads,
                        [(40, 56, ("", rest, "")), (56, 200, ("一级指标", "二级指标", "三级指标")),
                         (200, 348, ("产出指标", "数量指标", "场次"))])
    assert texts[3:7] == ["年度总体目标", "预期目标" + rest, "实际完成情况", "一级指标"], texts


def test_a_spreadsheets_text_run_on_over_the_empty_cells_beside_it_is_one_cells(tmp_path):
    """Excel and LibreOffice Calc print a cell's text that is not wrapped on over the empty cells to its right,
    across their rules (`财政项目支出绩效自评表（2023年度）` over four columns of a sheet with its gridlines): it is
    the text of the cell it starts in (before: cut at each rule into `财政项目` | `支出绩效自` | …, the title and
    its year lost). A run stops at a character drawn over the one before it (the next cell's text, where the run
    was not clipped at its rule); a table's own cells, kept apart by their padding, are not joined."""
    page = _canvas(tmp_path / "sheet.pdf")
    xs = (50, 100, 150, 200, 250)
    _rules(page, (160, 140, 120), xs)
    page.drawString(53, 146, "财政项目支出绩效自评表（2023年度）")
    page.drawString(53, 126, "其中：当年财政拨款")
    page.drawString(53 + _width("其中：当年财政拨款") - 2, 126, "9.80")  # (over the label's last character)
    page.drawString(203, 126, "19.80")
    page.save()
    want = ["财政项目支出绩效自评表（2023年度）", "其中：当年财政拨款", "9.80", "19.80"]
    assert _texts(tmp_path / "sheet.pdf") == want
