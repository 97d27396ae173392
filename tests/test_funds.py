"""The 项目资金 block: straight reads, blanks, and the rebuild of jumbled tables."""

from __future__ import annotations

import pytest

import jixiao
from tests.conftest import SEEDS

HEAD = "财政项目支出绩效自评表\n(2023年度)\n项目名称\t\t测试项目\n主管部门\t\t某局\t\t实施单位\t\t某局\n"
TAIL = ("年度总体目标\t预期目标\t\t\t实际完成情况\n\t目标甲\t\t\t完成甲\n"
        "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施\n"
        "产出指标\t数量指标\t甲\t=1(次)\t1(次)\t90\t90\t\n总分\t\t\t\t\t100\t97.16\t\n评分等级\t\t优\n")


def form_of(funds_block: str):
    [form] = jixiao.parse_text(HEAD + funds_block + TAIL)
    return form


def test_straight_table_with_blank_cells():
    form = form_of(
        "项目资金 (元)\t\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\n"
        "\t年度资金总额\t18250000.00\t16221100.00\t16,221,100\t10\t100.00%\t10\n"
        "\t其中：当年财政拨款\t18250000\t16221100\t\t—\t\t\n"
        "\t上年结转资金\t0\t0\t\t—\t\t\n")
    assert form.fund_unit == "元"
    assert form.funds.total.model_dump() == {"initial_budget": 18250000.0, "annual_budget": 16221100.0,
                                             "executed": 16221100.0, "weight": 10.0, "execution_rate": 100.0,
                                             "score": 10.0}
    assert form.funds.current_year.executed is None and form.funds.current_year.weight is None
    assert form.funds.carryover.annual_budget == 0.0
    assert form.funds.other is None  # a row absent from the form
    assert not form.warnings


def test_value_that_is_not_a_number_is_null_with_warning():
    form = form_of(
        "项目资金 (万元)\t年初预算数\t全年预算数\t全年执行数\t分数\t执行率(%)\t得分\n"
        "年度资金总额\t10.00\t十万\t9.00\t10.00\t90.00\t9.00\n")
    assert form.funds.total.annual_budget is None
    [warning] = [w for w in form.warnings if w.code == "P021"]
    assert warning.path == "funds.total.annual_budget" and warning.line == 6 and "十万" in warning.message


def test_rebuilds_values_interleaved_with_header_words():
    """000 form 7: the total's numbers sit among the header words, its label on a sub-row's values."""
    form = jixiao.parse(SEEDS[0])[7]
    assert form.funds.total.model_dump() == {"initial_budget": 315.0, "annual_budget": 315.0, "executed": 315.0,
                                             "weight": 10.0, "execution_rate": 100.0, "score": 10.0}
    assert form.funds.current_year.execution_rate == 100.0 and form.funds.current_year.score is None
    assert [w.code for w in form.warnings] == ["P020"]


def test_rebuilds_lost_label_and_column_and_recovers_score_from_total():
    """000 form 13: total label lost, a row printed three times, the 得分 column lost."""
    form = jixiao.parse(SEEDS[0])[13]
    total = form.funds.total
    assert (total.initial_budget, total.annual_budget, total.executed) == (197.0, 197.0, 141.15)
    assert (total.weight, total.execution_rate, total.score) == (10.0, 71.64, 7.16)
    assert {w.code for w in form.warnings} == {"P020", "P022"}


def test_every_other_column_empty_reads_straight():
    """000 form 12: empty cells between all values are extraction artefacts."""
    form = jixiao.parse(SEEDS[0])[12]
    assert form.funds.total.executed == 300.0 and form.funds.total.score == 10.0
    assert form.funds.other.execution_rate == 0.0


def test_flowed_row_with_a_missing_cell_keeps_the_dash_columns_right():
    """004 form 10: '上年结转资金 0.00 0.00 - 0.00 -' has five values for six columns."""
    form = jixiao.parse(SEEDS[4])[10]
    row = form.funds.carryover
    assert (row.initial_budget, row.annual_budget, row.executed, row.execution_rate) == (0.0, 0.0, None, 0.0)


def test_numbers_broken_by_narrow_columns_in_column_aligned_text_do_not_crash():
    """`pdftotext -layout` of a Word table with narrow columns: a heading and numbers broken over two lines
    (`执行` / `率`, `10.0` / `0`, `98.4` / `8%`) leave a column the templates do not know. The total is
    rebuilt from its numbers; the unknown column takes none (it raised a validation error)."""
    block = "\n".join([
        "项目资金(万元) 年初预算数             全年预算数         全年执行数       分值   执行   得分",
        "                                                          率",
        "年度资金总额       9.80          19.80         19.50       10.0 98.4 9.84",
        "                                                     0    8%",
        "其中：当年财政      9.80          19.80         19.50       -    98.4 -",
        "拨款                                                        8%",
        "上年结转资金       0.00          0.00          0.00        -    0.00 -",
        "                                                          %",
        "其他资金         0.00          0.00          0.00        -    0.00 -",
        "                                                          %", ""])
    form = form_of(block)
    assert (form.funds.total.initial_budget, form.funds.total.annual_budget, form.funds.total.executed) == (
        9.8, 19.8, 19.5)


def test_a_fund_row_with_more_cells_than_columns_is_no_glued_row():
    """A row holding more cells than its header has columns leaves no room to cut a cell into numbers (found by
    the fuzz test: a damaged cell '-93.75%-' on such a row raised); nothing is cut, nothing raises."""
    from jixiao.assemble.funds import _fit_glued
    from jixiao.assemble.glued import split_numbers

    assert split_numbers("-93.75%-", -2) == []
    values = ["88", "88", "80", "10", "-93.75%-", "8", "9", "7"]
    assert _fit_glued(values, ("initial_budget", "annual_budget", "executed", "weight", "rate", "score"), False,
                      None) is None


@pytest.mark.parametrize("rate", ["", "— "])
def test_rows_numbers_in_one_run_before_their_labels_are_placed_by_the_total_rows_arithmetic(rate):
    # text taken out of a PDF a column block at a time: the total's numbers, its 执行率 lost (or a dash), then
    # 当年财政拨款's, in one run under the header; the row labels later, alone. The total takes the numbers its
    # arithmetic holds for (得分 8.00 = 分值 10 × 80 / 100, no more than its 分值), the rest are the next row's.
    form = form_of(
        "项目资金（万元） 年初预算数 全年预算数 全年执行数 分值 执行率 得分\n"
        f"120.00 100.00 80.00 10 {rate}8.00 120.00 100.00 80.00 —\n"
        "上年结转资金 0 0 —\n其他资金 0 0 —\n年度资金总额\n其中：当年财政拨款\n")
    assert form.funds.total.model_dump() == {"initial_budget": 120.0, "annual_budget": 100.0, "executed": 80.0,
                                             "weight": 10.0, "execution_rate": None, "score": 8.0}
    assert (form.funds.current_year.initial_budget, form.funds.current_year.annual_budget,
            form.funds.current_year.executed, form.funds.current_year.score) == (120.0, 100.0, 80.0, None)
    assert any(w.code == "P020" for w in form.warnings)  # said rebuilt, to be checked against the original


@pytest.mark.parametrize("said", ["单位：万元", "金额单位：万元", "单位：元"])
def test_the_amounts_unit_said_in_the_head_is_the_form_s_and_read(said):
    """A form whose fund header prints no unit says it over the table (`单位：万元` at the head's right): that is
    the form's unit, and the line is read, not reported as text left unread (before: P002 for it)."""
    text = HEAD.replace("项目名称", f"填报单位：某局\t\t{said}\n项目名称", 1) + (
        "项目资金\t\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\n"
        "\t年度资金总额\t100\t100\t95\t10\t95%\t9.5\n") + TAIL
    [form] = jixiao.parse_text(text)
    assert form.fund_unit == said.rpartition("：")[2]
    assert "P002" not in [w.code for w in form.warnings]


def test_a_header_wrapped_in_narrow_columns_with_its_unit_s_bracket_below():
    """A fund header printed in narrow columns (pdfplumber's text of a Word PDF): `项目资金(万` / `元)`, `全年执行` /
    `数`, `执行` / `率` / `(%)`. Each piece below finishes the label above it in order, the unit's closing bracket
    too, so `数` is 全年执行数's and `率` 执行率's (before: `数` went to `执行`, the 执行率 column was lost and no row
    had an execution rate)."""
    form = form_of(
        "项目资金(万 年初预算数 全年预算数 全年执行 分值 执行 得分\n"
        "元) 数 率\n"
        "(%)\n"
        "年度资金总额 111.12 111.12 101.27 10.00 91.14 9.11\n"
        "其中：当年财政拨款 99.85 99.85 99.85 — 100.00 —\n"
        "上年结转资金 0.00 0.00 0.00 — 0.00 —\n"
        "其他资金 11.27 11.27 1.42 — 12.60 —\n")
    assert form.fund_unit == "万元"
    assert [row.execution_rate for row in (form.funds.total, form.funds.current_year, form.funds.other)] == [
        91.14, 100.0, 12.6]
    assert form.funds.total.executed == 101.27


def test_a_rate_s_percent_sign_wrapped_onto_a_line_of_its_own():
    """A row printed on one line whose rate's `%` a narrow column wrapped onto a line of its own, the 得分 below it
    (pypdf's and `pdftotext -raw`'s text of a Word PDF): the sign is the rate's (before: the amounts were cut to
    fill the row, 全年执行数 83176.03 read as 8317 and a 分值 of 6.03)."""
    form = form_of(
        "项目资金(元) 年初预算数 全年预算数 全年执行数 分值 执行率 得分\n"
        "年度资金总额 2386436 2386436 83176.03 10 3.49\n"
        "%\n"
        "0.35\n"
        "其中：当年财政拨款 2245056 2245056 83174.83 — 3.7% —\n"
        "上年结转资金 141380 141380 1.2 — 0% —\n")
    total = form.funds.total
    assert (total.executed, total.weight, total.execution_rate, total.score) == (83176.03, 10.0, 3.49, 0.35)


def test_a_remarks_sentence_naming_fund_sources_is_no_fund_row():
    """A 原因 cell's note wrapped below its row, a sentence that names kinds of funds (`3.其他资金` /
    `包括:社会投入资金、银行贷款.`), is no row of the fund table: the rows below it keep their values
    (before: the sentence read as a 社会投入资金 row, and the 财政资金 row after it lost its values), and the
    note's lines fill one column, so the heading over the row labels (`年度预算数(万元)`) stays no column of
    values."""
    text = "\n".join([
        "部门预算项目支出绩效自评表(2023年度)", "项目名称 设备更新补助资金项目",
        "主管部门 某县司法局 实施单位 某县司法局",
        "预算执行情况(10分) 年度预算数(万元) 年初预算 调整后预算数 预算执行数 预算执行率 权重 得分 原因",
        "总额 0.00 3.36 3.36 100.00% 10 10 1.预算执行率=预算执行数/调整后预算数;3.其他资金",
        "包括:社会投入资金、银行贷款.",
        "其中:财政资金 0.00 3.36 3.36 100.00% / /", ""])
    [form] = jixiao.parse_text(text, "plumber.txt")
    current = form.funds.current_year
    assert (current.initial_budget, current.annual_budget, current.executed, current.execution_rate) == (
        0.0, 3.36, 3.36, 100.0)


def test_a_label_over_two_columns_and_a_blank_first_amount_keep_their_columns():
    """`上年结转资金 | | | 0.00 | 0.00`: the label spans two columns and 年初预算数 is blank. One blank cell is the
    label's span, the other the column's (before: every blank cell was dropped as one too many, the amounts read
    a column to the left: 年初预算数 0.00, 全年执行数 none)."""
    form = form_of(
        "项目资金(万元)\t\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率(%)\t得分\n"
        "年度资金总额\t\t\t1995.03\t1984.00\t10.00\t99.44\t9.94\n"
        "其中：当年财政拨款\t\t\t1995.03\t1984.00\t-\t99.44\t-\n"
        "上年结转资金\t\t\t0.00\t0.00\t-\t0.00\t-\n")
    for row in (form.funds.total, form.funds.current_year, form.funds.carryover):
        assert row.initial_budget is None
    assert (form.funds.carryover.annual_budget, form.funds.carryover.executed) == (0, 0)
    assert (form.funds.current_year.annual_budget, form.funds.current_year.executed) == (1995.03, 1984)


@pytest.mark.parametrize("layout", ["cell_lines", "pdf_flow"])
def test_a_sub_row_leaves_blank_the_columns_its_total_leaves_blank(layout):
    """A form that leaves 年初预算数 blank, in text that kept no blank cell: a sub-row's `0.00 0.00 - 0.00 -` (or
    `16221100.00 16221100.00 - -`) under six columns is placed where its amounts keep the rows' sum, under the
    columns its total fills (before: the first amount went under 年初预算数, which the total leaves blank)."""
    from tests.conftest import golden_forms
    from tests.layout_render import expected, render
    from tests.scoring import score

    forms = [form | {"funds": {k: v | {"initial_budget": None} for k, v in form["funds"].items()}}
             for seed in (0, 1) for form in golden_forms(SEEDS[seed])]
    got = [f.record() for f in jixiao.parse_text(render(forms, layout), "blank.txt")]
    fields, matched, wrong, missing, extra = score([expected(f) for f in forms], got)
    assert not [w for w in wrong if "funds" in w] and not missing and not extra


@pytest.mark.parametrize(("budget", "spent", "rate", "shown"), [
    ("29", "27.8", "0.958", "执行率 0.958（即 95.80%）"), ("650", "94", "0.1", "执行率 0.1（即 10.00%）"),
    ("29", "27.8", "95.86%", "执行率 95.86%"), ("100", "1.2", "1", "执行率 1.00%")])
def test_summary_shows_a_rate_printed_as_a_fraction_as_one(budget, spent, rate, shown):
    """`jixiao parse`'s summary prints the 执行率 as the form does: a fraction its amounts show is one (0.958 of
    29 → 27.8, 0.1 of 650 → 94, rounded to its one decimal) is said so, not shown as `0.96%`; a percent, and a
    whole 1 its amounts say is 1% (1.2 of 100), as a percent."""
    from rich.console import Console

    from jixiao.terminal import form_summary
    text = "\n".join([
        "项目支出绩效自评表", "项目名称\t某项目",
        "项目资金（万元）\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分",
        f"年度资金总额\t{budget}\t{budget}\t{spent}\t10\t{rate}\t9",
        "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分",
        "产出指标\t数量指标\t完成数量\t≥1个\t1个\t90\t90", "总分\t100\t99"])
    [form] = jixiao.parse_text(text, "rate.txt")
    console = Console(record=True, width=200)
    console.print(form_summary(form, 1, 1))
    assert shown in console.export_text()


def test_summary_names_places_in_chinese():
    """`jixiao parse`'s summary says where a warning and a low-confidence field are in the form's own words
    (项目资金 年度资金总额 · 全年执行数), not by their record paths (funds.total.executed)."""
    from rich.console import Console

    from jixiao.terminal import form_summary
    text = "\n".join([
        "项目支出绩效自评表", "项目名称\t某项目",
        "项目资金（万元）\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分",
        "年度资金总额\t100\t100\t九十\t10\t90%\t9",
        "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分",
        "产出指标\t数量指标\t完成数量\t≥1个\t1个\t90\t90", "总分\t100\t99"])
    [form] = jixiao.parse_text(text, "places.txt")
    console = Console(record=True, width=240)
    console.print(form_summary(form, 1, 1))
    shown = console.export_text()
    assert "P021 第4行 项目资金 年度资金总额 · 全年执行数：" in shown
    assert "funds.total" not in shown


def test_a_label_row_of_one_cell_before_its_values_row():
    """A page that puts a fund row's label merged down two rows prints it as a row of one cell, its values in the
    next row under a blank label cell (`年度资金总额 |` / `| 32.4 | 31.69 | 10 | 97.80% | 9 |`): the values are the
    label's (before: both rows' values were orphans, 当年财政拨款 read nothing)."""
    form = form_of(
        "项目资金(万元)\n"
        "\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\n"
        "年度资金总额\t\n\t32.4\t31.69\t10\t97.80%\t9\n"
        "其中：当年财政拨款\t\n\t32.4\t31.69\t—\t97.80%\t—\n")
    assert (form.funds.total.annual_budget, form.funds.total.executed, form.funds.total.score) == (32.4, 31.69, 9)
    assert (form.funds.current_year.annual_budget, form.funds.current_year.executed) == (32.4, 31.69)
    assert form.funds.total.initial_budget is None and form.funds.current_year.initial_budget is None
    assert not [w for w in form.warnings if w.code == "P020"]


def test_a_sub_row_that_lost_its_blank_cells_keeps_the_columns_its_total_fills():
    """Table cells whose blanks the page dropped: the sub-row `387664.62 | 387664.62 | —` is not 年初预算数 and
    全年预算数 when the total leaves 年初预算数 blank, but the amounts its total has (before: read as printed)."""
    form = form_of(
        "项目资金(元)\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\n"
        "年度资金总额\t387664.62\t387664.62\t10\t100%\t10\n"
        "其中：当年财政拨款\t387664.62\t387664.62\t—\n")
    assert form.funds.total.initial_budget is None and form.funds.current_year.initial_budget is None
    assert (form.funds.current_year.annual_budget, form.funds.current_year.executed) == (387664.62, 387664.62)


def test_a_glued_sub_row_equal_to_the_total_puts_no_number_in_a_column_of_words():
    """Glued text whose fund header ends with a column of words ('得分计算方法'): the sub-row's '310.2154.74' is the
    total's 310.2 and 154.74, not '31', '0.2', a rate '1' (0.2/31 rounds to 1%) and '54.74' in the words' column."""
    text = ("项目支出绩效自评表(2016年度)项目名称道路保洁经费主管部门某区街道办事处实施单位某区城市运行服务中心"
            "项目资金(万元) 年初预算数(A)全年执行数(B)分值(10分)执行率(B/A)得分得分计算方法"
            "年度资金总额:310.2154.741050%5执行率*该指标分值,最高不得超过分值上限。"
            "其中:本年一般公共预算拨款 310.2154.74   其他资金     年度总体目标完成道路清扫保洁。")
    [form] = jixiao.parse_text(text, "glued.txt")
    total, sub = form.funds.total, form.funds.current_year
    assert (total.initial_budget, total.executed, total.weight, total.execution_rate, total.score) == (
        310.2, 154.74, 10, 50, 5)
    assert (sub.initial_budget, sub.executed) == (310.2, 154.74)
