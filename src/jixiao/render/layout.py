"""The official 财政项目支出绩效自评表 as a grid of cells: the one layout every output format draws.

    title / （2023年度）
    项目名称 | value
    主管部门 | value | 实施单位 | value
    项目资金（万元） |  | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分
    (merged)         | 年度资金总额 / 其中：当年财政拨款 / 上年结转资金 / 其他资金 | amounts, rate, scores
    年度总体目标 | 预期目标 | 实际完成情况 ; (merged) | goal_expected | goal_actual
    一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施
    indicator rows, equal 一级/二级 labels of neighbouring rows merged into one cell
    总分 | total_weight | total_score ; 评分等级 | grade

The words come from a template variant (`labels`); a cell keeps its value as a number where the form prints one,
with the decimals to show, so a workbook holds numbers and the text formats print the same digits. Every printed
digit of the record is shown: an amount with more than two decimals keeps them all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

from jixiao.model import FUND_COLUMNS, FUND_ROWS, Form, FundRow, Indicator
from jixiao.render.labels import OFFICIAL_TITLE, Labels

COLUMNS = 8
WIDTHS = (7.0, 8.0, 11.0, 10.0, 10.0, 5.0, 7.0, 12.0)  # columns' widths in CJK characters (relative)
INDICATOR_FIELDS = ("level1", "level2", "name", "target", "actual", "weight", "score", "deviation")
CURRENT_YEAR_PREFIX = "其中："  # the official form prints 其中：当年财政拨款
NOT_APPLICABLE = "—"  # the sub-rows' 分值 and 得分, which the official form leaves out
MAX_DECIMALS = 10
# characters no XML document (xlsx, docx, the PDF's text) may hold: C0 controls but tab and line breaks
_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


class Kind(StrEnum):
    LABEL = "label"  # a row or block label (项目名称, 项目资金)
    HEAD = "head"  # a column heading
    TEXT = "text"  # free text, left-aligned (names, goals, 偏差原因)
    VALUE = "value"  # short text, centred (一级/二级 labels, 年度指标值, 评分等级)
    AMOUNT = "amount"  # money, #,##0.00
    RATE = "rate"  # 执行率, printed as a percentage
    SCORE = "score"  # 分值, 得分


NUMERIC = frozenset({Kind.AMOUNT, Kind.RATE, Kind.SCORE})


@dataclass
class Cell:
    row: int
    col: int
    text: str
    kind: Kind
    rowspan: int = 1
    colspan: int = 1
    value: float | None = None  # the number of a numeric cell
    decimals: int = 0  # decimals a numeric cell shows
    path: str | None = None  # the record field the cell holds ("funds.total.executed")

    def __post_init__(self) -> None:
        self.text = printable(self.text)


def printable(text: str) -> str:
    """`text` without the control characters an office file cannot hold (a record read from a broken file may)."""
    return _UNPRINTABLE.sub("", text)


@dataclass
class Layout:
    """One form: the lines above the table and the table's cells (each stored once, at its top-left)."""

    title: str
    year: str
    cells: list[Cell] = field(default_factory=list)
    rows: int = 0
    header_row: int = 0  # the indicator table's heading, repeated on every printed page
    indicator_rows: range = range(0)
    widths: tuple[float, ...] = WIDTHS

    def add(self, cell: Cell) -> Cell:
        self.cells.append(cell)
        self.rows = max(self.rows, cell.row + cell.rowspan)
        return cell


def decimals(value: float) -> int:
    """The fewest decimals that show `value` exactly (as the record holds it), at most MAX_DECIMALS."""
    for places in range(MAX_DECIMALS + 1):
        if abs(round(value, places) - value) <= 1e-9 * max(1.0, abs(value)):
            return places
    return MAX_DECIMALS


def number_text(value: float, kind: Kind, places: int) -> str:
    """A number as the form prints it: amounts with thousands separators, rates with a percent sign."""
    if kind is Kind.AMOUNT:
        return f"{value:,.{places}f}"
    if kind is Kind.RATE:
        return f"{value:.{places}f}%"
    return f"{value:.{places}f}"


def _number(row: int, col: int, value: float | None, kind: Kind, path: str, blank: str = "") -> Cell:
    if value is None:
        return Cell(row, col, blank, Kind.VALUE if blank else kind, path=path)
    places = decimals(value)
    if kind in (Kind.AMOUNT, Kind.RATE):
        places = max(2, places)
    return Cell(row, col, number_text(value, kind, places), kind, value=value, decimals=places, path=path)


def year_line(year: int | None) -> str:
    return f"（{year}年度）" if year is not None else ""


def form_layout(form: Form, words: Labels) -> Layout:
    """The official layout of `form`, in the words of the template `words` came from."""
    out = Layout(title=printable(form.title or OFFICIAL_TITLE), year=year_line(form.year))
    head, sections = words.head, words.sections
    out.add(Cell(0, 0, head["project_name"], Kind.LABEL))
    out.add(Cell(0, 1, form.project_name or "", Kind.TEXT, colspan=7, path="project_name"))
    out.add(Cell(1, 0, head["department"], Kind.LABEL))
    out.add(Cell(1, 1, form.department or "", Kind.TEXT, colspan=3, path="department"))
    out.add(Cell(1, 4, head["implementing_unit"], Kind.LABEL))
    out.add(Cell(1, 5, form.implementing_unit or "", Kind.TEXT, colspan=3, path="implementing_unit"))
    _funds(out, form, words, top=2)
    goals = out.rows
    out.add(Cell(goals, 0, sections["goals"], Kind.LABEL, rowspan=2))
    out.add(Cell(goals, 1, sections["goal_expected"], Kind.HEAD, colspan=4))
    out.add(Cell(goals, 5, sections["goal_actual"], Kind.HEAD, colspan=3))
    out.add(Cell(goals + 1, 1, form.goal_expected or "", Kind.TEXT, colspan=4, path="goal_expected"))
    out.add(Cell(goals + 1, 5, form.goal_actual or "", Kind.TEXT, colspan=3, path="goal_actual"))
    out.header_row = out.rows
    for col, name in enumerate(INDICATOR_FIELDS):
        out.add(Cell(out.header_row, col, words.indicator_columns[name], Kind.HEAD))
    first = out.header_row + 1
    _indicators(out, form.indicators, first)
    out.indicator_rows = range(first, first + len(form.indicators))
    end = first + len(form.indicators)
    out.add(Cell(end, 0, sections["total"], Kind.LABEL, colspan=5))
    out.add(_number(end, 5, form.total_weight, Kind.SCORE, "total_weight"))
    out.add(_number(end, 6, form.total_score, Kind.SCORE, "total_score"))
    out.add(Cell(end, 7, "", Kind.TEXT))
    out.add(Cell(end + 1, 0, sections["grade"], Kind.LABEL, colspan=2))
    out.add(Cell(end + 1, 2, form.grade or "", Kind.VALUE, colspan=6, path="grade"))
    return out


def funds_label(words: Labels, unit: str | None) -> str:
    return f"{words.sections['funds']}（{unit}）" if unit else words.sections["funds"]


def fund_row_label(words: Labels, row: str) -> str:
    return (CURRENT_YEAR_PREFIX if row == "current_year" else "") + words.fund_rows[row]


def _funds(out: Layout, form: Form, words: Labels, top: int) -> None:
    out.add(Cell(top, 0, funds_label(words, form.fund_unit), Kind.LABEL, rowspan=1 + len(FUND_ROWS),
                 path="fund_unit"))
    out.add(Cell(top, 1, "", Kind.HEAD))
    for k, column in enumerate(FUND_COLUMNS):
        out.add(Cell(top, 2 + k, words.fund_columns[column], Kind.HEAD))
    for r, row in enumerate(FUND_ROWS, start=top + 1):
        values: FundRow = getattr(form.funds, row) or FundRow()
        out.add(Cell(r, 1, fund_row_label(words, row), Kind.LABEL, path=f"funds.{row}"))
        for k, column in enumerate(FUND_COLUMNS):
            kind = Kind.RATE if column == "execution_rate" else Kind.SCORE if column in ("weight", "score") \
                else Kind.AMOUNT
            blank = NOT_APPLICABLE if row != "total" and column in ("weight", "score") else ""
            out.add(_number(r, 2 + k, getattr(values, column), kind, f"funds.{row}.{column}", blank))


def _indicators(out: Layout, rows: list[Indicator], first: int) -> None:
    """The indicator rows, a 一级 label merged over its neighbours of the same label, a 二级 label over its
    neighbours of the same 一级 and 二级."""
    for i, ind in enumerate(rows):
        r = first + i
        for col, name in enumerate(INDICATOR_FIELDS):
            path = f"indicators.{i}.{name}"
            if name in ("level1", "level2"):
                if _continues(rows, i, name):
                    continue
                span = 1
                while i + span < len(rows) and _continues(rows, i + span, name):
                    span += 1
                out.add(Cell(r, col, getattr(ind, name) or "", Kind.VALUE, rowspan=span, path=path))
            elif name in ("weight", "score"):
                out.add(_number(r, col, getattr(ind, name), Kind.SCORE, path))
            else:
                kind = Kind.VALUE if name in ("target", "actual") else Kind.TEXT
                out.add(Cell(r, col, getattr(ind, name) or "", kind, path=path))


def _continues(rows: list[Indicator], i: int, name: str) -> bool:
    """Whether row i's label `name` is the one above it (so it is part of that merged cell)."""
    if i == 0:
        return False
    here, above = rows[i], rows[i - 1]
    same1 = here.level1 is not None and here.level1 == above.level1
    return same1 if name == "level1" else same1 and here.level2 is not None and here.level2 == above.level2
