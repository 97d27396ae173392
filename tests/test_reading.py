"""The reading core on what is not a layout of the samples: real forms of other provinces, template variants,
fragments of forms, titles that start no form, page numbers, traditional characters, confidence and --explain."""

from __future__ import annotations

import json
import re
from pathlib import Path

import opencc
import pytest
from typer.testing import CliRunner

import jixiao
from jixiao.assemble.lexicon import lexicon, select
from jixiao.assemble.stream import join_split_labels, units_of
from jixiao.cli import app
from jixiao.read.text import read_text
from tests.conftest import GOLDEN, SEEDS, golden_forms
from tests.layout_render import render as render_layout
from tests.table_text import TABLE_LAYOUTS

REAL = Path(__file__).parent / "data" / "realforms"
REAL_FORMS = sorted((REAL / "raw").glob("*.txt"))


def _accuracy(compare, got: list[dict], gold: list[dict]) -> tuple[float, int]:
    key = lambda f: compare.norm_text(f.get("project_name")) + "|" + compare.norm_text(f.get("implementing_unit"))  # noqa: E731
    mapping = compare.pair([key(f) for f in gold], [key(f) for f in got])
    total = matched = 0
    for i, g in enumerate(gold):
        out: list = []
        compare.compare_form(g, got[mapping[i]] if i in mapping else None, out)
        for path, ok, _, _ in out:
            if not path.startswith("indicators.extra"):
                total, matched = total + 1, matched + ok
    return 100.0 * matched / total, len(got) - len(mapping)


@pytest.mark.parametrize("raw", REAL_FORMS, ids=lambda p: p.stem)
def test_real_forms_of_other_provinces(raw, compare):
    """Development set (tests/data/realforms): at least 95% of fields, no extra form (all read 100% today)."""
    gold = json.loads((REAL / "truth" / f"{raw.stem}.json").read_text(encoding="utf-8"))["forms"]
    got = [f.record() for f in jixiao.parse(raw)]
    accuracy, extra = _accuracy(compare, got, gold)
    assert accuracy >= 95.0 and extra == 0, (accuracy, extra)


def test_tail_of_a_form_without_its_head_is_a_fragment_not_a_form():
    from jixiao.parse import parse_file

    result = parse_file(REAL / "raw" / "06_sichuan_daying.txt")
    assert len(result.forms) == 1 and result.forms[0].source.first_line == 8
    [fragment] = result.fragments
    assert (fragment.first_line, fragment.last_line) == (1, 7)


def test_template_variants_are_chosen_by_the_words_a_form_prints():
    assert select({"项目名称", "全年预算数"}).names == ("national",)
    assert "sichuan" in select({"预算执行情况", "调整后预算数"}).names
    assert "yunnan" in select({"指标性质", "度量单位"}).names
    sichuan = select({"预算执行情况"})
    assert sichuan.fund_column("调整后预算数") == "annual_budget"
    assert sichuan.fund_row("其中:财政资金") == "current_year"
    assert select(set()).fund_column("调整后预算数") is None  # a variant's words are not the national form's
    national = select(set())
    assert national.level("环境效益") == "环境效益指标" and national.level2_parent["环境效益指标"] == "效益指标"
    assert national.level2_parent[national.level("社会公众或服务对象满意度指标")] == "满意度指标"


def test_a_page_that_names_a_form_starts_none_and_several_titles_take_the_last():
    text = (
        "名称: 某局2023年度某项目支出绩效自评表\n发布日期: 2024-04-19\n某局2023年度某项目支出绩效自评表\n附件1\n"
        "项目支出绩效自评表\n(2023年度)\n项目名称 甲项目\n主管部门 某局 实施单位 某局\n"
        "项目资金(万元) 年初预算数 全年预算数 全年执行数 分值 执行率 得分\n年度资金总额 10 10 10 10 100% 10\n"
        "一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施\n"
        "产出指标 数量指标 培训人数 ≥10人 12人 90 90\n总分 100 100\n评分等级 优\n")
    [form] = jixiao.parse_text(text)
    assert (form.title, form.year, form.project_name) == ("项目支出绩效自评表", 2023, "甲项目")
    assert form.source.first_line == 5
    assert form.indicators[0].name == "培训人数" and form.total_score == 100


OTHER_TABLES = [  # tables that documents publish beside the 自评表 (a 部门决算 or 部门预算 document)
    ["2023年度部门整体支出绩效自评表"],
    ["部门（单位）名称", "某县农业农村局"],
    ["年度总体目标", "完成高标准农田建设"],
    ["年度绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
    ["", "产出指标", "数量指标", "新建高标准农田面积", "≥1万亩", "1.02万亩", "20", "20"],
    ["2024年项目支出绩效目标表"],
    ["项目名称", "乙项目"],
    ["主管部门", "某局", "实施单位", "某局"],
    ["项目资金（万元）", "年度资金总额", "320"],
    ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值"],
    ["", "产出指标", "数量指标", "补助小区数", "≥200个"],
]
PROJECT_FORM = [
    ["项目支出绩效自评表（2023年度）"],
    ["项目名称", "甲项目"],
    ["主管部门", "某局", "实施单位", "某局"],
    ["项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
    ["年度资金总额", "10", "10", "10", "10", "100%", "10"],
    ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
    ["产出指标", "数量指标", "培训人数", "≥10人", "12人", "90", "90", ""],
    ["总分", "100", "100"],
]


@pytest.mark.parametrize("layout", TABLE_LAYOUTS)
def test_tables_of_other_kinds_are_read_past_and_reported_not_read_as_forms(layout, tmp_path):
    """A department's whole-spending evaluation and a project's goals table (titles ending in
    整体支出绩效自评表, 目标表) are not project forms: read past, each reported with its title."""
    from jixiao.parse import parse_file

    document = tmp_path / "doc.txt"
    document.write_text(TABLE_LAYOUTS[layout](OTHER_TABLES + PROJECT_FORM), encoding="utf-8")
    result = parse_file(document)
    [form] = result.forms
    assert (form.project_name, form.year, form.total_score, len(form.indicators)) == ("甲项目", 2023, 100, 1)
    assert [f.title for f in result.fragments] == ["2023年度部门整体支出绩效自评表", "2024年项目支出绩效目标表"]
    assert "不是项目支出绩效自评表" in result.fragments[0].message and result.error is None
    document.write_text(TABLE_LAYOUTS[layout](OTHER_TABLES), encoding="utf-8")
    only_others = parse_file(document)
    assert not only_others.forms and "未找到项目支出绩效自评表" in only_others.error.message
    assert "部门整体支出绩效自评表" in only_others.error.message


def test_a_title_followed_only_by_the_forms_notes_is_no_form(tmp_path):
    """A page that prints a form's title, then only the notes under it (its table an image the page lost), whose
    words open sections ('3、项目资金管理:主管部门和项目承担单位是否…'): no form is read, and the message names the
    title and what is missing (before: a form with every field empty and 14 warnings)."""
    from jixiao.parse import parse_file

    notes = ["项目支出绩效自评表",
             ".定量指标若为正向指标(即指标值为≥*),则得分计算方法应用全年实际值()年度指标值()*该指标分值;"
             "若为反向指标(即指标值≤*),则得分计算方法应用年度指标值()全年实际值()*该指标分值.",
             ".“请在未完成原因分析”中说明偏离目标、不能完成目标的原因及拟采取的措施。",
             "、项目预算执行率:对照项目申报材料和财务报销资料等判定项目预算完成率。", "指标说明:",
             "1、年初设定目标:所有计划任务书中设定本年度应完成的各类指标总和。",
             "3、项目资金管理:主管部门和项目承担单位是否针对项目资金制定有相应的管理办法,是否按办法进行资金分配。",
             "4、资金使用合规:项目资金的使用是否符合管理办法的相关规定。"]
    document = tmp_path / "notes.txt"
    for text in ("\n".join(notes), "\n".join(notes[:1] + notes[4:6])):  # (its words open sections, or none)
        document.write_text(text, encoding="utf-8")
        result = parse_file(document)
        assert not result.forms and [(f.first_line, f.title, f.empty) for f in result.fragments][:1] == [
            (1, "项目支出绩效自评表", True)]
        assert "第 1 行的标题“项目支出绩效自评表”之后没有表格内容" in result.error.message
    document.write_text("\n".join(notes + [" ".join(r) for r in PROJECT_FORM]), encoding="utf-8")
    [form] = parse_file(document).forms  # (a form after the notes is read)
    assert (form.project_name, form.total_score) == ("甲项目", 100)


def test_rows_under_the_title_of_another_kind_of_table_are_that_table_not_a_forms_tail(tmp_path):
    """An evaluation's indicator table (…绩效评价指标表: 评价指标, 指标说明, 目标值, 分值) is no form, and its rows
    are reported as that table's, not as the tail of a form whose head is missing."""
    from jixiao.parse import parse_file

    rows = ["2019年度某县助学金项目绩效评价指标表", "评价指标 评价内容 指标名称 指标说明 目标值 分值 备注",
            "产出指标 数量指标 资助人数 资助学生人数 ≥100人 20", "效益指标 社会效益指标 辍学率 受助学生辍学率 ≤1% 20"]
    document = tmp_path / "scheme.txt"
    document.write_text("\n".join(rows), encoding="utf-8")
    result = parse_file(document)
    assert not result.forms and [f.title for f in result.fragments] == ["2019年度某县助学金项目绩效评价指标表"]
    assert "不是项目支出绩效自评表" in result.error.message


def test_a_form_without_title_after_a_table_of_another_kind_is_read():
    text = TABLE_LAYOUTS["tab"](OTHER_TABLES[:5] + PROJECT_FORM[1:])
    [form] = jixiao.parse_text(text)
    assert form.project_name == "甲项目" and form.total_score == 100


def _variant_form(budget: str, executed: str, rate: str = "95.00%") -> list[list[str]]:
    return [
        ["项目支出绩效自评表（2023年度）"],
        ["项目名称", "社区养老服务补贴"],
        ["主管部门", "某区民政局", "实施单位", "某区养老服务指导中心"],
        ["项目资金（万元）", "", budget, executed, "分值", "执行率", "得分"],
        ["", "年度资金总额", "150.00", "142.50", "10", rate, "9.50"],
        ["", "其中：财政拨款", "150.00", "142.50", "—", "—", "—"],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "计划值", "全年完成值", "指标权重", "指标得分",
         "偏差原因和改进措施"],
        ["", "产出指标", "数量指标", "助餐服务人次", "≥3万人次", "3.2万人次", "50", "50", ""],
        ["", "满意度指标", "服务对象满意度指标", "老年人满意度", "≥90%", "88%", "40", "39", "宣传不到位"],
        ["总分", "100", "98.50"],
    ]


@pytest.mark.parametrize("layout", TABLE_LAYOUTS)
def test_column_headings_in_other_words_read_by_the_template_or_the_arithmetic(layout):
    """预算数/支出数, 计划值/全年完成值/指标权重/指标得分 are template words; headings no template knows
    (安排数/使用数) are named by the total row's arithmetic (执行率 = 执行数 / 预算数), with a warning."""
    [known] = jixiao.parse_text(TABLE_LAYOUTS[layout](_variant_form("预算数", "支出数")))
    [unknown] = jixiao.parse_text(TABLE_LAYOUTS[layout](_variant_form("安排数", "使用数")))
    for form in (known, unknown):
        total = form.funds.total
        assert (total.annual_budget, total.executed, total.weight, total.execution_rate, total.score) == (
            150, 142.5, 10, 95, 9.5)
        assert [(i.target, i.actual, i.weight, i.score) for i in form.indicators] == [
            ("≥3万人次", "3.2万人次", 50, 50), ("≥90%", "88%", 40, 39)]
        assert form.indicators[1].deviation == "宣传不到位"
    assert not known.warnings and [w.code for w in unknown.warnings] == ["P024"]
    # when no naming makes the arithmetic hold, the amounts are not guessed: read past, and said
    [wrong] = jixiao.parse_text(TABLE_LAYOUTS[layout](_variant_form("安排数", "使用数", rate="85.00%")))
    assert wrong.funds.total.annual_budget is None and wrong.funds.total.executed is None
    assert [w.code for w in wrong.warnings] == ["P025"] and wrong.funds.total.weight == 10


def test_an_unknown_fund_column_beside_both_known_amounts_is_not_named_by_the_arithmetic():
    """The arithmetic names only a lost 全年预算数 or 全年执行数: beside both, '追加数' is read past, never taken
    for the 年初预算数 a form may leave out."""
    rows = _variant_form("全年预算数", "全年执行数")
    rows[3] = ["项目资金（万元）", "", "全年预算数", "追加数", "全年执行数", "分值", "执行率", "得分"]
    rows[4] = ["", "年度资金总额", "150.00", "20", "142.50", "10", "95.00%", "9.50"]
    rows[5] = ["", "其中：财政拨款", "150.00", "20", "142.50", "—", "—", "—"]
    [form] = jixiao.parse_text(TABLE_LAYOUTS["tab"](rows))
    total = form.funds.total
    assert (total.initial_budget, total.annual_budget, total.executed, total.score) == (None, 150, 142.5, 9.5)
    assert not any(w.code in ("P024", "P025") for w in form.warnings)


@pytest.mark.parametrize("layout", TABLE_LAYOUTS)
def test_indicator_headings_no_template_knows_are_named_by_the_column_order(layout):
    """指标内容 / 预期值 / 达成值 between 二级指标 and 分值, and 说明 after 得分 (also a word that ends a form
    elsewhere), are the missing 三级指标, 年度指标值, 实际完成值 and 偏差原因 by their place: P034 says so."""
    rows = _variant_form("预算数", "支出数")
    rows[6] = ["绩效指标", "一级指标", "二级指标", "指标内容", "预期值", "达成值", "分值", "得分", "说明"]
    [form] = jixiao.parse_text(TABLE_LAYOUTS[layout](rows))
    assert [(i.name, i.target, i.actual, i.weight, i.score) for i in form.indicators] == [
        ("助餐服务人次", "≥3万人次", "3.2万人次", 50, 50), ("老年人满意度", "≥90%", "88%", 40, 39)]
    assert form.indicators[1].deviation == "宣传不到位" and form.total_score == 98.5
    [note] = form.warnings
    assert note.code == "P034" and "“达成值”读作实际完成值" in note.message


@pytest.mark.parametrize("layout", TABLE_LAYOUTS)
def test_labels_with_a_qualifier_and_other_words_for_goals_total_and_grade(layout):
    """项目(资金)名称, 主管部门(单位), 具体实施单位 (a label with a qualifier in brackets or a short word before
    it); 年度绩效目标 / 年初设定目标 / 全年实际完成情况; 总得分; 绩效评定等级."""
    rows = [
        ["项目支出绩效自评表（2023年度）"],
        ["项目（资金）名称", "农村饮水安全维修养护"],
        ["主管部门（单位）", "某县水利局", "具体实施单位", "某县农村供水管理站"],
        ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        ["", "年度资金总额", "80.00", "80.00", "76.00", "10", "95.00%", "9.50"],
        ["年度绩效目标", "年初设定目标", "全年实际完成情况"],
        ["", "完成全县农村饮水工程维修养护。", "完成维修养护工程32处。"],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
        ["", "产出指标", "数量指标", "维修养护工程数量", "≥30处", "32处", "90", "90"],
        ["总得分", "100", "99.50"],
        ["绩效评定等级", "优"],
    ]
    [form] = jixiao.parse_text(TABLE_LAYOUTS[layout](rows))
    assert (form.project_name, form.department, form.implementing_unit) == (
        "农村饮水安全维修养护", "某县水利局", "某县农村供水管理站")
    assert (form.goal_expected, form.goal_actual) == ("完成全县农村饮水工程维修养护。", "完成维修养护工程32处。")
    assert (form.total_weight, form.total_score, form.grade) == (100, 99.5, "优")
    assert form.funds.total.executed == 76 and form.indicators[0].score == 90 and not form.warnings


@pytest.mark.parametrize("layout", TABLE_LAYOUTS)
def test_a_first_column_of_row_numbers_is_read_past(layout):
    rows = _variant_form("预算数", "支出数")
    rows[6:9] = [
        ["绩效指标", "序号", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
         "偏差原因"],
        ["", "1", "产出指标", "数量指标", "助餐服务人次", "≥3万人次", "3.2万人次", "30", "30", ""],
        ["", "2", "", "质量指标", "服务合格率", "≥95%", "2", "20", "2", "抽检不合格"],
        ["", "3", "满意度指标", "服务对象满意度指标", "老年人满意度", "≥90%", "88%", "40", "39", "宣传不到位"],
    ]
    [form] = jixiao.parse_text(TABLE_LAYOUTS[layout](rows))
    assert [(i.level1, i.level2, i.name, i.target, i.actual, i.weight, i.score) for i in form.indicators] == [
        ("产出指标", "数量指标", "助餐服务人次", "≥3万人次", "3.2万人次", 30, 30),
        ("产出指标", "质量指标", "服务合格率", "≥95%", "2", 20, 2),
        ("满意度指标", "服务对象满意度指标", "老年人满意度", "≥90%", "88%", 40, 39)]
    assert [i.deviation for i in form.indicators] == [None, "抽检不合格", "宣传不到位"]
    assert not any(w.code == "P036" for w in form.warnings)  # the rows' numbers are no content lost


def test_page_numbers_and_a_repeated_header_are_not_read_into_the_table():
    lines = SEEDS[3].read_text(encoding="utf-8").split("\n")[:24]
    header = "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施"
    lines.insert(19, "\n- 2 -\n\n" + header)
    [form] = jixiao.parse_text("\n".join(lines))
    assert len(form.indicators) == 7 and not any(w.code == "P002" for w in form.warnings)


def test_page_footers_run_into_a_document_on_one_line_before_a_repeated_header():
    """A document printed on one line (its cells apart by spaces) whose pages' footers run into it before the
    header each page repeats: a footer's shape in words ('- 2 -'), and a bare '16' after a row's 分值 and 得分
    where it cannot be the 得分 (more than the 10 before it) are no cells of the row above (before: the row took
    them)."""
    lines = [" ".join(cell for cell in line.split("\t") if cell)
             for line in SEEDS[3].read_text(encoding="utf-8").split("\n")[:24]]
    header = "一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施"
    text = " ".join([*lines[:17], "- 2 -", header, lines[17], lines[18], "16", header, *lines[19:]])
    [form] = jixiao.parse_text(text)
    assert [(i.name, i.actual, i.weight, i.score, i.deviation) for i in form.indicators[:4]] == [
        ("保障公务外出次数", "235次", 20, 20, None), ("年终预算执行率", "99.49%", 10, 10, None),
        ("年中预算执行率", "60%", 10, 10, None), ("调研集中出行率", "100%", 15, 15, None)]


@pytest.mark.parametrize("layout", ["space_rows", "latex", "cell_lines"])
def test_a_page_number_between_the_goals_and_the_indicator_table(layout):
    """A page's number at the foot of the goals' page, the indicator table's header opening the next: no goal
    text's end ('…较好地完成了各项工作。2' before)."""
    from tests.layout_render import render

    forms = golden_forms(SEEDS[3])[:1]
    text = render(forms, layout, seed=3)
    at = text.index("一级指标")
    # (a LaTeX table is cut in two there, the number between them)
    page = "\\end{tabular}\n2\n\\begin{tabular}{|l|l|l|l|l|l|l|l|}\n\\hline\n" if layout == "latex" else "\n2\n\n"
    [form] = jixiao.parse_text(text[:at] + page + text[at:])
    assert (form.goal_expected, form.goal_actual) == (forms[0]["goal_expected"], forms[0]["goal_actual"])


def test_a_bare_page_number_set_apart_by_blank_lines_before_a_repeated_header():
    """A cell-per-line table whose page's number stands alone between blank lines, the next page repeating the
    header: the number is no 得分 of the row above, though it could be one (2 after '10.00 10.00': before, it was
    read as the 得分, the row's 分值 as its 实际完成值)."""
    from tests.layout_render import render

    forms = golden_forms(SEEDS[3])[:1]
    text = render(forms, "cell_lines", seed=3)
    header = text[text.index("一级指标"):text.index("产出指标")]
    row = text.index("时效指标")
    [form] = jixiao.parse_text(text[:row] + "\n2\n\n" + header + text[row:])
    assert form.record()["indicators"] == jixiao.parse_text(text)[0].record()["indicators"]


def test_two_goal_texts_side_by_side_each_ending_a_sentence_on_the_second_line():
    """Two goal texts wrapped side by side over two lines, neither filling its column on the second and the first
    line not cut in halves (pdfplumber's text of a Word PDF): each ends a sentence where the lines are cut so
    (before: the first line was the left text's whole, the right text `预期成效。` alone)."""
    lines = SEEDS[3].read_text(encoding="utf-8").split("\n")[:24]
    lines[14] = ("按计划完成道路养护各项工作任务，提升服务保障能 项目整体实施情况良好，道路养护工作取得\n"
                 "力，确保资金使用规范高效。 预期成效。")
    [form] = jixiao.parse_text("\n".join(lines))
    assert form.goal_expected == "按计划完成道路养护各项工作任务，提升服务保障能力，确保资金使用规范高效。"
    assert form.goal_actual == "项目整体实施情况良好，道路养护工作取得预期成效。"


def test_the_left_goal_ending_a_sentence_where_the_right_one_fills_its_column():
    """PDF text of two goal texts side by side whose left one ends on a line with `。` and whose first fragment of
    the right one after it makes the line as wide as the left column (`…运维等服务工作。 海市市级科技重大专项;
    “上海清华…平台”`): the left text ends at its sentence, and the right one fills its column and goes on alone
    below (before: `海市市级科技重大专项;` ended the left text, and every line below was read as the left's)."""
    [form] = [f for path in sorted(GOLDEN.glob("*.json")) for f in json.loads(path.read_text("utf-8"))["forms"]
              if (f["goal_expected"] or "").startswith("根据普委编委[2021]6 号")] or [None]
    assert form is not None
    [got] = jixiao.parse_text(render_layout([form], "pdf_flow"), "goals.txt")
    assert got.goal_expected == form["goal_expected"]
    assert got.goal_actual.replace(" ", "") == form["goal_actual"].replace(" ", "")


def test_a_left_goal_line_ending_on_a_mark_hung_past_its_column():
    """PDF text of two goal texts side by side whose left line ends on a comma hung past the column's edge
    (`…短信等多维综合性身份认证体系，`, a character wider than the other lines): the left text goes on, the line
    below is cut into both texts (before: the left text was taken to end there, the interleaving given up and the
    goals read across the columns)."""
    forms = [f for path in sorted(GOLDEN.glob("*.json")) for f in json.loads(path.read_text("utf-8"))["forms"]
             if (f["goal_expected"] or "").startswith("作为本市数字化转型中数字信任基座")]
    assert forms
    for form in forms:
        [got] = jixiao.parse_text(render_layout([form], "pdf_flow"), "goals.txt")
        assert got.goal_expected.replace(" ", "") == form["goal_expected"].replace(" ", "")
        assert got.goal_actual.replace(" ", "") == form["goal_actual"].replace(" ", "")


def test_a_total_score_cut_after_its_point_s_first_digit_before_a_page_end():
    """`总分 … 100 95.0` / `2` at the foot of page 1 (`pdftotext -raw` of a narrow 得分 column): the `2` is no page
    number (one before a form feed is the number of the page the feed ends), and the form's arithmetic (the fund
    row's 9.95 and the indicators' 85.07 make 95.02) says it is the 总分's rest (before: 95.0, the `2` dropped)."""
    lines = SEEDS[3].read_text(encoding="utf-8").split("\n")[:24]
    lines[21] = lines[21].replace("\t5\t0\t", "\t5\t0.07\t")
    lines[23] = "总分\t\t\t\t\t100\t95.0\t\t\n2\n评分等级 良\n\f"
    [form] = jixiao.parse_text("\n".join(lines))
    assert (form.total_weight, form.total_score) == (100.0, 95.02)


def test_a_nothing_deviation_on_a_line_of_its_own_below_its_row():
    """A row printed on one line, its 得分 cut over the line below and its 偏差原因 `无` on a line of its own after it
    (pypdf's text of a Word PDF, `… 22.00 22.0` / `0` / `无`): `无` is the row's 偏差原因, not the end of its
    wrapped name (before: `保障公务外出次数无`)."""
    lines = SEEDS[3].read_text(encoding="utf-8").split("\n")[:24]
    lines[15] = "一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施"
    lines[16] = "产出指标 数量指标 保障公务外出次数 ≥200(次) 235次 20.00 20.0\n0\n无"
    [form] = jixiao.parse_text("\n".join(lines))
    first = form.indicators[0]
    assert (first.name, first.score, first.deviation) == ("保障公务外出次数", 20.0, "无")


def test_traditional_characters_read_as_the_same_form():
    to_traditional = opencc.OpenCC("s2t")
    text = to_traditional.convert(SEEDS[3].read_text(encoding="utf-8"))
    forms = jixiao.parse_text(text)
    gold = golden_forms(SEEDS[3])
    assert len(forms) == len(gold)
    for form, g in zip(forms, gold, strict=True):
        assert form.project_name == to_traditional.convert(g["project_name"])
        assert [i.weight for i in form.indicators] == [i["weight"] for i in g["indicators"]]
        assert form.funds.total.executed == g["funds"]["total"]["executed"]


def test_every_field_has_a_confidence_and_doubt_is_never_silent():
    form = jixiao.parse(SEEDS[0])[0]
    record = form.record()
    assert record["source"]["confidence"]["indicators.0.name"] == 1.0
    assert set(record["source"]["confidence"]) >= {"project_name", "funds.total.executed", "indicators.3.score"}
    assert form.confidence.overall == 1.0
    [one_line] = jixiao.parse(REAL / "raw" / "04_anhui_chizhou_guichi_b.txt")
    assert one_line.confidence.overall < 1.0 and one_line.confidence.lowest
    assert all(c.confidence < 1.0 for c in one_line.confidence.lowest)
    for item in one_line.confidence.lowest:
        if item.confidence < 0.6:
            assert any(w.code == "P040" and w.path == item.path for w in one_line.warnings)


def test_explain_shows_sections_and_the_cuts_chosen_with_their_runners_up():
    runner = CliRunner()
    raw = str(REAL / "raw" / "04_anhui_chizhou_guichi_b.txt")
    result = runner.invoke(app, ["parse", raw, "--explain"])
    assert result.exit_code == 0
    assert "读取过程" in result.output and "绩效指标" in result.output and "其他读法" in result.output
    result = runner.invoke(app, ["parse", raw, "--explain", "--format", "json"])
    doc = json.loads(result.output)
    [trace] = doc["explain"]
    assert {s["section"] for s in trace["sections"]} >= {"head", "funds", "goals", "indicators"}
    assert trace["choices"] and all(c["alternatives"] for c in trace["choices"])
    frag = runner.invoke(app, ["parse", str(REAL / "raw" / "06_sichuan_daying.txt"), "--format", "json"])
    assert json.loads(frag.output)["fragments"][0]["first_line"] == 1


def test_text_that_is_no_table_is_read_in_bounded_work():
    """Hundreds of words where indicator rows should be, or thousands of 项目名称, are read (not searched
    through every way of cutting them, which would never end)."""
    words = " ".join(f"词语{i}" for i in range(3000))
    head = "项目支出绩效自评表 (2022年度) 项目名称 甲 一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 "
    [form] = jixiao.parse_text(head + "a b c 10 10 " + words + " x y 10 10")
    assert [i.weight for i in form.indicators] == [10.0, 10.0]
    names = " ".join(f"项目名称 项目{i}" for i in range(3000))
    assert len(jixiao.parse_text("项目支出绩效自评表 (2022年度) " + names)) == 1


TRANSFER = [  # a 中央对地方转移支付区域绩效自评表 as counties publish it: no 分值/得分 columns
    ["中央对地方转移支付区域绩效自评表"], ["（2022年度）"], ["转移支付（项目）名称", "农村综合改革转移支付"],
    ["中央主管部门", "财政部"], ["地方主管部门", "某某县财政局", "资金使用单位", "某某县农业农村局"],
    ["资金投入情况（万元）", "", "全年预算数（A）", "全年执行数（B）", "执行率（B/A）"],
    ["", "年度资金总额", "500", "480", "96%"], ["", "其中：中央补助", "400", "390", "97.5%"],
    ["", "地方资金", "100", "90", "90%"], ["", "其他资金", "0", "0", ""],
    ["年度总体目标", "预期目标", "实际完成情况"],
    ["", "完成10个村级公益事业建设项目。", "完成12个村级公益事业建设项目。"],
    ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值", "全年实际完成值", "未完成原因和改进措施"],
    ["", "产出指标", "数量指标", "建设项目个数", "≥10个", "12个", ""],
    ["", "产出指标", "质量指标", "项目验收合格率", "100%", "100%", ""],
    ["", "效益指标", "社会效益指标", "受益群众数", "≥5000人", "6200人", "受益面扩大"],
    ["", "满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "95%", ""],
]


@pytest.mark.parametrize("layout", TABLE_LAYOUTS)
def test_a_transfer_payment_form_without_points_columns(layout):
    text = TABLE_LAYOUTS[layout](TRANSFER)
    [form] = jixiao.parse_text(text, f"transfer.{'html' if layout == 'html' else 'txt'}")
    assert (form.project_name, form.department, form.implementing_unit, form.year) == (
        "农村综合改革转移支付", "某某县财政局", "某某县农业农村局", 2022)
    assert form.funds.total and (form.funds.total.annual_budget, form.funds.total.executed) == (500, 480)
    assert form.funds.current_year is None  # 中央补助 has no place in the record: read past, not misplaced
    assert [(i.level1, i.name, i.target, i.actual, i.deviation) for i in form.indicators] == [
        ("产出指标", "建设项目个数", "≥10个", "12个", None), ("产出指标", "项目验收合格率", "100%", "100%", None),
        ("效益指标", "受益群众数", "≥5000人", "6200人", "受益面扩大"),
        ("满意度指标", "群众满意度", "≥90%", "95%", None)]
    codes = [w.code for w in form.warnings]
    assert "P031" in codes and "P030" not in codes and "P013" not in codes  # one note, not one per row
    assert "P023" in codes  # the sources read past are said
    findings = {f.code for f in jixiao.check(form).findings}
    assert "AR04" not in findings  # the sub-rows are incomplete: their sum is not compared with the total


DECORATED = [("主管部门及代码", "department"), ("主管部门（代码）", "department"), ("项目主管部门", "department"),
             ("实施单位（盖章）", "implementing_unit")]


@pytest.mark.parametrize("sep", ["\t", " | ", "\n", "  "])
@pytest.mark.parametrize(("label", "field"), DECORATED)
def test_a_head_label_with_a_decoration_reads_the_next_cell(sep, label, field):
    rows = [["项目支出绩效自评表"], ["（2023年度）"], ["项目名称", "城市道路养护"],
            [label if field == "department" else "主管部门", "[149]某某市城市管理局",
             label if field == "implementing_unit" else "实施单位", "某某市市政养护中心"],
            ["项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
            ["年度资金总额", "100", "100", "90", "10", "90%", "9"],
            ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
            ["产出指标", "数量指标", "养护里程", "≥20公里", "22公里", "90", "90", ""],
            ["总分", "100", "99"]]
    [form] = jixiao.parse_text("\n".join(sep.join(r) for r in rows), "head.txt")
    assert (form.department, form.implementing_unit) == ("[149]某某市城市管理局", "某某市市政养护中心")
    assert form.project_name == "城市道路养护"


def test_a_head_label_printed_around_its_value_reads_both():
    """A web table without borders printed by a browser sets a narrow label column two pixels from the value's:
    the label's first line reads with the value beside it, and its rest, wrapped below, joins after it (`项目
    机关党委工作名称`, as the PDF reader rebuilds that row). The label is its beginning and its rest, the value what
    stands between (before, no 项目名称 nor 主管部门, and `部门` run on the next value)."""
    rows = [["财政项目支出绩效自评表"], ["（2023年度）"], ["项目 机关党委工作名称"],
            ["主管 上海市经济和信息化委员会部门", "实施单位", "上海市经济和信息化委员会"],
            ["项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
            ["年度资金总额", "100", "100", "90", "10", "90%", "9"],
            ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
            ["产出指标", "数量指标", "开展志愿者活动", "1", "1", "90", "90", ""],
            ["总分", "100", "99"]]
    [form] = jixiao.parse_text("\n".join("\n".join(r) for r in rows), "head.txt")  # (a cell per line)
    assert (form.project_name, form.department, form.implementing_unit) == (
        "机关党委工作", "上海市经济和信息化委员会", "上海市经济和信息化委员会")


@pytest.mark.parametrize("layout", TABLE_LAYOUTS)
def test_rows_under_merged_labels_of_a_table_without_points(layout):
    rows = [list(r) for r in TRANSFER]
    at = next(k for k, r in enumerate(rows) if "建设项目个数" in r) + 1
    rows.insert(at, ["", "", "", "受益村数", "≥5个", "6个", ""])  # under the same 产出指标 / 数量指标
    rows[at + 1][1] = ""  # the 质量指标 row under the merged 产出指标
    [form] = jixiao.parse_text(TABLE_LAYOUTS[layout](rows), f"transfer.{'html' if layout == 'html' else 'txt'}")
    assert [(i.level1, i.level2, i.name, i.target, i.actual) for i in form.indicators[:3]] == [
        ("产出指标", "数量指标", "建设项目个数", "≥10个", "12个"), ("产出指标", "数量指标", "受益村数", "≥5个", "6个"),
        ("产出指标", "质量指标", "项目验收合格率", "100%", "100%")]
    assert len(form.indicators) == 5


@pytest.mark.parametrize("tail", [["总分：100", "得分：94.95"], ["总分：100", "自评得分：94.95"]])
@pytest.mark.parametrize("sep", ["\t", "\n", "  "])
def test_total_and_grade_printed_with_a_colon_after_the_table(tail, sep):
    rows = [["项目支出绩效自评表（2023年度）"], ["项目名称", "城市道路养护"], ["主管部门", "某某市城市管理局"],
            ["项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
            ["年度资金总额", "100", "100", "90", "10", "90%", "9"],
            ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
            ["产出指标", "数量指标", "养护里程", "≥20公里", "22公里", "90", "85.95", "进度略慢"],
            tail, ["评分等级：优"]]
    [form] = jixiao.parse_text("\n".join(sep.join(r) for r in rows), "total.txt")
    assert (form.total_weight, form.total_score, form.grade) == (100, 94.95, "优")
    assert len(form.indicators) == 1 and form.indicators[0].deviation == "进度略慢"
    assert not [w for w in form.warnings if w.code in ("P013", "P015", "P030")]


def test_a_page_footer_run_into_a_line_is_a_page_join_not_a_cell():
    """A document run together on one line keeps its page footers ('第 1 页 共 2 页') inside the line."""
    rows = [["项目支出绩效自评表（2023年度）"], ["项目名称", "城市道路养护"], ["主管部门", "某某市城市管理局"],
            ["项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
            ["年度资金总额", "100", "100", "90", "10", "90%", "9"],
            ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
            ["产出指标", "数量指标", "养护里程", "≥20公里", "22公里", "50", "50"],
            ["第 1 页 共 2 页"],
            ["产出指标", "质量指标", "验收合格率", "100%", "100%", "40", "40"],
            ["总分", "100", "99"]]
    [form] = jixiao.parse_text(" ".join(" ".join(r) for r in rows), "one_line.txt")
    assert [(i.name, i.target, i.actual, i.weight, i.deviation) for i in form.indicators] == [
        ("养护里程", "≥20公里", "22公里", 50, None), ("验收合格率", "100%", "100%", 40, None)]


@pytest.mark.parametrize("label", ["自评结论", "自评结果"])
def test_a_grade_under_the_words_of_a_conclusion(label):
    """'自评结论 优' is the grade; a conclusion in sentences is no grade, and is reported, not dropped."""
    head = [["项目支出绩效自评表（2021年度）"], ["项目名称", "老年人助餐服务补贴"],
            ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
            ["产出指标", "数量指标", "日均助餐人次", "≥3000人次", "3150人次", "100", "100"], ["总分", "100", "100"]]
    [form] = jixiao.parse_text("\n".join(" ".join(r) for r in [*head, [label, "优"]]))
    assert form.grade == "优"
    sentence = "该项目全面完成年度绩效目标，满意度较高。"
    [form] = jixiao.parse_text("\n".join(" ".join(r) for r in [*head, [label, sentence]]))
    assert form.grade is None and any("全面完成" in w.message for w in form.warnings if w.code == "P002")


def test_a_row_between_two_centred_labels_goes_with_the_rows_weighted_like_it():
    """Centred merged labels of space-separated rows: the row between 时效指标 (a two-row span) and 社会效益指标
    fits either span equally well; its 分值 (5, like the 效益 rows, not 6 like the 产出 rows) decides."""
    lines = ["项目支出绩效自评表（2023年度）", "项目名称 城市道路养护",
             "一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施",
             "养护里程 ≥20公里 22公里 6 6",
             "数量指标 桥梁检测 ≥10座 10座 6 6",
             "产出指标 路面修补面积 ≥500平方米 520平方米 6 6",
             "验收合格率 100% 100% 6 6",
             "质量指标 返修率 ≤5% 3% 6 6",
             "时效指标 完成时间 12月底 12月底 6 6",
             "通行效率 有效提升 有效提升 5 5",
             "效益指标 社会效益指标 交通事故减少 有效减少 有效减少 5 5",
             "出行安全 有效保障 有效保障 5 5",
             "满意度指标 服务对象满意度指标 市民满意度 ≥90% 95% 39 39",
             "总分 100 99"]
    [form] = jixiao.parse_text("\n".join(lines))
    assert [(i.level1, i.level2) for i in form.indicators][5:8] == [
        ("产出指标", "时效指标"), ("效益指标", "社会效益指标"), ("效益指标", "社会效益指标")]



def test_a_row_between_two_centred_labels_weighted_alike_goes_with_the_names_ending_like_its():
    """The row between 数量指标 (centred on three rows, or four) and 质量指标 (on two, or three) fits either span
    and every 分值 is 6: its name ends as the 质量 rows' names do (…达标率), so it is theirs."""
    lines = ["项目支出绩效自评表（2023年度）", "项目名称 科技服务",
             "一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施",
             "研发平台建设完成率 ≥90% 100% 6 6",
             "数量指标 宣传服务完成率 ≥90% 100% 6 6",
             "产出指标 企业服务完成率 ≥90% 100% 6 6",
             "研发平台建设达标率 ≥90% 100% 6 6",
             "质量指标 宣传服务达标率 ≥90% 100% 6 6",
             "企业服务达标率 ≥90% 100% 6 6",
             "满意度指标 服务对象满意度指标 企业满意度 ≥90% 95% 32 32",
             "服务热线满意度 ≥90% 95% 32 32",
             "总分 100 100"]
    [form] = jixiao.parse_text("\n".join(lines))
    assert [i.level2 for i in form.indicators][:6] == ["数量指标"] * 3 + ["质量指标"] * 3


def test_rows_above_the_first_centred_label_that_its_span_cannot_reach_keep_no_label():
    """Centred merged labels: 质量指标 in the middle of its three rows cannot also cover the rows far above it
    (its middle would be rows higher), so they have no 二级 label, under 产出指标 centred on all nine. (The row
    right above its span could be its with the label on the lower of two middle rows: not asserted.)"""
    lines = ["项目支出绩效自评表（2023年度）", "项目名称 城市道路养护",
             "一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施",
             "养护里程 ≥20公里 22公里 5 5",
             "桥梁检测 ≥10座 10座 5 5",
             "路面修补面积 ≥500平方米 520平方米 5 5",
             "巡查次数 ≥12次 12次 5 5",
             "产出指标 清扫面积 ≥800平方米 820平方米 5 5",
             "验收合格率 100% 100% 5 5",
             "返修次数 ≤5次 3次 5 5",
             "质量指标 返修率 ≤5% 3% 5 5",
             "检测合格率 100% 100% 5 5",
             "通行效率 有效提升 有效提升 10 10",
             "效益指标 社会效益指标 交通事故减少 有效减少 有效减少 10 10",
             "出行安全 有效保障 有效保障 10 10",
             "满意度指标 服务对象满意度指标 市民满意度 ≥90% 95% 25 25",
             "总分 100 100"]
    [form] = jixiao.parse_text("\n".join(lines))
    levels = [(i.level1, i.level2) for i in form.indicators]
    assert levels[:5] == [("产出指标", None)] * 5
    assert levels[6:] == [*[("产出指标", "质量指标")] * 3, *[("效益指标", "社会效益指标")] * 3,
                          ("满意度指标", "服务对象满意度指标")]


def test_merged_labels_measured_by_their_boxes_stand_where_the_page_puts_them():
    """Rows rebuilt from a table printed without rules (a PDF): a label aligned with no row went with the nearest
    one, so counted in rows `数量指标`, centred beside row 甲 whose 偏差原因 takes two lines, stands on row 乙 and
    its span would take 乙 as well. Measured by the cells' boxes it stands beside 甲 alone, and `质量指标`,
    centred between 乙 and 丙, spans both."""
    from jixiao.assemble.indicators import RawRow
    from jixiao.assemble.levels import resolve_levels
    from jixiao.assemble.lexicon import lexicon

    def table() -> list[RawRow]:
        return [RawRow(name="甲", weight=5.0, line=1, last_line=1, row=0),
                RawRow(name="乙", weight=5.0, line=2, last_line=2, row=1,
                       labels=[("产出指标", "level1", "产出指标", (2, 2), (1, 1)),
                               ("数量指标", "level2", "数量指标", (2, 2), (1, 1))]),
                RawRow(name="丙", weight=5.0, line=3, last_line=3, row=2,
                       labels=[("质量指标", "level2", "质量指标", (3, 3), (2, 2))])]
    boxes = {1: [("甲", (10, 100, 40, 110), 1), ("5", (60, 100, 70, 110), 1), ("偏差原因", (80, 100, 120, 124), 1)],
             2: [("产出指标", (0, 135, 8, 145), 1), ("数量指标", (9, 107, 17, 117), 1), ("乙", (10, 140, 40, 150), 1),
                 ("5", (60, 140, 70, 150), 1)],
             3: [("质量指标", (9, 155, 17, 165), 1), ("丙", (10, 170, 40, 180), 1), ("5", (60, 170, 70, 180), 1)]}
    counted = [level2 for _, level2, _, _ in resolve_levels(table(), lexicon(), True)]
    measured = [level2 for _, level2, _, _ in resolve_levels(table(), lexicon(), True, boxes=boxes)]
    assert counted == ["数量指标", "数量指标", "质量指标"]
    assert measured == ["数量指标", "质量指标", "质量指标"]


def test_labels_cut_at_a_page_break_join_in_column_order():
    """'产出' and '数量' at the foot of a page, their rests '指标' '指标' at the top of the next, where the columns
    stand a little apart from the header's so both rests fall in the 二级 slot: each rest completes the label above
    it in column order (产出 is a label by itself, so only the order tells which rest is its)."""
    from jixiao.assemble.indicators import RawRow
    from jixiao.assemble.levels import _join_cut_labels
    from jixiao.assemble.lexicon import lexicon

    above = RawRow(labels=[("产出", "level1", "产出", (1, 1), (0, 0)),
                           ("数量", "level2", "数量", (1, 1), (0, 0))])
    below = RawRow(labels=[("指标", "level2", "指标", (2, 2), (1, 1)),
                           ("指标", "level2", "指标", (2, 2), (1, 1))])
    _join_cut_labels([above, below], lexicon())
    assert [(key, hint) for key, hint, *_ in above.labels] == [("产出指标", "level1"), ("数量指标", "level2")]
    assert below.labels == []
    # a lone rest in the 二级 slot completes the 二级 label, though the 一级 label before it would take it too
    above = RawRow(labels=[("产出", "level1", "产出", (1, 1), (0, 0)),
                           ("数量", "level2", "数量", (1, 1), (0, 0))])
    below = RawRow(labels=[("指标", "level2", "指标", (2, 2), (1, 1))])
    _join_cut_labels([above, below], lexicon())
    assert [key for key, *_ in above.labels] == ["产出", "数量指标"]


def test_a_label_cut_over_three_rows_goes_on_past_a_row_that_prints_another_label():
    """A 二级 label wrapped over three rows' lines in its narrow column, the 一级 label beside it wrapped over the
    last two (`服务对` / `满意度 象满意` / `指标 度指标`): the last piece goes on with the label its middle piece went
    on with, though the middle row prints a label of its own (before: `服务对象满意` and `度指标`). And a label's
    two rests on one row, one below the other (`可持续` / `影响指`, `标`), both go on with it."""
    from jixiao.assemble.indicators import RawRow
    from jixiao.assemble.levels import _join_cut_labels
    from jixiao.assemble.lexicon import lexicon

    rows = [RawRow(labels=[("服务对", "level2", "服务对", (1, 1), (0, 0))], row=0),
            RawRow(labels=[("满意度", "level1", "满意度", (2, 2), (1, 1)),
                           ("象满意", "level2", "象满意", (2, 2), (1, 1))], row=1),
            RawRow(labels=[("指标", "level1", "指标", (3, 3), (2, 2)),
                           ("度指标", "level2", "度指标", (3, 3), (2, 2))], row=2)]
    _join_cut_labels(rows, lexicon())
    assert [[key for key, *_ in row.labels] for row in rows] == [["服务对象满意度指标"], ["满意度指标"], []]
    rows = [RawRow(labels=[("可持续", "level2", "可持续", (1, 1), (0, 0))], row=0),
            RawRow(labels=[("影响指", "level2", "影响指", (2, 2), (1, 1)),
                           ("标", "level2", "标", (3, 3), (2, 2))], row=1)]
    _join_cut_labels(rows, lexicon())
    assert [[key for key, *_ in row.labels] for row in rows] == [["可持续影响指标"], []]


def test_centred_labels_of_even_spans_stand_in_the_same_half_throughout_a_table():
    """产出指标 on the second of four rows puts the label of an even span in its upper half; so 数量指标 on the
    first row spans two rows (not one, with 质量指标 on the lower of two), whatever the 分值 say."""
    lines = ["项目支出绩效自评表（2023年度）", "项目名称 职业技能培训",
             "一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施",
             "数量指标 培训总人数 ≥200人 280人 15 15",
             "产出指标 开发应用场景数 ≥5次 8次 10 10",
             "质量指标 出席率 ≥95% 100% 10 10",
             "时效指标 预算执行率 ≥50% 60% 25 25",
             "效益指标 社会效益指标 处置及时率 ≥95% 100% 30 30",
             "满意度指标 服务对象满意度指标 参训人员满意度 ≥90% 100% 10 10",
             "总分 100 100"]
    [form] = jixiao.parse_text("\n".join(lines))
    assert [i.level2 for i in form.indicators][:4] == ["数量指标", "数量指标", "质量指标", "时效指标"]

@pytest.mark.parametrize("layout", ["tab", "cell_lines"])
def test_a_continued_table_caption_and_a_row_ending_at_a_form_feed(layout):
    """'续表' over the header repeated on the new page is no cell; the row's last numbers before the form feed
    ('10' '10') are its 分值 and 得分, not page numbers (a page number at the first feed would be 1 or 2)."""
    rows = [["项目支出绩效自评表（2023年度）"], ["项目名称", "城市道路养护"],
            ["项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
            ["年度资金总额", "100", "100", "90", "10", "90%", "9"],
            ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
            ["产出指标", "数量指标", "养护里程", "≥20公里", "22公里", "10", "10"],
            ["\f续表"],
            ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
            ["产出指标", "质量指标", "验收合格率", "100%", "100%", "80", "80"],
            ["总分", "100", "99"]]
    text = "\n".join(("\n" if layout == "cell_lines" else "\t").join(r) for r in rows)
    [form] = jixiao.parse_text(text)
    assert [(i.level2, i.name, i.weight, i.score, i.deviation) for i in form.indicators] == [
        ("数量指标", "养护里程", 10, 10, None), ("质量指标", "验收合格率", 80, 80, None)]
    assert not [w for w in form.warnings if w.code == "P002"]


def test_a_web_page_layout_table_around_the_form_is_read_as_the_page():
    """Older government sites lay the page out in a table, the form's table in one of its cells: the tables
    nested in it hold most of its text, so its cells are the page's blocks and the form's table is read as one;
    a small table inside a form's cell stays text of that cell."""
    from tests.layout_render import render

    forms = golden_forms(SEEDS[3])
    page = render(forms, "html", seed=3)
    start, end = page.index("<table"), page.rindex("</table>") + len("</table>")
    wrapped = (page[:start] + '<table width="100%"><tr><td>首页<br>政务公开</td><td><div>' + page[start:end]
               + '</div></td></tr><tr><td colspan="2">版权所有</td></tr></table>' + page[end:])
    got, want = jixiao.parse_text(wrapped), jixiao.parse_text(page)
    assert len(got) == len(want) == len(forms)
    assert [f.record()["indicators"] for f in got] == [f.record()["indicators"] for f in want]
    assert [(f.project_name, f.funds.total.executed, f.total_score) for f in got] == [
        (f["project_name"], f["funds"]["total"]["executed"], f["total_score"]) for f in forms]


@pytest.mark.parametrize("seed", range(len(SEEDS)))
def test_an_indicator_table_nested_in_a_cell_of_the_forms_web_table(seed):
    """The indicator table pasted into the form's 绩效指标 row, a table in a cell: it is read as a table after
    that row, the rows below as another (before: its rows flattened into the cell's text, 61.86% of the fields
    of five forms of each sample)."""
    import html

    from tests.layout_render import expected, render
    from tests.scoring import score

    forms = golden_forms(SEEDS[seed])[:5]

    def row(cells: list[str]) -> str:
        return "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in cells) + "</tr>"

    parts = []
    for form in forms:
        lines = [line.split("\t") for line in render([form], "tab").split("\n") if line.strip()]
        header = next(i for i, line in enumerate(lines) if line[0].startswith("一级指标"))
        total = next(i for i in range(header, len(lines)) if lines[i][0].startswith("总分"))
        inner = '<table border="1">' + "".join(row(line) for line in lines[header:total]) + "</table>"
        width = max(len(line) for line in lines)
        parts.append(f"<p>{html.escape(lines[0][0])}</p><table border=\"1\">"
                     + "".join(row(line) for line in lines[1:header])
                     + f'<tr><td>绩效指标</td><td colspan="{width - 1}">{inner}</td></tr>'
                     + "".join(row(line) for line in lines[total:]) + "</table>")
    got = jixiao.parse_text("<html><body>" + "\n".join(parts) + "</body></html>")
    fields, matched, wrong, missing, extra = score([expected(f) for f in forms], [f.record() for f in got])
    assert matched == fields and not missing and not extra, "\n".join(wrong[:10])


def test_a_title_set_as_the_web_tables_caption():
    """A site's table with the form's title and year in its <caption> (before: both were lost)."""
    from tests.layout_render import render

    forms = golden_forms(SEEDS[3])[:2]
    page = render(forms, "html", seed=3)
    heading = re.compile(r"<h2>(.*?)</h2>\s*<p>(.*?)</p>\s*(<table[^>]*>)")
    assert len(heading.findall(page)) == len(forms)
    captioned = heading.sub(r"\3<caption>\1\2</caption>", page)
    got = jixiao.parse_text(captioned)
    assert [(f.title, f.year) for f in got] == [(f.title, f.year) for f in jixiao.parse_text(page)]
    assert [f.year for f in got] == [f["year"] for f in forms]


def test_a_bare_page_number_between_a_web_page_s_tables_is_no_text():
    """A document's pages turned into a web page, a table per page, the page's number between them ('<p>2</p>'):
    the number before the next table is a page's, not the start of the goal text whose row opens that table."""
    from tests.layout_render import render

    forms = golden_forms(SEEDS[3])[:1]
    page = render(forms, "html", seed=3)
    goal = forms[0]["goal_expected"]
    row = page.rindex("<tr>", 0, page.index(goal))
    split = page[:row] + '</table>\n<p>2</p>\n<table border="1">' + page[row:]
    [form] = jixiao.parse_text(split)
    assert (form.goal_expected, form.goal_actual) == (goal, forms[0]["goal_actual"])
    assert form.record()["indicators"] == jixiao.parse_text(page)[0].record()["indicators"]


@pytest.mark.parametrize("width", [9, 23, 76])
def test_a_web_page_whose_source_wraps_inside_its_text(width):
    """Word's "save as web page" wraps the page's source at about 76 columns, anywhere in Chinese text: a line
    break of the source is no break of the text a browser shows (none between two ideographs, a space elsewhere).
    Before, each was read as a line break inside the cell or paragraph (the next form's title cut into
    '财政项目支' / '出绩效自评表' was read as the grade of the form above)."""
    from tests.layout_render import render

    forms = golden_forms(SEEDS[1])
    page = render(forms, "html", seed=3)

    def wrapped(text: str) -> str:
        """Lines of about `width`, cut between ideographs only: Word breaks a tag at its spaces and sets digits
        and Latin words in runs (`<span lang=EN-US>2021</span>`) apart from the ideographs around them."""
        out, line = [], ""
        for ch in text:
            if len(line) >= width and "\u4e00" <= line[-1] <= "\u9fff" and "\u4e00" <= ch <= "\u9fff":
                out.append(line)
                line = ""
            line += ch
        return "\n".join(out + [line])

    source = re.sub(r"(?<=>)([^<]+)", lambda m: wrapped(m.group(1)), page)
    assert source.count("\n") > page.count("\n") + len(forms)
    got, want = jixiao.parse_text(source, "page.html"), jixiao.parse_text(page, "page.html")
    assert [f.record() | {"source": None} for f in got] == [f.record() | {"source": None} for f in want]
    assert [f.grade for f in got] == [f["grade"] for f in forms]


def _bare(text: str | None) -> str:
    """A text without its spaces (a layout may wrap a text at one, or add one where it wraps)."""
    return re.sub(r"\s", "", text or "")


def _copied_goals(forms: list[dict]) -> list[dict]:
    """The forms with each long goal copied as its report (实际完成情况 = 预期目标), as many forms print them."""
    return [form | {"goal_actual": form["goal_expected"]} if len(form["goal_expected"] or "") > 30 else form
            for form in forms]


@pytest.mark.parametrize("layout", ["cell_lines", "pdf_flow"])
@pytest.mark.parametrize("seed", [2, 3, 4])
def test_a_goal_copied_as_its_report_is_read_as_both(layout, seed):
    """A goal and its report the same text: two lines that open alike are two texts, not one wrapped beside
    another (before: the text's first words on each line were read as the goal, its last ones as the report),
    and a line that is one text printed twice, side by side, is cut between the copies (before: where a copy's
    line opened with a mark no line opens with, `;确保…`, the two were read as one text)."""
    forms = _copied_goals(golden_forms(SEEDS[seed]))
    got = jixiao.parse_text(render_layout(forms, layout), "copied.txt")
    assert [(_bare(f.goal_expected), _bare(f.goal_actual)) for f in got] == [
        (_bare(f["goal_expected"]), _bare(f["goal_actual"])) for f in forms]


@pytest.mark.parametrize("layout", ["cell_lines", "blank_separated", "pdf_flow"])
@pytest.mark.parametrize("seed", [0, 4])
def test_a_goal_whose_report_is_left_empty_is_not_cut_in_two(layout, seed):
    """实际完成情况 left empty (a form filed before the year's report was written): where the headings stand apart
    and no break inside the text is as strong as the one between them (a cell per line or per paragraph), or the
    text's lines under headings side by side fill one column alike, the text may be one cell, and it is, unless a
    cut is clearly better. Before, it was cut in two wherever a cut scored best, mid-word too."""
    forms = [form | {"goal_actual": None} for form in golden_forms(SEEDS[seed])]
    got = jixiao.parse_text(render_layout(forms, layout), "blank.txt")
    exact = sum((_bare(f.goal_expected), f.goal_actual) == (_bare(g["goal_expected"]), None)
                for f, g in zip(got, forms, strict=True))
    assert exact >= len(forms) - 2  # (a text whose line ends a sentence at its column's edge may still be cut)


@pytest.mark.parametrize("layout", ["cell_lines", "blank_separated", "space_rows", "one_line", "aligned", "tab"])
def test_a_form_not_scored_yet_reads_each_rows_points(layout):
    """A form published before it was scored: every 得分 blank, its 总分 row printing the 分值's 100 alone. Where
    the text kept no blank cell, each row ends at its 分值, the last of its small numbers, and its 得分 is none
    (before: rows were looked for by their 分值 and 得分 side by side, none was found, and the whole table was
    read as one row: 44.40% of the samples' forms in a cell per line)."""
    forms = [form | {"indicators": [i | {"score": None} for i in form["indicators"]], "total_score": None}
             for seed in (0, 2) for form in golden_forms(SEEDS[seed])]
    got = jixiao.parse_text(render_layout(forms, layout), "unscored.txt")
    assert [[(i.weight, i.score) for i in f.indicators] for f in got] == [
        [(i["weight"], None) for i in f["indicators"]] for f in forms]
    assert {(f.total_weight, f.total_score) for f in got} == {(100, None)}


def test_a_total_whose_points_cell_is_blank_leaves_a_scored_form_scored():
    """`总分 | | 100` (a form scored in full, its 分值 total left blank) prints 100 alone too: where half its rows or
    more end in a 分值 and a 得分 printed alike (`10.00 10.00`), the form is scored, and its rows keep both."""
    forms = [form | {"indicators": [i | {"score": i["weight"]} for i in form["indicators"]], "total_weight": None,
                     "total_score": 100.0} for form in golden_forms(SEEDS[0])]
    got = jixiao.parse_text(render_layout(forms, "cell_lines"), "perfect.txt")
    assert [[(i.weight, i.score) for i in f.indicators] for f in got] == [
        [(i["weight"], i["weight"]) for i in f["indicators"]] for f in forms]


@pytest.mark.parametrize("layout", ["blank_separated", "pdf_flow"])
def test_a_short_report_after_a_goal_without_its_stop(layout):
    """A goal that ends without a stop and a report of a few words (`…健康发展` / `已完成`), as many forms print
    them: a cell per paragraph cuts at the block's one paragraph break (the goal's wrapped lines are the block's
    other breaks), and under headings side by side the report is a line beside the goal's first (before: 4 of
    29 forms read right in a cell per paragraph, 6 of 29 in flowed PDF text)."""
    forms = [form | {"goal_expected": form["goal_expected"].rstrip("。；;."), "goal_actual": "已完成"}
             for seed in (0, 3) for form in golden_forms(SEEDS[seed])]
    got = jixiao.parse_text(render_layout(forms, layout), "short.txt")
    exact = sum((_bare(f.goal_expected), f.goal_actual) == (_bare(g["goal_expected"]), "已完成")
                for f, g in zip(got, forms, strict=True))
    assert exact >= len(forms) - 3


def test_a_number_s_measure_word_wrapped_below_goes_on_its_cell():
    """Flowed PDF text of rows whose 偏差原因 wraps right after a number (`完成率95%，较目标低5` / `个百分点`): the
    measure word opening the line below goes on the cell that ends in the number (before: it was taken for the
    rest of the next row's name, or of the row's own name)."""
    deviation = "完成率95%，较目标低5个百分点"
    forms = [form | {"indicators": [i | {"deviation": deviation} for i in form["indicators"]]}
             for form in golden_forms(SEEDS[2])]
    text = render_layout(forms, "pdf_flow")
    assert "较目标低5\n" in text
    got = jixiao.parse_text(text, "wrapped.txt")
    rows = [(i.name, i.deviation) for f in got for i in f.indicators]
    assert rows == [(i["name"], deviation) for f in forms for i in f["indicators"]]


def test_a_satisfaction_indicator_in_a_row_without_a_second_level_label():
    """`满意度指标 / 服务对象满意度 / 满意 / 满意 / 10 / 10`, a cell per line, the row's 二级 label left blank: the
    name printed like a label without its 指标, after the 一级 label alone, with just the cells after it that the
    row's target and actual need, is the row's name (before: read as its 二级 label, the target as the name)."""
    forms = [form | {"indicators": [i | {"level2": None} for i in form["indicators"]]}
             for form in golden_forms(SEEDS[2])]
    got = jixiao.parse_text(render_layout(forms, "cell_lines"), "no_level2.txt")
    rows = [(i.level2, i.name, i.target) for f in got for i in f.indicators if "满意度" in (i.name or "")]
    assert rows == [(None, i["name"], i["target"]) for f in forms for i in f["indicators"] if "满意度" in i["name"]]


@pytest.mark.parametrize("between", ["\n\n2\n\n", "\n2\n"])
def test_a_page_number_inside_the_goals_block_is_no_goal_text(between):
    """A page break right under the goal headings leaves the page's number alone on a line (`2` between blank
    lines, or between two tables' rows): no goal text — before, it was read as the goal, or glued to its
    front (`2围绕…`), and the goal taken for the report."""
    rows = ["财政项目支出绩效自评表", "(2023年度)", "项目名称\t培训服务", "主管部门\t某局\t实施单位\t某中心",
            "项目资金(万元)\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分",
            "年度资金总额\t10\t10\t10\t10\t100%\t10", "年度总体目标\t预期目标\t实际完成情况"]
    tail = ["\t完成培训任务，提升服务能力。\t培训任务全部完成。",
            "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施",
            "产出指标\t数量指标\t培训场次\t≥4场\t4场\t90\t90\t", "总分\t\t\t\t\t100\t100\t", ""]
    [form] = jixiao.parse_text("\n".join(rows) + between + "\n".join(tail), "paged.txt")
    assert (form.goal_expected, form.goal_actual) == ("完成培训任务，提升服务能力。", "培训任务全部完成。")


@pytest.mark.parametrize("layout", ["cell_lines", "space_rows", "pdf_flow"])
def test_an_operator_a_space_before_its_number_is_one_value(layout):
    """Targets typed with a space after their operator (`≥ 95%`, `= 100.00(%)`): in plain text the operator is
    never a cell of its own (before: it was read as a name's end or a cell, the number as the next cell)."""
    spaced = re.compile(r"^([≥≤=])(?=\d)")
    forms = [form | {"indicators": [i | {"target": spaced.sub(r"\1 ", i["target"] or "") or None}
                                     for i in form["indicators"]]} for form in golden_forms(SEEDS[0])]
    got = jixiao.parse_text(render_layout(forms, layout), "spaced.txt")
    pairs = [(_bare(i.target), _bare(w["target"])) for f, g in zip(got, forms, strict=True)
             for i, w in zip(f.indicators, g["indicators"], strict=True) if spaced.match(_bare(w["target"]))]
    assert len(pairs) > 20 and all(a == b for a, b in pairs)


def test_paragraphs_a_blank_line_apart_are_no_side_by_side_lines():
    """A browser's text of a Word page (`innerText`, what a scraper or a copy of the page gives): each cell's
    paragraph between blank lines, cells parted by tabs, and a space where the page's source wrapped between two
    ideographs (Chromium shows one; here in each goal, not in its report). Two such lines are two cells, not two
    texts printed a line of each in turn (before: the first line's space was taken for the cut between the goal
    and its report)."""
    forms = golden_forms(SEEDS[3])

    def spaced(text: str) -> str:  # (a source line break between two ideographs, two thirds in)
        k = next(k for k in range(len(text) * 2 // 3, len(text))
                 if "\u4e00" <= text[k - 1] <= "\u9fff" and "\u4e00" <= text[k] <= "\u9fff")
        return text[:k] + " " + text[k:]

    rows = [line.split("\t") for line in render_layout(forms, "tab").split("\n")]
    page = "\n\n\n\n\n".join("\n\n\t\n\n".join(
        spaced(c) if len(c) > 30 and c in {f["goal_expected"] for f in forms} else c or "\xa0" for c in row)
        for row in rows)
    assert page.count(" ") >= len(forms)
    got = jixiao.parse_text(page, "page.txt")
    assert [(_bare(f.goal_expected), _bare(f.goal_actual)) for f in got] == [
        (_bare(f["goal_expected"]), _bare(f["goal_actual"])) for f in forms]


def test_a_sheet_saved_as_csv_is_read_as_its_table():
    """Quoted fields keep their commas ('1,250.00') and their line breaks (a goal of two paragraphs)."""
    text = "\n".join([
        "项目支出绩效自评表（2021年度）,,,,,,,",
        "项目名称,老年人助餐服务补贴,,,,,,",
        "项目资金（万元）,,年初预算数,全年预算数,全年执行数,分值,执行率,得分",
        ',年度资金总额,"1,250.00","1,250.00","1,187.50",10,95%,9.5',
        '年度总体目标,"1. 为全区老年人提供助餐服务。\n2. 日均服务3000人次。",,,,,,',
        "一级指标,二级指标,三级指标,年度指标值,实际完成值,分值,得分,偏差原因分析及改进措施",
        "产出指标,数量指标,日均助餐人次,≥3000人次,3150人次,90,89.5,",
        "总分,,,,,100,99,"])
    [form] = jixiao.parse_text(text, "form.csv")
    assert (form.funds.total.annual_budget, form.funds.total.executed) == (1250, 1187.5)
    assert form.goal_expected == "1. 为全区老年人提供助餐服务。2. 日均服务3000人次。"
    assert (form.indicators[0].name, form.indicators[0].score, form.total_score) == ("日均助餐人次", 89.5, 99)


def test_space_separated_rows_with_thousands_separators_are_not_csv():
    from jixiao.read.delimited import looks_delimited

    text = SEEDS[3].read_text(encoding="utf-8").replace("\t", " ")
    amounts = text.replace("409.90", "1,409.90").replace("495.40", "1,495.40")
    assert not looks_delimited(amounts) and jixiao.parse_text(amounts)
    # a report written with ASCII commas, its form in pipe rows: prose clauses are no sheet's fields
    report = "\n".join(["根据要求,购买安可设备,并完成项目资金支付,按期完成各项工作。"] * 20
                       + ["| 项目名称 | 安可替代补助资金项目 |", "| 主管部门 | 某县司法局 |"])
    assert not looks_delimited(report)


def test_text_that_is_no_valid_csv_after_all_is_read_line_by_line_with_a_warning():
    """A quote never closed runs past the csv module's field limit: the text is read as lines, and says so."""
    from jixiao.read.text import read_text

    text = "\n".join(["项目名称,甲,乙,,"] * 300 + ['备注,"' + "很长" * 70000, "总分,100,99"])
    doc = read_text(text, "broken.csv")
    assert len(doc.tokens) >= 300 and "不是有效的 CSV" in doc.warnings[0].message


def test_a_web_page_drawing_its_table_with_divs_is_read_as_lines_of_cells():
    """A page whose table is <div> rows of <div> cells (no <table>): the page goes to the HTML reader, each cell a
    line, and a heading cut over lines ('实际<br>完成值') is joined though '完成值' is a heading of its own."""
    import re

    from tests.layout_render import render

    forms = golden_forms(SEEDS[3])
    page = render(forms, "html", seed=3).replace("实际完成值", "实际<br>完成值")
    page = re.sub(r"<(table|tr|td|th)\b[^>]*>", '<div class="cell">', page)
    page = re.sub(r"</(table|tr|td|th)>", "</div>", page)
    assert "<td" not in page
    got = jixiao.parse_text(page)
    assert [f.record()["indicators"] for f in got] == [f["indicators"] for f in forms]
    assert [(f.project_name, f.funds.total.executed) for f in got] == [
        (f["project_name"], f["funds"]["total"]["executed"]) for f in forms]


@pytest.mark.parametrize("sep", ["\t", " ", "\n"])
def test_a_grade_printed_on_the_total_row_after_its_numbers(sep):
    """'总分 100 96 优秀' in a form without a 评分等级 row: the word after the numbers is the grade."""
    rows = [["项目支出绩效自评表（2022年度）"], ["项目名称", "乡村道路维护"],
            ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
            ["产出指标", "数量指标", "维护里程", "≥100公里", "102公里", "100", "96"], ["总分", "100", "96", "优秀"]]
    [form] = jixiao.parse_text("\n".join(sep.join(r) for r in rows))
    assert (form.total_weight, form.total_score, form.grade) == (100, 96, "优秀")
    assert not [w for w in form.warnings if w.code == "P002"]


@pytest.mark.parametrize("sep", [" ", "\n"])
def test_cells_glued_together_by_a_copied_web_table_and_a_total_row_named_heji(sep):
    """A web table copied without its cell boundaries glues the level labels to the name and the target to the
    name ('产出指标数量指标足额保障率=100%'); 合计 after the indicators is the 总分 row."""
    rows = [["项目支出绩效自评表（2021年度）"], ["项目名称", "工资福利保障经费"],
            ["一级指标", "二级指标", "三级指标", "年度指标值", "分值", "得分"],
            ["产出指标数量指标足额保障率=100%", "30", "30"], ["科目调整次数≤10次", "30", "28"],
            ["效益指标(30分)经济效益指标结余率≤5%", "30", "30"],
            ["满意度指标", "服务对象满意度指标", "服务对象满意度指标指标", "≥85%", "10", "10"], ["合计", "100", "98"]]
    [form] = jixiao.parse_text("\n".join(sep.join(r) for r in rows))
    assert [(i.level1, i.level2, i.name, i.target, i.score) for i in form.indicators] == [
        ("产出指标", "数量指标", "足额保障率", "=100%", 30), ("产出指标", "数量指标", "科目调整次数", "≤10次", 28),
        ("效益指标(30分)", "经济效益指标", "结余率", "≤5%", 30),
        ("满意度指标", "服务对象满意度指标", "服务对象满意度指标指标", "≥85%", 10)]  # (a name: not split)
    assert (form.total_weight, form.total_score) == (100, 98)


def test_dashed_cells_around_a_rate_in_a_one_line_document_are_no_page_footer():
    """'- 100 -' in a flattened document is a fund row's dash cells around its execution rate; '- 2 -' is a page
    footer only when numbered in sequence with another ('- 2 -' … '- 3 -')."""
    goal = "保障全市档案数字化建设工作顺利开展，完成年度各项任务目标。" * 6
    rows = [["项目支出绩效自评表（2019年度）"], ["项目名称", "档案数字化建设项目"],
            ["项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
            ["年度资金总额", "0.00", "10.36", "10.36", "10", "100", "10"],
            ["其中：当年财政拨款", "0.00", "10.36", "10.36", "-", "100", "-"],
            ["年度总体目标", "预期目标", "实际完成情况"], [goal, goal],
            ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
            ["产出指标", "数量指标", "数字化档案数量", "≥1万卷", "1.2万卷", "90", "90"], ["总分", "100", "100"]]
    [form] = jixiao.parse_text(" ".join(" ".join(r) for r in rows), "one_line.txt")
    assert (form.funds.current_year.executed, form.funds.current_year.execution_rate) == (10.36, 100)
    assert form.funds.current_year.weight is None and form.indicators[0].score == 90


def test_a_table_copied_as_a_cell_per_line_each_ended_by_a_bar():
    """A web page copied a cell per line, each ended by '|' and an empty cell a lone '|' (a Sichuan county's
    page): read as a cell per line, not as tables of one cell a row; a label's decoration printed apart
    ('实施单位 (盖章)') is not the start of its value."""
    from tests.layout_render import render

    forms = golden_forms(SEEDS[3])
    lines = render(forms, "cell_lines_blank", seed=3).replace("实施单位\n", "实施单位 (盖章)\n").split("\n")
    text = "\n".join(f"{line} |" if line.strip() else "|" for line in lines)
    got = jixiao.parse_text(text)
    assert [f.record()["indicators"] for f in got] == [f["indicators"] for f in forms]
    assert [(f.implementing_unit, f.funds.total.executed, f.total_score) for f in got] == [
        (f["implementing_unit"], f["funds"]["total"]["executed"], f["total_score"]) for f in forms]


@pytest.mark.parametrize("blank", ["", "—", "不适用"])
@pytest.mark.parametrize("layout", ["tab", "pipe", "html", "cell_lines"])
def test_a_table_row_whose_score_cell_holds_no_score(layout, blank):
    """A row of a real table with its 得分 blank, '—' or '不适用': its 分值 under the header's 分值 column anchors
    it, the 得分 is none (with P030), and the rows around it read as printed — also where its target and actual
    are numbers too ('90 95 10': no 分值 and 得分 pair), and in a table printed a cell per line whose empty cells
    are blank lines (its rows counted out by the header's columns)."""
    rows = [["项目支出绩效自评表（2023年度）"], ["项目名称", "农村饮水安全维修养护"],
            ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
            ["产出指标", "数量指标", "维修养护工程数量", "=32处", "32处", "40", "40", ""],
            ["产出指标", "质量指标", "工程验收合格率", "≥95%", "100%", "20", blank, ""],
            ["效益指标", "社会效益指标", "受益人口", "≥5万人", "5.2万人", "30", "28", "部分工程延期"],
            ["满意度指标", "服务对象满意度指标", "群众满意度", "90", "95", "10", blank, ""],
            ["总分", "", "", "", "", "100", "68", ""]]
    [form] = jixiao.parse_text(TABLE_LAYOUTS[layout](rows))
    assert [(i.name, i.actual, i.weight, i.score, i.deviation) for i in form.indicators] == [
        ("维修养护工程数量", "32处", 40, 40, None), ("工程验收合格率", "100%", 20, None, None),
        ("受益人口", "5.2万人", 30, 28, "部分工程延期"), ("群众满意度", "95", 10, None, None)]
    assert [w.path for w in form.warnings if w.code == "P030"] == ["indicators.1.score", "indicators.3.score"]


def test_rows_each_cell_ended_by_a_bar_keep_their_empty_first_cells():
    """Rows whose every cell is ended by '|' (`a | b |`, an empty cell a bare '|'): a '|' opening a line ends an
    empty first cell, not a border, so the cells after it stand in their columns."""
    text = "一级指标 | 二级指标 | 三级指标 | 分值 | 得分 |\n产出指标 | 数量指标 | 道路里程 | 50 | 48 |\n" \
           "|| 桥梁数量 | 50 | |\n总分 | 100 | 48 |\n"
    from jixiao.read.text import read_text

    rows = {}
    for tok in read_text(text, "bars.txt").tokens:
        rows.setdefault(tok.row, []).append((tok.col, tok.text))
    assert rows[2] == [(0, ""), (1, ""), (2, "桥梁数量"), (3, "50"), (4, "")]
    assert rows[1][0] == (0, "产出指标")


@pytest.mark.parametrize("layout", ["blank_separated", "cell_lines", "space_rows"])
def test_template_numbering_placeholder_rows_and_a_zero_deviation(layout):
    """A unit filling in the template (a Hebei school's form): names after the template's numbering ('指标1工程完工率'),
    rows left unfilled ('指标2', '……') and a 偏差原因 printed '0' after a target met with full points."""
    rows = [["项目支出绩效自评表（2019年度）"], ["项目名称", "暖通改造经费"],
            ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
            ["产出指标", "质量指标", "指标1工程完工率", "100", "100", "45", "45", ""],
            ["", "", "指标2", "", "", "", "", ""], ["", "", "……", "", "", "", "", ""],
            ["效益指标", "社会效益指标", "指标1学校发展能力", "100", "100", "45", "45", "0"],
            ["", "", "指标2", "", "", "", "", ""], ["总分", "", "", "", "", "90", "90", ""]]
    [form] = jixiao.parse_text(TABLE_LAYOUTS[layout](rows))
    assert [(i.name, i.target, i.actual, i.weight, i.score, i.deviation) for i in form.indicators] == [
        ("工程完工率", "100", "100", 45, 45, None), ("学校发展能力", "100", "100", 45, 45, "0")]


def test_labels_wrapped_in_a_narrow_column_beside_their_values():
    """A table printed without rules, its label column narrow: a label wraps onto the next line below its first
    piece, the value beside the first piece ('项目' / '名称'; '其中：当年财' / '政拨款'). The pieces join by their
    column; level labels are left to the indicator table's own reading by column."""
    text = "\n".join([
        "项目支出绩效自评表（2023年度）",
        "项目    农村饮水安全维修养护",
        "名称",
        "主管    某某县水利局              实施单位    某某县水务中心",
        "部门",
        "项目资金    年初预算数    全年预算数    全年执行数    分值    执行率    得分",
        "（万元）",
        "年度资金总额    100    100    90    10    90%    9",
        "其中：当年财    80    80    75    -    93.75%    -",
        "政拨款",
        "一级指标    二级指标    三级指标    年度指标值    实际完成值    分值    得分",
        "产出指标    数量指标    维修养护工程数量    =32处    32处    90    87",
        "总分    100    96"])
    [form] = jixiao.parse_text(text, "narrow.txt")
    assert (form.project_name, form.department, form.implementing_unit) == (
        "农村饮水安全维修养护", "某某县水利局", "某某县水务中心")
    assert (form.funds.current_year.annual_budget, form.funds.current_year.executed) == (80, 75)
    assert (form.indicators[0].name, form.total_score) == ("维修养护工程数量", 96)


def test_labels_set_distributed_join_across_wide_gaps():
    """A label set 分散对齐 in a cell of a table without rules: two characters at the cell's edges (`分      值`) are
    one label where they make one exactly, and a narrow cell's two lines of two characters (`产    出` /
    `指    标`), read down as two stacks (`产指` `出标`), are read across."""
    text = ("项目资金(万元)      年初预算数      分      值      执行率      得      分\n"
            "一指      级标      二级指标      三级指标\n产指      出标      数量指标      保障次数\n")
    units = join_split_labels(units_of(read_text(text, "x")), lexicon(()))
    assert [u.text for u in units] == ["项目资金(万元)", "年初预算数", "分值", "执行率", "得分", "一级指标", "二级指标",
                                       "三级指标", "产出指标", "数量指标", "保障次数"]


@pytest.mark.parametrize("separator", ["\t", " | "])
def test_a_label_cut_by_a_page_break_in_a_text_table_joins_the_label_above(separator):
    """A table of certain cells (text extracted from a PDF, a Markdown table) whose merged labels a page break
    cut: `产出` `数量` on the span's first row, `指标` `指标` on the first row of the next page, rows of the span
    between. The rests complete the labels of the nearest row above that prints labels."""
    rows = [["财政项目支出绩效自评表（2023年度）"], ["项目名称", "某项目"], ["主管部门", "某局", "实施单位", "某中心"],
            ["项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
            ["年度资金总额", "100", "100", "90", "10", "90%", "9"],
            ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
            ["产出", "数量", "保障次数", "≥200", "235", "30", "30", ""],
            ["", "", "采购次数", "≥10", "12", "20", "20", ""],
            ["\f指标", "指标", "出行次数", "≥5", "6", "20", "20", ""],
            ["", "质量指标", "合格率", "≥90%", "95%", "10", "10", ""],
            ["满意度指标", "服务对象满意度指标", "满意度", "≥90%", "95%", "10", "10", ""], ["总分", "100", "99"]]
    [form] = jixiao.parse_text("\n".join(separator.join(r) for r in rows), "cut.txt")
    assert [(i.level1, i.level2) for i in form.indicators] == [("产出指标", "数量指标")] * 3 + [
        ("产出指标", "质量指标"), ("满意度指标", "服务对象满意度指标")]


def _piped(path: Path) -> bool:
    """Most of the file's lines are rows of cells printed with `|` between them."""
    lines = [line for line in path.read_text(encoding="utf-8").split("\n") if line.strip()]
    return sum(" | " in line for line in lines) > len(lines) / 2


def _relaid(text: str, layout: str) -> str:
    """A real form printed with `|` between its cells, laid out otherwise (its other lines kept as they are)."""
    rows = [[c.strip() for c in line.strip().strip("|").split("|")] if "|" in line else [line]
            for line in text.split("\n")]
    if layout == "html":
        return "<table>" + "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows) + "</table>"
    cells = {"tab": lambda r: "\t".join(r), "space_rows": lambda r: " ".join(c for c in r if c),
             "cell_lines": lambda r: "\n".join(c for c in r if c), "one_line": lambda r: " ".join(c for c in r if c)}
    return (" " if layout == "one_line" else "\n").join(cells[layout](r) for r in rows)


@pytest.mark.parametrize("layout", ["tab", "space_rows", "cell_lines", "one_line", "html"])
@pytest.mark.parametrize("raw", [p for p in REAL_FORMS if _piped(p)], ids=lambda p: p.stem)
def test_real_forms_read_as_well_in_other_layouts(raw, layout, compare):
    """The real forms printed with `|` between cells, laid out as the other publishers print them: as well read.
    A header of two rows run together on one line (`绩效指标 年度指标值 … 一级指标 … 指标性质 指标值 度量单位`) keeps
    its composite columns (before, a document on one line read every indicator's cells as its 实际完成值)."""
    gold = json.loads((REAL / "truth" / f"{raw.stem}.json").read_text(encoding="utf-8"))["forms"]
    text = _relaid(raw.read_text(encoding="utf-8"), layout)
    got = [f.record() for f in jixiao.parse_text(text, f"{raw.stem}.{'html' if layout == 'html' else 'txt'}")]
    accuracy, extra = _accuracy(compare, got, gold)
    assert accuracy >= 99.0 and extra == 0, (accuracy, extra)


@pytest.mark.parametrize("raw", REAL_FORMS, ids=lambda p: p.stem)
def test_real_forms_with_their_cells_glued(raw, compare):
    """The real forms with every space and `|` between their cells taken out (a web page's text without its
    tags' spacing): each is found and read (measured 72.97–93.10%; before glued runs were cut, 0–37.84%, one
    not found). What stays unread is what nothing in the text tells apart (a target and an actual glued as
    numbers, `500600余人`; a name and its texts all text)."""
    gold = json.loads((REAL / "truth" / f"{raw.stem}.json").read_text(encoding="utf-8"))["forms"]
    text = re.sub(r"[ \t|]+", "", raw.read_text(encoding="utf-8"))
    got = [f.record() for f in jixiao.parse_text(text, f"{raw.stem}.txt")]
    accuracy, extra = _accuracy(compare, got, gold)
    assert accuracy >= 60.0 and extra == 0 and len(got) == len(gold), (accuracy, extra)


FLOWED_FORM = """财政项目支出绩效自评表(2024年度)
项目名称 档案数字化专项经费

主管部门 某县司法局 实施单位 某县司法局

项目资金 年初预算数 全年预算数 全年执行数 分值 执行率(%) 得分
(万元)

年度资金总额 2.33 551.24 551.24 10.00 100.00 10.00

年度 预期目标 实际完成情况
总体
目标

{goals}
绩效目标。

一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措
施

产出指标

数量指标

宣传活动次数 ≥4次 4次 40.00 40.00

制度建设完善程度 有效 有效 50.00 45.00 部分资金未及时支付，
后续加快拨付进度。

总分 100.00 95.00
""".format(goals="围绕档案数字化年度重点任务，加强组织实施和过程管理，实现预期 "
                 "已按计划完成档案数字化各项工作任务，资金使用规范，成效明显。")


def test_flowed_pdf_text_a_short_right_goal_and_a_wrapped_deviation_that_goes_on():
    """A PDF's text printed line by line: under headings side by side, the 实际完成情况 is one line beside the
    预期目标's first, which goes on alone below ('绩效目标。', words of the form ending a sentence: text); a 偏差原因
    whose first line ends in a comma takes the wrapped line, not the row's name beside it (the table's widest)."""
    [form] = jixiao.parse_text(FLOWED_FORM)
    assert form.goal_expected == "围绕档案数字化年度重点任务，加强组织实施和过程管理，实现预期绩效目标。"
    assert form.goal_actual == "已按计划完成档案数字化各项工作任务，资金使用规范，成效明显。"
    row = form.indicators[1]
    assert (row.name, row.deviation) == ("制度建设完善程度", "部分资金未及时支付，后续加快拨付进度。")


def test_bars_of_a_page_s_navigation_in_a_document_on_one_line_are_no_table_row():
    """A web page's text on one line, its navigation '设为首页|加入收藏|…' before the form: the bars do not make the
    whole document a table row of four cells."""
    text = "设为首页|加入收藏|无障碍浏览 您现在所在的位置：网站首页 " + " ".join(
        line for line in FLOWED_FORM.replace("\n", " ").split(" ") if line)
    [form] = jixiao.parse_text(text)
    assert (form.project_name, form.total_score, len(form.indicators)) == ("档案数字化专项经费", 95.0, 2)


def test_cells_of_a_csv_sheet_exported_with_their_markup():
    """A CSV exported from a web system keeps its cells' markup: resolved as in any text table."""
    rows = ["项目名称,<p>档案数字化&nbsp;专项经费</p>,,", "一级指标,二级指标,三级指标,年度指标值,实际完成值,分值,得分",
            "产出指标,数量指标,<p>宣传活动次数</p>,≥4次,4次,100,100", "总分,,,,,100,100"]
    [form] = jixiao.parse_text("项目支出绩效自评表(2024年度)\n" + "\n".join(rows))
    assert form.project_name == "档案数字化专项经费" and form.indicators[0].name == "宣传活动次数"


_HEADER = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"]
_BEFORE_BREAK = [_HEADER, ["产出指标", "数量指标", "培训场次", "≥10场", "8场", "50", "40",
                           "受天气影响部分工作延期，下年度提前谋划。"]]
_AFTER_BREAK = [_HEADER, ["效益指标", "社会效益指标", "群众获得感", "有效", "有效", "50", "50", ""],
                ["总分", "", "", "", "", "100", "90", ""]]


def _latex(rows: list[list[str]]) -> str:
    body = "\n".join(" & ".join(r) + " \\\\ \\hline" for r in rows)
    return "\\begin{tabular}{llllllll}\n" + body + "\n\\end{tabular}"


_PAGED = {  # the two pages of a form, the page's bare number between them, as each layout prints them
    "cell_lines": lambda a, b: "\n".join(c for r in a for c in r) + "\n2\n" + "\n".join(c for r in b for c in r),
    "blank_separated": lambda a, b: "\n\n".join([*(c for r in a for c in r if c), "2",
                                                  *(c for r in b for c in r if c)]),
    "one_line": lambda a, b: " ".join([*(c for r in a for c in r if c), "2", *(c for r in b for c in r if c)]),
    "latex": lambda a, b: _latex(a) + "\n2\n" + _latex(b),
    "latex_newpage": lambda a, b: _latex(a) + "\n\\newpage\n" + _latex(b),
    "html": lambda a, b: TABLE_LAYOUTS["html"](a) + '<p class="page">2</p>' + TABLE_LAYOUTS["html"](b),
    "csv": lambda a, b: "项目名称,职业技能培训,,,,,,\n" + "\n".join(",".join(r) for r in a) + "\n\n2,,,,,,,\n\n"
    + "\n".join(",".join(r) for r in b),
}


@pytest.mark.parametrize("layout", _PAGED)
def test_a_page_s_bare_number_before_the_header_repeated_on_the_next_page(layout):
    """A page break inside the indicator table: the page's bare number (a line of its own between two tables of a
    web page or LaTeX, a sheet's row of it alone, or after the row's 偏差原因 in text of a cell per line or one
    line) is no cell of the rows around it; `\\newpage` is a page break."""
    head = "" if layout == "csv" else "项目名称 职业技能培训\n"
    text = "项目支出绩效自评表(2023年度)\n" + head + _PAGED[layout](_BEFORE_BREAK, _AFTER_BREAK)
    [form] = jixiao.parse_text(text)
    assert [(i.name, i.score, i.deviation) for i in form.indicators] == [
        ("培训场次", 40.0, "受天气影响部分工作延期，下年度提前谋划。"), ("群众获得感", 50.0, None)]
    assert form.total_score == 90.0


def test_a_page_number_opening_the_indicator_body_after_a_break_below_the_header():
    """A page break right below the indicator header, a cell per line: the next page's number opens the body and is
    no row's first cell (a row number would be 1)."""
    rows = [_HEADER, ["产出指标", "数量指标", "培训场次", "≥10场", "8场", "100", "90", ""], ["总分", "100", "90"]]
    cells = [c for r in rows for c in r if c]
    text = "项目支出绩效自评表(2023年度)\n项目名称 职业技能培训\n" + "\n".join(cells[:8] + ["", "3", ""] + cells[8:])
    [form] = jixiao.parse_text(text)
    assert [(i.level1, i.name, i.score) for i in form.indicators] == [("产出指标", "培训场次", 90.0)]


def test_a_sheet_s_row_of_a_bare_page_number_set_apart_is_a_page_break():
    """A CSV sheet with a page's number printed into a row of its own between empty rows, right below the header:
    a page break, not a row's first cell."""
    rows = ["项目名称,职业技能培训,,,,,,", ",".join(_HEADER), "", "3,,,,,,,", "",
            "产出指标,数量指标,培训场次,≥10场,8场,100,90,", "总分,,,,,100,90,"]
    [form] = jixiao.parse_text("项目支出绩效自评表(2023年度)\n" + "\n".join(rows))
    assert [(i.level1, i.name, i.score) for i in form.indicators] == [("产出指标", "培训场次", 90.0)]


def test_a_ruled_table_continued_after_a_page_break_joins_its_wrapped_cells():
    """A table ruled under every row, continued after a page break: the repeated header lost its top rule and the
    rest of the table holds only three rules; its wrapped header cell ('…改进措' / '施') is still one cell."""
    rule = "+" + "----+" * 8
    head = ["| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措 |",
            "|  |  |  |  |  |  |  | 施 |"]
    rows = [rule, *head, rule, "| 产出指标 | 数量指标 | 培训场次 | ≥10场 | 8场 | 50 | 40 |  |", rule,
            "| 效益指标 | 社会效益指标 | 群众获得感 | 有效 | 有效 | 25 | 25 |  |", rule,
            "", "- 2 -", "", *head, rule,
            "| 满意度指标 | 服务对象满意度指标 | 群众满意度 | ≥90% | 95% | 25 | 25 |  |", rule,
            "| 总分 | 100 | 90 |", rule]
    [form] = jixiao.parse_text("项目支出绩效自评表(2023年度)\n项目名称 职业技能培训\n" + "\n".join(rows))
    assert [(i.name, i.deviation) for i in form.indicators] == [
        ("培训场次", None), ("群众获得感", None), ("群众满意度", None)]


def test_a_wrapped_piece_that_ends_a_sentence_is_no_piece_of_a_name():
    """Flowed PDF text: the row's name is the widest of its column and its 偏差原因 is cut mid-word ('…下一' /
    '步拓宽宣传渠道。'); the wrapped piece ends a sentence, which no indicator name does: it is the 偏差原因's."""
    text = FLOWED_FORM.replace("部分资金未及时支付，\n后续加快拨付进度。", "宣传覆盖面不足，下一\n步拓宽宣传渠道。")
    text = text.replace("制度建设完善程度", "制度建设完善程度达标情况")
    row = jixiao.parse_text(text)[0].indicators[1]
    assert (row.name, row.deviation) == ("制度建设完善程度达标情况", "宣传覆盖面不足，下一步拓宽宣传渠道。")


def test_two_block_labels_joined_across_a_page_break_are_two():
    """A PDF's page whose last 二级 block label fills its merged cell, the next page opening with the next block's
    label at its cell's top: the geometry reads one label cut by the break (`经济效益指标生态效益指标` over rows of
    both pages). Two whole labels of one level are two, each over its own page's rows; a label cut by the break
    (`经济效益` / `指标`) and a label over rows of one page stay as they are."""
    from jixiao.assemble.stream import Unit, split_stitched_labels
    from jixiao.read.tokens import Gap

    def unit(text: str, row: int, col: int, span: int = 1) -> Unit:
        return Unit(text, text, Gap.CELL, row + 1, row, col, float(col), True, span=span, page=1 if row < 2 else 2)

    lex = lexicon()
    stitched = [unit("效益指标", 0, 0, 4), unit("经济效益指标生态效益指标", 0, 1, 4), unit("增加农户收入", 0, 2),
                unit("带动社会投资", 1, 2), unit("绿化覆盖率", 2, 2), unit("垃圾分类准确率", 3, 2)]
    out = split_stitched_labels(stitched, lex)
    assert [(u.text, u.row, u.span, u.page) for u in out if u.col == 1] == [("经济效益指标", 0, 2, 1),
                                                                          ("生态效益指标", 2, 2, 2)]
    assert [u.text for u in out] == ["效益指标", "经济效益指标", "增加农户收入", "带动社会投资", "生态效益指标",
                                     "绿化覆盖率", "垃圾分类准确率"]
    cut = [unit("经济效益指标", 0, 1, 4), *stitched[2:]]
    assert split_stitched_labels(cut, lex) == cut
    one_page = [u._replace(page=1) for u in stitched]
    assert split_stitched_labels(one_page, lex) == one_page


def test_a_glued_form_after_a_report_whose_prose_names_a_level():
    """A web page's report run together with the form it publishes, no cell boundary anywhere: the report's prose
    names a level of the indicator table (`…的经济效益主要集中在…`) before the form's title. The title starts a
    form, so the head's labels after it are cut as labels (before: read as words inside an indicator row, the
    project name ran on over 中央主管部门, 地方主管部门 and 资金使用单位 and their values)."""
    text = ("2021年度中央非物质文化遗产保护专项资金转移支付绩效自评报告一、绩效目标分解下达情况,"
            "2021年专项资金的经济效益主要集中在传承人开展传习活动后,有效支持了19个代表性项目的保护传承工作,"
            "中央非物质文化遗产保护资金转移支付绩效目标自评表(2021年度)转移支付(项目)名称非物质文化遗产保护资金"
            "中央主管部门文化和旅游部地方主管部门某某区文化和旅游局资金使用单位某某区非遗保护中心资金情况(万元)"
            "全年预算数(A)全年执行数(B)预算执行率(B/A)年度资金总额:21182118100%其中:中央财政资金21182118100%"
            "地方资金其他资金")
    [form] = jixiao.parse_text(text, "report.txt")
    assert (form.project_name, form.department, form.implementing_unit) == (
        "非物质文化遗产保护资金", "某某区文化和旅游局", "某某区非遗保护中心")
    assert (form.funds.total.annual_budget, form.funds.total.executed) == (2118, 2118)


@pytest.mark.parametrize(("glued", "name", "department"), [
    ("学生资助项目主管部门湖北省教育厅项目实施单位", "学生资助项目", "湖北省教育厅"),
    ("学生资助经费项目主管部门湖北省教育厅项目实施单位", "学生资助经费项目", "湖北省教育厅"),
    ("学生资助经费主管部门湖北省教育厅实施单位", "学生资助经费", "湖北省教育厅")])
def test_a_project_name_ending_in_xiangmu_glued_to_the_next_label(glued, name, department):
    """A form glued through (a document site's text): `…资助项目主管部门…` is the name `…资助项目` and the label
    主管部门, not the name `…资助` and the label 项目主管部门 (many names end in 项目); a department's name before
    `项目实施单位` does not end in 项目, and keeps to its words (before: the name lost its 项目)."""
    text = (f"项目支出绩效自评表(2021年度)项目名称{glued}湖北工程学院资金情况(万元)全年预算数(A)全年执行数(B)"
            "执行率(B/A)年度资金总额:100100100%")
    [form] = jixiao.parse_text(text, "glued.txt")
    assert (form.project_name, form.department, form.implementing_unit) == (name, department, "湖北工程学院")


@pytest.mark.parametrize("separator", ["\n", "\n\n"])
def test_numbered_names_in_a_table_scored_without_points_a_cell_per_line(separator):
    """Yunnan's form scores its indicators with a 得分 column alone (年初目标值(A), 实际完成值(B), 得分) and numbers
    its names (`一、示范区建立`, then its items `1、水稻侧深施肥`). Copied a cell per line, a name's numbering is no
    value: each numbered name opens its row (before: `1、…` read as a value, the rows under one label ran into
    the first)."""
    cells = ["项目支出绩效自评表", "项目名称", "化肥减量增效示范项目", "主管部门", "某区农业农村局",
             "预算执行情况(万元) (20分)", "预算数(A)", "执行数(B)", "执行率(B/A)", "得分 (20分*执行率)",
             "年度财政资金总额", "100", "90", "90%", "18",
             "年度绩效目标 (80分)", "一级指标", "二级指标", "三级指标", "年初目标值(A)", "实际完成值(B)", "得分",
             "产出指标", "数量指标", "一、示范区建立", "≥20000亩", "20000亩", "15.0",
             "1、水稻侧深施肥", "≥500亩", "500亩", "5.0", "2、玉米种肥同播", "≥1000亩", "1000亩", "5.0",
             "质量指标", "配方肥到位率", "≥80%", "85.6%", "10.0",
             "效益指标", "社会效益指标", "受益农户数", "5000户", "5000户", "5.0", "总分", "53"]
    [form] = jixiao.parse_text(separator.join(cells), "numbered.txt")
    assert [(i.level2, i.name, i.target, i.actual, i.score) for i in form.indicators] == [
        ("数量指标", "一、示范区建立", "≥20000亩", "20000亩", 15),
        ("数量指标", "1、水稻侧深施肥", "≥500亩", "500亩", 5), ("数量指标", "2、玉米种肥同播", "≥1000亩", "1000亩", 5),
        ("质量指标", "配方肥到位率", "≥80%", "85.6%", 10),
        ("社会效益指标", "受益农户数", "5000户", "5000户", 5)]


@pytest.mark.parametrize("operator", ["≥", "﹦", "≤"])
def test_a_name_like_a_label_before_a_target_in_parts_a_cell_per_line(operator):
    """A table whose 年度指标值 is printed in parts (指标性质 | 指标值 | 度量单位), copied a cell per line: the operator
    on its line goes on the number below it (`≥` / `95` → `≥95`), so the target takes one cell fewer. A name that
    reads like a label (`满意度` after 服务对象满意度指标) is still the row's name (before: read as its 二级 label,
    the row's cells shifted: name `≥95`, target `%`)."""
    cells = ["项目支出绩效自评表", "项目名称", "某项目", "主管部门", "某局",
             "项目资金(万元)", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分",
             "年度资金总额", "100", "100", "90", "10", "90%", "9",
             "绩效指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施",
             "一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位",
             "产出指标", "数量指标", "培训人数", operator, "500", "人", "520", "50", "50",
             "满意度指标", "服务对象满意度指标", "满意度", operator, "95", "%", "95", "40", "35",
             "总分", "100", "94"]
    [form] = jixiao.parse_text("\n".join(cells), "parts.txt")
    sign = "=" if operator == "﹦" else operator
    assert [(i.level2, i.name, i.target, i.actual, i.weight, i.score) for i in form.indicators] == [
        ("数量指标", "培训人数", f"{sign}500人", "520", 50, 50),
        ("服务对象满意度指标", "满意度", f"{sign}95%", "95", 40, 35)]


BREAKDOWN_ROWS = [
    ["项目支出绩效自评表"], ["项目名称", "特色种养补贴项目"],
    ["主管部门", "某县农业农村局", "实施单位", "某镇人民政府"],
    ["项目资金(万元)", "全年预算数(A)", "全年执行数(B)", "分值", "执行率(B/A)", "得分"],
    ["年度资金总额", "9.48", "9.48", "10", "100%", "10"],
    ["年度总体目标", "年初设定目标", "年度总体目标完成情况综述"], ["落实奖补政策", "已落实奖补政策"],
    ["一级指标", "二级指标", "三级指标", "分值", "年度指标值", "全年实际值", "得分", "未完成原因及拟采取的改进措施"],
    ["产出指标", "数量指标", "补助瓜果蔬菜种植面积", "20", "29.5亩", "29.5亩", "20"],
    ["其中桃树种植面积", "1.5亩", "1.5亩"], ["其中露天蔬菜", "20亩", "20亩"],
    ["补助鱼塘面积", "20", "3亩", "3亩", "20"], ["其中鱼塘养殖面积", "3亩", "3亩"],
    ["效益指标", "社会效益指标", "带动脱贫户增收", "50", "39户", "39户", "50"],
    ["其中:脱贫户增收", "≥500元", "600元"],
    ["总分", "100", "", "", "100"]]


@pytest.mark.parametrize("layout", ["\t", " ", "\n", "one line"])
def test_breakdown_rows_without_points_in_any_layout(layout):
    """Rows breaking the row above down (其中…) print a name, a target and an actual but no 分值 or 得分 (Anhui's
    `其中桃树种植面积 | 1.5亩 | 1.5亩`). Each is a row of its own whether the text keeps cell boundaries or not
    (before: printed a row per line with spaces, a cell per line or on one line, they ran into the row above —
    its 实际完成值 or its 偏差原因)."""
    if layout == "one line":
        text = " ".join(c for row in BREAKDOWN_ROWS for c in row if c)
    elif layout == "\n":
        text = "\n".join(c for row in BREAKDOWN_ROWS for c in row if c)
    else:
        text = "\n".join(layout.join(c for c in row if c or layout == "\t") for row in BREAKDOWN_ROWS)
    [form] = jixiao.parse_text(text, "breakdown.txt")
    assert [(i.level2, i.name, i.target, i.actual, i.weight, i.deviation) for i in form.indicators] == [
        ("数量指标", "补助瓜果蔬菜种植面积", "29.5亩", "29.5亩", 20, None),
        ("数量指标", "其中桃树种植面积", "1.5亩", "1.5亩", None, None),
        ("数量指标", "其中露天蔬菜", "20亩", "20亩", None, None),
        ("数量指标", "补助鱼塘面积", "3亩", "3亩", 20, None),
        ("数量指标", "其中鱼塘养殖面积", "3亩", "3亩", None, None),
        ("社会效益指标", "带动脱贫户增收", "39户", "39户", 50, None),
        ("社会效益指标", "其中:脱贫户增收", "≥500元", "600元", None, None)]
