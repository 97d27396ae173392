"""Text taken out of a workbook's PDF in drawing order (`assemble/late.py`): LibreOffice Calc draws a page's
wrapped and merged cells after its other cells, so pdfium (Chrome's viewer), pypdf and PyMuPDF print them at the
page's end. The texts below are those programs' real output for PDFs of `bench/random_pdfs.py` (seed 307, the
`sheet` variations), cut to one form."""

from __future__ import annotations

import jixiao
from tests.test_aligned import PDFTOTEXT

# pdfium, one page: the year, the fund table's merged label, long targets, names, 偏差原因 and a wrapped 二级
# label drawn after the grade, each row's late cells on a line of their own
ONE_PAGE = """财政项目支出绩效自评表
项目名称 嘉定区社区养老能力提升工程
主管部门 嘉定区数据局 实施单位 嘉定区数据局信息中心
年初预算数 全年预算数 全年执行数 分值 得分
年度资金总额 359.54 600.33 107.67 10 17.94 1.79
其中：当年财政拨款 355.95 355.95 59.52 - 16.72 -
上年结转资金 3.59 1.8 0.62 - 34.44 -
其他资金 0 242.58 47.53 - 19.59 -
年度总体目标 预期目标 实际完成情况
GOALS
一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施
产出指标 数量指标 培训场次 达成指标 19 5.53
效益指标
经济效益指标 增加农户收入 ≥98% 达成指标 2 2
生态效益指标 3 3
满意度指标 ≥80% 达成指标 15 15 无
成本指标 经济成本指标
单位服务成本 达成指标 34 2.94
成本控制数 控制在预算内 15 8.62
人均培训成本 控制在预算内 2 2
总分 100 40.88
评分等级 差
(2022年度)
项目资金(万元) 执行率(%)
≤62万元 受天气影响部分工作延期，下
年度提前谋划。
PM2.5年均浓度下降 ≥242场 242场
服务对象满意度
指标 受益群众满意度（%）
≤314万元 宣传覆盖面不足，下一步拓宽
宣传渠道。
≤155万元 受天气影响部分工作延期，下
年度提前谋划。
≤315万元""".replace("GOALS", "按计划完成社区养老各项工作任务，提升服务保障能力，确保资金使用规范高效。 "
                      "社区养老年度任务基本完成，服务保障能力明显提升。")

# pdfium, three pages (the indicator header printed again on each): the title and the fund table's headings
# drawn after the first page's rows, a goal and two 偏差原因 after the second's
PAGES = """项目名称 防震减灾专项经费
主管部门 上海市财政局 实施单位 上海市财政局
年初预算数 全年预算数 全年执行数 分值 得分
年度资金总额 1000.00 1000.00 0.00 10.00 0.00 0.00
其中：当年财政拨款 1000.00 1000.00 0.00 - 0.00 -
上年结转资金 0.00 0.00 0.00 - 0.00 -
财政项目支出绩效自评表（2019年度）
项目资金(元) 执行率(%)
其他资金 0.00 0.00 0.00 - 0.00 -
年度总体目标 预期目标 实际完成情况
按计划完成防震减灾各项工作任务，提升服务保障能力，确保资金使用规范高效。
一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施
产出指标 数量指标 培训场次 ≥80% 80% 0.50 0.00
效益指标 经济效益指标 带动社会投资 ≥80% 80% 0.50 0.00
已按计划完成防震减灾各项工作任务，资金使用规范，达到预期效
果。
受天气影响部分工作延期，下
年度提前谋划。
受天气影响部分工作延期，下
年度提前谋划。
一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施
满意度指标 服务对象满意度 ≥80% 80% 89.00 0.00
总分 100.00 0.00
评分等级
差
服务对象满意度
指标
受天气影响部分工作延期，下
年度提前谋划。"""

DEVIATION = "受天气影响部分工作延期，下年度提前谋划。"


def _rows(form: jixiao.Form) -> list[tuple[str | None, ...]]:
    return [(i.level1, i.level2, i.name, i.target, i.actual, i.deviation) for i in form.indicators]


def _read(text: str) -> tuple[jixiao.Form, tuple[int | None, str | None], list[tuple[str | None, ...]]]:
    """The text's one form, its year and fund unit, and its rows' text fields."""
    [form] = jixiao.parse_text(text, "pdfium.txt")
    return form, (form.year, form.fund_unit), _rows(form)


def test_a_page_s_late_cells_go_back_to_the_fields_its_rows_left_empty():
    """Each late cell goes to an empty field of its kind, in order, a line's cells to one row; a row whose name
    went late was read with its level label as its name (`满意度指标 ≥80% 达成指标 15 15 无`): the label is its
    own, and the cells after it move on. Before, these cells were read past (P002) and 13 fields were empty
    or wrong."""
    form, head, rows = _read(ONE_PAGE)
    assert head == (2022, "万元")
    assert rows == [
        ("产出指标", "数量指标", "培训场次", "≤62万元", "达成指标", DEVIATION),
        ("效益指标", "经济效益指标", "增加农户收入", "≥98%", "达成指标", None),
        ("效益指标", "生态效益指标", "PM2.5年均浓度下降", "≥242场", "242场", None),
        ("满意度指标", "服务对象满意度指标", "受益群众满意度（%）", "≥80%", "达成指标", "无"),
        ("成本指标", "经济成本指标", "单位服务成本", "≤314万元", "达成指标", "宣传覆盖面不足，下一步拓宽宣传渠道。"),
        ("成本指标", "经济成本指标", "成本控制数", "≤155万元", "控制在预算内", DEVIATION),
        ("成本指标", "经济成本指标", "人均培训成本", "≤315万元", "控制在预算内", None)]
    codes = [w.code for w in form.warnings]
    assert "P043" in codes and "P002" not in codes and "P033" not in codes
    assert form.source.confidence["indicators.0.target"] < 1.0  # (put back: not where the table prints it)


def test_late_cells_of_each_page_stay_with_that_page_s_rows():
    """A title drawn after the form's first rows starts no second form: it is the form's own; the headings
    that came with it name the fund table's 执行率 column, whose rows print it; a goal and two 偏差原因 at the
    second page's end fill that page's rows, not the third's. Before, the title split the form in two and the
    second page's late cells ran into its last row's 偏差原因."""
    [form] = jixiao.parse_text(PAGES, "pdfium.txt")
    assert (form.title, form.year, form.fund_unit, form.project_name) == ("财政项目支出绩效自评表", 2019, "元",
                                                                          "防震减灾专项经费")
    assert form.funds.total.execution_rate == 0.0 and form.funds.current_year.execution_rate == 0.0
    assert form.goal_actual == "已按计划完成防震减灾各项工作任务，资金使用规范，达到预期效果。"
    assert _rows(form) == [
        ("产出指标", "数量指标", "培训场次", "≥80%", "80%", DEVIATION),
        ("效益指标", "经济效益指标", "带动社会投资", "≥80%", "80%", DEVIATION),
        ("满意度指标", "服务对象满意度指标", "服务对象满意度", "≥80%", "80%", DEVIATION)]


def test_a_cell_per_line_in_drawing_order():
    """PyMuPDF prints every line of the drawing apart (no two cells side by side): the late cells still go
    back by their kinds and order."""
    text = "\n".join(["项目名称", "防震减灾专项经费", "主管部门", "上海市财政局", "实施单位", "上海市财政局",
                      "年初预算数", "全年预算数", "全年执行数", "分值", "得分", "年度资金总额", "1,000.00", "1,000.00",
                      "0.00", "10.00", "0.00", "0.00", "年度总体目标", "预期目标", "实际完成情况",
                      "按计划完成防震减灾各项工作任务，提升服务保障能力，确保资金使用规范高效。",
                      "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
                      "偏差原因分析及改进措施", "产出指标", "数量指标", "培训场次", "≥80%", "80%", "0.50", "0.00",
                      "满意度指标", "服务对象满意度", "≥80%", "80%", "89.00", "0.00", "总分", "100.00", "0.00",
                      "评分等级", "差", "财政项目支出绩效自评表（2019年度）", "项目资金(元)", "执行率(%)",
                      "已按计划完成防震减灾各项工作任务，资金使用规范，达到预期效", "果。",
                      "受天气影响部分工作延期，下", "年度提前谋划。", "服务对象满意度", "指标",
                      "受天气影响部分工作延期，下", "年度提前谋划。"])
    [form] = jixiao.parse_text(text, "pymupdf.txt")
    assert (form.title, form.year, form.fund_unit) == ("财政项目支出绩效自评表", 2019, "元")
    assert form.goal_actual == "已按计划完成防震减灾各项工作任务，资金使用规范，达到预期效果。"
    assert _rows(form) == [
        ("产出指标", "数量指标", "培训场次", "≥80%", "80%", DEVIATION),
        ("满意度指标", "服务对象满意度指标", "服务对象满意度", "≥80%", "80%", DEVIATION)]


def test_words_past_a_form_that_hold_a_row_s_points_fill_nothing():
    """The year alone past the form says the text may be in drawing order, but a row's points never wrap, so a
    run holding one is no page's late cells: the form keeps its empty fields and the words are said unread."""
    text = ONE_PAGE.split("(2022年度)")[0] + "(2022年度)\n≤62万元 受天气影响部分工作延期。\n19\n"
    [form] = jixiao.parse_text(text, "t.txt")
    assert form.year is None and form.indicators[0].target is None and form.indicators[0].deviation is None
    assert "P002" in [w.code for w in form.warnings] and "P043" not in [w.code for w in form.warnings]


# pdfium, four pages, the indicator header printed again on each: a page's late cells begun on its last row's line
# after its points, an in-place '无' centred apart in a row a late 二级 label made tall
ROWS_PAGES = """财政项目支出绩效自评表
项目名称 贵池区档案数字化专项经费
主管部门 贵池区能源局 实施单位 贵池区能源局管理所
年初预算数 全年预算数 全年执行数 分值 执行率 得分
年度资金总额 22.29 21.48 21.48 10.00 100.00% 10.00
其中：当年财政拨款 12.37 12.37 12.37 — 100.00% —
上年结转资金 0.00 0.00 0.00 — 0.00% —
其他资金 9.92 9.11 9.11 — 100.00% —
年度总体目标 预期目标 实际完成情况
按计划完成档案数字化各项工作任务。 档案数字化年度任务基本完成。
一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施
产出指标 质量指标 资金使用合规性 ≥95% 达成指标 20.00 1.87
（2022年度）
项目资金(万元)
受天气影响部分工作延期，下
年度提前谋划。
一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施
效益指标
经济效益指标 带动社会投资 65.00 3.86
社会效益指标 “一网通办”事项覆盖率 1.00 1.00 ≤458万元 458万元 受天气影响部分工作延期，下
年度提前谋划。
≤199万元 199万元
一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施
满意度指标 服务对象满意度 =100% 达成指标 4.00 4.00
无
服务对象满意度
指标
一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施
总分 100.00 20.73
评分等级
差"""


def test_a_page_s_late_cells_begun_on_its_last_row_s_line():
    """`… 1.00 1.00 ≤458万元 458万元 受天气…`: no row prints its 年度指标值 after its points, so the run starts there
    and its first cells are the row above's (`带动社会投资`); the next page's `无`, centred on a line of its own, is
    its row's 偏差原因 though the row's 二级 label drawn late comes after it, and the name read as a 二级 label
    (`服务对象满意度`) is the row's name again. Before, the run was that row's 偏差原因."""
    _, head, rows = _read(ROWS_PAGES)
    assert head == (2022, "万元")
    assert rows == [
        ("产出指标", "质量指标", "资金使用合规性", "≥95%", "达成指标", DEVIATION),
        ("效益指标", "经济效益指标", "带动社会投资", "≤458万元", "458万元", DEVIATION),
        ("效益指标", "社会效益指标", "“一网通办”事项覆盖率", "≤199万元", "199万元", None),
        ("满意度指标", "服务对象满意度指标", "服务对象满意度", "=100%", "达成指标", "无")]


def test_a_score_and_its_deviation_on_one_line_end_their_row():
    """PyMuPDF's text of a workbook's PDF (a random form, `tests/random_forms.py`, written by
    `tests/xlsx_render.py`): a cell a line, but a 得分 and its 偏差原因 `无` printed on one line (`10 无`), and
    the names of the rows after drawn late. A row starts on a line of its own: the `无` is the 偏差原因 of the row
    whose points it follows (before: the next row's name, and every row after it a row off). A fund row's line
    holding a dash goes on with the row (`上年结转资金` / `0` / `0` / `0 -` / `0.00% -`; before: the 全年执行数 and
    执行率 lost)."""
    form = jixiao.parse_text((PDFTOTEXT / "random_sheet.pymupdf.txt").read_text(encoding="utf-8"), "x.txt")[0]
    assert [(i.name, i.deviation) for i in form.indicators[2:9]] == [
        ("系统可用率", "无"), ("网点覆盖率（%）", "部分资金未及时支付，后续加快拨付进度。"), ("PUE值", "无"),
        ("带动就业人数", None), ("服务覆盖面", None), ("受益群众满意度（%）", "无"),
        ("受益群众满意度（%）完成率", None)]
    carryover = form.funds.carryover
    assert (carryover.annual_budget, carryover.executed, carryover.execution_rate) == (0.0, 0.0, 0.0)
