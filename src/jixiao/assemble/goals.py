"""The 年度总体目标 block: 预期目标 (also printed 预算目标, 项目年度目标) and 实际完成情况.

Where the source knows columns, each text goes to the heading it stands under (text continued after a page
break included). Where it does not, the texts are one run of fragments and the cut between the two is
scored: a paragraph start (an indented line, a blank line), a sentence end before it, numbering that starts
again (目标1、目标2 then 1、2), the two texts opening alike (本项目共申请… / 本项目共完成…); never inside a
sentence that goes on. A dotted filler line between them is dropped.
"""

from __future__ import annotations

import re
from functools import lru_cache

from jixiao.assemble.columns import column_starts, realign, under_centred
from jixiao.assemble.context import Context, margin_confidence
from jixiao.assemble.lexicon import Lexicon
from jixiao.assemble.stream import Unit, bare_number, footer_at, source_rows
from jixiao.assemble.text import (
    CONTINUES,
    GOES_ON,
    HANGING,
    SENTENCE_END,
    after_chars,
    counted,
    joined_lines,
    printed_twice,
    tidy,
    width,
)
from jixiao.read.normalise import BARE_PAGE_NUMBER, IDEOGRAPH, join
from jixiao.read.tokens import Gap

_FILLER = re.compile(r"^[.。…·・_\-—]{2,}$")
_NUMBERED = re.compile(r"^(?:目标|指标)?[(（]?(\d{1,2}|[一二三四五六七八九十])(?:[)）.、:：](?!\d)|是)")
_CN_DIGITS = "一二三四五六七八九十"
_DIGIT = re.compile(r"\d")
# a template's instruction to the filler, left in the cell ('对照年度目标,说明相关任务目标的完成情况(100字以内)'):
# nothing was written there
_PROMPT = re.compile(r"[(（](?:限|不超过|不多于)?\s*\d+\s*字(?:以内|以下)?[)）][。.]?\s*$")
_SHORT = 2.5  # a wrapped line falls short of its column by a word at most (in CJK characters)
_PAGE = 100  # no printed line is wider, in CJK characters
_OVER = 3.5  # a line may run over the width read off the first line: that one fell short, or a mark hangs
_SHARE = re.compile(r"^\d{1,3}(?:\.\d+)?%?$")  # a share achieved, under a third heading beside the goals'
_LEAST_CELL = 6  # characters: a goal text printed apart is a sentence, not a word cut off by a space
_REPORTS = re.compile(r"^(?:20\d{2}年|截至|截止|全年|本年度)")


def _heading(unit: Unit, lex: Lexicon) -> tuple[str | None, str]:
    """('expected'|'actual'|None, text after the heading) for a unit that starts with a column heading."""
    kind, length = _heading_of(unit.key, lex)
    if kind is None:
        return None, unit.text
    return kind, after_chars(unit.text, length).lstrip(":： ") if length else ""


@lru_cache(maxsize=1 << 12)
def _heading_of(key: str, lex: Lexicon) -> tuple[str | None, int]:
    """(kind, length of the heading when text follows it inline after a colon, else 0) for a folded key (a short
    text after the colon too: '实际完成情况：完成32处。' is no longer heading)."""
    for kind in ("goal_actual", "goal_expected"):
        for word in sorted(lex.sections[kind], key=len, reverse=True):
            if key.startswith(word) and len(key) > len(word) + 1 and key[len(word)] in ":：":
                return kind.removeprefix("goal_"), len(word)
    kind = lex.section(key)
    if kind in ("goal_expected", "goal_actual"):
        return kind.removeprefix("goal_"), 0
    return None, 0


def read_goals(units: list[Unit], lex: Lexicon, ctx: Context, cut_short: bool = False) -> tuple[str | None, str | None]:
    """(预期目标, 实际完成情况); `cut_short`: the form ends inside the block (a stored page cut off part-way), so
    its text may be the first alone."""
    heads: dict[str, Unit] = {}
    texts: list[Unit] = []
    inline: dict[str, str] = {}
    paged = False  # a page's number was passed over: the text after it goes on over a page break
    footer = 0  # units of a page's footer still to pass
    for k, u in enumerate(units):
        if (lex.section(u.key) == "goals" or lex.level(u.key)) and not u.text.endswith(SENTENCE_END):
            continue  # the block's own words (a text's wrapped line '绩效目标。' is text)
        opening = not texts and bool(heads)  # (no text yet after the headings)
        if footer or (opening and not u.certain and (footer := footer_at(units, k))):
            footer -= 1  # a page's footer in words or in one piece ('… 实际完成情况 - 2 - 围绕…')
            paged = True
            continue
        if _page_number(units, k, opening=opening):
            paged = True
            continue
        if paged:
            u, paged = u._replace(gap=Gap.PAGE), False
        kind, rest = _heading(u, lex)
        if kind and (kind in heads or len(heads) == 2) and texts:
            kind = None  # a heading's word inside a text ('项目年度目标: 1、…'): the headings were printed above
        if kind:
            heads.setdefault(kind, u)
            if rest:
                inline[kind] = rest
            continue
        if _FILLER.match(u.key):
            continue
        texts.append(u)
    if "expected" in heads and "actual" in heads and not inline:
        starts = column_starts([heads["expected"], heads["actual"]])
        if starts:  # column-aligned text: each text under its heading (centred over it or not)
            starts = under_centred([heads["expected"], heads["actual"]], texts, starts, low=0.0)
            texts = realign(texts, [0.0, *starts])
            heads = {"expected": heads["expected"]._replace(col=1, certain=True),
                     "actual": heads["actual"]._replace(col=2, certain=True)}
    parts = {"expected": inline.get("expected", ""), "actual": inline.get("actual", "")}
    lines = {"expected": heads["expected"].line if "expected" in inline else None,
             "actual": heads["actual"].line if "actual" in inline else None}
    if texts and not any(parts.values()) and len(source_rows(texts)) == 1 and (
            half := printed_twice(_joined(texts).strip(), least=4)):
        parts["expected"] = parts["actual"] = half  # one text printed in both columns, run into one line
        lines["expected"] = lines["actual"] = texts[0].line
    elif texts and all(u.certain for u in texts) and _by_column(texts, heads, parts, lines):
        pass
    elif texts and (pairs := _pairs_by_line(texts, heads)) is not None:
        _put(pairs, parts, lines)
    elif texts:
        beside = "expected" in heads and "actual" in heads and heads["expected"].row == heads["actual"].row
        # headings apart (a cell per line or paragraph) over text with no break inside as strong as the one
        # between them: perhaps one text, the report's cell left empty
        one_cell = ("expected" in heads and "actual" in heads and not beside
                    and all(u.gap < heads["actual"].gap for u in texts[1:])) or beside and _one_column(texts)
        _by_cut(texts, parts, lines, ctx, beside, cut_short, one_cell)
    for kind in ("expected", "actual"):
        ctx.at(f"goal_{kind}", lines[kind])
        if _PROMPT.search(parts[kind]):
            cell = "预期目标" if kind == "expected" else "实际完成情况"
            ctx.warn("P039", f"{cell}“{tidy(parts[kind])[:40]}”是表样中的填写说明，没有填写内容，按空值处理",
                     f"goal_{kind}", lines[kind])
            parts[kind] = ""
    return tidy(parts["expected"]) or None, tidy(parts["actual"]) or None


def _pairs_by_line(texts: list[Unit], heads: dict[str, Unit]) -> list[tuple[str, Unit]] | None:
    """Text set apart by single spaces under the two headings printed side by side, each printed line two
    texts (and perhaps a share under a third heading, `总体完成率(%)`, at its end): the rows of a two-column
    table whose cells lost their boundaries (`为我县…照顾。 为我县…照顾。 100.00`). Each line's first text is
    the 预期目标's, its second the 实际完成情况's. None where any line is not so: one text with a space inside
    (`…示范区, 对相关…`: a text going on after its comma), a sentence cut over lines."""
    exp, act = heads.get("expected"), heads.get("actual")
    if exp is None or act is None or exp.row != act.row or any(u.certain for u in texts):
        return None
    out: list[tuple[str, Unit]] = []
    for row in source_rows(texts):
        cells = row[:-1] if len(row) == 3 and _SHARE.match(row[-1].key) else row
        if len(cells) != 2 or any(len(u.key) < _LEAST_CELL or _SHARE.match(u.key) for u in cells) or (
                cells[0].text.endswith(GOES_ON) or CONTINUES.match(cells[1].text)):
            return None
        out += [("expected", cells[0]), ("actual", cells[1])]
    return out


def _full_before(texts: list[Unit], c: int) -> bool:
    """The line before unit `c` is a wrapped line as wide as the one above it, no sentence ended: a text that
    goes on past the break (an extractor's blank line inside a cell), not a paragraph's short last line."""
    rows = source_rows(texts[:c])
    if len(rows) < 2 or rows[-1][-1].text.rstrip().endswith(SENTENCE_END):
        return False
    return abs(_printed(rows[-1]) - _printed(rows[-2])) <= _SHORT


def _one_column(texts: list[Unit]) -> bool:
    """Printed lines all but the last as wide as each other and the last no wider: one text wrapped in its
    column (under headings side by side, the other column empty), not two one after another (the first's last
    line falls short)."""
    rows = source_rows(texts)
    if len(rows) < 2:
        return False
    widths = [_printed(row) for row in rows[:-1]]
    return max(widths) - min(widths) <= _SHORT and _printed(rows[-1]) <= max(widths) + 1.0


def _by_column(texts: list[Unit], heads: dict[str, Unit], parts: dict[str, str], lines: dict) -> bool:
    """Table cells: a row of two texts is (expected, actual); a lone cell goes under its heading."""
    rows = source_rows(texts)
    for row in rows:
        if len(row) >= 2:
            targets = [("expected", row[0])] + [("actual", u) for u in row[1:]]
        else:
            cell = row[0]
            kind = "expected"
            exp, act = heads.get("expected"), heads.get("actual")
            if exp is not None and act is not None and exp.col == act.col and exp.row != act.row:
                # the headings stacked in one column: a text goes with the nearest heading on its row or above
                above = [h for h in (exp, act) if h.row <= cell.row]
                kind = "actual" if above and max(above, key=lambda h: h.row) is act else "expected"
            elif act is not None and act.col is not None and cell.col is not None:
                near_actual = abs(cell.col - act.col) < abs(cell.col - (exp.col if exp and exp.col is not None
                                                                        else -99))
                kind = "actual" if near_actual else "expected"
            elif parts["expected"]:
                kind = "actual"
            targets = [(kind, cell)]
        _put(targets, parts, lines)
    return True


def _put(cells: list[tuple[str, Unit]], parts: dict[str, str], lines: dict) -> None:
    """Each cell's text onto its goal's, the goal's line its first cell's."""
    for kind, cell in cells:
        parts[kind] = join(parts[kind], cell.text)
        lines[kind] = lines[kind] or cell.line


def _page_number(units: list[Unit], k: int, opening: bool = False) -> bool:
    """Unit `k` is a bare number alone on its line, the next line opening a paragraph or a table row (`2` between
    blank lines, or between two tables' rows), or (`opening`: no text yet after the headings) a bare number of 2
    or more before a text a space after it (a document on one line: `… 实际完成情况 3 按计划完成…`): a page's
    number where a page break fell inside the goals' block, no goal text (a text is never a bare number)."""
    u = units[k]
    if not BARE_PAGE_NUMBER.match(u.key):
        return False
    if u.gap < Gap.LINE:
        return (opening and bare_number(u, 2) and k + 1 < len(units) and not units[k + 1].certain
                and bool(IDEOGRAPH.search(units[k + 1].key)))
    return k + 1 == len(units) or units[k + 1].gap >= Gap.ROW and units[k + 1].row != u.row


def _opening(key: str) -> str:
    """A text's first four characters, digits as one shape."""
    return _DIGIT.sub("0", key[:4])


def _number(text: str) -> int | None:
    """The item number a goal text opens with: '1.', '目标2:', '（三）', '二是'."""
    match = _NUMBERED.match(text)
    if not match:
        return None
    mark = match.group(1)
    return int(mark) if mark.isdigit() else _CN_DIGITS.index(mark) + 1


def _by_cut(texts: list[Unit], parts: dict[str, str], lines: dict, ctx: Context, beside: bool = False,
            cut_short: bool = False, one_cell: bool = False) -> None:
    """Plain text: choose the cut between the two goal texts (`beside`: their headings stand on one line;
    `cut_short`: the document ends inside the block; `one_cell`: the block may be one cell; in either case no
    cut — the first text alone — is a reading too, taken unless a cut is clearly better)."""
    if parts["expected"] and not parts["actual"]:
        parts["actual"] = _joined(texts)
        lines["actual"] = texts[0].line
        return
    if len(texts) == 1:
        parts["expected"] = join(parts["expected"], texts[0].text)
        lines["expected"] = texts[0].line
        return
    if _interleaved(texts, parts, lines, beside, cut_short) or _alternating(texts, parts, lines):
        return
    indented = [u.x for u in texts if u.gap >= Gap.LINE]
    base = min(indented) if indented else 0
    numbers = [_number(u.key) for u in texts]
    lengths = [0]  # running length of the text up to each cut
    for t in texts:
        lengths.append(lengths[-1] + len(t.key))
    options: list[tuple[float, int]] = []
    last_number = None  # the last item number before the cut (kept as the cut moves: no rescan per cut)
    # the block's one strongest break, a line's at least (a paragraph's among wrapped lines, a line's among
    # spaces): the cut, likely (not a page's: a page break may fall anywhere in a text; not where the block may
    # be one cell, whose wrapped line is then its one break)
    breaks = [texts[c].gap for c in range(1, len(texts)) if Gap.LINE <= texts[c].gap <= Gap.BLANK]
    strongest = max(breaks, default=None)
    # two texts side by side cut short on their first line ('…督促企 完成重'): a space between ideographs is where
    # the line crosses from one column into the other, wherever the sentence stands
    one_line = beside and cut_short and len(source_rows(texts)) == 1
    sole = (next(c for c in range(1, len(texts)) if texts[c].gap == strongest)
            if strongest is not None and breaks.count(strongest) == 1 and not one_cell else None)
    if sole is not None and _full_before(texts, sole):
        sole = None
    for c in range(1, len(texts)):
        u, before = texts[c], texts[c - 1]
        last_number = numbers[c - 1] or last_number
        points = {Gap.SPACE: 0.0, Gap.WIDE: 0.5, Gap.CELL: 3.0, Gap.LINE: 0.5, Gap.ROW: 2.0, Gap.BLANK: 2.0,
                  Gap.PAGE: 0.5}[u.gap] + (SOLE_BREAK if c == sole else 0.0)
        if u.gap >= Gap.LINE and u.x >= base + 2:
            points += 3.0  # an indented line starts a paragraph
        if before.text.rstrip().endswith(SENTENCE_END):
            points += 1.5
        elif CONTINUES.match(u.key) or before.text.rstrip().endswith(GOES_ON) or counted(before.text, u.text):
            points -= 3.0  # (a number and its measure word are one phrase: '2024' / '年度按计划…')
        else:
            points -= 1.0
        if numbers[c] == 1 and last_number:
            points += 4.0  # numbering starts again
        if numbers[c] and last_number and numbers[c] == last_number + 1:
            points -= 2.0  # numbering goes on
        if len(texts[0].key) >= 4 and _opening(u.key) == _opening(texts[0].key):
            points += 2.0  # the two texts open alike ('本项目共申请…' / '本项目共完成…', '2018年…' / '2023年…')
        ended = before.text.rstrip().endswith(SENTENCE_END)
        if u.key[:1].isdigit() and not numbers[c] and not ended:
            points -= 1.5  # a number goes on the sentence before it ('支持 2023 年度…')
        if numbers[c] == 1 and not last_number:
            points += 1.0  # a list begins
        if ended and _REPORTS.match(u.key) and not _REPORTS.match(texts[0].key):
            points += 1.0  # a report of the year opens after the goal's sentences ('2023年,通过开展…', '截至…')
        if one_line and u.gap <= Gap.WIDE and _WRITTEN.match(end := before.text.rstrip()[-1:]) and (
                IDEOGRAPH.match(u.key[:1]) or u.key[:1].isdigit() and end in _CLAUSE_SIGNS):
            points = max(points, 0.0) + 1.0  # (a number after a clause's sign and a space: '…构建， 2024年度…';
            # not after an ideograph, '支持 2023 年度': a text's own spacing of its numbers)
        left, right = lengths[c], lengths[-1] - lengths[c]
        if min(left, right) < 0.15 * max(left, right) and not (cut_short and right < left):
            points -= 1.5  # the two texts say about as much (but the document may cut the second anywhere)
        options.append((points, c))
    if cut_short or one_cell:
        options.append((ALONE_POINTS, len(texts)))
    options.sort(key=lambda o: -o[0])
    best = options[0][1]
    if ctx.explain:
        ctx.choose("年度总体目标的两段分界", [(f"实际完成情况从“{texts[c].text[:14]}”起" if c < len(texts)
                                              else "只有预期目标（文档在此截断）" if cut_short
                                              else "只有预期目标（实际完成情况为空）", p) for p, c in options],
                   texts[min(best, len(texts) - 1)].line)
    sure = margin_confidence(options[0][0], options[1][0] if len(options) > 1 else None)
    ctx.sure("goal_expected", sure)
    ctx.sure("goal_actual", sure)
    parts["expected"] = join(parts["expected"], _joined(texts[:best]))
    parts["actual"] = join(parts["actual"], _joined(texts[best:]))
    lines["expected"] = lines["expected"] or texts[0].line
    if best < len(texts):
        lines["actual"] = lines["actual"] or texts[best].line


def _alternating(texts: list[Unit], parts: dict[str, str], lines: dict) -> bool:
    """Two wrapped texts printed side by side, taken out a line of each in turn ('A1' / 'B1' / 'A2' / 'B2', as
    pdfminer takes a PDF's two cells out): read apart, the odd lines and the even lines are each a text wrapped
    in a column of its own width — every line but the last as wide as the others, the last no wider, and only
    the last ending a sentence — where the lines in order are no such text (a line narrower than the one before
    it goes on)."""
    rows = source_rows(texts)
    if len(rows) < 4 or any(len(row) != 1 for row in rows):
        return False
    left, right = rows[0::2], rows[1::2]
    widths = []
    for side in (left, right):
        full = [width(row[0].text) for row in side[:-1]]
        if (max(full) - min(full) > 1.0 or width(side[-1][0].text) > max(full) + 1.0
                or not side[-1][0].text.rstrip().endswith(SENTENCE_END)
                or any(row[0].text.rstrip().endswith(SENTENCE_END) for row in side[:-1])):
            return False
        widths.append(min(full))
    if abs(widths[0] - widths[1]) < 2.0:
        return False  # the lines in order could be one column's
    parts["expected"] = join(parts["expected"], joined_lines([row[0].text for row in left]))
    parts["actual"] = join(parts["actual"], joined_lines([row[0].text for row in right]))
    lines["expected"] = lines["expected"] or left[0][0].line
    lines["actual"] = lines["actual"] or right[0][0].line
    return True


_CLAUSE_SIGNS = ("，", "。", "；", "、", "：", "！", "？")  # a clause's or a sentence's full-width sign
_WRITTEN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff，、；：]")  # an ideograph or a sentence's sign between them
SOLE_BREAK = 2.0  # points for the cut at a block's one strongest break
ALONE_POINTS = 0.0  # a block the document cuts short: its first text alone, unless a cut scores better


def _cuts(row: list[Unit]) -> list[tuple[float, int]]:
    """Each way to cut a printed line between its fragments: (width of the left part, fragments in it). The
    right text's line starts with no mark that never starts a line ('。', '、') and no number's measure word,
    unless the line is one text printed twice (a goal copied as its report) and the cut is between the two."""
    out: list[tuple[float, int]] = []
    left = 0.0
    half = _twice(row)
    for j in range(len(row) - 1):
        left += _fragment_width(row, j) + (0.5 if j else 0.0)  # the space between two fragments of one text
        if j + 1 == half or not CONTINUES.match(row[j + 1].text) and not counted(row[j].text, row[j + 1].text):
            out.append((left, j + 1))
    return out


def _twice(row: list[Unit]) -> int | None:
    """Where a printed line that is one text printed twice, side by side, is cut (its fragments in each copy)."""
    half = len(row) // 2
    if len(row) % 2 or any(row[j].key != row[half + j].key for j in range(half)):
        return None
    return half


def _fragment_width(row: list[Unit], j: int) -> float:
    """A fragment's printed width: its text's, or up to the next fragment of its line where the text lost a space
    the line printed ('2023 年' read as one word)."""
    own = width(row[j].text)
    if j + 1 < len(row) and row[j + 1].x > row[j].x:
        return max(own, (row[j + 1].x - row[j].x) / 2 - 0.5)
    return own


def _printed(row: list[Unit], start: int = 0) -> float:
    """The printed width of a line's fragments from `start`, one space between each two."""
    return sum(_fragment_width(row, j) for j in range(start, len(row))) + 0.5 * max(0, len(row) - start - 1)


def _full_cut(row: list[Unit], column: float) -> int | None:
    """Fragments of the left text on a line where the left text fills its column, if it does (a mark ending
    the line may hang past the column's edge, as CJK typesetting lets it: '…身份认证体系，')."""
    fits = [(abs(column - w), n) for w, n in _cuts(row)
            if column - _SHORT <= w <= column + (2.0 if row[n - 1].text[-1:] in HANGING else 1.0)]
    return min(fits)[1] if fits else None


def _last_cut(row: list[Unit], column: float, right: float) -> int:
    """Fragments of the left text on its last line (it ends short of its column): where the right text then
    fills its column (it goes on), else after a sentence end, else as many as fit."""
    total = _printed(row)
    fits = [(w, n) for w, n in _cuts(row) if w <= column + 0.5] or [(0.0, 1)]
    full = [n for w, n in fits if right - _SHORT <= total - w - 0.5 <= right + 0.5]
    if full:
        return full[-1]
    ended = [n for w, n in fits if row[n - 1].text.rstrip().endswith(SENTENCE_END)]
    return ended[-1] if ended else fits[-1][1]


def _split_lines(rows: list[list[Unit]], column: float, right_width: float, cut_short: bool = False
                 ) -> tuple[list[str], list[str], int]:
    """(left lines, right lines, lines wider than their column) of two texts side by side in columns of these
    widths: each text fills its column on each line until its last; after that the other runs on alone.
    `cut_short`: the document ends on the last line, which may hold the left text's part alone."""
    left_open = right_open = True
    left: list[str] = []
    right: list[str] = []
    over = 0
    for r in rows:
        text = " ".join(u.text for u in r)
        if not left_open or not right_open:
            over += _printed(r) > (column if left_open else right_width) + _OVER
            (left if left_open else right).append(text)
            continue
        if (cut_short and r is rows[-1] and len(r) > 1 and column - _SHORT <= _printed(r) <= column + 1.0
                and not any(u.text.rstrip().endswith(SENTENCE_END) for u in r[:-1])):
            left.append(text)  # the document ends right after the left text's part of the line, which fills
            continue  # its column ('…发展预研 ；二是梳理国内外跨': no space there crosses into the right text,
            # where no sentence ends before it: '力服务。 境监测中心…' is the left text's end and the right's)
        if len(r) == 1:  # one of the two texts ended on the line above: which one
            if _left_alone(text, column, left[-1] if left else "", right[-1] if right else ""):
                left.append(text)
                right_open = False
            else:
                right.append(text)
                left_open = False
            continue
        cut = _full_cut(r, column)
        if cut is not None and (ended := _ended_before(r, cut, right_width)) is not None:
            left_open, cut = False, ended
        if (twice := _twice(r)) is not None:  # the goal copied as its report, a line of each side by side
            left.append(" ".join(u.text for u in r[:twice]))
            right.append(" ".join(u.text for u in r[twice:]))
            left_open = right_open = _printed(r[:twice]) >= column - _SHORT  # (each copy goes on, or ends)
            continue
        if _right_alone(r, left, right_width):
            left_open, cut = False, 0  # the left text ended a sentence at its column's edge on the line above
        elif cut is None:
            left_open = False
            cut = _last_cut(r, column, right_width)
        rest = " ".join(u.text for u in r[cut:])
        over += _printed(r, cut) > right_width + _OVER
        if cut:
            left.append(" ".join(u.text for u in r[:cut]))
        if rest:
            right.append(rest)
        right_open = _printed(r, cut) >= right_width - _SHORT
    return left, right, over


def _ended_before(row: list[Unit], cut: int, right_width: float) -> int | None:
    """Where the left text ends a sentence before the cut that fills its column, and the right text from there
    fills its own, when the right text would otherwise end short of its column mid-sentence: the left text ended
    there ('…运维等服务工作。 海市市级科技重大专项; “上海清华…平台”': the left text's end and its column's width
    of the right text, not the left text running on into '海市市级科技重大专项;')."""
    if _printed(row, cut) >= right_width - _SHORT or row[-1].text.rstrip().endswith(SENTENCE_END):
        return None
    ends = [n for _, n in _cuts(row) if n < cut and row[n - 1].text.rstrip().endswith(SENTENCE_END)
            and right_width - _SHORT <= _printed(row, n) <= right_width + _OVER]
    return ends[-1] if ends else None


def _right_alone(row: list[Unit], left: list[str], right_width: float) -> bool:
    """A line of several fragments below two texts side by side that is the right text's alone: the left one
    ended in a sentence on the line above and this line fills the right column."""
    return bool(left) and left[-1].rstrip().endswith(SENTENCE_END) and (
        right_width - _SHORT <= _printed(row) <= right_width + 0.5)


def _left_alone(text: str, column: float, left: str, right: str) -> bool:
    """A line of one fragment below two texts side by side is the left text's, unless it is wider than the
    left column or the left text ended in a sentence on the line above and the right one did not."""
    if width(text) > column + 1.0:
        return False
    left_ended, right_ended = left.rstrip().endswith(SENTENCE_END), right.rstrip().endswith(SENTENCE_END)
    return not (left_ended and not right_ended)


def _interleaved(texts: list[Unit], parts: dict[str, str], lines: dict, beside: bool = False,
                 cut_short: bool = False) -> bool:
    """Two wrapped texts printed side by side, line by line ('A1 B1' / 'A2 B2' …): on each line the left text's
    fragments fill its column as long as it goes on, and so do the right text's. The columns are read off the
    first line, cut where every line then fits its columns, the most lines below are cut alike, and into the
    most equal halves; spaces inside the texts are kept apart from the space between them by those widths.
    Recognised when the left text fills its column on the first two lines, or ends on the second where the
    right text fills its column, or the first line is two halves of one width and the left text ends on the
    second, or each text ends a sentence so cut, or (`beside`: under headings side by side) the right text is
    one line beside the left text's
    first, which goes on mid-sentence alone on the lines below, each no wider than its column."""
    rows = source_rows(texts)
    if len(rows) < 2 or len(rows[0]) < 2:
        return False
    if any(r[0].gap in (Gap.ROW, Gap.BLANK) for r in rows[1:]):
        return False  # lines a blank line or a row apart are paragraphs or cells, not one printed block's lines
    opening = _line_opening(rows[0])
    if len(opening) == _SAME_OPENING and any(_line_opening(r) == opening for r in rows[1:]):
        return False  # a line opening as the first does starts a text of its own (a goal copied as its report)
    total = _printed(rows[0])
    if total > _PAGE:
        return False  # a line of a page holds no two columns this wide: each text is a line of its own
    best: tuple[tuple[int, int, int, float], float, float, int] | None = None
    for column, _ in _cuts(rows[0]):
        right_width = total - column - 0.5
        if column < 6 or right_width < 6 and not (beside and _runs_on_alone(rows, column)):
            continue  # (a short report beside the goal's first line, the goal going on alone below: '已完成')
        lead = 0
        while lead < len(rows) and _full_cut(rows[lead], column) is not None:
            lead += 1
        left, right, over = _split_lines(rows, column, right_width, cut_short)
        ends = sum(1 for text in (left, right) if text and text[-1].rstrip().endswith(SENTENCE_END))
        key = (-over, ends, lead, -abs(column - right_width))
        if best is None or key > best[0]:
            best = (key, column, right_width, lead)
    if best is None or best[0][0] < 0:
        return False
    _, column, right_width, lead = best
    if lead < 2:
        second = rows[1]
        rest = _printed(second)
        right_fills = any(right_width - _SHORT <= rest - w - 0.5 <= right_width + 1.0 and w <= column
                          for w, _ in _cuts(second))
        halves = abs(column - right_width) <= (2 if len(rows[0]) == 2 else 1)
        both_end = best[0][1] == 2  # each text ends a sentence, cut so (`…高效。` / `…成效。` on the last line)
        if not right_fills and not halves and not both_end and not (beside and _runs_on_alone(rows, column)):
            return False
    left, right, _ = _split_lines(rows, column, right_width, cut_short)
    parts["expected"] = join(parts["expected"], joined_lines(left))
    parts["actual"] = join(parts["actual"], joined_lines(right))
    lines["expected"] = lines["expected"] or rows[0][0].line
    lines["actual"] = lines["actual"] or rows[0][-1].line
    return True


_SAME_OPENING = 6  # characters two lines open with alike: two texts, not one wrapped (no line goes on so)


def _line_opening(row: list[Unit]) -> str:
    """The first characters of a printed line's text (its fragments' keys run together)."""
    return "".join(u.key for u in row[:_SAME_OPENING])[:_SAME_OPENING]


def _runs_on_alone(rows: list[list[Unit]], column: float) -> bool:
    """The left text goes on mid-sentence from the first line, alone on each line below, within its column."""
    cut = _full_cut(rows[0], column)
    return cut is not None and not rows[0][cut - 1].text.rstrip().endswith(SENTENCE_END) and all(
        len(r) == 1 and _printed(r) <= column + 1.0 for r in rows[1:])


def _joined(units: list[Unit]) -> str:
    text = ""
    for u in units:
        text = text + " " + u.text if text and u.gap <= Gap.WIDE else join(text, u.text)
    return text
