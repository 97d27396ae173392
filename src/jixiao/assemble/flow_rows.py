"""Indicator rows of a flowed grid: cells were broken into fragments, one printed line per row.

A row ends on the line that carries its 分值 and 得分. The lines since the previous row hold its
三级指标, 年度指标值 and 实际完成值, each possibly wrapped over several lines and blank lines, and level
labels (possibly cut: '社会效益指' … '标') stand on lines of their own before them. The fragments are cut
into the three cells by scoring every way of cutting them: a cell starts at a value ('≥30.00(个)'), its
brackets balance, and its wrapped lines are as wide as each other (the column width) but for the last.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import combinations

from jixiao.assemble import vocab
from jixiao.assemble.rows import RawIndicator, anchor
from jixiao.assemble.text import join, number, tidy, width
from jixiao.read.grid import Row

_VALUE_START = re.compile(r"^[≥≤=<>＞＜》《≧≦]|^\d")
_CONTINUES = re.compile(r"^[、，。；：,.;:）)%】」』”]")
SPACE, NEWLINE, BLANK = 0, 1, 2


@dataclass(slots=True)
class Piece:
    text: str
    line: int | None
    gap: int  # the gap before this piece: SPACE, NEWLINE or BLANK
    on_score_line: bool = False  # first fragment printed on the line of 分值/得分: starts a cell
    # what the scoring of cuts asks of each piece, many times over
    balance: int = field(init=False)  # brackets opened minus closed
    starts_value: bool = field(init=False)  # '≥30.00(个)', '95%'
    continues: bool = field(init=False)  # starts with punctuation that ends what came before ('、', ')')

    def __post_init__(self) -> None:
        text = self.text
        self.balance = text.count("(") + text.count("（") - text.count(")") - text.count("）")
        self.starts_value = bool(_VALUE_START.match(text))
        self.continues = bool(_CONTINUES.match(text))


def _field_points(pieces: list[Piece]) -> float:
    """How well a run of pieces reads as one cell."""
    points = 0.0
    if sum(p.balance for p in pieces) != 0:
        points -= 6
    lines: list[str] = []
    for p in pieces:
        if p.gap == SPACE and lines:
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
    for p in pieces[1:]:
        if p.gap != SPACE and p.starts_value and not p.continues:
            points -= 1.5
        if p.gap == BLANK:
            points -= 0.5
    return points


def _cut_points(piece: Piece, before: Piece) -> float:
    points = {SPACE: 1.0, NEWLINE: 0.0, BLANK: 1.5}[piece.gap]
    if piece.starts_value:
        points += 2.0
    if piece.on_score_line:
        points += 2.5
    if piece.continues or before.balance > 0:
        points -= 4.0
    return points


def split_cells(pieces: list[Piece], count: int = 3) -> list[list[Piece]]:
    """Cut pieces into `count` cells (fewer when there are fewer pieces), best-scoring cut first."""
    count = min(count, len(pieces))
    if count <= 1:
        return [pieces] if pieces else []
    cut_points = {c: _cut_points(pieces[c], pieces[c - 1]) for c in range(1, len(pieces))}
    field_points: dict[tuple[int, int], float] = {}  # by a cell's bounds: the first and last cells recur

    def cell_points(a: int, b: int) -> float:
        if (a, b) not in field_points:
            field_points[a, b] = _field_points(pieces[a:b])
        return field_points[a, b]

    best: tuple[float, tuple[int, ...]] | None = None
    for cuts in combinations(range(1, len(pieces)), count - 1):
        bounds = (0, *cuts, len(pieces))
        points = sum(cut_points[c] for c in cuts)
        points += sum(cell_points(a, b) for a, b in zip(bounds, bounds[1:], strict=False))
        if best is None or points > best[0] + 1e-9:
            best = (points, bounds)
    assert best is not None
    bounds = best[1]
    return [pieces[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]


def _cell_text(pieces: list[Piece]) -> str | None:
    text = ""
    for k, p in enumerate(pieces):
        text = text + " " + p.text if k and p.gap == SPACE else join(text, p.text)
    return tidy(text)


class _Labels:
    """Level labels standing on lines of their own, possibly cut over lines."""

    def __init__(self) -> None:
        self.pending: list[str] = []
        self.buffer = ""

    def take(self, tokens: list[str]) -> list[str]:
        """Consume leading label tokens of a line; return the rest."""
        i = 0
        while i < len(tokens):
            key = vocab.label_key(tokens[i])
            candidate = self.buffer + key
            if vocab.is_label(candidate):
                self.pending.append(candidate)
                self.buffer = ""
            elif i == len(tokens) - 1 and vocab.is_label_prefix(candidate):
                self.buffer = candidate
            elif self.buffer:
                tokens = [self.buffer, *tokens[i:]]
                self.buffer = ""
                return tokens
            else:
                break
            i += 1
        return tokens[i:]


def flow_indicators(rows: list[Row]) -> list[RawIndicator]:
    out: list[RawIndicator] = []
    labels = _Labels()
    pieces: list[Piece] = []
    for row in rows:
        tokens = labels.take([t for t in row.texts if t])
        if not tokens:
            continue
        gap = BLANK if row.break_before else NEWLINE
        w = anchor(tokens)
        body = tokens if w is None else tokens[:w]
        for k, token in enumerate(body):
            pieces.append(Piece(token, row.line, gap if k == 0 else SPACE, on_score_line=w is not None and k == 0))
        if w is None:
            continue
        raw = RawIndicator(labels=labels.pending, line=pieces[0].line if pieces else row.line)
        raw.weight, raw.score = number(tokens[w]), number(tokens[w + 1])
        raw.deviation = tidy(" ".join(tokens[w + 2:])) if tokens[w + 2:] else None
        cells = [_cell_text(c) for c in split_cells(pieces)]
        cells = [None] * (3 - len(cells)) + cells
        raw.name, raw.target, raw.actual = cells
        out.append(raw)
        labels.pending, pieces = [], []
    if pieces:
        raw = RawIndicator(labels=labels.pending, line=pieces[0].line)
        cells = [_cell_text(c) for c in split_cells(pieces)]
        raw.name, raw.target, raw.actual = ([None] * (3 - len(cells)) + cells)
        out.append(raw)
    return out

