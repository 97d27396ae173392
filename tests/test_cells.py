"""Text that lost its cell boundaries: fragments cut back into 三级指标 / 年度指标值 / 实际完成值 cells."""

from __future__ import annotations

import jixiao
from jixiao.assemble.cells import BLANK, CERTAIN, NEWLINE, SPACE, Piece, split_cells
from tests.conftest import SEEDS


def cells(*items: tuple[str, int]) -> list[str]:
    pieces = [Piece(text, None, gap) for text, gap in items]
    return ["".join(p.text for p in cell) for cell in split_cells(pieces).cells]


def test_letter_spaced_name_stays_whole():
    got = cells(*[(c, SPACE) for c in "市民满意度"], ("≥95.00(%)", SPACE), ("98.10(%)", SPACE))
    assert got == ["市民满意度", "≥95.00(%)", "98.10(%)"]


def test_unit_broken_over_lines_stays_with_its_value():
    got = cells(("服务单位数量", NEWLINE), ("≥1200.00(万", NEWLINE), ("人次)", BLANK), ("10600.00(万", NEWLINE),
                ("人次)", BLANK))
    assert got == ["服务单位数量", "≥1200.00(万人次)", "10600.00(万人次)"]


def test_certain_boundaries_are_kept_and_composite_slots_ask_for_shapes():
    got = cells(("甲项目", NEWLINE), ("完成", CERTAIN), ("≥95%", SPACE), ("98%", CERTAIN))
    assert got == ["甲项目", "完成≥95%", "98%"]
    pieces = [Piece(t, None, g) for t, g in (("经费支出", NEWLINE), ("≤", SPACE), ("33", SPACE), ("万元", SPACE),
                                              ("32.9999", SPACE))]
    cut = split_cells(pieces, ("name", "target_kind", "target_value", "target_unit", "actual"))
    assert ["".join(p.text for p in c) for c in cut.cells] == ["经费支出", "≤", "33", "万元", "32.9999"]


def test_wrapped_columns_are_told_apart_by_their_width():
    got = cells(("政务服务项目成本优化情况", NEWLINE), ("较申报金额降", BLANK), ("低或者虽未降", NEWLINE),
                ("低但成本结构", NEWLINE), ("有所优化", BLANK), ("较申报金额", BLANK), ("降低或者虽", NEWLINE),
                ("未降低但成", NEWLINE), ("本结构有所", NEWLINE))
    assert got == ["政务服务项目成本优化情况",
                   "较申报金额降低或者虽未降低但成本结构有所优化",
                   "较申报金额降低或者虽未降低但成本结构有所"]


def test_labels_cut_over_lines_and_blocks_out_of_order():
    form = jixiao.parse(SEEDS[4])[5]  # 开办经费: 产出/时效, 满意度, 产出/数量, 产出/质量, 效益/经济效益
    levels = [(i.level1, i.level2) for i in form.indicators]
    assert levels == [("产出指标", "时效指标")] * 2 + [("满意度指标", "服务对象满意度指标")] + \
        [("产出指标", "数量指标")] * 2 + [("产出指标", "质量指标"), ("效益指标", "经济效益指标")]


def test_cost_block_as_level_one():
    first = jixiao.parse(SEEDS[4])[1].indicators[0]
    assert (first.level1, first.level2, first.name) == ("成本指标", "经济成本指标", "成本测算")


def test_unit_words_after_the_score_are_the_deviation():
    ind = jixiao.parse(SEEDS[4])[4].indicators[2]
    assert (ind.target, ind.actual, ind.weight, ind.score, ind.deviation) == (
        "≥4000.00(%)", "26790000.00(%)", 8.0, 8.0, "核小时")


def test_a_name_that_prints_its_target_keeps_it():
    """A 三级指标 that repeats its target ('网站无故障运行时间占比 ≥99%'), then the target and the value, all apart
    by single spaces: a 年度指标值 holds one target and a 实际完成值 one value, so the first `≥99%` ends the name
    (before, the cut put a target before the value: '≥99% 99')."""
    got = cells(("网站无故障运行时间占比", SPACE), ("≥99%", SPACE), ("≥99%", SPACE), ("99", SPACE))
    assert got == ["网站无故障运行时间占比≥99%", "≥99%", "99"]
    got = cells(("平均排队时间", SPACE), ("≤15分钟", SPACE), ("12分钟", SPACE))
    assert got == ["平均排队时间", "≤15分钟", "12分钟"]


def test_a_latin_word_set_apart_by_spaces_stays_in_its_cell():
    """PDF extractors print a space around a Latin word set in its own font ('完成 GIS 数据更新'): the name keeps
    it, and the two qualitative values after it are the target and what was achieved."""
    got = cells(("完成", NEWLINE), ("GIS", SPACE), ("数据更新", SPACE), ("及时", SPACE), ("及时", SPACE))
    assert got == ["完成GIS数据更新", "及时", "及时"]
