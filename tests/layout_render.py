"""Render form records (tests/data/golden/*.json) as documents in many layouts, for reading them back.

The printed form is the national 财政项目支出绩效自评表 grid, written from the record alone:

    title / (2023年度)
    项目名称 | value
    主管部门 | value | 实施单位 | value
    项目资金(万元) | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分
    年度资金总额 | … ; 其中：当年财政拨款 | … ; 上年结转资金 | … ; 其他资金 | …
    年度总体目标 | 预期目标 | 实际完成情况 ; | goal_expected | goal_actual
    一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施
    indicator rows (一级/二级 labels are merged cells)
    总分 | total_weight | total_score ; 评分等级 | grade

`render(forms, layout, ...)` writes a document; `LAYOUTS` names the layouts; `expected(form)` is the record a
reader should give back for a rendered form. `python -m tests.layout_render OUTDIR` writes every golden in every
layout (and a few variation combinations) for eyeballing.
"""

from __future__ import annotations

import csv
import functools
import html as _html
import io
import json
import random
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

LAYOUTS = (
    "tab",
    "pipe",
    "box",
    "box_wrapped",
    "csv",
    "pipe_runs",
    "cell_lines",
    "cell_lines_blank",
    "blank_separated",
    "space_rows",
    "one_line",
    "html",
    "pdf_flow",
    "aligned",
    "aligned_centred",
    "latex",
    "drawn",
    "bar_cells",
)

DEFAULT_TITLE = "财政项目支出绩效自评表"
NCOLS = 8
# column widths in CJK characters (a half-width character counts half) for the wrapping layouts
COL_WIDTH = (5, 5, 12, 8, 8, 5, 5, 10)
# narrow label columns (`narrow`): 项目名称, 主管部门 and the level labels wrap ('项目名' / '称', '产出指' / '标')
NARROW_WIDTH = (3, 3, 12, 9, 9, 4, 4, 9)  # (the goal texts' three columns as wide as GOAL_WIDTH)
GOAL_WIDTH = 30
CAPTION = "绩效指标"  # the national form's caption of the indicator table, merged down a column of its own
CAPTION_WIDTH = 2
FUND_ROWS = (
    ("total", "年度资金总额"),
    ("current_year", "其中：当年财政拨款"),
    ("carryover", "上年结转资金"),
    ("other", "其他资金"),
)
FUND_COLS = ("initial_budget", "annual_budget", "executed", "weight", "execution_rate", "score")
IND_HEADER = ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施")
POINTS_FIRST = (0, 1, 2, 5, 3, 4, 6, 7)  # the indicator columns' order when 分值 comes before 年度指标值
TEXT_FIELDS = ("title", "project_name", "department", "implementing_unit", "goal_expected", "goal_actual", "grade")
IND_TEXT = ("level1", "level2", "name", "target", "actual", "deviation")


# ----------------------------------------------------------------------------------------------- document model


@dataclass
class Merge:
    """A merged (row-spanning) label cell, one segment of it (segments are cut at page breaks)."""

    text: str  # the label
    index: int  # this row's position in the segment
    length: int  # rows in the segment
    label_at: int | None  # row of the segment that prints the label (None: printed in another segment)
    col: int
    vertical: bool = False  # set vertically (竖排), a character a line


@dataclass
class Cell:
    text: str
    span: int = 1
    merge: Merge | None = None
    width: float | None = None  # wrapping width override (CJK characters)
    kind: str = "text"  # text | num | label


@dataclass
class Row:
    cells: list[Cell]
    header: bool = False
    indicator: bool = False


@dataclass
class Line:
    text: str
    kind: str = "chrome"  # title | year | chrome


@dataclass
class Break:
    marker: str  # "\f" or a page-number line


@dataclass
class FormSep:
    pass


@dataclass
class Style:
    amount: str = "comma"  # comma | plain | compact
    points_first: bool = False  # 分值 printed before 年度指标值 and 实际完成值 (as some provinces print the form)
    percent_weights: bool = False  # each indicator's 分值 printed as a percent ('10%': a 权重 column)
    percent: bool = False
    dash: str = "-"
    title_one_line: bool = False
    year_paren: str = "()"
    nbsp_entity: bool = False
    blank_between_labels: bool = True
    template: str = "national"  # the template variant whose words the form prints (jixiao/templates/*.toml)
    widths: tuple[float, ...] = COL_WIDTH  # the columns' widths where cells wrap
    no_labels: bool = False  # an indicator table without 一级 and 二级 columns (三级指标 first)
    centred: bool = False  # cells centred in their row's height (column-aligned text: a short cell on a middle line)
    caption: bool = False  # the national form's merged captions: 绩效指标 down a column of its own before the
    # indicator table, 项目资金(万元) down the fund block's first column
    extras: dict = field(default_factory=dict)


# ----------------------------------------------------------------------------------------------- formatting

_FW = str.maketrans("0123456789,.%-", "０１２３４５６７８９，．％－")


def fmt_num(v, style: str) -> str:
    """A number as printed: 2,270.00 (comma) / 2270.00 (plain) / 2270 or 10.5 (compact); never loses digits."""
    if v is None:
        return ""
    f = float(v)
    two = abs(round(f, 2) - f) < 1e-9
    if style == "compact" or not two:
        s = repr(round(f, 10))
        if s.endswith(".0"):
            s = s[:-2]
        if "e" in s:
            s = f"{f:.10f}".rstrip("0").rstrip(".")
        if style == "comma":
            head, _, tail = s.partition(".")
            neg = head.startswith("-")
            head = f"{int(head.lstrip('-') or 0):,}"
            s = ("-" if neg else "") + head + ("." + tail if tail else "")
        return s
    return f"{f:,.2f}" if style == "comma" else f"{f:.2f}"


def cjk_width(s: str) -> float:
    """Width in CJK characters: a wide character counts 1, a half-width one 0.5; an ambiguous one (“ ” ‘ ’ …) is
    wide, as Chinese fonts print it."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WFA" else 0.5 for ch in s)


def display_width(s: str) -> int:
    """Columns in a monospaced rendering (a terminal, `pdftotext -layout`): an ambiguous character takes one."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


def wrap(text: str, width: float) -> list[str]:
    """Cut text into pieces no wider than width (CJK characters); never cuts inside an ASCII number or word, an
    HTML tag or entity (as a line breaker does not) unless the word alone is wider than the column."""
    if not text:
        return []
    tokens = re.findall(r"(?:<[^<>\n]*>|&#?[A-Za-z0-9]+;|[A-Za-z0-9.,%()=<>≥≤+\-*/:])+|\s+|.", text)
    pieces: list[str] = []
    cur = ""
    for tok in tokens:
        if tok.isspace():
            tok = " "
        if cjk_width(cur + tok) <= width:
            cur += tok
            continue
        if cur.strip():
            pieces.append(cur.strip())
        cur = "" if tok == " " else tok
        while cjk_width(cur) > width:  # a word wider than the column: cut it
            k = 1
            while k < len(cur) and cjk_width(cur[: k + 1]) <= width:
                k += 1
            pieces.append(cur[:k])
            cur = cur[k:]
    if cur.strip():
        pieces.append(cur.strip())
    # a closing punctuation mark never starts a line: it hangs at the end of the line before
    out: list[str] = []
    for p in pieces:
        if out and p[0] in _NO_START:
            out[-1] += p[0]
            p = p[1:]
        if p:
            out.append(p)
    return out


_NO_START = "。，、；：！？）)”’」》%"


# ----------------------------------------------------------------------------------------------- building rows


def _year_text(form: dict, style: Style) -> str:
    y = form.get("year")
    if y is None:
        return ""
    a, b = style.year_paren
    return f"{a}{y}年度{b}"


def _ind_row(ind: dict, nums: str, percent: bool = False) -> list[Cell]:
    weight = fmt_num(ind.get("weight"), nums)
    return [
        Cell(ind.get("level1") or "", kind="label"),
        Cell(ind.get("level2") or "", kind="label"),
        Cell(ind.get("name") or ""),
        Cell(ind.get("target") or ""),
        Cell(ind.get("actual") or ""),
        Cell(weight + "%" if percent and weight else weight, kind="num"),
        Cell(fmt_num(ind.get("score"), nums), kind="num"),
        Cell(ind.get("deviation") or ""),
    ]


@functools.cache
def _words(template: str):
    from jixiao.render.labels import labels

    return labels(template)


def _form_rows(form: dict, style: Style) -> tuple[list[Row], list[int]]:
    """The table rows of a form and the row indices that are indicator rows."""
    unit = form.get("fund_unit") or "万元"
    amt = style.amount
    words = _words(style.template)
    head, sections, columns = words.head, words.sections, words.fund_columns
    rows = [
        Row([Cell(head["project_name"]), Cell(form.get("project_name") or "", span=7)]),
        Row(
            [
                Cell(head["department"]),
                Cell(form.get("department") or "", span=3),
                Cell(head["implementing_unit"]),
                Cell(form.get("implementing_unit") or "", span=3),
            ]
        ),
        Row(
            [Cell(f"{sections['funds']}({unit})", span=2, width=4)]
            + [Cell(columns[c] + ("(%)" if c == "execution_rate" and not style.percent and "(" not in columns[c]
                                  else "")) for c in FUND_COLS],
            header=True,
        ),
    ]
    funds = form.get("funds") or {}
    for key, label in FUND_ROWS:
        label = label if style.template == "national" else ("其中：" if key == "current_year" else "") + (
            words.fund_rows[key])
        fr = funds.get(key)
        if fr is None:
            continue
        cells = [Cell(label, span=2)]
        for c in FUND_COLS:
            v = fr.get(c)
            if v is None and key != "total" and c in ("weight", "score"):
                cells.append(Cell(style.dash, kind="num"))
            elif c == "execution_rate" and v is not None:
                cells.append(
                    Cell(fmt_num(v, "plain" if amt == "comma" else amt) + ("%" if style.percent else ""), kind="num")
                )
            else:
                cells.append(
                    Cell(
                        fmt_num(v, amt if c in FUND_COLS[:3] else "compact" if amt == "compact" else "plain"),
                        kind="num",
                    )
                )
        rows.append(Row(cells))
    if style.caption:
        _merge_fund_label(rows[2:])
    rows.append(
        Row(
            [Cell(sections["goals"], span=2, width=2), Cell(sections["goal_expected"], span=3),
             Cell(sections["goal_actual"], span=3)], header=True
        )
    )
    rows.append(
        Row(
            [
                Cell("", span=2),
                Cell(form.get("goal_expected") or "", span=3, width=GOAL_WIDTH),
                Cell(form.get("goal_actual") or "", span=3, width=GOAL_WIDTH),
            ]
        )
    )
    header = IND_HEADER if style.template == "national" else tuple(
        words.indicator_columns[k] for k in ("level1", "level2", "name", "target", "actual", "weight", "score",
                                             "deviation"))
    rows.append(Row([Cell(h) for h in header], header=True))
    first_ind = len(rows)
    nums = "compact" if amt == "compact" else "plain"
    for ind in form.get("indicators") or []:
        rows.append(Row(_ind_row(ind, nums, style.percent_weights), indicator=True))
    ind_rows = list(range(first_ind, len(rows)))
    total = [Cell(fmt_num(form.get("total_weight"), nums), kind="num"),
             Cell(fmt_num(form.get("total_score"), nums), kind="num")]
    if style.points_first:
        for row in rows[first_ind - 1:]:
            row.cells = [row.cells[k] for k in POINTS_FIRST]
    if style.no_labels:  # no 一级 and 二级 columns: the 三级指标 column takes their width
        for row in rows[first_ind - 1:]:
            row.cells = [Cell(row.cells[2].text, span=3), *row.cells[3:]]
        rows.append(Row([Cell(sections["total"], span=3), total[0], Cell("", span=2), total[1], Cell("")]))
    else:
        rows.append(Row([Cell(sections["total"], span=5), *total, Cell("")]))
    rows.append(Row([Cell(sections["grade"], span=2), Cell(form.get("grade") or "", span=6)]))
    return rows, ind_rows


def _merge_fund_label(rows: list[Row]) -> None:
    """The fund block as the national form prints it: 项目资金(万元) merged down its first column over the header
    and the fund rows (centred), the row labels in the second column, a blank heading over them."""
    text = rows[0].cells[0].text
    at = (len(rows) - 1) // 2
    for pos, row in enumerate(rows):
        first = row.cells[0]
        merged = Cell(text if pos == at else "", merge=Merge(text, pos, len(rows), at, 0), kind="label")
        row.cells[0:1] = [merged, Cell("" if pos == 0 else first.text)]


def _label_index(n: int, position: str) -> int:
    return {"top": 0, "middle": (n - 1) // 2, "bottom": n - 1, "vertical": 0}[position]


def _vertical_text(text: str, pos: int, length: int) -> str | None:
    """The character a row of a segment of `length` rows prints of a label typed a character a cell down its
    column from the segment's top (产/出/指/标 in a workbook); None where the label does not fit: printed whole.
    (`pdf_flow` sets the label vertically in its merged cell instead, centred as its other merged labels.)"""
    if len(text) > length:
        return None
    return text[pos] if pos < len(text) else ""


def _apply_merges(rows: list[Row], ind_rows: list[int], breaks_before: set[int], position: str) -> None:
    """Turns the 一级/二级 cells of indicator rows into merged label cells (text on one row per span)."""
    if not ind_rows:
        return
    keys = [(rows[i].cells[0].text, rows[i].cells[1].text) for i in ind_rows]
    for col in (0, 1):
        spans: list[list[int]] = []
        for k, i in enumerate(ind_rows):
            same = k > 0 and keys[k][0] == keys[k - 1][0] and (col == 0 or keys[k][1] == keys[k - 1][1])
            if same:
                spans[-1].append(i)
            else:
                spans.append([i])
        for span in spans:
            text = rows[span[0]].cells[col].text
            at = span[_label_index(len(span), position)]
            segs: list[list[int]] = [[span[0]]]
            for i in span[1:]:
                if i in breaks_before:
                    segs.append([i])
                else:
                    segs[-1].append(i)
            vertical = position == "vertical" and col == 0  # (the 一级 column: its 二级 labels printed at the top)
            for seg in segs:
                label_at = seg.index(at) if at in seg else None
                for pos, i in enumerate(seg):
                    cell = rows[i].cells[col]
                    cell.merge = Merge(text, pos, len(seg), label_at, col, vertical)
                    down = _vertical_text(text, pos, len(seg)) if vertical and label_at is not None else None
                    cell.text = down if down is not None else text if pos == label_at else ""


def _add_caption(rows: list[Row], ind_rows: list[int], breaks_before: set[int]) -> None:
    """Puts a caption column before the indicator table (the national form's 绩效指标, a cell merged over its
    header and rows, centred in each page's part of it): every other row's first cell spans that column too."""
    table = [ind_rows[0] - 1, *ind_rows] if ind_rows else []
    segs: list[list[int]] = []
    for i in table:
        if not segs or i in breaks_before:
            segs.append([i])
        else:
            segs[-1].append(i)
    first = {seg[0]: seg for seg in segs}
    seg: list[int] = []
    for i, row in enumerate(rows):
        if i not in table:
            row.cells[0].span += 1
            continue
        seg = first.get(i, seg)
        for c in row.cells:
            if c.merge is not None:
                c.merge.col += 1
        pos, at = seg.index(i), (len(seg) - 1) // 2
        merge = Merge(CAPTION, pos, len(seg), at, 0)
        row.cells.insert(0, Cell(CAPTION if pos == at else "", merge=merge, kind="label"))


# ----------------------------------------------------------------------------------------------- variations


def _page_marker(rng: random.Random, page: int, pages: int) -> str:
    kind = rng.randrange(4)
    if kind == 0:
        return "\f"
    if kind == 1:
        return f"- {page} -"
    if kind == 2:
        return f"第 {page} 页 共 {pages} 页"
    return str(page)


_GE = re.compile(r"^(≥|>=)\s*([0-9.]+)\s*(%?)(.*)$")


def _markup_target(t: str) -> str:
    m = _GE.match(t)
    if not m:
        return t
    num, pct, rest = m.group(2), m.group(3), m.group(4)
    pct_tex = "\\%" if pct else ""
    return f"$\\geq {num}{pct_tex}$" + rest


def _variant_ge(t: str, rng: random.Random) -> str:
    return t.replace("≥", rng.choice([">=", "≧", "》"])) if t else t


def _prepare(form: dict, *, markup: bool, variants: bool, rng: random.Random) -> dict:
    """The record as it will be printed (markup and variant spellings applied to text)."""
    f = json.loads(json.dumps(form, ensure_ascii=False))
    inds = f.get("indicators") or []
    if variants:
        for ind in inds:
            for k in ("target", "actual"):
                if ind.get(k):
                    ind[k] = _variant_ge(ind[k], rng)
    if markup:
        for k in ("goal_expected", "goal_actual"):
            if f.get(k):
                txt = f[k].replace(" ", "&nbsp;")
                txt = re.sub(r"(，)(?=.)", lambda m: m.group(1) + ("&nbsp;" if rng.random() < 0.3 else ""), txt)
                f[k] = f"<p>{txt}</p>"
        for ind in inds:
            if ind.get("target"):
                ind["target"] = _markup_target(ind["target"])
            for k in ("name", "actual", "deviation"):
                if ind.get(k) and " " in ind[k]:
                    ind[k] = ind[k].replace(" ", "&nbsp;")
    return f


def _fullwidth(rows: list[Row]) -> None:
    for row in rows:
        for c in row.cells:
            if c.kind == "num" and c.text not in ("-", "—"):
                c.text = c.text.translate(_FW)


CHROME_HEAD = [
    "设为首页|加入收藏|长辈版|无障碍浏览",
    "您现在所在的位置：网站首页 > 政务公开 > 财政预决算",
    "索引号: 11310000002420374C/2024-00321",
    "发布机构: {dept}",
    "名称: {name}项目支出绩效自评表",
    "发布日期: 2024-04-19",
    "字体：[ 大 中 小 ]  浏览次数：128",
    "附件1",
]
CHROME_FOOT = ["【打印本页】 【关闭窗口】", "打印本页 关闭窗口", "主办单位：某某市财政局  网站标识码：3100000001"]


# ----------------------------------------------------------------------------------------------- the document


def _build(
    forms: list[dict],
    *,
    seed: int,
    page_breaks: bool,
    repeat_header: bool,
    label_position: str,
    chrome: bool,
    markup: bool,
    variants: bool,
    points_first: bool = False,
    percent_weights: bool = False,
    template: str = "national",
    narrow: bool = False,
    caption: bool = False,
    no_labels: bool = False,
    centred: bool = False,
    running: bool = False,
) -> tuple[list, Style, random.Random]:
    rng = random.Random(seed)
    style = Style(
        amount=rng.choice(["comma", "plain", "compact"]),
        percent=rng.random() < 0.4,
        dash=rng.choice(["-", "-", "—"]),
        title_one_line=rng.random() < 0.25,
        year_paren=rng.choice(["()", "（）"]),
        nbsp_entity=markup or rng.random() < 0.3,
        blank_between_labels=rng.random() < 0.5,
        points_first=points_first,
        percent_weights=percent_weights,
        template=template,
        widths=((CAPTION_WIDTH,) if caption else ()) + (NARROW_WIDTH if narrow else COL_WIDTH),
        caption=caption,
        no_labels=no_labels,
        centred=centred,
    )
    per_form = []
    for form in forms:
        f = _prepare(form, markup=markup, variants=variants, rng=rng)
        rows, ind_rows = _form_rows(f, style)
        per_form.append((f, rows, ind_rows))
    total_rows = sum(len(r) for _, r, _ in per_form)
    breaks: dict[tuple[int, int], str] = {}
    if page_breaks and total_rows > 2:
        flat = [(fi, ri) for fi, (_, rows, _) in enumerate(per_form) for ri in range(1, len(rows))]
        # prefer a break inside an indicator table, where the merged labels and a repeated header matter
        inside = [(fi, ri) for fi, ri in flat if ri in per_form[fi][2][1:] or ri == len(per_form[fi][1]) - 2]
        chosen = set(rng.sample(inside, 1)) if inside else set()
        n = rng.randint(2, 3) if running else rng.randint(1, 3)  # (a running header shows on three pages)
        while len(chosen) < min(n, len(flat)):
            chosen.add(rng.choice(flat))
        pages = len(chosen) + 1
        for page, pos in enumerate(sorted(chosen), start=2):
            breaks[pos] = _page_marker(rng, page, pages)
    doc: list = []
    # a document's running header, printed at the top of every page (a 部门决算 the forms are attached to)
    header = Line(f"{forms[0].get('department') or '某单位'}2023年度部门决算") if running and breaks and forms else None
    if header is not None:
        doc.append(header)
    if chrome and forms:
        doc += [
            Line(t.format(dept=forms[0].get("department") or "", name=forms[0].get("project_name") or ""))
            for t in CHROME_HEAD
        ]
    for fi, (f, rows, ind_rows) in enumerate(per_form):
        if fi:
            doc.append(FormSep())
        before = {ri for (ffi, ri) in breaks if ffi == fi}
        if not style.no_labels:
            _apply_merges(rows, ind_rows, before, label_position)
        if style.caption:
            _add_caption(rows, ind_rows, before)
        if variants:
            _fullwidth(rows)
        title = f.get("title") or DEFAULT_TITLE
        year = _year_text(f, style)
        if style.title_one_line:
            doc.append(Line(title + year, "title"))
        else:
            doc += [Line(title, "title"), Line(year, "year")]
        header_row = rows[ind_rows[0] - 1] if ind_rows else None
        for ri, row in enumerate(rows):
            if (fi, ri) in breaks:
                doc.append(Break(breaks[(fi, ri)]))
                if header is not None:
                    doc.append(header)
                if repeat_header and header_row is not None and ind_rows and ind_rows[0] < ri <= ind_rows[-1] + 1:
                    doc.append(Row([Cell(c.text) for c in header_row.cells], header=True))
            doc.append(row)
    if chrome:
        doc += [Line(t) for t in CHROME_FOOT]
    return doc, style, rng


# ----------------------------------------------------------------------------------------------- layouts


def _clean(text: str, bad: str, repl: str = " ") -> str:
    for ch in bad:
        text = text.replace(ch, repl)
    return text


def _grid(row: Row) -> list[str]:
    """Row as NCOLS cells (a spanning cell's text in its first column, empty cells after)."""
    out: list[str] = []
    for c in row.cells:
        out.append(c.text)
        out += [""] * (c.span - 1)
    return out


def _one_line(text: str) -> str:
    return re.sub(r"\s*\n\s*", "", text)


def _break_lines(marker: str) -> list[str]:
    return ["", marker, ""]


def _text_layout(doc: list, row_fn, *, blank_between_forms: bool = True, sep_after_first: str | None = None) -> str:
    lines: list[str] = []
    block_start = True
    for item in doc:
        if isinstance(item, Line):
            lines.append(item.text)
        elif isinstance(item, FormSep):
            if blank_between_forms:
                lines.append("")
            block_start = True
        elif isinstance(item, Break):
            lines += _break_lines(item.marker)
            block_start = True
        else:
            lines += row_fn(item)
            if block_start and sep_after_first:
                lines.append(sep_after_first)
            block_start = False
    return "\n".join(lines) + "\n"


def layout_tab(doc: list, style: Style, rng: random.Random) -> str:
    return _text_layout(doc, lambda r: ["\t".join(_clean(_one_line(t), "\t") for t in _grid(r))])


def layout_pipe(doc: list, style: Style, rng: random.Random) -> str:
    def row(r: Row) -> list[str]:
        return ["| " + " | ".join(_clean(_one_line(t), "|", "｜") for t in _grid(r)) + " |"]

    return _text_layout(doc, row, sep_after_first="|" + "---|" * len(style.widths))


def layout_bar_cells(doc: list, style: Style, rng: random.Random) -> str:
    """A web page's table taken a cell per line by a mirror site: the cells its rows print (a merged label's in
    the first row of its span only, as HTML's rowspan), a row's first on a line of its own and each next opened
    by an indented bar (`        | 数量指标`, or a bar at the line's start) — or the bar alone, the cell's text on
    an indented line below it (`|   项目完成指标` / `        | ` / `     质量指标`) —, the row ended by a run of
    bars, and a long cell's text wrapped onto an indented line of its own."""
    # (one way a document: flush prints the bars at the lines' starts, `| 数量指标`)
    way = rng.choice(("indented", "alone", "flush"))

    def row(r: Row) -> list[str]:
        bar = "| " if way == "flush" else "        | "
        texts = []
        for c in r.cells:
            if c.merge is not None and c.merge.index:
                continue  # (under a merged label: no cell of its own)
            label = c.merge is not None and c.merge.label_at is not None
            texts.append(_clean(_one_line(c.merge.text if label else "" if c.merge else c.text), "|", "｜"))
        ends = "|" * rng.randint(1, 3)
        if way == "alone":
            out = [f"|   {texts[0]}"]
            for t in texts[1:]:
                out += ["        | ", f"     {t}"]
            return [*out, "        | ", f"  {ends}"]
        out = [texts[0]]
        for t in texts[1:]:
            if len(t) > 24 and way == "indented" and rng.random() < 0.5:  # (wrapped onto an indented line)
                out += [f"{bar}{t[:20]}", f"       {t[20:]}"]
            else:
                out.append(f"{bar}{t}")
        return [*out, f"{bar}{ends}"]

    return _text_layout(doc, row)


def layout_box(doc: list, style: Style, rng: random.Random) -> str:
    """A table drawn in characters: box-drawing (`│` cells, `├──┼──┤` rules) or ASCII (`|` cells, `+--+--+`
    rules), a rule under every row, as console tools and some text exports draw tables."""
    bar, rule = ("│", "├" + "┼".join(["────"] * len(style.widths)) + "┤") if rng.random() < 0.5 else (
        "|", "+" + "+".join(["----"] * len(style.widths)) + "+")

    def row(r: Row) -> list[str]:
        return [bar + bar.join(_clean(_one_line(t), "|", "｜").replace("│", "｜") for t in _grid(r)) + bar, rule]

    return _text_layout(doc, row)


def layout_box_wrapped(doc: list, style: Style, rng: random.Random) -> str:
    """A grid table drawn in characters whose cells wrap within their columns (a Markdown grid table, a console
    or plain-text export): a rule under every row, each row printed over as many lines as its longest cell
    needs, a cell spanning columns printed as one."""
    rule = "+" + "+".join(["-" * 4] * len(style.widths)) + "+"

    def row(r: Row) -> list[str]:
        cells, col = [], 0
        for c in r.cells:
            width = c.width or sum(style.widths[col:col + c.span])
            cells.append(wrap(_clean(_one_line(c.text), "|", "｜"), width) or [""])
            col += c.span
        height = max(len(pieces) for pieces in cells)
        return ["| " + " | ".join(pieces[k] if k < len(pieces) else "" for pieces in cells) + " |"
                for k in range(height)] + [rule]

    return _text_layout(doc, row)


def layout_csv(doc: list, style: Style, rng: random.Random) -> str:
    """A sheet saved as CSV: every row as wide as the sheet (Excel pads them), a cell's line breaks kept inside
    its quotes, lines above the table as rows of one filled field."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for item in doc:
        if isinstance(item, Line):
            writer.writerow([item.text] + [""] * (len(style.widths) - 1) if item.text else [])
        elif isinstance(item, FormSep):
            writer.writerow([])
        elif isinstance(item, Break):
            for line in _break_lines(item.marker):
                writer.writerow([line] + [""] * (len(style.widths) - 1) if line.strip() else [])
        else:
            writer.writerow(_grid(item))
    return buffer.getvalue()


def layout_pipe_runs(doc: list, style: Style, rng: random.Random) -> str:
    def row(r: Row) -> list[str]:
        out = ""
        prev_empty = False
        for t in _grid(r):
            t = _clean(_one_line(t), "|", "｜").strip()
            if t:
                out += ("" if not out else " ") + f"{t} |"
                prev_empty = False
            else:
                out += "|" if prev_empty or not out else " |"
                prev_empty = True
        return [out]

    return _text_layout(doc, row)


def layout_cell_lines(doc: list, style: Style, rng: random.Random) -> str:
    return _text_layout(doc, lambda r: [_one_line(c.text) for c in r.cells if c.text.strip()])


def layout_cell_lines_wrapped(doc: list, style: Style, rng: random.Random) -> str:
    """A cell per line, each cell's text wrapped in its column over lines of its own, empty cells left out: the
    text PyMuPDF (`page.get_text()`) and many PDF viewers' copy give of a table, cell after cell as the PDF
    draws them, a line for each printed line."""
    def row(r: Row) -> list[str]:
        out, col = [], 0
        for c in r.cells:
            if c.text.strip():
                out += wrap(_one_line(c.text), _cell_width(style.widths, col, c))
            col += c.span
        return out

    return _text_layout(doc, row)


def layout_cell_lines_blank(doc: list, style: Style, rng: random.Random) -> str:
    return _text_layout(doc, lambda r: [_one_line(c.text) for c in r.cells])


def layout_blank_separated(doc: list, style: Style, rng: random.Random) -> str:
    paras: list[str] = []
    for item in doc:
        if isinstance(item, Line):
            if item.text:
                paras.append(item.text)
        elif isinstance(item, Break):
            paras.append(item.marker)
        elif isinstance(item, Row):
            for c in item.cells:
                t = _one_line(c.text)
                if t.strip():
                    paras.append("\n".join(wrap(t, 20)) if cjk_width(t) > 20 else t)
    return "\n\n".join(paras) + "\n"


def layout_space_rows(doc: list, style: Style, rng: random.Random) -> str:
    def row(r: Row) -> list[str]:
        cells = [_one_line(c.text).strip() for c in r.cells]
        return [" ".join(t for t in cells if t)]

    return _text_layout(doc, row)


def layout_one_line(doc: list, style: Style, rng: random.Random) -> str:
    parts: list[str] = []
    for item in doc:
        if isinstance(item, Line):
            parts.append(item.text)
        elif isinstance(item, Break):
            if item.marker != "\f":
                parts.append(item.marker)
        elif isinstance(item, Row):
            parts += [re.sub(r"\s+", " ", c.text).strip() for c in item.cells]
    return " ".join(p for p in parts if p) + "\n"


def layout_glued(doc: list, style: Style, rng: random.Random) -> str:
    """Every cell joined to the next with nothing between them: a web page's text taken without its tags'
    spacing (an HTML-to-text step that concatenates the cells), each form on a line of its own."""
    forms: list[list[str]] = [[]]
    for item in doc:
        if isinstance(item, FormSep):
            forms.append([])
        elif isinstance(item, Line):
            forms[-1].append(item.text)
        elif isinstance(item, Break):
            if item.marker != "\f":
                forms[-1].append(item.marker)
        elif isinstance(item, Row):
            forms[-1] += [re.sub(r"\s+", " ", c.text).strip() for c in item.cells]
    return "\n".join("".join(parts) for parts in forms) + "\n"


def layout_latex(doc: list, style: Style, rng: random.Random) -> str:
    out: list[str] = []
    open_table = False

    def esc(t: str) -> str:
        if t.startswith("$") and t.count("$") >= 2:  # already LaTeX math (markup)
            head, rest = t[1:].split("$", 1)
            return "$" + head + "$" + esc(rest)
        t = t.replace("\\", "\\textbackslash{}")
        return re.sub(r"([&%#_{}$])", r"\\\1", t)

    def close():
        nonlocal open_table
        if open_table:
            out.append(r"\end{tabular}")
            open_table = False

    def start():
        nonlocal open_table
        if not open_table:
            out.append(r"\begin{tabular}{|" + "l|" * len(style.widths) + "}")
            out.append(r"\hline")
            open_table = True

    for item in doc:
        if isinstance(item, Line):
            close()
            out.append(esc(item.text))
        elif isinstance(item, FormSep):
            close()
            out.append("")
        elif isinstance(item, Break):
            close()
            out.append(r"\newpage" if item.marker == "\f" else esc(item.marker))
        else:
            start()
            cells = []
            for c in item.cells:
                t = esc(_one_line(c.text))
                cells.append(t if c.span == 1 else f"\\multicolumn{{{c.span}}}{{|l|}}{{{t}}}")
            out.append(" & ".join(cells) + r" \\ \hline")
    close()
    return "\n".join(out) + "\n"


def layout_html(doc: list, style: Style, rng: random.Random) -> str:
    nbsp = style.nbsp_entity

    def esc(t: str) -> str:
        keep_nbsp = "&nbsp;" in t
        parts = t.split("&nbsp;") if keep_nbsp else [t]
        s = "&nbsp;".join(_html.escape(p, quote=False) for p in parts)
        s = re.sub(r"<(/?p)>", r"<\1>", s)
        s = s.replace("&lt;p&gt;", "<p>").replace("&lt;/p&gt;", "</p>")
        if nbsp:  # spaces as entities, except inside LaTeX math ($…$) written by the markup variation
            s = "$".join(p if k % 2 else p.replace(" ", "&nbsp;") for k, p in enumerate(s.split("$")))
        return s.replace("\n", "<br>")

    out = ['<html><head><meta charset="utf-8"><title>项目支出绩效自评表</title></head><body>']
    open_table = False
    for item in doc:
        if isinstance(item, Line):
            if open_table:
                out.append("</table>")
                open_table = False
            tag = "h2" if item.kind == "title" else "p"
            out.append(f"<{tag}>{esc(item.text)}</{tag}>")
        elif isinstance(item, FormSep):
            if open_table:
                out.append("</table>")
                open_table = False
            out.append("<br>")
        elif isinstance(item, Break):
            if open_table:
                out.append("</table>")
                open_table = False
            if item.marker == "\f":
                out.append('<div style="page-break-after:always"></div>')
            else:
                out.append(f'<p class="page">{esc(item.marker)}</p>')
        else:
            if not open_table:
                out.append('<table border="1" cellspacing="0">')
                open_table = True
            tds = []
            tag = "th" if item.header and rng.random() < 0.5 else "td"
            for c in item.cells:
                if c.merge is not None:
                    if c.merge.index:
                        continue
                    attrs = f' rowspan="{c.merge.length}"' if c.merge.length > 1 else ""
                    text = c.merge.text if c.merge.label_at is not None else ""
                else:
                    attrs = f' colspan="{c.span}"' if c.span > 1 else ""
                    text = c.text
                tds.append(f"<{tag}{attrs}>{esc(text)}</{tag}>")
            out.append("<tr>" + "".join(tds) + "</tr>")
    if open_table:
        out.append("</table>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def _cell_width(widths: tuple[float, ...], col: int, cell: Cell) -> float:
    return cell.width if cell.width is not None else sum(widths[col : col + cell.span])


def _spans(row: Row) -> dict[int, int]:
    """Each cell's start column -> the columns it spans."""
    out, col = {}, 0
    for c in row.cells:
        out[col] = c.span
        col += c.span
    return out


def _row_pieces(row: Row, skip_merged: bool, widths: tuple[float, ...]) -> list[tuple[int, list[str]]]:
    """(start column, wrapped pieces) for each cell of a row."""
    out = []
    col = 0
    for c in row.cells:
        if not (skip_merged and c.merge is not None):
            out.append((col, wrap(_one_line(c.text), _cell_width(widths, col, c))))
        col += c.span
    return out


def layout_pdf_flow(doc: list, style: Style, rng: random.Random) -> str:
    lines: list[str] = []
    pending_cut: list[str] | None = None

    items = list(doc)
    for k, item in enumerate(items):
        if isinstance(item, Line):
            lines.append(item.text)
        elif isinstance(item, FormSep):
            lines += ["", ""]
        elif isinstance(item, Break):
            lines += _break_lines(item.marker)
            if pending_cut:
                lines += pending_cut
                lines.append("")
            pending_cut = None
        else:
            labels = [
                c for c in item.cells if c.merge is not None and c.merge.label_at == c.merge.index and c.merge.text
            ]
            pieces = {id(c): wrap(c.merge.text, style.widths[c.merge.col]) for c in labels}
            if all(c.merge.length == 1 and len(pieces[id(c)]) == 1 for c in labels):
                inline = labels
            else:
                inline = []
                for c in labels:
                    lines += pieces[id(c)]
                    if style.blank_between_labels:
                        lines.append("")
            rl = _inline_row_lines(item, inline, style.widths)
            nxt = items[k + 1] if k + 1 < len(items) else None
            if isinstance(nxt, Break) and len(rl) >= 2:  # the page cuts this row in two
                cut = max(1, len(rl) // 2)
                lines += rl[:cut]
                pending_cut = rl[cut:]
                continue
            lines += rl
            lines.append("")
    return "\n".join(lines) + "\n"


def _inline_row_lines(row: Row, inline: list[Cell], widths: tuple[float, ...]) -> list[str]:
    cells = []
    col = 0
    for c in row.cells:
        if c.merge is None or any(c is x for x in inline):
            cells.append((col, wrap(_one_line(c.text), _cell_width(widths, col, c))))
        col += c.span
    height = max((len(p) for _, p in cells), default=0)
    return [" ".join(p[j] for _, p in cells if len(p) > j) for j in range(height)]


def layout_aligned(doc: list, style: Style, rng: random.Random, centre_headings: bool = False) -> str:
    """Column-aligned text (`pdftotext -layout`); `centre_headings`: the header rows' headings centred over their
    cells, as most tables print them (the cells below start left of their headings)."""
    starts = [0]
    for w in style.widths[:-1]:
        starts.append(starts[-1] + w * 2 + 2)
    out: list[str] = []

    def render_canvas(canvas: list[dict[int, str]]) -> list[str]:
        res = []
        for slots in canvas:
            s = ""
            for col in sorted(slots):
                text = slots[col]
                pad = starts[col] - display_width(s)
                s += " " * max(pad, 1 if s else 0) + text
            res.append(s.rstrip())
        return res

    # group consecutive rows into blocks (a block ends at a Line, FormSep or Break)
    block: list[Row] = []

    def flush(cut_after: bool = False) -> list[str]:
        nonlocal block
        if not block:
            return []
        canvas: list[dict[int, str]] = []
        row_range: list[tuple[int, int]] = []
        all_cells = [_row_pieces(row, skip_merged=True, widths=style.widths) for row in block]
        heights = [max([len(p) for _, p in cells] + [1]) for cells in all_cells]
        for col in sorted({c.merge.col for row in block for c in row.cells if c.merge is not None}, reverse=True):
            for ri, row in enumerate(block):
                for c in row.cells:
                    m = c.merge
                    if m is None or m.col != col or m.index != 0 or m.label_at is None or not m.text:
                        continue
                    last = min(ri + m.length - 1, len(block) - 1)
                    need = (len(m.text) if m.vertical else len(wrap(m.text, style.widths[col]))) - sum(
                        heights[ri : last + 1])
                    if need > 0:
                        heights[last] += need
        for row, cells, height in zip(block, all_cells, heights, strict=True):
            top = len(canvas)
            canvas += [{} for _ in range(height)]
            spans = _spans(row)
            for col, pieces in cells:
                down = (height - len(pieces)) // 2 if style.centred else 0  # (cells centred in their row)
                width = (starts[col + spans[col]] if col + spans[col] < len(starts) else starts[col] + int(
                    sum(style.widths[col:col + spans[col]]) * 2)) - starts[col] - 2
                for j, p in enumerate(pieces):
                    indent = max(0, (width - display_width(p)) // 2) if centre_headings and row.header else 0
                    canvas[top + down + j][col] = " " * indent + p
            row_range.append((top, top + height))
        # merged labels, vertically centred in their segment
        for ri, row in enumerate(block):
            for c in row.cells:
                m = c.merge
                if m is None or m.index != 0 or m.label_at is None or not m.text:
                    continue
                last = min(ri + m.length - 1, len(block) - 1)
                top, bottom = row_range[ri][0], row_range[last][1]
                pieces = list(m.text) if m.vertical else wrap(m.text, style.widths[m.col])
                first = top + max(0, (bottom - top - len(pieces)) // 2)
                while len(canvas) < first + len(pieces):
                    canvas.append({})
                for j, p in enumerate(pieces):
                    canvas[first + j][m.col] = p
        lines = render_canvas(canvas)
        block = []
        if cut_after and len(row_range) and row_range[-1][1] - row_range[-1][0] >= 2:
            top, bottom = row_range[-1]
            return lines[: top + (bottom - top) // 2] + ["\0CUT"] + lines[top + (bottom - top) // 2 :]
        return lines

    for item in doc:
        if isinstance(item, Row):
            block.append(item)
            continue
        if isinstance(item, Break):
            lines = flush(cut_after=True)
            if "\0CUT" in lines:
                k = lines.index("\0CUT")
                out += lines[:k] + _break_lines(item.marker) + lines[k + 1 :]
            else:
                out += lines + _break_lines(item.marker)
            continue
        out += flush()
        if isinstance(item, Line):
            out.append(" " * 20 + item.text if item.text else "")
        else:
            out += ["", ""]
    out += flush()
    return "\n".join(out) + "\n"


_ARMS = {  # (up, down, left, right) -> the box-drawing character a junction of those rules is drawn with
    (1, 1, 1, 1): "┼", (1, 1, 0, 1): "├", (1, 1, 1, 0): "┤", (0, 1, 1, 1): "┬", (1, 0, 1, 1): "┴",
    (0, 1, 0, 1): "┌", (0, 1, 1, 0): "┐", (1, 0, 0, 1): "└", (1, 0, 1, 0): "┘", (1, 1, 0, 0): "│",
    (0, 0, 1, 1): "─", (1, 0, 0, 0): "│", (0, 1, 0, 0): "│", (0, 0, 1, 0): "─", (0, 0, 0, 1): "─",
}


def layout_drawn(doc: list, style: Style, rng: random.Random) -> str:
    """A table drawn as a picture on a character grid, as text-mode browsers dump a web page (`w3m -dump`,
    `links`, `elinks`) and grid-table writers draw it: each column padded to its width (an ideograph two
    columns), cells wrapped inside it, a merged cell one area that no rule crosses, its label centred in it
    (the rule under a row stops at a 一级 label merged over rows: `│产出├────┼──┤`); box-drawing characters or
    ASCII (`+`, `-`, `|`: `w3m -no-graph`)."""
    ascii_art = rng.random() < 0.3
    cols = [max(2, round(2 * w)) for w in style.widths]
    out: list[str] = []
    block: list[Row] = []

    def flush() -> None:
        if not block:
            return
        owner: list[list[int]] = []  # each row's owner cell per grid column
        content: dict[int, tuple[int, int, int, int, list[str], bool]] = {}  # id -> r0, c0, r1, c1, lines, merged
        merged_ids: dict[tuple[int, int], int] = {}  # (column, first row of the segment) -> id
        for r, row in enumerate(block):
            owners, col = [], 0
            for c in row.cells:
                if c.merge is not None:
                    key = (c.merge.col, r - c.merge.index)
                    if key not in merged_ids:
                        merged_ids[key] = len(content)
                        text = c.merge.text if c.merge.label_at is not None else ""
                        last = min(len(block) - 1, r - c.merge.index + c.merge.length - 1)
                        content[len(content)] = (r, col, last, col + c.span - 1,
                                                 wrap(text, _cell_width(style.widths, col, c)), True)
                    owners += [merged_ids[key]] * c.span  # (项目资金 over the caption column too)
                else:
                    content[len(content)] = (r, col, r, col + c.span - 1,
                                             wrap(_one_line(c.text), _cell_width(style.widths, col, c)), False)
                    owners += [len(content) - 1] * c.span
                col += c.span
            owner.append(owners)
        widths = list(cols)  # (a closing mark hangs past its line's end: a column is as wide as its widest line)
        for _, c0, _, c1, lines, _ in sorted(content.values(), key=lambda v: v[3] - v[1]):
            need = max(map(display_width, lines), default=0) - sum(widths[c0:c1 + 1]) - (c1 - c0)
            if need > 0:  # (a cell given a width of its own, a goal text: its last column widens)
                widths[c1] += need
        heights = [1] * len(block)
        for r0, _, _, _, lines, merged in content.values():
            if not merged:
                heights[r0] = max(heights[r0], len(lines))
        for r0, _, r1, _, lines, merged in content.values():  # a merged label taller than its rows: the last grows
            if merged and len(lines) > sum(heights[r0:r1 + 1]) + (r1 - r0):
                heights[r1] += len(lines) - sum(heights[r0:r1 + 1]) - (r1 - r0)
        ys = [0]
        for h in heights:
            ys.append(ys[-1] + h + 1)
        xs = [0]
        for w in widths:
            xs.append(xs[-1] + w + 1)
        canvas = [[" "] * (xs[-1] + 1) for _ in range(ys[-1] + 1)]

        def cell(r: int, c: int) -> int | None:
            return owner[r][c] if 0 <= r < len(block) and 0 <= c < len(cols) else None

        for r in range(len(block) + 1):  # rules under rows, broken where a merged cell goes on
            for c in range(len(cols)):
                if cell(r - 1, c) != cell(r, c):
                    for x in range(xs[c] + 1, xs[c + 1]):
                        canvas[ys[r]][x] = "-" if ascii_art else "─"
        for r in range(len(block)):  # bars between cells
            for c in range(len(cols) + 1):
                if cell(r, c - 1) != cell(r, c):
                    for y in range(ys[r] + 1, ys[r + 1]):
                        canvas[y][xs[c]] = "|" if ascii_art else "│"
        for r in range(len(block) + 1):  # junctions, by the rules that meet there
            for c in range(len(cols) + 1):
                arms = (int(r > 0 and cell(r - 1, c - 1) != cell(r - 1, c)),
                        int(r < len(block) and cell(r, c - 1) != cell(r, c)),
                        int(c > 0 and cell(r - 1, c - 1) != cell(r, c - 1)),
                        int(c < len(cols) and cell(r - 1, c) != cell(r, c)))
                if any(arms):
                    drawn = _ARMS[arms]
                    canvas[ys[r]][xs[c]] = ({"│": "|", "─": "-"}.get(drawn, "+")) if ascii_art else drawn
        for r0, c0, r1, c1, lines, merged in content.values():
            top, bottom, left, right = ys[r0] + 1, ys[r1 + 1] - 1, xs[c0] + 1, xs[c1 + 1] - 1
            first = top + max(0, (bottom - top + 1 - len(lines)) // 2) if merged else top
            for k, piece in enumerate(lines):
                x = left + (max(0, (right - left + 1 - display_width(piece)) // 2) if merged else 0)
                for ch in piece:
                    canvas[first + k][x] = ch
                    if display_width(ch) == 2:
                        canvas[first + k][x + 1] = ""
                        x += 1
                    x += 1
        out.extend("".join(line).rstrip() for line in canvas)
        block.clear()

    for item in doc:
        if isinstance(item, Row):
            block.append(item)
            continue
        flush()
        if isinstance(item, Line):
            out.append(item.text)
        elif isinstance(item, Break):
            out.extend(_break_lines(item.marker))
        else:
            out.append("")
    flush()
    return "\n".join(out) + "\n"


_LAYOUT_FNS = {
    "tab": layout_tab,
    "pipe": layout_pipe,
    "box": layout_box,
    "box_wrapped": layout_box_wrapped,
    "csv": layout_csv,
    "pipe_runs": layout_pipe_runs,
    "cell_lines": layout_cell_lines,
    "cell_lines_blank": layout_cell_lines_blank,
    "blank_separated": layout_blank_separated,
    "space_rows": layout_space_rows,
    "one_line": layout_one_line,
    "html": layout_html,
    "pdf_flow": layout_pdf_flow,
    "aligned": layout_aligned,
    "aligned_centred": lambda doc, style, rng: layout_aligned(doc, style, rng, centre_headings=True),
    "latex": layout_latex,
    "glued": layout_glued,
    "drawn": layout_drawn,
    "bar_cells": layout_bar_cells,
    "cell_lines_wrapped": layout_cell_lines_wrapped,
}


# ----------------------------------------------------------------------------------------------- public API


@functools.lru_cache(maxsize=1)
def _s2t():
    import opencc

    return opencc.OpenCC("s2t")


def render(
    forms: list[dict],
    layout: str,
    *,
    seed: int = 0,
    page_breaks: bool = False,
    repeat_header: bool = False,
    label_position: str = "top",
    chrome: bool = False,
    markup: bool = False,
    variants: bool = False,
    traditional: bool = False,
    points_first: bool = False,
    percent_weights: bool = False,
    template: str = "national",
    narrow: bool = False,
    caption: bool = False,
    no_labels: bool = False,
    centred: bool = False,
    running: bool = False,
) -> str:
    """`forms` (records) written as one document in `layout` (one of LAYOUTS)."""
    if layout not in _LAYOUT_FNS:
        raise ValueError(f"unknown layout {layout!r}; one of {', '.join(LAYOUTS)}")
    if label_position not in ("top", "middle", "bottom", "vertical"):
        raise ValueError(f"label_position must be top, middle, bottom or vertical, not {label_position!r}")
    if traditional:  # a document written in traditional characters, then laid out (a word cut over lines stays
        # the word OpenCC made of it whole); the form's own words are converted with the whole text below
        forms = [{**expected(f, traditional=True), **{k: v for k, v in f.items() if k.startswith("_")}}
                 for f in forms]
    doc, style, rng = _build(
        forms,
        seed=seed,
        page_breaks=page_breaks,
        repeat_header=repeat_header,
        label_position=label_position,
        chrome=chrome,
        markup=markup,
        variants=variants,
        points_first=points_first,
        percent_weights=percent_weights,
        template=template,
        narrow=narrow,
        caption=caption,
        no_labels=no_labels,
        centred=centred,
        running=running,
    )
    text = _LAYOUT_FNS[layout](doc, style, rng)
    if traditional:
        text = _s2t().convert(text)
    if variants:
        text = text.replace("\n", "\r\n")
    return text


def scores_left_blank(forms: list[dict], seed: int, share: float = 0.3) -> list[dict]:
    """A copy of `forms` with about `share` of their indicators' 得分 left blank (a form published before it was
    scored, or a row not scored): what a reader should give back for them is a none 得分."""
    rng = random.Random(seed)
    out = json.loads(json.dumps(forms))
    for form in out:
        for indicator in form["indicators"]:
            if rng.random() < share:
                indicator["score"] = None
    return out


def expected(form: dict, traditional: bool = False, no_labels: bool = False) -> dict:
    """The record a reader should give back for `form` rendered with these options: the record itself, with every
    free-text field converted to traditional characters when `traditional` (fund_unit stays 元/万元: it is an enum),
    and no level labels when `no_labels`."""
    f = {k: v for k, v in form.items() if not k.startswith("_") and k != "source"}
    f = json.loads(json.dumps(f, ensure_ascii=False))
    if no_labels:
        for ind in f.get("indicators") or []:
            ind["level1"] = ind["level2"] = None
    if "_accept" in form:
        f["_accept"] = form["_accept"]
    if not traditional:
        return f
    cc = _s2t()
    for k in TEXT_FIELDS:
        if isinstance(f.get(k), str):
            f[k] = cc.convert(f[k])
    for ind in f.get("indicators") or []:
        for k in IND_TEXT:
            if isinstance(ind.get(k), str):
                ind[k] = cc.convert(ind[k])
    if "_accept" in f:
        f["_accept"] = {
            p: [cc.convert(a) if isinstance(a, str) else a for a in alts] for p, alts in f["_accept"].items()
        }
    return f


COMBOS = {
    "breaks": dict(page_breaks=True, repeat_header=True),
    "middle": dict(label_position="middle"),
    "bottom": dict(label_position="bottom"),
    "vertical": dict(label_position="vertical"),
    "chrome": dict(chrome=True),
    "markup": dict(markup=True),
    "variants": dict(variants=True),
    "traditional": dict(traditional=True),
    "points_first": dict(points_first=True),
    "percent_weights": dict(percent_weights=True),
    "narrow": dict(narrow=True),
    "caption": dict(caption=True),
    "no_labels": dict(no_labels=True),
}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 1:
        print("usage: python -m tests.layout_render OUTDIR", file=sys.stderr)
        return 2
    out = Path(argv[0])
    out.mkdir(parents=True, exist_ok=True)
    golden = Path(__file__).resolve().parent / "data" / "golden"
    n = 0
    for path in sorted(golden.glob("*.json")):
        forms = json.loads(path.read_text(encoding="utf-8"))["forms"]
        for layout in LAYOUTS:
            ext = {"html": "html", "latex": "tex"}.get(layout, "txt")
            (out / f"{path.stem}.{layout}.{ext}").write_text(render(forms, layout), encoding="utf-8", newline="")
            n += 1
            for name, opts in COMBOS.items():
                if name == "traditional":
                    try:
                        import opencc  # noqa: F401
                    except ImportError:
                        continue
                (out / f"{path.stem}.{layout}.{name}.{ext}").write_text(
                    render(forms, layout, seed=n, **opts), encoding="utf-8", newline=""
                )
                n += 1
    print(f"wrote {n} documents to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
