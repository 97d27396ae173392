"""Forms cut short anywhere: a stored web page, or a download, that ends part-way — inside a label, a number, a
tag or a row. What the cut leaves reads as printed; the beginning of whatever the cut fell inside is no value."""

from __future__ import annotations

import json

import pytest

import jixiao
from tests.conftest import GOLDEN
from tests.layout_render import render
from tests.scoring import cut_errors

FORMS = [form for path in sorted(GOLDEN.glob("*.json")) for form in json.loads(path.read_text("utf-8"))["forms"]]
CUTS = 11  # each form cut at 1/11 … 10/11 of its length (not the steps its figures were found at)

# fields read wrong over every other golden form cut at each of the CUTS places (measured at stop 54; stop 53's
# code: 0, 0, 0, 4, 10, 6 and 26; stop 52's: 33, 44, 40, 59, 70, 51 and 86). The cut the text layouts leave can
# still be read two ways: text after a row's 得分 is its 偏差原因 or the next row's name; goal texts side by side
# cut on a later line.
CEILINGS = {"pipe": 0, "tab": 0, "html": 0, "space_rows": 2, "cell_lines": 6, "one_line": 4, "pdf_flow": 12}


def _read(text: str) -> list[dict]:
    return [form.record() for form in jixiao.parse_text(text, "cut.txt")]


@pytest.mark.parametrize("layout", CEILINGS)
def test_golden_forms_cut_anywhere(layout):
    wrong = []
    for form in FORMS[::2]:
        text = render([form], layout)
        for k in range(1, CUTS):
            got = _read(text[:len(text) * k // CUTS])
            assert len(got) <= 1
            wrong += [f"{form['project_name']} cut {k}/{CUTS}: {w}" for w in (cut_errors(form, got[0]) if got else [])]
    assert len(wrong) <= CEILINGS[layout], "\n".join(wrong)


def _form(n: int) -> dict:
    return FORMS[n]


def _cut_after(text: str, printed: str, more: int = 0) -> str:
    return text[:text.index(printed) + len(printed) + more]


@pytest.mark.parametrize("layout", ["pipe", "tab"])
def test_a_fund_row_cut_short_under_a_header_with_a_blank_cell_before_its_first_heading(layout):
    """`项目资金(万元) | | 年初预算数 | …` (the row labels' column two cells wide): a row the cut leaves with two
    amounts starts at 年初预算数 (before: the blank cell after its label was 年初预算数 left blank, and 3175.63 the
    全年预算数)."""
    text = render([FORMS[17]], layout)
    [form] = _read(_cut_after(text, "3175.63", 3))
    assert form["funds"]["total"]["initial_budget"] == 3175.63
    assert form["funds"]["total"]["annual_budget"] in (None, 3.0, 30.0)  # (what the cut left of 3063.00)


@pytest.mark.parametrize("layout", ["one_line", "pdf_flow", "space_rows"])
@pytest.mark.parametrize("cut", ["实际完", "项目资", "预期目"])
def test_a_label_the_document_s_end_cuts_is_no_value(layout, cut):
    """The cut falls inside a label after the head or the goals ('实际完' of 实际完成情况, '项目资' of 项目资金): its
    beginning is no goal text and runs on no 实施单位, and a warning says where the document stopped."""
    text = render([FORMS[2]], layout)
    label = {"实际完": "实际完成情况", "项目资": "项目资金", "预期目": "预期目标"}[cut]
    [form] = _read(text[:text.index(label) + len(cut)])
    assert form["implementing_unit"] == FORMS[2]["implementing_unit"]
    assert form["goal_expected"] is None and form["goal_actual"] is None
    assert any(w["code"] == "P038" and cut in w["message"] for w in form["warnings"])


def test_an_html_file_cut_inside_a_tag_or_an_entity():
    """A page stored part-way ends inside a tag (`</`) or an entity (`&g` of `&gt;`): neither is text of a cell."""
    text = render([FORMS[26]], "html")
    for cut in (_cut_after(text, "<td>满意度</td", -3), _cut_after(text, "<td>满意度</td><td>&g")):
        [form] = _read(cut)
        assert form["indicators"][-1]["name"] == "满意度" and form["indicators"][-1]["target"] is None


@pytest.mark.parametrize("layout", ["pipe", "html", "cell_lines"])
def test_a_number_the_document_s_end_cuts_after_its_decimal_point(layout):
    """'10.' at the document's end is the 分值 10 the cut left, not text run into the 实际完成值 before it."""
    text = render([FORMS[0]], layout)
    [form] = _read(_cut_after(text, "4.00(期)", text.index("10.00", text.index("4.00(期)")) - text.index("4.00(期)")
                              - len("4.00(期)") + 3))
    last = form["indicators"][-1]
    assert (last["name"], last["actual"], last["weight"], last["score"]) == ("生产性服务业杂志", "4.00(期)", 10.0, None)


@pytest.mark.parametrize("layout", ["pipe", "tab", "space_rows", "cell_lines"])
def test_a_level_label_the_document_s_end_cuts_opens_no_row(layout):
    """The cut leaves a row's 一级 label alone (`效益指标`), or its 二级 label begun after it (`效益指标 | 生` of
    生态效益指标), or a label begun on a line of its own (`满意度`): no row, and the rows above keep their own
    labels and names (before: `效益指标` below the last row was taken for its label, `生` was a row's name, and
    `满意度` ran on the name above)."""
    for n, cut in ((21, "效益指标"), (2, "满意度"), (0, "效益指标")):
        text = render([FORMS[n]], layout)
        at = text.index(cut, text.index("一级指标"))
        for more in (len(cut), len(cut) + 3):
            [form] = _read(text[:at + more])
            rows = FORMS[n]["indicators"]
            got = [(r["level1"], r["level2"], r["name"]) for r in form["indicators"]]
            assert got == [(r["level1"], r["level2"], r["name"]) for r in rows[:len(got)]], (n, more)


def test_a_name_that_reads_like_a_label_in_a_row_the_document_s_end_cuts_short():
    """A table's row cut after its target (`满意度指标 | 服务对象满意度指标 | 满意度 | ≥90`): the cell in the 三级指标
    column is its name, though it reads like a label, and the number after it its target, not a 分值."""
    text = render([FORMS[26]], "html")
    [form] = _read(_cut_after(text, "<td>满意度</td><td>&gt;=90"))
    last = form["indicators"][-1]
    assert (last["level2"], last["name"], last["target"], last["weight"]) == (
        "服务对象满意度指标", "满意度", "≥90", None)


@pytest.mark.parametrize("layout", ["cell_lines", "space_rows"])
def test_text_cut_right_after_a_row_s_points(layout):
    """'开展专题学习 3 3 20.00' ending the document: 20.00, printed as the rows above print their 分值 and 得分, is
    the row's 分值 (its 得分 cut off), not the 得分 of a 分值 3."""
    text = render([FORMS[2]], layout)
    [form] = _read(_cut_after(text, "开展专题学习", text.index("20.00", text.index("开展专题学习"))
                              - text.index("开展专题学习") - len("开展专题学习") + 5))
    last = form["indicators"][-1]
    assert (last["name"], last["target"], last["actual"], last["weight"], last["score"]) == (
        "开展专题学习", "3", "3", 20.0, None)


def test_text_on_one_line_cut_after_a_row_s_points():
    """A form on one line (a .doc turned into text) cut after a row's 得分: a label begun there (`效益指` of
    效益指标) is no 偏差原因 of that row, and after a row scored in full the words are the next row's name, cut
    short (`… 20.00 20.00 完成年报、绩效审`), not its 偏差原因."""
    text = render([FORMS[2]], "one_line")
    [form] = _read(_cut_after(text, "机关凝聚力 有所提升 提升 10.00 10.00 满意"))
    assert form["indicators"][-1]["deviation"] is None and form["indicators"][-1]["name"] == "机关凝聚力"
    text = render([FORMS[21]], "one_line")
    name = FORMS[21]["indicators"][2]["name"]
    [form] = _read(text[:text.index(name) + 4])
    assert form["indicators"][1]["deviation"] is None
    assert form["indicators"][2]["name"] == name[:4]


def test_a_province_s_form_cut_before_its_indicator_table_is_known_by_its_other_headings():
    """A Hebei form (its indicator headings 权重占比, 折算得分 …) cut off right after its goal headings: its fund
    and goal headings (预算安排情况, 年度预期目标, 具体完成情况) tell the variant too, so those headings are no goal
    texts (before: '年度预期目标' was the 预期目标)."""
    form = FORMS[2]
    text = render([form], "pipe", template="hebei")
    [got] = _read(_cut_after(text, "具体完成情况"))
    assert (got["goal_expected"], got["goal_actual"]) == (None, None)
    assert got["funds"]["total"]["annual_budget"] == form["funds"]["total"]["annual_budget"]
    after = text.index(form["goal_expected"]) + len(form["goal_expected"])
    [got] = _read(text[:text.index(form["goal_actual"], after) + 6])
    assert got["goal_expected"] == form["goal_expected"] and got["goal_actual"] == form["goal_actual"][:6]


def test_rows_a_line_each_cut_short_on_the_last_line():
    """Space-separated rows, each on one line (a web page's table as text): the document's last line, a name cut
    short, is the row the cut leaves, not the rest of the last row's target run onto it (before: '≥300家完成年报、
    绩效审'), where the rows above (two or more after the first) show that the table's rows keep to one line."""
    form = FORMS[21]
    text = render([form], "space_rows")
    names = [row["name"] for row in form["indicators"]]
    for k in (3, 4, 5):
        [got] = _read(text[:text.index(names[k]) + 5])
        assert [row["target"] for row in got["indicators"][:k]] == [row["target"] for row in form["indicators"][:k]]
        assert got["indicators"][k]["name"] == names[k][:5]


@pytest.mark.parametrize("layout", ["one_line", "cell_lines", "space_rows"])
def test_text_cut_before_a_row_s_points(layout):
    """'问题线索处置率 100 100' ending the document, where every row above prints its 分值 and 得分 as '20.00':
    the two numbers are the row's target and actual, its points cut off (before: 分值 100, 得分 100)."""
    form = FORMS[4]
    row = next(k for k, r in enumerate(form["indicators"]) if r["name"] == "问题线索处置率")
    text = render([form], layout)
    start = text.index("问题线索处置率")
    [got] = _read(text[:text.index("100", text.index("100", start) + 3) + 3])
    last = got["indicators"][-1]
    assert (last["name"], last["weight"], last["score"]) == ("问题线索处置率", None, None)
    assert (last["target"], last["actual"]) == (form["indicators"][row]["target"], form["indicators"][row]["actual"])


def test_goal_texts_side_by_side_cut_on_their_first_line():
    """A PDF's text prints the two goal texts side by side, a line of each on one printed line; cut on the first
    line (`…督促企 完成重`), the space between two ideographs is where the line crosses into the 实际完成情况
    column (before: the whole line was the 预期目标)."""
    for n in (12, 18):
        form = FORMS[n]
        text = render([form], "pdf_flow")
        first = text.index(form["goal_expected"][:12])
        line_end = text.index("\n", first)
        [got] = _read(text[:line_end - 2])
        assert form["goal_expected"].startswith(got["goal_expected"]) and len(got["goal_expected"]) > 12
        assert got["goal_actual"] and form["goal_actual"].startswith(got["goal_actual"])


@pytest.mark.parametrize("layout", ["one_line", "space_rows", "cell_lines"])
def test_text_cut_after_a_row_s_actual_printed_like_points(layout):
    """'年终预算执行率 ≥90(%) 99.49' ending the document: 99.49 stands where the row prints its 实际完成值 (after its
    name and target only), so it is that, not a 分值 printed as the rows above print theirs (before: 分值 99.49)."""
    text = render([FORMS[40]], layout)
    [got] = _read(_cut_after(text, "99.49", text.index("99.49", text.index("年终预算执行率")) - text.index("99.49")))
    last = got["indicators"][-1]
    assert (last["name"], last["target"], last["actual"], last["weight"]) == ("年终预算执行率", "≥90(%)", "99.49", None)


@pytest.mark.parametrize("layout", ["one_line", "space_rows", "cell_lines"])
def test_a_fund_row_cut_short_in_text(layout):
    """'其中：当年财政拨款 151.00 151.00 1' ending the document: the values the cut left fill the row's columns in
    order (年初预算数, 全年预算数, then the beginning of 全年执行数), with no search for a better-reading placing
    (before: 全年执行数 151, 执行率 1)."""
    text = render([FORMS[14]], layout)
    at = text.index("151.00", text.index("当年财政拨款"))
    [got] = _read(text[:text.index("1", at + 12) + 1])
    row = got["funds"]["current_year"]
    assert (row["initial_budget"], row["annual_budget"], row["executed"], row["execution_rate"]) == (
        151.0, 151.0, 1.0, None)


@pytest.mark.parametrize("layout", ["tab", "pipe", "one_line"])
def test_a_total_row_cut_inside_its_points(layout):
    """`总分 | 10` ending the document (what the cut left of 100.00): no 得分 of 10; the 分值 100 once its digits
    are all there, and the 得分 only as far as the cut left it."""
    form = FORMS[21]
    text = render([form], layout)
    at = text.index("100.00", text.index("总分"))
    for more, weight, score in ((1, None, None), (2, None, None), (3, 100.0, None), (6, 100.0, None)):
        [got] = _read(text[:at + more])
        assert (got["total_weight"], got["total_score"]) == (weight, score), more
    [got] = _read(text[:text.index(str(form["total_score"]), at) + 2])
    assert got["total_weight"] == 100.0 and str(form["total_score"]).startswith(f"{got['total_score']:g}")


@pytest.mark.parametrize("layout", ["one_line", "space_rows", "pdf_flow"])
def test_text_cut_inside_a_row_s_values(layout):
    """'培训人员满意率 80 8' ending the document: one cell before the last two numbers, so they are its target and
    what the cut left of its 实际完成值, no 分值 80 and 得分 8."""
    text = render([FORMS[13]], layout)
    at = text.index("80", text.index("培训人员满意率"))
    [got] = _read(text[:at + 4])
    cut = got["indicators"][-1]
    assert (cut["name"], cut["target"], cut["weight"], cut["score"]) == ("培训人员满意率", "80", None, None)


@pytest.mark.parametrize("layout", ["one_line", "space_rows"])
def test_text_cut_after_a_row_s_points_whose_name_holds_a_space(layout):
    """'有合理完整的年度服务计划, 且完成80%以上 >=80% 80 3.00' ending the document: enough words stand before
    '80 3.00' for a 分值 and 得分 (the name holds a space), but 80 is not printed as every 分值 above is
    ('4.00'): 3.00 is the 分值 alone and 80 the 实际完成值."""
    text = render([FORMS[27]], layout)
    at = text.index("3.00", text.index("且完成80%以上"))
    [got] = _read(text[:at + 4])
    cut = got["indicators"][-1]
    assert (cut["actual"], cut["weight"], cut["score"]) == ("80", 3.0, None)


@pytest.mark.parametrize("layout", ["pipe", "space_rows", "one_line", "cell_lines"])
def test_level_labels_of_a_form_cut_short_stand_at_the_top_of_their_spans(layout):
    """A form whose first ten rows print no 二级 label, cut after the second 二级 label's row (质量指标, then
    时效指标): its one 一级 label stands on the first row, so the labels head their spans. Read at the bottom of
    them instead, 产出指标's block would be the first row alone and the rows below, whose 二级 labels say 产出,
    outside it (before: the ten rows were read as 质量指标's, and the 质量指标 rows as 时效指标's)."""
    form = FORMS[27]
    text = render([form], layout)
    [got] = _read(text[:text.index("一次接通率达到85%")])
    rows = got["indicators"]
    assert len(rows) >= 12
    assert [r["level2"] for r in rows[:12]] == [r["level2"] for r in form["indicators"][:12]]
    assert {r["level1"] for r in rows} == {"产出指标"}


@pytest.mark.parametrize("layout", ["cell_lines", "blank_separated"])
def test_a_level_label_after_a_deviation_opens_the_row_the_cut_leaves(layout):
    """'… 2.00 / 部分培训资料由培训点负责打印,再生纸使用率低。 / 可持续影响指标 / 政务公开工' ending the
    document: the whole 二级 label opens the cut row and the sentence before it is the 偏差原因 above — no row
    whose name is that sentence and whose target is the label."""
    form = FORMS[42]
    text = render([form], layout)
    [got] = _read(text[:text.index("政务公开工作全国排名") + 5])
    *_, above, cut = got["indicators"]
    assert above["deviation"] == "部分培训资料由培训点负责打印,再生纸使用率低。"
    assert (cut["level2"], cut["name"], cut["target"]) == ("可持续影响指标", "政务公开工", None)


@pytest.mark.parametrize("n,printed", [(6, "态势感知"), (39, "社保")])
def test_text_whose_goal_keeps_to_one_line_cut_on_the_line_after_its_first_row(n, printed):
    """Space-separated rows whose goal texts stand on one line each (a line longer than a printed page holds: no
    cell wraps at its column's width), cut on the line after the table's first row ('… 15.00 15.00' / '态势感知'):
    that line opens the row the cut leaves — with one row above, no count of rows kept to their lines says so
    (before: '专项检查态势感知', the first row's name run on)."""
    form = FORMS[n]
    text = render([form], "space_rows")
    first = form["indicators"][0]["name"]
    row = text.index(first, text.index("偏差原因分析及改进措施"))
    [got] = _read(text[:text.index(printed, row + len(first)) + len(printed)])
    assert [r["name"] for r in got["indicators"]] == [first, printed]


def test_a_whole_heading_the_document_ends_on_is_no_label_cut_short():
    """A Sichuan form stored up to its fund header, whose last heading 原因 is whole (it also begins 原因分析): no
    notice that the document stopped inside a label (before: P038 said '原因' was a label cut off)."""
    text = render([FORMS[2]], "pipe", template="sichuan")
    header = next(line for line in text.splitlines() if "调整后预算数" in line)
    [form] = _read(text[:text.index(header)] + header.rstrip(" |") + " | 原因 |")
    assert form["project_name"] == FORMS[2]["project_name"]
    assert not any(w["code"] == "P038" for w in form["warnings"]), form["warnings"]


def test_a_wrapped_name_then_a_level_label_opening_the_row_the_cut_leaves():
    """PDF text whose rows each kept to one line until '降低中小企业数字化转型成' / '本' wrapped, cut in the next
    row opened by its whole 二级 label ('时效指标 项目完成及时性 2023年完成 达成指'): the line with the label is
    the cut row, the line above it the rest of the name (before: a row named '本' whose target was the label)."""
    text = render([FORMS[11]], "pdf_flow")
    [got] = _read(text[:text.index("达成指标", text.index("项目完成及时性")) + 3])
    *_, above, cut = got["indicators"]
    assert above["name"] == "降低中小企业数字化转型成本"
    assert (cut["level2"], cut["name"], cut["target"]) == ("时效指标", "项目完成及时性", "2023年完成")


def test_goal_texts_side_by_side_cut_right_after_the_left_text_s_part_of_a_line():
    """PDF text of two goal texts side by side, the document ending right after the left text's part of a line
    (`…发展预研 ；二是梳理国内外跨`, as wide as the left column): the whole line is the left text's, the space in
    it no crossing into the right one (before: `；二是梳理国内外跨` ended the 实际完成情况)."""
    form = FORMS[55]
    text = render([form], "pdf_flow")
    [got] = _read(text[:text.index("二是梳理国内外跨") + len("二是梳理国内外跨") + 1])
    assert got["goal_expected"].endswith("二是梳理国内外跨")
    actual = got["goal_actual"].replace(" ", "")
    assert not actual.endswith("二是梳理国内外跨") and form["goal_actual"].replace(" ", "").startswith(actual)


@pytest.mark.parametrize("n,name", [(17, "公共场所服务信号检测"),
                                    (38, "支持和保障高层次人才和科研团队创新创业工作达标率")])
def test_a_points_cell_cut_before_its_point_after_a_row_scored_in_full(n, name):
    """A cell per line cut inside the last row's 分值 before its point ('… / 1000.00(次) / 15' of 15.00): the row
    above scored in full gives no 偏差原因, so the three cells before the number are the cut row's name, target and
    actual and the number is its 分值 (before: the name was the row above's 偏差原因, the target the name and the
    cut 分值 the 实际完成值)."""
    form = FORMS[n]
    text = render([form], "cell_lines")
    row = next(r for r in form["indicators"] if r["name"] == name)
    at = text.index(f"{row['weight']:.2f}", text.index(row["actual"], text.index(name)))
    [got] = _read(text[:at + len(str(int(row["weight"])))])
    *_, above, cut = got["indicators"]
    assert above["deviation"] is None
    assert (cut["name"], cut["target"], cut["actual"], cut["weight"]) == (name, row["target"], row["actual"],
                                                                          row["weight"])


@pytest.mark.parametrize("layout", ["cell_lines", "blank_separated"])
def test_a_cell_per_line_cut_in_the_name_after_a_row_scored_in_full(layout):
    """'… / 5.00 / 5.00 / 网站无故障运行时间占比 >=99' ending a cell-per-line document: after a row scored in full
    (which seldom gives a 偏差原因) the line is the name of the row the cut leaves (before: the row above's
    偏差原因)."""
    text = render([FORMS[27]], layout)
    [got] = _read(text[:text.index(">=99", text.index("网站无故障运行时间占比", text.index("一级指标"))) + 4])
    *_, above, cut = got["indicators"]
    assert above["name"] == "新增委办局应用4个" and above["deviation"] is None
    assert cut["name"].startswith("网站无故障运行时间占比")


@pytest.mark.parametrize("layout", ["cell_lines", "blank_separated"])
@pytest.mark.parametrize("n,k", [(11, 6), (50, 0)])
def test_a_cell_per_line_cut_after_a_name_and_its_operator_s_target(layout, n, k):
    """'… / 327，超额完成 / 精准服务中小企业 / ≥100.00(家)' ending a cell-per-line document: a name right before
    a target with its operator opens the row the cut leaves — no 偏差原因 holds such a pair — so the text before
    them is the 偏差原因 above (before: that 偏差原因 was the cut row's name, its name the target)."""
    form = FORMS[n]
    above, row = form["indicators"][k], form["indicators"][k + 1]
    text = render([form], layout)
    at = text.index(row["target"], text.index(row["name"], text.index(above["deviation"])))
    [got] = _read(text[:at + len(row["target"])])
    *_, read_above, cut = got["indicators"]
    assert read_above["deviation"] == above["deviation"]
    assert (cut["name"], cut["target"]) == (row["name"], row["target"])


@pytest.mark.parametrize("n,printed,cut", [(40, "外埠出差增多。 满意度指标 ", "服务对"),
                                           (43, "偏差原因分析及改进措施 产出指标 ", "数量指")])
def test_a_label_begun_after_a_whole_level_label_on_one_line(n, printed, cut):
    """A form on one line ending '… 外埠出差增多。 满意度指标 服务对' or right after its header '… 偏差原因分析及改进
    措施 产出指标 数量指': the whole 一级 label follows the row above's 偏差原因 ending its sentence, or the header's
    last heading, so the cut label after it opens the next row (P038), no name (before: a row named '服务对')."""
    text = render([FORMS[n]], "one_line")
    [got] = _read(text[:text.index(printed) + len(printed) + len(cut)])
    assert not any(r["name"] == cut for r in got["indicators"])
    assert any(w["code"] == "P038" and cut in w["message"] for w in got["warnings"])


def test_goal_texts_side_by_side_cut_on_their_first_line_where_the_right_one_opens_with_a_number():
    """PDF text of two goal texts side by side cut on their first line (`…推动数字经济生态构建， 2024年度不断推动…`):
    a number after a clause's sign and a space opens the right text (not after an ideograph: `支持 2023 年度` is a
    text's own spacing)."""
    form = FORMS[55]
    text = render([form], "pdf_flow")
    [got] = _read(text[:text.index("2024年度不断推动数字经济生态构建") + len("2024年度不断推动数字经济生态构建")])
    assert got["goal_expected"].endswith("推动数字经济生态构建，")
    assert got["goal_actual"] == "2024年度不断推动数字经济生态构建"
