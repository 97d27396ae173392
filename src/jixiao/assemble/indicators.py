"""The 绩效指标 table, read from the stream by the table's own grammar, whatever the layout.

The header defines the row's slots (any width: 指标性质/指标值/度量单位 in place of 年度指标值, a 备注 column, a
caption column). A row ends on its 分值 and 得分, the last two of a run of small numbers; what stands between
one row's 得分 and the next row's 分值 is the first row's 偏差原因 (and, in a table, the pieces a page break
cut off it) followed by the next row's labels and cells. Where the source says where rows and cells end
(table rows, lines), that is taken; where it does not (a document on one line), every cut is scored by the
shapes of the cells it makes. The cells before 分值 are cut into the slots by column where the source knows
columns, else by scoring every cut (`cells.split_cells`). Merged 一级/二级 labels are resolved afterwards, over
the whole table (`levels`).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import cache, cached_property, lru_cache
from itertools import accumulate, combinations

from jixiao.assemble.cells import (
    BLANK,
    CERTAIN,
    INNER,
    NEWLINE,
    SPACE,
    WIDE,
    Piece,
    cell_text,
    fit_slots,
    split_cells,
)
from jixiao.assemble.columns import SLACK, column_starts, points_in_columns, realign, rows_align, under_centred
from jixiao.assemble.context import LOW_CONFIDENCE, Context, margin_confidence
from jixiao.assemble.counted import count_columns
from jixiao.assemble.levels import Label, joined_label, resolve_levels
from jixiao.assemble.lexicon import CAPTION, IGNORED, Lexicon, is_points_only, label_key
from jixiao.assemble.stream import Unit, bare_number, footer_at, is_footer, source_rows, title_of
from jixiao.assemble.text import (
    GOES_ON,
    HANGING,
    MAX_POINTS,
    OPERATOR_START,
    PERCENT_POINTS,
    SENTENCE_END,
    brackets,
    counted,
    decimals,
    fold,
    is_dash,
    joined_lines,
    number,
    points,
    tidy,
    width,
)
from jixiao.assemble.vertical import join_vertical_labels, join_wrapped_labels, label_goes_on
from jixiao.measures import is_measure
from jixiao.model import Indicator
from jixiao.read.normalise import CUT_REST, IDEOGRAPH, is_page_number, join
from jixiao.read.tokens import Gap

MAX_FRAGMENTS = 8  # a wrapped line of more fragments is not cut every way (a cell with many spaces in it)
MAX_ROW = 24  # fragments a row's cells and the deviation before it may take, at most
LABEL_IN_DEVIATION = 30.0  # points off a cut that leaves a whole level label in the 偏差原因 of the row above
DEFAULT_SLOTS = ("level1", "level2", "name", "target", "actual", "weight", "score", "deviation")
COMPOSITE = ("target_kind", "target_value", "target_unit")
SLOT_ZH = {"level1": "一级指标", "level2": "二级指标", "name": "三级指标", "target": "年度指标值",
           "actual": "实际完成值", "weight": "分值", "score": "得分", "deviation": "偏差原因分析及改进措施"}
_PLACEHOLDER = re.compile(r"^(?:指标\d+[:：]?|[…\.。·]+|……)$")
# what a template prints in a row left unfilled, no piece of a wrapped cell ('。' may be one)
_EMPTY_ROW_MARK = re.compile(r"^(?:指标\d+[:：]?|…+|\.{3,}|·{3,})$")
# a template row's numbering, '指标1:' ('指标1工程完工率' may be a name)
_NUMBERED = re.compile(r"^指标\d+(?:[:：、.]|$)")
_PLACEHOLDER_PREFIX = re.compile(r"^指标\d+[:：、.]?\s*(?=\S)")  # '指标1工程完工率': the template's numbering
_NATURES = frozenset({"定性", "定量"})
_CODE = re.compile(r"^\d{1,3}\s*(?=[≥≤=<>≠])")
# a name with its target glued on ('足额保障率=100%', '结余率≤5%': a web table copied without its cell boundaries)
_GLUED_TARGET = re.compile(r"^(.*[^\s≥≤<>=≠])([≥≤<>=≠]\s*[-+]?\d[\d.,]*\s*[%‰]?[^\s\d≥≤<>=≠]{0,6})$")
_BARE_NUMBER = re.compile(r"^[\d.,%]+$")
_VALUE_FIRST = re.compile(r"^[≥≤=<>\d]")
_ITEM_NUMBER = re.compile(r"^\d{1,2}[、.)）][\u4e00-\u9fff]")  # a name's numbering ('1、水稻侧深施肥'), no value
_MEASURED = re.compile(r"^[≥≤=<>]*\s*\d[\d,.]*\s*(\S.*)$")  # a number and what follows it ('≤198万元')
_DIGIT = re.compile(r"\d")
_BREAKDOWN = re.compile(r"^[★☆*＊]*其中[:：]?[^\d\s:：]")  # a breakdown row's name ('其中桃树种植面积', '★其中:…')


@dataclass(slots=True)
class RawRow:
    # (key, column slot if known, text, (first line, last line), (first, last) source row its merged cell covers)
    labels: list[Label] = field(default_factory=list)
    name: str | None = None
    target: str | None = None
    actual: str | None = None
    weight: float | None = None
    score: float | None = None
    deviation: str | None = None
    line: int | None = None
    row: int | None = None  # the source row of its 分值 (a merged label's span is counted in source rows)
    last_line: int | None = None  # its last printed line on its page (its wrapped lines and pieces included)
    page: int = 0  # the page breaks before its 分值 in the table (plain text: a merged label centres in its page)
    short: bool = False  # fewer cells than the slots
    after_last: bool = False  # a row after the table's last 分值 with none of its own: its cells in the form's order
    sure: float = 1.0  # confidence of the cut of its cells
    slot_cols: dict[int, str] = field(default_factory=dict)  # column -> slot, where the source knows columns
    first_widths: dict[str, float] = field(default_factory=dict)  # plain text: each cell's width on the 分值 line
    wraps: list[list[Unit]] = field(default_factory=list)  # plain text: lines below the 分值 line continuing it
    atomic: set[str] = field(default_factory=set)  # plain text: cells whose first line is one number or word
    values_line: bool = False  # plain text: on the 分值 line only values, the name and texts on lines above it
    part: bool = False  # a row breaking the row above down, printed without points (`_parts_below_bare`)
    left: float | None = None  # where its first printed piece stands, where the reader placed the pieces (a PDF)


def _gap(unit: Unit, separator: Gap, wrapping: bool = False) -> int:
    """The piece gap of a unit for cutting cells. `separator` is what this table prints between two cells
    (between 分值 and 得分): where that is a line break (a cell per line) or a blank line (a cell per
    paragraph), a smaller gap is inside a cell and that gap or more a sure boundary — but where cells printed a
    cell per line are `wrapping` over lines of their own (`_Reader.wrapping`): there the gaps are flowed text's,
    a line break or a space inside a cell or between two."""
    if unit.certain:
        return CERTAIN
    if separator >= Gap.LINE and not wrapping:
        return CERTAIN if unit.gap >= separator else INNER
    return {Gap.SPACE: SPACE, Gap.WIDE: WIDE, Gap.LINE: NEWLINE}.get(unit.gap, BLANK)


def _score_like(unit: Unit) -> float | None:
    return _points_key(unit.key)


def _score_like_text(text: str | None) -> float | None:
    return _points_key(fold(text)) if text else None


@lru_cache(maxsize=1 << 14)
def _points_key(key: str) -> float | None:
    """(Cached: every number of a table is looked at several times, and the same few print on every row.)"""
    return None if len(key) > 7 else points(key)


POINTS = "_points"  # suffix of a level's own points column ('level1_points')
_READ_PAST = "extra_known"  # prefix of a column a template names to be read past (its cells are an extra's)


@dataclass
class Header:
    slots: tuple[str, ...]
    cols: dict[str, int]  # slot -> column of a certain header cell
    unscored: bool = False  # the header names its columns, and has no 分值 among them (nor 得分, or 得分 alone)
    renamed: tuple[tuple[str, str], ...] = ()  # (heading, slot): headings no template knows, named by their place
    unread: tuple[str, ...] = ()  # headings no template knows and no place names: their cells are read past
    points_blank: bool = False  # its 分值 and 得分 columns read as left blank: no row ends at points

    @property
    def score_only(self) -> bool:
        """A 得分 column without a 分值 column (a row's score is its own last cell, no pair of points ends it)."""
        return self.unscored and "score" in self.slots

    @property
    def contiguous(self) -> bool:
        cols = sorted(self.cols.values())
        return bool(cols) and cols == list(range(cols[0], cols[0] + len(cols)))

    @property
    def fields(self) -> tuple[str, ...]:
        """The cell slots before 分值 (labels and caption excluded)."""
        out = []
        for slot in self.slots:
            if slot in ("weight", "score", "deviation", "remark"):
                break
            if slot not in ("caption", "level1", "level2") and not slot.endswith(POINTS):
                out.append(slot)
        return tuple(out) or ("name", "target", "actual")

    @cached_property
    def level_points(self) -> bool:
        """The header gives the level labels points columns of their own (`read_header`); asked once per row's
        unit, so kept (the slots a header loses or reorders after reading are never these)."""
        return any(slot.endswith(POINTS) for slot in self.slots)


def read_header(units: list[Unit], lex: Lexicon) -> tuple[Header, int]:
    """The header's slots in column order, and where the body starts."""
    end = 0
    kinds: list[str] = []
    while end < len(units):
        u = units[end]
        # (the caption, '绩效指标' or '年度绩效指标完成情况', printed down the table's first column)
        kind = lex.indicator_column(u.key) or (
            "caption" if label_key(u.key) == CAPTION or end and lex.section(u.key) == "indicators" else None)
        if kind == IGNORED:
            kind = f"{_READ_PAST}{end}"  # a column a template names and the record has no place for: read past
        if kind == "caption" and {"level1", "level2", "name"} & set(kinds) and u.row != units[end - 1].row:
            break  # the table's caption merged down the rows' left, below the header: the body's first cell
        if kind is None and (_extra_column(units, end, lex) or (end and _last_heading(units, end, kinds, lex))):
            kind = f"extra{end}"  # a column the templates do not know ('评分标准'): its cells are read past
        if kind is None:
            break
        kinds.append(kind)
        end += 1
    head = units[:end]
    if not head:
        return Header(DEFAULT_SLOTS, {}), 0
    kinds, renamed = _named_by_order(kinds)
    for k, kind in enumerate(kinds):
        if kind == "weight" and k and kinds[k - 1] in ("level1", "level2") and "weight" in kinds[k + 1:]:
            # '一级指标 | 分值 | 二级指标 | 分值 | 三级指标 | 分值 | 得分' (older forms scored on the framework): a
            # 分值 right after a level's heading, another 分值 to come, is that level's points
            kinds[k] = kinds[k - 1] + POINTS
    named = list(zip(kinds, head, strict=True))
    present = {slot for slot, _ in named}
    slots: list[str] = []
    cols: dict[str, int] = {}
    below: dict[str, int] = {}  # the columns of the headings of a second header row
    used: set[int] = set()
    rows = _header_rows(named, lex)
    for k, (slot, u) in enumerate(named):
        if k in used:
            continue
        children = lex.parents.get(label_key(u.key), ())
        later = [(j, s, v) for j, (s, v) in enumerate(named) if s in children and rows[j] != rows[k] and j not in used]
        if children and later and not any(s in children for j, (s, _) in enumerate(named) if rows[j] == rows[k]):
            for j, s, v in later:
                slots.append(s)
                used.add(j)
                if v.col is not None:
                    cols[s] = below[s] = v.col
            continue
        if slot == "target" and present & set(COMPOSITE):
            if "target_value" in present or not present & {"target_kind", "target_unit"}:
                continue
            slot = "target_value"  # '指标性质 年度指标值 度量单位': the heading of the whole over its number
        second = rows[k] != rows[0] and slot in ("level1", "level2", "name") and bool({"weight", "score"} & set(slots))
        if second:
            _insert_in_order(slots, slot)  # a second header row, under a heading read as the section's anchor
        else:
            slots.append(slot)
        if u.col is not None and u.certain:
            cols.setdefault(slot, u.col)
            if second:
                below.setdefault(slot, u.col)
    slots = list(dict.fromkeys(slots))
    bases = Counter(col - slots.index(slot) for slot, col in below.items())
    if bases and (base := bases.most_common(1)[0])[1] >= 2 and 2 * base[1] > len(below):
        # a header of two rows: most of its second row's headings stand in their columns (one may be printed on
        # a line of its own); each heading of the first row stands over one column after those its spanning
        # headings cover
        cols = {slot: base[0] + k for k, slot in enumerate(slots)}
    said = tuple((head[k].text, slot) for k, slot in renamed)
    # (but a first column before the labels, '序号': its cells number the rows)
    unread = tuple(tidy(head[k].text) or head[k].text for k, kind in enumerate(kinds)
                   if _unknown_column(kind) and kind in slots and slots.index(kind) > 0)
    if "name" in slots and "weight" not in present and ("target" in slots or "actual" in slots):
        # no points columns, or a 得分 column alone (each row's last number its score)
        return Header(tuple(slots), cols, unscored=True, renamed=said, unread=unread), end
    if "name" not in slots or "weight" not in slots:
        return Header(DEFAULT_SLOTS, {}), end
    return Header(tuple(slots), cols, renamed=said, unread=unread), end


def _insert_in_order(slots: list[str], slot: str) -> None:
    """Put a second-row heading whose first-row heading is not in the header (绩效指标, read as the section's
    anchor, over 一级指标 二级指标 三级指标) before the first column that comes after it in the form's order."""
    rank = _rank(slot)
    at = next((i for i, s in enumerate(slots) if _rank(s) > rank), len(slots))
    slots.insert(at, slot)


def _rank(slot: str) -> int:
    if slot in COMPOSITE:
        slot = "target"
    return DEFAULT_SLOTS.index(slot) if slot in DEFAULT_SLOTS else len(DEFAULT_SLOTS)


def _header_rows(named: list[tuple[str, Unit]], lex: Lexicon) -> list[int]:
    """The header row of each heading. A header of two rows printed on one line (a document run together:
    `绩效指标 年度指标值 … 分值 得分 … 一级指标 二级指标 三级指标 指标性质 指标值 度量单位`) keeps no rows: its second
    row starts at the first heading, after the points columns, that stands under one printed before it."""
    rows = [u.row for _, u in named]
    if len(set(rows)) > 1:
        return rows
    parents: set[str] = set()
    points = False
    for j, (slot, u) in enumerate(named):
        if points and (slot in parents or slot in ("level1", "level2", "name")):
            return [0] * j + [1] * (len(named) - j)
        parents.update(lex.parents.get(label_key(u.key), ()))
        points = points or slot in ("weight", "score")
    return rows


def _unknown_column(kind: str) -> bool:
    """A heading no template knows (not one a template names to be read past)."""
    return kind.startswith("extra") and not kind.startswith(_READ_PAST)


def _named_by_order(kinds: list[str]) -> tuple[list[str], list[tuple[int, str]]]:
    """Headings no template knows ('指标名称 预期值 达成值' between 二级指标 and 分值) named by the form's column order
    where it leaves exactly one missing column for each, or, ending a header without points, the columns after
    its last in order ('指标值 实施进度': 实际完成值); the others stay unknown (read past)."""
    rank = {slot: i for i, slot in enumerate(DEFAULT_SLOTS)}
    present = set(kinds)
    missing = [slot for slot in DEFAULT_SLOTS if slot not in present
               and not (slot == "target" and present & set(COMPOSITE))]
    out, renamed = list(kinds), []
    i = 0
    while i < len(kinds):
        if not _unknown_column(kinds[i]):
            i += 1
            continue
        j = i
        while j < len(kinds) and _unknown_column(kinds[j]):
            j += 1
        before = max((rank[k] for k in kinds[:i] if k in rank), default=-1)
        after = min((rank[k] for k in kinds[j:] if k in rank), default=len(DEFAULT_SLOTS))
        gap = [slot for slot in missing if before < rank[slot] < after]
        if j == len(kinds) and not present & {"weight", "score"}:  # (ending a header without points: the columns
            gap = [slot for slot in gap if slot not in ("weight", "score")][:j - i]  # after its last, in order)
        if len(gap) == j - i and (before >= 0 or after < len(DEFAULT_SLOTS)):
            for k, slot in zip(range(i, j), gap, strict=True):
                out[k] = slot
                renamed.append((k, slot))
        i = j
    return out, renamed


def _extra_column(units: list[Unit], at: int, lex: Lexicon) -> bool:
    """An unknown word inside the header row, between columns it knows: a short heading with a known column after
    it, on the row of the one before it; or, where each cell is a line of its own, within the next few units with
    only other such words between."""
    u = units[at]
    if len(u.key) > 12 or _starts_value(u) or lex.level(u.key):
        return False
    same_row = u.row == units[at - 1].row if at else (len(units) > 1 and units[1].row == u.row)
    # (on a header row, any known heading later on it; in a cell per line, within the next few units)
    for v in units[at + 1:at + (12 if same_row else 5)]:
        if same_row and v.row != u.row:
            return False
        if lex.indicator_column(v.key):
            return True
        if not same_row and (len(v.key) > 12 or _starts_value(v) or lex.level(v.key)):
            return False
    return False


def _last_heading(units: list[Unit], at: int, kinds: list[str], lex: Lexicon) -> bool:
    """An unknown word ending the header after its 分值 and 得分 ('说明' where 偏差原因 is printed), or right after
    the 年度指标值 of a header without points or 实际完成值 ('指标值 实施进度', a 绩效目标表's): a short heading
    before another row, or (where rows are not known: a cell per line, a document on one line) before the body's
    first level label."""
    u = units[at]
    if not ({"weight", "score"} <= set(kinds) or kinds[-1:] == ["target"] and not {"actual", "weight", "score"} & set(
            kinds)) or len(u.key) > 12:
        return False
    if _starts_value(u) or lex.level(u.key) or _label_kind(u.key, lex) or (
            len(u.key) >= 2 and u.key in lex.prefixes):
        return False  # (a label's beginning cut in its narrow column, '产出指' before '质量', opens the body)
    if at + 1 >= len(units):
        return False
    after = units[at + 1]
    return bool(lex.level(after.key)) or (u.row == units[at - 1].row and after.row != u.row)


def _is_label(unit: Unit, lex: Lexicon) -> str | None:
    """'level' for a level label (also '(50分)' alone), 'caption' for 绩效指标 or a piece of it."""
    return _label_kind(unit.key, lex)


@lru_cache(maxsize=1 << 14)
def _whole_value(text: str) -> bool:
    """A number with its measure printed after it ('≤198万元', '100.00(%)'): a value whole on its line."""
    measured = _MEASURED.match(fold(text))
    return measured is not None and brackets(text) <= 0 and is_measure(measured.group(1))


@lru_cache(maxsize=1 << 14)
def _label_kind(key: str, lex: Lexicon) -> str | None:
    if key.endswith(SENTENCE_END) and not key.endswith("."):
        return None  # ('进度。': the end of a sentence wrapped onto a line of its own, no label 进度(指标))
    if lex.level(key) or is_points_only(key):
        return "level"
    bare = label_key(key)
    if bare and (CAPTION.startswith(bare) or CAPTION.endswith(bare)) and len(bare) <= 4 and not key.endswith(
            SENTENCE_END):  # ('标。': the end of a sentence wrapped onto a line of its own)
        return "caption"
    if lex.section(key) == "indicators":
        return "caption"  # the table's caption down its first column ('年度绩效指标完成情况')
    return None


@dataclass
class _Anchor:
    weight: int  # index of the 分值 unit in the body (of the 得分 unit where the 分值 cell is blank)
    weight_value: float | None
    score_value: float | None
    size: int = 2  # units it takes: 分值 and 得分, or 分值 (得分) alone in a table row whose 得分 (分值) cell is blank

    @property
    def last(self) -> int:
        """Index of the anchor's last unit (its 得分, or its 分值 when it has none)."""
        return self.weight + self.size - 1


def _percent_weights(body: list[Unit]) -> bool:
    """The table prints its 分值 as a percent ('10% 10', a 权重 column): in most of the places where a row's 分值
    and 得分 stand side by side, the first is a percent no smaller than the points after it."""
    percent = sum(1 for a, b in zip(body, body[1:], strict=False)
                  if a.key[-1:] == "%" and PERCENT_POINTS.match(a.key) and (after := _score_like(b)) is not None
                  and after <= float(a.key[:-1]) <= MAX_POINTS)
    if percent < 2:  # (most tables: the plain pairs are not counted)
        return False
    plain = sum(1 for a, b in zip(body, body[1:], strict=False)
                if (after := _score_like(b)) is not None and (before := _score_like(a)) is not None and after <= before)
    return percent > plain


def _runs(body: list[Unit], percent: bool = False, least: int = 2) -> list[list[tuple[int, float]]]:
    """Runs of `least` (two) or more small numbers in a row: a row's 分值 and 得分 are two of them (`percent`:
    the table prints its 分值 as a percent, '10%', which is then points too)."""
    runs: list[list[tuple[int, float]]] = []
    run: list[tuple[int, float]] = []
    for i, u in enumerate([*body, None]):
        value = _score_like(u) if u is not None else None
        if value is None and percent and u is not None and PERCENT_POINTS.match(u.key):
            value = float(u.key[:-1])
        if value is not None and (not run or not _hard_break(body[run[-1][0]], u)):
            run.append((i, value))
            continue
        if len(run) >= least:
            runs.append(run)
        run = [(i, value)] if value is not None else []
    return runs


CELL_ORDER = ("name", "target", "actual", "weight", "score", "deviation")


def _text_after(header: Header) -> list[str]:
    """The text columns a row prints after its cells and before its 分值 (a header with 偏差原因 before 分值 and
    得分), or after its cells in a table without 分值/得分: a row's last cells before its anchor."""
    if not header.fields or header.fields[-1] not in header.slots:
        return []
    out = []
    for slot in header.slots[header.slots.index(header.fields[-1]) + 1:]:
        if slot == "score" and header.score_only:
            out.append(slot)
            continue
        if slot in ("weight", "score"):
            break
        if slot in ("deviation", "remark"):
            out.append(slot)
    return out


def _by_columns(header: Header, body: list[Unit]) -> bool:
    """A table whose header puts its columns in another order than the national form's (分值 before 年度指标值,
    偏差原因 before 分值 …) and that is a real table (every cell boundary certain, every column of the header
    known): its rows are read cell by cell under the header's columns, not by where 分值 and 得分 stand."""
    order = [slot for slot in header.slots if slot in CELL_ORDER]
    if order == [slot for slot in CELL_ORDER if slot in order]:
        return False
    if not body or not all(u.certain and u.col is not None for u in body) or not all(s in header.cols for s in order):
        return False
    # the columns are the header's (empty cells kept, as a real table keeps them): the 分值 column holds points
    rows = [{u.col: u for u in r} for r in source_rows(body) if len(r) >= 3]
    if "weight" in header.cols:  # (and no value in its 三级指标 column: a row under merged labels that prints
        # none of their cells, its cells shifted left, '开展专题学习 | 20.00 | 3 | 3 | 20.00')
        name = header.cols.get("name")
        fit = sum(1 for r in rows if (u := r.get(header.cols["weight"])) and _score_like(u) is not None
                  and not ((cell := r.get(name)) is not None and _starts_value(cell)))
    else:  # a table without points: its 三级指标 column holds names
        fit = sum(1 for r in rows if (u := r.get(header.cols["name"])) and not _starts_value(u))
    return bool(rows) and fit >= 0.8 * len(rows)


def _cut_short(units: list[Unit], cells: int) -> bool:
    """A table of certain cells whose last line is a plain fragment shorter than a row: a stored page ending
    part-way through the table's last row ('生态' under rows of '|' cells), no sign that the rows are plain text."""
    rows = source_rows(units)
    return (len(rows) > 1 and len(rows[-1]) < cells and not any(u.certain for u in rows[-1])
            and all(u.certain for r in rows[:-1] for u in r))


def _label_rows(units: list[Unit], lex: Lexicon, cells: int, least: int) -> list[list[Unit]]:
    """Rows cut where a level label follows a cell that is none (the labels open the next row); a run of more
    cells than a row has (rows under one merged label print none) is cut where a cell is followed by a value
    (`_value_rows`)."""
    chunks: list[list[Unit]] = [[]]
    before = None
    for u in units:
        kind = _label_kind(u.key, lex)
        if kind == "level" and before is None and chunks[-1]:
            chunks.append([])
        chunks[-1].append(u)
        before = kind
    out = []
    for chunk in chunks:
        labels = next((k for k, u in enumerate(chunk) if _label_kind(u.key, lex) is None), len(chunk))
        content = chunk[labels:]
        if len(content) <= cells:
            out.append(chunk)
            continue
        rows = _line_rows(content, least) or _value_rows(content, cells) or _even_rows(content, least)
        out.append(chunk[:labels] + rows[0])
        out.extend(rows[1:])
    return out


def _line_gap(body: list[Unit]) -> Gap:
    """What a table without points to anchor its rows prints between two cells: where four in five of its printed
    lines hold one piece (a cell per line, or a paragraph: a space inside a line is inside its cell, `BPAA
    算法领域…`), the break most lines open with, else a space."""
    lines = source_rows([u for u in body if not u.certain])
    if not lines or 5 * sum(len(line) == 1 for line in lines) < 4 * len(lines):
        return Gap.SPACE
    gaps = sorted(line[0].gap for line in lines[1:]) or [Gap.LINE]
    return min(gaps[len(gaps) // 2], Gap.BLANK)


def _cells_line(lines: list[list[Unit]], least: int) -> int | None:
    """Where the wrapped lines of a row of flowed text start: after its first line of `least` pieces or more
    (its line of cells; the lines above it hold its labels), where lines follow it (None where none does)."""
    at = next((k for k, line in enumerate(lines) if len(line) >= least), None)
    return at + 1 if at is not None and at + 1 < len(lines) else None


def _line_rows(content: list[Unit], least: int) -> list[list[Unit]]:
    """Text printing a row a line (cells set apart by spaces): each line is a row where every line holds two
    pieces or more; where some hold one, a line of `least` pieces or more (a row's cells), or opening with the
    template's numbering, opens a row and the lines of fewer below it are its cells' wrapped lines (flowed PDF
    text). [] where the first line opens no row (cells a line each)."""
    lines = source_rows(content)
    if len(lines) < 2:
        return []
    if all(len(line) >= 2 for line in lines):
        return lines
    if len(lines[0]) < least:
        return []
    rows: list[list[Unit]] = []
    for line in lines:
        if len(line) >= least or _NUMBERED.match(line[0].key):  # (the template's numbering opens a row too,
            rows.append(list(line))  # its values lost: '指标4.不合格产品处置率')
        else:
            rows[-1].extend(line)
    return rows


def _value_rows(content: list[Unit], cells: int) -> list[list[Unit]]:
    """Consecutive rows of `content` (no labels among it), each a name followed by its value (a target such as
    '≥10个' or a number) and what follows up to the next name: a cell is a name where the cell after it is a
    value and it is none itself (nor a measure word after a number: `280` `人`), at least three cells after the
    row's name (or opening a line after a row with a value), or where it opens a line with the template's
    numbering ('指标2.')."""
    starts = [0]
    for k in range(1, len(content)):
        if content[k].gap >= Gap.LINE and _NUMBERED.match(content[k].key):
            starts.append(k)  # the template's numbering opening a line ('指标4.不合格产品处置率', values lost)
        elif k < len(content) - 1 and not _starts_value(content[k]) and _starts_value(content[k + 1]) and not (
                is_measure(content[k].key) and content[k - 1].key[-1:].isdigit()) and (
                k - starts[-1] >= 3 or content[k].gap >= Gap.LINE
                and any(_starts_value(u) for u in content[starts[-1] + 1:k])):
            # (or, opening a line, after a row that has its name and a value: a row printing its target only,
            # '标准化圈舍面积(平方米) 5000', as a project not yet carried out does)
            starts.append(k)
    if any(b - a > cells for a, b in zip(starts, [*starts[1:], len(content)], strict=False)):
        return []  # no cut the values explain
    return [content[a:b] for a, b in zip(starts, [*starts[1:], len(content)], strict=False)]


def _even_rows(content: list[Unit], size: int) -> list[list[Unit]]:
    """Rows of `size` cells each (a name and its values, no 偏差原因) where `content` holds a whole number of them
    and no row would open with a value ('问题线索处置率 100 100 政务公开工作 及时公开 已公开': the values do not say
    where the second row begins, the count does); else one row, as read before."""
    if size < 1:
        return [content]
    rows = [content[k:k + size] for k in range(0, len(content), size)]
    if len(content) % size or any(_starts_value(row[0]) for row in rows):
        return [content]
    return rows


def _one_per_row(anchors: list[_Anchor], body: list[Unit]) -> list[_Anchor]:
    """Two runs of small numbers on one source row with only numbers between them ('52 10 19.23% 20.00 3.85':
    a target, an actual and a 完成率 before the 分值 and 得分), or a measure ('1 1 次 30 30': the unit Inner
    Mongolia's form prints after the actual), are one row's: no row is named by a number or a measure, so the
    first run holds values, not an anchor. (Where the source does not say where its rows are, a cell per line,
    the two runs stand on lines of their own.)"""
    out = []
    for k, a in enumerate(anchors):
        b = anchors[k + 1] if k + 1 < len(anchors) else None
        if b is not None and (body[a.last].row == body[b.weight].row or not any(
                u.certain for u in body[a.weight:b.last + 1])) and b.weight > a.last + 1 and all(
                number(u.text) is not None or is_measure(u.key) for u in body[a.last + 1:b.weight]):
            continue
        out.append(a)
    return out


def _is_points(unit: Unit) -> bool:
    return points(unit.text) is not None


def _points_pairs(units: list[Unit], i: int, labels: int) -> int:
    """Where a row's cells start after the (word, points) pairs from `i` on that are level labels with their
    points: at most two labels in all, and more of the row after them."""
    k = i
    while labels < 2 and k + 2 < len(units) and not _is_points(units[k]) and _is_points(units[k + 1]):
        labels += 1
        k += 2
    return k


def _bare(row: RawRow) -> bool:
    """A row that printed neither a 年度指标值 nor a 实际完成值 (only its name and points)."""
    return row.target is None and row.actual is None


def _named(row: list[Unit], name_col: int | None) -> bool:
    """A table row with a name of its own in the header's 三级指标 column."""
    return name_col is not None and any(u.col == name_col and u.certain and u.key and not _starts_value(u)
                                        for u in row)


def _row_start(body: list[Unit], at: int) -> int:
    """Index of the first unit on the source row of unit `at`."""
    first = at
    while first > 0 and body[first - 1].row == body[at].row:
        first -= 1
    return first


def _whole_level(key: str, lex: Lexicon) -> bool:
    """A level label printed whole, 指标 and all ('可持续影响指标'; not '质量', which a name may hold)."""
    return "指标" in key and lex.level(key) is not None


def _hard_break(before: Unit, after: Unit) -> bool:
    """A row boundary no run of 分值/得分 crosses: a new table row."""
    return after.row != before.row and after.certain and before.certain and after.col is not None and after.col <= 1


MAX_REST = 4  # characters of a label's rest a narrow column prints on a line below its beginning, at most
MAX_LABEL_CUT = 8  # characters of a level label's beginning, at most, a narrow column prints on its first line
MIN_BLANK_ROWS = 3  # rows after a blank line each that show blank lines part the table's rows

class _Reader:
    def __init__(self, header: Header, lex: Lexicon, ctx: Context) -> None:
        self.header = header
        self.lex = lex
        self.ctx = ctx
        self.fields = header.fields
        # the fewest cells the row's fields print in: a 年度指标值 in parts (指标性质, 指标值, 度量单位) may print as
        # one (`≥95%`) or its operator joined to its number (`≥95` `%`)
        self.least_cells = len(self.fields) - max(sum(1 for f in self.fields if f in COMPOSITE) - 1, 0)
        self.after = _text_after(header)
        self.most_values = len(self.fields) + len(self.after) - 1  # cells a row prints after its name, at most
        self.slot_at = {c: slot for slot, c in header.cols.items()}  # header column -> slot
        self.wrapping = False  # a cell per line, cells wrapping over lines of their own (`rows`)
        self.blank_rows = False  # every row but the first after a blank line (`rows`)
        self.weights_only = False  # the form is not scored yet: its rows print their 分值 and no 得分 (`anchors`)
        self.lines_kept = [0, 0]  # rows of text read so far printed on (one, more) lines (`_split`)
        self.unwrapped = False  # the document prints a long cell on one line: no cell wraps at a column's width
        self._body: list[Unit] = []  # the table's body (`rows`), for what a row is read against
        self._second_labels: bool | None = None
        self.section: list[Unit] = []  # the table's units, its header's too (`read_indicators`)
        self._pairs: frozenset[str] | None = None

    @property
    def second_labels(self) -> bool:
        """The table prints 二级 labels other than a satisfaction name's (found once, when first asked)."""
        if self._second_labels is None:
            self._second_labels = any(_second_level(u.key, self.lex) and "满意度" not in u.key for u in self._body)
        return self._second_labels

    def in_a_word(self, text: str, line: list[Unit]) -> bool:
        """A cell's first line ends inside a word that a piece of its first wrapped line finishes: the two
        ideographs across the cut stand together elsewhere in the table (`12月20日完` / `成`: 完成, printed in
        the header's 实际完成值; not `资金使用合规性` / `成`). Where two cells filled their columns alike, the
        piece is that cell's. The table's pairs are found once, when first asked."""
        last = text.rstrip()[-1:]
        if not IDEOGRAPH.match(last):
            return False
        if self._pairs is None:
            self._pairs = frozenset(a + b for u in self.section for a, b in zip(u.key, u.key[1:], strict=False))
        return any(IDEOGRAPH.match(u.key[:1]) and last + u.key[:1] in self._pairs for u in line)

    # -- a row's cells ------------------------------------------------------------------------------------
    def hint(self, unit: Unit, offset: int) -> str | None:
        """The header slot of a certain cell, by its column (shifted like its row)."""
        if unit.col is None or not unit.certain:
            return None
        return self.slot_at.get(unit.col - offset)

    def prefix(self, units: list[Unit], offset: int | None, row: RawRow) -> float:
        """Labels and cells of a row from the units before its 分值; returns the cut's score."""
        i = 0
        lex = self.lex
        kinds = [_label_kind(u.key, lex) for u in units]
        while i < len(units) and not self.header.level_points:
            u = units[i]
            kind = kinds[i]
            hinted = self.hint(u, offset) if offset is not None else None
            if (hinted in ("level1", "level2") and (kind is None or (kind == "caption" and (
                    self.aligned or u.key == "指标" or u.certain and len(u.key) == 1)))
                    and len(u.key) <= 10 and not _starts_value(u)):
                # what stands in a label column is a label (in aligned text also a piece: '标'; in a cell of its own
                # the last character of a label a page break cut, '服务对象满意度指' / '标', but not the caption
                # 绩效指标 a merged cell prints among the rows; anywhere the rest '指标' of a label cut by a page
                # break, which levels join to the label above)
                kind = "level"
            elif kind == "caption" and u.key == "指标" and (k := self._open_label(row, u)) is not None:
                # the rest of a label of a line above in this row's pieces ('产出 数量' / '指标 指标', a browser's
                # page break between): it finishes that label (on another page, no line of the label's)
                row.labels[k] = joined_label(row.labels[k], self._label(u, None),
                                             lines=not any(v.gap == Gap.PAGE for v in units[1:i + 1]))
                i += 1
                continue
            elif (kind == "caption" and u.key == "指标" and all(label[4][0] == u.row for label in row.labels)
                  and self._rests_line(units, u)):
                kind = "level"  # (levels join it to the label above it)
            elif kind == "level" and hinted in self.fields and _short_label(u.key):
                kind = None  # a word such as '成本' in the 三级指标 column is a piece of a name, not a label
            elif kind == "level" and offset is None and self._name_like_label(u):
                kind = None  # (in a row cut short, where no 分值 places the row's cells)
            elif (kind is None and hinted is None and u.key in lex.prefixes
                  and self._cut_label(u, len(row.labels), kinds[i + 1:].count(None))):
                kind = "level"
            if kind is None:
                break
            remaining = kinds[i + 1:].count(None)
            if (kind == "level" and hinted not in ("level1", "level2")
                    and self.least_cells - 1 <= remaining <= len(self.fields) - 1 + len(self.after)
                    and i + 1 + remaining == len(units) and ("满意度" in u.key and (
                        len(row.labels) >= 2 or _starts_value(units[i + 1])
                        or len(row.labels) == 1 and not u.key.endswith("指标") and not self.second_labels)
                                                    or self.unlabelled)):
                # a name that reads like a label ('服务对象满意度指标 ≥90% 95%', '满意度(%) 90 95' after both
                # labels, its 得分 after it in a table without 分值; '服务对象满意度 满意 满意' after its 一级 label
                # alone, printed without 指标, in a table that prints no other 二级 label; any under a header
                # without label columns):
                # the row needs it as a cell
                break
            if kind == "level":
                if u.col is not None and u.certain:
                    row.slot_cols[u.col] = f"label{len(row.labels)}"
                row.labels.append(self._label(u, hinted))
            i += 1
        if self.header.level_points:
            i = self._labels_with_points(units, row)
        content = units[i:]
        if (len(row.labels) < 2 and len(content) == len(self.fields) + len(self.after) + 1
                and all(u.certain for u in content) and not _short_label(content[0].key)
                and len(label_key(content[0].key)) <= 10):
            # a table row one cell too long, its first cell a label no template lists ('社会效益效益指标', as a
            # form misprints it): that cell is the row's 二级 label
            u = content[0]
            row.labels.append((u.key, "level2", u.text, (u.line, u.line), (u.row, u.row + u.span - 1)))
            content = content[1:]
        if not content:
            return -3.0 * len(self.fields)
        return self.cells(content, offset, row)

    def _rests_line(self, units: list[Unit], u: Unit) -> bool:
        """`u`'s line holds the rests of labels a page break cut from their beginnings ('产出' / '指标', rows of
        their span between): a line of such rests only, above the row's own line, or the line opening a page."""
        line = [v for v in units if v.row == u.row]
        return u.row < units[-1].row and all(v.key in self.lex.suffixes for v in line) or line[0].gap == Gap.PAGE

    def _open_label(self, row: RawRow, u: Unit) -> int | None:
        """The first of the row's labels printed on a line above `u` that `u` (`指标`) finishes: `产出`, not
        `产出指标`."""
        return next((k for k, (key, *_, rows) in enumerate(row.labels) if rows[1] < u.row
                     and not key.endswith(u.key) and self.lex.level(key + u.key)), None)

    def _label(self, u: Unit, hint: str | None) -> Label:
        """A label printed on a row; in printed lines (`vertical`), a label set down its column a character per
        line (`join_vertical_labels`) stands on all its lines."""
        lines = (u.line, u.line + u.span - 1) if u.span > 1 and self.vertical else (u.line, u.line)
        return u.key, hint, u.text, lines, (u.row, u.row + u.span - 1)

    def _cut_label(self, u: Unit, labels: int, cells_after: int) -> bool:
        """A label's beginning cut in its narrow column of flowed text, before a row's full set of cells (`质量指
        人才评审质量 达到市人才办 达成指标` / `标 工作要求 0`, `满意 服务对 …`): a label, its rest on the line below
        (`_label_rests`), not the row's name."""
        return (labels < 2 and not u.certain and not self.unlabelled and cells_after >= len(self.fields)
                and 2 <= len(u.key) <= MAX_LABEL_CUT and u.key in self.lex.prefixes
                and label_key(u.key) not in self.lex.words)

    def _labels_with_points(self, units: list[Unit], row: RawRow) -> int:
        """Under a header that gives the levels points columns, the row's labels are the words followed by
        points with more of the row after them ('项目决策 | 20 | 项目目标 | 4 | 目标内容'), whether a template lists
        them or not; a word a template lists as a label with no points after it is the row's 三级指标. Of two,
        the first is the 一级 label; one alone is the 一级 label where the templates know it as one, else the
        二级. Returns where the row's cells start."""
        k = _points_pairs(units, 0, 0)
        pairs = units[0:k:2]
        for n, u in enumerate(pairs):
            top = len(pairs) == 2 and n == 0 or len(pairs) == 1 and self.lex.level(u.key) in self.lex.levels
            row.labels.append((u.key, "level1" if top else "level2", u.text, (u.line, u.line),
                               (u.row, u.row + u.span - 1)))
        return k

    def cells(self, content: list[Unit], offset: int | None, row: RawRow) -> float:
        fields = self.fields
        certain = all(u.certain for u in content)
        if certain and offset is not None and self.header.cols:
            by_slot: dict[str, list[Unit]] = {}
            ok = True
            for u in content:
                slot = self.hint(u, offset)
                if slot not in fields and not (self.aligned and slot == "deviation"):
                    ok = False
                    break
                by_slot.setdefault(slot, []).append(u)
            # (a row's first cell text under 年度指标值 and none under 三级指标: the row lost a value cell, not
            # its name, and its 分值 stands left of the header's: 'name | 3 | 30 | 30' under merged labels)
            first = by_slot.get("target", [None])[0]
            if ok and "name" in fields and "name" not in by_slot and first is content[0] and not (
                    _starts_value(first) or is_dash(first.key)):
                ok = False
            if ok:
                texts = {s: tidy(us[0].text if len(us) == 1 else " ".join(u.text for u in us))
                         for s, us in by_slot.items()}
                self._assign(row, {s: t for s, t in texts.items() if s in fields})
                if set(texts) - set(fields):
                    self._after_cells(row, {s: t for s, t in texts.items() if s not in fields})
                row.slot_cols.update({u.col: s for s, us in by_slot.items() for u in us if u.col is not None})
                row.short = False
                return 2.0
        after = self.after
        if certain and after and len(fields) < len(content) <= len(fields) + len(after):
            # what follows the cells before 分值 (or in a table without 分值/得分) is the 偏差原因 (and 备注)
            self._assign(row, {s: tidy(u.text) for s, u in zip(fields, content, strict=False)})
            texts = dict(zip(after, (tidy(u.text) for u in content[len(fields):]), strict=False))
            self._after_cells(row, texts)
            return 2.0
        if certain and len(content) == len(fields):
            self._assign(row, {s: tidy(u.text) for s, u in zip(fields, content, strict=True)})
            row.slot_cols.update({u.col: s for s, u in zip(fields, content, strict=True) if u.col is not None})
            return 2.0
        if certain and len(content) < len(fields):
            # blank cells show where a cell is missing; without them the last cell is 实际完成值 (or, in a table
            # with a 得分 column and no 分值, its score when it is a number)
            if self._lone_score(row, [u.text for u in content]):
                content = content[:-1]
            slots = self._slots_by_blanks(content, row.after_last)
            if set(COMPOSITE) & set(fields) and not any(u.empties for u in content[1:]):
                # no blank cell shows where the row is short: its cells fit the target's parts by their shapes
                # (a qualitative row's '有效 | 有效' are its target and its actual, not two parts of the target)
                slots = fit_slots([u.text for u in content], fields)
            self._assign(row, {s: tidy(u.text) for s, u in zip(slots, content, strict=True)})
            row.slot_cols.update({u.col: s for s, u in zip(slots, content, strict=True) if u.col is not None})
            row.short = len(content) < len(fields) and "target" not in slots and not set(COMPOSITE) & set(slots)
            return 0.0
        pieces = [Piece(u.text, u.line, _gap(u, self.separator, self.wrapping) if k else NEWLINE)
                  for k, u in enumerate(content)]
        for k, u in enumerate(content):
            pieces[k].on_score_line = u.row == self._score_row and (k == 0 or content[k - 1].row != u.row)
        cut = split_cells(pieces, (*fields, *after))
        if "deviation" in after and self.header.unscored and len(pieces) > len(fields):
            # (in a table without points nothing ends a row's cells before its 偏差原因, which most rows leave
            # blank: the row's cells without one, where they cut better — '≥1 次 | 2 次', not '≥1 | 次 | 2 次')
            bare = split_cells(pieces, tuple(s for s in (*fields, *after) if s != "deviation"))
            cut = bare if bare.score >= cut.score else cut
        texts = [cell_text(c) for c in cut.cells]
        if after and len(texts) > len(fields):
            self._after_cells(row, dict(zip(after, texts[len(fields):], strict=False)))
            texts = texts[:len(fields)]
        elif self._lone_score(row, texts):
            texts = texts[:-1]
        values_line = content[0].line != content[-1].line
        for slot, cell in zip(fields, cut.cells, strict=False):
            on_line = [p.text for p in cell if p.line == content[-1].line]
            if on_line:
                row.first_widths[slot] = _line_width("".join(on_line))
                if len(on_line) == 1 and on_line[0].isascii() and brackets(on_line[0]) <= 0:
                    row.atomic.add(slot)  # (a bracket left open goes on: '10600.00(' '万人次)')
                values_line = values_line and slot != "name" and all(
                    _VALUE_FIRST.match(fold(t)) and brackets(t) <= 0 for t in on_line)
        row.values_line = values_line and bool(row.first_widths)
        slots = fields[:len(texts)]
        if len(texts) < len(fields) and (set(COMPOSITE) & set(fields) or any(f.startswith("extra") for f in fields)):
            slots = fit_slots(texts, fields)
        elif len(texts) < len(fields) and len(texts) == 2 and "target" in fields and not row.after_last:
            slots = ("name", "target") if OPERATOR_START.match(texts[1] or "") else ("name", "actual")
            row.short = slots[1] == "actual"
        self._assign(row, dict(zip(slots, texts, strict=False)))
        row.sure = min(row.sure, margin_confidence(cut.score, cut.runner_up))
        return cut.score

    _score_row: int = -1
    ends_form: bool = False  # the form ends inside the table: a short row after the last 分值 is the cut one
    separator: Gap = Gap.SPACE
    aligned: bool = False  # the body is column-aligned plain text (its cells wrap onto the next lines)
    split_sure: float = 1.0  # confidence of the last cut between a row's 偏差原因 and the next row

    @property
    def unlabelled(self) -> bool:
        """The header has no 一级 or 二级 column (nor their points): a row's first word is its 三级指标."""
        return not {"level1", "level2"} & set(self.header.slots) and not self.header.level_points

    @property
    def vertical(self) -> bool:
        """Rows are printed lines with their cells side by side (plain text wrapped over lines, not a table)."""
        return self.separator < Gap.LINE and self.aligned

    def _slots_by_blanks(self, content: list[Unit], in_order: bool = False) -> tuple[str, ...]:
        """The slots of a row's cells by the blank cells between them; `in_order`: a row after the table's last
        分值, or cut off by the document's end, prints its cells in the form's order (a lone value is its
        年度指标值)."""
        fields = list(self.fields)
        slots: list[str] = []
        pos = 0
        for k, u in enumerate(content):
            pos += u.empties if k else 0
            left = len(content) - k - 1
            pos = min(pos, len(fields) - 1 - left)
            slots.append(fields[pos])
            pos += 1
        if (len(content) == 2 and len(fields) == 3 and slots == ["name", "target"] and not content[1].empties
                and not OPERATOR_START.match(content[1].key) and not in_order):
            slots = ["name", "actual"]  # a lone value is what was achieved, unless it is a target ('≥90%')
        return tuple(slots)

    def _lone_score(self, row: RawRow, texts: list[str | None]) -> bool:
        """A row short of cells in a table with a 得分 column and no 分值 ('群众出行条件 20'): a last cell that is
        points is its score. Sets it; returns whether it did."""
        if not self.header.score_only or len(texts) < 2 or len(texts) > len(self.fields) or row.after_last:
            return False  # (a row printing its cells in the form's order starts its values with the target)
        value = _score_like_text(texts[-1])
        if value is None:
            return False
        row.score = value
        return True

    @staticmethod
    def _after_cells(row: RawRow, texts: dict[str, str | None]) -> None:
        """The cells after a row's 实际完成值 in a table without a 分值 column: its 偏差原因, its 得分."""
        row.deviation = texts.get("deviation")
        if "score" in texts:
            row.score = _score_like_text(texts["score"])

    def _assign(self, row: RawRow, cells: dict[str, str | None]) -> None:
        if any(s in cells for s in COMPOSITE):
            kind = cells.get("target_kind") or ""
            kind = _CODE.sub("", kind).strip()
            value, unit = cells.get("target_value") or "", cells.get("target_unit") or ""
            if kind in _NATURES or _CODE.match(f"{kind}{value}") and len(kind) <= 3 and kind.isdecimal():
                # (定性, 定量: the indicator's nature, no part of its value: '明显改善', not '定性明显改善'; an
                # operator's code whose operator went on the number, '004' '≥20': the code)
                kind = ""
            target = tidy(f"{kind}{value}{unit}") if (kind or value) else None
            cells = {**cells, "target": target}
        row.name = cells.get("name")
        row.target = cells.get("target")
        row.actual = cells.get("actual")

    # -- rows ---------------------------------------------------------------------------------------------
    def anchors(self, body: list[Unit]) -> list[_Anchor]:
        """Each row's 分值 and 得分: the last two of a run of small numbers — unless the run is longer and the
        table tells which two they are: in a table row that stands under the header (its 三级指标 in the
        header's column), the two under the header's 分值 and 得分; where the table prints every 分值 and 得分
        with the same decimals ('20.00'), the last two so printed (a 偏差原因 printed '0' is no score); after
        a target met and full points ('100 100 10 10 0'), a last '0' is the 偏差原因 too."""
        cols = self.header.cols
        under = (cols.get("weight"), cols.get("score"))
        weights_only = self.weights_only and not self._pairs_printed(body)
        if weights_only and not all(u.certain for u in body):
            return self._weights_alone(body)
        runs = _runs(body, _percent_weights(body))
        styles = Counter((decimals(body[r[0][0]].text), decimals(body[r[1][0]].text)) for r in runs if len(r) == 2)
        style = styles.most_common(1)[0][0] if styles else None
        places = style[0] if style and style[0] == style[1] and style[0] > 0 else None
        out = []
        read = set()  # units of the runs read here (the others' 分值 stand alone)
        if (cut := self._cut_at_weight(body, runs)) is not None:
            out.append(cut)
            read.add(cut.weight)
        for run in runs:
            if weights_only:  # (not scored yet: the run's number under 分值, or its last, is the 分值)
                at, value = next(((i, v) for i, v in run if self._under_weight(body[i])), run[-1])
                out.append(_Anchor(at, value, None, 1))
                read.update(i for i, _ in run)
                continue
            if self._cut_after_weight(body, run):
                out.append(_Anchor(run[-1][0], run[-1][1], None, 1))
                read.update(i for i, _ in run)
                continue
            if all(self._off_points(body[i]) for i, _ in run) and self._under_header(body, run[0][0]):
                read.update(i for i, _ in run)
                continue  # a table row's numbers in its other columns (its 分值 and 得分 cells empty): no points
            pairs = list(zip(run, run[1:], strict=False))
            pick = pairs[-1]
            if None not in under and self._under_header(body, run[0][0]):
                pick = next((p for p in pairs if (body[p[0][0]].col, body[p[1][0]].col) == under
                             and body[p[0][0]].certain and body[p[1][0]].certain), None)
                if pick is None and (self._no_score(body, run) or self._score_alone(body, run[-1][0])):
                    continue  # its 分值 stands in the run, its 得分 cell holds no score (or its 得分 stands in the
                    # run, its 分值 cell blank): a lone anchor
                pick = pick or pairs[-1]
            elif len(pairs) > 1 and places is not None:
                pick = next((p for p in reversed(pairs)
                             if decimals(body[p[0][0]].text) == places == decimals(body[p[1][0]].text)), pick)
            elif len(run) >= 5 and run[-1][1] == 0 and run[-5][1] == run[-4][1] and run[-3][1] == run[-2][1] > 0:
                pick = pairs[-2]  # target met ('100 100'), full points ('10 10'): the '0' after them is a 偏差原因
            (w, wv), (_, sv) = pick
            out.append(_Anchor(w, wv, sv))
            read.update(i for i, _ in run)
        return sorted(_one_per_row(out, body) + self._lone_points(body, read), key=lambda a: a.weight)

    def _off_points(self, unit: Unit) -> bool:
        """A table's cell in a column the header gives to another cell than 分值 or 得分 (a bare-number
        实际完成值, `1`)."""
        return unit.certain and self.slot_at.get(unit.col) not in (None, "weight", "score")

    @staticmethod
    def _pairs_printed(body: list[Unit]) -> bool:
        """Half the rows or more end in a 分值 and a 得分 no greater, printed alike ('10.00 9.50'): the form is
        scored after all (a 总分 row whose 分值 cell is blank and whose 得分 is 100)."""
        runs = _runs(body, least=1)
        pairs = sum(1 for run in runs if len(run) >= 2 and run[-1][1] <= run[-2][1]
                    and decimals(body[run[-1][0]].text) == decimals(body[run[-2][0]].text) > 0)
        return pairs >= max(2, len(runs) / 2)

    def _weights_alone(self, body: list[Unit]) -> list[_Anchor]:
        """A form not scored yet, in text that kept no blank cell (its 总分 row prints the 分值's 100 alone): each
        row ends at its 分值, the last of its run of small numbers (`100 100 10`: target, actual, 分值), where
        the row holds a cell besides its labels before it (a target printed as a bare number, `3`, right
        after its name, is no 分值)."""
        out: list[_Anchor] = []
        for run in _runs(body, _percent_weights(body), least=1):
            at = run[-1][0]
            after = body[at + 1] if at + 1 < len(body) else None
            if (after is not None and after.row == body[at].row and after.gap <= Gap.WIDE and is_measure(after.key)
                    and "." not in body[at].key):
                continue  # a whole number and its measure word a space apart ('8 次'): a value, no 分值 ('8.00
                # 万核小时' is a 分值 and a 偏差原因 that names a unit)
            start = out[-1].weight + 1 if out else 0
            if sum(1 for u in body[start:at] if _is_label(u, self.lex) != "level") >= 2:
                out.append(_Anchor(at, run[-1][1], None, 1))
        return out

    def _cut_at_weight(self, body: list[Unit], runs: list[list[tuple[int, float]]]) -> _Anchor | None:
        """In text, the table's last row cut off inside or right after its points (a stored page ending
        part-way), read by where its numbers stand and, where the rows above print every 分值 and 得分 alike
        ('20.00'), by how they are printed: its last two are its 分值 and 得分 where as many cells stand before
        them as a row prints before its 分值 and the first is printed so; else its last number is its 分值 alone
        (its 得分 cut off) where that many stand before it and it is printed so, or cut after its point ('开展专题
        学习 3 3 20.00', '五四活动 1 1 20.': not the 得分 20.00 of a 分值 3); else its numbers are its values
        ('问题线索处置率 100 100', '培训人员满意率 80 8', '年终预算执行率 ≥90(%) 99.49': cut before its points).
        Returns the lone 分值's anchor; the run it takes or leaves as values is dropped from `runs`."""
        last = len(body) - 1
        if (not self.ends_form or last < 0 or body[last].certain or "weight" not in self.header.slots
                or (value := _score_like(body[last])) is None):
            return None  # (under a header naming no 分值, a number alone is a value: '新增就业岗位 ≥50 58')
        run = next((r for r in runs if r[-1][0] == last), [(last, value)])
        # the row starts after the runs above, and on its printed line where a line holds a row's cells (not the
        # row above's 偏差原因 or wrapped pieces on the lines between; not a cell per line)
        start = after = max((r[-1][0] for r in runs if r[-1][0] != last), default=-1) + 1
        first = run[0][0]  # (the line of the row's first number: its rests may wrap onto lines below, '10.0' / '0')
        if (line := _row_start(body, first)) < first:  # (the number shares its line with cells before it)
            start = max(start, line)
        seen = sum(1 for u in body[after:start] if _is_label(u, self.lex) == "level")  # (labels on lines above)
        printed = {decimals(body[i].text) for r in runs if r[-1][0] != last for i, _ in r[-2:]}
        places = printed.pop() if len(printed) == 1 else 0
        if (len(run) >= 2 and self._cells_from(body, start, run[-2][0], seen) >= self.least_cells
                and (not places or decimals(body[run[-2][0]].text) == places)):
            return None  # (its 分值 and 得分 both printed)
        above = max((r for r in runs if r[-1][0] != last), key=lambda r: r[-1][0], default=None)
        runs[:] = [r for r in runs if r[-1][0] != last]
        shown = decimals(body[last].text)
        cells = self._cells_from(body, start, last, seen)
        # a whole number may be a 分值 cut before its point ('15' of 15.00) where the cells before it are a row's
        # exactly and the row above scored in full (no 偏差原因 of its own counted among them)
        cut_whole = (len(run) == 1 and "." not in body[last].text and cells == self.least_cells
                     and above is not None and len(above) >= 2 and above[-1][1] == above[-2][1] > 0)
        if cells >= self.least_cells and (
                not places or shown == places or "." in body[last].text and shown < places or cut_whole):
            return _Anchor(last, value, None, 1)
        return None

    def _cells_from(self, body: list[Unit], start: int, end: int, seen: int = 0) -> int:
        """The cells of a row's units body[start:end] past the level labels that open it (as many as the header
        has label columns, less the `seen` printed on lines above: a name after them may read like a label,
        '服务对象满意度')."""
        labels = sum(1 for slot in ("level1", "level2") if slot in self.header.slots) - seen
        k = start
        while k < end and k - start < labels and _is_label(body[k], self.lex) == "level":
            k += 1
        return end - k

    def _cut_after_weight(self, body: list[Unit], run: list[tuple[int, float]]) -> bool:
        """The form's last table row, cut off right after its 分值 (a stored page ending part-way): a row of
        certain cells whose cells before its last number are as many as a row has before its 分值 ('滿意度 | ≥ |
        95 | % | 95 | 10.00': the 10.00 is its 分值, not the 得分 of a 分值 95)."""
        last = run[-1][0]
        if not self.ends_form or len(run) < 2 or last != len(body) - 1:
            return False
        first = _row_start(body, last)
        labels = 0  # (its 一级 and 二级 labels; a name may read like a label: '满意度')
        while labels < 2 and first + labels < last and _is_label(body[first + labels], self.lex) == "level":
            labels += 1
        return (all(u.certain for u in body[first:]) and run[0][0] > first
                and last - first - labels == len(self.fields))

    def _no_score(self, body: list[Unit], run: list[tuple[int, float]]) -> bool:
        """A run of numbers in a certain table row ('100 100 20': target, actual, 分值) with one in the header's
        分值 column and nothing that is a score in its 得分 column — in a row that stands in the header's columns:
        its first cell, a level label, in a label column (or a name that reads like one in the 三级指标 column),
        else in the 三级指标 column, and each of its cells under a heading (a row shifted a column left, or one
        without the spacer column the header keeps after 三级指标, prints its 分值 and 得分 under 得分 and 分值)."""
        cols = self.header.cols
        at = next((i for i, _ in run if self._under_weight(body[i])), None)
        if at is None:
            return False
        first = _row_start(body, at)
        places = ("level1", "level2", "name") if _is_label(body[first], self.lex) else ("name",)
        if body[first].col not in {cols.get(slot) for slot in places}:
            return False
        if any(body[k].col not in self.slot_at for k in range(first, at)):
            return False
        after = body[at + 1] if at + 1 < len(body) else None
        return after is None or after.row != body[at].row or _score_like(after) is None

    def _lone_points(self, body: list[Unit], read: set[int]) -> list[_Anchor]:
        """Rows of a real table whose 得分 cell is blank or holds no score ('—', '不适用'): the 分值 alone, in the
        header's 分值 column of a certain table row, anchors the row (its 得分 is then none, with a warning)."""
        cols = self.header.cols
        weight, score = cols.get("weight"), cols.get("score")
        if weight is None or score is None or score < weight:
            return []
        beyond = min((c for c in cols.values() if c > score), default=score + 1)  # the column after 得分's
        out = []
        for i, u in enumerate(body):
            if i in read or (value := _score_like(u)) is None:
                continue
            if self._score_alone(body, i):
                out.append(_Anchor(i, None, value, 1))
                continue
            if not self._under_weight(u):
                continue
            after = body[i + 1] if i + 1 < len(body) else None
            # (the 得分 cell's own text, '—', is the anchor's: it is no 偏差原因)
            taken = (after is not None and after.row == u.row and after.certain and after.col is not None
                     and weight < after.col < beyond)
            out.append(_Anchor(i, value, None, 2 if taken else 1))
        return out

    def _score_alone(self, body: list[Unit], at: int) -> bool:
        """A certain cell in the header's 得分 column of a row whose 分值 cell is blank (a form whose filler scored
        the rows and left the 分值 column empty): the row's 得分 alone, no 分值 of a pair with the number before it
        (before: '85.6% | | 10.00' read as 分值 85.6, '20000亩 | | 15.00' as one 实际完成值 '20000亩15.00')."""
        u = body[at]
        weight, score = self.header.cols.get("weight"), self.header.cols.get("score")
        if not u.certain or weight is None or score is None or u.col != score or score < weight:
            return False
        first = _row_start(body, at)
        return not any(self._under_weight(v) for v in body[first:at]) and body[first].col is not None and (
            body[first].col <= self.header.cols.get("name", weight))

    def _under_weight(self, unit: Unit) -> bool:
        """A certain cell in the header's 分值 column: the header column nearest its own (a PDF numbers its
        columns by its rules' positions, and a page's rules may stand a little apart from the header's page)."""
        weight = self.header.cols.get("weight")
        if not unit.certain or unit.col is None or weight is None:
            return False
        if unit.col == weight:
            return True
        off = abs(unit.col - weight)
        return all(abs(unit.col - c) > off for slot, c in self.header.cols.items() if slot != "weight")

    def _under_header(self, body: list[Unit], at: int) -> bool:
        """The certain table row of unit `at` has its first cell that is no label in the header's 三级指标 column."""
        return self._names_column(body[_row_start(body, at):at])

    def _names_column(self, row: list[Unit]) -> bool:
        """The first of these cells of a row that is no label is a certain cell in the header's 三级指标 column (or
        one that reads like a label, not a whole one, stands there: a name '服务对象满意度')."""
        col = self.header.cols.get("name")
        name = next((u for u in row if (_is_label(u, self.lex) is None or self._name_like_label(u)) and not (
            self.aligned and u.box is None and self.slot_at.get(u.col) in ("level1", "level2"))), None)
        # (in column-aligned text a label's piece stands in its label's column: '社会效益指' / '标'; a PDF's
        # columns, found from its text's places, are not as sure; a value there is a row whose cells are shifted,
        # its merged labels' cells left out: '服务对象满意度 | 3.00 | ≥85%' under 一级 二级 三级 分值)
        return (name is not None and name.certain and name.col is not None and name.col == col
                and not (_whole_value(name.text) or number(name.text) is not None))

    def _name_like_label(self, u: Unit) -> bool:
        """A table's cell in the header's 三级指标 column that reads like a label, not a whole one: a name
        ('满意度', '服务对象满意度')."""
        return (u.certain and u.col is not None and u.col == self.header.cols.get("name")
                and not _whole_level(u.key, self.lex))

    def rows(self, body: list[Unit]) -> list[RawRow]:
        self._body, self._second_labels = body, None
        anchors = [] if self.header.score_only or self.header.points_blank else self.anchors(body)
        gaps = sorted(body[a.last].gap for a in anchors if not body[a.last].certain)
        self.separator = gaps[len(gaps) // 2] if gaps else _line_gap(body)
        self.wrapping = self.separator == Gap.LINE and self._wraps(body, anchors)
        self.blank_rows = len(anchors) > MIN_BLANK_ROWS and all(
            body[_row_start(body, a.weight)].gap >= Gap.BLANK for a in anchors[1:])
        out: list[RawRow] = []
        start = 0
        prev: RawRow | None = None
        prev_score_unit: Unit | None = None
        pages = list(accumulate(u.gap == Gap.PAGE for u in body)) if any(u.gap == Gap.PAGE for u in body) else None
        for a in anchors:
            between = body[start:a.weight]
            self._score_row = body[a.weight].row
            row = RawRow(weight=a.weight_value, score=a.score_value, page=pages[a.weight] if pages else 0)
            slots = ("weight", "score") if a.weight_value is not None else ("score",)
            for k, slot in enumerate(slots[:a.size]):
                if body[a.weight + k].col is not None:
                    row.slot_cols[body[a.weight + k].col] = slot
            offset = self._offset(body[a.weight], a.weight_value is None)
            self.split_sure = 1.0
            dev, pieces_prev, prefix = self._split(between, prev, prev_score_unit, body[a.weight], offset)
            dev, moved = self._off_deviation(dev)
            prefix = moved + prefix
            if not prefix and prev is not None and prev.wraps and (
                    a.weight == 0 or body[a.weight - 1].row != body[a.weight].row):
                prefix = self._row_above_values(prev)
            elif prefix and prev is not None and prev.wraps and _starts_value(prefix[0]) and "name" in self.fields:
                prefix = self._name_above(prev) + prefix
            row.sure = self.split_sure
            if prev is not None:
                self._finish(prev, dev, pieces_prev)
            if not prefix:
                self.ctx.choose("分值/得分小计行", [(f"{a.weight_value or 0:g} / {a.score_value or 0:g}", 0.0)],
                                body[a.weight].line)
                start = a.last + 1
                continue  # a block subtotal ('90.00 | 90.00'), not an indicator
            parts = self._parts_below_bare(prefix, prev)
            wholes = self._whole_rows(prefix[sum(len(p) for p in parts):])
            for whole in parts + wholes[:-1]:
                extra = RawRow(line=whole[0].line, row=whole[-1].row, part=any(whole is p for p in parts))
                self.prefix(whole, None, extra)
                out.append(extra)
            prefix = wholes[-1] if wholes else prefix
            row.line = prefix[0].line if prefix else body[a.weight].line
            row.row = body[a.weight].row
            row.last_line = body[a.last].line
            if (prev is not None and prefix and not prefix[0].certain and len(prefix[0].key) <= MAX_REST
                    and not self.unlabelled):
                prefix = self._rests_above(prev, prefix)
            self.prefix(prefix, offset, row)
            if prefix and all(u.box for u in prefix):  # (where the reader placed them: a flowed text packs its
                row.left = min(u.x for u in prefix)  # wrapped lines to the left, whatever their columns)
            out.append(row)
            prev, prev_score_unit = row, body[a.last]
            start = a.last + 1
        tail = body[start:]
        if prev is not None:
            dev, pieces_prev, rest = self._split(tail, prev, prev_score_unit, None, None)
            dev, moved = self._off_deviation(dev)
            rest = moved + rest
            self._finish(prev, dev, pieces_prev)
        else:
            rest = tail
        wholes = self._whole_rows(rest, anchored=False) if rest else []
        # a table without points none of whose rows prints more than one value (a project not carried out,
        # its 年初目标值 alone filled in): each row's value is its target, the first of its value columns
        values = [sum(1 for u in whole if _starts_value(u)) for whole in wholes]
        first_only = not anchors and self.header.unscored and max(values, default=0) == 1 and values.count(1) >= 2
        trailing: list[Unit] = []  # whole level labels on the lines right after the table's last row
        for whole in wholes:
            content = [u for u in whole if _is_label(u, self.lex) is None or self._name_like_label(u)]
            if not content and trailing is not None and all(_whole_level(u.key, self.lex) for u in whole):
                trailing.extend(whole)
                continue
            trailing = None
            if not content and prev is not None and self._rest_of_labels(prev, whole):
                continue  # the rest of the last row's label, cut below it ('经济成本指' / '标')
            if not content or all(_PLACEHOLDER.match(u.key) for u in content):
                continue
            if self.ends_form and whole is wholes[-1] and len(content) == len(whole) and all(
                    u.key in self.lex.prefixes for u in whole):
                continue  # the start of the next row's label, cut off with the page ('生态' of 生态效益指标)
            # (in a table without points, the row the document's end cut off prints its cells in order too)
            cut_off = self.ends_form and whole is wholes[-1]
            row = RawRow(line=whole[0].line, row=whole[-1].row,
                         after_last=not self.header.unscored or cut_off or first_only)
            if not self.header.unscored and len(content) > len(self.fields) and (
                    value := _score_like(whole[-1])) is not None and not (
                    self._off_points(whole[-1]) and self._names_column(whole)):
                row.weight, whole = value, whole[:-1]  # cut short after its 分值: that is its last cell
            below: list[Unit] = []
            if self.aligned and (at := next((u.line for u in whole if self.hint(u, 0) == "name"), None)):
                # (its cells' wrapped lines, below its name's first line: joined by column, as a row's with points)
                below = [u for u in whole if u.line > at]
                whole = [u for u in whole if u.line <= at]
            elif (not anchors and not whole[0].certain and self.separator < Gap.LINE
                  and (at := _cells_line(lines := source_rows(whole), len(self.fields)))):
                # (flowed text, no points in the table: the lines below the row's line of cells are its cells'
                # wrapped lines, given to its cells by their columns' widths, as a row's with points)
                whole, row.wraps = [u for line in lines[:at] for u in line], lines[at:]
            self.prefix(whole, 0 if self.aligned or self._in_columns(whole) else None, row)
            if below:
                self._finish(row, [], below)
            out.append(row)
        if trailing and anchors and not (self.ends_form and trailing[-1] is self._body[-1]):
            # (whole labels that end a document cut short are the next row's, cut off after them: no row's)
            self._labels_below(out, trailing)
        self.unwrap(out)
        return [r for r in out if not _placeholder(r)]

    def _in_columns(self, whole: list[Unit]) -> bool:
        """A table row of certain cells that stands in the header's columns — its last cell in the header's last
        column, its name in its 三级指标 column (`_names_column`) —, so a label in the 二级 column is a 二级 label
        ('| | 满意度 | 参培学员满意度 | 95% | 88% |' under an empty 一级 cell); not a row under merged labels that
        prints fewer cells, its columns shifted."""
        cols = self.header.cols
        return (bool(cols) and all(u.certain and u.col is not None for u in whole)
                and whole[-1].col == max(cols.values()) and self._names_column(whole))

    def _labels_below(self, rows: list[RawRow], trailing: list[Unit]) -> None:
        """Labels centred in their rows' height that a PDF's text prints on a line of their own below each row's
        first line (pdfplumber: `保障公务外出次数 … 20.00 20.00` / `数量指标` / `年终预算执行率 …` /
        `产出指标 质量指标`): the table shows it where its first row has no label line above it and whole labels
        follow its last row. Each row then takes the labels of the line below it, the last row those after it.
        Elsewhere (labels printed where they stand) the labels after the last row are its, set below its first
        line (a table without rules: `成本指标` centred beside the last row's three-line cells)."""
        lines = [[lab for lab in r.labels if r.row is not None and lab[4][0] < r.row] for r in rows]
        if not rows or lines[0] or any(len(own) != len(r.labels) for own, r in zip(lines[1:], rows[1:], strict=True)):
            if rows:  # (labels on the row's own line, or on a line above the first row: printed where they stand)
                rows[-1].labels += [self._label(u, self.hint(u, 0) if self.aligned else None) for u in trailing]
            return
        for r, below in zip(rows, [*lines[1:], [(u.key, None, u.text, (u.line, u.line), (u.row, u.row))
                                               for u in trailing]], strict=True):
            r.labels = below

    def grid_rows(self, body: list[Unit]) -> list[RawRow]:
        """Rows of a table read by columns (`_by_columns`): each source row's cells go to the header's slot of
        their column; a row with neither 三级指标 nor values (a block subtotal) is read past."""
        out: list[RawRow] = []
        for cells in source_rows(body):
            row = RawRow(line=cells[0].line, row=cells[0].row, last_line=cells[-1].line)
            texts: dict[str, list[str]] = {}
            for u in cells:
                slot = self.slot_at.get(u.col) if u.col is not None else None
                if slot in ("level1", "level2"):
                    row.slot_cols[u.col] = f"label{len(row.labels)}"
                    row.labels.append((u.key, slot, u.text, (u.line, u.line), (u.row, u.row + u.span - 1)))
                elif slot in CELL_ORDER:
                    texts.setdefault(slot, []).append(u.text)
                    row.slot_cols[u.col] = slot
            for slot in ("weight", "score"):
                value = number(" ".join(texts.pop(slot, [])))
                setattr(row, slot, value if value is not None and 0 <= value <= MAX_POINTS else None)
            joined = {slot: tidy(" ".join(parts)) for slot, parts in texts.items()}
            row.deviation = joined.pop("deviation", None)
            self._assign(row, joined)
            if row.name is None and row.target is None and row.actual is None:
                if row.weight is not None or row.score is not None:
                    self.ctx.choose("分值/得分小计行", [(f"{row.weight} / {row.score}", 0.0)], row.line)
                elif out and row.deviation:  # the rest of the row above's 偏差原因, past a page break
                    out[-1].deviation = tidy(join(out[-1].deviation or "", row.deviation))
                continue
            if out and not row.labels and row.weight is None and row.score is None and not (row.target or row.actual):
                # the rest of the row above, cut by a page break: its 三级指标 and 偏差原因 continue
                above = out[-1]
                above.name = tidy(join(above.name or "", row.name or ""))
                above.deviation = tidy(join(above.deviation or "", row.deviation or "")) or None
                above.last_line = row.last_line
                continue
            out.append(row)
        return out

    def _offset(self, weight_unit: Unit, score: bool = False) -> int | None:
        """How far this row's columns are shifted against the header's, when that can be trusted: the row's
        分值 (`score`: its 得分, the 分值 cell blank) stands under the header's, or the header has no blank spacer
        columns a row could lack."""
        col = self.header.cols.get("score" if score else "weight")
        if col is None or weight_unit.col is None or not weight_unit.certain:
            return None
        offset = weight_unit.col - col
        return offset if offset == 0 or self.header.contiguous else None

    def _parts_below_bare(self, units: list[Unit], prev: RawRow | None) -> list[list[Unit]]:
        """Plain text: the lines opening `units` that break down the row above, where that row printed no
        年度指标值 nor 实际完成值 ('★补助各类粮食作物种植面积 10 10'): each a line of its own holding a name and its
        values, as many as the header's value columns and no more ('红薯种植面积 5.5亩 5.5亩'), no points — as
        `其中` rows are, without the word."""
        if prev is None or not _bare(prev) or not units or units[0].certain or "actual" not in self.fields:
            return []
        out: list[list[Unit]] = []
        for line in source_rows(units)[:-1]:  # (the last line holds the anchored row's own cells)
            if not self._part_line(line):
                break
            out.append(line)
        return out

    def _part_line(self, line: list[Unit]) -> bool:
        """A printed line of a name and as many values as the header's value columns, no points: a row breaking
        down the row above it (`_parts_below_bare`)."""
        values = sum(1 for slot in ("target", "actual") if slot in self.fields)
        return (line[0].gap >= Gap.LINE and len(line) == 1 + values and not _starts_value(line[0])
                and _is_label(line[0], self.lex) is None and all(_starts_value(u) for u in line[1:]))

    def _whole_rows(self, units: list[Unit], anchored: bool = True) -> list[list[Unit]]:
        """Source rows of a table that are whole indicator rows without 分值/得分 (three cells or more). In a
        table that has no 分值/得分 columns at all, printed without cell boundaries (a cell per line), a row
        starts where its level labels do. `anchored`: the last of them goes on to a row's 分值."""
        certain = all(u.certain for u in units)
        if not certain and (broken := self._breakdowns(units, anchored)):
            return broken
        cut = not certain and _cut_short(units, len(self.fields))
        plain = not certain and not cut
        if units and self.header.unscored and plain:
            return _label_rows(units, self.lex, len(self.fields) + len(self.after), len(self.fields))
        if not units or units[0].row == units[-1].row:
            return [units] if units else []
        if plain:
            return _numbered_rows(units, self.lex)
        out: list[list[Unit]] = []
        waiting: list[Unit] = []  # pieces above a row (cut off its top by a page break): they join it
        for r in source_rows(units):
            content = [u for u in r if _is_label(u, self.lex) is None]
            if len(content) < len(self.fields) and self.aligned and out and r[0].gap < Gap.PAGE:
                out[-1].extend(r)  # (column-aligned text: a line of pieces below a row is its cells' wrapped lines)
            elif len(content) < len(self.fields):
                waiting.extend(r)
            else:
                out.append(waiting + r)
                waiting = []
        if waiting:
            if out and not _whole_level(waiting[0].key, self.lex) and not cut and not (
                    waiting[0].gap < Gap.PAGE and _named(waiting, self.header.cols.get("name"))):
                # (but the row's own cells, its name in the 三级指标 column and no page break above it, are no
                # pieces of the row above: '红薯种植面积 | 5.5亩 | 5.5亩 | | |' over '★补助… | | | 10.00 | 10.00')
                out[-1].extend(waiting)
            else:
                out.append(waiting)  # (a row opening with a level label: a new block's, cut short)
        return out

    def _off_deviation(self, dev: list[Unit]) -> tuple[list[Unit], list[Unit]]:
        """The row above's 偏差原因 as far as the first breakdown row in it, and the units from there on (rows of
        their own: `_breakdowns`), where a search of text without cell boundaries left the rows there."""
        if not dev or dev[0].certain and dev[-1].certain:  # (a table's cells: most rows)
            return dev, []
        first = _first_breakdown(dev, self.most_values)
        return dev[:first], dev[first:]

    def _breakdowns(self, units: list[Unit], anchored: bool) -> list[list[Unit]]:
        """Text without cell boundaries opening with breakdown rows (`_breakdown_at`; the level labels before the
        first are its own): those rows, then the whole rows of the rest ([] where none opens it, or where
        nothing is left for the row whose 分值 follows)."""
        most = self.most_values
        first = _first_breakdown(units, most)
        if first == len(units) or any(_is_label(u, self.lex) != "level" for u in units[:first]):
            return []
        rows: list[list[Unit]] = []
        k = first
        while k < len(units) and (end := _breakdown_at(units, k, most)) > k:
            rows.append(units[k if rows else 0:end])
            k = end
        if anchored and not any(_is_label(u, self.lex) is None for u in units[k:]):
            return []
        return rows + (self._whole_rows(units[k:], anchored) if k < len(units) else [])

    def _wraps(self, body: list[Unit], anchors: list[_Anchor]) -> bool:
        """A table printed a cell per line whose cells wrap over lines of their own (the text PyMuPDF and many
        viewers take out of a PDF table, cell after cell): between two rows' 分值 lines stand more lines of text
        than the row above's 偏差原因 and this row's cells take when each is one line, or a line holds two of a
        row's values (its target and its actual: the extractor put cells on one line where they stood close), or
        most rows print a line with a value after a text (pypdf: a row's cells on a line, its 分值 and 得分 cut
        over the lines below)."""
        start = 0
        named = 0  # lines holding a name and a value after it
        for a in anchors:
            text = [u for u in body[start:a.weight] if not u.certain and _is_label(u, self.lex) is None]
            if len({u.row for u in text}) > len(self.fields) + 1:
                return True
            lines: dict[int, list[Unit]] = {}
            for u in text:
                lines.setdefault(u.row, []).append(u)
            named += any(_starts_value(u) and _DIGIT.search(u.key) and not _starts_value(line[k - 1])
                         for line in lines.values() for k, u in enumerate(line) if k)
            if any(len(line) >= 2 and all(_starts_value(u) and _DIGIT.search(u.key) for u in line)
                   for line in lines.values()):
                return True  # a line of values alone ('≥80.00(%) 80.00(%)', a target and an actual; not
                # Yunnan's operator code '004 >=', one cell): a line is no cell
            if any(len(line) == 1 and brackets(line[0].text) > 0 for line in lines.values()):
                return True  # a line opening a bracket it does not close ('≥30(' / '份)'): a cell goes on below
            start = a.last + 1
        # most rows print a line holding several cells ('各项培训目标达标率 ≥95% 96%'; not a few cells with a space
        # inside, '平均网点排队时间 < 15分钟'): a line is no cell
        return named >= 2 and 2 * named >= len(anchors)

    def _split(self, between: list[Unit], prev: RawRow | None, prev_score: Unit | None, weight: Unit | None,
               offset: int | None) -> tuple[list[Unit], list[Unit], list[Unit]]:
        """(deviation of the row above, pieces continuing the row above, this row's prefix)."""
        if prev is None or prev_score is None:
            return [], [], between
        if not between:
            return [], [], []
        same_row = [u for u in between if u.row == prev_score.row]
        if self.separator >= Gap.LINE or (weight is not None and prev_score.row == weight.row):
            return self._search(between, prev, last=weight is None)  # the source's rows are not the form's rows
        if weight is None and all(u.row == prev_score.row for u in between):
            # the table's end on the line of the last 分值: a whole level label there opens a row the document
            # cuts short (an excerpt ending '… 10 10 可持续影响指标 对推动…'), which is no 偏差原因
            cut = next((k for k, u in enumerate(between) if _whole_level(u.key, self.lex)),
                       self._cut_row(between) if self.ends_form else len(between))
            if (cut == len(between) and self.ends_form and _full_points(prev) and not between[0].certain
                    and not is_dash(between[0].key)):
                cut = 0  # in text, after a row scored in full (no 偏差原因 to give) the words are the next row's
            return between[:cut], [], between[cut:]
        rest = between[len(same_row):]
        if not rest:
            return same_row, [], []
        if not all(u.certain for u in rest):
            if weight is not None:
                self.lines_kept[any(u.row != weight.row for u in rest)] += 1
            elif (self.ends_form and (self.lines_kept[0] >= 2 or self.unwrapped) and not self.lines_kept[1]
                  and not any(mark in u.text for u in rest for mark in _PROSE_MARKS)
                  and not any(_whole_level(line[0].key, self.lex) for line in source_rows(rest)[1:])):
                return same_row, [], rest  # every row above printed on one line, and no prose below (a 偏差原因
                # wrapped, '…计' / '划有所调整。'): the lines the document ends with are the row it cuts short
                # (before: its name ran on the last row's target); so where the document prints a long cell on
                # one line, from its first row on (before: '专项检查' / '态势感知' read as one name); but a whole
                # level label opening a line below shows where that row starts: the lines above it are wrapped
                # ('降低中小企业数字化转型成' / '本' / '时效指标 项目完成及时性 …')
            if weight is None and self.ends_form:  # (the document's last line may open the row it cuts short)
                last = source_rows(rest)[-1]
                if self._cut_row(last) == 0:
                    rest, cut_row = rest[:-len(last)], last
                    wraps = self._wrapped_lines(rest, weight, prev) if rest else []
                    prev.wraps.extend(wraps)
                    return same_row, [], self._left(rest, wraps) + cut_row
            # (a row whose cells all ended on its 分值 line, each one value — its name and texts printed on the lines
            # above, as a PDF's text in drawing order puts a cell centred beside taller ones — wraps no cell below)
            wraps = self._wrapped_lines(rest, weight, prev)
            if wraps and not same_row and prev.values_line and not (
                    all(len(line) == 1 for line in wraps) and wraps[-1][0].text.rstrip().endswith(SENTENCE_END)):
                wraps = []  # (but a 偏差原因 drawn after its other cells, lines ending a sentence: `_deviation_below`)
            if _bare(prev) and "actual" in self.fields:
                # a row that printed no 年度指标值 nor 实际完成值 on its 分值 line ('★补助各类粮食作物种植面积 10 10')
                # wraps no values onto the lines below: a line of a name and its values there ('红薯种植面积 5.5亩
                # 5.5亩') is a row of its own, breaking the row above down (`_parts_below_bare`)
                own = next((k for k, line in enumerate(wraps) if self._part_line(line)), None)
                wraps = wraps[:own] if own is not None else wraps
            prev.wraps.extend(wraps)
            if same_row and wraps:  # the 偏差原因 on the 分值 line may wrap like the other cells
                prev.first_widths["deviation"] = _line_width(" ".join(u.text for u in same_row))
            return same_row, [], self._left(rest, wraps)
        # table rows between two rows' scores: pieces cut by a page break or wrapped lines
        rows = source_rows(rest)
        anchor_row = weight.row if weight is not None else None
        before: list[Unit] = []
        after: list[Unit] = []
        for k, r in enumerate(rows):
            if r[0].row == anchor_row:
                after.extend(u for rr in rows[k:] for u in rr)
                break
            content = [u for u in r if _is_label(u, self.lex) is None and not _caption(u, self.lex)]
            # a row of three cells without scores is a row of its own (in column-aligned text it is the
            # wrapped rest of the row above); so is a row opening with a level label the row above has not (a
            # new block's first row: cut short where the document ends, or its cells spread over several
            # source rows by a web page's merged cells)
            whole = not self.aligned and (len(content) >= len(self.fields) or self._new_label(r, prev) or (
                weight is None and bool(content) and self._opens_row(r)))
            after_break = r[0].gap >= Gap.BLANK
            next_break = k + 1 < len(rows) and rows[k + 1][0].gap >= Gap.BLANK
            only_labels = not content
            if only_labels and self._completes(prev, r) or self.blank_rows and not after_break:
                # the rest of a label cut at the bottom of the row above ('社会效益指' + '标'); where blank lines
                # part every row (pandoc's multiline tables), any line right below a row is the rest of its cells
                before.extend(r)
                continue
            if whole or weight is None and not after_break and only_labels:
                after.extend(u for rr in rows[k:] for u in rr)
                break
            if after_break and not only_labels or (not next_break and not only_labels and not after):
                before.extend(r)
            else:
                after.extend(u for rr in rows[k:] for u in rr)
                break
        return same_row, before, after

    def _cut_row(self, units: list[Unit]) -> int:
        """Where the row the document's end cuts short starts among the units after the table's last 得分: a
        name (text that is neither a value nor a label) right before a target with its operator ('服务单位数量
        ≥1200.00(万人次) 1200.0', '节能量审核 =5(次)'): a 偏差原因 holds no such pair. len(units) where none does."""
        for k in range(len(units) - 2, -1, -1):
            u, nxt = units[k], units[k + 1]
            if (OPERATOR_START.match(nxt.key) and not _starts_value(u) and _is_label(u, self.lex) is None
                    and not u.key.endswith(SENTENCE_END)):
                return k
        return len(units)

    def _opens_row(self, units: list[Unit]) -> bool:
        """In a table the document cuts short, a last row that opens in the header's 三级指标 column (or a label
        column): the row the cut leaves, not the rest of the row above cut by a page break."""
        cols = self.header.cols
        return self.ends_form and units[0].col is not None and units[0].col in {
            cols.get("level1"), cols.get("level2"), cols.get("name")} - {None}

    def _new_label(self, units: list[Unit], prev: RawRow) -> bool:
        """The source row opens with whole level labels (指标 and all), one of them none of the row above's."""
        above = {key for key, *_ in prev.labels}
        for u in units:
            if not _whole_level(u.key, self.lex):
                return False
            if u.key not in above:
                return True
        return False

    @staticmethod
    def _row_above_values(prev: RawRow) -> list[Unit]:
        """A row whose 分值 opens its line and whose cells the lines below the row above were all taken for (a
        PDF's text in drawing order: `成本控制数情况 ≤256 万元 达成指标 0.50 0.50 无` /
        `单位服务成本 ≤402 万元 控制在预` / `算内` / `13.50 4.63 …`): its cells are those lines, from the last one
        holding several pieces, no value first — a wrapped cell's rest is one piece; a block's subtotal
        (`90.00 90.00` alone) takes none."""
        for j in range(len(prev.wraps) - 1, -1, -1):
            line = prev.wraps[j]
            if len(line) >= 2 and not _starts_value(line[0]):
                prefix = [u for wrapped in prev.wraps[j:] for u in wrapped]
                del prev.wraps[j:]
                return prefix
        return []

    @staticmethod
    def _name_above(prev: RawRow) -> list[Unit]:
        """A row opening with a value, its name on the lines the row above's wrapped cells were taken from, after
        the line ending that row (its 偏差原因 `无` or a sentence's end: `… 23.00` / `23.00` / `无` /
        `受益群众满意度` / `（%）` / `≥98% 100% 9.00 9.00`): those lines are the row's name, not the row above's."""
        for j in range(len(prev.wraps) - 1, -1, -1):
            text = " ".join(u.text for u in prev.wraps[j]).rstrip()
            if is_dash(text) or text.endswith(SENTENCE_END):
                name = [u for line in prev.wraps[j + 1:] for u in line]
                del prev.wraps[j + 1:]
                return name
        return []

    def _wrapped_lines(self, rest: list[Unit], weight: Unit | None, row: RawRow) -> list[list[Unit]]:
        """Printed lines right below a row's 分值 line, before a blank line, a label or the next row's 分值 line:
        the rest of its cells, wrapped (top-aligned cells of a PDF printed line by line). A whole level label
        opening such a line before texts, where the next row prints a name of its own, is a label centred in its
        span beside them (`产出指标 办公室综合演练要求` between two rows): the texts are wrapped, and the label is
        left in `rest` (`_left`), for the next row."""
        out: list[list[Unit]] = []
        opens = self._points_line_unnamed(rest, weight)
        for line in source_rows(rest):
            first = line[0]
            # (a page break is no row boundary: the row's cells wrap on over it, up to a label or the next 分值)
            if first.gap == Gap.BLANK or (weight is not None and first.row == weight.row):
                break
            if opens and len(line) > 1 and _is_label(first, self.lex) is None and not _starts_value(first) and (
                    number(first.key) is None and OPERATOR_START.match(line[1].key)):
                break  # the next row's name and target, its 分值 line printing none (a PDF's text in drawing
                # order: `完成及时率 ≤161` / `万元` / `161 万元 2.00 1.2`; not a page's running header, `… 2023 年度`)
            if not out and not row.labels and row.left is not None and first.x < row.left - 1 and all(
                    len(u.key) <= MAX_REST and u.key in self.lex.suffixes for u in line):
                break  # rests of labels merged over rows above it, left of its cells: a page break cut them there
            if _is_label(first, self.lex) == "level" and (
                    not _short_label(first.key) or any(_is_label(u, self.lex) for u in line[1:])):
                labels = next((k for k, u in enumerate(line) if not _whole_level(u.key, self.lex)), len(line))
                opened = next((k for k, u in enumerate(line) if u.key not in self.lex.prefixes), len(line))
                if 0 < labels < len(line) and self._named_below(rest, weight) and not any(
                        _whole_level(u.key, self.lex) or _starts_value(u) or number(u.key) is not None
                        for u in line[labels:]):
                    out.append(line[labels:])  # (with pieces of the row's labels cut in their columns: '标')
                    continue
                if labels == len(line) and self._named_below(rest, weight) and self._goes_on(rest, line):
                    continue  # labels on a line of their own among a row's wrapped lines, the row's texts going on
                    # below them: centred in their span beside it (`…较年度计` / `时效指标` / `划有所调整。`)
                if not labels and 0 < opened < len(line) and self._named_below(rest, weight) and not any(
                        _is_label(u, self.lex) or _starts_value(u) or number(u.key) is not None for u in line[opened:]):
                    out.append(line)  # labels' beginnings, cut in their columns, before wrapped texts: the row's
                    continue  # labels centred in its height (`产出 数量指 分工作延期，`), made whole below it
                break  # a label; a word such as '成本' is the end of a wrapped name, alone or before other pieces
            if "其中" in first.key and _breakdown_at(line, 0, self.most_values):
                break  # a breakdown row (其中…), no wrapped rest of the row above
            out.append(line)
        return out

    def _points_line_unnamed(self, rest: list[Unit], weight: Unit | None) -> bool:
        """The next row's 分值 line opens with a value, its labels aside: the row's name stands above it."""
        if weight is None or "name" not in self.fields:
            return False
        content = [u for u in rest if u.row == weight.row and _is_label(u, self.lex) is None]
        return bool(content) and (_starts_value(content[0]) or number(content[0].key) is not None)

    def _goes_on(self, rest: list[Unit], line: list[Unit]) -> bool:
        """The line after `line` in `rest` holds words only (no value) and ends a sentence, or only the rests of
        labels (`指标`): the rest of a row's text or labels that wrapped (its next row's name does not end so)."""
        after = [u for u in rest if u.row > line[-1].row]
        below = [u for u in after if u.row == after[0].row] if after else []
        if not below or any(_starts_value(u) or number(u.key) is not None or _whole_level(u.key, self.lex)
                            for u in below):
            return False
        pieces = all(u.key in self.lex.suffixes for u in below)  # (rests such as '指标', not '(10分)')
        return pieces or not any(_is_label(u, self.lex) for u in below) and below[-1].text.rstrip().endswith(
            SENTENCE_END)

    @staticmethod
    def _left(rest: list[Unit], wraps: list[list[Unit]]) -> list[Unit]:
        """What of `rest` its wrapped lines leave, in order."""
        taken = {id(u) for line in wraps for u in line}
        return [u for u in rest if id(u) not in taken]

    def _named_below(self, rest: list[Unit], weight: Unit | None) -> bool:
        """The next row's 分值 line prints a text that is no label nor value before its values: its name."""
        return weight is not None and any(
            u.row == weight.row and _is_label(u, self.lex) is None and not _starts_value(u) and number(u.key) is None
            for u in rest)

    def unwrap(self, rows: list[RawRow]) -> None:
        """Give each row's wrapped lines to its cells: a line holds the next piece of every cell still wrapping
        (one whose last piece filled its column), in column order."""
        widths: dict[str, float] = {}
        for row in rows:
            for slot, w in row.first_widths.items():
                widths[slot] = max(widths.get(slot, 0.0), w)
        known = self.ctx.column_widths
        for row in rows:
            if row.wraps:
                self._label_rests(row)
            if row.wraps and row.deviation is None and len(last := row.wraps[-1]) == 1 and is_dash(last[0].key):
                row.deviation = last[0].text  # ('无' on a line of its own below the row: its 偏差原因, no name's end)
                row.wraps.pop()
            if not row.wraps:
                continue
            self.ctx.table_widths.update(widths)
            cells = [s for s in ("name", "target", "actual", "deviation") if s in row.first_widths]
            slots = [s for s in cells if row.first_widths[s] >= widths.get(s, 0.0) - 1.0]
            texts = [s for s in slots if not _VALUE_FIRST.match(fold(getattr(row, s) or ""))]  # (a value wraps not)
            if set(texts) <= {"name"} and self._deviation_below(row):
                continue
            if len(slots) > 1 and set(slots) - row.atomic:
                # a number or word ('90.00(%)') is not cut over lines: its cell ends on its first line
                slots = [s for s in slots if s not in row.atomic]
            if not slots and cells:  # none fills its widest: the one that comes nearest wraps
                slots = [max(cells, key=lambda s: row.first_widths[s] / max(widths.get(s, 1.0), 1.0))]
            # (a target or actual that is a whole value, its unit printed, wraps no further: '≤198万元' beside
            # '控制在预' / '算内'; a bare number's unit may ('≥17745000' / '核小时'), an open bracket does)
            slots = [s for s in slots if s not in ("target", "actual") or not _whole_value(getattr(row, s) or "")
                     ] or slots
            slots = slots or ["name"]
            for line in row.wraps:
                if _page_foot(line):
                    break  # (the lines after a page's bare number are the next page's)
                row.last_line = max(row.last_line or line[-1].line, line[-1].line)
            columns = {s: max(widths.get(s, 0.0), row.first_widths.get(s, 0.0), 1.0) for s in cells or slots}
            firsts = {s: getattr(row, s) or "" for s in slots}
            opened = frozenset(s for s in slots if brackets(firsts[s]) > 0)
            wrap = WrapRow(
                lines=tuple(tuple(u.text for u in line) for line in row.wraps), slots=tuple(slots), columns=columns,
                first_widths={s: row.first_widths.get(s, 0.0) for s in slots},
                fullness={s: round(row.first_widths.get(s, 0.0) / columns[s], 2) for s in slots}, opened=opened,
                going=frozenset(s for s in slots if s in opened or firsts[s].rstrip().endswith(GOES_ON)
                                or any(counted(firsts[s], line[0].key) for line in row.wraps)
                                or len(slots) > 1 and self.in_a_word(firsts[s], row.wraps[0])))
            plan = wrap.plan(known)
            self.ctx.wrap_rows.append((wrap, plan))
            for chosen, pieces in plan:
                for slot, text in zip(chosen, pieces, strict=True):
                    setattr(row, slot, tidy(join(getattr(row, slot) or "", text)))
            row.wraps = []

    def _rest_of_labels(self, row: RawRow, pieces: list[Unit]) -> bool:
        """Label pieces after the table's last row that finish its labels: given to them (True), else nothing
        changes."""
        labels, _, k = self._extend_labels(list(row.labels), row.name or "", pieces, row)
        if k == len(pieces) and labels != row.labels and all(self.lex.level(key) for key, *_ in labels):
            row.labels = labels
            return True
        return False

    def _label_rests(self, row: RawRow) -> None:
        """The rests of the row's labels cut in their narrow columns, at the front of its wrapped lines in the
        labels' order (flowed text: `产出 数量指 保障公务外出次数 … 20.0 20.00` / `指标 标 0`; over three lines:
        `满意 服务对 保障… ` / `度指 象满意 0` / `标 度指标`): see `_extend_labels`. Every label so made must be whole
        at the end, else nothing changes. A number's rest among the pieces, digits alone (`0` of `20.0` / `0`), is
        no piece of a text cell."""
        labels, name, kept = self._extended_by_wraps(row)
        if labels != row.labels and all(self.lex.level(key) for key, *_ in labels):
            row.labels, row.name, row.wraps = labels, name or None, kept
        if row.weight is not None:  # (the row's 分值 and 得分 were read off its first line)
            row.wraps = [cut for cut in ([u for u in line if not CUT_REST.match(u.key)] for line in row.wraps) if cut]

    def _extended_by_wraps(self, row: RawRow) -> tuple[list[Label], str, list[list[Unit]]]:
        """The row's labels and name as its wrapped lines' first pieces extend them (`_extend_labels`), and what is
        left of those lines."""
        labels, name = list(row.labels), row.name or ""
        kept: list[list[Unit]] = []
        paged = False  # a page's bare number was passed: the lines after it are the next page's
        for line in row.wraps:
            labels, name, k = self._extend_labels(labels, name, line, row, on_page=not paged, wrapped=True)
            paged = paged or _page_foot(line)
            if k < len(line):
                kept.append(line[k:])
        return labels, name, kept

    def _rests_above(self, prev: RawRow, prefix: list[Unit]) -> list[Unit]:
        """A row's first pieces that finish the labels of the row above, cut in their narrow columns and merged
        over both rows (`产出 数量指 审计工作完成率 …` / `指标 标 延伸服务完成率 …`, pdfplumber's text): given to the
        row above where they make its labels whole; the row above's own wrapped lines go first (a label cut over
        three lines beside a row of two: `满意 服务对 受益群众满意度 …` / `度指 象满意 （%）` /
        `标 度指标 服务对象满意度 …`). Returns the rest of the row."""
        labels, name, kept = self._extended_by_wraps(prev)
        line = [u for u in prefix if u.row == prefix[0].row]
        labels, name, k = self._extend_labels(labels, name, line, prev)
        if 0 < k < len(prefix) and labels != prev.labels and all(self.lex.level(key) for key, *_ in labels):
            prev.labels, prev.name, prev.wraps = labels, name or None, kept
            return prefix[k:]
        return prefix

    def _extend_labels(self, labels: list[Label], name: str, line: list[Unit], row: RawRow, on_page: bool = True,
                       wrapped: bool = False) -> tuple[list[Label], str, int]:
        """The line's first pieces of ideographs, in the labels' order, each going on with the label it extends into
        a label or a label's beginning (a whole label only into a longer one: `产出` + `指标`, not `数量指标` + `等`);
        then a label's beginning read as the name's (`数量指`, `满意` `服务对`) made a label of its own where the
        next piece extends it; and, on a line the row wrapped onto (`wrapped`), labels' beginnings where its first
        line printed none. Returns the labels, the name and how many pieces were taken. `on_page`: the line is
        on the labels' page (a rest on the next page is no line of theirs where they are centred)."""
        lex = self.lex
        labels = list(labels)
        k = 0
        for n, (key, hinted, text, lines, rows_) in enumerate(labels):
            if k == len(line) or len(line[k].key) > MAX_REST:
                break
            longer = key + line[k].key
            if label_goes_on(key, line[k].key, lex) and IDEOGRAPH.search(line[k].key):
                labels[n] = (longer, hinted, text + line[k].text, (lines[0], line[k].line if on_page else lines[1]),
                             rows_)
                k += 1
        while (k < len(line) and len(labels) < 2 and len(line[k].key) <= MAX_REST
               and (head := self._label_head(name, line[k].key))):
            labels.append((fold(head) + line[k].key, None, head + line[k].text, (row.line or 0, line[k].line),
                           (row.row, row.row)))
            name = name[len(head):].strip()
            k += 1
        while (wrapped and not row.labels and k < len(line) and len(labels) < 2 and len(line[k].key) <= MAX_REST
               and IDEOGRAPH.search(line[k].key) and line[k].key in lex.prefixes
               and not _whole_level(line[k].key, lex)):
            # a label's beginning opening a row's wrapped line where the row printed none: a label centred in the
            # row's height, cut in its narrow column (`培训场次 … 0.00 受天气影响部` / `产出 数量指 分工作延期，` /
            # `指标 标 下年度提前谋`): the lines below must make it whole (`_label_rests`)
            labels.append((line[k].key, None, line[k].text, (line[k].line, line[k].line), (row.row, row.row)))
            k += 1
        return labels, name, k

    def _label_head(self, name: str, piece: str) -> str:
        """The beginning of `name` that `piece` extends into a level label or its beginning ('' for none). Not
        where the name goes on as the piece does: the name holds that label whole (a row named
        `服务对象满意度指标`, `标。` the last line of its wrapped 偏差原因)."""
        if not IDEOGRAPH.search(piece) or self.lex.level(piece):  # (a whole label is no label's rest)
            return ""
        for j in range(1, min(len(name), MAX_LABEL_CUT) + 1):
            longer = fold(name[:j]) + piece
            if (self.lex.level(longer) or longer in self.lex.prefixes) and name[j:].strip():
                rest = fold(name[j:].strip())
                return "" if rest.startswith(piece) or piece.startswith(rest) else name[:j]
        return ""

    def _deviation_below(self, row: RawRow) -> bool:
        """A row printed without its 偏差原因 on its line, then lines of one piece each that end a sentence (the
        偏差原因 cell's text after the row's other cells, as a PDF's text in its drawing order puts it: '年中预算执行率
        ≥50% 40% 20 16' / '部分业务工作较年' / '度计划有所调整。'), where no cell but the name fills its column on
        the row's line (a name ends no sentence): those lines are its 偏差原因, not wrapped cells. Sets it; returns
        whether it did."""
        if (row.deviation is not None or "deviation" not in self.header.slots
                or any(len(line) != 1 for line in row.wraps)
                or not row.wraps[-1][0].text.rstrip().endswith(SENTENCE_END)):
            return False
        row.deviation = tidy(joined_lines([line[0].text for line in row.wraps]))
        row.last_line = row.wraps[-1][0].line
        row.wraps = []
        return True

    def _search(self, between: list[Unit], prev: RawRow, last: bool = False
                ) -> tuple[list[Unit], list[Unit], list[Unit]]:
        """No row boundary in the source: score every cut between the row above's 偏差原因 and this row (after the
        table's last row, all of it may be that row's 偏差原因). Every trial row is a suffix of `between`: what
        each cut is scored on is counted once for all of them (suffix counts, one list of pieces)."""
        options: list[tuple[float, int]] = []
        n = len(between)
        lex = self.lex
        # (under a header that gives the levels points columns, a label is known by its points, not its word)
        kinds = [None if self.header.level_points else _label_kind(u.key, lex) for u in between]
        content_from = [0] * (n + 1)  # cells (not labels) from each cut on
        certain_from = [True] * (n + 1)  # every unit from each cut on is a certain cell
        late_labels = [0] * (n + 1)  # level labels from each cut on (the first excepted) standing after a cell
        for k in range(n - 1, -1, -1):
            content_from[k] = content_from[k + 1] + (kinds[k] is None)
            certain_from[k] = certain_from[k + 1] and between[k].certain
            late_labels[k] = late_labels[k + 1] + (k + 1 < n and kinds[k + 1] == "level" and kinds[k] is None)
        # a row may lack one cell; a cut that leaves fewer is not worth scoring (but the row the document's end cuts
        # short, after the table's last 分值, may have printed only its name: cells and no label after them)
        cut_short = last and self.ends_form
        needed = len(self.fields) - 1
        # where the table separates its cells by lines or blank lines, a row starts at such a boundary only (not
        # on the line of the row above's points either: PyMuPDF's `10 无`, a 得分 and its 偏差原因 on one line)
        inside = self.separator >= Gap.LINE
        reach = range(max(0, n - MAX_ROW), n)  # a row is never longer than this
        cuts = [c for c in reach if (content_from[c] >= needed or last and kinds[c] == "level"
                                     or cut_short and content_from[c] and not late_labels[c])
                and not (inside and between[c].gap < self.separator)] or list(reach)
        # (after the table's last 分值, a level label may open a row the document cuts short)
        # a 偏差原因 left to the row above: fits a row that lost points; never a label or a value first
        dev_points = 1.0 if prev.score is not None and prev.weight is not None and prev.score < prev.weight else -0.75
        if between and is_dash(between[0].key):
            dev_points = max(dev_points, 0.0)  # ('无': what a row scored in full says as often as nothing)
        value_first = 1.5 if between and _starts_value(between[0]) else 0.0
        pieces: list[Piece] = []  # the pieces of every trial row's cells, built once
        memo: dict[tuple[str, int, int], float] = {}  # each trial cell's points, scored once
        levels = 0  # level labels before the cut (in the row above's 偏差原因)
        at = 0
        level_points = self.header.level_points
        for c in cuts + ([n] if last else []):
            while at < c:
                levels += kinds[at] == "level"
                at += 1
            if c == n or not content_from[c]:  # the last row's 偏差原因, after it nothing or labels only
                options.append((dev_points - LABEL_IN_DEVIATION * levels, c))  # (a level label is no 偏差原因)
                continue
            if last and not self.ends_form and kinds[c] is None:
                continue  # (after the last 分值 of a table going on to its total, no row without points opens
                # without a label: those lines are the last row's 偏差原因, wrapped over lines of their own)
            points = dev_points - LABEL_IN_DEVIATION * levels - value_first if c else 0.0
            points += self._trial(between, c, kinds, content_from, certain_from, pieces, memo)
            points -= 0.0 if cut_short else 3.0 * max(0, len(self.fields) - content_from[c])
            if level_points:  # (the row's labels are its words followed by points; none is a 偏差原因 above)
                start = _points_pairs(between, c, 0)
                first = between[start] if start < n else None
                points -= 8.0 * sum(1 for k in range(c - 1)
                                    if not _is_points(between[k]) and _is_points(between[k + 1]))
            else:
                first = next((u for u, kind in zip(between[c:], kinds[c:], strict=True) if kind is None), None)
            if first is not None and _BARE_NUMBER.match(first.key):
                points -= 30.0  # a 三级指标 is never a bare number: it is the 偏差原因 above ('0')
            if c and not between[c].certain and between[c - 1].key.endswith(GOES_ON):
                points -= 1.0  # the 偏差原因 above goes on after '，': its line below is its own
            points -= 30.0 * late_labels[c]  # (a whole level label is no cell's value: '… / 可持续影响指标 /
            # 政务公开工' cut short is a row opened by its label, not one whose target is the label)
            options.append((points, c))
        if cut_short:
            # the row the document cuts short opens at a name right before a target with its operator, cells apart
            # ('… / 节能量审核 / =5(次)': no 偏差原因 holds such a pair), or right after a row scored in full (which
            # seldom gives a 偏差原因: '5.00 / 5.00 / 网站无故障运行时间占比 >=99')
            opening = self._cut_row(between)
            if opening == n or between[opening + 1].gap < self.separator:
                opening = 0 if (_full_points(prev) and not is_dash(between[0].key)
                                and "level" not in kinds) else n  # (a level label below shows where it opens)
            while 0 < opening < n and kinds[opening - 1] == "level":
                opening -= 1  # (the row's level labels before its name)
            options = [(p + OPENS_CUT_ROW if c == opening < n else p, c) for p, c in options]
        options.sort(key=lambda o: -o[0])
        best = options[0][1]
        self.split_sure = margin_confidence(options[0][0], options[1][0] if len(options) > 1 else None)
        def reading(c: int) -> str:
            start = f"本行从“{between[c].text[:12]}”起" if c < len(between) else "其后没有指标行"
            return f"偏差原因 {c} 段 / {start}"

        if self.ctx.explain:
            self.ctx.choose(f"第 {between[min(best, len(between) - 1)].line} 行附近的指标行起点",
                            [(reading(c), p) for p, c in options[:4]], between[min(best, len(between) - 1)].line)
        return between[:best], [], between[best:]

    def _trial(self, between: list[Unit], c: int, kinds: list[str | None], content_from: list[int],
               certain_from: list[bool], pieces: list[Piece], memo: dict[tuple[str, int, int], float]) -> float:
        """The score `prefix` gives the trial row `between[c:]` (its labels, then the best cut of its cells), from
        what `_search` counted once for all its trials; `pieces` (every unit's piece) is filled on first use, and
        `memo` keeps each cell's points for the other trials. A row's first piece is the same whatever its gap:
        `split_cells` never reads the gap before its first."""
        n = len(between)
        fields = self.fields
        i = c
        labels = 0
        while i < n and not self.header.level_points:
            kind = kinds[i]
            if kind is None and between[i].key in self.lex.prefixes and self._cut_label(
                    between[i], labels, content_from[i + 1]):
                kind = "level"
            if kind is None:
                break
            rest = content_from[i + 1]
            if (kind == "level" and len(fields) - 1 <= rest <= len(fields) - 1 + len(self.after) and rest == n - i - 1
                    and "满意度" in between[i].key and (labels >= 2 or _starts_value(between[i + 1]))):
                break  # as in `prefix`: a name that reads like a label
            labels += kind == "level"
            i += 1
        if self.header.level_points:
            i = _points_pairs(between, c, 0)  # as in `prefix`: labels are the words followed by points
        if i == n:
            return -3.0 * len(fields)
        if certain_from[i] and n - i == len(fields):
            return 2.0
        if certain_from[i] and n - i < len(fields):
            return 0.0
        if not pieces:
            score_row, separator, wrapping = self._score_row, self.separator, self.wrapping
            for k, u in enumerate(between):
                piece = Piece(u.text, u.line, _gap(u, separator, wrapping))
                piece.on_score_line = u.row == score_row and (k == 0 or between[k - 1].row != u.row)
                pieces.append(piece)
        return split_cells(pieces[i:], fields, i, memo).score

    def _finish(self, row: RawRow, dev: list[Unit], pieces: list[Unit]) -> None:
        """The row's 偏差原因, and the pieces a page break or a wrapped line cut off it, joined by column."""
        dev = list(dev)
        # (not its lines on the next page: a merged label is centred in the page's part of it; a page's bare
        # number on a line of its own, at its foot, is where the page ends)
        after = [*dev, *pieces]
        broken = min((u.line for k, u in enumerate(after) if u.gap >= Gap.PAGE or (
            _page_foot([u]) and (k + 1 == len(after) or after[k + 1].line != u.line))), default=None)
        for u in after:
            if broken is None or u.line < broken:
                row.last_line = max(row.last_line or u.line, u.line)
        for u in dev:
            if u.col is not None:
                row.slot_cols.setdefault(u.col, "deviation")
        for u in pieces:
            slot = self._slot_at(row, u.col)
            if slot and slot.startswith("label") and u.col in row.slot_cols:
                k = int(slot.removeprefix("label"))  # a label cut by the page break: '满意 度指' + '标'
                key, hint, text, lines, rows = row.labels[k]
                prefixes = self.lex.prefixes
                if key + u.key not in prefixes and not self.lex.level(key + u.key) and u.key.isdigit():
                    continue  # a page's bare number below the label, the page break after the row: no label's
                if key + u.key not in prefixes and not self.lex.level(key + u.key) and u.key in prefixes:
                    # a label of its own after the rest of the row above's ('标' of 社会效益指, then 服务对象满):
                    # the rest is left for `resolve_levels` to join above
                    row.slot_cols[u.col] = f"label{len(row.labels)}"
                    row.labels.append(self._label(u, hint))
                    continue
                # (a rest on the next page is no line of the label's on its own page, where it is centred)
                on_page = broken is None or u.line < broken
                row.labels[k] = (key + u.key, hint, join(text, u.text), (lines[0], u.line if on_page else lines[1]),
                                 rows)
                continue
            hinted = self.hint(u, 0) if self.aligned else None
            label = _is_label(u, self.lex) == "level" and not (hinted in self.fields and _short_label(u.key))
            if label or hinted in ("level1", "level2"):
                if u.key.isdigit():
                    continue  # a page's bare number at its foot, in a label's column: no label
                if u.col is not None:
                    row.slot_cols[u.col] = f"label{len(row.labels)}"
                row.labels.append(self._label(u, hinted))
                continue
            if _caption(u, self.lex):
                continue
            if slot == "deviation":
                dev.append(u)
            elif slot in ("name", "target", "actual"):
                setattr(row, slot, tidy(join(getattr(row, slot) or "", u.text)))
        texts = [u.text for u in dev if not _is_label(u, self.lex)]
        if texts:
            joined = tidy("".join(texts)) if all(u.certain for u in dev) else tidy(" ".join(texts))
            row.deviation = joined if row.deviation is None else tidy(join(row.deviation, joined or ""))

    def _completes(self, row: RawRow, piece: list[Unit]) -> bool:
        """The piece finishes a level label cut off in the same column of the row above."""
        for u in piece:
            slot = self._slot_at(row, u.col)
            if slot and slot.startswith("label") and u.col in row.slot_cols:
                key = row.labels[int(slot.removeprefix("label"))][0]
                if self.lex.level(key + u.key):
                    return True
        return False

    @staticmethod
    def _slot_at(row: RawRow, col: int | None) -> str | None:
        if col is None or not row.slot_cols:
            return None
        if col in row.slot_cols:
            return row.slot_cols[col]
        lower = [c for c in row.slot_cols if c < col]
        if not lower:
            return None
        slot = row.slot_cols[max(lower)]
        return "deviation" if col > max(row.slot_cols) else slot


def _page_foot(line: list[Unit]) -> bool:
    """A wrapped line that is a page's bare number alone, at its foot (the next lines are the next page's)."""
    # (in column-aligned text a realigned unit is a certain cell: its shape decides)
    return len(line) == 1 and bare_number(line[0], 2, certain_too=True) and line[0].gap >= Gap.LINE


@dataclass(frozen=True)
class WrapRow:
    """A row's wrapped lines and what decides which of its cells take them, kept: the column widths of the
    document's other tables (`narrow`) then tell whether they would give its lines otherwise, without the form
    being read again."""

    lines: tuple[tuple[str, ...], ...]
    slots: tuple[str, ...]
    columns: dict[str, float]
    first_widths: dict[str, float]
    fullness: dict[str, float]
    opened: frozenset[str]
    going: frozenset[str]

    def narrow(self, known: dict[str, float]) -> frozenset[str]:
        """The cells narrower than their columns where the document's tables are `known` this wide."""
        return frozenset(s for s in self.slots if known and self.first_widths[s] < known.get(s, 0.0) - 1.0)

    def plan(self, known: dict[str, float]) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
        """Which cells take each line where the document's tables are `known` this wide."""
        return _wrap_plan(self.lines, self.slots, self.columns, self.narrow(known), self.fullness, self.opened,
                          self.going)


def _wrap_plan(lines: tuple[tuple[str, ...], ...], slots: tuple[str, ...], columns: dict[str, float],
               narrow: frozenset[str], fullness: dict[str, float], opened: frozenset[str] = frozenset(),
               going: frozenset[str] = frozenset()
               ) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    """Which cells take each wrapped line's pieces: a line holds the next piece of every cell still wrapping, in
    column order; a cell goes on wrapping while its pieces fill its column. Chosen over all the row's lines
    together, at the least cost: a piece wider than its column, fragments joined into one piece (a space
    inside a cell), a line when no cell is still wrapping, a cell
    narrower than its column in the document's other tables (`narrow`), a piece closing a bracket given to a
    cell that opened none (`opened`: '4000.00(万' goes on with '元)'), a first wrapped line that leaves out a
    cell whose first line goes on (`going`: '部分资金未及时支付，'), a name ending as a sentence does; at equal
    cost the cells whose first
    line fills their column most nearly (`fullness`), then the widest (long texts wrap)."""

    @cache
    def best(j: int, open_: tuple[str, ...], nearest: str | None = None) -> tuple[float, float, tuple]:
        if j == len(lines):
            return 0.0, 0.0, ()
        texts = lines[j]
        cost0 = 0.0
        # a line falls short of its column by less than the next line's first word ('资金投入比例' '≥1:3')
        reach = max((_word_width(t) for t in lines[j + 1]), default=1.0) if j + 1 < len(lines) else 1.0
        if not open_:  # every cell ended: the line is the one's that came nearest to filling its column
            open_, cost0 = ((nearest,) if nearest else slots), 2.0
        options: list[tuple[tuple[str, ...], tuple[str, ...], float]] = []
        for m in range(1, min(len(texts), len(open_)) + 1):
            cuts = (combinations(range(1, len(texts)), m - 1) if len(texts) <= MAX_FRAGMENTS
                    else [tuple(range(len(texts) - m + 1, len(texts)))])  # many: the first piece takes the rest
            for bounds in cuts:  # the fragments cut into m pieces
                edges = (0, *bounds, len(texts))
                pieces = tuple(" ".join(texts[a:b]) for a, b in zip(edges, edges[1:], strict=False))
                options.extend((chosen, pieces, 0.5 * (len(texts) - m)) for chosen in combinations(open_, m))
        found: tuple[float, float, tuple] | None = None
        for chosen, pieces, extra_cost in options:
            cost = cost0 + extra_cost + sum(0.4 for slot in chosen if slot in narrow)
            cost += sum(1.0 for slot, text in zip(chosen, pieces, strict=True)
                        if slot not in opened and brackets(text) < 0)
            if j == 0:
                cost += sum(1.0 for slot in going if slot in open_ and slot not in chosen)
            cost += sum(0.5 for slot, text in zip(chosen, pieces, strict=True)
                        if slot == "name" and text.endswith(SENTENCE_END))  # a name is no sentence
            cost += sum(1.0 for slot, text in zip(chosen, pieces, strict=True)
                        if _line_width(text.replace(" ", "")) > columns[slot] + 1.0)
            fills = {slot: _line_width(text.replace(" ", "")) / columns[slot]
                     for slot, text in zip(chosen, pieces, strict=True)}
            still = tuple(slot for slot in chosen if fills[slot] * columns[slot] >= columns[slot] - reach)
            rest_cost, rest_wide, rest = best(j + 1, still, max(fills, key=fills.__getitem__))
            wide = rest_wide - sum(fullness.get(slot, 0.0) * 100 + columns[slot] for slot in chosen)
            if found is None or (cost + rest_cost, wide) < found[:2]:
                found = (cost + rest_cost, wide, ((chosen, pieces), *rest))
        assert found is not None
        return found

    return list(best(0, slots)[2])


_WORD_START = re.compile(r"[A-Za-z0-9.,%()=<>≥≤+\-*/:]+")


def _word_width(text: str) -> float:
    """Width of a text's first unbreakable word: an ASCII number or word with its operators, else a character."""
    match = _WORD_START.match(text)
    return max(1.0, width(match.group(0))) if match else 1.0


def _line_width(text: str) -> float:
    """A printed line's width in its column: a closing mark hanging past the column's edge ('立项、') not counted."""
    return width(text[:-1] if text and text[-1] in HANGING else text)


def _short_label(key: str) -> bool:
    """A level label printed without its 指标 ('成本', '数量'): also a common word of a name."""
    return not label_key(key).endswith("指标")


def _caption(unit: Unit, lex: Lexicon) -> bool:
    return _is_label(unit, lex) == "caption"


def _starts_value(unit: Unit) -> bool:
    return bool(_VALUE_FIRST.match(unit.key)) and not _ITEM_NUMBER.match(unit.key)


def _breakdown_at(units: list[Unit], k: int, most: int) -> int:
    """Where the breakdown row opening at unit `k` ends (`k` where none opens there): in text without cell
    boundaries, a row breaking the row above down (其中…) that prints no 分值 or 得分 — a name opening with 其中,
    then one to `most` values ('其中桃树种植面积 1.5亩 1.5亩')."""
    u = units[k]
    if u.certain or not _BREAKDOWN.match(u.key):
        return k
    end = k + 1
    while end < len(units) and end - k <= most and not units[end].certain and _starts_value(units[end]):
        end += 1
    return end if end > k + 1 else k


def _first_breakdown(units: list[Unit], most: int) -> int:
    """Where the first breakdown row among the units opens (len(units): none)."""
    return next((k for k, u in enumerate(units) if "其中" in u.key and _breakdown_at(units, k, most) > k), len(units))


def _numbered_rows(units: list[Unit], lex: Lexicon) -> list[list[Unit]]:
    """Rows of plain text between two rows' 分值/得分, cut where a line opens with the template's numbering
    ('指标1:', '指标2:'): each numbered line starts a row of its own, with the level labels printed just above it,
    so a row printed without 分值/得分 ('指标1:/ / /') stays off the row below. Rows of nothing but the
    template's marks ('指标2:', '……') are read past."""
    starts = [k for k, u in enumerate(units) if k and u.gap >= Gap.LINE and _NUMBERED.match(u.key)]
    if not starts:
        return [units]
    pieces: list[list[Unit]] = []
    begin = 0
    for k in starts:
        while k > begin and _is_label(units[k - 1], lex) == "level":  # the labels above a row are its own
            k -= 1
        pieces.append(units[begin:k])
        begin = k
    pieces.append(units[begin:])
    return [p for p in pieces if p and not all(_EMPTY_ROW_MARK.match(u.key) for u in p)]


def _placeholder(row: RawRow) -> bool:
    """A template row left unfilled ('指标1:', '……'), or filled with nothing but marks that it does not apply
    ('指标1: / / /'): nothing in it but its placeholder name and dashes, and no points."""
    return (row.weight is None and row.score is None and (not row.target or is_dash(row.target))
            and (not row.actual or is_dash(row.actual))
            and (row.name is None or bool(_PLACEHOLDER.match(row.name))
                 or is_dash(_PLACEHOLDER_PREFIX.sub("", row.name))))


def _second_level(key: str, lex: Lexicon) -> bool:
    """A 二级 label's key (a level the templates list under a 一级 block only)."""
    return (level := lex.level(key)) is not None and level not in lex.levels


def _labels_back(raws: list[RawRow], lex: Lexicon) -> None:
    """A row that holds two 二级 labels, the first printed above its 分值 line, below the row above's, which
    has none: that one is the row above's, centred in a row a vertical 一级 label made tall (`产` / `出` beside a
    row whose 二级 label `质量指标` stands on its second line, read with the next row's lines)."""
    for prev, row in zip(raws, raws[1:], strict=False):
        second = [label for label in row.labels if _second_level(label[0], lex)]
        if (len(second) < 2 or prev.row is None or row.row is None
                or any(_second_level(label[0], lex) for label in prev.labels)):
            continue
        first = second[0]
        if prev.row <= first[4][0] < row.row and first[0] != second[1][0]:  # (the same twice: one is a name)
            row.labels.remove(first)
            prev.labels.append(first)


def _beside_tall_labels(raws: list[RawRow], lex: Lexicon) -> None:
    """In printed lines, a label that runs down below its row's 分值 line (set a character per line, or cut over
    lines) makes the row as tall: the labels printed beside it, above the next row's 分值 line, are that row's
    (`产` / `出` / `指` / `标` down four lines of one row, its 二级 label `时效指标` centred on the second), not
    the next row's. A piece that finishes one of them joins it ('社会效益指' / '标')."""
    bottom = last = -1  # the lowest source row and line a label of the rows so far runs down to
    for prev, row in zip(raws, raws[1:], strict=False):
        for label in prev.labels:
            bottom, last = max(bottom, label[4][1]), max(last, label[3][1])
        if prev.row is None or row.row is None or bottom <= prev.row or row.row <= bottom:
            continue  # (no label below the row's 分值 line, or one reaching the next row's: a span of rows)
        beside = [label for label in row.labels if prev.row <= label[4][0] <= bottom]
        for label in beside:
            row.labels.remove(label)
            k = next((k for k, above in enumerate(prev.labels) if lex.level(above[0] + label[0])), None)
            if k is None:
                prev.labels.append(label)
            else:
                prev.labels[k] = joined_label(prev.labels[k], label)
        prev.last_line = max(prev.last_line or last, last)
        row.line = max(row.line or 0, last + 1)


_Reading = tuple[list[RawRow], _Reader, bool, Header]  # a table's rows, their reader, aligned?, the header read


def _rows_under(header: Header, units: list[Unit], start: int, lex: Lexicon, ctx: Context, ends_form: bool,
                weights_only: bool, unwrapped: bool = False) -> _Reading:
    """The table's rows under `header` (a copy is read: the reading renumbers its columns), the reader, whether
    the text was column-aligned, and the header as read."""
    header = replace(header, cols=dict(header.cols))
    body = _scores_apart(_clean_body(units[start:], lex))
    if header.slots and header.slots[0].startswith("extra"):  # a first column no template knows ('序号')
        body = _without_row_numbers(body, header.cols.get(header.slots[0]))
        header.slots = header.slots[1:]
    starts = column_starts(units[:start])
    if starts:
        starts = under_centred(units[:start], body, starts)  # (the header centred over its columns' cells)
    aligned = False
    if starts and len(starts) == len(header.slots) and rows_align(body, starts) and (
            "score" not in header.slots or points_in_columns(body, starts, header.slots.index("score"))):
        # aligned text: the header's columns hold the rows' cells
        # (the caption down a column before the header's first, '绩效' / '指标', is no cell of a row)
        body = realign([u for u in body if not (u.x + SLACK < starts[0] and _caption(u, lex))], starts)
        header.cols = {slot: k for k, slot in enumerate(header.slots)}
        aligned = True
    elif (per_line := count_columns(units[:start], body, header.slots, lex)) is not None:  # a cell per line
        body, columns = per_line
        header.cols = {slot: k for k, slot in enumerate(columns)}
    elif not header.level_points:  # (in aligned text a label's pieces are in its column already)
        body = join_wrapped_labels(body, lex)
    if between := _points_first(header):  # 分值 before 年度指标值: read as the national form's order
        slots = [s for s in header.slots if s != "weight"]
        national = (*slots[:slots.index("score")], "weight", *slots[slots.index("score"):])
        if aligned:  # the columns renumbered, each row's cells in the new order
            where = {k: national.index(slot) for k, slot in enumerate(header.slots)}
            body = _renumbered(body, where)
            header.slots, header.cols = national, {slot: k for k, slot in enumerate(national)}
        elif not _by_columns(header, body):
            body = _points_last(body, between, lex)
            header.slots = national
    reader = _Reader(header, lex, ctx)
    reader.section = units
    reader.aligned = aligned
    reader.ends_form = ends_form
    reader.weights_only = weights_only and "weight" in header.slots and "score" in header.slots
    reader.unwrapped = unwrapped
    raws = reader.grid_rows(body) if _by_columns(header, body) else reader.rows(body)
    return raws, reader, aligned, header


OPENS_CUT_ROW = 20.0  # points for the trial row a name and its operator's target open, the document ending there
_PROSE_MARKS = ("。", "，", "；", ",", ";")  # a sentence's or a clause's: a wrapped text's, seldom a name's


def _full_points(row: RawRow) -> bool:
    """The row is scored in full: its 得分 is its 分值."""
    return row.weight is not None and row.score is not None and row.score >= row.weight


def _label_begun(units: list[Unit], header: Header, lex: Lexicon) -> bool:
    """The document, cut off inside the table, ends with the beginning of a label that opens the next row
    ('满意度指' of 满意度指标 on a line of its own, '服务' of 服务对象满意度指标 after '满意度指标'): not the rest of
    the cell above it, nor a row's name. A table's cell is that where it stands in a label column (a label whole
    or not: nothing follows it); text's, where it opens a line (a name that reads as a label, '满意度', may open
    one too: read past, it is lost, where it would have been run into the name above) or follows the row above's
    得分 on its line ('… 20.00 20.00 效益指', text on one line), or follows the one whole label that does, a 一级
    label and no other's 二级, in a table of two label columns (not '成本指标 指', a 二级 label too: the row of a
    table that merges its 一级 labels, its name cut off)."""
    last, before = units[-1], units[-2]
    if header.level_points or last.key not in lex.prefixes or any(c.isdigit() for c in last.key):
        return False  # (under a header giving the levels points, a label is known by its points: '经济' a name)
    labels = {header.cols.get("level1"), header.cols.get("level2")} - {None}
    if last.certain and last.col is not None and header.cols:
        return last.col in labels
    if last.row != before.row:
        return last.gap >= Gap.LINE
    if _score_like(before) is not None:
        return True  # (right after the row above's 得分, on its line: text printed on one line)
    ahead = units[-3] if len(units) > 2 else None
    opens = (ahead is None or (ahead.row != before.row and before.gap >= Gap.LINE) or _score_like(ahead) is not None
             or ahead.text.rstrip().endswith(SENTENCE_END) or lex.indicator_column(ahead.key) is not None)
    # (on one line: after the row above's 得分, its 偏差原因 ending a sentence, or the header's last heading)
    return (opens and _whole_level(before.key, lex)
            and (label := lex.level(before.key)) in lex.levels and lex.level2_parent.get(label, label) == label
            and {"level1", "level2"} <= set(header.slots))


def _breaks_down(raw: RawRow) -> bool:
    """A row breaking the row above down, printed without points (`其中桃树种植面积 | 1.5亩 | 1.5亩`, or one found
    under a row printing its points alone, `_parts_below_bare`)."""
    return raw.part or bool(_SUB_ROW.match(raw.name or ""))


def _points_unborne(raws: list[RawRow]) -> bool:
    """A reading of a table as scored that its points do not bear out: fewer than half its rows (breakdown rows
    aside) print a 分值 or a 得分, or the 分值 of its rows printing both add up past a whole form's (`审查调查次数
    8 8`, `问题线索处置率 100 100`: each row's target and actual read as its points, the 分值 and 得分 cells
    blank; not a lone number, `100` of a `100%` a stored page cut)."""
    own = [r for r in raws if not _breaks_down(r)]
    scored = sum(r.weight is not None or r.score is not None for r in own)
    return 2 * scored < len(own) or sum(r.weight for r in raws if r.weight is not None and r.score is not None
                                        ) > MAX_POINTS + 0.5


def _points_doubtful(raws: list[RawRow], weights_only: bool) -> bool:
    """A reading of plain text as scored worth checking against one without points: a row (breakdown rows aside)
    lacks its points — its 得分 too where the form is scored —, or the points are unborne."""
    return any(r.score is None and (r.weight is None or not weights_only) and not _breaks_down(r)
               for r in raws) or _points_unborne(raws)


def _reads_better_unscored(raws: list[RawRow], bare: list[RawRow], blank: bool) -> bool:
    """The reading without points (`bare`) reads the table as the reading as scored (`raws`) could not: as many
    rows where the points are unborne, more where the search for points ran rows together — but where points
    were read, no row of the other reading ends in a number (its points, not blank: '服务满意度 | ≥90% | … | 10.00')."""
    if not blank and any(_score_like_text(r.deviation) is not None for r in bare):
        return False
    return (len(bare) >= len(raws) and _points_unborne(raws)
            or len(bare) > len(raws) and _run_together(raws, bare))


def _scores_at_ends(bare: list[RawRow]) -> bool:
    """A third of the rows of a reading without points or more (breakdown rows aside, two or more) end in a
    number after their 实际完成值: their 得分, printed in a table whose 分值 column is blank (the others' cells
    cut badly for want of it: `BPAA 算法…及时性 | 及时 | 达成指标 15.00`; `_scored_alone` tells)."""
    own = [r for r in bare if not _breaks_down(r)]
    return len(own) >= 2 and 3 * sum(_score_like_text(r.deviation) is not None for r in own) >= len(own)


def _scored_alone(rows: list[RawRow], least: int) -> bool:
    """A reading of a table under its 得分 alone that reads it: as many rows as `least`, each (breakdown rows
    aside; but one) with its 得分, and no number after a 得分 (the number before it a 分值 after all: `40 40`)."""
    own = [r for r in rows if not _breaks_down(r)]
    return (len(rows) >= least and sum(r.score is None for r in own) <= 1
            and not any(r.score is not None and _score_like_text(r.deviation) is not None for r in own))


def _run_together(raws: list[RawRow], bare: list[RawRow]) -> bool:
    """A row of a reading of a table as scored below whose first line, and above the next row's, the reading
    without points starts a whole row (a name, a target and an actual): rows the search for points ran together
    (`机关干部参与率 80 80` read as points, the rows below it, printing none, its 偏差原因). Where the rows stand on
    one line (a document on one line), no line tells: any row more is such a one. Breakdown rows found under rows
    printing their points alone bear those points out: no such reading ran rows together."""
    if any(_breaks_down(raw) for raw in raws):
        return False
    if len({raw.line for raw in raws}) == 1:
        return True
    for k, raw in enumerate(raws):
        if raw.line is not None:
            end = next((r.line for r in raws[k + 1:] if r.line is not None), None)
            if any(r.line is not None and raw.line < r.line and (end is None or r.line < end) and r.name
                   and r.target and r.actual for r in bare):
                return True
    return False


def read_indicators(units: list[Unit], lex: Lexicon, ctx: Context, ends_form: bool = False,
                    weights_only: bool = False, unwrapped: bool = False) -> list[Indicator]:
    """The indicator rows; `ends_form`: the form ends inside the table (no total, grade or words after it);
    `weights_only`: the form is not scored yet (its 总分 row prints the 分值's 100 alone); `unwrapped`: the
    document prints a long cell on one line (`line_longer_than_a_page`)."""
    units = join_vertical_labels(units, lex)
    header, start = read_header(units, lex)
    if header.renamed:
        said = "，".join(f"“{text}”读作{SLOT_ZH[slot]}" for text, slot in header.renamed)
        ctx.warn("P034", f"绩效指标表有不是常见列名的列，已按列的顺序认定：{said}，请核对原件", "indicators",
                 units[0].line if units else None)
    if header.unread:
        ctx.warn("P036", f"绩效指标表的“{'”“'.join(header.unread)}”列在记录中没有对应栏目，该列内容未读入记录",
                 "indicators", units[0].line if units else None)
    if ends_form and len(units) > start + 1 and _label_begun(units, header, lex):
        ctx.warn("P038", f"第 {units[-1].line} 行：文档在标签“{units[-1].text}”处中断（未写完），这几个字未读入",
                 "indicators", units[-1].line)
        units = units[:-1]
    if (other := _another_table(units, start, header, lex)) is not None:
        ctx.warn("P003", f"第 {units[other].line} 行起是另一张表（“{units[other].text[:20]}”等 "
                 f"{sum(u.row == units[other].row for u in units[other:])} 列），记录中没有对应栏目，未读入",
                 "indicators", units[other].line)
        units, ends_form = units[:other], False
    mark = ctx.mark()
    reading = _rows_under(header, units, start, lex, ctx, ends_form, weights_only, unwrapped)
    raws, reader, aligned, read = reading
    blank_points = unheaded = False
    # text with no column to tell a 分值 from a target (no cell boundary, no alignment, no place on a page)
    plain = not aligned and not any(u.certain or u.box is not None for u in units[start:])
    scored = "weight" in read.slots and "score" in read.slots and not read.unscored and bool(raws)
    blank = all(r.weight is None and r.score is None for r in raws)
    if scored and blank and aligned:  # (column-aligned text: the columns placed every cell, none under 分值)
        blank_points = True
    elif scored and (blank or plain and _points_doubtful(raws, weights_only)):
        reading, blank_points = _reread_without_points(reading, header, blank, mark, units, start, lex, ctx,
                                                       ends_form, weights_only, unwrapped)
        raws, reader, aligned, read = reading
    elif (raws and header.unscored and not {"weight", "score"} & set(header.slots)
          and header.slots[-1] in header.fields
          and (plain or (col := _unheaded_column(header, units[start:])) is not None)):
        reading = _reread_with_scores(reading, header, None if plain else col, mark, units, start, lex, ctx,
                                      ends_form, weights_only, unwrapped)
        raws, reader, aligned, read = reading
        unheaded = "score" in read.slots
    if blank_points:
        ctx.warn("P037", "绩效指标表的分值、得分列全部空白（表格尚未评分），各指标的分值、得分为空",
                 "indicators", raws[0].line)
    header = read
    for raw in raws:
        if raw.deviation and is_page_number(raw.deviation, beside_form_feed=False):
            raw.deviation = None  # a page's footer ('- 3 -') run into the row's end, no 偏差原因
    if "target" in header.fields or set(COMPOSITE) & set(header.fields):
        for raw in raws:
            if raw.target is None and raw.name and (glued := _GLUED_TARGET.match(raw.name)):
                raw.name, raw.target = glued.group(1), glued.group(2)  # the row's target, glued to its name
                raw.sure, raw.short = min(raw.sure, 0.9), False
    indicators = []
    blank = {slot: {r for col, first, last in ctx.blank_merges if col == header.cols.get(slot)
                    for r in range(first, last + 1)} for slot in ("level1", "level2")}
    _labels_back(raws, lex)
    boxes: dict[int, list[tuple[str, tuple[float, float, float, float], int]]] = {}
    if reader.vertical:
        _beside_tall_labels(raws, lex)
        for u in units:
            if u.box is not None:
                boxes.setdefault(u.line, []).append((u.key, u.box, u.page or 0))
    levels = resolve_levels(raws, lex, reader.vertical, (blank["level1"], blank["level2"]), boxes,
                            reader.ends_form)
    unscored = (header.unscored or blank_points) and all(raw.weight is None and raw.score is None for raw in raws)
    if unscored and raws and not blank_points:
        ctx.warn("P031", "绩效指标表没有分值、得分列（如转移支付区域绩效自评表），各指标的分值、得分为空",
                 "indicators", raws[0].line)
    elif unheaded:
        unscored = True
        ctx.warn("P042", "绩效指标表各行末尾有一列没有列名的数字，已按得分读取，各指标的分值为空，请核对原件",
                 "indicators", raws[0].line)
    elif header.score_only and raws and not header.points_blank:
        unscored = True  # (no row has a 分值 to miss)
        ctx.warn("P035", "绩效指标表只有得分列、没有分值列，各指标的分值为空", "indicators", raws[0].line)
    elif len(raws) >= 2 and all(raw.weight is None and raw.score is not None for raw in raws):
        unscored = True  # (every row scored, its 分值 cell blank: said once, not row by row)
        ctx.warn("P041", "绩效指标表的分值列全部空白（只填了得分），各指标的分值为空", "indicators", raws[0].line)
    parts: list[int | None] = []  # the lines of rows that break down the row above, unscored
    for k, (raw, (level1, level2, sure1, sure2)) in enumerate(zip(raws, levels, strict=True)):
        if raw.name:
            raw.name = _PLACEHOLDER_PREFIX.sub("", raw.name)
        ind = Indicator(level1=level1, level2=level2, name=raw.name, target=raw.target, actual=raw.actual,
                        weight=raw.weight, score=raw.score, deviation=raw.deviation)
        path = f"indicators.{k}"
        ctx.at(path, raw.line)
        if raw.sure < 1.0:
            for name in ("name", "target", "actual", "deviation"):
                ctx.sure(f"{path}.{name}", raw.sure)
        if sure1 < 1.0:
            ctx.sure(f"{path}.level1", sure1)
        if sure2 < 1.0:
            ctx.sure(f"{path}.level2", sure2)
        if raw.weight is None and raw.score is None and _breaks_down(raw):
            parts.append(raw.line)  # ('其中桃树种植面积 | 1.5亩 | 1.5亩': a part of the row above, scored there)
        elif (raw.weight is None or raw.score is None) and not unscored:
            ctx.warn("P030", f"指标“{raw.name or '（无名称）'}”未读到分值或得分（应为行末两个数字），按空值处理",
                     f"{path}.score", raw.line)
        if raw.short:
            ctx.warn("P033", f"指标“{raw.name}”只读到两格，按三级指标和实际完成值读取，年度指标值为空",
                     f"{path}.target", raw.line)
        elif raw.after_last and raw.target is not None and raw.actual is None and k == len(raws) - 1:
            ctx.warn("P033", f"指标“{raw.name}”只读到两格（表格在此中断），按三级指标和年度指标值读取，实际完成值为空",
                     f"{path}.actual", raw.line)
        if raw.name is None:
            ctx.warn("P032", "指标行未读到三级指标名称", f"{path}.name", raw.line)
        if raw.sure < LOW_CONFIDENCE:
            ctx.warn("P040", f"指标“{raw.name or '（无名称）'}”的各格切分不确定（置信度 {raw.sure:.2f}），请核对原件",
                     f"{path}.name", raw.line)
        indicators.append(ind)
    if parts and not unscored:
        known = [n for n in parts if n is not None]
        where = f"第 {'、'.join(str(n) for n in known[:5])}{'等' if len(known) > 5 else ''} 行的 " if known else ""
        ctx.warn("P030", f"{where}{len(parts)} 个分项行（细分上一行，如“其中…”）没有分值和得分（分值在上一行），"
                 "按空值处理", "indicators", known[0] if known else None)
    return indicators


def _another_table(units: list[Unit], start: int, header: Header, lex: Lexicon) -> int | None:
    """Where another table follows the indicator table in a table of certain cells (a report's table of each
    school's 培训人数 and 补助资金 under a 绩效指标表 with no 总分 row): the first row of certain cells that fills
    three columns more than the header (its slots, or its widest row where it prints more headings), none of them
    a level label — no row of this table. None if none."""
    width = max(len(header.slots), *Counter(u.row for u in units[:start] if u.certain).values(), 0)
    wide = {row for row, n in Counter(u.row for u in units[start:] if u.certain).items() if n >= width + 3}
    for row in sorted(wide):  # (most tables have none: counted first)
        at = [k for k in range(start, len(units)) if units[k].row == row and units[k].certain]
        if (at[0] == start or units[at[0] - 1].row != row) and all(units[k].text.strip() for k in at) and not any(
                _is_label(units[k], lex) == "level" for k in at):
            return at[0]
    return None


def _reread_without_points(reading: _Reading, header: Header, blank: bool, mark: int, units: list[Unit],
                           start: int, lex: Lexicon, ctx: Context, ends_form: bool, weights_only: bool,
                           unwrapped: bool) -> tuple[_Reading, bool]:
    """A scored table's rows read again without points, where its points are all blank or, in plain text,
    doubtful: the reading (as scored, without points, or under 得分 alone — P041) that reads it, and whether its
    points are blank. Every 分值 and 得分 left blank (a form published before it was scored): no row ends at its
    points, so the rows are read as a table without those columns where that finds as many (before, in text that
    keeps no empty cell: the whole table one row; in a table, a 偏差原因 run into the 实际完成值) — and, in text,
    where the search for points took a few rows' bare-number targets and actuals for points (`8 8`). `mark`: the
    context before the first reading, whose warnings the chosen one keeps."""
    raws = reading[0]
    first = ctx.mark()
    ctx.rewind(mark)
    bare = Header(tuple(s for s in header.slots if s not in ("weight", "score")),
                  {k: v for k, v in header.cols.items() if k not in ("weight", "score")}, unscored=True,
                  renamed=header.renamed, unread=header.unread, points_blank=True)
    again = _rows_under(bare, units, start, lex, ctx, ends_form, weights_only, unwrapped)
    second = ctx.mark()
    if (2 * sum(r.weight is not None and r.score is not None for r in raws) < len(raws)
            or _points_unborne(raws)) and _scores_at_ends(again[0]):
        # (few rows read with both points, or points unborne, and read without, rows end in a number: their
        # 得分, the 分值 column left blank — P041; read as such)
        ctx.rewind(mark)
        alone = _rows_under(replace(bare, slots=tuple(s for s in header.slots if s != "weight"),
                                    cols={k: v for k, v in header.cols.items() if k != "weight"}),
                            units, start, lex, ctx, ends_form, weights_only, unwrapped)
        if _scored_alone(alone[0], len(raws)):
            return alone, False
        ctx.rewind(second)
    if _reads_better_unscored(raws, again[0], blank):
        return again, True
    ctx.rewind(first)
    return reading, False


def _unheaded_column(header: Header, body: list[Unit]) -> int | None:
    """The column right of a table's last heading, where its rows' certain cells are all points-like numbers
    (two rows or more): a 得分 column printed without a heading."""
    if not header.cols or not header.contiguous:
        return None
    col = max(header.cols.values()) + 1
    cells = [u for u in body if u.certain and u.col == col and u.text.strip()]
    if len({u.row for u in cells}) >= 2 and all(_score_like(u) is not None for u in cells) and not any(
            u.certain and u.col is not None and u.col > col and u.text.strip() for u in body):
        return col
    return None


def _reread_with_scores(reading: _Reading, header: Header, col: int | None, mark: int, units: list[Unit],
                        start: int, lex: Lexicon, ctx: Context, ends_form: bool, weights_only: bool,
                        unwrapped: bool) -> _Reading:
    """A table under a header naming no points whose rows each end in a number after their cells — in plain
    text, or in a table's column `col` right of its last heading (`_unheaded_column`): a 得分 column with no
    heading (the 区域 forms that print each block's points where a heading would be: `年度指标值 实际完成指标值
    50`, then `指标2:违法案件查办率 100% 100% 4`). Read with that column where every row (but one, a page cut)
    reads whole — name, target, actual and 得分 — with at least as many rows, and the scores add up to no more
    than a whole form's; else the reading without it stands."""
    raws = reading[0]
    first = ctx.mark()
    ctx.rewind(mark)
    cols = header.cols if col is None else {**header.cols, "score": col}
    if col is not None and 0 < start < len(units) and units[start].row == units[start - 1].row:
        start += 1  # (the header's own number there: the points of the block, '实际完成指标值 | 50')
    scores = _rows_under(replace(header, slots=(*header.slots, "score"), cols=cols), units, start, lex, ctx,
                         ends_form, weights_only, unwrapped)
    rows = [r for r in scores[0] if not _breaks_down(r)]
    whole = sum(r.name is not None and r.target is not None and r.actual is not None and r.score is not None
                for r in rows)
    if (len(scores[0]) >= len(raws) and len(rows) >= 2 and whole >= len(rows) - 1
            and sum(r.score for r in rows if r.score is not None) <= MAX_POINTS + 0.5):
        return scores
    ctx.rewind(first)
    return reading


_SUB_ROW = re.compile(r"^其中[:：]?")  # a row that breaks down the one above ('其中桃树种植面积')


def _points_first(header: Header) -> int:
    """Cells a header puts between 分值 and 得分 (分值 before 年度指标值 and 实际完成值, as some provinces print
    it), or 0 when 分值 is followed by 得分 as on the national form."""
    slots = header.slots
    if "weight" not in slots or "score" not in slots or slots.index("weight") > slots.index("score"):
        return 0
    return sum(1 for s in slots[slots.index("weight") + 1:slots.index("score")] if s in CELL_ORDER or s in COMPOSITE)


def _points_last(body: list[Unit], between: int, lex: Lexicon) -> list[Unit]:
    """Rows under a header with 分值 before the cells `between` it and 得分, in plain text or in a table whose
    rows start under merged labels (no column tells a cell's slot): each row's 分值 moved to just before its
    得分, so the row reads as the national form's. A row's 分值 is a points-like number followed by
    its cells (as many as the header puts there, or more where a cell's text is wrapped or spaced) and then by
    a 得分 no greater than it, with no level label between (that is the next row)."""
    out = list(body)
    i = 0
    while i < len(out):
        weight = _score_like(out[i])
        if weight is None:
            i += 1
            continue
        if (i + 1 < len(out) and out[i + 1].row == out[i].row and (score := _score_like(out[i + 1])) is not None
                and score <= weight + 1e-9 and decimals(out[i + 1].text) == decimals(out[i].text)
                and (i + 2 == len(out) or out[i + 2].row != out[i].row)):
            i += 2  # a row printing no cells between its 分值 and 得分, its line ending there ('★补助各类粮食作物
            continue  # 种植面积 10 10': its parts below break it down): read as printed
        for j in range(i + between + 1, min(i + between + MAX_FRAGMENTS, len(out))):
            if _is_label(out[j - 1], lex) == "level":
                break
            score = _score_like(out[j])
            after = out[j + 1] if j + 1 < len(out) else None
            if (after is not None and after.gap == Gap.SPACE and after.row == out[j].row and is_measure(after.key)
                    and not decimals(out[j].text) == decimals(out[i].text) > 0):
                continue  # a number with its measure ('2 次'): a 实际完成值, not a 得分 (printed as its 分值 is)
            if score is not None and score <= weight + 1e-9:
                out[i:j] = [*out[i + 1:j], out[i]._replace(gap=out[i + 1].gap, x=out[j].x)]
                i = j
                break
        i += 1
    return out


def _renumbered(body: list[Unit], where: dict[int, int]) -> list[Unit]:
    """Cells of column-aligned rows under new column numbers, each source row's cells in their new order (the
    row's gap on its first, the empty cells before each counted anew)."""
    out: list[Unit] = []
    start = 0
    for k in range(1, len(body) + 1):
        if k == len(body) or body[k].row != body[start].row:
            row = body[start:k]
            cols = [where.get(u.col, u.col) if u.col is not None else -1 for u in row]
            last = -1
            for n, i in enumerate(sorted(range(len(row)), key=lambda i: cols[i])):
                u, col = row[i], cols[i]
                out.append(u._replace(col=None if col < 0 else col, gap=row[0].gap if n == 0 else Gap.CELL,
                                      empties=max(0, col - last - 1)))
                last = col
            start = k
    return out


def _without_row_numbers(body: list[Unit], col: int | None) -> list[Unit]:
    """The body without the row numbers of a first column the templates do not know ('序号' before 一级指标): 1, 2,
    3 … each starting its row (in that column where the source knows columns) and followed by a cell that is not
    a number."""
    out: list[Unit] = []
    expected = 1
    for k, u in enumerate(body):
        after = body[k + 1] if k + 1 < len(body) else None
        starts_row = u.col == col if col is not None and u.col is not None else (
            not out or out[-1].row != u.row)
        if (u.key == str(expected) and starts_row and after is not None and number(after.text) is None):
            expected += 1
            continue
        out.append(u)
    return out


_DIGITS = re.compile(r"\d+")


def _page_of(units: list[Unit]) -> int | None:
    """The number of the page whose footer or bare number `units` print."""
    digits = _DIGITS.search(" ".join(u.text for u in units))
    return int(digits.group()) if digits else None


def page_number_at_end(out: list[Unit], after: Unit | None = None) -> int:
    """How many of the last units are a page's number printed at the foot of a page, before a table's header (one
    the next page repeats, or the indicator table's below the goals, `after` its first unit): a footer's shape
    ('- 3 -', '第 2 页', in one piece or in words); or a bare number after a table row of certain cells (between
    two tables of a web page or LaTeX), after a sentence or a 偏差原因 of '无' (no cell comes after it), after a
    row's 分值 and 得分 where it cannot be the 得分 (more than the number before it: '3 3 4'), where they print
    decimals it has not ('7.00 7.00 4') or follow a text without digits, the row's 实际完成值 ('达成指标 12 12 2'),
    or two values no 分值 can be, its 年度指标值 and 实际完成值 ('≥98% 100% 8 8 3'), or a 年度指标值 with its
    operator and a bare 实际完成值 ('≤1.3 1.25 5 5 2'); or set apart by blank lines
    where the cells before it are not."""
    for k in (3, 2, 1):
        if len(out) > k and is_footer(out[-k:]):
            return k
    if len(out) < 2 or not bare_number(out[-1], 1):
        return 0
    before = out[-2]
    if before.certain or before.text.endswith(SENTENCE_END) or before.key in ("无", "暂无"):
        return 1  # (also after a 偏差原因 of '无': nothing of the row comes after it)
    if out[-1].gap >= Gap.BLANK and after is not None and after.gap >= Gap.BLANK and before.gap < Gap.BLANK:
        return 1
    score = _score_like(before)
    weight = _score_like(out[-3]) if len(out) >= 3 else None
    if score is None or weight is None or score > weight:
        return 0
    if len(out) >= 4 and not out[-4].certain and IDEOGRAPH.search(out[-4].key) and not _DIGITS.search(out[-4].key):
        return 1  # (after a text without digits, the row's 实际完成值 '达成指标', two numbers are its 分值 and 得分)
    if len(out) >= 5 and all(not u.certain and _DIGITS.search(u.key) and _score_like(u) is None for u in out[-5:-3]):
        return 1  # (after two values no 分值 can be, its 年度指标值 and 实际完成值 '≥98% 100%', likewise)
    if (len(out) >= 5 and not out[-5].certain and OPERATOR_START.match(out[-5].key)
            and _score_like(out[-5]) is None and _score_like(out[-4]) is not None):
        return 1  # (after a 年度指标值 with its operator and a bare 实际完成值, '≤1.3 1.25 5 5 2', likewise)
    # (after a 分值 and 得分 printed with decimals, a whole number is none of the table's: '7.00 7.00 4')
    return int(score < int(out[-1].key) or decimals(before.text) == decimals(out[-3].text) > 0)


def _page_number_inside(out: list[Unit]) -> bool:
    """Before a header repeated after a page break, a bare number on a line of its own between a text cut
    mid-sentence and the rest of it (`…宣传覆盖面不足，下一` / `3` / `步拓宽宣传渠道。`): the page's number, printed
    between the row's lines the break cut. Not after a number (`3` / `2` / `部分资金…。`: a row's 分值, its 得分
    and its 偏差原因)."""
    if len(out) < 3 or not bare_number(out[-2], 2):
        return False
    cut, rest = out[-3], out[-1]
    return (out[-2].gap >= Gap.LINE and rest.gap >= Gap.LINE and not cut.certain and not rest.certain
            and not cut.text.endswith(SENTENCE_END) and rest.text.endswith(SENTENCE_END)
            and _score_like(rest) is None and _score_like(cut) is None)


def _page_number_opening(units: list[Unit], i: int, lex: Lexicon) -> int:
    """How many units opening the body are a page's number: a footer's shape (`- 3 -`, in one piece or in
    words), or a bare number of 2 or more on a line of its own or before a level label (a document on one line:
    `… 偏差原因分析及改进措施 2 产出指标 …`)."""
    if k := footer_at(units, i):
        return k
    if not bare_number(units[i], 2):
        return 0
    if i + 1 < len(units) and not units[i + 1].certain and lex.level(units[i + 1].key):
        return 1
    return int(units[i].gap >= Gap.LINE and (i + 1 == len(units) or units[i + 1].gap >= Gap.LINE))


_SCORE_GLUED = re.compile(r"^(\d{1,3}(?:\.\d{1,2})?)([\u4e00-\u9fff].*)$")


def _scores_apart(units: list[Unit]) -> list[Unit]:
    """A 得分 and the 偏差原因 after it taken out as one word (`5 0外埠出差增多。`, `10 7.5部分网点市民领取率较低。`:
    pdfplumber prints no space where the gap between the cells is narrow) are two cells: a number right after a
    number of its line, then three words or more that are no measure of it (`5 10个` is a target and what was
    achieved; the vocabulary knows not every measure, `14种`), a sentence, or `无` (`18 18无`)."""
    out: list[Unit] = []
    for u in units:
        m = None if u.certain or not out else _SCORE_GLUED.match(u.key)
        if (m and out[-1].row == u.row and not out[-1].certain and number(out[-1].key) is not None
                and points(m.group(1)) is not None
                and (len(m.group(2)) >= 3 and not counted(m.group(1), m.group(2))
                     or len(m.group(2)) > 4 and m.group(2).endswith(SENTENCE_END) or is_dash(m.group(2)))):
            cut = len(m.group(1))
            out.append(u._replace(text=u.text[:cut], key=u.key[:cut]))
            out.append(u._replace(text=u.text[cut:].lstrip(), key=u.key[cut:], gap=Gap.SPACE, x=u.x + cut))
        else:
            out.append(u)
    return out


def _clean_body(units: list[Unit], lex: Lexicon) -> list[Unit]:
    """The body without a header (with its caption) or page title repeated where a page goes on with the table
    (and a page number at the foot of the page before it; a title marked 续 too), nor the placeholders of template
    rows left unfilled in plain text ('指标2', '……': in a table such a row is read and dropped whole)."""
    out: list[Unit] = []
    columns = [lex.indicator_column(u.key) for u in units]
    page = None  # the number of the last page whose number was read past: pages are numbered in order
    turned = False  # a header repeated after a page break was read past: the next cell opens the new page
    i = 0
    while i < len(units):
        u = units[i]
        if (lex.title_word in u.key and title_of(u, lex)) or (not u.certain and _EMPTY_ROW_MARK.match(u.key)):
            i += 1
            continue
        if not out and (k := _page_number_opening(units, i, lex)):
            # the page's number where a page break follows the header (a row number starts at 1)
            page = _page_of(units[i:i + k])
            i += k
            continue
        if columns[i] is not None:
            # (its caption too, 绩效指标 before the headings: in text without cells it would go on the row above)
            start = i + (columns[i] == "caption")
            j = start
            while j < len(units) and columns[j] is not None:
                j += 1
            if j - start >= 3:
                k = page_number_at_end(out, u)
                if not k and page is not None and out and bare_number(out[-1], 2) and int(out[-1].key) == page + 1:
                    k = 1  # the next page's number before the header it repeats ('8 8 4' after page 3: not a 得分)
                if k:
                    page = _page_of(out[-k:])
                del out[len(out) - k:]
                if not k and _page_number_inside(out):
                    page = int(out[-2].key)
                    out[-2:] = [out[-1]._replace(gap=Gap.PAGE)]  # (the rest goes on over the page break)
                turned = bool(out)
                i = j
                continue
        if turned and u.gap < Gap.PAGE:
            u = u._replace(gap=Gap.PAGE)
        turned = False
        out.append(u)
        i += 1
    return out
