"""Web pages turned into text by the programs people use for it: text-mode browsers (`w3m -dump`, `links -dump`,
`lynx -dump`) and converters (`pandoc -t markdown`). Real output of those programs for the web page of golden 003
(`tests.layout_render.render(forms, "html", seed=3)`), kept as text in tests/data/textdumps/ so the tests need
none of them, read back against the golden; and small drawings of the shapes they print."""

from __future__ import annotations

import json

import pytest

import jixiao
from jixiao.read.text import read_text
from tests.conftest import GOLDEN
from tests.layout_render import expected
from tests.scoring import score

DUMPS = GOLDEN.parent / "textdumps"
# measured before tables drawn on a grid were read as pictures (w3m, links: merged labels break the rules
# under rows), before a block set apart by single spaces kept its lines on an aligned page (lynx) and before
# Markdown's backslash escapes were resolved (pandoc): w3m 89.60%, w3m -no-graph 91.79%, links 97.99%,
# lynx 79.93%, pandoc 97.45%
CASES = {
    "003_a203d4b834672a09.w3m.txt": 100.0,  # box-drawing, 80 columns: cells wrapped, merged labels centred
    "003_a203d4b834672a09.w3m-no-graph.txt": 100.0,  # the same drawn in ASCII ('+', '-', '|'), 100 columns
    "003_a203d4b834672a09.links.txt": 100.0,  # links 2.28, 120 columns
    # lynx aligns what fits 200 columns (a form) and prints the rest a row per line, cells a space apart; left: a
    # cell whose text has spaces in a row printed so ('…汇报 材料' before its 达成指标)
    "003_a203d4b834672a09.lynx-width200.txt": 99.5,
    # pandoc's Markdown of the page (simple tables, backslash escapes, '\\' for a hard line break): left are the
    # quotation marks pandoc rewrites (“一网通办” as "一网通办"), which the record keeps as printed
    "003_a203d4b834672a09.pandoc-markdown.txt": 98.3,
}


@pytest.mark.parametrize("name", CASES)
def test_web_page_dumped_as_text_reads_back(name):
    forms = json.loads((GOLDEN / f"{name.split('.')[0]}.json").read_text(encoding="utf-8"))["forms"]
    got = [f.record() for f in jixiao.parse_text((DUMPS / name).read_text(encoding="utf-8"), name)]
    fields, matched, wrong, missing, extra = score([expected(f) for f in forms], got)
    accuracy = 100.0 * matched / fields
    print(f"{name}: {accuracy:.2f}%")
    assert not missing and not extra and accuracy >= CASES[name], f"{accuracy:.2f}%\n" + "\n".join(wrong[:20])


def test_pandoc_multiline_table_of_a_word_document():
    """`pandoc -f docx -t plain` prints a Word table as a multiline table: blank lines part the rows, a cell's
    wrapped lines go on below it in its column. A 偏差原因 wrapped so (`…显示度,` / `需要扩大品牌影响力`) is the rest of
    its row's, not the next row's name (before: 长效制度健全性's row took it and ran its labels into its target)."""
    golden = json.loads((GOLDEN / "002_81adb0d8eb5e8cca.json").read_text(encoding="utf-8"))["forms"][1]
    text = (DUMPS / "002_81adb0d8eb5e8cca.form1.docx-pandoc-plain.txt").read_text(encoding="utf-8")
    [form] = jixiao.parse_text(text, "form1.txt")
    fields, matched, wrong, missing, extra = score([expected(golden)], [form.record()])
    assert matched == fields, "\n".join(wrong)
    assert form.indicators[3].deviation == "举办的活动在长三角地区还未形成较大的显示度,需要扩大品牌影响力"


MERGED = """\
┌──────┬──────┬────────────┬──────┐
│一级指│二级指│三级指标    │分值  │
│标    │标    │            │      │
├──────┼──────┼────────────┼──────┤
│      │数量指│完成项目数  │20.00 │
│      │标    │            │      │
│ 产出 ├──────┼────────────┼──────┤
│ 指标 │质量指│验收通过率  │10.00 │
│      │标    │            │      │
├──────┼──────┼────────────┼──────┤
│满意度│服务对│满意度      │10.00 │
│指标  │象满意│            │      │
│      │度指标│            │      │
└──────┴──────┴────────────┴──────┘
"""


def test_a_label_merged_over_rows_is_one_cell_of_the_drawing():
    """The rule under a row stops at a label merged over rows (`│ 产出 ├───`), whose text stands in the middle
    of its area: the label is one cell spanning both rows, and each wrapped cell is one cell ('数量指' / '标')."""
    doc = read_text(MERGED, "merged.txt")
    cells = [(t.text, t.row_span, t.col) for t in doc.tokens if t.text]
    assert ("产出指标", 2, 0) in cells
    assert ("一级指标", 1, 0) in cells and ("服务对象满意度指标", 1, 1) in cells
    assert [t.text for t in doc.tokens if t.text and t.col == 1] == ["二级指标", "数量指标", "质量指标",
                                                                     "服务对象满意度指标"]


def test_a_drawing_whose_bars_do_not_line_up_is_read_line_by_line():
    """Cells not padded to their columns (a table typed by hand): no picture, so each row's lines are joined
    column by column, as before."""
    text = "+----+----+\n| 项目名称 | 某某项目 |\n+----+----+\n| 主管部门 | 某某局 |\n+----+----+\n" * 2
    doc = read_text(text, "typed.txt")
    assert [t.text for t in doc.tokens if t.text][:4] == ["项目名称", "某某项目", "主管部门", "某某局"]


@pytest.mark.parametrize(("line", "cells"), [
    ("| \\>=90% | 7\\*24小时 | \\[2021\\]6号 | \\- |", ["≥90%", "7*24小时", "[2021]6号", "-"]),
    ("评分等级 优\\", ["评分等级", "优"]),
])
def test_markdown_backslash_escapes_are_the_signs_they_escape(line, cells):
    """pandoc escapes ASCII signs with a backslash and ends a hard line break with one: the text is the signs."""
    doc = read_text(line + "\n", "escaped.md")
    assert [t.text for t in doc.tokens if t.text] == cells
