"""The 项目资金 block: four rows (总额, 其中当年拨款, 上年结转, 其他) by six columns.

Most tables read straight: a header row names the columns, each labelled row carries its values in
that order. Text extraction sometimes jumbles the block — values interleaved with header words, a row
repeated, a label on the wrong line, a column lost. Then the block is rebuilt from the numbers present
and the table's own arithmetic (sub-rows add up to the total; 执行率 = 执行数 / 全年预算数; 得分 =
分值 × 执行率), and the rebuild is reported as a warning.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import combinations, pairwise
from math import comb

from jixiao.assemble.columns import column_starts, numbers_apart, realign, under_centred
from jixiao.assemble.context import Context
from jixiao.assemble.glued import split_numbers
from jixiao.assemble.lexicon import IGNORED, Lexicon, is_lead
from jixiao.assemble.stream import Unit, is_year_only
from jixiao.assemble.text import DASHES, MAX_POINTS, decimals, fold, is_dash, number, width
from jixiao.model import FUND_COLUMNS, FUND_ROWS, FundRow, Funds
from jixiao.places import COLUMN_ZH, FUND_ROW_ZH
from jixiao.read.number_chains import CUT, LEADING_ZERO

AMOUNTS = ("initial_budget", "annual_budget", "executed")
SUB_ROWS = ("current_year", "carryover", "other")
CN_COL = {column: COLUMN_ZH[column] for column in FUND_COLUMNS}  # (the fund table's columns alone)
TOLERANCE = 0.0101  # printed rates and scores may be rounded or truncated to two decimals


DEFAULT_COLUMNS = ("initial_budget", "annual_budget", "executed", "weight", "execution_rate", "score")
MAX_FITS = 2000  # placements of a row's values tried against its columns (8 columns: at most 70)
EXTRA = "extra"  # prefix of a column the templates do not know
BLANK = "blank"  # prefix of a header cell left empty between headings: a column of no heading
DROPPED = "dropped"  # a row's value left out of its columns (one more than the header has), said by P026


@dataclass(slots=True)
class FundLine:
    line: int | None
    label: str | None  # fund row key
    columns: list[str] = field(default_factory=list)  # header words on this line, as column keys
    values: list[str] = field(default_factory=list)  # value cells (after the label), positional
    gaps: list[int] = field(default_factory=list)  # blank table cells before each header word
    certain: bool = True  # the values are table cells (blank cells kept), not fragments of text

    @property
    def numbers(self) -> list[float]:
        return [n for v in self.values if (n := number(v)) is not None]

    def filled(self) -> list[str]:
        return [v for v in self.values if v]


def fund_unit(units: list[Unit], lex: Lexicon, head: Sequence[Unit] = ()) -> str | None:
    """The unit printed in the block's header: '项目资金 (万元)' or '(元)'; further on, only in the block's label
    (merged down its first column and centred, it prints among the rows: '项目资金(万元)', or '(万' / '元)' wrapped)
    or a cell of its own; or, failing that, the one the head states for the form's amounts ('金额单位: 万元',
    '单位：元')."""
    for k, u in enumerate(units):
        key = u.key
        if k >= 12 and key.strip("()") not in ("万", "万元", "元") and lex.section(key) != "funds":
            continue  # (past the header, a note's '万元' is no unit of the table)
        if "万元" in key or key.endswith("(万"):  # ('情况(万' / '元)': the unit wrapped in a narrow column)
            return "万元"
        if "(元)" in key or "元)" in key or key in ("元", "(元"):
            return "元"
    for k, u in enumerate(head):
        if said := AMOUNT_UNIT.match(u.key):
            after = head[k + 1].key if k + 1 < len(head) else None
            if said.group(1) or after in ("万元", "元"):
                return said.group(1) or after
    return None


def _lines(units: list[Unit], lex: Lexicon) -> tuple[list[FundLine], list[Unit]]:
    """The block's rows: a fund-row label starts one; so does a new table row or printed line of several cells
    (one cell per line is not a row). Returns the rows and the units that fit none."""
    per_row: dict[int, int] = {}
    for u in units:
        per_row[u.row] = per_row.get(u.row, 0) + 1
    dashed = {u.row for u in units if u.key in DASHES}  # rows printing a dash: no cut number's rests
    lines: list[FundLine] = []
    unread: list[Unit] = []
    current: FundLine | None = None
    last_row = None
    header: FundLine | None = None  # the last line of headings
    for u in units:
        key = u.key
        value = number(u.text)
        label = lex.fund_row(key) if value is None else None
        column = lex.fund_column(key) if label is None else None
        # a whole value after a row short of the header's columns goes on that row, alone on its line or with the
        # rest of the row's values (a PDF's text in its drawing order puts the cells after a wrapped one on lines
        # of their own: '… 492.92 10.00' / '99.49' / '9.95', '… 1984.00 10.0' / '0' / '99.44 9.94'); so does a
        # dash, a sub-row's 分值 ('其中：当年财政拨款 2,348,320.00 2,348,320.00' / '250,414.85' / '- 10.66' / '-'),
        # a line with a dash (`上年结转资金` / `0` / `0` / `0 -` / `0.00% -`), and any number after one printed
        # whole with its decimals (no rest of it: '… 107.67' / '10 1' / '7.94')
        goes_on = (not u.certain and current is not None and current.label is not None and len(current.values) > 0
                   and (bool(_WHOLE.match(key)) or is_dash(key) or u.row in dashed
                        or value is not None and bool(_CLOSED.search(current.values[-1])))
                   and header is not None and ((wide := len(current.values) + per_row[u.row]) <= len(header.columns)
                                               or wide == len(header.columns) + 1 and _one_lost(header.columns))
                   and not any(CUT.search(v) for v in current.values))  # (its rests: `_unwrap`)
        first_in_row = u.row != last_row
        new_source_row = first_in_row and not goes_on and (
            per_row[u.row] >= 2
            # a lone number fragment below a printed line of several: that line's numbers, wrapped (`_unwrap`)
            or (not u.certain and last_row is not None and per_row[last_row] >= 2 and bool(_FRAGMENT.match(key))))
        last_row = u.row
        if label is not None:
            current = FundLine(u.line, label, certain=u.certain)
            lines.append(current)
            continue
        # (a label alone on its printed line, its values on the next, as a label wrapped over lines above them
        # prints in plain text: '其中：当年' / '财政拨款' / '409.90 495.40 …', goes on with them; so does a
        # table's label row of one cell before a row of values whose label cell is blank, as a page puts a
        # label merged down two rows: '年度资金总额 |' / '| 32.4 | 31.69 | 10 | 97.80% | 9 |')
        waiting = current is not None and current.label is not None and not current.values and (
            not current.certain or first_in_row and u.certain)
        if current is None or (new_source_row and (current.label is not None and not waiting or current.values)):
            current = FundLine(u.line, None, certain=u.certain)
            lines.append(current)
        if column is not None:
            header = current
            current.columns.append(column)
            current.gaps.append(u.empties if u.certain else 0)
            continue
        if fold(u.text).strip("()（）") in ("元", "万元") or lex.section(key) == "funds":
            continue
        if value is None and key[-1:] in _YEAR_END and is_year_only(key):
            unread.append(u)  # (the title's year, drawn late among the rows where a page breaks them: no value)
            continue
        if (value is None and not current.values and not is_dash(u.text) and current.label is None
                and (current.columns or _HEADING.search(key))):
            # a heading no template knows ('追加预算数', '安排数') among the header's: a column of its own, named
            # by `_unknown_amounts` from the arithmetic or read past; (before any known heading, only a word
            # shaped like an amount's heading, and only if a known one follows)
            current.columns.append(f"{EXTRA}{len(current.columns)}:{u.text}")
            current.gaps.append(u.empties if u.certain else 0)
            continue
        if current.values or u.certain:
            current.values.extend([""] * u.empties)
        current.values.append(u.text)
        current.certain = current.certain and u.certain
    kept = []
    for fl in lines:
        _blank_columns(fl)
        if fl.columns and all(c.startswith(EXTRA) for c in fl.columns):  # no known heading: they were values
            fl.values[:0] = [c.split(":", 1)[1] for c in fl.columns]
            fl.columns = []
        if fl.label is None and not fl.columns and not any(number(v) is not None or is_dash(v) for v in fl.values):
            unread.extend(u for u in units if u.line == fl.line and u.text in fl.values)
            continue
        if (fl.label is None and not fl.columns and fl.certain and len(fl.values) >= 2
                and _ROW_LABEL.match(fl.values[0])
                and all(number(v) is not None or is_dash(v) or not v for v in fl.values[1:])):
            fl.label = IGNORED  # a table row of a source no template names ('彩票公益金'): read past, as 中央补助
            fl.values = fl.values[1:]
        kept.append(fl)
    return kept, unread


def _blank_columns(fl: FundLine) -> None:
    """A header row of table cells with more blank cells before some headings than before the others (the empty
    columns OCR or a page's spacer cells print: `预算执行数 | | | 预算执行率`): the extra blank cells are columns
    of their own, so that the rows' blank cells below them line up. Blank cells between every two headings alike
    (a heading over two cells) are no columns."""
    inner = fl.gaps[1:]
    if len(fl.columns) < 3 or len(inner) != len(fl.columns) - 1 or fl.values or fl.label:
        return
    least = min(inner)
    if all(g == least for g in inner):
        return
    columns = fl.columns[:1]
    for gap, column in zip(inner, fl.columns[1:], strict=True):
        columns.extend(f"{BLANK}{len(columns) + k}" for k in range(gap - least))
        columns.append(column)
    fl.columns = columns


AMOUNT_UNIT = re.compile(r"^(?:金额|资金)?单位[:：](万元|元)?$")  # '金额单位:' '万元', or '单位：元' in one
_YEAR_END = "年度)）"  # how a year alone ends ('(2022年度)', '2022年')
_CLOSED = re.compile(r"\.\d{2,}%?$")  # a number no narrow column cut: two decimals or more
_FRAGMENT = re.compile(r"^[0-9.,%]+$")
# a whole value, not a cut number's rest ('0', '9', '00'): with its decimals (in groups of thousands or not), or
# three digits or more
_WHOLE = re.compile(r"^(?:\d+|\d{1,3}(?:,\d{3})+)\.\d+%?$|^\d{3,}$|^\d{1,3}(?:,\d{3})+$")
_NUMBERED = re.compile(r"^[1-9][.、．][\u4e00-\u9fff]")  # a numbered note's item ('1.预算执行率=…')
_ROW_LABEL = re.compile(r"^[\u4e00-\u9fff][^0-9]*$")  # a row's label: words, no number
BLANK_IN_TOTAL = 3.0  # points off a sub-row's reading with an amount where its total has none
MAX_RATE = 1000.0  # percent: no 执行率 is printed this high ('1484631.00%' is 148, 46 and 31.00% glued)
_HEADING = re.compile(r"^[^0-9]{1,8}(?:数|额|资金)(?:\(.*\))?$")  # the shape of an amount's column heading: '安排数'


def _stacked(lines: list[FundLine]) -> None:
    """Row labels printed one after another with nothing after them, and the next labelled row holding as many
    values as each of them would (a workbook turned into text by its columns: 年度资金总额, 其中:当年财政拨款, the
    header, then each row's values in turn): the values are the labels' rows, in order, an equal share each."""
    k = 0
    while k < len(lines):
        first = k
        while k < len(lines) and lines[k].label is not None and not lines[k].values:
            k += 1
        if k == first or k == len(lines) or lines[k].label is None:
            k += 1
            continue
        rows = lines[first:k + 1]
        held = lines[k].values
        start = next((i for i, v in enumerate(held) if number(v) is not None or is_dash(v)), len(held))
        values = held[start:]
        share, left = divmod(len(values), len(rows))
        if left or share < 3 or not all(number(v) is not None or is_dash(v) for v in values):
            k += 1
            continue
        rows[0].values = held[:start] + values[:share]  # (a word before the values stays the first row's)
        for j, fl in enumerate(rows[1:], 1):
            fl.values = values[j * share:(j + 1) * share]
        k += 1


def _unknown_amounts(order: tuple[str, ...], total: list[str] | None, ctx: Context,
                     line: int | None) -> tuple[str, ...]:
    """A header that names the amounts in words no template knows ('安排数 使用数 分值 执行率 得分'): the unknown
    columns are named by the arithmetic of the total row (执行率 = 执行数 / 全年预算数), in the national
    order, when exactly one naming makes it hold; the naming is a warning. Else the columns stay unknown
    (read past), with a warning when the known headings lack an amount."""
    unknown = [i for i, c in enumerate(order) if c.startswith(EXTRA)]
    missing = [c for c in AMOUNTS if c not in order]
    if not unknown or ("annual_budget" in order and "executed" in order):
        return order  # (a lost 年初预算数 alone is not for the arithmetic to name: '追加数' stays unknown)
    fits = []
    if total is not None and "execution_rate" in order and len(unknown) <= 4:
        for slots in combinations(unknown, min(len(missing), len(unknown))):
            for names in combinations(missing, len(slots)):
                named = list(order)
                for i, name in zip(slots, names, strict=True):
                    named[i] = name
                values = {c: number(v) for c, v in _fit_positional(total, tuple(named)).items()}
                annual, executed, rate = values.get("annual_budget"), values.get("executed"), values.get(
                    "execution_rate")
                if annual and executed is not None and rate is not None and _rate_fits(executed / annual * 100,
                                                                                         rate):
                    fits.append(tuple(named))
    headings = "”“".join(order[i].split(":", 1)[1] for i in unknown)
    if len(fits) == 1:
        named = fits[0]
        meant = "、".join(CN_COL[named[i]] for i in unknown if not named[i].startswith(EXTRA))
        ctx.warn("P024", f"项目资金表的列“{headings}”不是常见的列名，已按执行率 = 全年执行数 / 全年预算数的算术关系"
                         f"读作{meant}，请核对原件", "funds", line)
        return named
    ctx.warn("P025", f"项目资金表的列“{headings}”不是常见的列名，表头中又没有"
                     f"{'、'.join(CN_COL[c] for c in missing)}：这些列的数值未读入记录，请核对原件", "funds", line)
    return order


def _unwrap(lines: list[FundLine], unread: list[Unit]) -> tuple[list[FundLine], list[Unit]]:
    """Flowed text: a line of bare number fragments right below a row is the rest of that row's numbers, wrapped
    in their narrow columns ('18,250,000.0' / '0'). The fragments join the row's widest values (those filled
    their columns), at equal width the ones printed short of the row's decimals."""
    out: list[FundLine] = []
    for fl in lines:
        prev = out[-1] if out else None
        pieces = fl.filled()
        if (prev is None or fl.label or fl.columns or fl.certain or prev.certain or not pieces
                or fl.line is None or prev.line is None or fl.line != prev.line + 1
                or not all(_FRAGMENT.match(fold(v)) for v in pieces)):
            out.append(fl)
            continue
        values = [k for k, v in enumerate(prev.values) if v]
        if len(pieces) > len(values) or comb(len(values), len(pieces)) > MAX_FITS:
            out.append(fl)
            continue
        usual = max(decimals(prev.values[k]) for k in values)  # a value printed with fewer was cut
        best = max(combinations(values, len(pieces)),
                   key=lambda chosen: _wrap_score(prev.values, chosen, pieces, usual))
        for k, piece in zip(best, pieces, strict=True):
            prev.values[k] = prev.values[k] + piece
    return out, unread


def _wrap_score(values: list[str], chosen: tuple[int, ...], pieces: list[str], usual: int) -> float:
    """How well wrapped fragments continue these values: wide values (they filled their columns), numbers with
    the row's usual decimals once joined, never a joined text that is no number."""
    joined = [fold(values[k]) + fold(p) for k, p in zip(chosen, pieces, strict=True)]
    return (sum(width(values[k]) for k in chosen) + sum(5.0 for j in joined if decimals(j) == usual)
            - sum(10.0 for j in joined if number(j) is None))


def _fit_positional(values: list[str], order: tuple[str, ...]) -> dict[str, str]:
    """Map a row's value cells onto the columns in order (where flowed text lost blank cells, `_fit` searches
    further). Extra blank cells before the first value are the label's span (`上年结转资金 | | | 0.00`: the
    label over two columns, 年初预算数 blank), as many as the row has cells too many; other extra empty cells
    are extraction artefacts."""
    vals = list(values)
    while vals and not vals[-1]:
        vals.pop()
    while len(vals) > len(order) and not vals[0]:
        vals.pop(0)
    if len(vals) > len(order):
        vals = [v for v in vals if v]
    vals = vals[: len(order)]
    return dict(zip(order, vals, strict=False))


def _row_from(mapping: dict[str, str], key: str, line: int | None, ctx: Context) -> FundRow:
    values: dict[str, float | None] = {}
    for col, text in mapping.items():
        if col == DROPPED:
            ctx.warn("P026", f"项目资金“{FUND_ROW_ZH[key]}”行的数字比表头的列多一个，"
                             f"按表内算术关系认定“{text}”是多出的，未读入", f"funds.{key}", line)
        if not text or is_dash(text) or col not in CN_COL:
            continue
        value = number(text)
        if value is None:
            ctx.warn("P021", f"项目资金“{FUND_ROW_ZH[key]}”行“{CN_COL[col]}”列的“{text}”不是数字，按空值处理",
                     f"funds.{key}.{col}", line)
        values[col] = value
    return FundRow(**values)


def _is_sub_pattern(mapping: dict[str, str]) -> bool:
    """A sub-row carries no weight or score of its own ('-' or blank)."""
    return number(mapping.get("weight")) is None and number(mapping.get("score")) is None


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= TOLERANCE


def _fit_total(nums: list[float], sums: dict[str, float], cols: tuple[str, ...]) -> tuple[dict[str, float], int]:
    """Place the total row's surviving numbers in its columns (in the table's order) so that the arithmetic
    holds best; and how many of `nums` it takes. More numbers than columns are the total's, then the next
    row's (text that lost the rows' labels prints the rows' numbers in one run): the total takes the first ones
    that make its arithmetic hold best, the most of them where they hold alike."""
    best: tuple[float, int, dict[str, float]] | None = None
    for taken in range(min(len(nums), len(cols)), (len(cols) // 2 if len(nums) > len(cols) else len(nums)) - 1, -1):
        if comb(len(cols), taken) > MAX_FITS:  # a header of many columns: as printed
            return dict(zip(cols, nums, strict=False)), min(len(nums), len(cols))
        for slots in combinations(range(len(cols)), taken):
            filled, points = _total_points({cols[i]: v for i, v in zip(slots, nums, strict=False)}, sums)
            if best is None or points > best[0]:
                best = (points, taken, filled)
    return (best[2], best[1]) if best else ({}, 0)


def _total_points(row: dict[str, float], sums: dict[str, float]) -> tuple[dict[str, float], float]:
    """The total row with the amounts its sub-rows' sums give where it lost them, and how well its arithmetic
    holds."""
    filled = dict(row)
    points = 0.0
    for col in AMOUNTS:
        if col in row and col in sums:
            points += 1 if _close(row[col], sums[col]) else -3
        elif col not in row and col in sums:
            filled[col] = sums[col]
    weight, rate, score = filled.get("weight"), filled.get("execution_rate"), filled.get("score")
    annual, executed = filled.get("annual_budget"), filled.get("executed")
    if weight is not None:
        points += 1 if 0 < weight <= 30 else -3
    if rate is not None and rate >= MAX_RATE:
        points -= 3  # an amount, not a rate
    if rate is not None and annual and executed is not None:
        points += 2 if _close(executed / annual * 100, rate) else -2
    if weight is not None and rate is not None and score is not None:
        points += 2 if _close(weight * min(rate, 100) / 100, score) else -1
        points -= 3 if score > weight else 0
    elif weight is not None and score is not None and annual and executed is not None:
        # its 执行率 lost: the 得分 is still the 分值 times the rate its amounts give
        points += 2 if _close(weight * min(executed / annual, 1.0), score) else -1
        points -= 3 if score > weight else 0
    return filled, points


def _plausibility(mapping: dict[str, str], sub: bool = False) -> float:
    """How well a row's values sit in their columns: shapes and the row's own arithmetic. A sub-row (其中…,
    上年结转资金) prints no 分值 or 得分 of its own ('-' or blank), and no column but 执行率 holds a percent."""
    points = 0.0
    values = {c: number(v) for c, v in mapping.items() if v and not is_dash(v)}
    for col, text in mapping.items():
        if text and not is_dash(text) and values.get(col) is None and col != "remark":
            points -= 3  # text in a number column
    for col in ("weight", "score"):
        if sub and values.get(col) is not None or "%" in (mapping.get(col) or ""):
            points -= 3
        elif sub and is_dash(mapping.get(col)):
            points += 0.25  # (a sub-row's 分值 and 得分 printed as dashes: where its dashes most likely stand)
    weight, rate, score = values.get("weight"), values.get("execution_rate"), values.get("score")
    annual, executed = number(_budget(mapping)), values.get("executed")
    if weight is not None:
        points += 0.5 if 0 < weight <= 30 else -3
    if "%" in (mapping.get("execution_rate") or ""):
        points += 1
    for col in AMOUNTS:
        if "%" in (mapping.get(col) or ""):
            points -= 3
    if rate is not None and annual and executed is not None:
        points += 3 if _rate_fits(executed / annual * 100, rate) else -1
    if weight is not None and rate is not None and score is not None:
        points += 2 if _close(weight * min(rate, 100) / 100, score) else -1
        points -= 3 if score > weight + TOLERANCE else 0
    elif weight is not None and score is not None and rate is None and annual and executed is not None:
        # 执行率 left blank: the 得分 is still the 分值 times the rate its amounts give, to its printed decimals
        implied = weight * min(executed / annual, 1.0)
        if score <= weight + TOLERANCE and abs(implied - score) <= 0.5 * 10 ** -decimals(mapping["score"]) + TOLERANCE:
            points += 2
    return points


def _budget(mapping: dict[str, str]) -> str | None:
    """The budget 执行率 is taken of: 全年预算数, or 年初预算数 where the header prints no 全年预算数
    (`年初预算数(A) 全年执行数(B) … 执行率(B/A)`)."""
    return mapping.get("annual_budget") if "annual_budget" in mapping else mapping.get("initial_budget")


def _rate_of(mapping: dict[str, str], budget: str) -> bool:
    """The row's 执行率 is its 全年执行数 over the amount in column `budget` (which is not zero)."""
    amount, executed, rate = (number(mapping.get(c)) for c in (budget, "executed", "execution_rate"))
    return bool(amount) and executed is not None and rate is not None and _rate_fits(executed / amount * 100, rate)


def _rate_fits(computed: float, printed: float) -> bool:
    """执行率 printed as a percent, a whole percent or a fraction."""
    return (abs(computed - printed) <= 0.0101 + 1e-9 or abs(round(computed) - printed) < 1e-9
            or abs(computed / 100 - printed) <= 0.0101)


def _fit(values: list[str], order: tuple[str, ...], certain: bool, sub: bool = False,
         total: dict[str, str] | None = None) -> tuple[dict[str, str], float]:
    """Map a row's values onto the columns: a table row's as printed where that reads well (its blank cells
    place them); else, and always where flowed text lost the blank cells of a row that has fewer values than
    columns, by shapes and arithmetic, the printed order a prior, and a sub-row's blank columns those of the
    `total` row's: a sub-row's amount under a column its total leaves blank breaks the rows' sum (a form that
    leaves 年初预算数 blank leaves it blank in every row: `0.00 0.00 - 0.00 -` under six columns)."""
    blank_in_total = {c for c in order if total is not None and not total.get(c)}

    def against_total(mapping: dict[str, str]) -> float:
        return -BLANK_IN_TOTAL if any(number(mapping[c]) is not None for c in blank_in_total & mapping.keys()) else 0
    positional = _fit_positional(values, order)
    filled = [v for v in values if v]
    extra = len(filled) - len(order)
    if extra in (1, 2) and not certain:
        base = _plausibility(positional, sub)
        # numbers a narrow column cut in two ('10' / '0%' of '100%', '3990' / '5.00' of '39905.00', one or two of
        # them): joined, where the row's arithmetic holds so, and better than with a value left out
        cuts = [ks for ks in combinations(range(len(filled) - 1), extra) if all(b > a + 1 for a, b in pairwise(ks))]
        whole = max((_joined(filled, ks, order) for ks in cuts), key=lambda m: _plausibility(m, sub), default={})
        # one number more than the columns in flowed text ('28.1 28.1 28.1 28.1 10 100% 10' under six): the one
        # whose leaving out makes the row's arithmetic hold, where that reads far better than the first six
        mapping: dict[str, str] = {}
        dropped = 0
        if extra == 1:
            dropped = max(range(len(filled)), key=lambda k: _plausibility(
                dict(zip(order, filled[:k] + filled[k + 1:], strict=True)), sub))
            mapping = dict(zip(order, filled[:dropped] + filled[dropped + 1:], strict=True))
        if whole and _plausibility(whole, sub) >= max(base + 2, _plausibility(mapping, sub) + 1 if mapping else 0):
            return whole, 0.7
        if mapping and _plausibility(mapping, sub) >= base + 2:
            return {**mapping, DROPPED: filled[dropped]}, 0.7
    if len(filled) >= len(order) or not filled:
        return positional, 1.0 if certain else 0.9
    base = _plausibility(positional, sub)
    if base >= 0 and certain and not against_total(positional):
        return positional, 1.0  # (not where the cells lost their blanks: an amount under a column the total leaves
        # blank, as a page that drops its empty cells prints a sub-row `387664.62 | 387664.62 | —`)
    if comb(len(order), len(filled)) > MAX_FITS:  # a header of many columns (damaged text): no search
        return positional, 0.5
    best, best_points = positional, base + 2 + against_total(positional)  # printed order is a prior
    for slots in combinations(range(len(order)), len(filled)):
        mapping = {order[i]: v for i, v in zip(slots, filled, strict=True)}
        points = _plausibility(mapping, sub) + against_total(mapping)
        if "initial_budget" not in mapping and _rate_of(mapping, "annual_budget"):
            points += 0.1  # one budget printed, its 执行率 of it: the 全年预算数 (what 执行率 is of), not 年初预算数
        if total is not None:  # (a sub-row's amount its total's in the same column: the one source of the total)
            points += 0.1 * sum(number(mapping[c]) == number(total.get(c)) for c in AMOUNTS
                                if c in mapping and number(mapping[c]) is not None)
        if points > best_points:
            best, best_points = mapping, points
    if best is positional:
        return best, 1.0 if certain else 0.9
    return best, 0.8


def _joined(values: list[str], cuts: tuple[int, ...], order: tuple[str, ...]) -> dict[str, str]:
    """The values on the columns with each value at `cuts` and the next joined into one, where each makes a
    number (else no reading: empty)."""
    out: list[str] = []
    k = 0
    while k < len(values):
        if k in cuts:
            glued = fold(values[k]) + fold(values[k + 1])
            if number(glued) is None or not _CUT_JOIN.match(glued):
                return {}
            out.append(glued)
            k += 2
        else:
            out.append(values[k])
            k += 1
    return dict(zip(order, out, strict=True))


_CUT_JOIN = re.compile(r"^\d[\d,]*(?:\.\d+)?%?$")  # digits as a number is printed, one point at most


def _prose(text: str) -> bool:
    """A cell of words, no amount: neither a number nor a dash nor a run of digits (but a numbered note's item,
    '1.预算执行率=…', is words)."""
    return bool(text) and number(text) is None and not is_dash(text) and not text[:1].isdigit() or bool(
        _NUMBERED.match(text))


_NUMBER_DASH = re.compile(r"^(\d[\d,]*(?:\.\d+)?%?)([-—–])$")


def _dashes_apart(values: list[str]) -> list[str]:
    """A number with a dash right after it is two cells: an amount right-aligned in its column and the dash of a
    blank one left-aligned in the next, set so close that the text printed no space between them
    (`0.00-`: 全年执行数 0.00, 分值 -). No number is printed with a dash after it."""
    out: list[str] = []
    for v in values:
        out.extend(m.groups() if (m := _NUMBER_DASH.match(v)) else (v,))
    return out


def _fit_glued(values: list[str], order: tuple[str, ...], sub: bool,
               total: dict[str, str] | None) -> tuple[dict[str, str], float] | None:
    """A row whose numbers are glued into one cell ('202010100.00%10': text without cell boundaries) placed by
    the cutting that reads best — its own arithmetic, and a sub-row's amounts within the total's — or None when
    no cell is glued. A cell of digits that is no number as printed is glued, and so is one that opens with a
    zero and a digit; a whole number only on a sub-row where it is greater than every amount of the total and a
    cutting gives amounts no greater than the total's, one of them the total's own ('2020' under a total of 20
    and 20; a budget printed greater than the total is the form's error, read as printed)."""
    bound = max((n for c in AMOUNTS if total and (n := number(total.get(c))) is not None), default=0.0)
    # (the row's 原因 after its numbers, cut by the words in it — '1.预算执行率=…的需', '说明' …: one cell)
    prose = next((k for k in range(1, len(values)) if all(_prose(v) for v in values[k:])), len(values))
    values = [*values[:prose], "".join(values[prose:])] if prose < len(values) - 1 else values
    room = len(order) - sum(1 for v in values if v) + 1
    if room < 2:
        return None  # as many cells as the header's columns, or more: none holds two numbers
    glued = [k for k, v in enumerate(values) if any(c.isdigit() for c in v)
             and ((n := number(v.rstrip("%％"))) is None or LEADING_ZERO.match(v)
                  or v[-1:] in "%％" and n >= MAX_RATE) and split_numbers(v, room)]
    bounded = [k for k, v in enumerate(values) if sub and bound > 0 and v.isdecimal() and float(v) > bound]
    at = min(glued + bounded, default=None)
    if at is None:
        return None
    best: tuple[float, dict[str, str]] | None = None
    for pieces in split_numbers(values[at], room):
        cells = [*values[:at], *pieces, *values[at + 1:]]
        # glued cells keep their order; fewer than the columns, they may skip one ('303010100%': 30, 30, 10,
        # 100% with the 全年执行数 left out)
        mapping = _fit(cells, order, False, sub)[0] if len(cells) < len(order) else _fit_positional(cells, order)
        points = _plausibility(mapping, sub)
        # (a column no template knows, '得分计算方法', seldom holds a number: a piece put there is a guess)
        points -= 1.5 * sum(1 for col, v in mapping.items() if col.startswith(EXTRA) and v in pieces)
        places = Counter(decimals(p) for p in pieces if not is_dash(p))
        alike = max(places.values(), default=0)
        points += alike - (sum(places.values()) - alike)  # a row's numbers printed alike ('409.90', '495.40')
        annual, executed = number(_budget(mapping)), number(mapping.get("executed"))
        if annual and executed is not None and executed > 2 * annual:
            points -= 5.0  # executed twice the budget: no cutting of a row as printed
        elif annual and executed:
            points += min(executed / annual, annual / executed)  # most budgets are spent nearly whole
        within, equal = True, False
        for col in AMOUNTS if bound > 0 else ():  # (a total of zeros, the form's error, bounds nothing)
            if (n := number(mapping.get(col))) is not None and (t := number(total.get(col))) is not None:
                # (amounts as printed: a sub-row's equals the total's exactly, no rounding tolerance)
                same = abs(n - t) < 1e-9
                points += (2.0 if same else 1.0) if n <= t + 1e-9 else -3.0
                within, equal = within and n <= t + 1e-9, equal or same
        if at not in glued and not (within and equal):
            continue
        if best is None or points > best[0]:
            best = (points, mapping)
    return (best[1], 0.6) if best else None


def _header_order(lines: list[FundLine]) -> tuple[str, ...]:
    """The columns in the order the header names them: the lines of header words (no values) before the first
    row, together (a header may wrap onto a second line); unless the text jumbled them with values, or names
    fewer than three columns."""
    words: list[str] = []
    for fl in lines:
        if fl.label or fl.numbers or not fl.columns:
            if words:
                break
            continue
        words.extend(fl.columns)
    order = tuple(dict.fromkeys(words))
    # an unknown heading before the known ones may be the caption of the row labels' column ('年度预算数(万元)'
    # over 总额, 其中:财政资金): it is a column of values only if the rows are that wide
    widest = max((_width(fl.values) for fl in lines if fl.label), default=0)
    while order and order[0].startswith(EXTRA) and len(order) > widest:
        order = order[1:]
    return _lost_heading(order, lines) if len(order) >= 3 else DEFAULT_COLUMNS


def _one_lost(columns: Sequence[str]) -> bool:
    """The header names the national form's columns in their order but one (a row under it may hold one value
    more: `_lost_heading`)."""
    return (sum(1 for c in DEFAULT_COLUMNS if c not in columns) == 1
            and tuple(columns) == tuple(c for c in DEFAULT_COLUMNS if c in columns))


def _lost_heading(order: tuple[str, ...], lines: list[FundLine]) -> tuple[str, ...]:
    """A header naming the national form's columns in its order but one, over rows a value wider (`年初预算数 全年
    预算数 全年执行数 分值 得分` over six values: 执行率's heading drawn elsewhere, as a spreadsheet's PDF draws a
    wrapped cell after the others): that column, where the form prints it, if such rows read better so than
    with one of their values left out (one of them at least, none of them worse)."""
    if not _one_lost(order):
        return order
    labelled = [fl for fl in lines if fl.label]
    wider = [fl for fl in labelled if _width(fl.values) == len(order) + 1]
    if not wider or any(_width(fl.values) > len(order) + 1 for fl in labelled):
        return order
    gains = []
    for fl in wider:
        filled, sub = fl.filled(), fl.label != "total"
        dropped = max(_plausibility(dict(zip(order, filled[:k] + filled[k + 1:], strict=True)), sub)
                      for k in range(len(filled)))
        gains.append(_plausibility(dict(zip(DEFAULT_COLUMNS, filled, strict=True)), sub) - dropped)
    return DEFAULT_COLUMNS if min(gains) >= 0 and max(gains) > 0 else order


def _surplus_to_next(lines: list[FundLine], order: tuple[str, ...]) -> None:
    """A row holding more values than the table has columns, the next row's label holding none: text that
    printed the rows' labels apart from their values (a workbook flattened to one line: `年度资金总额 … 0 207.45
    10 100% 10 207.45 — 100% —`, then `其中:当年财政拨款` alone). The row keeps the first values, the next row
    takes the rest, where they split so: the split whose two rows read best by shapes and arithmetic, and
    better than the row read alone."""
    for k, fl in enumerate(lines[:-1]):
        filled = fl.filled()
        after = next((nxt for nxt in lines[k + 1:] if nxt.label), None)
        if (fl.label is None or len(filled) <= len(order) or after is None or after.values or after.columns
                or fl.certain or len(filled) > 2 * len(order)):
            continue
        best, best_points = None, _plausibility(_fit_positional(filled, order), fl.label != "total")
        for taken in range(len(order), len(filled) - len(order) - 1, -1):
            if taken < 2 or len(filled) - taken < 2:
                continue
            first, _ = _fit(filled[:taken], order, False, fl.label != "total")
            rest, _ = _fit(filled[taken:], order, False, True, first)
            points = _plausibility(first, fl.label != "total") + _plausibility(rest, True)
            if points > best_points + 1:
                best, best_points = taken, points
        if best is not None:
            fl.values, after.values = filled[:best], filled[best:]
            after.certain = False


def _past_header_lead(lines: list[FundLine]) -> None:
    """A header printing blank cells before its first heading (`项目资金(万元) | | 年初预算数 | …`: the row labels'
    column two cells wide) has rows whose first as many blank cells are their label's span, not 年初预算数 left
    blank: they are dropped, so that a row short of cells (the document cut off inside it) starts at 年初预算数."""
    header = next((fl for fl in lines if fl.columns and not fl.label and not fl.values), None)
    lead = header.gaps[0] if header is not None and header.gaps else 0
    for fl in lines if lead else ():
        if fl.label and fl.certain:
            blank = next((k for k, v in enumerate(fl.values) if v), len(fl.values))
            del fl.values[:min(lead, blank)]


def _width(values: list[str]) -> int:
    """How many columns a row's values fill: empty ones at its end fill none, and texts after its last number
    one (a remark wrapped over lines: '1.预算执行率=…;3.其他资金' / '包括:社会投入资金、银行贷款.')."""
    n = len(values)
    while n and not values[n - 1]:
        n -= 1
    while n >= 2 and all(values[k] and number(values[k]) is None and not is_dash(values[k]) for k in (n - 1, n - 2)):
        n -= 1
    return n


def read_funds(units: list[Unit], lex: Lexicon, ctx: Context, cut_short: bool = False) -> Funds:
    """The fund table; `cut_short`: the form ends inside it (a stored page cut off part-way), so its last row
    holds the values before the cut, in the columns' order."""
    header = [u for u in units[:12] if lex.fund_column(u.key)]
    starts = column_starts(header)
    if starts:  # (the header centred over its columns' cells; the rows' labels left of the first)
        starts = under_centred(header, units, starts, low=0.0)
    if starts and len(starts) >= 5 and numbers_apart(units, [0.0, *starts]):
        units = realign(units, [0.0, *starts])  # column-aligned text: row labels stand left of the first column
    if (pairs := _label_value_pairs(units, lex)) is not None:
        return _read_pairs(pairs, ctx)
    lines, unread = _unwrap(*_lines(units, lex))
    _stacked(lines)
    for u in unread:
        ctx.warn("P002", f"第 {u.line} 行在项目资金表内但未能识别，未读入记录：“{u.text[:30]}”", "funds", u.line)
    order = _header_order(lines)
    total_line = next((fl for fl in lines if fl.label == "total"), None)
    order = _unknown_amounts(order, total_line.values if total_line else None, ctx,
                             units[0].line if units else None)
    _surplus_to_next(lines, order)

    _past_header_lead(lines)
    labelled = [fl for fl in lines if fl.label]
    orphans = [fl for fl in lines if not fl.label and fl.numbers]
    seen: dict[str, FundLine] = {}
    duplicates = []
    if skipped := [fl.line for fl in labelled if fl.label == IGNORED and any(number(v) for v in fl.values)]:
        _skipped_sources(skipped, ctx)
    for fl in labelled:
        if fl.label == IGNORED:
            continue
        if fl.label in seen and not fl.values and not fl.columns:
            continue  # a row's word again with nothing after it: a note's ('3.其他资金包括:…'), no row
        if fl.label in seen and not seen[fl.label].values and not seen[fl.label].columns:
            seen[fl.label] = fl  # (the first was the note's)
        elif fl.label in seen:
            duplicates.append(fl)
        else:
            seen[fl.label] = fl
    fitted: dict[str, tuple[dict[str, str], float]] = {}
    cut = labelled[-1] if cut_short and labelled else None  # (the lines in the document's order)
    for k in sorted(seen, key=lambda k: k != "total"):  # the total first: its amounts bound the sub-rows'
        fl = seen[k]
        if fl is cut and len(fl.filled()) < len(order):
            fitted[k] = _fit_positional(fl.values, order), 0.9  # (no search: the cut took the columns after)
            continue
        values = _dashes_apart(fl.values)
        fitted[k] = _fit_glued(values, order, k != "total", fitted["total"][0] if "total" in fitted else None)
        total = fitted.get("total") if k != "total" else None  # (a sub-row's blank columns are its total's)
        fitted[k] = fitted[k] or _fit(values, order, fl.certain, k != "total", total[0] if total else None)
    mapped = {k: m for k, (m, _) in fitted.items()}
    scored = "weight" in order or "score" in order  # a table without 分值/得分 columns has no sub-row pattern
    # (a total row alone — the document cut short after it — is no sub-row's values under the total's label)
    total_ok = "total" in mapped and (not scored or len(mapped) == 1 or not _is_sub_pattern(mapped["total"]))
    if not orphans and not duplicates and (total_ok or "total" not in mapped):
        funds = Funds()
        for key in FUND_ROWS:
            if key in mapped:
                setattr(funds, key, _row_from(mapped[key], key, seen[key].line, ctx))
                ctx.at(f"funds.{key}", seen[key].line)
                if fitted[key][1] < 1.0:
                    for col in DEFAULT_COLUMNS:
                        ctx.sure(f"funds.{key}.{col}", fitted[key][1])
        if not seen:
            ctx.warn("P010", "未读到项目资金表的任何一行（年度资金总额、当年财政拨款等）", "funds",
                     units[0].line if units else None)
        return funds
    return _rebuild(seen, mapped, orphans, order, ctx, units)


@dataclass(slots=True)
class _Pairs:
    rows: dict[str, dict[str, str]]  # fund row -> column -> value as printed
    lines: dict[str, int]
    unknown: list[tuple[str, str, int]]  # (label no template knows, its value, line)
    skipped: list[int]  # lines of rows the record has no place for that print an amount ('省财政 570')


def _label_value_pairs(units: list[Unit], lex: Lexicon) -> _Pairs | None:
    """The block printed as labels each followed by its value, no header row (`项目资金（万元）：预算数 520 到位数 520
    执行数 468`, a row label before a group: `年度资金总额 全年预算数 100 全年执行数 90`): each value is its label's
    column, of the row named last (the total before any). None where the block is a table: a heading followed
    by another heading (a header row), a value without a label before it, or fewer than two columns paired.

    But headings over the pairs (Hebei's `预算安排情况(调整后) 资金到位情况 资金执行情况 预算执行进度(%)` over
    `预算数 6.84 到位数 6.84 执行数 6.84 100.00`, then `其中:财政资金 6.84 其中:财政资金 6.84 …`, a row's values
    each under its heading) are read past, and a value without a label of its own is the next heading's column
    (the rate under 预算执行进度; a heading the record has no place for, 资金到位情况, takes its value past)."""
    rows: dict[str, dict[str, str]] = {}
    lines: dict[str, int] = {}
    unknown: list[tuple[str, str, int]] = []
    row = "total"
    pending: tuple[str | None, Unit] | None = None  # (column, or None for a word no template knows; its unit)
    headings: list[str | None] = []  # the columns of a heading row printed over the pairs
    at = 0  # the heading the row's next value stands under
    paired = 0
    skipped: list[int] = []
    for u in units:
        key = u.key
        # (after its label, digits that are no number as printed are its value, unread: '7,00.0,77')
        value = number(u.text) is not None or is_dash(u.text) or bool(
            (pending is not None or paired) and _FRAGMENT.match(key))
        if not value:
            if (label := lex.fund_row(key)) is not None:
                if pending is not None:
                    return None
                row, at = label, (at if label == row else 0)
                continue
            if lex.section(key) == "funds" or fold(u.text).strip("()（）:：") in ("元", "万元") or is_lead(key):
                continue  # (a lead alone, '其中:', its row's label next)
            if pending is not None:
                if paired or row != "total" or rows:
                    return None  # two headings in a row: a header, or a word that is no label
                headings.append(pending[0])  # a heading over the pairs still to come
            pending = (lex.fund_column(key), u)
            continue
        if pending is None:
            if row == IGNORED and paired:  # a value of a row the record has no place for ('省财政 170 省财政 170'),
                if number(u.text):  # pairs read before: read past, said where it holds an amount
                    skipped.append(u.line)
                continue
            if not headings and (column := _unlabelled(rows.get(row, {}), u.text)) is not None:
                rows[row][column] = u.text  # (after the row's pairs, no heading over them)
                continue
            if not paired or at >= len(headings) or headings[at] in rows.get(row, {}):
                return None
            if (under := headings[at]) is not None and under != IGNORED:
                rows.setdefault(row, {})[under] = u.text
                lines.setdefault(row, u.line)
            at += 1
            continue
        column, label_unit = pending
        pending = None
        at = headings.index(column) + 1 if column is not None and column in headings else at + 1
        if column is None:
            unknown.append((label_unit.text, u.text, u.line))
            continue
        if paired and (row == IGNORED or column == IGNORED):
            if row == IGNORED and number(u.text):
                skipped.append(u.line)
            continue  # a column or a row the record has no place for (结余(万元) 0), read past
        if row == IGNORED or column in rows.get(row, {}):
            return None  # a source no template names, or a column printed twice in a row: no such block
        rows.setdefault(row, {})[column] = u.text
        lines.setdefault(row, u.line)
        paired += 1
    if pending is not None or paired < 2 or "total" not in rows:
        return None
    return _Pairs(rows, lines, unknown, skipped)


def _unlabelled(row: dict[str, str], text: str) -> str | None:
    """The column of a number printed without a label after a row's 预算数 and 执行数 pairs: its 执行率 where it
    is that rate (printed with its %, or the two amounts' ratio), else its 得分 where it is points-like — the
    block's score printed at the row's end (`预算数: 2.38 执行数: 2.38 20`, Sichuan's 区域 form) —, else none."""
    budget, executed, value = number(row.get("annual_budget", "")), number(row.get("executed", "")), number(text)
    if budget is None or executed is None or value is None or "execution_rate" in row or "score" in row:
        return None
    if text.rstrip().endswith("%") or budget and abs(value - 100 * executed / budget) <= 0.5:
        return "execution_rate"
    return "score" if 0 <= value <= MAX_POINTS else None


def _read_pairs(pairs: _Pairs, ctx: Context) -> Funds:
    funds = Funds()
    for key, mapping in pairs.rows.items():
        if key in FUND_ROWS:
            setattr(funds, key, _row_from(mapping, key, pairs.lines[key], ctx))
            ctx.at(f"funds.{key}", pairs.lines[key])
    if pairs.unknown:
        said = "、".join(f"“{label} {value}”" for label, value, _ in pairs.unknown[:4])
        ctx.warn("P027", f"项目资金的{said}在记录中没有对应栏目，未读入", "funds", pairs.unknown[0][2])
    if pairs.skipped:
        _skipped_sources(sorted(set(pairs.skipped)), ctx)
    return funds


def _skipped_sources(lines: list[int], ctx: Context) -> None:
    where = "、".join(str(n) for n in lines[:5]) + ("等" if len(lines) > 5 else "")
    ctx.warn("P023", f"第 {where} 行的资金来源（如中央补助、地方资金、财政专户管理资金）"
                     f"在记录中没有对应的行，已略过：分行之和不再与年度资金总额核对", "funds", lines[0])


def _rebuild(seen: dict[str, FundLine], mapped: dict[str, dict[str, str]], orphans: list[FundLine],
             order: tuple[str, ...], ctx: Context, units: list[Unit]) -> Funds:
    """Rebuild a jumbled block (see module docstring)."""
    funds = Funds()
    first_line = units[0].line if units else None
    subs_unlabelled = [fl for fl in orphans if _is_sub_pattern(_fit_positional(fl.values, order))
                       and not fl.columns]
    total_numbers = max((fl for fl in orphans if fl not in subs_unlabelled), key=lambda fl: len(fl.numbers),
                        default=None)
    if "total" in mapped and ("weight" in order or "score" in order) and _is_sub_pattern(mapped["total"]):
        # the total's label sits on a sub-row's values: that row belongs to 当年财政拨款 (in a table with
        # 分值/得分 columns: without them no row has points)
        if "current_year" not in mapped:
            mapped["current_year"], seen["current_year"] = mapped["total"], seen["total"]
        del mapped["total"]
    if "current_year" not in mapped and subs_unlabelled:
        mapped["current_year"] = _fit_positional(subs_unlabelled[0].values, order)
        seen["current_year"] = subs_unlabelled[0]
    for key in SUB_ROWS:
        if key in mapped:
            setattr(funds, key, _row_from(mapped[key], key, seen[key].line, ctx))
            ctx.at(f"funds.{key}", seen[key].line)
    if "total" in mapped:
        funds.total = _row_from(mapped["total"], "total", seen["total"].line, ctx)
        ctx.at("funds.total", seen["total"].line)
    elif total_numbers is not None:
        sums: dict[str, float] = {}
        subs = [getattr(funds, k) for k in SUB_ROWS if getattr(funds, k) is not None]
        if subs:
            for col in AMOUNTS:
                values = [getattr(r, col) for r in subs]
                if values[0] is not None:
                    sums[col] = round(sum(v or 0.0 for v in values), 2)
        fitted, taken = _fit_total(total_numbers.numbers, sums, order)
        funds.total = FundRow(**{col: v for col, v in fitted.items() if col in CN_COL})  # not a column unknown
        ctx.at("funds.total", total_numbers.line)
        # the numbers after the total's in its run are the next row's: 当年财政拨款's where its label holds none
        numeric = [k for k, v in enumerate(total_numbers.values) if number(v) is not None]
        rest = [v for v in total_numbers.values[numeric[taken - 1] + 1:] if v] if 0 < taken < len(numeric) else []
        empty = next((k for k in SUB_ROWS if not mapped.get(k)), None)
        if rest and empty is not None and not subs_unlabelled and _is_sub_pattern(_fit_positional(rest, order)):
            setattr(funds, empty, _row_from(_fit(rest, order, False, True)[0], empty, total_numbers.line, ctx))
            ctx.at(f"funds.{empty}", total_numbers.line)
    for key in FUND_ROWS:
        for col in DEFAULT_COLUMNS:
            ctx.sure(f"funds.{key}.{col}", 0.7)
    ctx.warn("P020", "项目资金表在文本中错位（数值与表头混排、行重复或缺列），已按现有数字和表内算术关系"
             "（分项之和 = 总额，执行率 = 全年执行数 / 全年预算数，得分 = 分值 × 执行率）重建，请核对原件",
             "funds", first_line)
    return funds
