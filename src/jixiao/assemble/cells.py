"""Cutting a run of fragments into the cells of a row, by scoring every way of cutting it.

Where the source lost the cell boundaries (flowed PDF text, a document on one line), a row's 三级指标,
年度指标值 and 实际完成值 — or a goal's two texts — are fragments in reading order. A cut is good where the
source shows a boundary (a certain cell boundary, a blank line, a run of spaces), where a value starts
(`≥30.00(个)`), and where the fragments before it make a complete cell: brackets balanced, not ending on a
word that continues, wrapped lines as wide as each other (the column width) but for the last. Each slot may
also ask for a shape (an operator for 指标性质, a number for 指标值, a short word for 度量单位).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import combinations

from jixiao.assemble.text import CONTINUES, GOES_ON, brackets, is_dash, tidy, width
from jixiao.measures import is_measure
from jixiao.read.normalise import IDEOGRAPH, join

_VALUE_START = re.compile(r"^[≥≤=<>＞＜》《≧≦]|^\d")
# a value where a name should be: an operator first, a number with at most a short measure after it, or a number
# ending a clause ('327，超额完成': the 偏差原因 above); not a name opening with a year ('2024年培训人次')
_NAME_LIKE_VALUE = re.compile(r"^[≥≤=<>＞＜》《≧≦]|^\d[\d.,:：/]*\s*(?:[^\d\s]{0,3}$|[，。；、])")
_LATIN_END = re.compile(r"[A-Za-z]$")
_OPERATOR = re.compile(r"^(?:\d{1,3}\s*)?(?:[≥≤=<>]{1,2}|定性|定量|正向|反向|≠)$")
_VALUE = re.compile(r"^[+-]?\d[\d,]*(?:\.\d+)?[万亿千百]?$")
_TARGET_START = re.compile(r"^[≥≤=<>]")
INNER, SPACE, WIDE, NEWLINE, BLANK, CERTAIN = -1, 0, 1, 2, 3, 4  # INNER: a gap known to be inside a cell
MAX_PIECES = 24  # beyond this (text that is no indicator row) every cut is not scored: it would take too long


@dataclass(slots=True)
class Piece:
    text: str
    line: int | None
    gap: int  # the gap before this piece: SPACE, WIDE, NEWLINE, BLANK or CERTAIN
    on_score_line: bool = False  # first fragment printed on the line of 分值/得分: starts a cell
    balance: int = field(init=False)  # brackets opened minus closed
    starts_value: bool = field(init=False)  # '≥30.00(个)', '95%'
    continues: bool = field(init=False)  # starts with punctuation that ends what came before ('、', ')')

    def __post_init__(self) -> None:
        self.balance, self.starts_value, self.continues = _features(self.text)


@lru_cache(maxsize=1 << 14)
def _features(text: str) -> tuple[int, bool, bool]:
    """(brackets opened minus closed, starts a value, starts with punctuation that ends what came before)."""
    return brackets(text), bool(_VALUE_START.match(text)), bool(CONTINUES.match(text))


_DIGIT = re.compile(r"\d")


def _field_points(pieces: list[Piece]) -> float:
    """How well a run of pieces reads as one cell."""
    points = 0.0
    if sum(p.balance for p in pieces) != 0:
        points -= 6
    lines: list[str] = []
    for k, p in enumerate(pieces):
        if k and p.gap == CERTAIN:
            points -= 8  # two certain cells are two cells
        elif (k and p.gap == SPACE and not p.continues and not pieces[k - 1].text.endswith(GOES_ON)
              and not _LATIN_END.search(pieces[k - 1].text)):
            points -= 1.0  # a space inside a printed line is more often a cell boundary than not
        if p.gap <= WIDE and lines:
            lines[-1] += " " + p.text
        else:
            lines.append(p.text)
    if len(lines) > 1:
        widths = [width(ln.replace(" ", "")) for ln in lines]  # spaces inside fragments are artefacts
        column = max(widths)
        for k, w in enumerate(widths[:-1]):
            nxt = lines[k + 1].lstrip()[:1]
            room = column - (w + width(nxt))
            if room >= -0.1:  # a wrapped line stopped short though the next character would have fitted
                penalty = min(3.0, 1.0 + room)
                ascii_edge = lines[k][-1:].isascii() or nxt.isascii()
                points -= penalty / 2 if ascii_edge else penalty
    for k, p in enumerate(pieces[1:], 1):
        if p.gap != SPACE and p.starts_value and not p.continues:
            points -= 1.5
        elif (p.gap == SPACE and p.starts_value and pieces[k - 1].starts_value and pieces[k - 1].balance <= 0
              and _DIGIT.search(p.text) and _DIGIT.search(pieces[k - 1].text)):
            points -= 1.5  # a number a space after a whole number is another cell ('90% 93%'; not '不低于 90%',
            # nor an operator printed apart from its number, '200 ≥')
        if p.gap == BLANK:
            points -= 0.5
        if p.gap == WIDE:
            points -= 1.0
    return points


def _slot_points(slot: str, text: str) -> float:
    """How well a cell's text fits the slot's shape."""
    if slot == "target_kind":
        return 3.0 if _OPERATOR.match(text) else -4.0
    if slot == "target_value":  # (its operator may be glued to it: '=100')
        return 2.0 if _VALUE.match(_TARGET_START.sub("", text).strip()) else -1.0
    if slot == "target_unit":
        return 2.0 if len(text) <= 4 and not _VALUE.match(text) else -3.0
    if slot == "name":  # a name is no value ('235次'; '2024年培训人次' is a name), no blank ('无') and no sentence
        # ('后续加快拨付进度。系统可用率': the 偏差原因 above ends)
        return (-1.0 * bool(_NAME_LIKE_VALUE.match(text)) - 2.0 * is_dash(text)
                - 1.0 * ("。" in text or text.endswith(("；", "！", "？"))))
    if slot == "score":  # a cell of its own only where the table has no 分值 column
        return 2.0 if _VALUE.match(text) else -3.0
    return 0.0


_OPTIONAL = ("target_kind", "target_unit")  # slots a row may leave blank without a loss (and unknown columns)


def fit_slots(texts: list[str | None], slots: tuple[str, ...]) -> tuple[str, ...]:
    """The slots of a row's cells where it has fewer than the header's slots and the source shows no blank
    cells: the order-preserving choice whose cells best fit their slots' shapes ('52 10 19.23%' under
    指标性质 指标值 度量单位 实际完成值 完成率: the 指标值, the 实际完成值 and the 完成率), a blank 指标性质,
    度量单位 or unknown column costing nothing, a blank value a little, a 度量单位 without a 指标值 that is a
    number more. The first cell stays the first slot's. Chosen by dynamic programming over (slot, cell) — a
    stranger's header of many columns makes the choices too many to try one by one — and among choices that fit
    alike, the one taking the earliest slots."""
    if len(texts) >= len(slots) or not texts:
        return slots[:len(texts)]
    n, m = len(slots), len(texts)
    skipped = [0.0 if slot in _OPTIONAL or slot.startswith("extra") else -1.5 for slot in slots]
    has_value = "target_value" in slots
    values = [bool(_VALUE.match(text or "")) for text in texts]
    fits = [[_slot_points(slot, text or "") for text in texts] for slot in slots]
    low = float("-inf")
    # best[j][i][s]: the most points slots j… make of cells i…, where s = 2 × (a 度量单位 was taken before j)
    # + (a 指标值 holding a number was)
    best = [[[low] * 4 for _ in range(m + 1)] for _ in range(n + 1)]
    for j in range(n, -1, -1):
        for i in range(m, -1, -1):
            for state in range(4):
                if i == m:
                    unit, valued = state >> 1, state & 1
                    best[j][i][state] = sum(skipped[j:]) - (3.0 if unit and has_value and not valued else 0.0)
                elif n - j >= m - i:
                    best[j][i][state] = max(_take(best, slots, values, fits, j, i, state),
                                            skipped[j] + best[j + 1][i][state] if i else low)
    chosen: list[str] = []
    j = i = state = 0
    while i < m:  # (the earliest slot that keeps the best: a cell taken as soon as it may be)
        if i == 0 or _take(best, slots, values, fits, j, i, state) >= best[j][i][state] - 1e-9:
            chosen.append(slots[j])
            state = _after(slots[j], values[i], state)
            i += 1
        j += 1
    return tuple(chosen)


def _after(slot: str, value: bool, state: int) -> int:
    """`fit_slots`'s state after a cell is taken for `slot`."""
    return state | (2 if slot == "target_unit" else 0) | (1 if slot == "target_value" and value else 0)


def _take(best: list, slots: tuple[str, ...], values: list[bool], fits: list[list[float]], j: int, i: int,
          state: int) -> float:
    """The points of cell `i` taken for slot `j`, and the best the rest can make after it."""
    return fits[j][i] + best[j + 1][i + 1][_after(slots[j], values[i], state)]


def _cut_points(piece: Piece, before: Piece) -> float:
    points = {INNER: -6.0, SPACE: 1.0, WIDE: 2.0, NEWLINE: 0.0, BLANK: 1.5, CERTAIN: 6.0}[piece.gap]
    if piece.gap == SPACE and not piece.starts_value and (
            _LATIN_END.search(before.text) or _LATIN_END.match(piece.text[:1]) and IDEOGRAPH.match(before.text[-1:])):
        points -= 1.0  # Chinese sets a space around a Latin word inside its text ('BPAA 算法领域…', '完成 GIS')
    if piece.starts_value:
        points += 2.0
    if piece.on_score_line:
        points += 2.5
    if piece.continues or before.balance > 0:
        points -= 4.0
    elif before.text[-1:].isdigit() and is_measure(piece.text):
        points -= 4.0  # a number's measure word alone on the line below ('≥78' / '次'): the number's
    return points


@dataclass
class Cut:
    cells: list[list[Piece]]
    score: float
    runner_up: float | None  # the next best cut's score (None when there was no other way)


def split_cells(pieces: list[Piece], slots: tuple[str, ...] = ("name", "target", "actual"), start: int = 0,
                memo: dict[tuple[str, int, int], float] | None = None) -> Cut:
    """Cut pieces into one cell per slot (fewer when there are fewer pieces), best-scoring cut first.

    A search that scores many runs ending alike (each a suffix of one list of pieces, `start` its offset there)
    passes one `memo`: a cell's points depend only on its slot and its pieces, so each is scored once."""
    count = min(len(slots), len(pieces))
    if count <= 1:
        return Cut([pieces] if pieces else [], 0.0, None)
    if count == len(pieces) and all(p.gap == CERTAIN for p in pieces[1:]):
        return Cut([[p] for p in pieces], 6.0 * (count - 1), None)  # each piece a cell of its own, as printed
    slots = slots[len(slots) - count:] if count < len(slots) else slots
    cut_points = {c: _cut_points(pieces[c], pieces[c - 1]) for c in range(1, len(pieces))}
    if len(pieces) > MAX_PIECES:  # no row has this many fragments: cut where the boundaries are strongest
        cuts = sorted(sorted(cut_points, key=lambda c: -cut_points[c])[:count - 1])
        bounds = (0, *cuts, len(pieces))
        return Cut([pieces[a:b] for a, b in zip(bounds, bounds[1:], strict=False)], 0.0, 0.0)
    field_points = {} if memo is None else memo

    def cell_points(k: int, a: int, b: int) -> float:
        key = (slots[k], start + a, start + b)
        points = field_points.get(key)
        if points is None:
            run = pieces[a:b]
            points = _field_points(run)
            if slots[k] in ("target_kind", "target_value", "target_unit", "name", "score"):
                points += _slot_points(slots[k], "".join(p.text for p in run))
            elif slots[k] in ("target", "actual") and len(run) > 1 and _TARGET_START.match(run[0].text) and any(
                    _TARGET_START.match(p.text) if slots[k] == "target" else p.starts_value for p in run[1:]):
                points -= 1.0  # one value, not a target before it ('≥99% ≥99%', '≥99% 99': a name ends in it)
            field_points[key] = points
        return points

    n = len(pieces)
    if count == n:  # one way to cut: each piece a cell of its own
        points = sum(cut_points.values()) + sum(cell_points(k, k, k + 1) for k in range(n))
        return Cut([[p] for p in pieces], points, None)
    best: tuple[float, tuple[int, ...]] | None = None
    second: float | None = None
    last = count - 1
    for cuts in combinations(range(1, n), last):
        points = 0.0  # every score is a multiple of 1/4: exact in any order of adding
        a = 0
        for k, b in enumerate(cuts):
            points += cut_points[b] + cell_points(k, a, b)
            a = b
        points += cell_points(last, a, n)
        if best is None or points > best[0] + 1e-9:
            if best is not None:
                second = best[0] if second is None else max(second, best[0])
            best = (points, cuts)
        elif second is None or points > second:
            second = points
    assert best is not None
    bounds = (0, *best[1], n)
    return Cut([pieces[a:b] for a, b in zip(bounds, bounds[1:], strict=False)], best[0], second)


def cell_text(pieces: list[Piece]) -> str | None:
    text = ""
    for k, p in enumerate(pieces):
        text = text + " " + p.text if k and p.gap <= WIDE else join(text, p.text)
    return tidy(text)
