"""Layout regression grid: every record rendered in every layout (tests/layout_render.py) reads back field by field.

Each golden document is written in each layout and in a few variations (page breaks with a repeated header, merged
labels in the middle or at the bottom of their span, web-page chrome, markup, variant spellings, traditional
characters), read back with `jixiao.parse_text` and scored with tests/compare_golden.py; a property test does the
same for random forms (tests/random_forms.py) in a random layout.
"""

from __future__ import annotations

import contextlib
import json
import re
import signal
import threading

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import jixiao
from jixiao.render.labels import template_names
from tests.conftest import GOLDEN
from tests.layout_render import COMBOS, IND_HEADER, LAYOUTS, expected, render, scores_left_blank
from tests.random_forms import forms
from tests.scoring import score

GOLDENS = sorted(GOLDEN.glob("*.json"))
MIN_ACCURACY = 99.5  # the target for every layout
# Layout variations still below the target, with the floor they are held to (measured; see the README). What
# remains: markup inside the cells of flowed PDF text, which is wrapped by the width of its tags and math (a
# PDF's text never holds markup), where a cell's printed width is no longer its text's; cells glued with
# nothing between them; and column-aligned text whose cells are centred in their rows' height.
FLOOR = {("pdf_flow", "markup"): 98.2, ("glued", None): 94.8, ("aligned", "centred"): 97.1,
         ("cell_lines_wrapped", None): 97.6}
# the property test's layouts: those whose random tables read exactly (space-separated rows, flowed PDF text and
# column-aligned text leave a random table ambiguous where a cell's text has spaces or the aligned renderer
# centres a label; the goldens measure them)
PROPERTY_LAYOUTS = [layout for layout in LAYOUTS if layout not in ("space_rows", "pdf_flow", "aligned",
                                                                   "aligned_centred")]
PARSE_SECONDS = 5  # a reader that takes longer on one rendered document fails (it would hang the grid)

VARIATIONS = COMBOS
# each variation on a few layouts of different kinds (a text grid, a flowed text, a markup one)
VARIATION_LAYOUTS = ("tab", "space_rows", "pdf_flow", "html")


@contextlib.contextmanager
def _time_limit(seconds: float, what: str):
    """Raises TimeoutError in the main thread after `seconds` (no limit off the main thread or without SIGALRM)."""
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def on_alarm(signum, frame):
        raise TimeoutError(f"reading {what} took more than {seconds} s")

    old = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def read_back(forms_: list[dict], layout: str, seed: int = 0, **opts) -> tuple[int, int, list[str], int, int]:
    text = render(forms_, layout, seed=seed, **opts)
    timed_out = None
    try:
        with _time_limit(PARSE_SECONDS, f"{len(forms_)} form(s) in layout {layout} (seed {seed}, {opts})"):
            got = [f.record() for f in jixiao.parse_text(text, f"layout.{layout}")]
    except TimeoutError as exc:  # re-raised below without the reader's frames (pytest cannot always print them)
        timed_out = str(exc)
    if timed_out:
        raise TimeoutError(timed_out)
    gold = [expected(f, traditional=opts.get("traditional", False), no_labels=opts.get("no_labels", False))
            for f in forms_]
    return score(gold, got)


def _assert_reads(layout: str, variation: str | None = None, **opts) -> None:
    floor = FLOOR.get((layout, variation), MIN_ACCURACY)
    if opts.get("traditional"):
        pytest.importorskip("opencc")
    fields = matched = missing = extra = 0
    wrong: list[str] = []
    for seed, path in enumerate(GOLDENS):
        forms_ = json.loads(path.read_text(encoding="utf-8"))["forms"]
        t, m, w, mi, ex = read_back(forms_, layout, seed=seed, **opts)
        fields, matched, missing, extra = fields + t, matched + m, missing + mi, extra + ex
        wrong += [f"{path.stem} {line}" for line in w]
    accuracy = 100.0 * matched / fields if fields else 0.0
    summary = f"{layout} {opts}: accuracy {accuracy:.2f}% ({matched}/{fields}), missing {missing}, extra {extra}"
    assert accuracy >= floor and not missing and not extra, summary + "\n" + "\n".join(wrong[:20])


@pytest.mark.parametrize("layout", LAYOUTS)
def test_golden_layout(layout):
    _assert_reads(layout)


@pytest.mark.parametrize(
    "layout,variation",
    [(layout, name) for name in VARIATIONS for layout in VARIATION_LAYOUTS]
    # page breaks (a page number or footer, a form feed, a repeated header), 分值 printed before 年度指标值 and 分值
    # printed as a percent, in every layout
    + [(layout, name) for name in ("breaks", "points_first", "percent_weights") for layout in LAYOUTS
       if layout not in VARIATION_LAYOUTS]
    # narrow label columns, where cells wrap in their columns; the caption column in column-aligned text
    + [(layout, "narrow") for layout in ("aligned", "box_wrapped")] + [("aligned", "caption")]
    # an indicator table without 一级 and 二级 columns, where rows are cut by their words
    + [(layout, "no_labels") for layout in ("one_line", "cell_lines")],
    ids=lambda v: v,
)
def test_golden_variation(layout, variation):
    _assert_reads(layout, variation, **VARIATIONS[variation])


@pytest.mark.parametrize("layout", ["pdf_flow", "aligned"])
def test_golden_merged_captions_in_narrow_columns(layout):
    """The national form's merged captions (项目资金(万元) centred down the fund block, 绩效指标 down the indicator
    table) in narrow columns: the fund label wraps among the rows ('项目' / '资金' / '(万' / '元)'), a row label
    over three lines ('其中：' / '当年财' / '政拨款')."""
    _assert_reads(layout, caption=True, narrow=True)


def test_a_sentence_end_wrapped_onto_a_line_of_its_own_is_text():
    """'标。', the end of a 偏差原因 wrapped in a narrow column onto the next row's line, ends that text: it is no
    piece of the caption 绩效指标 (a random form's shape)."""
    form = json.loads(GOLDENS[0].read_text(encoding="utf-8"))["forms"][0]
    form["indicators"][1]["deviation"] = "个别指标设置偏高，今后科学合理设定目标。"
    fields, matched, wrong, missing, extra = read_back([form], "aligned", narrow=True)
    assert (matched, missing, extra) == (fields, 0, 0), wrong


@pytest.mark.parametrize("layout,floor", [("tab", 100.0), ("pipe", 100.0), ("space_rows", 99.5), ("aligned", 99.5)])
def test_a_running_header_on_every_page_is_read_past(layout, floor):
    """A document's running header (`上海市数据局2023年度部门决算`) at the top of every page, after a form feed or a
    page number: no cell of the row a page break cut (before: tab 99.51%, the header read as the rest of a name
    or as the next row's; a form feed on a line of its own was read as a blank line). Left: where the page
    number is a cell of its own (a cell per line, HTML), the header is not known to start a page (99.31–99.61%)."""
    fields = matched = 0
    for seed, path in enumerate(GOLDENS):
        t, m, wrong, missing, extra = read_back(json.loads(path.read_text(encoding="utf-8"))["forms"], layout,
                                                seed=seed, page_breaks=True, running=True)
        assert not missing and not extra, wrong[:10]
        fields, matched = fields + t, matched + m
    assert 100.0 * matched / fields >= floor


def test_cells_centred_in_their_rows_in_column_aligned_text():
    """Column-aligned text whose cells are centred in their rows' height (as `pdftotext -layout` prints a table
    whose cells are centred): a row's cells print lines above its 分值 line too, which are read as the rest of
    the row above. Measured 97.18%, held to a floor (a gap left: see docs/reading.md)."""
    _assert_reads("aligned", "centred", centred=True)


VARIANT_TEMPLATES = tuple(name for name in template_names() if name != "national")  # every file but national's


@pytest.mark.parametrize("template", VARIANT_TEMPLATES)
@pytest.mark.parametrize("layout", ["pdf_flow", "aligned", "one_line", "cell_lines"])
def test_golden_in_a_variant_s_words(layout, template):
    """The forms printed in a province's words (its template's first word for each label): in flowed and aligned
    text its longer labels wrap in their narrow columns ('地方主管部' / '门', '项目' / '基本' / '情况', '情况(万' /
    '元)'), and the variant must be known from the pieces before they are joined."""
    _assert_reads(layout, template=template)


SPREAD_LABELS = ("项目名称", "主管部门", "实施单位", "年度资金总额", "上年结转资金", "年初预算数", "全年预算数",
                 "一级指标", "偏差原因分析及改进措施", "年度总体目标", "产出指标", "服务对象满意度指标", "评分等级")


@pytest.mark.parametrize("layout", ["tab", "pdf_flow", "one_line", "cell_lines"])
@pytest.mark.parametrize("space", [" ", "  ", "\u3000"], ids=["space", "two_spaces", "ideographic"])
def test_labels_spread_over_their_cells(layout, space):
    """Labels set 分散对齐 (distributed over the cell's width: '上 年 结 转 资 金', '偏 差 原 因 分 析 及 改 进 措
    施'), a space, two or an ideographic one between their characters: each label is read whole."""
    fields = matched = 0
    wrong: list[str] = []
    for seed, path in enumerate(GOLDENS):
        forms_ = json.loads(path.read_text(encoding="utf-8"))["forms"]
        text = render(forms_, layout, seed=seed)
        for label in SPREAD_LABELS:
            text = text.replace(label, space.join(label))
        got = [f.record() for f in jixiao.parse_text(text, f"{path.stem}.txt")]
        t, m, w, missing, extra = score([expected(f) for f in forms_], got)
        assert (missing, extra) == (0, 0), path.stem
        fields, matched, wrong = fields + t, matched + m, wrong + [f"{path.stem} {line}" for line in w]
    assert 100.0 * matched / fields >= MIN_ACCURACY, "\n".join(wrong[:20])


def test_cells_glued_with_nothing_between():
    """Every cell joined to the next with nothing between them (`layout_glued`: a web page's text taken without
    its tags' spacing), each form on a line: every form is found, and read to the floor measured (94.99%). The
    form's words cut such a run; what stays unread is what nothing in the text tells apart — a name, its target
    and its actual all text ('人才评审质量达到市人才办工作要求达成指标'), goal texts that are not sentences."""
    _assert_reads("glued")


def test_cells_a_line_each_wrapped_over_lines():
    """A cell per line, each cell wrapped in its column over lines of its own (`layout_cell_lines_wrapped`: the text
    PyMuPDF takes out of a PDF table): every form is found, and read to the floor measured (97.66%; 94.27% before a
    whole level label was kept out of the 偏差原因 of the row above, 95.87% before the gaps were read as in flowed
    text where rows print more lines than cells). What stays unread: which of a row's lines continue a cell, where a
    cell's text ends short of its column ('能源保障安全可靠' / '展会期间能源供应、')."""
    _assert_reads("cell_lines_wrapped")


@pytest.mark.parametrize("golden", [0, 4])
def test_a_deviation_wrapped_over_lines_of_a_cell_per_line_table_stays_whole(golden):
    """偏差原因 wrapped over two lines in a cell-per-line table ('部分资金未及时支付，' / '后续加快拨付进度。'): the
    line after a clause's comma goes on with it, and a sentence is no 三级指标, so the next row's name starts after
    it (before: the row below took '后续加快拨付进度。' into its name, or the whole 偏差原因 as its name)."""
    form = json.loads(GOLDENS[golden].read_text(encoding="utf-8"))["forms"][0]
    rows = [dict(r, deviation=("部分资金未及时支付，后续加快拨付进度。", "项目实施进度偏慢，将加强跟踪督导。")[k % 2])
            for k, r in enumerate(form["indicators"])]
    _, _, wrong, missing, extra = read_back([dict(form, indicators=rows)], "cell_lines_wrapped")
    assert (missing, extra, wrong) == (0, 0, [])


REGRESSIONS = json.loads((GOLDEN.parent / "random_regressions.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", REGRESSIONS, ids=[case["why"] for case in REGRESSIONS])
def test_random_forms_once_read_wrong(case):
    """Random forms that `bench/random_grid.py` found read wrong, each kept with the layout, variation and seed it
    was printed in, and what it read wrong before (tests/data/random_regressions.json)."""
    _, _, wrong, missing, extra = read_back([case["form"]], case["layout"], seed=case["seed"],
                                            **COMBOS.get(case["variation"] or "", {}))
    assert (missing, extra, wrong) == (0, 0, [])


@pytest.mark.parametrize("layout", ["space_rows", "one_line"])
def test_a_measure_word_set_apart_from_its_number(layout):
    """A target's measure word a space apart from its number (`≥200 次 达成指标`: a PDF's text, where the producer
    spaces Latin from CJK, as pypdf and `pdftotext -raw` take it out, cells a space apart too): the measure is the
    number's, not the start of the 实际完成值 (before: `≥200` and `次达成指标`)."""
    form = json.loads(GOLDENS[3].read_text(encoding="utf-8"))["forms"][0]
    rows = [dict(r) for r in form["indicators"]]
    rows[0].update(target="≥200次", actual="达成指标")
    text = render([dict(form, indicators=rows)], layout).replace("≥200次", "≥200 次")
    got = jixiao.parse_text(text)[0].indicators[0]
    assert (got.target.replace(" ", ""), got.actual) == ("≥200次", "达成指标")


@pytest.mark.parametrize("layout", ["space_rows", "one_line", "cell_lines"])
def test_headers_glued_in_text_whose_cells_stand_apart(layout):
    """Text whose header lines lost their spaces ('一级指标二级指标三级指标年度指标值…', '年初预算数全年预算数…'), its
    other cells apart: the headers are cut at their words, every other cell stays whole (measured: space rows
    99.61%, one line 99.60%, a cell per line 100.00%; 29.82–32.11% before glued runs were cut)."""
    heading = " ".join(IND_HEADER)
    fields = matched = 0
    wrong: list[str] = []
    for seed, path in enumerate(GOLDENS):
        forms_ = json.loads(path.read_text(encoding="utf-8"))["forms"]
        text = render(forms_, layout, seed=seed)
        text = text.replace(heading.replace(" ", "\n" if layout == "cell_lines" else " "), heading.replace(" ", ""))
        text = re.sub(r"年初预算数\s+全年预算数\s+全年执行数\s+分值\s+执行率(?:\(%\))?\s+得分",
                      lambda m: re.sub(r"\s+", "", m.group()), text)
        got = [f.record() for f in jixiao.parse_text(text, f"{path.stem}.txt")]
        t, m, w, missing, extra = score([expected(f) for f in forms_], got)
        assert (missing, extra) == (0, 0), path.stem
        fields, matched, wrong = fields + t, matched + m, wrong + [f"{path.stem} {line}" for line in w]
    assert 100.0 * matched / fields >= MIN_ACCURACY, "\n".join(wrong[:20])


@pytest.mark.parametrize("layout", ["tab", "csv", "html", "pipe_runs", "cell_lines_blank"])
def test_golden_scores_left_blank(layout):
    """A third of the goldens' 得分 cells left blank (a form published before scoring, or a row not scored): in
    every layout that keeps empty cells, the row still reads, its 得分 none, and no row runs into the next."""
    fields = matched = 0
    wrong: list[str] = []
    for seed, path in enumerate(GOLDENS):
        forms_ = scores_left_blank(json.loads(path.read_text(encoding="utf-8"))["forms"], seed)
        t, m, w, missing, extra = read_back(forms_, layout, seed=seed)
        assert (missing, extra) == (0, 0), path.stem
        fields, matched, wrong = fields + t, matched + m, wrong + [f"{path.stem} {line}" for line in w]
    assert 100.0 * matched / fields >= MIN_ACCURACY, "\n".join(wrong[:20])


@pytest.mark.parametrize("layout,floor", [("tab", 99.5), ("html", 99.5), ("aligned", 99.5), ("space_rows", 98.0),
                                          ("pdf_flow", 97.5), ("cell_lines", 95.5), ("one_line", 95.0),
                                          ("blank_separated", 90.5)])
def test_golden_points_all_left_blank(layout, floor):
    """Every 分值 and 得分 of the goldens left blank (a form published before it was scored): each row still reads
    as its own, its points none (before stop 43: 40.81% and 41.20% in a cell per line and one line, each table one
    row; 96.56% in a tab table or a web page, a table's bare-number targets and actuals, `1` `1`, read as its
    points). Stop 54's code: 100% (tab, html), 83.38% (aligned), 81.25% (space_rows), 81.76% (one line), 81.05% (a
    cell per line), 77.65% (blank lines), 75.08% (PDF text) — where a few rows' bare-number targets and actuals
    (`8 8`) read like points, the search for points ran the rows below together, and flowed text's wrapped
    lines ran into the last cell. Measured at stop 55: 100%, 100%, 99.61%, 98.53%, 98.11% (PDF text), 95.79%,
    95.53%, 91.07%, held to floors: left, wrapped cells where no other row shows its column's width, and cells
    a paragraph each that wrap over lines."""
    fields = matched = 0
    wrong: list[str] = []
    for seed, path in enumerate(GOLDENS):
        forms_ = json.loads(path.read_text(encoding="utf-8"))["forms"]
        for form in forms_:
            for indicator in form["indicators"]:
                indicator["weight"] = indicator["score"] = None
        t, m, w, missing, extra = read_back(forms_, layout, seed=seed)
        assert (missing, extra) == (0, 0), path.stem
        fields, matched, wrong = fields + t, matched + m, wrong + [f"{path.stem} {line}" for line in w]
    assert 100.0 * matched / fields >= floor, "\n".join(wrong[:20])


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    form=forms(),
    layout=st.sampled_from(PROPERTY_LAYOUTS),
    seed=st.integers(0, 1000),
)
def test_random_form_reads_back(form, layout, seed):
    """Every field of a random form, in every layout at target. Merged labels on the first row of their span:
    a label printed at the bottom of a two-row span reads as well as a span continued from above only when
    other spans of the table show how this one prints its labels, and a random table may have none (the
    goldens test the middle and bottom positions)."""
    fields, matched, wrong, missing, extra = read_back([form], layout, seed=seed)
    assert not missing and not extra and matched == fields, "\n".join(wrong[:20])


def _form_fields(golden: str, form: int, layout: str, prefix: str, **opts) -> list[str]:
    """The fields under `prefix` one golden form reads wrong when rendered alone in a layout."""
    path = GOLDEN / f"{golden}.json"
    forms_ = [json.loads(path.read_text(encoding="utf-8"))["forms"][form]]
    _, _, wrong, missing, extra = read_back(forms_, layout, seed=GOLDENS.index(path), **opts)
    assert (missing, extra) == (0, 0)
    return [line for line in wrong if line.split()[2].startswith(prefix)]


@pytest.mark.parametrize("golden, form", [
    ("002_81adb0d8eb5e8cca", 4),  # the left text ends a sentence at its column's edge; the right runs on alone
    ("004_6371f683518d7426", 4),  # a '。' opens the right text's piece of a line: no cut before it
    ("002_81adb0d8eb5e8cca", 7),  # '2' '个平台…': a number and its measure word are never cut apart
])
def test_goal_texts_printed_side_by_side_in_flowed_pdf_text(golden, form):
    """预期目标 and 实际完成情况 wrapped side by side, line by line: each line is cut where the texts' columns
    are, measured by where the line prints its words (a word that lost a space, '2023 年' read as one, keeps its
    printed width), into texts that end as sentences do."""
    assert _form_fields(golden, form, "pdf_flow", "goal_") == []


@pytest.mark.parametrize("golden, form", [
    ("000_cf1bceb3fa2c9cc3", 11),  # '4000.00(万' goes on with '元)', not the complete '=4000.00(万元)'
    ("004_6371f683518d7426", 11),  # '10600.00(' is cut over lines: a bracket left open is no whole word
    ("004_6371f683518d7426", 2),  # '资金投入比例' falls short of its column by the next line's word '≥1:3'
])
def test_wrapped_cells_of_flowed_text_take_the_pieces_that_complete_them(golden, form):
    """分值 printed first in flowed PDF text, where the renderer's target and actual columns are narrow: a wrapped
    line's pieces go to the cells they complete, and '成本 元)' under a row is its wrapped rest (a short label
    before other pieces ends a wrapped name), not a new row."""
    assert _form_fields(golden, form, "pdf_flow", "indicators", points_first=True) == []


def test_a_cost_block_of_the_first_level_centred_in_its_span():
    """成本指标 as a 一级 block (the national form since 2021: 经济成本指标 … under it) after 满意度指标, its labels
    centred in their spans in column-aligned text: 成本指标 stands alone on its row's line in the 一级 column,
    so it is that block's, not the 二级 成本指标 of the block above (before: its rows read as 满意度指标's). (Text
    that shows no lines, a tab table, cannot tell spans of three rows centred from other spans: not asked. The
    satisfaction rows are named as such rows are, by satisfaction: spans of two and four rows would read the
    labels as well, and a row of another name under 满意度指标 leans out of it.)"""
    form = json.loads(GOLDENS[0].read_text(encoding="utf-8"))["forms"][0]
    blocks = [("产出指标", "数量指标"), ("效益指标", "社会效益指标"), ("满意度指标", "服务对象满意度指标"),
              ("成本指标", "经济成本指标")]
    rows = [dict(form["indicators"][0], level1=one, level2=two,
                 name=f"{'服务对象满意度' if one == '满意度指标' else '工作完成率'}{k}", weight=7.5, score=7.5)
            for one, two in blocks for k in range(3)]
    form = dict(form, indicators=rows, total_weight=100.0, total_score=90.0 + form["funds"]["total"]["score"])
    _, _, wrong, missing, extra = read_back([form], "aligned", label_position="middle")
    assert (missing, extra, wrong) == (0, 0, [])
