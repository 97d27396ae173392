"""Shapes real forms print that the samples do not: level labels without 指标 ('产出', '数量'), a 偏差原因 printed
'0', a blank 实际完成值 or 年度指标值 (in layouts that show no blank cell, a lone value is read as the 实际完成值 unless
it reads as a target). The first form of each sample, so changed, is written in every layout of the
grid that keeps a row's cells apart (`pdf_flow` wraps cells into each other and is measured on its own) and must
read back exactly.
"""

from __future__ import annotations

import copy
import json

import pytest

import jixiao
from jixiao.assemble.lexicon import lexicon
from jixiao.assemble.stream import join_around_lines, join_split_labels, units_of
from jixiao.read.text import read_text
from tests.conftest import GOLDEN
from tests.layout_render import LAYOUTS, expected, render
from tests.scoring import score

SHORT = {"产出指标": "产出", "效益指标": "效益", "满意度指标": "满意度", "成本指标": "成本", "数量指标": "数量",
         "质量指标": "质量", "时效指标": "时效", "社会效益指标": "社会效益", "经济效益指标": "经济效益",
         "生态效益指标": "生态效益", "可持续影响指标": "可持续影响", "服务对象满意度指标": "服务对象满意度"}


def real_shaped(form: dict) -> dict:
    form = copy.deepcopy(form)
    inds = form["indicators"]
    for ind in inds:
        ind["level1"] = SHORT.get(ind["level1"], ind["level1"])
        ind["level2"] = SHORT.get(ind["level2"], ind["level2"])
    inds[0]["deviation"] = "0"
    # where a layout shows no blank cell, a lone value is the 实际完成值 unless it reads as a target ('≥90%')
    rest = inds[1:]
    blank_actual = next((i for i in rest if (i["target"] or "")[:1] in "≥≤<>=" and (i["target"] or "")), None)
    if blank_actual:
        blank_actual["actual"] = None
    blank_target = next((i for i in rest if i is not blank_actual and i["actual"] and i["actual"][0] not in "≥≤<>="),
                        None)
    if blank_target:
        blank_target["target"] = None
    return form


FORMS = [real_shaped(json.loads(p.read_text(encoding="utf-8"))["forms"][0]) for p in sorted(GOLDEN.glob("*.json"))]


@pytest.mark.parametrize("layout", [layout for layout in LAYOUTS if layout != "pdf_flow"])
def test_real_shapes_read_back(layout):
    wrong: list[str] = []
    for seed, form in enumerate(FORMS):
        got = [f.record() for f in jixiao.parse_text(render([form], layout, seed=seed), f"shape.{layout}")]
        fields, matched, w, missing, extra = score([expected(form)], got)
        assert not missing and not extra
        wrong += w
    assert not wrong, "\n".join(wrong[:20])


# labels printed with a space between their characters (a Word cell set 分散对齐, or typed so): 项 目 名 称
SPACED = ["财政项目支出绩效自评表", "项目名称", "主管部门", "实施单位", "其他资金", "分值", "得分", "执行率",
          "一级指标", "二级指标", "三级指标", "总分", "评分等级", "预期目标"]


# (not in column-aligned text, whose columns are where the header's characters stand, nor in a table drawn on a
# grid: spacing a label's characters moves them, the bars after them off their columns)
@pytest.mark.parametrize("layout", [layout for layout in LAYOUTS if layout not in ("aligned", "aligned_centred",
                                                                                 "drawn")])
def test_labels_spaced_out_read_back(layout):
    """Labels whose characters are spaced out are joined again, in every layout: a fund row's label too (`其 他 资
    金`), the title and its year (`财 政 项 目 … 自 评 表（2023年 度）`), and pieces join into a label only when
    they make one exactly (`执 行 率` `得 分` is no column `执行率得…`, whatever template adds a longer 执行率 word)."""
    wrong: list[str] = []
    for seed, path in enumerate(sorted(GOLDEN.glob("*.json"))):
        form = json.loads(path.read_text(encoding="utf-8"))["forms"][0]
        text = render([form], layout, seed=seed)
        for label in SPACED:
            text = text.replace(label, " ".join(label))
        text = text.replace("年度）", "年 度）").replace("年度)", "年 度)")  # the title's year too: '（2023年 度）'
        fields, matched, w, missing, extra = score([expected(form)], [f.record() for f in jixiao.parse_text(text, "x")])
        assert not missing and not extra
        wrong += w
    assert not wrong, "\n".join(wrong[:20])


def test_spaced_labels_in_a_sichuan_form_keep_their_columns():
    """The Sichuan template knows 执行率偏低原因, a longer word starting 执行率: `执 行 率` then `得 分` still make two
    columns."""
    text = ("项目资金(万元) 年初预算数 调整后预算数 预算执行数 分 值 执 行 率 得 分\n"
            "年度资金总额 9.80 19.80 19.50 10.00 98.48% 9.84\n")
    units = join_split_labels(units_of(read_text(text, "x")), lexicon(("sichuan",)))
    header = ["项目资金(万元)", "年初预算数", "调整后预算数", "预算执行数", "分值", "执行率", "得分"]
    assert [u.text for u in units[:7]] == header


SHAPES = GOLDEN.parent / "shapes"


def test_short_labels_blank_cells_and_a_zero_deviation_in_a_tab_table():
    """A county form as a tab table: labels without 指标, a blank 实际完成值, a 偏差原因 of '0'."""
    [form] = jixiao.parse(SHAPES / "short_labels_blank_cells.txt")
    rows = [(i.level1, i.level2, i.name, i.target, i.actual, i.weight, i.score, i.deviation) for i in form.indicators]
    assert rows[0] == ("产出", "数量", "补助人数", "≥1000人", "1020人", 20.0, 20.0, "0")
    assert rows[1] == ("产出", "质量", "发放准确率", "100%", None, 20.0, 18.0, "数据未统计")
    assert [r[:2] for r in rows[2:]] == [("产出", "时效"), ("效益", "社会效益"), ("满意度", "服务对象满意度")]
    assert form.funds.total.score == 9.5 and form.total_score == 97.5


def test_a_form_without_scores_and_a_three_column_fund_table():
    """No 分值/得分 columns anywhere, the fund table with 全年预算数/全年执行数/执行率 only: the 年度资金总额 row is
    the total (not taken for a sub-row), the indicators keep their cells and have no points."""
    [form] = jixiao.parse(SHAPES / "no_scores_three_fund_columns.txt")
    total = form.funds.total
    assert (total.annual_budget, total.executed, total.execution_rate, total.score) == (500.0, 480.0, 96.0, None)
    assert form.funds.current_year.annual_budget == 500.0 and form.funds.carryover is None
    assert [(i.name, i.target, i.actual, i.weight) for i in form.indicators][:2] == [
        ("改造工程数量", "12处", "12处", None), ("工程验收合格率", "100%", "100%", None)]


@pytest.mark.parametrize("separator", ["\t", " | ", " "])
def test_a_column_the_templates_do_not_know_is_read_past(separator):
    """A 评分标准 column between 实际完成值 and 分值 (a heading no template names), in a tab table, pipe rows and
    space-separated rows: the header keeps its other columns and the column's cells go nowhere, said once (P036)."""
    text = (SHAPES / "unknown_column.txt").read_text(encoding="utf-8")
    if separator != "\t":
        text = "\n".join(separator.join(c for c in line.split("\t") if c or separator != " ")
                         for line in text.splitlines())
    [form] = jixiao.parse_text(text, "unknown_column.txt")
    rows = [(i.level2, i.name, i.target, i.actual, i.weight, i.score, i.deviation) for i in form.indicators]
    assert rows[0] == ("数量指标", "改造小区数量", "3个", "3个", 30.0, 30.0, None)
    assert rows[2] == ("时效指标", "按期完工率", "100%", "90%", 10.0, 0.0, "个别小区施工延期")
    assert [r[1] for r in rows] == ["改造小区数量", "竣工验收合格率", "按期完工率", "居民居住条件改善", "居民满意度"]
    said = [w.message for w in form.warnings if w.code == "P036"]
    assert len(said) == 1 and "“评分标准”列" in said[0]


@pytest.mark.parametrize("separator", ["\t", " "])
def test_a_fund_column_the_templates_do_not_know_is_read_past(separator):
    """A 追加预算数 column in the fund table (a heading no template names): the other columns keep their values."""
    text = (SHAPES / "unknown_fund_column.txt").read_text(encoding="utf-8")
    if separator != "\t":
        text = "\n".join(" ".join(c for c in line.split("\t") if c) for line in text.splitlines())
    [form] = jixiao.parse_text(text, "unknown_fund_column.txt")
    total = form.funds.total
    assert (total.initial_budget, total.annual_budget, total.executed, total.weight, total.execution_rate,
            total.score) == (300.0, 300.0, 285.0, 10.0, 95.0, 9.5)
    assert form.funds.current_year.executed == 285.0 and form.funds.carryover.annual_budget == 0.0


@pytest.mark.parametrize("kind", ["docx", "xlsx"])
def test_real_shapes_in_office_files(kind, tmp_path):
    """The same changed forms as a Word document and a workbook (merged label cells, blank cells kept)."""
    from tests.docx_render import render_docx
    from tests.xlsx_render import render_xlsx

    path = tmp_path / f"shapes.{kind}"
    (render_docx if kind == "docx" else render_xlsx)(FORMS, path, seed=3)
    got = [f.record() for f in jixiao.parse(path)]
    fields, matched, wrong, missing, extra = score([expected(f) for f in FORMS], got)
    assert not missing and not extra and not wrong, "\n".join(wrong[:20])



INDICATOR_HEADER = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
                    "偏差原因分析及改进措施"]
FUND_HEADER = ["项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]
INDICATORS = [("维修养护工程数量", "=32处", "32处", 40, 40, None),
              ("工程验收合格率", "≥95%", "100%", 20, 18, "个别工程返工"),
              ("受益人口", "≥5万人", "5.2万人", 30, 28, "部分工程延期"), ("群众满意度", "≥90%", "95%", 10, 10, None)]


def small_form(separator: str, name: str = "农村饮水安全维修养护", **labels) -> str:
    """A small form written with `separator` between cells ('\t' keeps empty cells, ' ' drops them), any of its
    labels and headings replaced (title, head, fund_header, funds, goals, indicator_header, total, grade)."""
    head = labels.get("head", ("项目名称", "主管部门", "实施单位"))
    funds = labels.get("funds", ("年度资金总额", "其中：当年财政拨款", "上年结转资金", "其他资金"))
    goals = labels.get("goals", ("年度总体目标", "预期目标", "实际完成情况"))
    rows = [[labels.get("title", "项目支出绩效自评表（2023年度）")], [head[0], name],
            [head[1], "某某县水利局", head[2], "某某县水务中心"], labels.get("fund_header", FUND_HEADER),
            [funds[0], "100", "100", "90", "10", "90%", "9"], [funds[1], "80", "80", "75", "-", "93.75%", "-"],
            [funds[2], "20", "20", "15", "-", "75%", "-"], [funds[3], "0", "0", "0", "-", "-", "-"],
            [goals[0], goals[1], goals[2]], ["", "完成32处工程维修养护。", "完成32处。"],
            labels.get("indicator_header", INDICATOR_HEADER)]
    rows += [["产出指标" if k < 2 else "效益指标" if k == 2 else "满意度指标",
              ("数量指标", "质量指标", "社会效益指标", "服务对象满意度指标")[k], *(str(v) if v is not None else ""
                                                                   for v in row)] for k, row in enumerate(INDICATORS)]
    rows += [[labels.get("total", "总分"), "", "", "", "", "100", "96", ""], [labels.get("grade", "评分等级"), "优"]]
    return "\n".join(separator.join(c for c in r if c or separator == "\t") for r in rows)


def _spaced(text: str, separator: str) -> str:
    """A tab-separated form as space-separated rows (empty cells dropped) when `separator` is a space."""
    if separator != " ":
        return text
    return "\n".join(" ".join(c for c in line.split("\t") if c) for line in text.split("\n"))


def _reads_whole(form) -> None:
    funds = form.funds
    assert (form.project_name, form.department, form.implementing_unit) == (
        "农村饮水安全维修养护", "某某县水利局", "某某县水务中心")
    assert (funds.total.initial_budget, funds.total.annual_budget, funds.total.executed, funds.total.weight,
            funds.total.execution_rate, funds.total.score) == (100, 100, 90, 10, 90, 9)
    assert (funds.current_year.executed, funds.carryover.executed) == (75, 15)
    assert (form.goal_expected, form.goal_actual) == ("完成32处工程维修养护。", "完成32处。")
    assert [(i.name, i.target, i.actual, i.weight, i.score, i.deviation) for i in form.indicators] == INDICATORS
    assert (form.total_weight, form.total_score, form.grade) == (100, 96, "优")


HEADINGS = [(2, "具体指标"), (2, "三级指标名称"), (2, "指标名称"), (3, "年度目标"), (3, "全年指标值"),
            (4, "实际完成情况"), (4, "完成情况"), (5, "标准分"),
            (5, "分值（权重）"), (6, "自评得分"), (6, "实得分"), (7, "偏差说明"), (7, "备注")]


@pytest.mark.parametrize("separator", ["\t", " "])
@pytest.mark.parametrize(("column", "heading"), HEADINGS)
def test_indicator_headings_provinces_print(column, heading, separator):
    """Headings of the indicator table other templates print: each reads as its column (a heading no template
    knows by the column order, P034), and '自评得分' after 分值 is the 得分 heading, not the 总分 row opening early."""
    header = list(INDICATOR_HEADER)
    header[column] = heading
    [form] = jixiao.parse_text(small_form(separator, indicator_header=header), "headings.txt")
    _reads_whole(form)
    if column == 2:  # the 三级指标 column's other names: known words, no column named by its order (P034)
        assert not [w for w in form.warnings if w.code == "P034"]


FUND_HEADINGS = [(1, "年初批复预算数"), (2, "调整后预算数"), (3, "实际支出数"), (4, "权重"), (5, "预算执行率"),
                 (6, "自评得分")]


@pytest.mark.parametrize("separator", ["\t", " "])
@pytest.mark.parametrize(("column", "heading"), FUND_HEADINGS)
def test_fund_headings_provinces_print(column, heading, separator):
    """Headings of the fund table other templates print: each reads as its column, and '自评得分' after 执行率 is
    the 得分 heading, not the 总分 row opening inside the fund table."""
    header = list(FUND_HEADER)
    header[column] = heading
    [form] = jixiao.parse_text(small_form(separator, fund_header=header), "fund_headings.txt")
    _reads_whole(form)


ROW_LABELS = [
    {"head": ("预算项目名称", "主管部门", "实施单位")}, {"head": ("项目名称", "主管部门（单位）", "实施单位（盖章）")},
    {"head": ("项目名称", "预算部门", "执行单位")}, {"head": ("项目名称：", "主管部门：", "实施单位：")},
    {"funds": ("资金总额", "其中：财政拨款", "上年结转", "其他资金")},
    {"funds": ("年度资金总额：", "其中：本年财政拨款", "上年结转资金", "其它资金")},
    {"funds": ("年度资金总额", "其中：一般公共预算", "上年结转资金", "其他资金")},
    {"funds": ("年度资金总额", "其中：财政资金", "上年结余结转", "其他资金")},
    {"goals": ("年度总体目标", "年初设定目标", "年度总体目标完成情况")},
    {"goals": ("年度绩效目标", "年度目标", "全年实际完成情况")},
    {"goals": ("项目年度目标", "预期目标", "目标完成情况")},
    {"total": "合计"}, {"total": "总 分"}, {"total": "自评总分"}, {"grade": "评价等级"}, {"grade": "绩效评价等级"},
    {"grade": "自评结论"}]


@pytest.mark.parametrize("separator", ["\t", " "])
@pytest.mark.parametrize("labels", ROW_LABELS, ids=lambda v: "-".join(next(iter(v.values()))).replace(" ", ""))
def test_row_labels_provinces_print(labels, separator):
    """Head, fund-row, goal, total and grade labels other templates print: each row reads as its part of the form
    (其中：财政资金 or 一般公共预算 is the current year's appropriation; 目标完成情况 is the goals' actual)."""
    [form] = jixiao.parse_text(small_form(separator, **labels), "row_labels.txt")
    _reads_whole(form)


@pytest.mark.parametrize("separator", ["\t", " "])
@pytest.mark.parametrize("title", ["项目支出绩效自评表（2023年度）", "2023年度项目支出绩效自评表",
                                   "项目支出绩效自评表(2023年)", "附件2 项目支出绩效自评表", "项目支出绩效自评价表",
                                   "专项资金绩效自评表", "绩效目标自评表（2023年度）",
                                   "详见附件(注:以下内容为图片识别,请以附件为准)项目支出绩效自评表(2023年度)",
                                   "项目支出绩效自评表(2023)", "项目支出绩效自评表 （2023）",
                                   "财政项目支出绩效自评表（2023 年度）"])
def test_titles_provinces_print(title, separator):
    """Titles other templates print: each starts a form, and a year in the title ('(2023年)', '(2023)' too, or
    '（2023 年度）' with the space a PDF's text puts after digits) is the form's;
    also after a note in brackets the page glued to it (its colon inside the brackets: no label's)."""
    text = "\n\n".join(small_form(separator, name, title=title) for name in ("农村饮水安全维修养护", "乡村道路养护"))
    forms = jixiao.parse_text(text, "titles.txt")
    assert [(f.project_name, f.total_score) for f in forms] == [("农村饮水安全维修养护", 96), ("乡村道路养护", 96)]
    assert [f.year for f in forms] == [2023 if "2023" in title else None] * 2


def test_a_merged_label_cut_by_a_page_break_leaves_its_last_character_in_the_next_row_s_cell():
    """A merged 二级 label a page break cuts after its rows' first, its last character printed in the cell of the
    next row ('服务对象满意度指' / '标', LibreOffice's PDF of a web page): that character is the label's rest,
    not a piece of the caption 绩效指标."""
    forms = json.loads(sorted(GOLDEN.glob("*.json"))[4].read_text(encoding="utf-8"))["forms"]
    form = next(f for f in forms if [i["level2"] for i in f["indicators"]].count("服务对象满意度指标") >= 2)
    text = render([form], "tab")
    text = text.replace("满意度指标\t服务对象满意度指标\t", "满意度指标\t服务对象满意度指\t", 1)
    first = text.index("服务对象满意度指\t")
    cut = text.index("\n\t\t", first) + 1
    text = text[:cut] + "\t标" + text[cut + 1:]
    [got] = jixiao.parse_text(text, "cut_label.txt")
    assert [(i.level1, i.level2) for i in got.indicators] == [(i["level1"], i["level2"]) for i in form["indicators"]]


@pytest.mark.parametrize("separator", ["\t", " "])
def test_a_form_that_lost_its_title_keeps_the_year_printed_before_its_head(separator):
    """A page that lost the forms' titles (a converter dropping a heading) still prints each year on its line
    before 项目名称: that year is the form's, not the end of the form before."""
    text = "\n\n".join(small_form(separator, name, title="（2023 年度）")
                        for name in ("农村饮水安全维修养护", "乡村道路养护"))
    forms = jixiao.parse_text(text, "no_titles.txt")
    assert [(f.project_name, f.year, f.total_score) for f in forms] == [
        ("农村饮水安全维修养护", 2023, 96), ("乡村道路养护", 2023, 96)]


def test_headings_glued_with_nothing_between_in_plain_text():
    """Two headings of a header printed with nothing between them ('全年执行数分值', '实际完成值分值': PyMuPDF joins
    two header cells standing closer than a space) are two headings: the fund table and the indicator table
    read whole (before: the fund table read nothing)."""
    fund = [*FUND_HEADER[:3], FUND_HEADER[3] + FUND_HEADER[4], *FUND_HEADER[5:]]
    indicators = [*INDICATOR_HEADER[:4], INDICATOR_HEADER[4] + INDICATOR_HEADER[5], *INDICATOR_HEADER[6:]]
    [form] = jixiao.parse_text(small_form(" ", fund_header=fund, indicator_header=indicators), "glued_headings.txt")
    _reads_whole(form)


@pytest.mark.parametrize("separator", ["\t", " "])
def test_a_title_whose_year_s_digits_stand_on_a_line_of_their_own(separator):
    """Text taken out of a browser-printed PDF (pdfplumber, pdfminer) puts the year's digits, set in a font of
    their own, on a line apart: '财政项目支出绩效自评表（ 年度）' / '2023'. The title is a title (its brackets
    empty), the digits its year; and so in a blank template's '（____年度）'."""
    for title in ("财政项目支出绩效自评表（ 年度）\n2023", "项目支出绩效自评表（____年度）\n2023"):
        text = "\n\n".join(small_form(separator, name, title=title)
                             for name in ("农村饮水安全维修养护", "乡村道路养护"))
        forms = jixiao.parse_text(text, "year_apart.txt")
        assert [(f.title, f.project_name, f.year, f.total_score) for f in forms] == [
            (title.split("（")[0], "农村饮水安全维修养护", 2023, 96), (title.split("（")[0], "乡村道路养护", 2023, 96)]
        assert not [w for w in forms[0].warnings if w.code in ("P001", "P002", "P014")]


@pytest.mark.parametrize("separator", ["\t", " "])
@pytest.mark.parametrize(("printed", "grade"),
                         [("优秀", "优秀"), ("A", "A"), ("优（90分以上）", "优"), ("良(80-90分)", "良")])
def test_grades_printed_with_their_band(printed, grade, separator):
    """A grade as other templates print it: a word or a letter, also with its band in brackets after it."""
    text = small_form(separator).replace(f"评分等级{separator}优", f"评分等级{separator}{printed}")
    [form] = jixiao.parse_text(text, "grades.txt")
    assert form.grade == grade


TOTAL_PRINTED = "总分\t\t\t\t\t100\t96\t\n评分等级\t优"
GOALS_PRINTED = "年度总体目标\t预期目标\t实际完成情况\n\t完成32处工程维修养护。\t完成32处。"
HEAD_PRINTED = "实施单位\t某某县水务中心"
# (what the small form prints, what another template prints instead)
PRINTED_OTHERWISE = {
    # the 总分 and 评分等级 rows: on one row, the grade first, the score with a label of its own ('自评得分'
    # between 100 and 96), or all as label：value pairs in one paragraph
    "grade on the total's row": (TOTAL_PRINTED, "总分\t\t\t\t\t100\t96\t评分等级\t优"),
    "grade before the total": (TOTAL_PRINTED, "评分等级\t优\n总分\t\t\t\t\t100\t96\t"),
    "the score's own label": (TOTAL_PRINTED, "总分\t100\t自评得分\t96\t评分等级\t优"),
    "pairs in one paragraph": (TOTAL_PRINTED, "总分：100分，自评得分：96分，自评等级：优"),
    # head rows the record has no place for: read past, and in plain text their label ends the value before
    # them (before: '某某县水务中心项目属性延续项目…')
    **{row.split("\t")[0]: (HEAD_PRINTED, f"{HEAD_PRINTED}\n{row}") for row in (
        "项目负责人\t张三\t联系电话\t010-12345678", "项目编码\t11010023T000001",
        "项目属性\t延续项目\t项目类型\t一般项目", "项目起止时间\t2023年1月-2023年12月", "资金来源\t财政拨款",
        "填报单位（盖章）：某某县水利局\t填报日期：2024年3月1日", "项目类别\t专项业务费\t项目期限\t一年",
        "项目立项依据\t县财预〔2023〕1号\t资金性质\t一般公共预算", "项目联系人\t李四\t联系电话\t0563-1234567")},
    # a head row printed before 主管部门 whose label is also one of the words after the table ('项目负责人'):
    # still the head's, not the end of the form's sections
    "项目负责人 before 主管部门": ("主管部门\t某某县水利局",
                                  "项目负责人及电话\t张三13900000000\n主管部门\t某某县水利局"),
    # the 年度总体目标 block: 预期目标 and 实际完成情况 stacked in one column with their texts beside them, each
    # with a label of its own, each heading before its text after a colon (a short text too), or no block label
    "stacked headings": (GOALS_PRINTED, "年度总体目标\t预期目标\t完成32处工程维修养护。\n\t实际完成情况\t完成32处。"),
    "a label each": (GOALS_PRINTED,
                     "年度总体目标（预期目标）\t完成32处工程维修养护。\n年度总体目标完成情况\t完成32处。"),
    "headings inline": (GOALS_PRINTED, "年度总体目标\t预期目标：完成32处工程维修养护。\t实际完成情况：完成32处。"),
    "no block label": (GOALS_PRINTED, "预期目标\t实际完成情况\n完成32处工程维修养护。\t完成32处。"),
}


@pytest.mark.parametrize("separator", ["\t", " "])
@pytest.mark.parametrize("case", PRINTED_OTHERWISE)
def test_rows_other_templates_print(case, separator):
    """Rows of the head, the goals and the total as other templates print them read as the form's (see
    PRINTED_OTHERWISE)."""
    text = small_form("\t").replace(*PRINTED_OTHERWISE[case])
    [form] = jixiao.parse_text(_spaced(text, separator), "printed_otherwise.txt")
    _reads_whole(form)


CUT_LAYOUTS = {"tab": lambda rows: "\n".join("\t".join(r) for r in rows),
               "space": lambda rows: "\n".join(" ".join(c for c in r if c) for r in rows),
               "cell_lines": lambda rows: "\n".join(c for r in rows for c in r if c),
               "one_line": lambda rows: " ".join(c for r in rows for c in r if c),
               "pipe": lambda rows: "\n".join("| " + " | ".join(r) for r in rows)}


@pytest.mark.parametrize("layout", CUT_LAYOUTS)
def test_a_form_cut_short_inside_its_indicator_table(layout):
    """A web page's stored copy cut off inside the indicator table (the real forms of other provinces mostly are):
    the rows before the cut read whole, the row it cuts short keeps the cells it prints, in the form's order (a
    name and a target; a 分值 after them), no 偏差原因 of the row above swallows it, and a cut just after its
    level labels leaves no row."""
    rows = [line.split("\t") for line in small_form("\t").split("\n")]
    header = next(i for i, r in enumerate(rows) if r[0] == INDICATOR_HEADER[0])
    for k in range(len(INDICATORS)):
        for printed in range(2, 7):  # the row's cells up to its labels, name, target, actual, 分值
            text = CUT_LAYOUTS[layout](rows[:header + 1 + k] + [rows[header + 1 + k][:printed]])
            [form] = jixiao.parse_text(text, "cut.txt")
            got = [(i.name, i.target, i.actual, i.weight, i.score, i.deviation) for i in form.indicators]
            cells = [*INDICATORS[k][:4], None, None][:printed - 2] + [None] * (8 - printed)
            cut = [] if printed == 2 else [tuple(cells[:6])]
            assert got == INDICATORS[:k] + cut, (k, printed)
            assert "P013" in {w.code for w in form.warnings}


@pytest.mark.parametrize("layout", CUT_LAYOUTS)
def test_a_form_cut_short_before_its_indicator_table(layout):
    """Cut off at any cell of its head, fund table or goals: what the cut leaves reads as printed, in the form's
    column order (a total row's '100 100 90 10' is 年初预算数, 全年预算数, 全年执行数, 分值), and nothing after the
    cut is invented."""
    rows = [line.split("\t") for line in small_form("\t").split("\n")]
    whole = jixiao.parse_text(small_form("\t"), "whole.txt")[0].record()
    header = next(i for i, r in enumerate(rows) if r[0] == INDICATOR_HEADER[0])
    for r in range(1, header):
        for printed in range(1, len(rows[r]) + 1):
            [form] = jixiao.parse_text(CUT_LAYOUTS[layout](rows[:r] + [rows[r][:printed]]), "cut.txt")
            got = form.record()
            for key in ("project_name", "department", "implementing_unit", "goal_expected", "goal_actual"):
                assert got[key] in (None, whole[key]), (r, printed, key)
            for row, values in (got["funds"] or {}).items():
                for col, value in (values or {}).items():
                    assert value in (None, whole["funds"][row][col]), (r, printed, row, col)


@pytest.mark.parametrize("separator", ["\t", " "])
def test_fund_sub_rows_printing_no_points(separator):
    """Sub-rows whose 分值, 执行率 and 得分 are blank (space-separated rows drop the blank cells): their values are
    the amounts, never 分值 and 得分 (before: '上年结转资金 20 20 15' read as 分值 20, 执行率 20, 得分 15)."""
    text = small_form("\t").replace("上年结转资金\t20\t20\t15\t-\t75%\t-", "上年结转资金\t20\t20\t15\t\t\t")
    text = text.replace("其他资金\t0\t0\t0\t-\t-\t-", "其他资金\t0\t0\t0\t\t\t")
    [form] = jixiao.parse_text(_spaced(text, separator), "sub_rows.txt")
    for row in (form.funds.carryover, form.funds.other):
        assert (row.weight, row.execution_rate, row.score) == (None, None, None)
    assert (form.funds.carryover.annual_budget, form.funds.carryover.executed) == (20, 15)


@pytest.mark.parametrize("layout", ["tab", "pipe"])
def test_a_table_with_merged_labels_cut_short(layout):
    """A table whose merged labels leave their cells blank below the first row (a web table copied with its
    rowspans, Word's merged cells), cut off after a row's name or target: that row is the one the cut leaves,
    not the rest of the row above cut by a page break (in plain text without cell boundaries this stays
    ambiguous and is not read so)."""
    rows = [line.split("\t") for line in small_form("\t").split("\n")]
    header = next(i for i, r in enumerate(rows) if r[0] == INDICATOR_HEADER[0])
    second = ["", "", *rows[header + 2][2:]]  # under the first row's 产出指标 and 数量指标
    for printed in (3, 4):
        text = CUT_LAYOUTS[layout]([*rows[:header + 2], second[:printed]])
        [form] = jixiao.parse_text(text, "merged_cut.txt")
        assert [(i.level2, i.name, i.target) for i in form.indicators] == [
            ("数量指标", "维修养护工程数量", "=32处"), ("数量指标", "工程验收合格率", "≥95%" if printed == 4 else None)]


@pytest.mark.parametrize("layout", CUT_LAYOUTS)
def test_names_that_read_like_labels_under_a_header_without_label_columns(layout):
    """A table with no 一级 or 二级 column (三级指标 first): a name that is also a level label's word
    ('服务对象满意度', '满意度指标') is the row's 三级指标, not a label that leaves the row without its name."""
    rows = [line.split("\t") for line in small_form("\t").split("\n")]
    header = next(i for i, r in enumerate(rows) if r[0] == INDICATOR_HEADER[0])
    cells = [("维修养护工程数量", "=32处", "32处"), ("服务对象满意度", "满意", "满意"),
             ("满意度指标", "有所提升", "提升"), ("群众满意度", "≥90%", "95%")]
    table = [rows[header][2:]] + [[*c, *r[5:]] for c, r in zip(cells, rows[header + 1:header + 5], strict=True)]
    [form] = jixiao.parse_text(CUT_LAYOUTS[layout]([*rows[:header], *table, *rows[header + 5:]]), "no_labels.txt")
    assert [(i.level1, i.level2, i.name, i.target, i.actual) for i in form.indicators] == [
        (None, None, *c) for c in cells]


@pytest.mark.parametrize("layout", ["space", "one_line", "cell_lines"])
def test_a_form_cut_short_inside_its_first_goal_text(layout):
    """Plain text cut off inside the 预期目标 text, which has spaces of its own ('支持 2023 年度…'): the text the
    cut leaves is the 预期目标 alone, not cut at a space into two goals (before: '支持 2023' and '年度我区…')."""
    goal = "支持 2023 年度我区网络安全产业示范区建设, 营造区域网络安全产业良好环境"
    rows = [line.split("\t") for line in small_form("\t").replace("完成32处工程维修养护。", goal).split("\n")]
    at = next(i for i, r in enumerate(rows) if goal in r)
    for printed in (12, 24, len(goal)):
        [form] = jixiao.parse_text(CUT_LAYOUTS[layout]([*rows[:at], [goal[:printed]]]), "goal_cut.txt")
        assert (form.goal_expected, form.goal_actual) == (goal[:printed].strip(), None), printed


@pytest.mark.parametrize("layout", ["space", "one_line", "cell_lines"])
def test_a_row_under_merged_labels_cut_short_in_plain_text(layout):
    """Plain text cut off after a row's name and its target with an operator, the row's labels merged above it
    (none printed): the cut row is a row of its own, not the 偏差原因 (one line) or the wrapped cells (lines) of
    the row above (before: '产业投资年报 =160(份)节能量审核', '服务单位数量 ≥1200.00(万人次)' as a 偏差原因)."""
    rows = [line.split("\t") for line in small_form("\t").split("\n")]
    header = next(i for i, r in enumerate(rows) if r[0] == INDICATOR_HEADER[0])
    second = ["", "", *rows[header + 2][2:]]
    text = CUT_LAYOUTS[layout]([*rows[:header + 2], second[:4]])
    [form] = jixiao.parse_text(text, "merged_cut.txt")
    assert [(i.level2, i.name, i.target, i.weight) for i in form.indicators] == [
        ("数量指标", "维修养护工程数量", "=32处", 40.0), ("数量指标", "工程验收合格率", "≥95%", None)]


def test_lost_vertical_labels_numbered_rows_and_a_blank_rate_in_indented_text():
    """A web page's text of the Anhui template (rows indented, cells a space apart, each wrapped label on lines of
    its own): a 一级 label printed as its points alone ('(30分)') after blank lines is that block's label, not the
    end of the 二级 label above; a row numbered '指标1:' that prints nothing but marks that it does not apply
    ('/ / /', no 分值/得分) stays off the row below and is read past as a template row left unfilled; and a fund
    row whose 执行率 is left blank reads its last number as the 得分 the arithmetic gives."""
    text = """    项目支出绩效自评表
    (2023年度)
    项目名称 乡村道路养护经费
    主管部门 某某县交通运输局 实施单位 某某县公路中心
    项目资金
    (万元)
    年初预算数 全年预算数(A) 全年执行数(B) 分值 执行率(B/A) 得分
    年度资金总额: 500 500 450 10 9
     其中:本年财政拨款 500 500 450 - -
    年度总体目标完成情况 预期目标 实际完成情况
     完成全县乡村道路日常养护。 完成年度养护任务。
    年度绩效指标完成情况 一级
    指标
    二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施



    (50分)
    数量指标 指标1:养护里程 ≥300公里 320公里 25 25
    指标2:
    ……
    成本指标 指标1:养护成本控制 ≤500万元 450万元 25 25
    ……



    (30分)
    生态效益
    指标
    指标1:/ / /
    指标2:
    ……
    社会效益
    指标
    指标1:道路通行条件改善 明显改善 明显改善 30 28
    满意度指标
    (10分)
    服务对象
    满意度指标
    指标1:群众满意度 ≥90% 95% 10 10
    总分 100 97
"""
    [form] = jixiao.parse_text(text, "indented.txt")
    total = form.funds.total
    assert (total.annual_budget, total.executed, total.weight, total.execution_rate, total.score) == (
        500, 450, 10, None, 9)
    rows = [(i.level1, i.level2, i.name, i.weight, i.score) for i in form.indicators]
    assert rows == [("产出指标", "数量指标", "养护里程", 25, 25), ("产出指标", "成本指标", "养护成本控制", 25, 25),
                    ("效益指标", "社会效益指标", "道路通行条件改善", 30, 28),
                    ("满意度指标", "服务对象满意度指标", "群众满意度", 10, 10)]


def test_what_follows_the_table_is_said_once():
    """评价结论, 存在问题, 改进措施 and the signatures after the table have no place in the record: one notice (P003)
    names them and their lines, not a notice per line."""
    text = small_form("\t") + ("\n评价结论\t按期完成养护任务。\n存在问题\t无\n改进措施\t无"
                               "\n项目负责人：张三\t财务负责人：李四")
    [form] = jixiao.parse_text(text, "tail.txt")
    _reads_whole(form)
    notices = [w for w in form.warnings if w.code in ("P002", "P003")]
    assert [w.code for w in notices] == ["P003"] and "评价结论" in notices[0].message


@pytest.mark.parametrize("lines", [True, False], ids=["rows_on_lines", "one_run"])
def test_cells_glued_with_nothing_between_read_whole(lines):
    """A form whose cells were joined with nothing between them (a web page's text without its tags' spacing):
    the form's words cut it; fund numbers glued into one run ('100100901090%9') are cut by the table's arithmetic,
    a row's 分值 and 得分 ('2018') where one cutting reads as points, and the two goal texts at their sentences."""
    text = small_form("")
    [form] = jixiao.parse_text(text if lines else text.replace("\n", ""), "glued.txt")
    _reads_whole(form)


def test_glued_rows_whose_texts_and_numbers_only_their_shapes_cut():
    """Glued indicator rows cut where nothing but the values' shapes tell: a name and then its target and
    actual printed alike ('落实国家产业政策有效有效'), a time limit's qualifier after its measure ('1年内全部完成'),
    an actual, 分值 and 得分 run together ('755.005.00': of its two readings as points the one scoring its full
    points), a 偏差原因 opening with a number after the points ('10.0010.002582家，超额完成') and a head label
    inside a name ('帮助主管单位掌握')."""
    text = ("财政项目支出绩效自评表（2023年度）项目名称产业发展工作主管部门某委实施单位某委项目资金(万元)"
            "年初预算数全年预算数全年执行数分值执行率(%)得分年度资金总额100.00100.00100.0010.00100.0010.00年度总体目标预期目标实际完成情况"
            "掌握产业数据。掌握产业数据。一级指标二级指标三级指标年度指标值实际完成值分值得分偏差原因分析及改进措施"
            "产出指标数量指标证书覆盖率≥75%7520.0020.00贴息企业户数=2000(户)2000.00(户)20.0020.002582家，超额完成"
            "时效指标完成时间1年内全部完成10.0010.00效益指标社会效益指标落实国家产业政策有效有效20.0020.00"
            "帮助主管单位掌握资产信息达成达成10.0010.00满意度指标服务对象满意度指标企业满意度≥90%95%10.0010.00"
            "总分100.00100.00评分等级优")
    [form] = jixiao.parse_text(text, "glued_rows.txt")
    assert [(i.name, i.target, i.actual, i.weight, i.score, i.deviation) for i in form.indicators] == [
        ("证书覆盖率", "≥75%", "75", 20, 20, None),
        ("贴息企业户数", "=2000(户)", "2000.00(户)", 20, 20, "2582家，超额完成"),
        ("完成时间", "1年内", "全部完成", 10, 10, None),
        ("落实国家产业政策", "有效", "有效", 20, 20, None),
        ("帮助主管单位掌握资产信息", "达成", "达成", 10, 10, None),
        ("企业满意度", "≥90%", "95%", 10, 10, None)]


def test_glued_rows_of_whole_numbers_and_numbered_words_in_a_form_glued_line_by_line():
    """A form whose lines keep their breaks but whose cells are glued: an actual, 分值 and 得分 of whole numbers
    run together after the target ('=8个888', '=42个4288': the cutting whose actual is the target's number), and
    words with their numbering ('1.项目年度目标完成情况', '2.项目实施内容及过程概述' of Sichuan's form) keep it, so
    the goals and the fund table after them are read. A form word inside a note's formula
    ('预算执行率=预算执行数/调整后预算数,') is prose."""
    text = "\n".join([
        "部门预算项目支出绩效自评表(2023年度)",
        "项目名称2023年全县安可替代补助资金项目",
        "主管部门某县司法局实施单位某县司法局",
        "项目基本情况1.项目年度目标完成情况项目年度目标年度目标完成情况",
        "根据要求购买安可设备,并完成项目资金支付。完成",
        "2.项目实施内容及过程概述2023年购买13台安可电脑,并于12月前完成资金支付。",
        "预算执行情况(10分)年度预算数(万元)年初预算调整后预算数预算执行数预算执行率权重得分原因",
        "总额0.003.363.36100.00%1010",
        "注:预算执行率=预算执行数/调整后预算数,未达到90%的需说明原因。",
        "绩效指标(90分)一级指标二级指标三级指标年度指标值实际完成值分值得分偏差原因分析及改进措施",
        "产出指标数量指标补助村(社区)数量=8个888保障村干部人数=42个4288",
        "质量指标补助资格合规性合规合规7474",
        "合计100100"])
    [form] = jixiao.parse_text(text, "glued_lines.txt")
    assert (form.goal_expected, form.goal_actual) == ("根据要求购买安可设备,并完成项目资金支付。", "完成")
    total = form.funds.total
    assert (total.annual_budget, total.executed, total.execution_rate, total.weight, total.score) == (
        3.36, 3.36, 100, 10, 10)
    assert [(i.name, i.target, i.actual, i.weight, i.score) for i in form.indicators] == [
        ("补助村(社区)数量", "=8个", "8", 8, 8), ("保障村干部人数", "=42个", "42", 8, 8),
        ("补助资格合规性", "合规", "合规", 74, 74)]


def test_glued_cells_under_a_header_with_points_first():
    """The same with 分值 printed before 年度指标值 (as a 衔接资金 form prints it), a title of its own and a head row
    the record has no place for: each row's 分值 glued to its target ('20100%') is cut off it."""
    text = ("附件:2023年衔接资金项目绩效自评表某某县水利局2023年12月30日绩效目标自评表(2023年度)"
            "项目名称小型水库标尺安装项目负责人及电话张三13900000000主管部门某某县水利局实施单位某某县水利局资金情况(万元)全年预算数(A)全年执行数(B)"
            "分值执行率(B/A)得分年度资金总额:202010100.00%10其中:本年财政拨款2020其他资金年度总体目标年初设定目标"
            "年度总体目标完成情况综述安装库区水标尺。完成安装。绩效指标一级指标二级指标三级指标分值年度指标值全年实际值得分"
            "未完成原因及拟采取的改进措施产出指标(70分)数量指标安装水标尺10≥266米≥266米10质量指标验收合格率20100%100%20"
            "成本指标项目计划总投资1020万元20万元10效益指标(20分)社会效益指标生产条件改善状况10显著提升显著提升10"
            "满意度指标(10分)服务对象满意度指标受益户满意度10≥95%≥95%10总分100100")
    [form] = jixiao.parse_text(text, "glued_points_first.txt")
    assert (form.title, form.year, form.project_name, form.department, form.implementing_unit) == (
        "绩效目标自评表", 2023, "小型水库标尺安装", "某某县水利局", "某某县水利局")
    total, current = form.funds.total, form.funds.current_year
    assert (total.annual_budget, total.executed, total.weight, total.execution_rate, total.score) == (
        20, 20, 10, 100, 10)
    assert (current.annual_budget, current.executed) == (20, 20)
    assert (form.goal_expected, form.goal_actual) == ("安装库区水标尺。", "完成安装。")
    assert [(i.level1, i.level2, i.name, i.target, i.actual, i.weight, i.score) for i in form.indicators] == [
        ("产出指标(70分)", "数量指标", "安装水标尺", "≥266米", "≥266米", 10, 10),
        ("产出指标(70分)", "质量指标", "验收合格率", "100%", "100%", 20, 20),
        ("产出指标(70分)", "成本指标", "项目计划总投资", "20万元", "20万元", 10, 10),
        ("效益指标(20分)", "社会效益指标", "生产条件改善状况", "显著提升", "显著提升", 10, 10),
        ("满意度指标(10分)", "服务对象满意度指标", "受益户满意度", "≥95%", "≥95%", 10, 10)]
    assert (form.total_weight, form.total_score) == (100, 100)


def test_a_contact_line_before_the_form_is_no_fragment(tmp_path):
    """A web page's chrome before the form that prints a word a head prints too ('联系电话', also one of the words
    after a table), cut off its value where the page's cells are glued, is no tail of an earlier form."""
    from jixiao.parse import parse_file

    path = tmp_path / "chrome.txt"
    path.write_text("意见收集人:李四联系电话:0563-1234567附件:" + small_form("").replace("\n", ""), encoding="utf-8")
    result = parse_file(path)
    assert len(result.forms) == 1 and not result.fragments
    _reads_whole(result.forms[0])


def test_a_fund_table_whose_labels_stand_before_its_header_and_its_rows_values_after_it():
    """A workbook turned into text by columns on a document site: the fund rows' labels first (年度资金总额,
    其中:当年财政拨款), then the header, then each row's values one after the other. The values are the labels'
    rows in order, as many for each (before: the total had none, and 当年财政拨款 took both rows' values)."""
    text = ("某县项目支出绩效自评表 (2020年度) 项目名称 医疗救助配套资金 主管部门 某县医疗保障局 项目资金 年初预算数 "
            "(万元) 年度资金总额 其中:当年财政拨款 全年预算数 全年执行数 分值 执行率 得分 65.66 65.07 10 99% 9 "
            "60.66 60.07 — 99% — 上年结转资金 — — 其他资金 — — 年度总体目标 预期目标 实际完成情况 提高医疗保障水平 "
            "提高了医疗保障水平 绩效指标 一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 "
            "偏差原因分析及改进措施 "
            "产出指标 数量指标 参保人数 8755人 8755人 50 50 满意度指标 服务对象满意度指标 群众满意度 95% 95% 40 40 "
            "总分 100 99")
    [form] = jixiao.parse_text(text, "stacked_funds.txt")
    total, current = form.funds.total, form.funds.current_year
    assert (total.annual_budget, total.executed, total.weight, total.execution_rate, total.score) == (
        65.66, 65.07, 10, 99, 9)
    assert (current.annual_budget, current.executed, current.execution_rate) == (60.66, 60.07, 99)


def test_a_glued_sichuan_row_cut_off_after_its_target_keeps_the_target():
    """Sichuan's form glued cell to cell, the document cut off right after the last row's 指标性质 and 指标值
    ('设备验收合格率=100'): '=100' is its target (operator and value glued), not what was achieved."""
    text = ("部门预算项目支出绩效自评表(2023年度)\n项目名称某县办公设备购置\n主管部门某县财政局实施单位某县财政局\n"
            "预算执行情况(万元)年初预算调整后预算数预算执行数预算执行率权重得分原因\n总额0.005.005.00100.00%1010\n"
            "其中:财政资金0.005.005.00100.00%//\n"
            "绩效指标(90分)一级指标二级指标三级指标指标性质指标值度量单位完成值权重得分未完成原因分析\n"
            "产出指标数量指标购置办公设备=10台10台4545\n质量指标设备验收合格率=100")
    [form] = jixiao.parse_text(text, "glued_sichuan.txt")
    last = form.indicators[-1]
    assert (last.level2, last.name, last.target, last.actual) == ("质量指标", "设备验收合格率", "=100", None)


def test_a_glued_fund_row_that_lacks_a_column_is_cut_by_its_arithmetic():
    """A glued total row with one amount fewer than the header's columns ('303010100%': 30, 30, 10 and 100%, one
    budget column blank): its numbers may skip a column; they are placed so that the arithmetic holds (before:
    cut in the printed order only, the total read 30, 301, 0)."""
    text = ("项目支出绩效自评表(2020年度)项目名称演出设备更新主管部门某区剧团实施单位某区文化局项目资金(万元)"
            "年初预算数全年预算数全年执行数分值执行率得分年度资金总额303010100%其中:当年财政拨款303030100%"
            "上年结转资金其他资金年度总体目标预期目标实际完成情况更新演出设备。已完成。绩效指标一级指标二级指标三级指标"
            "年度指标值实际完成值分值得分偏差原因分析及改进措施产出指标数量指标更新设备件数50件50件9090总分10090")
    [form] = jixiao.parse_text(text, "glued_fund_gap.txt")
    total = form.funds.total
    assert (total.executed, total.weight, total.execution_rate) == (30, 10, 100)
    assert 30 in (total.initial_budget, total.annual_budget) and 301 not in (total.initial_budget, total.annual_budget)


def test_a_fund_header_printed_wide_over_rows_printed_narrow():
    """A web page's fund header spread across its line by runs of spaces, its rows printed with single spaces
    ('年度资金总额: 25 25 25 10 100.00% 10.00'): the rows are not laid out in the header's columns, so their numbers
    are not joined into one cell by those columns (before: no 年度资金总额 was read)."""
    text = "\n".join([
        "       项目支出绩效自评表 ",
        "           (2022年度)",
        "项目名称 科技特派员创业行动经费",
        "主管部门 某县科学技术局 实施单位 某县科学技术局",
        "项目资金                    (万元)   年初预算数 全年预算数 全年执行数 分值  执行率 得分",
        "年度资金总额: 25 25 25 10 100.00% 10.00",
        "其中:本年财政拨款 25 25 25    ",
        "上年结转资金 0 0 0    ",
        "绩效指标 一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施",
        "产出指标(50分) 数量指标 开展县域结对交流活动 ≥3次 3 90 90  ",
        "总分   100 100.00  ",
    ])
    [form] = jixiao.parse_text(text, "wide_fund_header.txt")
    total = form.funds.total
    assert (total.initial_budget, total.annual_budget, total.executed, total.weight, total.execution_rate,
            total.score) == (25, 25, 25, 10, 100, 10)
    assert form.funds.current_year.executed == 25


def test_glued_rows_of_a_table_without_points_keep_their_numbers_whole():
    """A glued form whose indicator header has no 分值 or 得分 column: a row's numbers are values, never a 分值
    and 得分 glued ('100%1000件' is 100% and 1000件; before: '1000' was cut into 10 and 00)."""
    text = ("2021年度森林防火专项经费项目绩效自评表项目名称森林防火专项经费主管部门区园林和林业局"
            "项目实施单位区园林和林业局预算执行情况(万元)资金来源预算数(A)执行数(B)执行率(B/A)合计6363100%"
            "年度绩效目标完成情况一级指标二级指标三级指标年初目标值实际完成值未完成原因及改进措施"
            "产出指标数量指标灭火设备配备率100%1000件监控系统维护率100%5个")
    [form] = jixiao.parse_text(text, "glued_unscored.txt")
    assert [(i.name, i.target, i.actual, i.weight, i.score) for i in form.indicators] == [
        ("灭火设备配备率", "100%", "1000件", None, None), ("监控系统维护率", "100%", "5个", None, None)]
    # a transfer form whose header names no points but whose rows end in them ('2020', the rows' pairs summing to
    # 100 as its 分值 and 得分 do): a pair at a row's end is still its 分值 and 得分
    text = ("车辆购置税收入补助地方资金绩效目标自评(2021年度)转移支付(项目)名称车辆购置税收入补助地方资金"
            "中央主管部门财政部地方主管部门某市交通运输局资金使用单位某市交通运输局项目资金(万元)全年预算数(A)"
            "全年执行数(B)预算执行率(B/A)年度资金总额:40004000100%绩效指标一级指标二级指标三级指标指标值"
            "全年实际完成值未完成原因和改进措施产出指标数量指标建设普通省道二级公路32.1公里32.1公里6060"
            "满意度指标服务对象满意度指标群众满意度≥90%95%4040")
    [form] = jixiao.parse_text(text, "glued_transfer_points.txt")
    assert [(i.name, i.weight, i.score) for i in form.indicators] == [
        ("建设普通省道二级公路", 60, 60), ("群众满意度", 40, 40)]


def test_a_fund_row_with_one_number_more_than_its_columns():
    """A fund row printing one number more than the header's six columns ('28.1 28.1 28.1 28.1 10 100% 10'): the
    number left out is the one that makes the row's arithmetic hold, and it is said (P026) — before, the first
    six were read in order and the 分值 was 28.1, the 执行率 10% and the 得分 100."""
    text = "\n".join([
        "某县特殊教育补助资金转移支付整体绩效目标自评表", "(2024年度)", "转移支付(项目)名称 特殊教育补助资金",
        "项目资金(万元) 年初预算数 全年预算数(A) 全年执行数(B) 分值 预算执行率(B/A) 得分",
        "年度资金总额: 28.1 28.1 28.1 28.1 10 100% 10",
        "绩效指标 一级指标 二级指标 三级指标 年度指标值 全年实际完成值 分值 得分 未完成原因和改进措施",
        "产出指标 数量指标 培智教学软件2套 100% 100% 90 90",
        "总分 100 100",
    ])
    [form] = jixiao.parse_text(text, "one_more.txt")
    total = form.funds.total
    assert (total.annual_budget, total.executed, total.weight, total.execution_rate, total.score) == (
        28.1, 28.1, 10, 100, 10)
    assert [w.code for w in form.warnings].count("P026") == 1


def test_glued_points_before_a_name_that_opens_with_a_measure_and_numbers_inside_an_actuals_sentence():
    """Glued rows whose next name opens with a character that is also a measure ('655.005.00人工智能…': the 人
    is the name's, not a measure of numbers run together), and an actual whose sentence holds a number and its
    measure before a comma ('开通账户数214个，7*24小时…': no 分值 21 and 得分 4 there). Before, the next row lost
    its first character and the first its points, and the other row read 21 and 4."""
    text = ("财政项目支出绩效自评表（2023年度）项目名称信息化服务主管部门某委实施单位某中心项目资金(万元)"
            "年初预算数全年预算数全年执行数分值执行率(%)得分年度资金总额100.00100.00100.0010.00100.0010.00"
            "一级指标二级指标三级指标年度指标值实际完成值分值得分偏差原因分析及改进措施"
            "产出指标数量指标人工智能大会论坛和特色活动>=65场655.005.00人工智能大会参展企业>=300家3005.005.00"
            "时效指标及时完成及时开通账户数214个，7*24小时提供用户服务10.0010.00"
            "满意度指标服务对象满意度指标企业满意度≥90%95%80.0080.00总分100.00100.00")
    [form] = jixiao.parse_text(text, "glued_measure_names.txt")
    rows = [(i.name, i.weight, i.score) for i in form.indicators]
    assert rows[:2] == [("人工智能大会论坛和特色活动", 5, 5), ("人工智能大会参展企业", 5, 5)]
    assert rows[2][1:] == (10, 10) and rows[3] == ("企业满意度", 80, 80)


def test_glued_targets_whose_number_the_actual_repeats_and_measures_of_time():
    """Glued rows whose target's number the actual repeats ('=200200份': =200, then 200份; '≥4545'), and measures
    of time ('=1年度', '≤12个月'), before the row's points."""
    text = ("财政项目支出绩效自评表（2023年度）项目名称宣传工作主管部门某委实施单位某委项目资金(万元)"
            "年初预算数全年预算数全年执行数分值执行率(%)得分年度资金总额100.00100.00100.0010.00100.0010.00"
            "一级指标二级指标三级指标年度指标值实际完成值分值得分偏差原因分析及改进措施"
            "产出指标数量指标发放宣传册=200200份30.0030.00培训人数≥454520.0020.00"
            "时效指标完成日期=1年度120.0020.00项目周期≤12个月12个月20.0020.00总分90.0090.00")
    [form] = jixiao.parse_text(text, "glued_twice.txt")
    assert [(i.name, i.target, i.actual, i.weight, i.score) for i in form.indicators] == [
        ("发放宣传册", "=200", "200份", 30, 30), ("培训人数", "≥45", "45", 20, 20),
        ("完成日期", "=1年度", "1", 20, 20), ("项目周期", "≤12个月", "12个月", 20, 20)]


def test_glued_rows_ending_in_an_achieved_value_the_templates_print():
    """Glued rows whose 实际完成值 is a word the templates print for it ('达成指标', '达成预期指标'): it is cut off
    the row's text, and a name made of the target's word before it (…合规性 then 合规, …满意度 then 满意) is cut
    from its target, and so is a name ending in its nominal word before a text target (…规范性 then 严格执行…;
    before: the whole text was the name)."""
    text = ("项目支出绩效自评表(2022年度)项目名称村级补助经费主管部门某镇人民政府实施单位某镇人民政府"
            "项目资金(万元)年初预算数全年预算数(A)全年执行数(B)分值执行率(B/A)得分年度资金总额:10101010100%10"
            "一级指标二级指标三级指标年度指标值实际完成值分值得分偏差原因分析及改进措施"
            "产出指标(50分)数量指标补助村(社区)数量=8个888"
            "质量指标补助资格合规性合规达成预期指标8.008.00经费审批流程规范性严格执行相关制度规定达成预期指标8.008.00"
            "满意度指标服务对象满意度指标服务对象满意度满意达成指标10.0010.00")
    [form] = jixiao.parse_text(text, "glued_achieved.txt")
    rows = [(i.name, i.target, i.actual) for i in form.indicators]
    assert rows[1:] == [("补助资格合规性", "合规", "达成预期指标"),
                        ("经费审批流程规范性", "严格执行相关制度规定", "达成预期指标"),
                        ("服务对象满意度", "满意", "达成指标")]


def test_a_section_word_right_after_a_quotation_in_a_glued_goal_text_stays_in_it():
    """A glued goal text quoting a slogan and then naming 总体目标 ('…“确保核心，优化周边”总体目标和工作方案…'): the
    word after the closing quotation mark is the sentence's, no section's label (before: it was cut out and
    lost from both goal texts)."""
    goal = "根据能源保障工作“确保核心，优化周边”总体目标和工作方案，确保能源保障万无一失。"
    text = ("财政项目支出绩效自评表（2023年度）项目名称能源保障工作主管部门某委实施单位某中心项目资金(万元)"
            "年初预算数全年预算数全年执行数分值执行率(%)得分年度资金总额100.00100.00100.0010.00100.0010.00"
            f"年度总体目标预期目标实际完成情况{goal}{goal}"
            "一级指标二级指标三级指标年度指标值实际完成值分值得分偏差原因分析及改进措施"
            "产出指标数量指标综合演练≥3.00(场)3.00(场)90.0090.00总分100.00100.00")
    [form] = jixiao.parse_text(text, "glued_quoted_goal.txt")
    assert (form.goal_expected, form.goal_actual) == (goal, goal)


def test_glued_goal_texts_whose_second_repeats_the_first_ones_last_clauses():
    """Glued goal texts ending in commas, the 实际完成情况 the 年度目标's last clauses again (as a form often
    reports what it achieved of its goal), then the indicator caption and header glued: the texts are cut where
    the repeated clauses begin, and the caption after a comma, the header's words right after it, is the
    caption, no word of the goal text (before: both texts and the caption were one goal text)."""
    first, repeated = "对全县供水计量设施进行改进,", "对灌区用水逐户计量,为农业生产夯实基础,"
    text = ("绩效目标自评表(2022年度)项目名称某县灌区计量设施项目主管部门某县水利局实施单位某县水利局"
            "资金情况(万元)全年预算数(A)全年执行数(B)分值执行率(B/A)得分年度资金总额:303010100.00%10"
            f"年度总体目标年初设定目标年度总体目标完成情况综述{first}{repeated}{repeated}"
            "绩效指标一级指标二级指标三级指标年度指标值全年实际值分值得分未完成原因及拟采取的改进措施"
            "产出指标数量指标安装计量设施≥120套≥120套9090总分100100")
    [form] = jixiao.parse_text(text, "glued_goals.txt")
    assert (form.goal_expected, form.goal_actual) == (first + repeated, repeated)
    assert [(i.name, i.weight) for i in form.indicators] == [("安装计量设施", 90)]


def test_a_level_label_typed_a_character_per_row_down_its_column():
    """A workbook whose author typed the 一级 label a character per cell down its column (产/出/指/标 beside the
    block's rows; 效/益/指/标 running on into rows of their own below a two-row block): read down, the characters
    are the block's label, no column of their own and no piece of a row's name."""
    text = "\n".join("\t".join(row) for row in [
        ["项目支出绩效自评表"], ["(2023年度)"], ["项目名称", "乡村道路养护经费"],
        ["主管部门", "某某县交通运输局", "实施单位", "某某县公路中心"],
        ["项目资金(万元)", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        ["年度资金总额", "500", "500", "450", "10", "90%", "9"],
        ["年度总体目标", "预期目标", "实际完成情况"], ["", "完成全县乡村道路日常养护。", "完成年度养护任务。"],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
        ["产", "数量指标", "养护里程", "≥300公里", "320公里", "20", "20", ""],
        ["出", "质量指标", "养护合格率", "≥90%", "95%", "15", "15", ""],
        ["指", "时效指标", "按时完成率", "100%", "100%", "10", "10", ""],
        ["标", "成本指标", "养护成本控制", "≤500万元", "450万元", "5", "5", ""],
        ["效", "社会效益指标", "道路通行条件改善", "明显改善", "明显改善", "20", "18", ""],
        ["益", "生态效益指标", "扬尘减少", "有所减少", "有所减少", "10", "10", ""],
        ["指", "", "", "", "", "", "", ""], ["标", "", "", "", "", "", "", ""],
        ["满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "95%", "10", "10", ""],
        ["总分", "100", "97"]])
    [form] = jixiao.parse_text(text, "vertical.txt")
    rows = [(i.level1, i.level2, i.name) for i in form.indicators]
    assert rows == [("产出指标", "数量指标", "养护里程"), ("产出指标", "质量指标", "养护合格率"),
                    ("产出指标", "时效指标", "按时完成率"), ("产出指标", "成本指标", "养护成本控制"),
                    ("效益指标", "社会效益指标", "道路通行条件改善"), ("效益指标", "生态效益指标", "扬尘减少"),
                    ("满意度指标", "服务对象满意度指标", "群众满意度")]
    assert not [w for w in form.warnings if w.code in ("P036", "P040")]


@pytest.mark.parametrize("funds", [
    "项目资金（万元）：预算数 520  到位数 520  执行数 468",
    "项目资金（万元）\n预算数 520\n到位数 520\n执行数 468",
    "项目资金(万元)\t预算数\t520\t到位数\t520\t执行数\t468",
])
def test_a_fund_block_printed_as_labels_each_followed_by_its_value(funds):
    """Hebei's form prints its funds as label–value pairs, no header row (`预算数 6.84 到位数 6.84 执行数 6.84`),
    and some forms their goals after a colon (`年度总体目标：…`): each value is its label's column of the total;
    a label the record has no place for (到位数) is read past and said (P027), its number no other column's."""
    text = f"""项目支出绩效自评表
(2023年度)
项目名称：乡村道路养护经费
主管部门：某某县交通运输局  实施单位：某某县公路中心
{funds}
年度总体目标：完成全县乡村道路日常养护。
实际完成情况：完成年度养护任务。
一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施
产出指标 数量指标 养护里程 ≥300公里 320公里 40 40
效益指标 社会效益指标 道路通行条件改善 明显改善 明显改善 30 28
满意度指标 服务对象满意度指标 群众满意度 ≥90% 95% 20 20
总分 90 88
"""
    [form] = jixiao.parse_text(text, "pairs.txt")
    total = form.funds.total
    assert (total.initial_budget, total.annual_budget, total.executed) == (None, 520, 468)
    assert form.fund_unit == "万元"
    assert (form.goal_expected, form.goal_actual) == ("完成全县乡村道路日常养护。", "完成年度养护任务。")
    assert [w.code for w in form.warnings if w.path and w.path.startswith("funds")] == ["P027"]
    assert len(form.indicators) == 3


_HEBEI_FORM = """某县民政局2020年度预算项目绩效自评表
一、基本情况 项目名称: 百岁老人高龄津贴 是否为专项资金: 实施(主管)单位 某县民政局机关 金额单位: 万元
二、预算执行情况 预算安排情况(调整后) 资金到位情况 资金执行情况 预算执行进度(%)
预算数 6.84 到位数 6.84 执行数 6.50 95.03
其中:财政资金 6.84 其中:财政资金 6.84 其中:财政资金 6.50
其他 0.00 其他 0.00 其他 0.00
四、年度绩效指标完成情况 一级指标 二级指标 三级指标 指标分值 预期指标值 单项指标实际完成值 单项指标完成情况 自评得分
符号 单位(文字描述) 单项指标得分 权重占比(%) 单项指标折算得分
产出指标 质量指标 申报对象覆盖率 >= 98 %(百分比) 100% 完成 100.00 30.00 30.00
时效指标 审批及时率 >= 99 %(百分比) 100% 完成 100.00 30.00 30.00
效益指标 社会效益指标 补贴发放率 >= 75 %(百分比) 100% 完成 100.00 20.00 20.00
满意度指标 服务对象满意度指标 老人满意率 >= 95 %(百分比) 90% 未完成 90.00 10.00 9.00
总分 100.00 99.00
"""


def test_hebei_headings_over_the_fund_pairs_and_its_indicator_header():
    """Hebei's form as a PDF's text gives it: headings over the fund block's label–value pairs (`预算安排情况(调整后)
    资金到位情况 资金执行情况 预算执行进度(%)` over `预算数 6.84 到位数 6.84 执行数 6.50 95.03`, the rate under its
    heading alone; a sub-row's values each under its heading), and an indicator header that ends in 自评得分 after
    单项指标完成情况. The headings are read past, the rate is the 执行率 (before: the block read as a table,
    到位数's 6.84 its 分值); 自评得分 is a heading of the header, not the 总分 row (before: the header ended there
    and no indicator was read)."""
    [form] = jixiao.parse_text(_HEBEI_FORM, "hebei.txt")
    total = form.funds.total
    assert (total.initial_budget, total.annual_budget, total.executed, total.weight, total.execution_rate) == (
        None, 6.84, 6.5, None, 95.03)
    assert (form.funds.current_year.annual_budget, form.funds.current_year.executed) == (6.84, 6.5)
    assert [i.name for i in form.indicators] == ["申报对象覆盖率", "审批及时率", "补贴发放率", "老人满意率"]
    assert [i.level1 for i in form.indicators] == ["产出指标", "产出指标", "效益指标", "满意度指标"]
    assert (form.total_weight, form.total_score) == (100, 99)


_HUNAN_REPORT = """财政支出项目绩效评价自评报告
评价类型:项目实施过程评价□ 项目完成结果评价■
项目名称 乡镇敬老院运转经费
项目单位 某某区民政局
主管部门 某某区民政局
一、项目基本概况
项目负责人 张某 联系电话 8328726
项目地址 某某区民政局 邮编 414000
项目起止时间 2020年1月起至2020年12月止
计划安排资金 (万元) 170 实际到位资金 (万元) 170 实际支出 (万元) {executed} 结余(万元) 0
其中:中央财政 其中:中央财政 其中:中央财政 其中:中央财政
省财政 160 省财政 160 省财政 {executed} 省财政
其它 10 其它 10 其它 其它
二、项目支出明细情况
支出内容 实际支出数 会计凭证号 备注
敬老院运转补助 160 1月31日33号凭证
支出合计 160
"""


@pytest.mark.parametrize("separator", [" ", "\n"])
@pytest.mark.parametrize("executed", ["160", "1,6.0,0"])
def test_hunan_report_funds_as_labelled_amounts_over_rows_by_source(separator, executed):
    """Hunan's 财政支出项目绩效评价自评报告 prints its funds as labelled amounts, each with its unit
    (`计划安排资金 (万元) 170 实际到位资金 (万元) 170 实际支出 (万元) 160 结余(万元) 0`), over rows by source
    (中央财政, 省财政, 其它; each label before each of its values), then a ledger of payments. The planned amount
    is the 全年预算数, the spent the 全年执行数; 到位 and 结余, and the rows by source, are read past; the ledger
    is no part of the fund table (before: the block read as a table, 170 its 年初预算数 and its 得分 0). Digits
    that are no number as printed (`1,6.0,0`) are the 实际支出's value, unread and said (P021), not a label."""
    text = _HUNAN_REPORT.format(executed=executed).replace(" ", separator)
    [form] = jixiao.parse_text(text, "hunan.txt")
    total = form.funds.total
    spent = 160 if executed == "160" else None
    assert (total.initial_budget, total.annual_budget, total.executed, total.weight, total.score) == (
        None, 170, spent, None, None)
    assert form.project_name == "乡镇敬老院运转经费"
    assert ("P021" in [w.code for w in form.warnings]) == (spent is None)


def test_empty_columns_inside_a_fund_table():
    """A table recognised from a picture (OCR) or a page with spacer cells prints empty columns inside the fund
    table, in its header and its rows alike (`预算执行数 | | | 预算执行率`), while its row labels' column has a
    caption of its own (`年度预算数(万元)` over 总额): the blank header cells are columns, so every amount stays
    in its own column (before: the caption took the 年初预算 and the 年初预算 was lost)."""
    text = """部门预算项目支出绩效自评表(2023年度) | | | | | | | | | |
项目名称 | | 某某工作经费 | | | | | | | |
主管部门 | | 某某局 | | | | 实施单位 | 某某中心 | | |
预算执行情况(10分) | 年度预算数(万元) | 年初预算 | 调整后预算数 | 预算执行数 | | | 预算执行率 | 权重 | 得分 | 原因 |
| 总额 | 8.00 | 6.00 | 6.00 | | | 100.00% | 10 | 10 | |
| 其中:财政资金 | 8.00 | 6.00 | 6.00 | | | 100.00% | / | / | |
| 单位资金 | 0.00 | 0.00 | 0.00 | | | 0.00% | / | / | |
绩效指标(90分) | 一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位 | 完成值 | 权重 | 得分 | 未完成原因分析 |
| 产出指标 | 数量指标 | 培训次数 | ≥ | 2 | 次 | 2 | 90 | 90 | |
合计 | 100 | 100 | | | | | | | |
"""
    [form] = jixiao.parse_text(text, "ocr_columns.txt")
    total = form.funds.total
    assert (total.initial_budget, total.annual_budget, total.executed, total.execution_rate, total.weight,
            total.score) == (8, 6, 6, 100, 10, 10)
    row = form.funds.current_year
    assert (row.initial_budget, row.annual_budget, row.executed) == (8, 6, 6)


_SICHUAN_NOTE = ("1.预算执行率=预算执行数/调整后预算数,预算执行率未达到90%的需说明原因;"
                 "2.年中发生预算调整的,应单独说明理由;3.其他资金包括:社会投入资金、银行贷款.")
_SICHUAN_ROWS = [
    ["部门预算项目支出绩效自评表(2023年度)"], ["项目名称", "某县办公设备购置项目"],
    ["主管部门", "某县司法局", "实施单位", "某县司法局"],
    ["项目基本情况", "1.项目年度目标完成情况", "项目年度目标", "年度目标完成情况"],
    ["购置办公设备并支付资金。", "完成"],
    ["预算执行情况(10分)", "年度预算数(万元)", "年初预算", "调整后预算数", "预算执行数", "预算执行率", "权重", "得分",
     "原因"],
    ["总额", "0.00", "5.00", "5.00", "100.00%", "10", "10", _SICHUAN_NOTE],
    ["其中:财政资金", "0.00", "5.00", "5.00", "100.00%", "/", "/"],
    ["单位资金", "0.00", "0.00", "0.00", "0.00%", "/", "/"], ["其他资金", "/", "/"],
    ["绩效指标(90分)", "一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "完成值", "权重", "得分",
     "未完成原因分析"],
    ["产出指标", "数量指标", "购置设备数量", "≥", "5", "台", "5台", "90", "90"], ["合计", "100", "100"]]


@pytest.mark.parametrize("separator", ["", " | "])
def test_sichuans_fund_table_after_its_goals_with_slashes_for_blank_cells_and_a_numbered_note(separator):
    """Sichuan's form prints its fund table (预算执行情况) after its goals (项目基本情况), here without the row
    between them (项目实施内容及过程概述) that opens no goal: the fund table's word followed by its header opens it
    (before: read as goal text, no fund row read). Also with each row's cells glued (a web page's table copied
    without its cell boundaries): the sub-rows' blank 权重/得分 printed `/` (`0.005.005.00100.00%//`), and the
    template's numbered note in the 原因 column of the total row run into its numbers (`…100.00%10101.预算执行率=
    …的需说明原因;…3.其他资金包括:…`): the note is the row's 原因, its numbering no digit of the 得分, its words
    (说明, 其他资金) neither the end of the form nor a row of the table."""
    text = "\n".join(separator.join(row) for row in _SICHUAN_ROWS)
    [form] = jixiao.parse_text(text, "sichuan.txt")
    total, row = form.funds.total, form.funds.current_year
    assert (total.initial_budget, total.annual_budget, total.executed, total.execution_rate, total.weight,
            total.score) == (0, 5, 5, 100, 10, 10)
    assert (row.annual_budget, row.executed, row.execution_rate, row.weight, row.score) == (5, 5, 100, None, None)
    assert (form.goal_expected, form.goal_actual) == ("购置办公设备并支付资金。", "完成")
    assert [(i.name, i.target, i.weight, i.score) for i in form.indicators] == [("购置设备数量", "≥5台", 90, 90)]
    assert not any(w.code == "P020" for w in form.warnings)


def test_glued_rows_a_target_the_actual_repeats_without_an_operator_and_a_month_before_its_qualifier():
    """Glued rows as an Anhui page prints them: `200200余人1010` (the target 200, the actual 200余人, then 分值
    and 得分: a number of six digits whose halves are alike, before a measure) and `11月底前10月55` (the target
    11月底前: a number, its measure and a qualifier, no 分值 and 得分 before the text after it)."""
    text = "\n".join([
        "项目支出绩效自评表", "(2023年度)", "项目名称防震减灾宣传", "主管部门某市地震局实施单位某市地震台",
        "项目资金(万元)年初预算数全年预算数全年执行数分值执行率得分", "年度资金总额:30301010100.00%10",
        "年度总体目标预期目标实际完成情况", "开展防震减灾业务培训。完成培训。",
        "一级指标二级指标三级指标年度指标值实际完成值分值得分偏差原因分析及改进措施",
        "产出指标数量指标指标1:接受业务培训人数200200余人1010",
        "时效指标指标1:业务培训时限11月底前10月55",
        "效益指标社会效益指标指标1:公众防震意识提升有所提升明显提升7575", "总分10090"])
    [form] = jixiao.parse_text(text, "glued_anhui.txt")
    assert [(i.name, i.target, i.actual, i.weight, i.score) for i in form.indicators][:2] == [
        ("接受业务培训人数", "200", "200余人", 10, 10), ("业务培训时限", "11月底前", "10月", 5, 5)]


def test_glued_names_ending_in_their_nominal_word_before_a_text_target_and_leader_dots_between_goal_texts():
    """Anhui rows glued before the template's qualitative actual (达成预期指标): a name ending in its nominal word
    (…规范性, …的影响程度) then a text target (`经费审批流程规范性严格执行相关制度规定`) is cut after that word, the
    first such end a target can follow (not `…积极性` before `的…`, not 制度); a name ending in the word its target
    is (`数据共享度提升提升`); and leader dots between the two goal texts are no text of either."""
    expected, actual = "全年申请资金200万元用于村级组织运转。", "全年完成资金132万元。"
    text = "\n".join([
        "项目支出绩效自评表(2022年度)", "项目名称村级运转经费", "主管部门某镇人民政府实施单位某镇人民政府",
        "项目资金(万元)年初预算数全年预算数全年执行数分值执行率得分", "年度资金总额:200200132.91066.45%7",
        f"年度总体目标预期目标实际完成情况{expected}..............................{actual}",
        "绩效指标一级指标二级指标三级指标年度指标值实际完成值分值得分偏差原因分析及改进措施",
        "产出指标(50分)质量指标经费审批流程规范性严格执行相关制度规定达成预期指标2020",
        "数据共享度提升提升达成预期指标2020",
        "效益指标(30分)社会效益指标提高村干部工作积极性的影响程度效果明显达成预期指标3030", "总分100100"])
    [form] = jixiao.parse_text(text, "glued_nominal.txt")
    assert (form.goal_expected, form.goal_actual) == (expected, actual)
    assert [(i.name, i.target, i.actual) for i in form.indicators] == [
        ("经费审批流程规范性", "严格执行相关制度规定", "达成预期指标"), ("数据共享度提升", "提升", "达成预期指标"),
        ("提高村干部工作积极性的影响程度", "效果明显", "达成预期指标")]


def test_glued_goal_texts_of_several_sentences_the_actual_opening_with_its_year():
    """Two glued goal texts of several sentences each: the cut falls where the report of the year opens
    (`2023年,通过开展…`, as Yunnan's form prints its 实际完成情况), not after the goal's first sentence."""
    expected = "通过严格安全检查、组织应急演练,力保全市能源运行安全。立足资源优势,加强能源网络建设,提升能源治理效能。"
    actual = "2023年,开展现场检查113次,新增电源145万千瓦。全年未发生安全事故。"
    text = "\n".join([
        "项目支出绩效自评表", "(2023年度)", "项目名称能源安全检查经费", "主管部门某市能源局实施单位某市能源局",
        "项目资金(万元)年初预算数全年预算数全年执行数分值执行率得分", "年度资金总额:20201910095%9.5",
        "年度总体目标预期目标实际完成情况", expected + actual,
        "一级指标二级指标三级指标年度指标值实际完成值分值得分偏差原因分析及改进措施",
        "产出指标数量指标检查次数≥100次113次9090", "总分10099.5"])
    [form] = jixiao.parse_text(text, "glued_goals_year.txt")
    assert (form.goal_expected, form.goal_actual) == (expected, actual)


def _glued_form(*rows: str, total: str) -> str:
    """A small form with each row's cells glued (a copied web table), its indicator rows and 总分 row given."""
    return "\n".join([
        "项目支出绩效自评表", "(2023年度)", "项目名称机关党建工作经费", "主管部门某市机关工委实施单位某市机关工委",
        "项目资金(万元)年初预算数全年预算数全年执行数分值执行率得分", "年度资金总额:20201910095%9.5",
        "年度总体目标预期目标实际完成情况", "加强机关党建。完成年度任务。",
        "一级指标二级指标三级指标年度指标值实际完成值分值得分偏差原因分析及改进措施", *rows, f"总分{total}"])


GLUED_TEXT_CELLS = {
    # a word of degree opens a text target (`…凝聚力有所提升提升`: 有所提升, then 提升 achieved; `…机制优化有所优化`: a
    # name never ends in 有所), and a name made of its target's word before a value actual (完成度, then 完成)
    "degrees": (["产出指标质量指标完成度完成100%3030", "效益指标可持续影响指标机关凝聚力有所提升提升3030",
                 "数据运营机制优化有所优化达成预期指标3030"],
                [("完成度", "完成", "100%"), ("机关凝聚力", "有所提升", "提升"),
                 ("数据运营机制优化", "有所优化", "达成预期指标")]),
    # name, target and actual all text before 分值 and 得分: a short word printed twice in a row is the target, the
    # actual opening with it; a target of a word of degree and its verb, a comparison before it
    "all text": (["产出指标时效指标完成时间年内年内完成3030", "满意度指标服务对象满意度指标满意度有所提升满意3030",
                  "行业、政府、企业满意比上年有所提升满意3030"],
                 [("完成时间", "年内", "年内完成"), ("满意度", "有所提升", "满意"),
                  ("行业、政府、企业满意", "比上年有所提升", "满意")]),
    # a name ending in the word it is named by (…响应时间, …质量) or its nominal word (…完成率), then a word a
    # target opens with (`indicators.openers`: 及时, 符合, 年度内 …), before a value actual
    "openers": (["产出指标时效指标运维平均响应时间及时100%3030", "质量指标相关质量符合行业标准100%3030",
                 "培训计划按期完成率年度内100%3030"],
                [("运维平均响应时间", "及时", "100%"), ("相关质量", "符合行业标准", "100%"),
                 ("培训计划按期完成率", "年度内", "100%")]),
}


@pytest.mark.parametrize("case", GLUED_TEXT_CELLS)
def test_glued_text_cells_cut_where_the_text_tells_a_name_its_target_and_its_actual_apart(case):
    """A glued row's name and its text target (and text actual) are cut where the text tells them apart (each case
    says how); where nothing does, they stay one cell."""
    rows, expected = GLUED_TEXT_CELLS[case]
    [form] = jixiao.parse_text(_glued_form(*rows, total="9089.5"), "glued_texts.txt")
    assert [(i.name, i.target, i.actual) for i in form.indicators] == expected



def test_a_head_value_printed_before_its_label_in_text_taken_out_a_column_block_at_a_time():
    # a PDF's text taken out a column block at a time: the project's name (wrapped in its cell) before its
    # label, the next label right after; read as the label's value, but only as a guess the reader is told of
    text = ("财政项目支出绩效自评表 (2022 年度) 社区设施维护与 管理经费 项目名称 主管部门 某区民政局 实施单位 "
            "某区社区服务中心 项目资金（万元） 年初预算数 全年预算数 全年执行数 分值 执行率 得分 年度资金总额 100 100 "
            "90 10 90% 9 年度总体目标 预期目标 实际完成情况 完成维护。 已完成维护。 绩效指标 一级指标 二级指标 "
            "三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施 产出指标 数量指标 维护设施数量 "
            "≥10处 12处 90 90 总分 100 99")
    [form] = jixiao.parse_text(text, "column_blocks.txt")
    assert (form.project_name, form.department, form.implementing_unit) == (
        "社区设施维护与管理经费", "某区民政局", "某区社区服务中心")
    assert form.source.confidence["project_name"] == 0.5
    [warning] = [w for w in form.warnings if w.code == "P040" and w.path == "project_name"]
    assert warning.message.startswith("项目名称读取不确定")  # the field named in Chinese, not `project_name`


FORM_AFTER_HEAD = ("项目资金（万元） 年初预算数 全年预算数 全年执行数 分值 执行率 得分\n"
                   "年度资金总额 100 100 90 10 90% 9\n年度总体目标\n预期目标 实际完成情况\n{goals}\n"
                   "绩效指标 一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施\n"
                   "产出指标 数量指标 维护设施数量 ≥10处 12处 90 90\n总分 100 99\n")
GOALS_FORM = ("财政项目支出绩效自评表（2023年度）\n项目名称 社区设施维护\n主管部门 某区民政局\n"
              "实施单位 某区社区服务中心\n" + FORM_AFTER_HEAD)


@pytest.mark.parametrize("separator", ["\t", "\n"])
def test_head_labels_one_after_another_then_their_values(separator):
    # a head printed as a row of headings over a row of values, or a PDF's text taken out a column block at a
    # time (the labels' column, then the values' column, a cell per line): each label takes the value in its place
    head = separator.join(["项目名称", "主管部门", "实施单位"]) + "\n" + separator.join(
        ["社区设施维护", "某区民政局", "某区社区服务中心"])
    goals = "完成维护。 已完成维护。"
    text = "财政项目支出绩效自评表（2023年度）\n" + head + "\n" + FORM_AFTER_HEAD.format(goals=goals)
    [form] = jixiao.parse_text(text, "head_blocks.txt")
    assert (form.project_name, form.department, form.implementing_unit) == (
        "社区设施维护", "某区民政局", "某区社区服务中心")
    assert not any(w.code == "P002" for w in form.warnings)


def test_indicator_headings_put_before_the_goals_by_a_column_block_open_no_table_there():
    # a PDF's text taken out a column block at a time puts the label column's first cells (一级指标, 二级指标, a
    # level label) before the goals beside them; the goals are still the goals, the table opens at 三级指标, and
    # the words that stood between are said to be unread
    text = ("财政项目支出绩效自评表（2023年度）\n项目名称 社区设施维护 主管部门 某区民政局 实施单位 某区社区服务中心\n"
            "项目资金（万元） 年初预算数 全年预算数 全年执行数 分值 执行率 得分\n年度资金总额 100 100 90 10 90% 9\n"
            "年度总体目标\n一级指标\n二级指标\n产出\n预期目标\n实际完成情况\n完成设施维护。\n已完成设施维护。\n"
            "三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施\n维护设施数量 ≥10处 12处 50 50\n"
            "设施完好率 ≥95% 96% 40 40\n总分 100 99\n")
    [form] = jixiao.parse_text(text, "displaced.txt")
    assert (form.goal_expected, form.goal_actual) == ("完成设施维护。", "已完成设施维护。")
    assert [(i.name, i.target, i.actual, i.weight, i.score) for i in form.indicators] == [
        ("维护设施数量", "≥10处", "12处", 50, 50), ("设施完好率", "≥95%", "96%", 40, 40)]
    assert [w.message for w in form.warnings if w.code == "P002"] == [
        "第 6–8 行未能识别，未读入记录：“一级指标 二级指标 产出”"]


def test_a_headings_bracketed_note_after_a_space_is_the_headings():
    # '年初目标值 (A)': a heading's cell whose lines were joined with a space (a document's text on one line); the
    # note is no heading of its own, so the table is still one with a 得分 column alone
    text = ("2021年度乡村公路养护项目自评表 项目名称 乡村公路养护 主管部门 某县交通运输局 项目实施单位 "
            "某县公路中心 预算执行情况(万元)(20分) 预算数 (A) 执行数 (B) 执行率 (B/A) 得分(20分*执行率) "
            "年度财政资金总额 50 45 90% 18 年度绩效目标(80分) 一级指标 二级指标 三级指标 年初目标值 (A) "
            "实际完成值 (B) 得分 产出指标 数量指标 养护里程 120公里 118公里 30 时效指标 完成时间 2022年底 "
            "2022年11月 30 效益指标 社会效益指标 群众出行条件 改善 明显改善 20 总分 98")
    [form] = jixiao.parse_text(text, "score_only_spaced.txt")
    assert [(i.name, i.target, i.actual, i.weight, i.score) for i in form.indicators] == [
        ("养护里程", "120公里", "118公里", None, 30), ("完成时间", "2022年底", "2022年11月", None, 30),
        ("群众出行条件", "改善", "明显改善", None, 20)]



def test_goal_texts_of_two_columns_taken_out_a_line_of_each_in_turn():
    # pdfminer takes two cells side by side out a line of each in turn: the odd lines are one text, wrapped in
    # its column, the even lines the other, in a narrower one
    goals = "\n".join(["为社区居民提供安全舒适的公共活动", "设施维护工作按计划推进，", "空间，完成全部设施的维护。",
                       "居民满意度明显提升。"])
    [form] = jixiao.parse_text(GOALS_FORM.format(goals=goals), "alternating.txt")
    assert (form.goal_expected, form.goal_actual) == (
        "为社区居民提供安全舒适的公共活动空间，完成全部设施的维护。", "设施维护工作按计划推进，居民满意度明显提升。")


def test_two_goal_texts_one_after_the_other_in_one_column_are_not_taken_for_alternating_lines():
    goals = "\n".join(["为社区居民提供安全舒适的公共活动空", "间，完成全部设施的维护。",
                       "设施维护工作按计划推进，居民满意", "度明显提升。"])
    [form] = jixiao.parse_text(GOALS_FORM.format(goals=goals), "sequential.txt")
    assert (form.goal_expected, form.goal_actual) == (
        "为社区居民提供安全舒适的公共活动空间，完成全部设施的维护。", "设施维护工作按计划推进，居民满意度明显提升。")


def test_cells_centred_in_their_rows_height_taken_out_line_by_line_with_single_spaces():
    # pdfplumber's text of a browser's PDF: a cell of two lines prints its first line above its row's other cells
    # and its second below ('数量指' / the row / '标'); the headings too, '执行率' / '(%)' among the fund headings
    # and '偏差原因分析及' / '改进措施' the last of the indicator table's
    text = "\n".join([
        "财政项目支出绩效自评表（2023年度）", "项目名称 社区设施维护", "主管部门 某区民政局 实施单位 某区社区服务中心",
        "项目资金(万 执行率", "年初预算数 全年预算数 全年执行数 分值 得分", "元) (%)",
        "年度资金总额 100.00 100.00 90.00 10.00 90.00 9.00", "年度总体目标 预期目标 实际完成情况",
        "完成设施维护。 已完成设施维护。", "一级 二级指 偏差原因分析及", "三级指标 年度指标值 实际完成值 分值 得分",
        "指标 标 改进措施", "数量指", "维护设施数量 ≥10处 12处 45.00 45.00", "标", "产出 质量指",
        "设施完好率 ≥95% 96% 45.00 45.00", "指标 标", "总分 100.00 99.00"])
    [form] = jixiao.parse_text(text, "centred.txt")
    assert form.funds.total.model_dump() == {"initial_budget": 100.0, "annual_budget": 100.0, "executed": 90.0,
                                             "weight": 10.0, "execution_rate": 90.0, "score": 9.0}
    assert [(i.level1, i.level2, i.name, i.target, i.actual, i.weight, i.score) for i in form.indicators] == [
        ("产出指标", "数量指标", "维护设施数量", "≥10处", "12处", 45, 45),
        ("产出指标", "质量指标", "设施完好率", "≥95%", "96%", 45, 45)]
    assert (form.total_weight, form.total_score) == (100, 99)


def test_a_label_over_a_title_and_its_year_below_it_are_no_cell_centred_around_the_title():
    # '评分等级' ends a form, the next form's title follows, its year on the line below: no cell centred around
    # the title ('评分等级(2021年度)' is no label of the templates, though it reads as one without its brackets)
    text = "\n".join(["评分等级", "附件2 财政项目支出绩效自评表", "（2021年度）"])
    units = units_of(read_text(text, "x"))
    assert join_around_lines(units, lexicon()) == units
