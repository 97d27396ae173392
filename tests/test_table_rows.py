"""Tab-separated indicator rows: shifted columns, merged labels, rows cut by page breaks."""

from __future__ import annotations

import jixiao
from tests.conftest import SEEDS


def test_label_printed_mid_span_applies_to_rows_above():
    """001 form 4: 产出指标 is printed on the fifth row of its block, no 数量指标 label at all."""
    form = jixiao.parse(SEEDS[1])[4]
    assert all(i.level1 == "产出指标" for i in form.indicators[:13])
    assert [i.level2 for i in form.indicators[:12]] == [None] * 10 + ["质量指标"] * 2


def test_name_cut_by_page_break_is_joined():
    form = jixiao.parse(SEEDS[1])[4]
    assert form.indicators[3].name == "实现10个及以上电子营业执照认证模式"
    assert form.indicators[18].target.startswith("结合部门行业应用，探索基于政府公共办事平台")


def test_deviation_continued_on_next_row_and_split_labels():
    form = jixiao.parse(SEEDS[2])[8]
    last = form.indicators[-1]
    assert (last.level1, last.level2) == ("满意度指标", "服务对象满意度指标")
    assert last.deviation.endswith("群众满意度还有待提升。")


def test_level_label_in_the_wrong_column():
    form = jixiao.parse(SEEDS[2])[6]  # '质量指标|质量指标|…', '时效指标||…'
    assert [(i.level1, i.level2) for i in form.indicators[7:10]] == [
        ("产出指标", "数量指标"), ("产出指标", "质量指标"), ("产出指标", "质量指标")]


def test_name_equal_to_a_level_label_is_kept_as_name():
    ind = jixiao.parse(SEEDS[0])[15].indicators[-1]
    assert (ind.level2, ind.name, ind.target) == ("服务对象满意度指标", "服务对象满意度指标", "比上年提升")


def test_total_printed_on_lines_of_its_own():
    form = jixiao.parse(SEEDS[1])[3]
    assert (form.total_weight, form.total_score, form.grade) == (100.0, 99.98, None)
