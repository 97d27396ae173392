"""Indicator rows of a table grid (cells known).

Rows are read from the right: 分值 and 得分 are the last two numbers, 实际完成值, 年度指标值 and 三级指标 stand
before them, level labels and the block caption before those. Where that holds, it holds whatever column
the extraction shifted the row into. A row without 分值/得分 and with too little text to be an indicator
of its own is a piece of a neighbouring row cut by a page break or a line wrap; its cells are joined,
column by column, to the row across the break.
"""

from __future__ import annotations

from jixiao.assemble import vocab
from jixiao.assemble.rows import RawIndicator, anchor
from jixiao.assemble.text import fold, join, number, tidy
from jixiao.read.grid import Row

LabelSlots = dict[int, str]


def _content_count(texts: list[str]) -> int:
    return sum(1 for t in texts if t and not vocab.is_label(t) and not vocab.is_caption_piece(t))


def _is_whole(texts: list[str]) -> bool:
    return anchor(texts) is not None or _content_count(texts) >= 3


def _only_labels(texts: list[str]) -> bool:
    filled = [t for t in texts if t]
    return bool(filled) and all(vocab.is_label(t) or vocab.is_caption_piece(t) for t in filled)


def _completes(base: LabelSlots, extra: LabelSlots) -> bool:
    """The piece finishes a level label cut at the bottom of the row above ('满意 度指' + '标')."""
    return any(
        text and base.get(col) and not vocab.is_label(base[col]) and vocab.is_label(join(base[col], text))
        for col, text in extra.items()
    )


def _merge(base: LabelSlots, extra: LabelSlots, before: bool) -> None:
    for col, text in extra.items():
        if text:
            base[col] = join(text, base.get(col, "")) if before else join(base.get(col, ""), text)


def _cells(row: Row) -> LabelSlots:
    return {c.col if c.col is not None else i: c.text for i, c in enumerate(row.cells)}


def group_rows(rows: list[Row]) -> list[tuple[LabelSlots, int | None]]:
    """Logical rows: whole rows with the pieces that belong to them."""
    groups: list[tuple[LabelSlots, int | None]] = []
    waiting: list[LabelSlots] = []
    for k, row in enumerate(rows):
        cells = _cells(row)
        texts = [cells[col] for col in sorted(cells)]
        if _is_whole(texts):
            for piece in reversed(waiting):
                _merge(cells, piece, before=True)
            waiting = []
            groups.append((cells, row.line))
            continue
        after_break = row.break_before
        before_break = k + 1 < len(rows) and rows[k + 1].break_before
        if groups and after_break and (not _only_labels(texts) or _completes(groups[-1][0], cells)):
            _merge(groups[-1][0], cells, before=False)
        elif _only_labels(texts) or before_break or not groups:
            waiting.append(cells)
        else:
            _merge(groups[-1][0], cells, before=False)
    if waiting and groups:
        for piece in waiting:
            _merge(groups[-1][0], piece, before=False)
    return groups


def _slot(key: str, taken: set[int], next_is_label: bool) -> int:
    if key in vocab.LEVEL1 and key not in vocab.LEVEL2_PARENT:
        return 1
    if key == "成本指标":  # a 一级 block of its own when a 成本 二级 label follows it
        return 1 if next_is_label and 1 not in taken else 2
    if key in vocab.LEVEL2_PARENT:
        return 2
    return 2 if 2 not in taken else 1


def parse_row(texts: list[str], line: int | None) -> RawIndicator:
    raw = RawIndicator(line=line)
    w = anchor(texts)
    content = texts if w is None else texts[:w]
    if w is not None:
        raw.weight, raw.score = number(texts[w]), number(texts[w + 1])
        raw.deviation = tidy("".join(t for t in texts[w + 2:] if t)) if any(texts[w + 2:]) else None
    taken: set[int] = set()
    i = 0
    while i < len(content):
        text = content[i]
        if not text or (vocab.is_caption_piece(text) and len(fold(text)) <= 4 and not vocab.is_label(text)):
            i += 1
            continue
        key = vocab.label_key(text)
        unknown = key.endswith("指标") and len(key) <= 8 and key not in vocab.LABELS
        if key not in vocab.LABELS and not unknown:
            break
        rest = content[i + 1:]
        nxt = next(filter(None, rest), "")
        slot = _slot(key, taken, vocab.is_label(nxt))
        needed_filled = 3 if slot in taken else 1
        if len(rest) < 3 or sum(1 for t in rest if t) < needed_filled:
            break
        taken.add(slot)
        raw.labels.append(key)
        i += 1
    fields = content[i:]
    while len(fields) > 3 and "" in fields[1:]:
        fields.pop(fields.index("", 1))
    if len(fields) > 3:
        fields = ["".join(fields[:-2])] + fields[-2:]
    fields = [tidy(t) for t in fields]
    if len(fields) == 3:
        raw.name, raw.target, raw.actual = fields
    elif len(fields) == 2:
        raw.name, raw.actual = fields
        raw.short = True
    elif fields:
        raw.name = fields[0]
    return raw


def table_indicators(rows: list[Row]) -> list[RawIndicator]:
    out = []
    for cells, line in group_rows(rows):
        texts = [cells.get(c, "") for c in range(max(cells) + 1)] if cells else []
        out.append(parse_row(texts, line))
    return out
