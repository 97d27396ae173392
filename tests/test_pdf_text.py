"""Tables printed without rules in a PDF: rows rebuilt from the text's positions (src/jixiao/read/pdf_text.py).

The characters are placed as a browser prints an HTML table without borders: each cell's lines at a fixed line
spacing, a wrapped cell centred (or top-aligned) in its row, rows set one below the other with a little padding.
"""

from __future__ import annotations

import pytest

from jixiao.read.pdf_text import Char, text_rows

SIZE = 12.0  # points: the characters' height and an ideograph's width
PITCH = 18.0  # points from one line of a cell to the next
PADDING = 1.5  # points above and below each row's cells


def _chars(text: str, x: float, top: float) -> list[Char]:
    out = []
    for k, ch in enumerate(text):
        width = SIZE if ord(ch) > 0x2E80 else 0.55 * SIZE
        if ch != " ":  # a space of the text marks the character after it, as the reader does
            out.append(Char(ch, x, x + width, top, top + SIZE, spaced=k > 0 and text[k - 1] == " "))
        x += width
    return out


def _page(rows: list[list[tuple[float, list[str]]]], align: str = "middle",
          padding: float = PADDING) -> list[list[Char]]:
    """Printed lines of a table: each row a list of cells (x, lines of the cell), set in order down the page."""
    chars: list[Char] = []
    top = 40.0
    for row in rows:
        height = max(len(lines) for _, lines in row) * PITCH
        for x, lines in row:
            own = len(lines) * PITCH
            first = top + padding + {"middle": (height - own) / 2, "top": 0.0, "bottom": height - own}[align]
            for k, line in enumerate(lines):
                chars += _chars(line, x, first + k * PITCH + (PITCH - SIZE) / 2)
        top += height + 2 * padding
    lines: dict[float, list[Char]] = {}
    for ch in chars:  # a line is the characters at one height (as the reader's own grouping gives for these)
        lines.setdefault(ch.top, []).append(ch)
    return [sorted(line, key=lambda c: c.x0) for _, line in sorted(lines.items())]


TABLE = [
    [(30, ["一级", "指标"]), (70, ["二级指", "标"]), (120, ["三级指标"]), (240, ["分值"]), (290, ["得分"])],
    [(30, ["产出", "指标"]), (70, ["数量指", "标"]), (120, ["保障公务外出次", "数"]), (240, ["20.00"]),
     (290, ["20.00"])],
    [(30, ["效益"]), (70, ["社会效", "益指标"]), (120, ["全市重点工作完成率"]), (240, ["15.00"]),
     (290, ["15.00"])],
    [(30, ["总分"]), (240, ["100.00"]), (290, ["94.95"])],
]
EXPECTED = [["一级指标", "二级指标", "三级指标", "分值", "得分"],
            ["产出指标", "数量指标", "保障公务外出次数", "20.00", "20.00"],
            ["效益", "社会效益指标", "全市重点工作完成率", "15.00", "15.00"],
            ["总分", "100.00", "94.95"]]


@pytest.mark.parametrize("align", ["middle", "top", "bottom"])
def test_wrapped_cells_join_their_row(align):
    """A cell wrapped over lines stands centred (a web page's default), at the top or at the bottom of its row:
    read line by line its first line is above the row's one-line cells, or its last below. Each row comes back
    whole, its wrapped cells joined."""
    rows = text_rows(_page(TABLE, align))
    assert [[text for text, *_ in row.cells] for row in rows] == EXPECTED


def test_rows_without_padding_are_cut_by_their_one_line_cells():
    """Rows set without padding: a column's cells of consecutive rows stand as close as the lines of one cell.
    The cells are cut where they stand aligned with their rows' one-line cells."""
    rows = text_rows(_page(TABLE, padding=0.0))
    assert [[text for text, *_ in row.cells] for row in rows] == EXPECTED


def test_a_label_merged_over_rows_goes_with_one_of_them():
    """A level label merged over three rows prints its lines beside all three: it is one cell (its lines stand
    at one cell's line spacing), given to the row nearest its middle, and the rows stay apart."""
    chars = _page([[(120, ["甲指标"]), (240, ["10"])], [(120, ["乙指标"]), (240, ["20"])],
                   [(120, ["丙指标"]), (240, ["30"])]])
    label = _chars("产", 30, chars[0][0].top) + _chars("出", 30, chars[0][0].top + PITCH)
    label += _chars("指", 30, chars[0][0].top + 2 * PITCH) + _chars("标", 30, chars[0][0].top + 3 * PITCH)
    # the label's four lines centred on the three rows' middle
    middle = (chars[0][0].top + chars[-1][0].bottom) / 2
    shift = middle - (label[0].top + label[-1].bottom) / 2
    for ch in label:
        ch.top, ch.bottom = ch.top + shift, ch.bottom + shift
    lines = sorted([*chars, *[[ch] for ch in label]], key=lambda line: line[0].top)
    rows = [[text for text, *_ in row.cells] for row in text_rows(lines)]
    assert rows == [["甲指标", "10"], ["产出指标", "乙指标", "20"], ["丙指标", "30"]]


def test_numbers_never_wrap():
    """Two numbers one above the other in one column are two rows' values, never one wrapped cell, and two
    values side by side with a narrow gap are two cells."""
    rows = text_rows(_page([[(30, ["经费"]), (120, ["=100.00(%)"]), (188, ["100.00(%)"])],
                            [(30, ["其他"]), (120, ["30.00"]), (188, ["15.00"])]]))
    assert [[text for text, *_ in row.cells] for row in rows] == [
        ["经费", "=100.00(%)", "100.00(%)"], ["其他", "30.00", "15.00"]]


@pytest.mark.parametrize("align", ["middle", "top"])
def test_a_number_broken_by_a_narrow_column_is_joined(align):
    """A column too narrow for a number breaks it (`10.0` / `0`, `99.4` / `9%`, `≥200` / `(次)`, as Word and
    LibreOffice print narrow cells): the short rest right below joins it, without a space."""
    rows = text_rows(_page([[(30, ["年度资金总额"]), (120, ["10.0", "0"]), (160, ["99.4", "9%"]),
                             (200, ["≥200", "(次)"])],
                            [(30, ["其他资金"]), (120, ["-"]), (160, ["-"]), (200, ["-"])]], align, padding=0.0))
    assert [[text for text, *_ in row.cells] for row in rows] == [
        ["年度资金总额", "10.00", "99.49%", "≥200(次)"], ["其他资金", "-", "-", "-"]]


@pytest.mark.parametrize("padding", [0.0, PADDING])
def test_a_unit_wrapped_below_its_number_is_joined(padding):
    """A narrow column puts a number's unit on the next line (`≤316` / `万元`): a few ideographs right below a bare
    number go on with it (before, `≤316` stood alone and `万元` went on the next row's cell)."""
    rows = text_rows(_page([[(30, ["系统故障响应时间"]), (130, ["≤316", "万元"]), (175, ["316万元"]), (240, ["3.00"])],
                            [(30, ["完成及时率"]), (130, ["≤161", "万元"]), (175, ["161万元"]), (240, ["2.00"])]],
                           "top", padding=padding))
    assert [[text for text, *_ in row.cells] for row in rows] == [
        ["系统故障响应时间", "≤316万元", "316万元", "3.00"], ["完成及时率", "≤161万元", "161万元", "2.00"]]


@pytest.mark.parametrize("padding", [0.0, PADDING])
def test_a_number_broken_before_its_point_is_joined(padding):
    """A column two characters wide breaks `100.00` into `10` / `0.0` / `0` (LibreOffice's 分值 of a 总分 row): a
    head too short to be cut by its width alone goes on with a rest that holds the point; a whole number over
    another row's number stays a value of its own."""
    rows = text_rows(_page([[(30, ["总分"]), (120, ["10", "0.0", "0"]), (160, ["90.02"])],
                            [(30, ["其他"]), (120, ["10"]), (160, ["8"])]], "top", padding=padding))
    assert [[text for text, *_ in row.cells] for row in rows] == [["总分", "100.00", "90.02"], ["其他", "10", "8"]]


def test_a_glyph_boxed_by_its_ink_opens_no_gap():
    """A glyph from a fallback font is boxed by its ink, narrower than its advance ('自' in a title): the gaps
    beside it are no column boundary, even where the next word starts at a column that rows below share."""
    title = _chars("财政项目支出绩效自评表", 30, 20.0)
    narrow = title[8]
    narrow.x0, narrow.x1 = narrow.x0 + 2.5, narrow.x1 - 2.5  # '自' as pdfium boxes a fallback glyph
    column = title[9].x0  # where '评' starts: a column of the table below starts there too
    rows = _page([[(30, ["项目名称"]), (column, ["甲"])], [(30, ["主管部门"]), (column, ["乙"])],
                  [(30, ["实施单位"]), (column, ["丙"])]])
    got = [[text for text, *_ in row.cells] for row in text_rows([title, *rows])]
    assert got[0] == ["财政项目支出绩效自评表"]


def test_a_sentence_running_past_a_column_start_stays_whole():
    """A goal text runs across the columns of the rows below; where a word after a space of the text itself
    starts at one of their column starts, the sentence is not cut there (a cell boundary prints no space)."""
    sentence = _chars("于 2023 年 7 月 4 日支持举办", 30, 20.0)
    column = next(c.x0 for c in sentence if c.text == "7")
    rows = _page([[(30, ["分值"]), (column, ["10.00"])], [(30, ["得分"]), (column, ["9.00"])],
                  [(30, ["总分"]), (column, ["100.00"])]])
    got = [[text for text, *_ in row.cells] for row in text_rows([sentence, *rows])]
    assert got[0] == ["于 2023 年 7 月 4 日支持举办"]


def test_a_space_of_the_text_is_kept_however_narrow():
    """A space the text itself prints stays in the cell's text even where justification made it narrow."""
    line = _chars("BPAA", 30, 20.0)
    x = line[-1].x1 + 0.1 * SIZE  # a space squeezed to a tenth of an em
    line += [Char(ch, x + k * SIZE, x + (k + 1) * SIZE, 20.0, 20.0 + SIZE, spaced=k == 0)
             for k, ch in enumerate("算法")]
    assert [[text for text, *_ in row.cells] for row in text_rows([line])] == [["BPAA 算法"]]


def test_a_cell_continued_over_the_next_cells_text_is_another_line():
    """At the top of a new page a browser may print the rest of a merged cell ('标' of 数量指标) a little above the
    next cell's first character ('质' of 质量指标), in the same one-character column: two lines, not '标质'. A
    glyph printed twice over itself (a bold made by overprinting) stays one character of its line."""
    from jixiao.read.pdf import _lines

    rest = _chars("标", 52.8, 48.9) + _chars("7.00", 391.0, 48.9)
    below = _chars("质", 52.8, 51.2)
    assert ["".join(c.text for c in line) for line in _lines(rest + below)] == ["标7.00", "质"]
    bold = _chars("合计", 30.0, 40.0) + _chars("合", 30.3, 40.2)
    assert len(_lines(bold)) == 1


def _spread(text: str, x0: float, x1: float, top: float) -> list[Char]:
    """A label set 分散对齐: its characters spread evenly from x0 to x1."""
    step = (x1 - x0 - SIZE) / (len(text) - 1)
    return [Char(ch, x0 + k * step, x0 + k * step + SIZE, top, top + SIZE) for k, ch in enumerate(text)]


def test_a_label_spread_over_its_cell_is_one_word():
    """`年 初 预 算 数` printed 分散对齐 across its cell, beside `全 年 预 算` whose cell wraps `数` onto a second line:
    each run of single characters at one gap is one word, the runs two cells. Two one-character label columns
    (a browser's narrow label columns) stand at unequal gaps from the next cell: not joined."""
    first = _spread("年初预算数", 60.0, 150.0, 40.0) + _spread("全年预算", 170.0, 250.0, 40.0)
    second = _chars("数", 170.0, 58.0)
    got = [[text for text, *_ in row.cells] for row in text_rows([first, second])]
    assert got == [["年初预算数", "全年预算数"]]
    narrow = _chars("产", 30.0, 40.0) + _chars("数", 48.0, 40.0) + _chars("保", 70.0, 40.0)
    assert [[text for text, *_ in row.cells] for row in text_rows([narrow])] == [["产", "数", "保"]]


def test_a_row_whose_every_cell_links_below_starts_where_its_cells_begin():
    """Rows set without padding, top-aligned: the first row's two one-line cells stand over the next row's first
    two and link to them (no wider, a line apart); no one-line cell anchors the first row. Where several cells
    begin on one line a row begins there (`项目名称` over `主管部门` is two rows, not one cell)."""
    rows = [[(30, ["项目名称"]), (90, ["政府购买超算中心高性能计算服务经费"])],
            [(30, ["主管部门"]), (90, ["上海市经济和信息化委员会"]), (330, ["实施单位"]), (390, ["上海市经济信息委"])],
            [(30, ["项目资金"]), (240, ["年初预算数"]), (480, ["全年预算数"]), (550, ["得分"])]]
    got = [[text for text, *_ in row.cells] for row in text_rows(_page(rows, "top", padding=0.0))]
    assert got == [["项目名称", "政府购买超算中心高性能计算服务经费"],
                   ["主管部门", "上海市经济和信息化委员会", "实施单位", "上海市经济信息委"],
                   ["项目资金", "年初预算数", "全年预算数", "得分"]]


def test_a_row_a_page_break_cut_goes_on_at_the_next_page_s_top():
    """A table without rules whose page broke inside a row: the next page opens with the rest of that row's
    wrapped cells and the digits the break cut off its numbers (`生态` / `效益指标`, `≤183万` / `元`, `2.0` / `0`),
    its name whole above. Each rest goes on in the cell above it (before: a row of its own named `元`); a row of
    its own at a page's top, its numbers whole, stays a row."""
    from jixiao.read.pdf import Page, layout

    def page(number: int, rows: list[list[tuple[float, list[str]]]]) -> Page:
        return Page(number, 600.0, 800.0, chars=[ch for line in _page(rows, "top") for ch in line])

    cut = [(30, ["生态"]), (90, ["绿化覆盖率"]), (180, ["≤183万"]), (250, ["183万"]), (320, ["2.0"]),
           (360, ["0.5"]), (400, ["受天气影响部"])]
    rest = [(30, ["效益", "指标"]), (180, ["元"]), (250, ["元"]), (320, ["0"]), (360, ["9"]), (400, ["分工作延期。"])]
    whole = [(30, ["可持续"]), (90, ["设施使用年限"]), (180, ["≥152个"]), (250, ["达成指标"]), (320, ["9.0"]),
             (360, ["9.0"])]
    first = [[(30, ["一级"]), (90, ["三级指标"]), (180, ["指标值"]), (250, ["完成值"]), (320, ["分值"]),
              (360, ["得分"]), (400, ["原因"])], cut]
    doc = layout([page(1, first), page(2, [rest, whole])], "x.pdf")
    rows: dict[int, list[str]] = {}
    for tok in doc.tokens:
        rows.setdefault(tok.row, []).append(tok.text)
    assert list(rows.values())[1:] == [["生态效益指标", "绿化覆盖率", "≤183万元", "183万元", "2.00", "0.59",
                                        "受天气影响部分工作延期。"], ["可持续", "设施使用年限", "≥152个", "达成指标",
                                                                  "9.0", "9.0"]]
    doc = layout([page(1, first), page(2, [whole])], "x.pdf")
    assert len({tok.row for tok in doc.tokens}) == 3


def test_a_line_right_below_a_table_opening_a_page_is_no_text_of_its_cells():
    """A one-row table opening a page (the grade row, `评分等级 | 中`, the rest of a form whose table a page break
    cut) with a web page's links right below it (`【打印本页】 【关闭窗口】`): the table ends far above the page's
    foot, so no cell of it was cut and drew its text on past its last rule — the links are a line of their own
    (before: `评分等级【打印本页】`, `中【关闭窗口】`, the grade lost)."""
    from jixiao.read.pdf import Page, layout

    top, bottom = 60.0, 60.0 + PITCH
    chars = _chars("评分等级", 32, top + 3) + _chars("中", 152, top + 3)
    chars += _chars("【打印本页】", 32, bottom + 2) + _chars("【关闭窗口】", 152, bottom + 2)
    page = Page(1, 600.0, 800.0, chars=chars, horizontal=[(top, 30, 400), (bottom, 30, 400)],
                vertical=[(30, top, bottom), (150, top, bottom), (400, top, bottom)])
    rows: dict[int, list[str]] = {}
    for tok in layout([page], "x.pdf").tokens:
        rows.setdefault(tok.row, []).append(tok.text)
    assert list(rows.values()) == [["评分等级", "中"], ["【打印本页】", "【关闭窗口】"]]


@pytest.mark.parametrize("align", ["top", "middle"])
def test_two_cells_set_close_are_parted_by_their_rests(align):
    """Two narrow cells set as close as a space (a browser's table without borders, cells of a two-pixel gap) read
    as one text on their first line (`项目资 年初预`); their rests on the next line start under each of them
    (`金(万` under `项目资`, `算数` under `年初预`): two cells (before, `项目资 年初预金(万` and `算数` a row of
    its own)."""
    gap = 3.5  # points: less than a cell's gap, as wide as a space (the numbers below set right: no column start)
    rows = text_rows(_page([[(30, ["项目资", "金(万", "元)"]), (30 + 3 * SIZE + gap, ["年初预", "算数"]),
                             (130, ["全年预算数"])],
                            [(30, ["年度资", "金总额"]), (30 + 3 * SIZE + gap + 8, ["0.00"]), (130, ["101.00"])]],
                           align))
    assert [[text for text, *_ in row.cells] for row in rows] == [
        ["项目资金(万元)", "年初预算数", "全年预算数"], ["年度资金总额", "0.00", "101.00"]]
