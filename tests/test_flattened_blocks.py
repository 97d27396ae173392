"""Blocks of a form whose cells lost their places: a workbook flattened to one line (a head label and its value
among the fund table's cells, a row's values printed after every label of the block), and a two-column goal
block whose cells are set apart by single spaces (Hebei's 预算项目绩效自评表 as a web page prints it)."""

from __future__ import annotations

import jixiao

# a workbook flattened to one line: 实施单位 and its value stand inside the fund table, and the values of the total
# row and of 其中:当年财政拨款 run on after the total's label, the sub-rows' labels printed after them, bare
FLATTENED = (
    "某县项目支出绩效自评表 (2021年度) 项目名称 村级卫生室补助 主管部门 某县卫生健康局 年初预算 数 0 "
    "项目资金 (万元) 年度资金总额 实施单位 某镇卫生院 全年预算数 全年执行数 分值 执行率 得分 "
    "0 86.25 10 100% 10 86.25 — 100% — 其中:当年财政拨款 上年结转资金 其他资金 "
    "年度总体目标 预期目标 实际完成情况 保障村卫生室运转 村卫生室全部正常运转 "
    "绩效指标 一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施 "
    "产出指标 数量指标 补助村卫生室数 12个 12个 90 90 总分 100 100"
)


def _one(text: str) -> dict:
    forms = jixiao.parse_text(text, "flat.txt")
    assert len(forms) == 1
    return forms[0].record()


def test_head_label_inside_the_fund_table_is_the_heads():
    form = _one(FLATTENED)
    assert form["implementing_unit"] == "某镇卫生院"
    assert form["department"] == "某县卫生健康局"


def test_values_run_on_past_the_total_row_are_the_next_rows():
    funds = _one(FLATTENED)["funds"]
    total, current = funds["total"], funds["current_year"]
    assert (total["annual_budget"], total["weight"], total["execution_rate"], total["score"]) == (86.25, 10, 100, 10)
    assert current["execution_rate"] == 100 and current["weight"] is None and current["score"] is None
    assert 86.25 in (current["annual_budget"], current["executed"]) and current["initial_budget"] is None


def test_a_note_naming_a_head_label_in_the_fund_block_is_no_head_value():
    """A sentence of the notes under a form, cut at a head label's word: no table there, no value."""
    text = ("项目支出绩效自评表\n项目名称 道路养护\n项目资金 年初预算数 全年预算数 全年执行数\n"
            "3、项目资金管理:主管部门和项目承担单位是否针对项目资金制定有相应的管理办法。\n")
    forms = jixiao.parse_text(text, "note.txt")
    assert all(form.department is None for form in forms)


HEBEI = """某县民政局2020年度预算项目绩效自评表
一、基本情况 项目名称: 高龄老人津贴 实施(主管)单位 某县民政局 金额单位: 万元
二、预算执行情况 预算安排情况(调整后) 资金到位情况 资金执行情况 预算执行进度(%)
预算数 12.50 到位数 12.50 执行数 12.40 99.20
其中:财政资金 12.50 其中:财政资金 12.50 其中:财政资金 12.40
其他 0.00 其他 0.00 其他 0.00
三、目标完成情况 年度预期目标 具体完成情况 总体完成率(%)
按月足额发放高龄老人津贴。 全年按月足额发放高龄老人津贴。 99.00
提高老年人生活质量和幸福感 老年人生活质量和幸福感明显提高
"""


def test_two_goal_texts_on_each_line_set_apart_by_a_space():
    form = _one(HEBEI)
    assert form["goal_expected"] == "按月足额发放高龄老人津贴。提高老年人生活质量和幸福感"
    assert form["goal_actual"] == "全年按月足额发放高龄老人津贴。老年人生活质量和幸福感明显提高"


def test_hebei_other_row_printed_bare():
    funds = _one(HEBEI)["funds"]
    assert funds["total"]["annual_budget"] == 12.5 and funds["total"]["executed"] == 12.4
    assert funds["other"] is not None and funds["other"]["annual_budget"] == 0


def test_a_goal_text_going_on_after_its_comma_is_not_cut_there():
    """One goal text with a space after its comma, the other cut off by the page's end: one text, not two."""
    text = ("项目支出绩效自评表\n项目名称 网络安全规划研究\n年度总体目标 预期目标 实际完成情况\n"
            "申报国家网络安全产业示范区, 对相关产业发展做规划研究。\n")
    form = _one(text)
    assert form["goal_actual"] != "对相关产业发展做规划研究。"


def test_hebei_heading_over_its_head_is_read_past():
    """`一、基本情况`, the heading over Hebei's head printed as label–value pairs, is no text left unread (P002)."""
    [form] = jixiao.parse_text(HEBEI, "hebei.txt")
    assert form.project_name == "高龄老人津贴"
    assert not [w for w in form.warnings if w.code == "P002" and "基本情况" in w.message]
