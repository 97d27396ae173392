"""Numbers a very narrow column broke over three lines or more (full-width digits in a PDF's table), taken out
line by line: `read/number_chains.py`, and the fund table's rows that go on over the lines after them."""

from __future__ import annotations

import pytest

import jixiao
from jixiao.read.text import read_text
from tests.test_aligned import PDFTOTEXT, _reads_back

# measured before the pieces were joined → after: 56.39 → 98.72, 68.48 → 96.14, 80.08 → 97.95, 73.72 → 80.33%
# (001's other losses are its long texts, not its numbers); pdfplumber's, pieces side by side: 55.84 → 95.44,
# 58.33 → 96.44%
CUT = {"003_a203d4b834672a09.fw2.pdfium.txt": 98.5, "004_6371f683518d7426.fw2.pymupdf.txt": 96.0,
       "004_6371f683518d7426.fw0.pypdf.txt": 97.5, "001_b9ea70bf1d9aee39.fw0.pdfium.txt": 80.0,
       "003_a203d4b834672a09.fw2.pdfplumber.txt": 95.0, "004_6371f683518d7426.fw0.pdfplumber.txt": 96.0}


@pytest.mark.parametrize("name", CUT)
def test_full_width_numbers_cut_over_lines_read_back(name):
    _reads_back(name, CUT[name])


def test_a_number_cut_before_its_point_is_one_number():
    """pdfium's text of a Word form typed in full-width digits: `１` / `０．` / `００` is the 分值 10.00 (no line of a
    cell starts with its point, so the digit before it went down with it), `９` / `９．` / `４` / `９％` the 执行率
    99.49% (before: 分值 1, 执行率 0, 得分 9; the form's 总分 10 and 0)."""
    form = jixiao.parse_text((PDFTOTEXT / "003_a203d4b834672a09.fw2.pdfium.txt").read_text(encoding="utf-8"),
                             "x.txt")[0]
    total = form.funds.total
    assert (total.weight, total.execution_rate, total.score) == (10.0, 99.49, 9.95)
    assert form.funds.current_year.execution_rate == 99.49
    assert (form.total_weight, form.total_score) == (100.0, 94.95)


def _tokens(lines: list[str]) -> list[str]:
    return [t.text for t in read_text("\n".join([*lines, ""]), "x.txt").tokens]


# a document whose numbers print two decimals (the evidence the pieces are read by)
_PRINTED = ["年度资金总额 ４０９．９０ ４９５．４０ ４９２．９２", "其他资金 ０．００ ０．００ ０．００"]


def test_pieces_alone_on_their_lines_make_the_numbers_that_print_the_document_s_decimals():
    pieces = ["４", "１．", "５", "８％", "１０．", "００", "１６２２１１", "００．００"]
    assert _tokens([*_PRINTED, "执行 ９．９５", *pieces])[-3:] == ["41.58%", "10.00", "16221100.00"]


def test_a_value_before_a_number_cut_on_its_own_stays_apart():
    """`３００` then `５．００` is a 实际完成值 and a 分值 as often as one number a column cut; `１０００` then
    `１０．０` / `０` too (a column breaking one number there would have put a digit down with its point only where
    the line would have started with the point): they stay apart."""
    lines = [*_PRINTED, "实际 ３００", "５．００", "实际 １０００", "１０．０", "０"]
    assert _tokens(lines)[-5:] == ["300", "5.00", "实际", "1000", "10.00"]


def test_digits_alone_head_no_number_where_the_document_prints_whole_numbers():
    """A form printing its 分值 whole (`２０`, `１`, `４`): `２０` / `１．` / `８７` is a 分值 and a 得分."""
    lines = [*_PRINTED, "指标 ２０", "１．", "８７", "指标 １", "１", "指标 ４", "４", "指标 ５", "５"]
    assert _tokens(lines)[8:11] == ["指标", "20", "1.87"]


def test_a_fund_row_goes_on_over_the_lines_after_it():
    """A sub-row's values after a wrapped amount (`２５０，４１４．８` / `５`), its 分值 a dash opening the
    next line (before: the row's 全年执行数 and 执行率 lost); a total row's integer 分值 after an amount
    printed whole (`… １０７．` / `６７` / `１０ １` / `７．` / `９４`: its 执行率 17.94, one piece on the line with the
    分值)."""
    text = "\n".join([
        "财政项目支出绩效自评表", "项目名称 某某项目", "主管部门 某某局 实施单位 某某中心",
        "项目资金(万元) 年初预算数 全年预算数 全年执行数 分值 执行率 得分",
        "年度资金总额 ３５９．５４ ６００．３３ １０７．", "６７", "１０ １", "７．", "９４", "１．７９",
        "其中：当年财政拨款 ２，３４８，３２０．００ ２，３４８，３２", "０．００", "２５０，４１４．８", "５",
        "- １０．６", "６", "-",
        "年度总体目标 完成任务", ""])
    funds = jixiao.parse_text(text, "x.txt")[0].funds
    total, current = funds.total, funds.current_year
    assert (total.annual_budget, total.executed, total.weight, total.execution_rate, total.score) == (
        600.33, 107.67, 10.0, 17.94, 1.79)
    assert (current.annual_budget, current.executed, current.execution_rate) == (2348320.0, 250414.85, 10.66)


def test_a_fund_row_with_one_value_too_many_joins_the_two_a_column_cut():
    """`… ５９．５` / `２` / `- １` / `６．` / `７２` / `-`: seven values under six columns, the 执行率 16.72 cut in two
    (its `１` on the line of the 分值's dash, in a form printing numbers with one decimal or two); joined, the row's
    arithmetic holds (59.52 / 355.95), and better than with one left out (before: the 执行率 none)."""
    text = "\n".join([
        "财政项目支出绩效自评表", "项目名称 某某项目", "主管部门 某某局 实施单位 某某中心",
        "项目资金(万元) 年初预算数 全年预算数 全年执行数 分值 执行率 得分",
        "年度资金总额 ３５９．５４ ６００．３３ １０７．６７ １０ １７．９４ １．７９",
        "其中：当年财政拨款 ３５５．９５ ３５５．９５ ５９．５", "２", "- １", "６．", "７２", "-",
        "上年结转资金 ３．５９ １．８ ０．６２ - ３４．４４ -",
        "年度总体目标 完成任务", ""])
    current = jixiao.parse_text(text, "x.txt")[0].funds.current_year
    assert (current.annual_budget, current.executed, current.execution_rate) == (355.95, 59.52, 16.72)


def test_a_fund_row_with_two_values_too_many_joins_two_numbers_a_column_cut():
    """`… ４０７．５５ ３９９０` / `５．００` / `３９１３` / `３．３８` / …: the 全年预算数 39905.00 and the
    全年执行数 39133.38 each cut after their digits (no piece ends on its point, so the text cannot tell them from a
    whole number and the next); eight values under six columns, the row's arithmetic joins them (before:
    全年预算数 3990, 全年执行数 5, 执行率 3.38)."""
    text = "\n".join([
        "财政项目支出绩效自评表", "项目名称 某某项目", "主管部门 某某局 实施单位 某某中心",
        "项目资金(元) 年初预算数 全年预算数 全年执行数 分值 执行率 得分",
        "年度资金总额 ４０７．５５ ３９９０", "５．００", "３９１３", "３．３８", "１０．", "００", "９８．", "０７",
        "９．８１",
        "年度总体目标 完成任务", ""])
    total = jixiao.parse_text(text, "x.txt")[0].funds.total
    assert (total.annual_budget, total.executed, total.weight, total.execution_rate, total.score) == (
        39905.0, 39133.38, 10.0, 98.07, 9.81)


def test_pieces_of_several_columns_side_by_side_go_on_their_numbers_in_order():
    """pdfplumber keeps a row's line together and prints the pieces of its cut numbers on the lines below, side
    by side (`… ２９．８ １０． １０ １０．００` / `７ ００ ０．` / `０` / `０％`): the numbers still open take them in
    order — the 全年执行数 29.87, the 分值 10.00, the 执行率 100.00% (before: 分值 10.001, 执行率 10)."""
    text = "\n".join([
        "财政项目支出绩效自评表", "项目名称 某某项目", "主管部门 某某局 实施单位 某某中心",
        "项目资金(万元) 年初预算数 全年预算数 全年执行数 分值 执行率 得分",
        "年度资金总额 ０．０１ ２９．８７ ２９．８ １０． １０ １０．００", "７ ００ ０．", "０", "０％",
        "其中：当年财政 ０．００ ２９．８７ ２９．８ - １０ -", "拨款 ７ ０．", "０", "０％",
        "年度总体目标 完成任务", ""])
    funds = jixiao.parse_text(text, "x.txt")[0].funds
    total, current = funds.total, funds.current_year
    assert (total.executed, total.weight, total.execution_rate, total.score) == (29.87, 10.0, 100.0, 10.0)
    assert (current.executed, current.execution_rate) == (29.87, 100.0)


def test_a_next_row_s_numbers_are_no_pieces_of_the_row_above():
    """`… ４ ４ 无` then `总分 １００ ２０．` / `７３`: the 分值 and 得分 printed whole (the document prints its
    numbers with no decimals alike) take no pieces from the next row's line, which is wider than they are."""
    lines = ["年度资金总额 ２２．２９ ２１．４８ ２１．４８ １０ １００％ １０",
             "服务对象满意度 =100% 达成指标 ４ ４ 无", "总分 １００ ２０．", "７３"]
    assert _tokens(lines)[-7:] == ["达成指标", "4", "4", "无", "总分", "100", "20.73"]


def test_a_column_a_character_wide_prints_a_number_a_character_a_line():
    """`２` / `１` / `．` / `０` / `０`: a column one character wide, the point alone on its line; the digits around
    it are one number (before: five cells, and the row's 分值 and 得分 lost)."""
    lines = [*_PRINTED, "服务覆盖面 12 月底前 12 月 20 日", "完成", "２", "１", "．", "０", "０", "２", "１．", "００"]
    assert _tokens(lines)[-3:] == ["完成", "21.00", "21.00"]
