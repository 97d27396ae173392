"""The text reader resolves the format's markup so that none of it reaches the record."""

from __future__ import annotations

import pytest

import jixiao
from jixiao.read.text import clean_markup, read_text
from jixiao.read.tokens import Gap
from tests.conftest import SEEDS


def test_latex_math():
    assert clean_markup(r"$\geq 90.00(\%)$") == "≥90.00(%)"
    assert clean_markup(r"维护率 $\geq 90\%$ ；") == "维护率 ≥90% ；"
    assert clean_markup(r"$> 90.00(\%)$") == ">90.00(%)"


def test_html_paragraphs_and_entities():
    assert clean_markup("<p>第一段</p> <p>第二段&amp;</p>") == "第一段\n第二段&"


def test_markup_in_a_plain_line_is_resolved_word_by_word_where_the_line_prints_it():
    """A plain line's words stand where the line prints them, its markup included (a PDF printed from a page that
    showed its tags): a tag with spaces in it splits nothing, a word that is a tag alone leaves no token."""
    tokens = read_text('<p>项目&nbsp;名称</p> <span class="a b">甲</span> </p> $\\geq 90\\%$ 乙\n', "t").tokens
    assert [(t.text, t.x) for t in tokens] == [("项目 名称", 0), ("甲", 22), ("≥90%", 55), ("乙", 67)]


def _tokens(text: str) -> list[tuple[str, Gap, int | None]]:
    return [(t.text, t.gap, t.col) for t in read_text(text, "t").tokens]


def test_each_line_keeps_the_structure_it_has():
    """No layout flag for the document: a tab or pipe line is a row of certain cells (blanks kept), a plain line
    is fragments whose boundaries are uncertain (one space) or likely (a run of spaces)."""
    assert _tokens("项目名称\t\t甲\n") == [("项目名称", Gap.ROW, 0), ("", Gap.CELL, 1), ("甲", Gap.CELL, 2)]
    assert _tokens("| 项目名称 | 甲 | |||\n") == [("项目名称", Gap.ROW, 0), ("甲", Gap.CELL, 1), ("", Gap.CELL, 2),
                                                 ("", Gap.CELL, 3), ("", Gap.CELL, 4)]
    assert _tokens("标题\n\n项目名称 甲  乙\n") == [("标题", Gap.LINE, None), ("项目名称", Gap.BLANK, None),
                                               ("甲", Gap.SPACE, None), ("乙", Gap.WIDE, None)]
    assert _tokens("a & b \\\\\n\\hline\n") == [("a", Gap.ROW, 0), ("b", Gap.CELL, 1)]


def test_page_numbers_and_form_feeds_are_page_gaps():
    got = _tokens("甲\n- 2 -\n乙\f\n3\n丙\n")
    assert got == [("甲", Gap.LINE, None), ("乙", Gap.PAGE, None), ("丙", Gap.PAGE, None)]


def test_a_number_before_a_feed_is_a_page_number_only_as_the_document_numbers_its_pages():
    """`2` before the first feed is page 2's number only by a page number printed as one beside a feed on the page
    next to it; a `第 3 页` away from every feed breaks a page itself, so the feeds count no pages and the `2`, the
    last cell of a row printed a cell per line, stays."""
    row = "产出指标\n数量指标\n培训人次\n≥5个\n6个\n2\n2\n\n\f\n"
    assert [t.text for t in read_text(row + "甲\n\n第 3 页 共 4 页\n\n乙\n", "t").tokens][5:7] == ["2", "2"]
    assert [t.text for t in read_text(row + "甲\n第 3 页 共 4 页\n\f\n乙\n", "t").tokens][5:7] == ["2", "甲"]


def test_operator_variants_and_full_width_forms_are_folded():
    assert [t.text for t in read_text("≧95%\t》90\t>=１００％\t≦5\n", "t").tokens] == ["≥95%", "≥90", "≥100%", "≤5"]


def test_html_tables_keep_spans_and_empty_cells():
    doc = read_text("<p>标题</p><table><tr><td rowspan=2>产出指标</td><td>a</td><td></td></tr>"
                    "<tr><td>b&amp;c</td><td>d</td></tr></table>", "t")
    cells = [(t.text, t.col, t.row_span) for t in doc.tokens]
    assert cells == [("标题", None, 1), ("产出指标", 0, 2), ("a", 1, 1), ("", 2, 1), ("b&c", 1, 1), ("d", 2, 1)]


def test_no_markup_in_any_seed_record():
    for seed in SEEDS:
        for form in jixiao.parse(seed):
            text = repr(form.record())
            assert "<p>" not in text and "$" not in text and "\\geq" not in text


def test_a_bare_page_number_between_table_rows_is_no_cell():
    """'4' alone between blank lines among rows of several cells is where a page break was; in a document of a
    cell per line the same line is a cell."""
    from jixiao.read.text import read_text

    rows = "一级指标 二级指标 三级指标 年度指标值\n产出指标 数量指标 培训人数 ≥10人\n\n4\n\n质量指标 合格率 100% 100%\n"
    assert "4" not in [t.text for t in read_text(rows, "x").tokens]
    cells = "分值\n\n4\n\n得分\n"
    assert "4" in [t.text for t in read_text(cells, "x").tokens]


def test_a_grid_table_s_wrapped_cells_are_one_row_between_its_rules():
    """A table ruled under every row prints a wrapped cell on the lines below: the lines between two rules are one
    row, joined column by column (CJK without a space). A Markdown table, ruled under its header only, and a
    console table ruled around its header and under its body keep each body line a row of its own."""
    grid = ("+----+----+----+\n| 三级指标 | 年度指标 | 分值 |\n|          | 值       |      |\n+----+----+----+\n"
            "| 维修养护工程 | =32处 | 40 |\n| 数量         |       |    |\n+----+----+----+\n"
            "| 受益人口 | ≥5万人 | 30 |\n+----+----+----+\n")
    rows: dict[int, list[str]] = {}
    for t in read_text(grid, "grid.txt").tokens:
        rows.setdefault(t.row, []).append(t.text)
    assert list(rows.values()) == [["三级指标", "年度指标值", "分值"], ["维修养护工程数量", "=32处", "40"],
                                   ["受益人口", "≥5万人", "30"]]
    body = ["三级指标", "分值", "维修养护工程数量", "40", "受益人口", "30"]
    markdown = "| 三级指标 | 分值 |\n|---|---|\n| 维修养护工程数量 | 40 |\n| 受益人口 | 30 |\n"
    assert [t.text for t in read_text(markdown, "md.txt").tokens] == body
    console = "+---+---+\n| 三级指标 | 分值 |\n+---+---+\n| 维修养护工程数量 | 40 |\n| 受益人口 | 30 |\n+---+---+\n"
    assert [t.text for t in read_text(console, "console.txt").tokens] == body


def test_cjk_radicals_a_pdf_s_fonts_print_for_ideographs_are_the_ideographs():
    """Text taken out of PDFs printed by a browser (pdfminer, pypdf, pdfplumber) holds CJK radicals where the
    font maps an ideograph to one: Kangxi radicals (`项⽬⽀出`, which NFKC folds) and the supplement's (`⻓` for 长,
    `⻛` for 风, which nothing but the Unicode Character Database's table maps); the record holds the ideographs."""
    import json
    import unicodedata

    from tests.conftest import GOLDEN
    from tests.layout_render import expected, render
    from tests.scoring import score

    as_radical = {unicodedata.normalize("NFKC", chr(code)): chr(code) for code in range(0x2F00, 0x2FD6)}
    as_radical.update({"长": "⻓", "风": "⻛", "民": "⺠", "青": "⻘", "门": "⻔", "马": "⻢"})  # (the supplement)
    forms = json.loads((GOLDEN / "003_a203d4b834672a09.json").read_text(encoding="utf-8"))["forms"]
    text = render(forms, "pdf_flow", seed=3)
    printed = "".join(as_radical.get(ch, ch) for ch in text)
    assert sum(1 for ch in printed if ch not in text) > 100  # (项⽬, ⽀出, ⾃评, ⼯作 … in every form)
    got = [f.record() for f in jixiao.parse_text(printed, "radicals.txt")]
    fields, matched, wrong, missing, extra = score([expected(f) for f in forms], got)
    assert (matched, missing, extra) == (fields, 0, 0), "\n".join(wrong[:10])


def test_tab_rows_cut_by_line_breaks_inside_their_cells_are_one_row_each():
    """A table extractor's cells hold their wrapped lines' breaks, and a writer that keeps every row's empty cells
    but quotes nothing cuts such a row over lines (`\\t\\t产业投` / `资年报\\t=160(份)\\t…`): the lines whose
    cells add up to the row before them, one cell shared at each break, are one row (before: the cell's pieces
    read as two rows' names, the first row's name taking the second's beginning)."""
    rows = ["财政项目支出绩效自评表（2023年度）",
            "项目名称\t产业转型\n升级重点工作\t\t\t\t\t\t",
            "主管部门\t某某局\t\t\t实施单位\t某某中心\t\t",
            "项目资金(万元)\t\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率(%)\t得分",
            "年度资金总额\t\t100.00\t100.00\t90.00\t10.00\t90.00\t9.00",
            "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施",
            "产出指标\t数量指标\t时尚创意交流活动\t=2(场)\t2.00(场)\t30.00\t30.00\t",
            "\t\t产业投\n资年报\t=160(份)\t160.00(份)\t30.00\t30.00\t",
            "\t\t投资政策汇编\t全年编印\n政策汇编\n一册\t1册\t30.00\t30.00\t",
            "总分\t\t\t\t\t100.00\t99.00\t", "评分等级\t\t优\t\t\t\t\t", ""]
    [form] = jixiao.parse_text("\n".join(rows), "extracted.tsv")
    assert form.project_name == "产业转型升级重点工作"
    assert [(i.name, i.target, i.actual) for i in form.indicators] == [
        ("时尚创意交流活动", "=2(场)", "2.00(场)"), ("产业投资年报", "=160(份)", "160.00(份)"),
        ("投资政策汇编", "全年编印政策汇编一册", "1册")]


def test_rows_of_tab_separated_cells_of_several_widths_are_not_joined():
    """Where the writer drops each row's empty cells at its end, rows hold different counts of cells: two short
    rows in a row (`总分\\t…\\t99.00` and `评分等级\\t优`, 7 and 2 cells after a row of 8) stay two rows."""
    rows = ["财政项目支出绩效自评表（2023年度）", "项目名称\t数据平台运维", "主管部门\t某某局\t实施单位\t某某中心",
            "项目资金(万元)\t\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率(%)\t得分",
            "年度资金总额\t\t100.00\t100.00\t90.00\t10.00\t90.00\t9.00",
            "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施",
            "产出指标\t数量指标\t接入部门数\t≥20个\t25个\t90.00\t90.00\t无",
            "总分\t\t\t\t\t100.00\t99.00", "评分等级\t优", ""]
    [form] = jixiao.parse_text("\n".join(rows), "trimmed.tsv")
    assert (form.total_score, form.grade) == (99.0, "优")


def test_rows_between_borders_cut_over_lines_inside_their_cells_are_one_row_each():
    """A cell's line break written into a row between borders (`| | | 产业投` / `资年报 | =160(份) | … |`): a line
    opened by a border and not closed goes on up to the line that closes it (before: two rows, the first row's
    name taking the second's beginning)."""
    rows = ["财政项目支出绩效自评表（2023年度）", "| 项目名称 | 产业转型升级重点工作 | | | | | | |",
            "| 主管部门 | 某某局 | | | 实施单位 | 某某中心 | | |",
            "| 项目资金(万元) | | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率(%) | 得分 |",
            "| 年度资金总额 | | 100.00 | 100.00 | 90.00 | 10.00 | 90.00 | 9.00 |",
            "| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |",
            "| 产出指标 | 数量指标 | 时尚创意交流活动 | =2(场) | 2.00(场) | 45.00 | 45.00 | |",
            "| | | 产业投", "资年报 | =160(份) | 160.00(份) | 45.00 | 45.00 | |",
            "| 总分 | | | | | 100.00 | 99.00 | |", "| 评分等级 | | 优 | | | | | |", ""]
    [form] = jixiao.parse_text("\n".join(rows), "extracted.md")
    assert [(i.name, i.target, i.weight) for i in form.indicators] == [
        ("时尚创意交流活动", "=2(场)", 45), ("产业投资年报", "=160(份)", 45)]


def _spans_repeated(separator: str) -> str:
    """A form as pandas' `read_html` writes a web table out: each merged cell once per column it spans."""
    rows = [["财政项目支出绩效自评表（2023年度）"] * 8, ["项目名称"] + ["数据平台运维"] * 7,
            ["主管部门", "某某局", "某某局", "某某局", "实施单位", "某某中心", "某某中心", "某某中心"],
            ["项目资金(万元)", "项目资金(万元)", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率(%)", "得分"],
            ["年度资金总额", "年度资金总额", "100.00", "100.00", "90.00", "10.00", "90.00", "9.00"],
            ["其中：当年财政拨款", "其中：当年财政拨款", "100.00", "100.00", "90.00", "-", "90.00", "-"],
            ["年度总体目标", "年度总体目标"] + ["预期目标"] * 3 + ["实际完成情况"] * 3,
            ["年度总体目标", "年度总体目标"] + ["保障平台稳定运行。"] * 6,
            ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
            ["产出指标", "数量指标", "接入部门数", "≥20个", "25个", "45.00", "45.00", ""],
            ["产出指标", "质量指标", "运行稳定性", "稳定", "稳定", "45.00", "40.00", "偶有中断"],
            ["总分"] * 5 + ["100.00", "94.00", ""], ["评分等级", "评分等级"] + ["优"] * 6]
    return "\n".join([*(separator.join(r) for r in rows), ""])


@pytest.mark.parametrize("separator", ["\t", ","])
def test_merged_cells_written_once_per_column_they_span_are_one_cell(separator):
    """A merged cell written once per column it spans is one cell: its label no value (before: `年度资金总额` in the
    first value column, the fund row read shifted), a goal text copied into 实际完成情况 two texts (the spans of the
    heading row above tile it), a grade once. A target its actual equals keeps its actual (a run of two inside a
    row is no span), and so do a 分值 and 得分 alike."""
    [form] = jixiao.parse_text(_spans_repeated(separator), "pandas." + ("csv" if separator == "," else "tsv"))
    total = form.funds.total
    assert (form.year, form.project_name, form.department, form.implementing_unit) == (
        2023, "数据平台运维", "某某局", "某某中心")
    assert (total.initial_budget, total.executed, total.weight, total.execution_rate, total.score) == (
        100, 90, 10, 90, 9)
    assert (form.goal_expected, form.goal_actual) == ("保障平台稳定运行。", "保障平台稳定运行。")
    assert [(i.name, i.target, i.actual, i.weight, i.score) for i in form.indicators] == [
        ("接入部门数", "≥20个", "25个", 45, 45), ("运行稳定性", "稳定", "稳定", 45, 40)]
    assert (form.total_score, form.grade) == (94, "优")


def test_an_indicator_named_as_its_target_and_actual_is_no_span():
    """One row holding one text in three cells (`根据合同 | 根据合同 | 根据合同`: a 时效指标 named as its target, met)
    is chance, not a writer's copies of a span: the target and actual stay (before: both read empty). A writer
    that copies spans does so in more rows than one (its title, the project's name, a goal text)."""
    rows = ["项目支出绩效自评表（2023年度）", "项目名称\t数据平台运维", "主管部门\t某某局\t实施单位\t某某中心",
            "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施",
            "产出指标\t数量指标\t接入部门数\t≥20个\t25个\t50\t50\t",
            "\t时效指标\t根据合同\t根据合同\t根据合同\t40\t40\t", "总分\t\t\t\t\t90\t90\t", ""]
    [form] = jixiao.parse_text("\n".join(rows), "contract.tsv")
    assert [(i.name, i.target, i.actual) for i in form.indicators] == [
        ("接入部门数", "≥20个", "25个"), ("根据合同", "根据合同", "根据合同")]


@pytest.mark.parametrize("separator", ["\t", ","])
def test_a_row_index_and_a_row_of_column_numbers_a_writer_added_are_read_past(separator):
    """pandas' `to_csv` writes each row's number before its cells and the columns' numbers above them
    (`,0,1,2,…` / `0,项目名称,…`): the numbers are no cells (before: every row's cells a column off, 57.64% of
    the samples' forms so written)."""
    lines = _spans_repeated(separator).split("\n")[:-1]
    indexed = [separator.join(["", *map(str, range(8))])] + [f"{k}{separator}{line}" for k, line in enumerate(lines)]
    [form] = jixiao.parse_text("\n".join([*indexed, ""]), "pandas." + ("csv" if separator == "," else "tsv"))
    assert (form.project_name, form.funds.total.executed, form.total_score, form.grade) == (
        "数据平台运维", 90, 94, "优")
    assert [(i.name, i.target, i.actual) for i in form.indicators] == [
        ("接入部门数", "≥20个", "25个"), ("运行稳定性", "稳定", "稳定")]


def test_a_form_numbering_its_indicators_keeps_its_numbers():
    """A 序号 column that numbers only the indicator rows, under its header, is the form's own: the reader keeps
    it (no row index of a writer)."""
    rows = ["财政项目支出绩效自评表（2023年度）", "项目名称\t数据平台运维\t\t\t\t\t\t\t",
            "序号\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施",
            *(f"{k}\t产出指标\t数量指标\t指标{k}\t≥{k}个\t{k}个\t10\t10\t" for k in range(1, 10)),
            "总分\t\t\t\t\t\t90\t90\t", ""]
    assert [t.text for t in read_text("\n".join(rows), "numbered.tsv").tokens if t.col == 0][2:5] == ["1", "2", "3"]


def test_a_programs_words_for_an_empty_cell_are_empty_cells():
    """`nan` (pandas' `to_markdown`), `None` (a script joining pdfplumber's cells with `str`): no text of the form,
    so no value (before: read as the cells' texts, a 偏差原因 of `nan`, a 上年结转资金 row of `None`s)."""
    rows = _spans_repeated("\t").replace("45.00\t45.00\t\n", "45.00\t45.00\tnan\n")
    rows = rows.replace("\t\t", "\tNone\t").replace("\t\n", "\tNone\n")
    assert "\tnan\n" in rows and "\tNone" in rows
    [form] = jixiao.parse_text(rows, "script.tsv")
    assert [i.deviation for i in form.indicators] == [None, "偶有中断"]
    assert (form.total_score, form.grade) == (94, "优")


def test_a_web_table_pandas_wrote_back_as_html():
    """pandas' `to_html`: a head row of column numbers, each row's number in a `<th>`, `NaN` in empty cells and a
    merged cell once per column it spans (before: 50.30% of the samples' forms so written)."""
    body = [line.split("\t") for line in _spans_repeated("\t").strip().split("\n")]
    head = "<tr><th></th>" + "".join(f"<th>{n}</th>" for n in range(8)) + "</tr>"
    rows = "\n".join(f"<tr><th>{k}</th>" + "".join(f"<td>{c or 'NaN'}</td>" for c in row) + "</tr>"
                     for k, row in enumerate(body))
    page = f"<table>\n<thead>\n{head}\n</thead>\n<tbody>\n{rows}\n</tbody>\n</table>\n"
    [form] = jixiao.parse_text(page, "pandas.html")
    assert (form.year, form.project_name, form.funds.total.executed, form.goal_actual, form.grade) == (
        2023, "数据平台运维", 90, "保障平台稳定运行。", "优")
    assert [(i.name, i.actual, i.deviation) for i in form.indicators] == [
        ("接入部门数", "25个", None), ("运行稳定性", "稳定", "偶有中断")]


def test_labels_written_on_every_row_leave_a_row_without_a_label_without_one():
    """A merged cell written out on each row it spans (pandas, python-docx's `row.cells`) prints every row's 一级
    label: so each row prints its 二级 label too, and rows that print none have none (before: the next rows'
    `质量指标` taken up into them, as a label printed at the foot of its span)."""
    rows = ["财政项目支出绩效自评表（2023年度）", "项目名称\t数据平台运维\t\t\t\t\t\t",
            "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施",
            "产出指标\t\t接入部门数\t≥20个\t25个\t30\t30\t", "产出指标\t\t接入系统数\t≥5个\t6个\t30\t30\t",
            "产出指标\t质量指标\t运行稳定性\t稳定\t稳定\t30\t28\t",
            "产出指标\t质量指标\t数据准确率\t≥99%\t99.5%\t10\t10\t",
            "总分\t\t\t\t\t100\t98\t", ""]
    [form] = jixiao.parse_text("\n".join(rows), "docx_cells.tsv")
    assert [(i.level1, i.level2, i.name) for i in form.indicators] == [
        ("产出指标", None, "接入部门数"), ("产出指标", None, "接入系统数"), ("产出指标", "质量指标", "运行稳定性"),
        ("产出指标", "质量指标", "数据准确率")]


def test_a_sheets_first_row_pandas_took_for_its_header_keeps_its_text():
    """pandas' `read_excel` then `to_csv`: the sheet's first row became the header, its empty cells named
    `Unnamed: 1`, …, and every row after it numbered (before: the numbers read as cells, 65.78% of the samples'
    workbooks so written). The title keeps its text; the names and the numbers go."""
    lines = _spans_repeated(",").split("\n")[:-1]
    title, *rest = lines
    header = ",".join(["", title.split(",")[0], *(f"Unnamed: {n}" for n in range(1, 8))])
    text = "\n".join([header, *(f"{k},{line}" for k, line in enumerate(rest)), ""])
    [form] = jixiao.parse_text(text, "read_excel.csv")
    assert (form.year, form.project_name, form.funds.total.executed, form.grade) == (2023, "数据平台运维", 90, "优")


@pytest.mark.parametrize("delimiter", [",", "\t"])
def test_csv_whose_quoted_cells_keep_their_line_breaks(delimiter):
    """A sheet saved as CSV whose cells hold line breaks (Excel's Alt+Enter, a script writing pdfplumber's cells
    with the csv module): each such cell is quoted and takes several lines, and the text is CSV all the same
    (before: more lines than records, so no CSV, and 22.34% of the samples' forms so written). Written with tabs,
    its quotes are the writer's, not the cells' (before: 88.42%, each such cell read with its quotes)."""
    import csv
    import io

    rows = [["财政项目支出绩效自评表（2023年度）"], ["项目名称", "数据平台运维", "", "", "", "", "", ""],
            ["项目资金(万元)", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率(%)", "得分"],
            ["年度资金总额", "", "100.00", "100.00", "90.00", "10.00", "90.00", "9.00"],
            ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
            *(["产出指标", "数量指标", f"接入\n部门数{k}", "按时\n完成", "全部\n完成", "30.00", "30.00", "无"]
              for k in range(3)),
            ["总分", "", "", "", "", "100.00", "99.00", ""], ["评分等级", "", "优", "", "", "", "", ""]]
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    [form] = jixiao.parse_text(buffer.getvalue(), "saved.csv")
    assert [(i.name, i.target, i.actual) for i in form.indicators] == [
        (f"接入部门数{k}", "按时完成", "全部完成") for k in range(3)]
    assert (form.funds.total.executed, form.total_score, form.grade) == (90, 99, "优")


def test_a_row_of_circled_column_numbers_under_a_header():
    """A table that numbers its columns in a row of circled digits (`① | ② | ③ | ⑧=④*⑦`, under its header) is
    read: the circled digits are no row index (before: `int('①')` raised, the file an internal error)."""
    text = "\n".join([
        "项目支出绩效自评表", "项目名称 | 护工培训 |",
        "一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |",
        "产出指标 | 数量指标 | 培训人数 | 12500名 | 12166名 | 50 | 48 |",
        "总分 | 50 | 48 |",
        "序号 | 学校性质 | 培训机构 | 补助标准 | 人数 | 补助资金 |",
        "① | ② | ③ | ④ | ⑤ | ⑥=④*⑤ |",
        "1 | 民办 | 某培训学校 | 2600 | 842 | 218.92 |",
        "2 | 民办 | 另一培训学校 | 2600 | 900 | 234 |",
    ])
    [form] = jixiao.parse_text(text, "circled.txt")
    assert [(i.name, i.weight, i.score) for i in form.indicators] == [("培训人数", 50, 48)]


def test_a_table_a_cell_per_line_each_opened_by_an_indented_bar_is_read_as_rows():
    """A mirror site's copy of a web table: a row's first cell on its line, each next one opened by an indented
    bar, a cell wrapped onto an indented line of its own, the row ended by bars; a row whose first cell is empty
    opens on a blank line."""
    text = "\n".join([
        "一级指标", "        | 二级指标", "        | 三级指标", "        | 指标值", "        | 实施进度", "        | |",
        "产出指标", "        | 数量指标", "        | 宣传次数", "        | 至少全年完成2次宣传", "        | 已完成",
        "        | |",
        "质量指标", "        | 创建质量", "        | 按质按量完成", "        | 已完成", "        | ||",
        "效益指标", "        | 社会效益", "       指标", "        | 提升消费者维权意识", "        | 不断提升",
        "        | 已完成", "        | |",
        "", "        | 可持续影响指标", "        | 长效机制", "        | 建立", "        | 已建立", "        | ||",
    ])
    rows: dict[int, list[str]] = {}
    for token in read_text(text, "t.txt").tokens:
        rows.setdefault(token.row, []).append(token.text)
    assert [[t for t in r if t] for r in rows.values()] == [
        ["一级指标", "二级指标", "三级指标", "指标值", "实施进度"],
        ["产出指标", "数量指标", "宣传次数", "至少全年完成2次宣传", "已完成"],
        ["质量指标", "创建质量", "按质按量完成", "已完成"],
        ["效益指标", "社会效益指标", "提升消费者维权意识", "不断提升", "已完成"],
        ["可持续影响指标", "长效机制", "建立", "已建立"]]
    first = next(t for t in read_text(text, "t.txt").tokens if t.text == "可持续影响指标")
    assert first.col == 1  # (after its empty first cell)
