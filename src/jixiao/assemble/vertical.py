"""A merged label printed down its column a character per row.

A label set vertically in a merged cell (竖排), or typed a character per cell down a workbook's column, reaches
the text as single characters, each opening a row of the indicator table: `产` / `出` / `指` / `标` beside the
rows of its block. Read down, they make a level label of the templates; read across, each would be taken for the
start of its row's name. They are joined into that label, standing on the first character's row and covering
the rows down to the last one's as a merged cell does (the levels resolver keeps the rows of a merged cell
under its label), on the line of its middle character.
"""

from __future__ import annotations

from jixiao.assemble.lexicon import Lexicon
from jixiao.assemble.stream import LINE_CELLS, Unit
from jixiao.assemble.text import fold

MIN_LABEL = 2  # characters: '产出', '效益', '满意度指标'
MAX_SKIPPED = 2  # single characters between two of a label's that continue no label


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
            key, picked = longer, picked + [chars[j]]
            if lex.level(key):
                best = list(picked)
        if best is None or chars[k] in dropped:
            k += 1
            continue
        pieces = [units[i] for i in best]
        first, last = pieces[0], pieces[-1]
        text = "".join(p.text for p in pieces)
        # (on the line of its middle, as a centred label: where it stands in its span is told by its lines)
        joined[best[0]] = first._replace(text=text, key=fold(text), line=pieces[(len(pieces) - 1) // 2].line,
                                         span=last.row - first.row + first.span)
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
