"""Shapes of forms published by other provinces, each written here as a small form (no published text is copied):
a 得分 column without 分值 (Hubei's 项目自评表), a header of two rows whose first heading was read as the section's
anchor, a project whose name ends as a title does, a 完成率 column between 实际完成值 and 分值, words after the
table on the 总分 row, readings in pinyin a document site prints after characters, one goal text printed in both
columns, head labels of the person filling the form in, a row whose cells a web page's merged cells spread over
several lines, Hubei's fund table with its points in its caption, a province's 专项资金 form without a title, and
偏差原因 and 改进措施 in two columns.
"""

from __future__ import annotations

import pytest

import jixiao
from jixiao.parse import parse_file


def _rows(form) -> list[tuple]:
    return [(i.level1, i.level2, i.name, i.target, i.actual, i.weight, i.score) for i in form.indicators]


def test_a_score_column_without_points_reads_each_rows_last_cell_as_its_score():
    text = "\n".join([
        "2022年度乡村公路养护项目自评表",
        "项目名称 | 乡村公路养护 |",
        "主管部门 | 某县交通运输局 | 项目实施单位 | 某县公路中心 |",
        "预算执行情况(万元)(20分) | 预算数(A) | 执行数(B) | 执行率(B/A) | 得分(20分*执行率) |",
        "年度财政资金总额 | 50 | 45 | 90% | 18 |",
        "年度绩效目标(80分) | 一级指标 | 二级指标 | 三级指标 | 年初目标值(A) | 实际完成值(B) | 得分 |",
        "产出指标 | 数量指标 | 养护里程 | 120公里 | 118公里 | 20 |",
        "| 时效指标 | 完成时间 | 2022年底 | 2022年11月 | 20 |",
        "效益指标 | 社会效益指标 | 群众出行条件 | 改善 | 明显改善 | 20 |",
        "满意度指标 | 服务对象满意度指标 | 沿线群众满意度 | ≥90% | 95% | 19 |",
        "总分 | 97 |",
    ])
    [form] = jixiao.parse_text(text, "score_only.txt")
    assert (form.year, form.project_name) == (2022, "乡村公路养护")
    assert _rows(form) == [
        ("产出指标", "数量指标", "养护里程", "120公里", "118公里", None, 20),
        ("产出指标", "时效指标", "完成时间", "2022年底", "2022年11月", None, 20),
        ("效益指标", "社会效益指标", "群众出行条件", "改善", "明显改善", None, 20),
        ("满意度指标", "服务对象满意度指标", "沿线群众满意度", "≥90%", "95%", None, 19)]
    codes = [w.code for w in form.warnings]
    assert "P035" in codes and "P030" not in codes


def test_a_two_row_header_under_its_caption_in_a_pipe_table():
    """'绩效指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | …' over '一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 |
    度量单位': 绩效指标 opens the section, its three columns come first, 年度指标值's three after them, and a row
    whose 一级指标 cell is merged with the row above's stands one column left."""
    text = "\n".join([
        "项目支出绩效自评表",
        "(2020年度)",
        "| 项目名称 |",
        "卫片执法补助经费支出绩效自评表 |",
        "| 主管部门 | 某市自然资源局 | 实施单位 | 某区自然资源局 |",
        "| 项目资金(万元) | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |",
        "| 年度资金总额 | 7.29 | 7.29 | 7.29 | 10.00 | 100% | 10.00 |",
        "| 绩效指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |",
        "| 一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 |",
        "| 产出指标 | 数量指标 | 补助经费 | = | 72890 | 元 | 72890 | 10.00 | 9.00 | |",
        "| 质量指标 | 验收合格率 | = | 100 | % | 100 | 20 | 19 | |",
        "| 效益指标 | 社会效益指标 | 违法行为责停率 | ≥ | 95 | % | 95 | 30.00 | 27.00 | |",
        "| 总分 | 60 | 55 |",
    ])
    [form] = jixiao.parse_text(text, "two_rows.txt")
    assert form.project_name == "卫片执法补助经费支出绩效自评表"  # a name, not a second form's title
    assert _rows(form) == [
        ("产出指标", "数量指标", "补助经费", "=72890元", "72890", 10, 9),
        ("产出指标", "质量指标", "验收合格率", "=100%", "100", 20, 19),
        ("效益指标", "社会效益指标", "违法行为责停率", "≥95%", "95", 30, 27)]


def test_a_completion_rate_column_and_blank_cells_lost_in_space_separated_rows():
    """指标性质 年度指标值 度量单位 … 完成率: a row that prints no 指标性质 or 度量单位 in text that shows no blank cell
    keeps its values in their columns, and its 完成率 is no pair of points."""
    text = "\n".join([
        "项目支出绩效自评表",
        "项目名称: 学生资助 填报人: 张三 联系方式: 13100000000",
        "主管部门: 某教育局 实施单位: 某中学",
        "资金构成(元) 年初预算数 全年预算数 执行数 分值 执行率(%) 得分",
        "资金总额: 120,000.00 120,000.00 30,000.00 10.00 25 2.5",
        "一级指标 二级指标 三级指标 指标性质 年度指标值 度量单位 实际完成值 完成率 分值 得分 未完成原因分析",
        "产出指标 数量指标 资助学生人数 52 10 19.23% 20.00 3.85 资金由上级直接发放。",
        "效益指标 社会效益指标 帮助学生完成学业 95 % 100 100.00% 30.00 30",
        "满意度指标 服务对象满意度 受助学生满意度 ≥ 90 % 100 100.00% 10.00 10",
        "合计 100.00 43.85",
    ])
    [form] = jixiao.parse_text(text, "rate_column.txt")
    assert (form.department, form.implementing_unit, form.fund_unit) == ("某教育局", "某中学", "元")
    assert form.funds.total.executed == 30000 and form.funds.total.score == 2.5
    assert _rows(form) == [
        ("产出指标", "数量指标", "资助学生人数", "52", "10", 20, 3.85),
        ("效益指标", "社会效益指标", "帮助学生完成学业", "95%", "100", 30, 30),
        ("满意度指标", "服务对象满意度", "受助学生满意度", "≥90%", "100", 10, 10)]
    assert form.indicators[0].deviation == "资金由上级直接发放。"
    assert (form.total_weight, form.total_score) == (100, 43.85)


def test_words_after_the_table_on_the_total_row_and_a_block_spread_over_lines():
    """A web page's merged cells: a new block's labels on a line of their own with its name, its values on the
    lines below; '其他需要说明事项 | 无 | 总分 | 100 | 96 | 优' after the table."""
    text = "\n".join([
        "2022年度项目支出绩效自评表",
        "| 项目名称 | 营养改善计划 | 主管部门 | 某县教育局 | 实施单位 | 某中学 |",
        "| 项目资金(元) | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |",
        "| 年度资金总额 | 1000 | 1000 | 1000 | 10 | 100% | 10 |",
        "| 绩效指标 | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因 |",
        "| 产出指标 | 数量指标 | 受助学生人数 | ≥735人次 | 735 | 30 | 30 | |",
        "| 成本指标 | 补助标准达标率 | =100% | 100% | 30 | 30 | |",
        "| 效益指标 | 经济效益指标 | 减轻家庭负担 |",
        "| 有效 | 有效 | 20 | 16 | |",
        "| 满意度指标 | 服务对象满意度指标等 | 学生满意度 | ≥95% | 100% | 20 | 20 | |",
        "| 其他需要说明事项 | 无 | 总分 | 100 | 96 | 优 |",
    ])
    [form] = jixiao.parse_text(text, "merged.txt")
    assert _rows(form) == [
        ("产出指标", "数量指标", "受助学生人数", "≥735人次", "735", 30, 30),
        ("产出指标", "成本指标", "补助标准达标率", "=100%", "100%", 30, 30),
        ("效益指标", "经济效益指标", "减轻家庭负担", "有效", "有效", 20, 16),
        ("满意度指标", "服务对象满意度指标等", "学生满意度", "≥95%", "100%", 20, 20)]
    assert (form.total_weight, form.total_score, form.grade) == (100, 96, "优")


PINYIN_LINES = [
    "項(xiàng)目支出績效自評表(2021年度)",
    "項(xiàng)目名稱\t農村公路養(yǎng)護",
    "主管部門\t某縣交通運輸局\t實 (shí)施單位\t某縣公路中心",
    "項(xiàng)目資金(萬元)\t年初預(yù)算數(shù)\t全年預(yù)算數(shù)\t全年執(zhí)行數(shù)\t分值\t執(zhí)行率\t得分",
    "年度資金總額\t700\t700\t700\t10\t100%\t10",
]


def test_pinyin_readings_a_document_site_prints_are_no_text_of_the_form():
    [form] = jixiao.parse_text("\n".join(PINYIN_LINES), "pinyin.txt")
    assert (form.project_name, form.department, form.implementing_unit) == ("農村公路養護", "某縣交通運輸局",
                                                                           "某縣公路中心")
    assert (form.year, form.funds.total.executed, form.funds.total.score) == (2021, 700, 10)


@pytest.mark.parametrize("kind", ["html", "docx", "xlsx"])
def test_pinyin_readings_in_a_table_s_cells_are_no_text_of_the_form(tmp_path, kind):
    """A document site's pinyin readings in the cells of a web page, Word table or sheet are taken out as in
    plain text, on a character's line or at the start of the next (before: a cell of one line, nothing else in
    it to fold, kept them: `項(xiàng)目名稱`; so did a cell whose reading began its second line)."""
    from jixiao.parse import parse_file

    # (a reading on a line of its own)
    rows = [line.replace("養(yǎng)", "養\n(yǎng)").split("\t") for line in PINYIN_LINES]
    path = tmp_path / f"pinyin.{kind}"
    if kind == "html":
        cells = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
        path.write_text(f"<html><body><table>{cells}</table></body></html>", encoding="utf-8")
    elif kind == "docx":
        import docx

        document = docx.Document()
        table = document.add_table(rows=len(rows), cols=7)
        for i, row in enumerate(rows):
            for j, c in enumerate(row):
                table.cell(i, j).text = c
        document.save(path)
    else:
        import openpyxl

        book = openpyxl.Workbook()
        for row in rows:
            book.active.append(row)
        book.save(path)
    [form] = parse_file(path).forms
    assert (form.project_name, form.department, form.implementing_unit) == ("農村公路養護", "某縣交通運輸局",
                                                                           "某縣公路中心")
    assert (form.year, form.funds.total.executed, form.funds.total.score) == (2021, 700, 10)


def test_one_goal_text_printed_in_both_columns_on_one_line():
    text = "\n".join([
        "专项转移支付绩效目标自评表",
        "(2021年度)",
        "专项(项目)名称  村道建设项目",
        "县级主管部门  某县水利局 实施单位  某乡人民政府",
        "年度总体目标  年初设定目标  全年实际完成情况",
        "新建道路 524m;硬化道路 5719m。 新建道路 524m;硬化道路 5719m。",
    ])
    [form] = jixiao.parse_text(text, "goals_twice.txt")
    assert (form.project_name, form.department) == ("村道建设项目", "某县水利局")
    assert form.goal_expected == form.goal_actual == "新建道路 524m;硬化道路 5719m。"


def test_a_transfer_fund_table_with_a_source_row_no_template_names():
    """A transfer form's fund table without 分值/得分: its 年度资金总额 row is the total (no sub-row pattern to
    mistake it for), '其中:中央财政资金' a source the record has no row for (the longest word decides, not the
    '财政资金' inside it), and a row of a source no template names is read past, once said."""
    text = "\n".join([
        "医疗救助补助资金转移支付项目绩效目标自评表 |",
        "(2024年度) |",
        "转移支付(项目)名称 | 医疗救助补助资金 |",
        "地方主管部门 | 某县医疗保障局 | 资金使用单位 | 某县医疗保障局 |",
        "资金投入情况(万元) | 全年预算数(A) | 全年执行数(B) | 预算执行率(B/A×100%) |",
        "年度资金总额: | 3359.62万 | 3359.62万 | 100% |",
        "其中:中央财政资金 | 829.3万 | 829.3万 | 100% |",
        "彩票公益金用于医疗救助 | 0 | 0 | 100% |",
        "地方资金 | 2530.32万 | 2530.32万 | 100% |",
    ])
    [form] = jixiao.parse_text(text, "transfer_funds.txt")
    total = form.funds.total
    assert (total.annual_budget, total.executed, total.execution_rate) == (3359.62, 3359.62, 100)
    assert form.funds.current_year is None
    assert [w.code for w in form.warnings].count("P023") == 1


def test_a_glued_document_site_copy_of_a_form_scored_without_points():
    """A document site's copy: the file name's title run into the head, every cell glued, the fund block opened
    by 预算执行情况, its numbers glued ('504590%18': 50, 45, 90%, 18 by the arithmetic), indicator rows ending in
    their 得分 alone, one row that printed only a name and its score."""
    text = ("下载本文档\n1、2021年度乡村公路养护项目绩效自评表单位名称:某县公路中心 填报日期:2022年3月10日"
            "项目名称乡村公路养护主管部门某县交通运输局项目实施单位某县公路中心预算执行情况(万元)(20分)预算数(A)执行数(B)执行率(B/A)"
            "得分(20分*执行率)年度财政资金总额504590%18年度绩效目标(80分)一级指标二级指标三级指标年初目标值(A)"
            "实际完成值(B)得分产出指标数量指标养护里程120公里118公里20进度指标完成时间2021年底2021年11月20"
            "效益指标社会效益指标群众出行条件改善20满意度指标服务对象满意度指标沿线群众满意度≥90%95%19总分97")
    [form] = jixiao.parse_text(text, "glued_site.txt")
    assert (form.year, form.project_name, form.department, form.implementing_unit) == (
        2021, "乡村公路养护", "某县交通运输局", "某县公路中心")
    total = form.funds.total
    assert (total.annual_budget, total.executed, total.execution_rate, total.score) == (50, 45, 90, 18)
    assert [(i.level2, i.name, i.score) for i in form.indicators] == [
        ("数量指标", "养护里程", 20), ("进度指标", "完成时间", 20), ("社会效益指标", "群众出行条件改善", 20),
        ("服务对象满意度指标", "沿线群众满意度", 19)]
    assert [(i.target, i.actual) for i in form.indicators][::3] == [("120公里", "118公里"), ("≥90%", "95%")]
    assert form.total_score == 97


def test_a_glued_fund_table_whose_rate_is_taken_of_the_initial_budget():
    """`年初预算数(A) 全年执行数(B) 分值 执行率(B/A) 得分` (no 全年预算数): 执行率 is of 年初预算数, which cuts the
    glued '310.2154.741050%5'; the sub-row '其中:本年一般公共预算拨款' equals the total exactly (not 310.21 and 54.74);
    '主管部门及代码' is one label."""
    text = ("项目支出绩效自评表(2016年度)项目名称道路清扫保洁外包经费主管部门及代码某区街道办事处"
            "实施单位某区城市运行服务中心项目资金(万元)年初预算数(A)全年执行数(B)分值(10分)执行率(B/A)得分年度资金总额:310.2154.741050%5"
            "其中:本年一般公共预算拨款310.2154.74其他资金年度总体目标完成道路保洁外包。")
    [form] = jixiao.parse_text(text, "initial_budget_rate.txt")
    assert (form.department, form.implementing_unit) == ("某区街道办事处", "某区城市运行服务中心")
    total, current = form.funds.total, form.funds.current_year
    assert (total.initial_budget, total.annual_budget, total.executed, total.weight, total.execution_rate,
            total.score) == (310.2, None, 154.74, 10, 50, 5)
    assert (current.initial_budget, current.executed) == (310.2, 154.74)


def test_a_page_listing_its_forms_before_them_starts_no_form(tmp_path):
    """A page titled like a form that lists the projects' forms (序号 项目名称 备注) before the first of them: the
    list is no form, nor the tail of one (its one word of a table, 备注, is a list's column); 调整预算数 is the
    全年预算数."""
    text = "\n".join([
        "2022年度项目支出绩效自评表",
        "某局本级单位项目绩效自评表清单",
        "序号", "项目名称", "备注", "1", "就业补助资金自评表", "", "2", "人事考试专项经费自评表", "",
        "项目支出绩效自评表",
        "(2022年度)",
        "项目名称\t就业补助资金",
        "主管部门\t某市人社局\t实施单位\t某市人社局",
        "项目资金(万元)\t年初预算数\t调整预算数\t全年执行数\t分值\t执行率\t得分",
        "年度资金总额\t99\t100\t90\t10\t90%\t9",
    ])
    [form] = jixiao.parse_text(text, "listed.txt")
    assert (form.project_name, form.year) == ("就业补助资金", 2022)
    total = form.funds.total
    assert (total.initial_budget, total.annual_budget, total.executed, total.score) == (99, 100, 90, 9)
    path = tmp_path / "listed.txt"
    path.write_text(text, encoding="utf-8")
    assert parse_file(path).fragments == []


_SUMMARY = ("某市转移支付区域(项目)绩效目标自评表(2023年度)转移支付(项目)名称重大动物疫病防控补助中央主管部门农业农村部"
            "地方主管部门省农业农村厅资金使用单位某市畜牧兽医中心资金投入情况(万元)全年预算数(A)全年执行数(B)"
            "预算执行率(B/A×100%)年度资金总额:25020080.00%其中:中央财政资金16012880.00%地方资金907280.00%其他资金"
            "资金管理情况情况说明存在问题和改进措施分配科学性分配科学无下达及时性下达")


def test_a_form_glued_in_a_cell_of_the_pages_own_table_is_read():
    """A government page's 内容概述 cell holds its attachment's text glued (every cell run into the next) and the
    stored copy ends before the attachment: the form is read from the cell, the transfer template's words found
    inside the run, and '25020080.00%' (no 执行率 is that high) is 250, 200 and 80.00% glued."""
    text = "\n".join([
        "索引号 | 0000-2024-001 | 组配分类 | 部门项目 |",
        "信息名称 | 某市2023年动物防疫补助绩效目标自评表 | 内容概述 | " + _SUMMARY + " |",
        "某市转移支付区域(项目)绩效目标自评表 | |||||",
    ])
    [form] = jixiao.parse_text(text, "summary_cell.txt")
    assert (form.year, form.project_name, form.department, form.implementing_unit) == (
        2023, "重大动物疫病防控补助", "省农业农村厅", "某市畜牧兽医中心")
    total = form.funds.total
    assert (total.annual_budget, total.executed, total.execution_rate) == (250, 200, 80)


@pytest.mark.parametrize("layout", ["pipe", "space", "one_line"])
def test_one_form_printed_twice_is_read_once_from_the_fuller_copy(layout):
    """The same page with the attachment after it as a table: one form (P004 names the copy left), read from
    the table, which holds more of the form than the summary cut short. Its cells set apart by spaces only, the
    same (before: the glued summary had the goals' heading 总体目标完成情况 cut after 总体目标, and its 完成情况
    read as the expected goal)."""
    text = "\n".join([
        "信息名称 | 某市2023年动物防疫补助绩效目标自评表 | 内容概述 | " + _SUMMARY + " |",
        "某市转移支付区域(项目)绩效目标自评表",
        "(2023年度)",
        "转移支付(项目)名称 | 重大动物疫病防控补助 |",
        "中央主管部门 | 农业农村部 | 地方主管部门 | 省农业农村厅 | 资金使用单位 | 某市畜牧兽医中心 |",
        "资金投入情况(万元) | | 全年预算数(A) | 全年执行数(B) | 预算执行率(B/A×100%) |",
        "| 年度资金总额: | 250 | 200 | 80.00% |",
        "资金管理情况 | | 情况说明 | 存在问题和改进措施 |",
        "| 分配科学性 | 分配科学 | 无 |",
        "总体目标完成情况 | 总体目标 | 全年实际完成情况 |",
        "| 完成强制免疫任务。 | 已完成强制免疫任务。 |",
        "绩效指标 | 一级指标 | 二级指标 | 三级指标 | 指标值 | 全年实际完成值 | 未完成原因和改进措施 |",
        "| 产出指标 | 数量指标 | 免疫密度 | ≥90% | 96% | 无 |",
        "| 满意度指标 | 服务对象满意度指标 | 养殖户满意度 | ≥90% | 95% | 无 |",
    ])
    if layout != "pipe":
        lines = [" ".join(c.strip() for c in line.split("|") if c.strip()) for line in text.split("\n")]
        text = "\n".join(lines) if layout == "space" else " ".join(lines)
    [form] = jixiao.parse_text(text, "summary_and_table.txt")
    assert form.project_name == "重大动物疫病防控补助" and form.source.first_line == (2 if layout != "one_line" else 1)
    assert [(i.level1, i.name, i.target, i.actual) for i in form.indicators] == [
        ("产出指标", "免疫密度", "≥90%", "96%"), ("满意度指标", "养殖户满意度", "≥90%", "95%")]
    assert form.goal_actual == "已完成强制免疫任务。"
    codes = [w.code for w in form.warnings]
    assert "P004" in codes and "P002" not in codes  # (资金管理情况 is a section the record has no place for)


def _laid_out(lines: list[str], rows: list[list[str]], layout: str, plain: tuple[str, ...] = ()) -> str:
    """`lines` of text, then `rows` of cells as a pipe table, rows set apart by spaces (`space`), a cell per line
    (`cell_per_line`) or all on one line (`one_line`); a row of one cell in `plain` stands over the table, not in
    it."""
    if layout == "pipe":
        lines = lines + [r[0] if r[0] in plain and len(r) == 1 else "| " + " | ".join(r) + " |" for r in rows]
    elif layout == "cell_per_line":
        lines = lines + [c for r in rows for c in r if c]
    else:
        lines = lines + [" ".join(c for c in r if c) for r in rows]
    return " ".join(lines) if layout == "one_line" else "\n".join(lines)


# a county's form, laid out by `_laid_out` in the tests below
CLEANING = [["项目名称", "城乡环境卫生整治"], ["主管部门", "某县住建局", "实施单位", "某县环卫所"],
            ["项目资金(万元)", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
            ["", "年度资金总额", "120", "120", "108", "10", "90%", "9"],
            ["年度总体目标", "预期目标", "实际完成情况"], ["", "城区道路每日清扫。", "城区道路已每日清扫。"],
            ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
            ["", "产出指标", "数量指标", "清扫保洁面积", "≥200万平方米", "210万平方米", "50", "50"],
            ["", "满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "88%", "40", "36"],
            ["总分", "", "", "", "", "", "100", "95"]]


@pytest.mark.parametrize(("opening", "layout"), [("项目支出绩效自评表", "pipe"), ("项目支出绩效自评表", "space"),
                                               ("项目支出绩效自评表", "one_line"), ("", "space"), ("", "one_line")])
def test_an_open_government_pages_summary_of_the_form_is_no_form_of_its_own(opening, layout):
    """An open-government page's details (索引号, 信息名称, 内容概述) over the form: 信息名称 names the form and
    内容概述 holds its text's start glued, cut short, its year (printed on a line of its own) or its title too
    left out. The summary is the form's copy, not a form of its own: a copy that prints no year or no title is
    the form's where the project is; where cells are set apart by spaces only, the page's name after 信息名称
    is no title (before: two forms, the first the summary's)."""
    summary = (opening + "".join(c for r in CLEANING for c in r))[:80] + "…"
    rows = [["索引号", "11341700003244895T/202406-00001", "组配分类", "部门项目"],
            ["信息名称", "城乡环境卫生整治项目支出绩效自评表(2023年度)", "内容概述", summary], ["项目支出绩效自评表"],
            ["(2023年度)"], *CLEANING]
    [form] = jixiao.parse_text(_laid_out([], rows, layout), "open_government_page.txt")
    assert (form.title, form.year, form.project_name) == ("项目支出绩效自评表", 2023, "城乡环境卫生整治")
    assert [(i.name, i.weight, i.score) for i in form.indicators] == [("清扫保洁面积", 50, 50), ("群众满意度", 40, 36)]
    assert (form.total_weight, form.total_score) == (100, 95) and "P004" in [w.code for w in form.warnings]


@pytest.mark.parametrize("end", ["城区道路已每日", "城区道路每日清扫。城区道"])
def test_a_summary_cut_in_its_prose_and_run_into_the_forms_title_is_the_same_form(end):
    """内容概述 cut short inside a goal's text, the attachment's title right after it on one line: text glued
    through runs the prose into the title ('城区道路已每日某县项目支出绩效自评表'). A copy whose title ends with the
    other's is the same form, and the shorter is its title (before: two forms)."""
    glued = "".join(c for r in CLEANING for c in r)
    summary = "某县项目支出绩效自评表(2023年度)" + glued[:glued.index(end) + len(end)]
    rows = [["信息名称", "某县项目支出绩效自评表(2023年度)", "内容概述", summary], ["某县项目支出绩效自评表"],
            ["(2023年度)"], *CLEANING[:4]]
    [form] = jixiao.parse_text(_laid_out([], rows, "one_line"), "summary_in_prose.txt")
    assert (form.title, form.year, form.project_name) == ("某县项目支出绩效自评表", 2023, "城乡环境卫生整治")


def test_a_page_counter_glued_before_a_title_is_no_part_of_it():
    """A document site's text of a form glued through, its page counter run into the title ('1/2某县…自评表(2023
    年度)项目名称…'): the title starts after the counter (before: '1/2某县项目支出绩效自评表')."""
    text = "1/2某县项目支出绩效自评表(2023年度)" + "".join(c for r in CLEANING for c in r)
    [form] = jixiao.parse_text(text, "page_counter.txt")
    assert (form.title, form.year, form.project_name) == ("某县项目支出绩效自评表", 2023, "城乡环境卫生整治")


@pytest.mark.parametrize("layout", ["space", "one_line"])
def test_the_summary_label_is_no_part_of_a_title_in_text_glued_through(layout):
    """A stored page that is mostly its 内容概述 (the attachment's text glued), the page's name before it ending in
    a book title mark ('2023年《…绩效自评表》 内容概述 某县项目支出绩效自评表(2023年度)项目名称…'): text glued through
    has its single spaces joined, and the title starts after the summary's label (before:
    '》内容概述某县项目支出绩效自评表')."""
    summary = "某县项目支出绩效自评表(2023年度)" + "".join(c for r in CLEANING for c in r)
    rows = [["索引号", "11341700003244895T/202406-00001", "组配分类", "部门项目"],
            ["信息名称", "2023年《城乡环境卫生整治绩效自评表》", "内容概述", summary]]
    [form] = jixiao.parse_text(_laid_out([], rows, layout), "summary_after_book_title.txt")
    assert (form.title, form.year, form.project_name) == ("某县项目支出绩效自评表", 2023, "城乡环境卫生整治")


@pytest.mark.parametrize("layout", ["space", "one_line"])
@pytest.mark.parametrize("cut", ["年度资金总额120120108109", "90%9"])
def test_a_summary_cut_short_and_glued_to_the_forms_title_is_no_part_of_the_title(layout, cut):
    """内容概述's text cut short without a mark, the form's title glued right after it ('…年度资金总额120120108109项目
    支出绩效自评表'): the fund table's last label with its values ends the summary, the title starts after them
    (before: '120120108109项目支出绩效自评表' was a second form's title)."""
    glued = "".join(c for r in CLEANING for c in r)
    summary = "项目支出绩效自评表(2023年度)" + glued[:glued.index(cut) + len(cut)]
    rows = [["信息名称", "城乡环境卫生整治项目支出绩效自评表(2023年度)", "内容概述", summary + "项目支出绩效自评表"],
            ["(2023年度)"], *CLEANING]
    [form] = jixiao.parse_text(_laid_out([], rows, layout), "summary_glued_to_title.txt")
    assert (form.title, form.year, form.project_name) == ("项目支出绩效自评表", 2023, "城乡环境卫生整治")
    assert [(i.name, i.weight, i.score) for i in form.indicators] == [("清扫保洁面积", 50, 50), ("群众满意度", 40, 36)]


def test_a_score_column_table_cut_short_in_its_last_row_keeps_every_row():
    """A stored page ending part-way through a 得分-only table's last row ('生态' on a line of its own, no '|'):
    the rows above are still the table's rows, each source row its own (numbered sub-items too)."""
    text = "\n".join([
        "2022年度化肥减量项目自评表",
        "项目名称 | 化肥减量增效示范 | |||",
        "年度绩效目标 (80分) | 一级指标 | 二级指标 | 三级指标 | 年初目标值(A) | 实际完成值(B) | 得分 | ||",
        "产出指标 | 数量指标 | 一、示范区建立 | ≧2000亩 | 2100亩 | 15.0 | |||",
        "1、侧深施肥 | ≧500亩 | 600亩 | 5.0 | |||||",
        "2、种肥同播 | ≧1000亩 | 1000亩 | 5.0 | |||||",
        "质量指标 | 配方肥到位率 | ≧80% | 86% | 10.0 | ||||",
        "生态",
    ])
    [form] = jixiao.parse_text(text, "cut_score_only.txt")
    assert [(i.level2, i.name, i.target, i.actual, i.score) for i in form.indicators][:4] == [
        ("数量指标", "一、示范区建立", "≥2000亩", "2100亩", 15), ("数量指标", "1、侧深施肥", "≥500亩", "600亩", 5),
        ("数量指标", "2、种肥同播", "≥1000亩", "1000亩", 5), ("质量指标", "配方肥到位率", "≥80%", "86%", 10)]


def test_points_before_the_targets_in_a_table_whose_rows_start_under_merged_labels():
    """'二级指标 | 三级指标 | 分值 | 年度指标值 | 全年实际值 | 得分' with rows printed from the first cell their row
    fills (a web page's merged label cells dropped): each row's 分值 is the number after its name."""
    text = "\n".join([
        "项目支出绩效自评表",
        "(2023年度)",
        "项目名称 | 特色种养补贴 |",
        "绩效指标 | 一级 指标 |",
        "二级指标 | 三级指标 | 分值 | 年度指标值 | 全年实际值 | 得分 | 未完成原因 | ||",
        "产 出 指 标 (50分) |",
        "数量指标 | 补助种植面积 | 20 | 29.5亩 | 29.5亩 | 20 | ||||",
        "补助鱼塘面积 | 10 | 3亩 | 3亩 | 10 | ||||||",
        "质量指标 | ||||||||||",
        "种植作物成活率 | 5 | 95% | 90% | 4 | ||||||",
    ])
    [form] = jixiao.parse_text(text, "points_first_shifted.txt")
    assert [(i.level2, i.name, i.target, i.actual, i.weight, i.score) for i in form.indicators] == [
        ("数量指标", "补助种植面积", "29.5亩", "29.5亩", 20, 20), ("数量指标", "补助鱼塘面积", "3亩", "3亩", 10, 10),
        ("质量指标", "种植作物成活率", "95%", "90%", 5, 4)]


def test_the_last_row_cut_off_after_its_points_keeps_them_as_its_points():
    """The page ends right after a row's 分值 ('满意度 | ≥ | 95 | % | 95 | 10.00'): its cells before 10.00 are as many
    as a row has before its 分值, so 10.00 is the 分值 and the 得分 is lost, not 95 and 10.00."""
    text = "\n".join([
        "项目支出绩效自评表",
        "(2020年度)",
        "项目名称 | 卫片执法补助 |",
        "| 绩效指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |",
        "| 一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 |",
        "| 产出指标 | 数量指标 | 补助经费 | = | 72890 | 元 | 72890 | 10.00 | 9.00 | |",
        "| 满意度指标 | 服务对象满意度指标 | 满意度 | ≥ | 95 | % | 95 | 10.00 |",
    ])
    [form] = jixiao.parse_text(text, "cut_after_points.txt")
    assert [(i.name, i.target, i.actual, i.weight, i.score) for i in form.indicators] == [
        ("补助经费", "=72890元", "72890", 10, 9), ("满意度", "≥95%", "95", 10, None)]


def test_glued_text_with_a_title_without_its_table_word_and_words_wrapped_at_spaces():
    """A document site's copy: every cell glued, a title printed without its 表 ('…绩效目标自评'), spaces where a
    word wrapped in its cell ('年度 总体 目标', '绩 效 指 标'), the site's chunk numbers opening its long lines
    ('1、', '2、'), a fund table's words inside an indicator's name ('管理制度严格执行率') and in a note after the
    table ('备注:1.预算执行情况口径:…', which opens no second fund table)."""
    first = ("1、2020年度县级专项资金绩效目标自评表专项资金名称县级粮食储备负责人及电话张三"
             "县级主管部门某县商务和粮食局实施单位某县粮食股项目资金(万元)全年预算数(A)全年执行数(B)执行率(B/A)"
             "年度资金总额150.5150.5100%其中:中央、省、市补助县级资金150.5150.5100%其他资金年度 总体 目标"
             "年初设定目标全年实际完成情况保持地方粮食储备规模稳定,按时足额轮换,确保储备粮数量真实、质量良好、储存安全。"
             "地方储备粮规模达标,轮换按计划完成,库存数量真实、质量良好。绩 效 指 标一级 指标二级 "
             "指标三级指标年度指标 值全年 完成值未完成原因和 改进措施产 出 指 标数量 指标储备粮到位率")
    assert len(first) >= 300
    text = "\n".join([first, "2、100%100%质量 指标储备粮管理制度严格执行率100%100%偏差大或目标未完成原因分析无"
                             "备注:1.预算执行情况口径:预算数为调整后财政资金总额,执行数为财政资金实际支出数。"])
    [form] = jixiao.parse_text(text, "site_glued.txt")
    total = form.funds.total
    assert (form.year, form.project_name, form.department) == (2020, "县级粮食储备", "某县商务和粮食局")
    assert (total.annual_budget, total.executed, total.execution_rate) == (150.5, 150.5, 100)
    assert form.funds.current_year is None and not [w for w in form.warnings if w.code in ("P020", "P021")]
    assert form.goal_expected and form.goal_expected.startswith("保持地方粮食储备规模稳定")
    assert form.goal_actual and form.goal_actual.startswith("地方储备粮规模达标")


def test_a_hubei_style_form_one_cell_per_line_with_its_notes_and_a_total_of_its_score():
    """'政策(项目)名称' (项目名称, with an alternative before it), '年度绩效目标 (80分)' captioning the indicator table
    (its points no goal text), '总分(100分) | 96' (the label prints the 分值, the number is the 得分), a tail label
    wrapped over lines ('偏差大或' / '目标未完成' / '原因分析') and a note under the form naming the fund table's words
    ('备注:1.预算执行情况口径:预算数为调整后财政资金总额…', prose, not glued cells)."""
    cells = ["项目支出绩效自评表", "(2022年度)", "政策(项目)名称", "春节走访慰问经费", "主管部门",
             "某市退役军人事务局", "项目实施单位", "某市退役军人事务局", "预算执行情况(万元)", "(20分)",
             "预算数(A)", "执行数(B)", "执行率(B/A)", "得分", "(20分*执行率)", "年度财政资金总额", "34.64",
             "34.64", "100%", "20", "年度绩效目标", "(80分)", "一级指标", "二级指标", "三级指标",
             "年初目标值(A)", "实际完成值(B)", "得分", "产出指标(60分)", "数量指标", "慰问对象人数", "300人",
             "300人", "30", "质量指标", "补助经费足额拨付率", "100%", "100%", "30", "满意度指标(20分)",
             "服务对象满意度指标", "优抚对象满意率", "100%", "95%", "16", "总分(100分)", "96", "自评等级", "优",
             "偏差大或", "目标未完成", "原因分析", "无",
             "备注:1.预算执行情况口径:预算数为调整后财政资金总额(包括上年结余结转),执行数为资金使用单位财政资金实际支出数。"]
    [form] = jixiao.parse_text("\n|\n".join(cells) + "\n", "hubei_cells.txt")
    assert (form.project_name, form.goal_expected, form.total_weight, form.total_score, form.grade) == (
        "春节走访慰问经费", None, 100, 96, "优")
    assert (form.funds.total.annual_budget, form.funds.current_year) == (34.64, None)
    assert [(i.name, i.score) for i in form.indicators] == [("慰问对象人数", 30), ("补助经费足额拨付率", 30),
                                                           ("优抚对象满意率", 16)]
    assert not [w for w in form.warnings if w.code in ("P002", "P020", "P021")]


def test_a_caption_merged_down_the_rows_left_below_the_header_and_a_total_of_error_cells():
    """A workbook export: '绩效指标' merged down the left of the indicator rows (below the header row, whose first
    cell is empty) is the rows' caption, not a second header row; a 总分 row whose cells hold formula errors
    ('#REF!') has no numbers — none are taken from the tables after it."""
    rows = [
        ["项目支出绩效自评表"], ["(2019年度)"], ["项目名称", "", "校园足球扶持资金"],
        ["主管部门", "", "教育部", "", "", "实施单位"],
        ["", "一级指标", "二级指标", "三级指标", "", "年度指标值", "实际完成值", "分值", "得分", "偏差原因"],
        ["绩效指标", "产出指标", "成本指标", "成本节约率", "", "≥0", "0", "10", "10", ""],
        ["", "效益指标", "可持续影响指标", "普及足球运动技术", "", "作用明显", "明显", "10", "9", ""],
        ["总分", "", "", "", "", "", "", "#REF!", "#REF!", ""],
        [""], ["部门评审报告"], ["( 2020年度)"], ["评审前总支出", "19", "评审前当年支出", "20"],
    ]
    [form] = jixiao.parse_text("\n".join("\t".join(r) for r in rows), "caption_below.txt")
    assert [(i.level1, i.level2, i.name, i.target, i.actual, i.weight, i.score) for i in form.indicators] == [
        ("产出指标", "成本指标", "成本节约率", "≥0", "0", 10, 10),
        ("效益指标", "可持续影响指标", "普及足球运动技术", "作用明显", "明显", 10, 9)]
    assert (form.total_weight, form.total_score) == (None, None)


def test_a_document_sites_chunks_of_spaced_text_join_at_their_space():
    """A document site's copy of text whose cells stand apart, cut into numbered chunks ('1、', '2、') at a
    space: the chunks join with that space ('90 ' / '2、10 90% 9' is 90, 10, 90% and 9, not 9010)."""
    notice = "根据预算绩效管理工作要求,现将我局2022年度项目支出绩效自评结果予以公开,接受社会监督。" * 6
    first = ("1、" + notice + " 项目支出绩效自评表 (2022年度) 项目名称 农村饮水安全维修养护 主管部门 某县水利局 "
             "实施单位 某县水务中心 项目资金(万元) 年初预算数 全年预算数 全年执行数 分值 执行率 得分 "
             "年度资金总额: 100 100 90 ")
    assert len(first) >= 300
    [form] = jixiao.parse_text(first + "\n2、10 90% 9 一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分\n",
                               "site_spaced.txt")
    total = form.funds.total
    assert (total.annual_budget, total.executed, total.weight, total.execution_rate, total.score) == (
        100, 90, 10, 90, 9)


def test_numbered_long_paragraphs_are_no_document_sites_chunks():
    """Goal texts printed as numbered paragraphs, each long and on a line of its own ('1、…。' / '2、…。'): every
    one ends a sentence, so they are the form's text, kept as printed (a site's chunks end anywhere)."""
    first = "1、" + "完成全县农村饮水工程维修养护,保障农村群众饮水安全,提高供水保证率和水质达标率。" * 8
    second = "2、" + "加强工程运行管理,落实管护责任,建立长效运行机制,确保工程长期发挥效益。" * 8
    from jixiao.read.text import read_text

    texts = [t.text for t in read_text("\n".join(["年度总体目标", first, second]), "goals.txt").tokens]
    assert texts == ["年度总体目标", first, second]


def test_a_document_sites_chunks_between_blank_lines_join_a_title_they_cut():
    """A document site's chunks of glued text with a blank line between them, the cut inside the form's title
    ('…项目绩效自' / '2、评表'): the chunks join, and the title is found (its year with it)."""
    report = "某市档案馆2020年度项目绩效自评报告。执行率情况:专项经费预算10万元,实际支出10万元,执行率100%," * 6
    first = "1、" + report + "附件2:某市档案馆2020年度项目绩效自"
    assert len(first) >= 300
    text = (first + "\n\n2、评表项目名称档案抢救与保护专项经费主管部门某市档案局实施单位某市档案馆项目资金(万元)"
            "年初预算数全年预算数全年执行数分值执行率得分年度资金总额10101010100%10一级指标二级指标三级指标"
            "年度指标值实际完成值分值得分产出指标数量指标抢救档案数量≥500份520份9090总分100100\n")
    [form] = jixiao.parse_text(text, "site_blank.txt")
    assert (form.title, form.year, form.project_name) == (
        "某市档案馆2020年度项目绩效自评表", 2020, "档案抢救与保护专项经费")
    assert not any(w.code == "P001" for w in form.warnings)


def test_a_hubei_style_glued_form_with_its_fund_points_in_the_caption_and_amounts_in_wan():
    """Hubei's 项目绩效自评表 as a document site glues it: the fund table has no 分值 column, its caption prints the
    points ('预算执行情况(万元)(20分)'), the amounts carry their unit ('10万10万100%20'), the indicator table's
    caption is 年度绩效指标(80分), and a measure the vocabulary lacks stands between glued numbers ('≥500卷520卷20')."""
    text = ("附件2:某市档案馆2020年度项目绩效自评表 单位名称:某市档案馆 填报日期:2021年4月项目名称"
            "档案抢救与保护专项经费主管部门某市档案局项目实施单位某市档案馆预算执行情况(万元)(20分)预算数(A)执行数(B)执行率(B/A)"
            "得分(20分*执行率)年度财政资金总额10万10万100%20年度绩效指标(80分)一级指标二级指标三级指标年初目标值(A)"
            "实际完成值(B)得分产出指标(40分)数量指标抢救档案数量≥500卷520卷20质量指标修复合格率≥95%98%20"
            "效益指标(30分)社会效益指标档案利用率提升提升30满意度指标(10分)服务对象满意度指标查档群众满意度≥90%95%10")
    [form] = jixiao.parse_text(text, "hubei_glued.txt")
    total = form.funds.total
    assert (total.annual_budget, total.executed, total.weight, total.execution_rate, total.score) == (
        10, 10, 20, 100, 20)
    assert [(i.name, i.target, i.actual, i.score) for i in form.indicators] == [
        ("抢救档案数量", "≥500卷", "520卷", 20), ("修复合格率", "≥95%", "98%", 20), ("档案利用率", "提升", "提升", 30),
        ("查档群众满意度", "≥90%", "95%", 10)]


def test_a_special_fund_form_without_a_title_glued_and_its_score_total():
    """A province's 专项资金 form as a site prints it, glued and without a title: 专项名称 and 省级主管部门 choose the
    transfer template, whose 专项名称 starts the form; 得分合计 is its total ('100', never 10 and 0)."""
    text = ("专项名称普惠金融发展专项资金省级主管部门某省财政厅一级指标二级指标三级指标指标值完成值权重得分"
            "产出指标数量指标创业担保贷款发放额增长率≥10%115.25%40%40质量指标创业担保贷款回收率≥90%98.70%30%30"
            "满意度指标服务对象满意度指标金融机构满意度≥80%100%30%30得分合计100。")
    [form] = jixiao.parse_text(text, "special_fund.txt")
    assert form.project_name == "普惠金融发展专项资金"
    assert [(i.name, i.target, i.actual, i.weight, i.score) for i in form.indicators] == [
        ("创业担保贷款发放额增长率", "≥10%", "115.25%", 40, 40), ("创业担保贷款回收率", "≥90%", "98.70%", 30, 30),
        ("金融机构满意度", "≥80%", "100%", 30, 30)]
    assert form.total_score == 100 and form.total_weight != 10


def test_a_row_under_merged_labels_that_lost_a_value_cell_keeps_its_name():
    """A pipe table whose rows under merged level labels print only their own cells, one of which lost its value
    cell as well ('配套电力设施1250KVA变压器3台 | 3 | 30 | 30'): its 分值 stands left of the header's, and the text
    first is its name, not a 年度指标值 (before, the row had no name)."""
    text = ("项目支出绩效自评表 | ||||\n(2023年度) | ||||\n项目名称 | 冷库建设项目 | ||||\n"
            "主管部门 | 某县农业农村局 | 实施单位 | 某县国有资本管理有限公司 | ||||\n"
            "项目资金 (万元) | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 | ||||\n"
            "年度资金总额 | 1100 | 1100 | 1100 | 10 | 100% | 10 | ||||\n"
            "绩 效 指 标 | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | "
            "偏差原因分析及改进措施 | ||||\n"
            "产出指标(50分) | 数量指标 | 冷库仓储建设面积 | ≥1290.3平方米 | 1290.3平方米 | 30 | 30 | ||||\n"
            "配套烘干设备购置 | 550 | 550 | 30 | 30 | ||||\n"
            "配套电力设施1250KVA变压器3台 | 3 | 30 | 30 | ||||\n"
            "总分 | 100 | 100 | ||||\n")
    [form] = jixiao.parse_text(text, "lost_cell.txt")
    assert [(i.name, i.target, i.actual, i.weight) for i in form.indicators] == [
        ("冷库仓储建设面积", "≥1290.3平方米", "1290.3平方米", 30), ("配套烘干设备购置", "550", "550", 30),
        ("配套电力设施1250KVA变压器3台", None, "3", 30)]


def test_a_form_scored_on_the_whole_framework_with_decision_and_process_blocks():
    """A city's 部门项目支出绩效自评表 scored on the whole evaluation framework: 一级 labels 项目决策, 项目管理,
    项目产出 and 项目效益 with their points, 二级 labels no list names (项目立项, 资金投入 …), 分值 before a target
    headed 指标值(A), and 满意度指标 in the 二级 column under 项目效益. Each block keeps its rows (before, 资金投入's
    rows went to 项目管理, 满意度指标 was read as a 一级 label and every target was lost)."""
    rows = [("项目决策(10分)", "项目立项", "项目目标完整性", "4", "目标明确", "目标明确、内容细化", "4"),
            ("", "", "项目立项相关性", "2", "相关", "符合学校管理标准", "2"),
            ("", "资金投入", "可行性", "2", "可行", "符合实际工作需求", "2"),
            ("", "", "适当性", "2", "适当", "有资金测算标准", "2"),
            ("项目管理(25分)", "资金管理", "预算执行率", "15", "100%", "90%", "13.5"),
            ("", "组织实施", "管理制度有效性", "10", "有效", "严格执行相关管理制度", "10"),
            ("项目产出(30分)", "数量指标", "保障人数", "15", "2370人", "2370人", "15"),
            ("", "时效指标", "公用经费完成时间", "15", "2021年12月完成", "2021年12月完成", "15"),
            ("项目效益(35分)", "社会效益指标", "保障学校正常运转", "25", "正常运转", "正常运转", "25"),
            ("", "满意度指标", "师生满意度", "10", "≥90%", "95%", "10")]
    text = "\n".join([
        "某市本级部门项目支出绩效自评表(2021年)",
        "项目名称 | 初中公用经费 | 主管部门 | 某市教育局 | 实施单位 | 某市第六中学",
        "项目资金(万元) | 年初预算数 | 调整预算数(A) | 全年执行数(B) | 执行率(B/A)",
        "年度资金总额 | 64.8 | 64.8 | 64.8 | 100%",
        "一级指标 | 二级指标 | 三级指标 | 分值 | 指标值(A) | 全年实际值(B) | 得分 | 未完成原因分析及改进措施",
        *(" | ".join([*row, ""]) for row in rows),
        "总分 | | | 100 | | | 98.5 |"])
    [form] = jixiao.parse_text(text, "framework.txt")
    blocks: dict[str, str] = {}
    want = []
    for one, two, name, weight, target, actual, score in rows:
        blocks["1"] = one or blocks.get("1")
        blocks["2"] = two or blocks.get("2")
        want.append((blocks["1"], blocks["2"], name, target, actual, float(weight), float(score)))
    assert _rows(form) == want


def test_a_table_without_points_cut_off_after_its_last_rows_target():
    """A transfer form's table without 分值/得分 in a stored page that ends right after the last row's 指标值
    ('医疗救助合规率 | 100'): the lone value is the 年度指标值 the page printed before it was cut (not the
    实际完成值, as in a whole table whose row lost a cell), and the missing 实际完成值 is said (P033)."""
    text = "\n".join([
        "医疗救助补助资金绩效目标自评表 |", "(2024年度) |",
        "转移支付(项目)名称 | 医疗救助补助资金 |", "中央主管部门 | 国家医疗保障局 | 地方主管部门 | 某县医疗保障局 |",
        "资金投入情况(万元) | 全年预算数(A) | 全年执行数(B) | 预算执行率(B/A) |",
        "年度资金总额: | 3359.62 | 3359.62 | 100% |",
        "绩效指标 | 一级指标 | 二级指标 | 三级指标 | 指标值 | 全年实际完成值 | 未完成原因和改进措施 |",
        "产出指标 | 数量指标 | 享受医疗救助人次 | ≥50000人次 | 110406 | |",
        "质量指标 | 医疗救助合规率 | 100"])
    [form] = jixiao.parse_text(text, "cut_off.txt")
    assert [(i.name, i.target, i.actual) for i in form.indicators] == [
        ("享受医疗救助人次", "≥50000人次", "110406"), ("医疗救助合规率", "100", None)]
    assert [w.path for w in form.warnings if w.code == "P033"] == ["indicators.1.actual"]


def test_a_wrapped_goal_line_opening_with_a_framework_word_stays_in_the_goal():
    """The whole framework's blocks are labels as 项目决策, 项目管理 … only: a goal text wrapped so that a line
    opens with 管理 (`…国家试点工程项目` / `管理 。`) keeps it (a bare 管理 read as a 一级 label lost it)."""
    text = "\n\n".join([
        "项目支出绩效自评表", "(2023年度)", "项目名称", "试点工程", "主管部门", "某委", "实施单位", "某中心",
        "项目资金(万元)", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分",
        "年度资金总额", "100", "100", "100", "10", "100%", "10",
        "年度总体目标", "预期目标", "实际完成情况", "推进试点工程建设；\n做好国家试点工程项目\n管理。",
        "推进了试点工程建设；按时做好国家试点工程项目\n管理 。",
        "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施",
        "产出指标", "数量指标", "试点工程数量", "=1(个)", "1(个)", "90", "90", "", "总分", "100", "100"])
    [form] = jixiao.parse_text(text, "wrapped_goal.txt")
    assert (form.goal_expected, form.goal_actual) == (
        "推进试点工程建设；做好国家试点工程项目管理。", "推进了试点工程建设；按时做好国家试点工程项目管理。")


def test_rows_that_break_down_the_row_above_are_said_once():
    """A 衔接资金 form's rows that break down the row above ('其中桃树种植面积 | 1.5亩 | 1.5亩' under '★补助各类瓜果
    蔬菜种植面积 | 20 | 29.5亩 | 29.5亩 | 20'), scored in that row: each is read, without points, and one
    warning names them all (before, one per row)."""
    text = "\n".join([
        "绩效目标自评表 |", "(2023年度) |", "项目名称 | 特色种养补贴到户项目 |",
        "主管部门 | 县农业农村局 | 实施单位 | 某镇人民政府 |",
        "资金情况(万元) | 全年预算数(A) | 全年执行数(B) | 分值 | 执行率(B/A) | 得分 |",
        "年度资金总额: | 9.48 | 9.48 | 10 | 100% | 10 |",
        "绩效指标 | 一级指标 | 二级指标 | 三级指标 | 分值 | 年度指标值 | 全年实际值 | 得分 | "
        "未完成原因及拟采取的改进措施 |",
        "产出指标 | 数量指标 | ★补助各类瓜果蔬菜种植面积 | 50 | 29.5亩 | 29.5亩 | 50 | |",
        "其中桃树种植面积 | 1.5亩 | 1.5亩 |", "其中苹果树种植面积 | 5亩 | 5亩 |",
        "质量指标 | 种植作物成活率 | 40 | 95% | 95% | 40 | |",
        "总分 | 100 | 100 |"])
    [form] = jixiao.parse_text(text, "sub_rows.txt")
    assert [(i.name, i.target, i.actual, i.weight, i.score) for i in form.indicators] == [
        ("★补助各类瓜果蔬菜种植面积", "29.5亩", "29.5亩", 50, 50), ("其中桃树种植面积", "1.5亩", "1.5亩", None, None),
        ("其中苹果树种植面积", "5亩", "5亩", None, None), ("种植作物成活率", "95%", "95%", 40, 40)]
    said = [w for w in form.warnings if w.code == "P030"]
    assert len(said) == 1 and "2 个分项行" in said[0].message


def test_a_name_that_reads_like_a_label_after_both_labels_in_a_table_without_points():
    """Hubei's 项目自评表 printed with a trailing empty cell: the satisfaction row's name '满意度(%)' reads like a
    label, but after the row's 一级 and 二级 labels it is its 三级指标 (before: its 二级 label was lost and its
    target became its name)."""
    text = "\n".join([
        "项目支出绩效自评表 |",
        "项目名称 | 2021年农业经营主体扶持项目 | |||||",
        "主管部门 | 某县人民政府 | 项目实施单位 | 某县农业农村局 | |||",
        "预算执行情况(万元)(20分) | 预算数(A) | 执行数(B) | 执行率(B/A) | 得分 (20分*执行率) |",
        "年度财政资金总额 | 500 | 450 | 90% | 18 | ||",
        "年度绩效目标 (80分) |",
        "一级指标 | 二级指标 | 三级指标 | 年初目标值(A) | 实际完成值(B) | 得分 |",
        "产出指标 | 数量指标 | 扶持经营主体(个) | 15 | 15 | 40 | |",
        "效益指标 | 经济效益指标 | 助农增收(元) | 1980 | 2074 | 30 | ||",
        "满意度指标 | 服务对象满意度指标 | 满意度(%) | 90 | 95 | 10 | |",
        "总分 | 98 | |||||",
    ])
    [form] = jixiao.parse_text(text, "label_like_name.txt")
    assert _rows(form)[-1] == ("满意度指标", "服务对象满意度指标", "满意度(%)", "90", "95", None, 10)
    assert form.total_score == 98


def test_a_second_level_label_no_template_lists_in_a_row_one_cell_too_long():
    """A 二级 label as a form misprints it ('社会效益效益指标') in a table row with one cell more than the header
    has columns: it is the row's 二级 label, not the start of its name."""
    text = "\n".join([
        "项目支出绩效自评表 |",
        "项目名称 | 化肥减量增效示范项目 | |||||",
        "主管部门 | 某区农业农村局 | 项目实施单位 | 某区土壤肥料工作站 | |||",
        "预算执行情况(万元) (20分) | 预算数(A) | 执行数(B) | 执行率(B/A) | 得分 (20分*执行率) | |",
        "年度财政资金总额 | 100 | 100 | 100% | 20 | ||",
        "年度绩效目标 (80分) | 一级指标 | 二级指标 | 三级指标 | 年初目标值(A) | 实际完成值(B) | 得分 | |",
        "产出指标 | 数量指标 | 示范区面积 | ≥2000亩 | 2000亩 | 30 | ||",
        "质量指标 | 配方肥到位率 | ≥80% | 85.6% | 20 | |||",
        "效益指标 | 社会效益效益指标 | 受益农户数 | 5000户 | 5000户 | 20 | ||",
        "满意度指标 | 服务对象满意度指标 | 农户满意度 | ≥90% | 95% | 10 | ||",
        "总分 | 100 | |||||",
    ])
    [form] = jixiao.parse_text(text, "misprinted_label.txt")
    assert _rows(form)[2] == ("效益指标", "社会效益效益指标", "受益农户数", "5000户", "5000户", None, 20)
    assert [r[:3] for r in _rows(form)] == [
        ("产出指标", "数量指标", "示范区面积"), ("产出指标", "质量指标", "配方肥到位率"),
        ("效益指标", "社会效益效益指标", "受益农户数"), ("满意度指标", "服务对象满意度指标", "农户满意度")]


def test_a_qualitative_row_short_of_cells_in_a_table_whose_target_has_parts():
    """Under 指标性质 | 指标值 | 度量单位, a qualitative row prints its target and actual alone, each cell on a line of
    its own ('减轻家庭经济负担 |' '| 有效 |' '| 有效 | 10 | 10 |'): its cells fit the slots by their shapes, so
    '有效' is its target and '有效' its actual (before: both were parts of its target, '有效有效')."""
    text = "\n".join([
        "2022年度项目支出绩效自评表 |",
        "| 项目名称 | 营养改善计划专项资金 | 主管部门 | 某县教育体育局 | 实施单位 | 某县中学 |",
        "| 绩效指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 | 一级指标 | 二级指标 | 三级指标 "
        "| 指标性质 | 指标值 | 度量单位 | 产出指标 | 数量指标 | 学生受资助人数 | ≥ | 735 | 人次 | 735 | 40 | 40 |",
        "| 效益指标 | 经济效益指标 | 减轻贫困学生家庭经济负担 |",
        "| 有效 |",
        "| 有效 | 30 | 30 |",
        "| 满意度指标 | 服务对象满意度指标 | 学生满意度 | ≥ | 95 | % | 100% | 30 | 28 |",
        "| 总分 | 100 | 98 | 优 |",
    ])
    [form] = jixiao.parse_text(text, "qualitative_parts.txt")
    assert _rows(form) == [
        ("产出指标", "数量指标", "学生受资助人数", "≥735人次", "735", 40, 40),
        ("效益指标", "经济效益指标", "减轻贫困学生家庭经济负担", "有效", "有效", 30, 30),
        ("满意度指标", "服务对象满意度指标", "学生满意度", "≥95%", "100%", 30, 28)]
    assert (form.total_weight, form.total_score, form.grade) == (100, 98, "优")


_DIRECTION_FORM = [
    "项目支出绩效自评表 (2024年度) |",
    "项目名称 | 某局自然资源业务支出项目 |",
    "主管部门 | 某市自然资源局(部门) | 实施单位 | 某市自然资源局某分局 |",
    "项目资金 (万元) | | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率(%) | 得分 |",
    "年度资金总额 | 0 | 2.38 | 2.38 | 10 | 100 | 10 |",
    "其中:财政拨款 | 0 | 2.38 | 2.38 | —— | 100 | —— |",
    "年度总体目标 | 预期目标 | 实际完成情况 |",
    "全面查清资源利用状况。 | 完成辖区资源调查监测。 |",
    "绩效指标 | 一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标方向 | 年度指标值 | 实际完成值 | 计量单位 "
    "| 分值 | 得分 | 偏差原因分析及改进措施 |",
    "| 产出指标 | 数量指标 | 指标1:租车次数(次) | 正向 | 大于等于 | 1 | 1 | 次 | 30 | 30 | |",
    "| | 质量指标 | 指标1:租车达标率 | 正向 | 等于 | 100 | 100 | % | 30 | 30 | |",
    "| 效益指标 | 社会效益指标 | 指标1:调查成果共享率 | 正向 | 大于等于 | 90 | 95 | % | 20 | 20 | |",
    "| 满意度指标 | 服务对象满意度指标 | 指标1:群众满意度 | 正向 | 大于等于 | 90 | 92 | % | 10 | 10 | |",
    "| 总分 | 100 | 100 | |",
]


def test_inner_mongolias_form_prints_its_operator_in_a_direction_column_and_its_unit_after_the_actual():
    """Inner Mongolia's 项目支出绩效自评表: 指标性质 says 正向 or 反向, 指标方向 holds the operator in words (大于等于),
    and 计量单位 stands after 实际完成值. The target is the operator, the 年度指标值 and the unit as printed
    ('大于等于1次'); 正向/反向 has no place in the record and is read past without a warning; the numbers of
    年度指标值 and 实际完成值 before the unit are no 分值/得分 — also with every cell on a line of its own."""
    rows = [
        ("产出指标", "数量指标", "租车次数(次)", "大于等于1次", "1", 30, 30),
        ("产出指标", "质量指标", "租车达标率", "等于100%", "100", 30, 30),
        ("效益指标", "社会效益指标", "调查成果共享率", "大于等于90%", "95", 20, 20),
        ("满意度指标", "服务对象满意度指标", "群众满意度", "大于等于90%", "92", 10, 10)]
    cells = [cell.strip() for line in _DIRECTION_FORM for cell in line.split("|") if cell.strip()]
    one_per_line = "\n".join(cell + " |" for cell in cells)
    for text in ("\n".join(_DIRECTION_FORM), one_per_line):
        [form] = jixiao.parse_text(text, "direction.txt")
        assert _rows(form) == rows, text[:40]
        assert (form.total_weight, form.total_score) == (100, 100)
        assert form.funds.total.executed == 2.38
        assert not any(w.code in ("P036", "P030", "P033") for w in form.warnings), form.warnings


_FRAMEWORK_POINTS = [
    "文化服务项目绩效自评表",
    "一、项目基本情况",
    "项目实施单位", "某省文化厅公共服务处", "主管部门", "某省文化厅", "项目负责人", "张三",
    "二、绩效评价指标评分",
    "一级指标", "分值", "二级指标", "分值", "三级指标", "分值", "得分",
    "项目决策", "20", "项目目标", "8", "目标内容", "8", "8",
    "决策过程", "12", "决策依据", "5", "5",
    "决策程序", "7", "6",
    "项目管理", "30", "资金到位", "10", "到位率", "10", "10",
    "组织实施", "20", "管理制度", "20", "18",
    "项目绩效", "50", "项目产出", "30", "产出数量", "30", "28",
    "项目效益", "20", "社会效益", "20", "20",
    "总分", "100", "95",
]


def test_an_older_framework_form_prints_points_for_each_level():
    """The older form scored on the evaluation framework (一级指标 | 分值 | 二级指标 | 分值 | 三级指标 | 分值 | 得分,
    Hainan): each level label is followed by its own points, and the 二级 labels are words no template lists;
    a row prints both labels, its 二级 label only, or neither. Its '一、项目基本情况' heads the head's rows, no
    goal text (before: no row was read, and the head's rows were taken for goals). Also every cell on a line of
    its own between blank lines, as a document site prints a Word table."""
    rows = [
        ("项目决策", "项目目标", "目标内容", None, None, 8, 8),
        ("项目决策", "决策过程", "决策依据", None, None, 5, 5),
        ("项目决策", "决策过程", "决策程序", None, None, 7, 6),
        ("项目管理", "资金到位", "到位率", None, None, 10, 10),
        ("项目管理", "组织实施", "管理制度", None, None, 20, 18),
        ("项目绩效", "项目产出", "产出数量", None, None, 30, 28),
        ("项目绩效", "项目效益", "社会效益", None, None, 20, 20)]
    for text in ("\n".join(_FRAMEWORK_POINTS), "\n\n".join(_FRAMEWORK_POINTS)):
        [form] = jixiao.parse_text(text, "framework_points.txt")
        assert (form.department, form.implementing_unit) == ("某省文化厅", "某省文化厅公共服务处")
        assert form.goal_expected is None and form.goal_actual is None
        assert _rows(form) == rows
        assert (form.total_weight, form.total_score) == (100, 95)


def test_a_head_printed_on_one_line_with_labels_no_template_lists_and_the_amounts_unit():
    """Hebei's 预算项目绩效自评表 prints its head on one line of label: value pairs, some labels no template lists
    ('是否为专项资金:'), and the unit of its amounts there ('金额单位: 万元'): a value ends where another label
    with its colon starts, and that unit is the fund table's (before: the name ran on into '是否为专项资金:')."""
    text = "\n".join([
        "某县民政局2020年度预算项目绩效自评表",
        "一、基本情况 项目名称: 百岁老人高龄津贴 是否为专项资金: 实施单位 某县民政局机关 金额单位: 万元",
        "项目资金 年初预算数 全年预算数 全年执行数 分值 执行率 得分",
        "年度资金总额 6.84 6.84 6.84 10 100% 10",
        "绩效指标 一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分",
        "产出指标 数量指标 发放人数 ≥19人 19人 90 90",
        "总分 100 100",
    ])
    [form] = jixiao.parse_text(text, "one_line_head.txt")
    assert (form.project_name, form.implementing_unit, form.fund_unit) == ("百岁老人高龄津贴", "某县民政局机关", "万元")


def test_numbered_rows_of_a_table_without_points_one_of_them_without_values():
    """A transfer-payment form's table without 分值/得分, a row per line, its rows numbered by the template
    ('指标4.'), one row printing its name only (its values lost): each numbered line is a row of its own (before:
    the rows from the valueless one on ran together into one)."""
    text = "\n".join([
        "2021年中央对地方专项转移支付区域绩效目标自评表",
        "转移支付(项目)名称 药品监管补助资金",
        "预算执行情况(万元) 全年预算数(A) 全年执行数(B) 预算执行率(B/A)",
        "年度资金总额 5.8 5.8 100%",
        "一级指标 二级指标 三级指标 指标值 完成值",
        "产出指标 数量指标 指标1.药品抽验品种 ≥3 4",
        "指标2.化妆品抽验批次 ≥3 7",
        "质量指标 指标1.药品抽检完成率 100% 100%",
        "指标2.不合格产品处置率",
        "指标3.药品不良反应每百万人口报告数 ≥150 150",
        "指标4.培训人员覆盖率 100% 100%",
        "时效指标 任务完成时间 2021年底 2021年底",
    ])
    [form] = jixiao.parse_text(text, "numbered_unscored.txt")
    assert [(i.name, i.target, i.actual) for i in form.indicators] == [
        ("药品抽验品种", "≥3", "4"), ("化妆品抽验批次", "≥3", "7"), ("药品抽检完成率", "100%", "100%"),
        ("不合格产品处置率", None, None), ("药品不良反应每百万人口报告数", "≥150", "150"),
        ("培训人员覆盖率", "100%", "100%"), ("任务完成时间", "2021年底", "2021年底")]


def test_headings_whose_page_lost_one_bracket_of_their_decoration():
    """A page that lost some brackets of its headings' decorations ('执行数B)', '执行率B/A)', '20分)', '年初目标值(A',
    '实际完成值(B'), each cell on a line of its own: the headings are still the form's words (before: the
    indicator header ended at 三级指标 and its headings were read as a row)."""
    cells = [
        "2023年度校园维修改造项目自评表", "项目名称", "校园维修改造", "主管部门", "某市教育局", "项目实施单位",
        "某市第三中学",
        "预算执行情况(万元)", "20分)", "预算数(A)", "执行数B)", "执行率B/A)", "年度财政资金总额", "800万元", "800万元",
        "100%", "年度绩效目标", "80分)", "一级指标", "二级指标", "三级指标", "年初目标值(A", "实际完成值(B",
        "产出指标", "数量指标", "完成维修改造项目", "3项", "3项",
        "质量指标", "维修改造验收合格率", "100%", "100%",
        "效益指标", "社会效益指标", "保障教学工作正常运转", "良好", "良好",
    ]
    [form] = jixiao.parse_text("\n\n".join(cells), "lost_brackets.txt")
    total = form.funds.total
    assert (total.annual_budget, total.executed, total.execution_rate, total.weight) == (800, 800, 100, 20)
    assert [(i.level2, i.name, i.target, i.actual) for i in form.indicators] == [
        ("数量指标", "完成维修改造项目", "3项", "3项"), ("质量指标", "维修改造验收合格率", "100%", "100%"),
        ("社会效益指标", "保障教学工作正常运转", "良好", "良好")]


def test_a_table_whose_rows_print_their_target_only():
    """A project not carried out prints each row's 年初目标值 only, a row per line, under a header with a 得分
    column and no 分值: each line is a row, and its one value is its target (before: the lines ran together
    two by two, the next row's name read as the actual, and '95' as a 得分)."""
    text = "\n".join([
        "2021年度项目支出绩效自评表",
        "项目名称 保种场建设项目",
        "主管部门 某县人民政府 实施单位 某县农业农村局",
        "预算执行情况(万元) 预算数(A) 执行数(B) 执行率(B/A)",
        "年度财政资金总额 1500 0.00 0.0000",
        "一级指标 二级指标 三级指标 年初目标值(A) 实际完成值(B) 得分",
        "产出指标 数量指标 标准化圈舍面积(平方米) 5000",
        "办公用房面积(平方米) 500",
        "保种数量(头) 300",
        "质量指标 工程合格率(%) 95",
        "时效指标 项目竣工时间 2023.12",
        "满意度指标 服务对象满意度指标 项目业主满意度(%) 95",
    ])
    [form] = jixiao.parse_text(text, "targets_only.txt")
    assert _rows(form) == [
        ("产出指标", "数量指标", "标准化圈舍面积(平方米)", "5000", None, None, None),
        ("产出指标", "数量指标", "办公用房面积(平方米)", "500", None, None, None),
        ("产出指标", "数量指标", "保种数量(头)", "300", None, None, None),
        ("产出指标", "质量指标", "工程合格率(%)", "95", None, None, None),
        ("产出指标", "时效指标", "项目竣工时间", "2023.12", None, None, None),
        ("满意度指标", "服务对象满意度指标", "项目业主满意度(%)", "95", None, None, None)]


def test_a_header_with_many_columns_no_template_knows_and_the_caption_down_the_first_column():
    """Xinjiang's form: a header row of thirteen headings, five of them no template knows (指标值设置依据, 上年完成值,
    指标赋分规则, 佐证资料, 完成率) and 指标分值权重 / 指标实际完成值 / 指标得分 for 分值, 实际完成值 and 得分, the
    caption '年度绩效指标完成情况' down the first column: the unknown headings are columns read past (said once,
    P036), and the caption is no part of a row (before: the header ended at 指标值 and no row was read)."""
    text = "\n".join([
        "项目支出绩效自评表", "(2023年度)", "项目名称 统计调查专项经费", "主管部门 某市统计局 实施单位 某市统计局",
        "项目资金 (万元)", "资金来源 年初预算数 全年预算数 全年执行数 分值权重 执行率 得分",
        "年度资金总额 5.28 1.96 1.96 10 100.00% 10",
        "一级指标 二级指标 三级指标 指标值 指标值设置依据 上年完成值 指标分值权重 指标赋分规则 佐证资料 指标实际完成值 "
        "完成率 指标得分 偏差原因分析及改进措施",
        "年度绩效指标完成情况 产出指标 数量指标 调查户数 ≥120户 计划 120户 50 完成得满分 调查台账 120户 100% 50 无",
        "效益指标 社会效益指标 政策咨询建议完成率 100% 计划 100% 40 完成得满分 报告 100% 100% 40 无",
        "总分 100 100",
    ])
    [form] = jixiao.parse_text(text, "many_columns.txt")
    assert _rows(form) == [("产出指标", "数量指标", "调查户数", "≥120户", "120户", 50, 50),
                           ("效益指标", "社会效益指标", "政策咨询建议完成率", "100%", "100%", 40, 40)]
    assert form.funds.total.weight == 10
    [p036] = [w for w in form.warnings if w.code == "P036"]
    assert "指标值设置依据" in p036.message and "年度绩效指标完成情况" not in p036.message


def test_a_block_of_head_rows_the_record_has_no_place_for_is_said_once():
    """The older Hainan form's breakdown of its amounts by source ('其中:', '中央财政', '0', '省财政', '570' …, a cell
    per line between blank lines) has no place in the record: one P002 names its lines, not one per line."""
    block = ["其中:", "中央财政", "0", "省财政", "570", "市县财政", "0", "其他", "0"]
    cells = _FRAMEWORK_POINTS[:8] + block + _FRAMEWORK_POINTS[8:]
    [form] = jixiao.parse_text("\n\n".join(cells), "framework_sources.txt")
    notes = [w for w in form.warnings if w.code == "P002" and "中央财政" in w.message]
    assert len(notes) == 1 and "–" in notes[0].message
    assert len(form.indicators) == 7


_WEIGHTED_FORM = [
    "项目支出绩效自评表", "(2023年度)",
    "项目名称 | 乡村道路养护经费 |", "主管部门 | 某县交通运输局 | 实施单位 | 某县公路中心 |",
    "项目资金(万元) | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |",
    "年度资金总额 | 500 | 520 | 468 | 10 | 90% | 9 |",
    "一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 单项指标得分 | 权重占比 | 折算得分 "
    "| 偏差原因分析及改进措施 |",
    "产出指标 | 数量指标 | 养护里程 | ≥300公里 | 320公里 | 100 | 40% | 40 | |",
    "效益指标 | 社会效益指标 | 道路通行条件改善 | 明显改善 | 有所改善 | 90 | 30% | 27 | 部分路段未完工 |",
    "满意度指标 | 服务对象满意度指标 | 群众满意度 | ≥90% | 95% | 100 | 20% | 20 | |",
    "总分 | 90 | 87 |",
]


@pytest.mark.parametrize("separator", [" | ", "\n"])
def test_indicators_scored_out_of_100_then_weighted(separator):
    """Indicator columns as Hebei's form names them: 单项指标得分 (the row scored out of 100), 权重占比 (its
    分值 as a percent of the total) and 折算得分 (the weighted score, the row's 得分). The record's 分值 and 得分 are
    the weight and the weighted score; the unweighted score is read past, no column left unread (P036) — also
    with every cell on a line of its own."""
    text = "\n".join(line.replace(" | ", separator).rstrip(" |") for line in _WEIGHTED_FORM)
    [form] = jixiao.parse_text(text, "weighted.txt")
    assert [(i.name, i.target, i.actual, i.weight, i.score) for i in form.indicators] == [
        ("养护里程", "≥300公里", "320公里", 40, 40), ("道路通行条件改善", "明显改善", "有所改善", 30, 27),
        ("群众满意度", "≥90%", "95%", 20, 20)]
    assert form.indicators[1].deviation == "部分路段未完工"
    assert not any(w.code in ("P036", "P030", "P033", "P034") for w in form.warnings), form.warnings


@pytest.mark.parametrize("separator", [" | ", "\n", " "])
def test_hebeis_effect_block_is_a_level_label(separator):
    """Hebei's form names its 效益 block 效果指标 (over 社会效益指标 …): a 一级 label, not the start of a name (before:
    '效果指标社会效益指标道路通行条件改善' was the row's name under the block above)."""
    lines = [line.replace("效益指标 | 社会效益指标", "效果指标 | 社会效益指标") for line in _WEIGHTED_FORM]
    [form] = jixiao.parse_text("\n".join(line.replace(" | ", separator).rstrip(" |") for line in lines), "effect.txt")
    assert [(i.level1, i.level2, i.name) for i in form.indicators] == [
        ("产出指标", "数量指标", "养护里程"), ("效果指标", "社会效益指标", "道路通行条件改善"),
        ("满意度指标", "服务对象满意度指标", "群众满意度")]


_SIGN_FORM = [
    "项目支出绩效自评表", "(2023年度)",
    "项目名称 | 乡村道路养护经费 |", "主管部门 | 某区交通运输委 | 实施单位 | 某区公路养护中心 |",
    "项目资金(万元) | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |",
    "年度资金总额 | 500 | 520 | 468 | 10 | 90% | 9 |",
    "一级指标 | 二级指标 | 指标名称 | 计算符号 | 指标值 | 实际完成值 | 计量单位 | 分值 | 得分 "
    "| 偏差原因分析及改进措施 |",
    "产出指标 | 数量指标 | 养护里程 | ≥ | 300 | 320 | 公里 | 40 | 40 | |",
    "效益指标 | 社会效益指标 | 道路通行条件改善 | 定性 | 明显改善 | 有所改善 | | 30 | 27 | 部分路段未完工 |",
    "满意度指标 | 服务对象满意度指标 | 群众满意度 | ≥ | 90 | 95 | % | 20 | 20 | |",
    "总分 | 90 | 87 |",
]


@pytest.mark.parametrize("separator", [" | ", "\n"])
def test_a_sign_column_a_value_column_and_the_unit_after_the_actual(separator):
    """Indicator columns as Tianjin's budget system names them: 计算符号 (the operator, or 定性 for a row measured
    in words), 指标值, then 实际完成值 and 计量单位 after it. The target is the operator, the value and the unit
    as printed (`≥300公里`); 定性 says the indicator's nature and is no part of its target. Also every cell on a
    line of its own."""
    text = "\n".join(line.replace(" | ", separator).rstrip(" |") for line in _SIGN_FORM)
    [form] = jixiao.parse_text(text, "sign.txt")
    assert [(i.name, i.target, i.actual, i.weight, i.score) for i in form.indicators] == [
        ("养护里程", "≥300公里", "320", 40, 40), ("道路通行条件改善", "明显改善", "有所改善", 30, 27),
        ("群众满意度", "≥90%", "95", 20, 20)]
    assert not any(w.code in ("P036", "P030", "P033", "P034") for w in form.warnings), form.warnings


@pytest.mark.parametrize("separator", [" ", "\n"])
def test_operator_codes_of_a_target_in_parts_printed_apart(separator):
    """Yunnan's 指标性质 prints the operator with its code (`004 >=`); in text whose cells are set apart by spaces
    or lines, the code and the operator are cells of their own, and the operator goes on the number after it
    (`004` `≥20` `次`). The code is no part of the target (before: `004≥20次`)."""
    rows = [
        ["项目支出绩效自评表"], ["项目名称", "新能源项目推进工作经费"], ["主管部门", "某市能源局"],
        ["项目资金(万元)", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        ["年度资金总额", "50", "50", "49.1", "10", "98.2%", "9.82"],
        ["项目支出绩效指标表"],
        ["绩效指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
        ["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位"],
        ["产出指标", "数量指标", "现场督导次数", "004", ">=", "20", "次", "26", "50", "50"],
        ["效益指标", "经济效益指标", "经费支出", "005", "<=", "33", "万元", "32.9", "40", "40"],
        ["总分", "90", "90"]]
    text = "\n".join(separator.join(r) for r in rows)
    [form] = jixiao.parse_text(text, "codes.txt")
    assert [(i.name, i.target, i.actual) for i in form.indicators] == [
        ("现场督导次数", "≥20次", "26"), ("经费支出", "≤33万元", "32.9")]


@pytest.mark.parametrize("layout", ["pipe", "cell_per_line"])
def test_a_deviation_printed_as_two_columns_its_reasons_and_its_measures(layout):
    """Some forms print 偏差原因 and 改进措施 as two columns. 改进措施 alone also heads a part after the table, but
    in the indicators' header it is the 偏差原因's second column (before: no heading, so it and the first row's
    labels were read as that row's name, '改进措施产出指标数量指标')."""
    rows = [
        ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因",
         "改进措施"],
        ["", "产出指标", "数量指标", "新建高标准农田面积", "≥1万亩", "1.02万亩", "40", "40", "", ""],
        ["", "", "时效指标", "按期完工率", "100%", "95%", "30", "28", "天气影响", "加快进度"],
        ["", "满意度指标", "服务对象满意度指标", "受益农户满意度", "≥90%", "93%", "30", "30", "", ""],
        ["总分", "", "", "", "", "", "100", "98", "", ""]]
    head = ["2023年度项目支出绩效自评表"]
    rows = [["项目名称", "高标准农田建设"], ["主管部门", "某县农业农村局", "实施单位", "某县农业农村局"],
            ["年度总体目标", "预期目标", "实际完成情况"], ["", "新建高标准农田1万亩。", "新建高标准农田1.02万亩。"],
            *rows]
    [form] = jixiao.parse_text(_laid_out(head, rows, layout), "measures.txt")
    assert _rows(form) == [
        ("产出指标", "数量指标", "新建高标准农田面积", "≥1万亩", "1.02万亩", 40, 40),
        ("产出指标", "时效指标", "按期完工率", "100%", "95%", 30, 28),
        ("满意度指标", "服务对象满意度指标", "受益农户满意度", "≥90%", "93%", 30, 30)]
    assert [i.deviation for i in form.indicators] == [None, "天气影响加快进度", None]
    assert (form.total_weight, form.total_score) == (100, 98)


@pytest.mark.parametrize("layout", ["pipe", "space", "cell_per_line", "one_line"])
def test_a_list_of_the_projects_scores_over_a_form_starts_no_form(layout):
    """A page lists its projects' results (序号 项目名称 主管部门 预算数 执行数 自评得分 自评等级, a row per project)
    before a form: 项目名称 there heads a column, the headings after it with no value between, and starts no form
    (before: the list was a form of its own, without a project's name)."""
    rows = [["序号", "项目名称", "主管部门", "预算数(万元)", "执行数(万元)", "自评得分", "自评等级"],
            ["1", "城乡环境卫生整治", "某县住建局", "120", "108", "95", "优"],
            ["2", "高标准农田建设", "某县农业农村局", "480", "470.4", "98.8", "优"],
            ["项目支出绩效自评表"], ["(2023年度)"], *CLEANING]
    [form] = jixiao.parse_text(_laid_out(["某县2023年度项目支出绩效自评结果汇总表"], rows, layout), "list.txt")
    assert (form.year, form.project_name, form.implementing_unit) == (2023, "城乡环境卫生整治", "某县环卫所")
    assert [(i.name, i.weight, i.score) for i in form.indicators] == [("清扫保洁面积", 50, 50), ("群众满意度", 40, 36)]


@pytest.mark.parametrize(("mark", "repeated"), [("", True), ("项目支出绩效自评表（续）", False),
                                              ("项目支出绩效自评表（续表）", True), ("续表", False)])
@pytest.mark.parametrize("layout", ["pipe", "space", "cell_per_line", "one_line"])
def test_a_title_marked_continued_and_the_header_repeated_inside_the_table(mark, repeated, layout):
    """Where a page goes on with the indicator table, some forms print the title again marked 续 (or 续表 alone)
    and the header again, 绩效指标 first; a copy that lost its page breaks keeps them between two rows. Neither
    is a row's text (before: `垃圾清运率项目支出绩效自评表（续）` in a table, `垃圾清运率绩效指标` in rows set
    apart by spaces)."""
    header = ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"]
    rows = [["项目名称", "城乡环境卫生整治"], ["主管部门", "某县住建局", "实施单位", "某县环卫所"], header,
            ["", "产出指标", "数量指标", "清扫保洁面积", "≥200万平方米", "210万平方米", "30", "30"],
            ["", "", "质量指标", "垃圾清运率", "100%", "100%", "30", "30"],
            *([[mark]] if mark else []), *([header] if repeated else []),
            ["", "", "时效指标", "垃圾日产日清", "及时", "及时", "20", "20"],
            ["", "满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "88%", "20", "18"],
            ["总分", "", "", "", "", "", "100", "98"]]
    text = _laid_out(["项目支出绩效自评表", "(2023年度)"], rows, layout, plain=(mark,))  # (the title over the table)
    [form] = jixiao.parse_text(text, "continued.txt")
    assert [(i.level2, i.name, i.weight, i.score) for i in form.indicators] == [
        ("数量指标", "清扫保洁面积", 30, 30), ("质量指标", "垃圾清运率", 30, 30), ("时效指标", "垃圾日产日清", 20, 20),
        ("服务对象满意度指标", "群众满意度", 20, 18)]
    assert (form.total_weight, form.total_score) == (100, 98)


def test_a_head_row_a_page_break_cut_is_one_row_where_its_label_is_cut():
    """A table row the page break cut, the rests of its cells a row of their own on the next page, with no sign
    of the cut but the form's words: `主管部` / `门`, `实施单` / `位` are labels cut in two, so the rows are one,
    each cell joined to its rest (before: 主管部门 and 实施单位 were not read)."""
    text = "\n".join([
        "项目支出绩效自评表", "（2023年度）", "| 项目名称 | 城乡环境卫生整治 | | |",
        "| 主管部 | 某县住房和城乡 | 实施单 | 某县环境卫生 |", "\f| 门 | 建设局 | 位 | 管理所 |",
        "| 项目资金（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |",
        "| 年度资金总额 | 120 | 120 | 108 | 10 | 90% | 9 |",
        "| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |",
        "| 产出指标 | 数量指标 | 清扫保洁面积 | ≥200万平方米 | 210万平方米 | 90 | 90 |", "| 总分 | | | | | 100 | 99 |"])
    [form] = jixiao.parse_text(text, "cut_head.txt")
    assert (form.department, form.implementing_unit) == ("某县住房和城乡建设局", "某县环境卫生管理所")
    assert not form.warnings


@pytest.mark.parametrize("period", ["2021年 1 月起至 2021 年 12 月止", "", "2020年1月至2021年12月"])
def test_a_report_date_is_not_the_forms_year_and_a_period_within_one_year_is(period):
    """A 财政支出项目绩效评价自评报告 (Hunan) prints no year in its title, only the day it was signed
    ('报告日期: 2022 年 7 月 8 日', a year after the spending) and the project's period (项目起止时间). The date is
    no year of the form (before: 2022); a period within one year gives it; a period over years gives none, and the
    reader says so (P014)."""
    text = "\n".join(["某县财政支出项目绩效评价自评报告", "项目名称    森林防火专项", "项目单位    某县林业局",
                      "主管部门   某县林业局", "报告日期:  2022 年  7 月  8 日", "项目起止时间", period,
                      "项目资金", "年初预算数 全年预算数 全年执行数", "年度资金总额 55 55 55",
                      "绩效指标", "一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分",
                      "产出指标 数量指标 巡护面积 ≥10万亩 10万亩 100 100", "总分 100 100"])
    [form] = jixiao.parse_text(text, "report_date.txt")
    assert form.project_name == "森林防火专项"
    expected = 2021 if period.startswith("2021") else None
    assert form.year == expected
    assert ("P014" in [w.code for w in form.warnings]) == (expected is None)


@pytest.mark.parametrize("glue", ["", "\n"])
def test_a_covers_blank_labels_leave_the_name_to_the_forms_own_label(glue):
    """A cover over the form with its labels left blank ('项目名称:承担单位:(盖章)'): 项目名称 has no value there
    (another label and its colon follow), and the form's own name label below reads the name (before: the name
    was '承担单位:(盖章)(2021年度)' and the form's row was reported unread)."""
    cover = glue.join(["附件3", "科技发展资金绩效目标自评表", "项目类别:", "项目名称:", "承担单位:(盖章)",
                       "(2021年度)"])
    form = "\n".join(["转移支付(项目)名称 | 科技发展资金", "中央主管部门 | 财政部", "地方主管部门 | 省科技厅",
                      "资金情况(万元) | 全年预算数(A) | 全年执行数(B) | 执行率(B/A)", "年度资金总额 | 100 | 90 | 90%",
                      "一级指标 | 二级指标 | 三级指标 | 年度指标值 | 全年实际值",
                      "产出指标 | 数量指标 | 支持项目数 | ≥5个 | 6个"])
    [read] = jixiao.parse_text(cover + "\n" + form, "cover.txt")
    assert (read.project_name, read.year) == ("科技发展资金", 2021)
    assert not [w for w in read.warnings if "科技发展资金" in w.message]


def test_a_variant_whose_words_glue_a_run_is_chosen_before_the_run_is_cut():
    """Hunan's 财政支出项目绩效评价自评报告 glued through (a .docx turned into text with no cell boundaries): its
    own words (计划安排资金, 实际到位资金, 邮编, 项目地址) are what glue the run, so the variant is chosen from the
    run before it is cut (before: the national words alone did not show a glued run, and no form was read)."""
    text = ("财政支出项目绩效评价自评报告评价类型:项目实施过程评价项目完成结果评价项目名称乡村文化活动经费"
            "项目单位某县文化馆主管部门某县文化局评价方式:部门(单位)绩效自评评价机构:部门(单位)评价组"
            "报告日期:2022年8月2日某县财政局(制)一、项目基本概况项目负责人张某联系电话项目地址某县邮编"
            "项目起止时间2021年1月起至2021年12月止计划安排资金(万元)80实际到位资金(万元)80实际支出(万元)78.5"
            "结余(万元)1.5其中:中央财政其中:中央财政其中:中央财政其中:中央财政省财政省财政省财政省财政"
            "县财政80县财政80县财政78.5县财政1.5其它其它其它其它二、项目支出明细情况支出内容实际支出数")
    [form] = jixiao.parse_text(text, "hunan_glued.txt")
    assert (form.project_name, form.department, form.implementing_unit, form.year) == (
        "乡村文化活动经费", "某县文化局", "某县文化馆", 2021)
    total = form.funds.total
    assert (total.initial_budget, total.annual_budget, total.executed) == (None, 80, 78.5)


def test_the_planned_investment_form_reads_its_funds_as_pairs_and_says_what_it_reads_past():
    """The 项目绩效自评表 of the framework before 2020 (计划投资额 / 实际到位资金 / 实际使用情况, each a label, its unit
    and its value, a cell per line), with rows by source whose 其中: stands alone, then 二、绩效评价指标评分 over the
    indicators scored 项目决策 / 项目管理 / 项目绩效: the plan is the year's budget, its use executed; the funds
    received and the sources have no place in the record and are said to be read past (before: the lone 其中: and
    the scoring's heading broke the pairs, and 实际到位资金 was read as the budget)."""
    cells = ["项目绩效自评表", "一、项目基本情况", "项目实施单位", "某厅贸易处", "主管部门", "某厅", "项目负责人",
             "张某", "地址", "某市某路1号", "邮编", "570000", "计划投资额", "(万元)", "300", "实际到位资金", "(万元)",
             "280", "实际使用情况(万元)", "270.5", "其中:", "中央财政", "0", "其中:", "中央财政", "0", "省财政", "300",
             "省财政", "280", "其他", "0", "其他", "0", "二、绩效评价指标评分", "一级指标", "分值", "二级指标", "分值",
             "三级指标", "分值", "得分", "项目决策", "20", "项目目标", "4", "目标内容", "4", "3", "决策过程", "8",
             "决策依据", "3", "3", "决策程序", "5", "5"]
    [form] = jixiao.parse_text("\n\n".join(cells), "planned_investment.txt")
    total = form.funds.total
    assert (total.initial_budget, total.annual_budget, total.executed) == (None, 300, 270.5)
    assert (form.department, form.implementing_unit) == ("某厅", "某厅贸易处")
    assert [(i.level1, i.level2, i.name, i.weight, i.score) for i in form.indicators] == [
        ("项目决策", "项目目标", "目标内容", 4, 3), ("项目决策", "决策过程", "决策依据", 3, 3),
        ("项目决策", "决策过程", "决策程序", 5, 5)]
    codes = [w.code for w in form.warnings]
    assert "P023" in codes and "P002" not in codes  # (一、项目基本情况 heads the head's rows: no text left unread)


@pytest.mark.parametrize("layout", ["pipe", "space", "cell_per_line", "one_line"])
def test_a_form_whose_points_are_all_blank_reads_row_by_row(layout):
    """Every 分值 and 得分 left blank under a header that has them (a form published before it was scored): no row
    ends at its points, so the rows are read as under a header without them, each row its own, and the reader says
    why its points are empty (P037; before, where the text keeps no empty cell, the whole table was one row)."""
    rows = [["项目支出绩效自评表"], ["(2023年度)"], *CLEANING[:6], [*CLEANING[6], "偏差原因分析及改进措施"],
            ["", "产出指标", "数量指标", "清扫保洁面积", "≥200万平方米", "210万平方米"],
            ["", "", "质量指标", "垃圾清运率", "100%", "98%", "", "", "个别路段清运不及时"],
            ["", "满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "88%"], ["总分"]]
    [form] = jixiao.parse_text(_laid_out([], rows, layout), "points_blank.txt")
    assert [(i.level1, i.level2, i.name, i.target, i.actual, i.weight, i.score) for i in form.indicators] == [
        ("产出指标", "数量指标", "清扫保洁面积", "≥200万平方米", "210万平方米", None, None),
        ("产出指标", "质量指标", "垃圾清运率", "100%", "98%", None, None),
        ("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "88%", None, None)]
    assert form.indicators[1].deviation == "个别路段清运不及时"
    codes = [w.code for w in form.warnings]
    assert "P037" in codes and "P031" not in codes and "P030" not in codes


@pytest.mark.parametrize("layout", ["pipe", "space", "cell_per_line", "one_line"])
def test_blank_points_under_rows_of_bare_numbers_are_no_points(layout):
    """A form not scored yet whose targets and actuals are bare numbers (`审查调查次数 8 8`): in text that keeps no
    empty cell they read like a 分值 and a 得分, but read so the points add up past a whole form's (`100 100`)
    and run the rows below, printing none, together — every row reads as its name, target and actual, as in a
    table (before: `8 8` and `100 100` were points, the rows after them one row). Rows printing no values that say
    where the next begins (`政务公开工作 及时公开 已公开` after `100 100`, a cell per line) are cut by their count;
    a row's cells are read without a 偏差原因 where they cut as well (`≥1 次 | 2 次`, not `≥1 | 次 | 2 次`)."""
    rows = [["项目支出绩效自评表"], ["(2023年度)"], *CLEANING[:6], [*CLEANING[6], "偏差原因分析及改进措施"],
            ["", "产出指标", "数量指标", "审查调查次数", "8", "8"],
            ["", "", "", "开展专题学习", "3", "3"],
            ["", "", "质量指标", "问题线索处置率", "100", "100"],
            ["", "", "", "政务公开工作", "及时公开", "已公开"],
            ["", "", "时效指标", "完成时间", "年内完成", "全部完成"],
            ["", "效益指标", "社会效益指标", "阶段建设成果发布次数", "≥1 次", "2 次"],
            ["", "满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "88%"], ["总分"]]
    [form] = jixiao.parse_text(_laid_out([], rows, layout), "bare_numbers.txt")
    assert [(i.level1, i.level2, i.name, i.target, i.actual, i.weight, i.score, i.deviation)
            for i in form.indicators] == [
        ("产出指标", "数量指标", "审查调查次数", "8", "8", None, None, None),
        ("产出指标", "数量指标", "开展专题学习", "3", "3", None, None, None),
        ("产出指标", "质量指标", "问题线索处置率", "100", "100", None, None, None),
        ("产出指标", "质量指标", "政务公开工作", "及时公开", "已公开", None, None, None),
        ("产出指标", "时效指标", "完成时间", "年内完成", "全部完成", None, None, None),
        ("效益指标", "社会效益指标", "阶段建设成果发布次数", "≥1 次", "2 次", None, None, None),
        ("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "88%", None, None, None)]
    assert [w.code for w in form.warnings if w.code in ("P030", "P031", "P037")] == ["P037"]


@pytest.mark.parametrize("layout", ["pipe", "cell_lines", "space_rows"])
def test_a_template_s_instruction_left_in_a_goal_cell_is_no_text(layout):
    """Sichuan's form prints under 年度目标完成情况 the instruction '对照年度目标,说明相关任务目标的完成情况(100字以
    内)'; a form published without filling it in has no 实际完成情况: null, and warning P039 names the cell
    (before: the instruction was read as the report)."""
    import json

    from tests.conftest import GOLDEN
    from tests.layout_render import render

    form = json.loads(sorted(GOLDEN.glob("*.json"))[0].read_text("utf-8"))["forms"][0]
    form = {**form, "goal_actual": "对照年度目标,说明相关任务目标的完成情况(100字以内)"}
    [got] = jixiao.parse_text(render([form], layout, template="sichuan"), "prompt.txt")
    assert got.goal_expected == form["goal_expected"] and got.goal_actual is None
    assert [w.path for w in got.warnings if w.code == "P039"] == ["goal_actual"]


def test_points_printed_with_a_space_before_fen_are_one_caption():
    """'预算执行情况(万元) (20 分)' and '年度绩效目标 (80 分)' as a word processor spaces a digit and an ideograph:
    the points are the fund row's 分值 and no goal text (before: '(80' and '分)' two cells, the goal '(80 分)'
    and the 分值 unread)."""
    text = "\n".join([
        "项目支出绩效自评表",
        "(2021年度)",
        "项目名称 村道建设项目",
        "主管部门 某县交通局 实施单位 某乡人民政府",
        "预算执行情况(万元) (20 分) 预算数(A) 执行数(B) 执行率(B/A) 得分",
        "年度财政资金总额 285.84 285.84 100% 20",
        "年度绩效目标 (80 分) 一级指标 二级指标 三级指标 年初目标值(A) 实际完成值(B) 得分",
        "产出指标 数量指标 新建道路 ≥524米 524米 40",
        "效益指标 社会效益指标 群众出行条件 改善 改善 40",
    ])
    [form] = jixiao.parse_text(text, "spaced_points.txt")
    assert (form.funds.total.weight, form.funds.total.score) == (20, 20)
    assert form.goal_expected is None and form.goal_actual is None
    assert [(i.name, i.score) for i in form.indicators] == [("新建道路", 40), ("群众出行条件", 40)]


PARTS_FORM = """项目支出绩效自评表
（2023年度）
项目名称 特色种养殖补贴到户项目
主管部门 县农业农村局 实施单位 杨楼镇人民政府
项目资金(万元) 全年预算数(A) 全年执行数(B) 分值 执行率(B/A) 得分
年度资金总额 8.408 8.408 10 100.00% 10
年度总体目标 年初设定目标 全年实际完成情况
落实64户特色种养业奖补政策。 落实64户特色种养业奖补政策。
一级指标 二级指标 三级指标 {header}
产出指标 数量指标 ★补助各类粮食作物种植面积 10 10
        红薯种植面积 5.5亩 5.5亩
★补助各类瓜果蔬菜种植面积 10 10
        梨树种植面积 6亩 6亩
        桃种植面积 1亩 1亩
质量指标 ★种植作物成活率 {row}
效益指标 经济效益指标 增加脱贫户收入 {income}
总分 100 100
"""


@pytest.mark.parametrize("points_first", [False, True], ids=["national", "points_first"])
def test_rows_broken_down_below_a_row_printing_only_its_points(points_first):
    """Anhui's 特色种养补贴到户 form: a row printing only its 分值 and 得分 (`★补助各类粮食作物种植面积 10 10`) is
    broken down by the lines below it, each a name and its two values (`红薯种植面积 5.5亩 5.5亩`), no 其中 before
    them: rows of their own, without points (before: wrapped pieces of the row above, or the next row's name)."""
    header = ("分值 年度指标值 全年实际值 得分" if points_first else "年度指标值 全年实际值 分值 得分") + " 未完成原因"
    row, income = ("10 95% 95% 10", "30 ≥10万元 10.9万元 30") if points_first else ("95% 95% 10 10",
                                                                                 "≥10万元 10.9万元 30 30")
    [form] = jixiao.parse_text(PARTS_FORM.format(header=header, row=row, income=income), "parts.txt")
    assert [(i.name, i.target, i.actual, i.weight, i.score) for i in form.indicators] == [
        ("★补助各类粮食作物种植面积", None, None, 10, 10), ("红薯种植面积", "5.5亩", "5.5亩", None, None),
        ("★补助各类瓜果蔬菜种植面积", None, None, 10, 10), ("梨树种植面积", "6亩", "6亩", None, None),
        ("桃种植面积", "1亩", "1亩", None, None), ("★种植作物成活率", "95%", "95%", 10, 10),
        ("增加脱贫户收入", "≥10万元", "10.9万元", 30, 30)]
    assert [w.code for w in form.warnings] == ["P030"]  # (one notice for the parts, not one a row)


@pytest.mark.parametrize("layout", ["pipe", "space", "cell_per_line", "one_line"])
def test_the_2013_frameworks_second_level_labels(layout):
    """Forms printing the 2013 共性指标体系框架's 二级 labels (财预〔2013〕53号: 产出数量, 产出质量, 产出时效,
    产出成本; Wuhan's 项目绩效自评表 still does): each is a 二级 label of 产出指标, not a piece of the row's name
    (before, in text without cell boundaries: `产出数量 灭火设备配备率` read as one name, under no 二级 label)."""
    rows = [["项目支出绩效自评表"], ["(2021年度)"], *CLEANING[:6], CLEANING[6],
            ["", "产出指标", "产出数量", "灭火设备配备率", "100%", "1000件", "30", "30"],
            ["", "", "产出质量", "森林火灾火因查明率", "≥95%", "96%", "20", "20"],
            ["", "", "产出时效", "森林火灾扑灭率", "≥95%", "98%", "20", "20"],
            ["", "满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "92%", "20", "20"],
            ["总分", "", "", "", "", "", "100", "99"]]
    [form] = jixiao.parse_text(_laid_out([], rows, layout), "framework_2013.txt")
    assert [(i.level1, i.level2, i.name) for i in form.indicators] == [
        ("产出指标", "产出数量", "灭火设备配备率"), ("产出指标", "产出质量", "森林火灾火因查明率"),
        ("产出指标", "产出时效", "森林火灾扑灭率"), ("满意度指标", "服务对象满意度指标", "群众满意度")]


_UNHEADED = [  # a 区域 form whose 得分 column has no heading: the block's points stand where a heading would
    ["预算执行情况", "预算数:", "2.38", "执行数:", "2.38", "20"],  # (and the fund block's 得分 after its pairs)
    ["年度绩效指标完成情况", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成指标值", "50"],
    ["", "产出指标", "质量指标", "指标1:监管人员培训", "已完成", "已完成", "5"],
    ["", "", "", "指标2:违法案件查办率", "100%", "100%", "4"],
    ["", "", "时效指标", "指标1:专项工作完成时间", "2021年12月31日", "2021年12月31日", "5"],
    ["", "效益指标", "社会效益指标", "指标1:重大安全责任事故发生数", "0次", "0次", "3"],
    ["", "", "", "指标2:公众科普知识素养", "逐步提高", "逐步提高", "3"],
]


def _unheaded(layout: str) -> str:
    head = "监管补助资金区域绩效目标自评表(2021年度)\n专项名称 监管补助资金\n"
    if layout == "tab":
        return head + "\n".join("\t".join(r) for r in _UNHEADED) + "\n"
    if layout == "html":
        rows = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in _UNHEADED)
        return f"<html><body><p>{head}</p><table>{rows}</table></body></html>"
    if layout == "space_rows":
        return head + "\n".join(" ".join(c for c in r if c) for r in _UNHEADED) + "\n"
    return head + "\n\n".join(c for r in _UNHEADED for c in r if c) + "\n"  # a cell a paragraph


@pytest.mark.parametrize("layout", ["tab", "html", "space_rows", "blank_separated"])
def test_a_score_column_without_a_heading_is_read_as_the_rows_scores(layout):
    [form] = jixiao.parse_text(_unheaded(layout), f"unheaded.{'html' if layout == 'html' else 'txt'}")
    assert _rows(form) == [
        ("产出指标", "质量指标", "监管人员培训", "已完成", "已完成", None, 5),
        ("产出指标", "质量指标", "违法案件查办率", "100%", "100%", None, 4),
        ("产出指标", "时效指标", "专项工作完成时间", "2021年12月31日", "2021年12月31日", None, 5),
        ("效益指标", "社会效益指标", "重大安全责任事故发生数", "0次", "0次", None, 3),
        ("效益指标", "社会效益指标", "公众科普知识素养", "逐步提高", "逐步提高", None, 3),
    ]
    assert "P042" in {w.code for w in form.warnings}
    total = form.funds.total
    assert (total.annual_budget, total.executed, total.weight, total.score) == (2.38, 2.38, None, 20)


def test_rows_of_a_table_without_a_score_column_ending_in_numbers_keep_their_actuals():
    text = "\n".join([
        "转移支付区域绩效目标自评表(2022年度)",
        "专项名称 就业补助资金",
        "一级指标 二级指标 三级指标 指标值 全年实际完成值",
        "产出指标 数量指标 培训人数 ≥200 230",
        "补贴发放人数 ≥150 162",
        "质量指标 就业率 ≥80% 85",
        "效益指标 社会效益指标 新增就业岗位 ≥50 58",
    ])
    [form] = jixiao.parse_text(text, "numbers.txt")
    assert [(i.name, i.target, i.actual, i.weight, i.score) for i in form.indicators] == [
        ("培训人数", "≥200", "230", None, None), ("补贴发放人数", "≥150", "162", None, None),
        ("就业率", "≥80%", "85", None, None), ("新增就业岗位", "≥50", "58", None, None)]


def test_a_lost_first_level_column_keeps_each_second_level_label_over_the_rows_below_it():
    # (rows a line each, each 二级 label on its block's first line, the 产出指标 cell lost; the rows under 成本指标
    # print no values: no reason to read the labels as centred in their blocks)
    text = "\n".join([
        "项目支出绩效自评表(2021年度)",
        "项目名称 两品一械监管",
        "一级指标 二级指标 三级指标 指标值 完成值",
        "数量指标 指标1.药品抽验品种 ≥3 4",
        "指标2.化妆品抽验批次 ≥3 7",
        "指标3.医疗器械抽验批次 ≥2 3",
        "质量指标 指标1.药品抽检完成率 100% 100%",
        "指标2.化妆品抽验完成率 100% 100%",
        "指标3.不合格产品处置率",
        "时效指标 任务完成时间 2021年底 2021年底",
        "成本指标 指标1.培训成本 400元/人、天 180元/人、天",
        "指标2.药品抽验平均标准",
        "指标3.化妆品抽验平均标准",
        "效益指标 社会效益指标 指标1.总体安全",
    ])
    [form] = jixiao.parse_text(text, "lost.txt")
    assert [(i.level1, i.level2) for i in form.indicators] == [
        *[("产出指标", "数量指标")] * 3, *[("产出指标", "质量指标")] * 3, ("产出指标", "时效指标"),
        *[("产出指标", "成本指标")] * 3, ("效益指标", "社会效益指标")]


@pytest.mark.parametrize("glued", [False, True])
def test_a_row_printing_the_labels_of_empty_blocks_before_its_own_is_under_its_own_first_level(glued):
    # (the template's placeholder rows '指标1:' left empty are no rows: their labels run onto the next row's; glued
    # through, '50件50件5050' is a target, an actual and the full points 50 and 50, not 50, 5 and 0)
    text = "\n".join([
        "项目支出绩效自评表(2020年度)",
        "项目名称 演出设备更新",
        "一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施",
        "产出指标 数量指标 更新设备数量 50件 50件 50 50",
        "效益指标 经济效益指标 指标1:",
        "社会效益指标 指标1:",
        "满意度指标 服务对象满意度指标 演出人员满意度 100% 100% 50 48",
        "总分 100 98",
    ])
    if glued:
        text = text.replace("\n", "").replace(" ", "")
    [form] = jixiao.parse_text(text, "placeholders.txt")
    assert [(i.level1, i.level2, i.name, i.target, i.actual, i.weight, i.score) for i in form.indicators] == [
        ("产出指标", "数量指标", "更新设备数量", "50件", "50件", 50, 50),
        ("满意度指标", "服务对象满意度指标", "演出人员满意度", "100%", "100%", 50, 48)]


_TRAINING = [  # a form's head and its indicator table's header and first row, cells ended by '|'
    "项目绩效自评表(2021年度)",
    "项目名称 | 护工培训 |",
    "一级指标 | 二级指标 | 指标名称 | 目标值 | 完成值 |",
    "产出指标 | 产出数量 | 完成护工培训任务 | 12500名 | 12166名 |",
]


def test_a_first_level_label_printed_in_the_second_level_column_of_a_table_is_a_second_level_label():
    # (cells each ended by '|', a row under an empty 一级 cell opened by its '|'; the 2013 framework's 满意度 is a
    # 二级 block of 效益指标)
    text = "\n".join([
        *_TRAINING,
        "| | 完成培训考核及验收 | 11所 | 11所 |",
        "| 产出质量 | 参训学员结业考核通过率 | 100% | 98.79% |",
        "效益指标 | 社会效益 | 参训学员就业率 | 60%及以上 | 53.53% |",
        "| 满意度 | 参培学员满意度 | 95%及以上 | 88.32% |",
    ])
    [form] = jixiao.parse_text(text, "second_column.txt")
    assert [(i.level1, i.level2, i.name) for i in form.indicators] == [
        ("产出指标", "产出数量", "完成护工培训任务"), ("产出指标", "产出数量", "完成培训考核及验收"),
        ("产出指标", "产出质量", "参训学员结业考核通过率"), ("效益指标", "社会效益", "参训学员就业率"),
        ("效益指标", "满意度", "参培学员满意度")]


def test_another_table_after_the_indicator_table_is_no_row_of_it():
    text = "\n".join([
        *_TRAINING,
        "效益指标 | 社会效益 | 参训学员就业率 | 60%及以上 | 53.53% |",
        "序号 | 学校性质 | 培训机构 | 培训补助标准(元/人) | 就业奖补标准(元/人) | 培训人数 | 合格人数 | 补助资金 |",
        "1 | 民办 | 远航职业培训学校 | 2600 | 400 | 842 | 842 | 218.92 |",
        "2 | 民办 | 精准职业培训学校 | 2600 | 400 | 900 | 900 | 234 |",
    ])
    [form] = jixiao.parse_text(text, "another_table.txt")
    assert [(i.level1, i.level2, i.name, i.target, i.actual) for i in form.indicators] == [
        ("产出指标", "产出数量", "完成护工培训任务", "12500名", "12166名"),
        ("效益指标", "社会效益", "参训学员就业率", "60%及以上", "53.53%")]
    [note] = [w for w in form.warnings if w.code == "P003"]
    assert "第 6 行起是另一张表" in note.message


def test_an_unknown_heading_after_the_targets_of_a_table_without_points_is_its_actuals_column():
    text = "\n".join([
        "项目支出绩效自评表(2020年度)",
        "项目名称 | 文明城市创建 |",
        "一级指标 | 二级指标 | 三级指标 | 指标值 | 实施进度 |",
        "产出指标 | 数量指标 | 宣传次数 | 至少全年完成2次宣传 | 已完成100% |",
        "| 时效指标 | 完成时间 | 1-12月 | 已完成100% |",
        "满意度指标 | 满意度指标 | 群众满意度 | 90% | 已完成100% |",
    ])
    [form] = jixiao.parse_text(text, "progress.txt")
    assert [(i.name, i.target, i.actual) for i in form.indicators] == [
        ("宣传次数", "至少全年完成2次宣传", "已完成100%"), ("完成时间", "1-12月", "已完成100%"),
        ("群众满意度", "90%", "已完成100%")]
    [note] = [w for w in form.warnings if w.code == "P034"]
    assert "“实施进度”读作实际完成值" in note.message
