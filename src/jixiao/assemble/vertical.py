"""A merged label printed down its column a character per row.

A label set vertically in a merged cell (竖排), or typed a character per cell down a workbook's column, reaches
the text as single characters, each opening a row of the indicator table: `产` / `出` / `指` / `标` beside the
rows of its block. Read down, they make a level label of the templates; read across, each would be taken for the
start of its row's name. They are joined into that label, standing on the first character's row and covering
the rows down to the last one's as a merged cell does (the levels resolver keeps the rows of a merged cell
under its label), on its first character's line.
"""

from __future__ import annotations

import re

from jixiao.assemble.lexicon import Lexicon, is_points_only, label_key
from jixiao.assemble.stream import LINE_CELLS, Unit
from jixiao.assemble.text import fold
from jixiao.read.normalise import IDEOGRAPH

MIN_LABEL = 2  # characters: '产出', '效益', '满意度指标'
MAX_SKIPPED = 2  # single characters between two of a label's that continue no label (a one-character 偏差原因
# '无' of each row between them, in text with a cell per line)


def _single(u: Unit) -> bool:
    """One CJK character alone in its cell (its key one character long)."""
    return "\u4e00" <= u.key <= "\u9fff"


def join_vertical_labels(units: list[Unit], lex: Lexicon) -> list[Unit]:
    """The body with each level label printed a character per row joined into one unit (see the module)."""
    singles = [i for i, u in enumerate(units) if len(u.key) == 1 and _single(u)]
    if len(singles) < MIN_LABEL:
        return units  # (most tables)
    rows: dict[int, int] = {}
    for u in units:
        rows[u.row] = rows.get(u.row, 0) + 1
    # (a row holding more cells than a table's: the document on one line, every cell a candidate)
    chars = [i for i in singles if i == 0 or units[i - 1].row != units[i].row or rows[units[i].row] > LINE_CELLS]
    if len(chars) < MIN_LABEL:
        return units
    joined: dict[int, Unit] = {}  # first character's index -> the label
    dropped: set[int] = set()
    k = 0
    while k < len(chars):
        # the longest label the next characters make ('产出指标' over '产出'), past a character or two that
        # continue none (the last piece of a name wrapped between them: '…监督完成' / '率')
        key, picked, best, skipped = units[chars[k]].key, [chars[k]], None, 0
        for j in range(k + 1, len(chars)):
            longer = key + units[chars[j]].key
            if longer not in lex.prefixes and not lex.level(longer):
                skipped += 1
                if skipped > MAX_SKIPPED:
                    break
                continue
            key, picked, skipped = longer, picked + [chars[j]], 0
            if lex.level(key):
                best = list(picked)
        if best is None or chars[k] in dropped:
            k += 1
            continue
        pieces = [units[i] for i in best]
        first, last = pieces[0], pieces[-1]
        text = "".join(p.text for p in pieces)
        # (on its first character's line, spanning the rows down to its last: its lines tell where it stands)
        joined[best[0]] = first._replace(text=text, key=fold(text), span=last.row - first.row + first.span)
        dropped.update(best[1:])
        k = chars.index(best[-1]) + 1
    if not joined:
        return units
    out: list[Unit] = []
    lost = 0  # a dropped character's cell, left empty before the next cell of its row
    for i, u in enumerate(units):
        if i in dropped:
            lost = 1 if u.certain else 0
            continue
        if lost and out and u.row == units[i - 1].row and u.certain:
            u = u._replace(empties=u.empties + lost)
        lost = 0
        out.append(joined.get(i, u))
    return out


MAX_PIECE = 4  # characters of a label's piece a narrow column prints on a line below its beginning, at most
MAX_START = 8  # characters of a label's beginning on its first line, at most
MAX_LINES = 8  # lines a label cut in its narrow column runs over, at most
MAX_QUIET = 2  # lines in a run that print no piece of a label (a wrapped cell's lines below a short label)
_POINTS = re.compile(r"\d+(?:\.\d+)?")  # a row's 分值 or 得分: two on a line are a row's line


def label_goes_on(key: str, piece: str, lex: Lexicon) -> bool:
    """Whether `piece` continues the label begun as `key`: into a label or a label's beginning; a whole label
    only into a longer label word ('产出' + '指标', not '数量指标' + '等'), and a 一级 label not into a 二级 one
    (`lex.two_labels`: '产出' + '质量' are two labels, not 产出质量)."""
    longer = key + piece
    if level := lex.level(key):  # (or on the way to its own label word, a character a line: '数量' / '指' / '标';
        # a piece in brackets only as the label's points: '(2022年度)' after it is a title's year)
        bare = label_key(longer)
        return (bare in lex.words and (bare != label_key(key) or is_points_only(piece))
                or len(longer) < len(level) and level.startswith(longer)) and not lex.two_labels(key, piece)
    return bool(lex.level(longer)) or longer in lex.prefixes


def join_wrapped_labels(units: list[Unit], lex: Lexicon) -> list[Unit]:
    """The body of flowed text with each level label its narrow column wrapped over lines made whole again.

    A merged label cell's lines reach a PDF's or a converter's text as the first pieces of the lines beside
    it, whoever's row those lines are: `满意 服务对 企业满意度 ≥80% …` / `度指 象满意 参训人员满意度 …` / `标 度指标`.
    Read down in the labels' order, the pieces make the labels; read across, each would open its line's row or
    run into its cells. Where the pieces that open the following lines finish every label begun on a line (in
    order, a label already whole passed over), they are joined on that first line and taken off the others;
    where they do not, nothing changes."""
    lines: list[list[int]] = []
    for i, u in enumerate(units):
        if lines and units[lines[-1][0]].line == u.line:
            lines[-1].append(i)
        else:
            lines.append([i])
    joined: dict[int, Unit] = {}
    dropped: set[int] = set()
    n = 0
    while n < len(lines):
        first = units[lines[n][0]]
        # (a line of one piece, or of certain cells, begins no run: the labels stand beside a row's cells)
        run = None if len(lines[n]) < 2 or first.certain else _wrapped_run(units, lines, n, lex)
        if run is None:
            n += 1
            continue
        columns, last = run
        for pieces in columns:
            text = "".join(units[i].text for i in pieces)
            joined[pieces[0]] = units[pieces[0]]._replace(text=text, key=fold(text))
            dropped.update(pieces[1:])
        n = last + 1
    if not joined:
        return units
    return [joined.get(i, u) for i, u in enumerate(units) if i not in dropped]


def _wrapped_run(units: list[Unit], lines: list[list[int]], n: int, lex: Lexicon
                 ) -> tuple[list[list[int]], int] | None:
    """The labels begun at line `n` and finished by the pieces opening the lines below (each a list of unit
    indices, first the one on line `n`), with the last line used; None where no piece goes on with them or they
    do not all end whole. A label whole on line `n` may go on ('成本' / '指标'), as far as the pieces go."""
    first = lines[n]
    columns: list[list[int]] = []
    keys: list[str] = []
    for i in first[:2]:
        u = units[i]
        if u.certain or not IDEOGRAPH.search(u.key) or len(u.key) > MAX_START or not (
                u.key in lex.prefixes or lex.level(u.key)):
            break
        columns.append([i])
        keys.append(u.key)
    if len(columns) == len(first):
        return None  # (nothing else on the line: no row beside the labels)
    quiet, last, crosses, points = 0, None, False, False  # (points: a label's points taken as its rest)
    for m in range(n + 1, min(len(lines), n + 1 + MAX_LINES)):
        took = False
        k = 0
        line = lines[m]
        for c, key in enumerate(keys):
            if k == len(line):
                break
            u = units[line[k]]
            if u.certain or not IDEOGRAPH.search(u.key) or len(u.key) > MAX_PIECE and not any(
                    lex.level(begun + u.key) for begun in keys):  # (a rest a reader joined already: '满意度指标')
                break
            if label_goes_on(key, u.key, lex):
                keys[c] = key + u.key
                columns[c].append(line[k])
                k, took, points = k + 1, True, points or is_points_only(u.key)
        whole = all(lex.level(key) for key in keys)
        if took:
            quiet, last = 0, m
            crosses = crosses or sum(1 for i in line[k:] if _POINTS.fullmatch(units[i].key)) >= 2
        elif whole:
            break  # (a label whole goes on only into a longer label: '数量' + '指标')
        else:
            quiet += 1
            if quiet > MAX_QUIET:
                return None
    opens_row = sum(1 for i in first[len(columns):] if _POINTS.fullmatch(units[i].key)) >= 2 and not all(
        lex.level(units[pieces[0]].key) for pieces in columns)  # (a label's beginning no label by itself)
    if last is None or not all(lex.level(key) for key in keys) or not (crosses or opens_row and not points):
        return None  # (pieces on a row's wrapped lines only are its labels: the rows' reader joins them; begun on
        # the row's line of points, before its name, they are joined here: '产出 数 2024年培训人次 … 22.00 22.0' /
        # '指标 量 0' / '指' / '标', a column a character wide; not points below, a lost label's: '(30分)'; not
        # labels whole on that line: '服务对象满意度' there may be the row's name, its label centred above it)
    return columns, last
