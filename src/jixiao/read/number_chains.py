"""Numbers a very narrow column broke over three or more lines, each piece alone on its line.

A Word or Excel form typed with full-width digits (`１０．００`) is twice as wide as the column was made for, so a
PDF of it breaks one number over several lines, and breaks it anywhere: `１` / `０．` / `００` (10.00), `１０` /
`０．` / `０` / `０％` (100.00%), `１６２２１１` / `００．００`. Text taken out line by line (pdfium, pypdf, PyMuPDF)
then holds a run of short digit pieces, each alone at the start of its line, the first perhaps ending the line
above. Which pieces make one number is a segmentation, searched where the run shows a cut for certain — a piece
ending on its point or inside a thousands group, or one opening with a zero before a digit (no number is printed
so) — and scored by what the document's own numbers show: where nearly all of them print the same decimals, the
reading in which the most numbers print them wins. Digits alone head a number only where the document prints
almost no bare whole numbers, and only before a piece not yet whole that is as long as them, or a character
longer with the point second (`_head`): `３００` then `５．００` stay a value and a 分值. A column a character wide
prints a number a character a line, its point alone: those characters are one number.

Text that keeps a row's printed line together (pdfplumber) prints the pieces of several columns side by side on
the lines below the row instead (`joined_stacks`): there the numbers still open on the row's line take them in
order, where they are as many.
"""
from __future__ import annotations

import itertools
import operator
import re
from collections import Counter

from jixiao.read.tokens import Token

_ROW = operator.attrgetter("row")

_PIECE = re.compile(r"^[\d.,，%]{1,16}$")
_NUMBER = re.compile(r"^(?:[1-9]\d{0,2}(?:[,，]\d{3})+|0|[1-9]\d*)(?:\.(\d+))?%?$")  # (no leading zero)
# no number starts so: a rest ('００．００' of '１６２２１１００．００'), or numbers glued ('0001000')
LEADING_ZERO = re.compile(r"^0\d")
_NUMBER_START = re.compile(r"^(?:\d{1,3}(?:[,，]\d{0,3})+|\d+)(?:\.\d*)?%?$")  # ... or its first pieces ('100.')
CUT = re.compile(r"\.$|[,，]\d{0,2}$")  # a piece no number ends with: on its point, or in a thousands group
_MAYBE_CUT = re.compile(r"\.\d?$|[,，]\d{0,2}$")  # ... or a number cut after a decimal ('0.0' of '100.00')
DECIMALS = re.compile(r"^\d[\d,，]*\.(\d+)%?$")  # a whole number with decimals: its decimals
_WHOLE_NUMBER = re.compile(r"^\d+$")  # a bare whole number printed as a value (a weight '10')
MAX_STACK_PIECE = 5  # characters of a piece set on the line below its number ('00.00' of '16,221,100.00')
MIN_WORDS = 2  # characters of a cell of words that shows a row's line (its name, 总分), not a line of pieces
MAX_REST = 2  # characters of a piece side by side with the number it may end ('0' of '7.0 0')
MAX_PIECES = 8  # pieces of one number, at the most ('10' / '0.' / '0' / '0%'; a character a line: '1,000.00')
MIN_DECIMALS = 3  # numbers with decimals that show how many the document prints, at the least
DECIMALS_SHARE = 0.9  # ... and the share of them printing that many
WHOLE_SHARE = 0.25  # bare whole numbers per number with decimals, at the most, for a piece without a point to head
BROKEN = -5.0  # a piece left alone that no number can be ('0.')
JOIN = 0.01  # a cut not made where the readings tie


def joined_chains(tokens: list[Token]) -> list[Token]:
    """The tokens with each run of number pieces that shows a cut joined into its numbers."""
    per_row = Counter(map(_ROW, tokens))
    # pieces alone at the start of their lines (text taken out line by line; in column-aligned text a piece
    # stands in its column, set in, and the rests under their numbers are joined by their places:
    # `text._rejoined_numbers`)
    lone = [k for k, t in enumerate(tokens) if per_row[t.row] == 1 and t.col is None and not t.x
            and _PIECE.match(t.text)]
    chains: list[list[int]] = []
    for k in lone:
        before = tokens[k - 1] if k else None
        if before is None or before.line + 1 != tokens[k].line or before.row == tokens[k].row:
            continue  # (no piece on the line right above)
        if chains and chains[-1][-1] == k - 1:
            chains[-1].append(k)
        elif before.col is None and _PIECE.match(before.text) and not (
                per_row[before.row] >= 2 and _stacked(tokens, k - 1, per_row)):
            chains.append([k - 1, k])  # (a line's last cell, or a piece alone, and the piece below it)
    cut = [chain for chain in chains if any(_MAYBE_CUT.search(tokens[j].text) for j in chain[:-1])
           or any(LEADING_ZERO.match(tokens[j].text) for j in chain[1:])]
    if not cut:
        return tokens  # (most documents: no run of pieces, or none that may be cut)
    # (a piece, or a number that may be one piece of a longer, shows nothing of how the document prints them;
    # nor does one with a short piece after it on its line: `７．０ ０`, pieces side by side)
    pieces = {j for chain in chains for a, b in itertools.pairwise(chain) if _could_join(tokens[a].text, tokens[b].text)
              for j in (a, b)}
    pieces.update(k for k in range(len(tokens) - 1) if tokens[k + 1].row == tokens[k].row
                  and len(tokens[k + 1].text) <= MAX_REST and _could_join(tokens[k].text, tokens[k + 1].text))
    # (nor any piece of a run printing a point alone: a column a character wide, its digits a line each)
    pieces.update(j for chain in chains if any(tokens[i].text == "." for i in chain) for j in chain)
    printed, numbers = _printed(tokens, pieces)
    if printed is None:
        return tokens
    # (a value and its measure apart, '152 人', is no whole number)
    whole = sum(1 for k, t in enumerate(tokens) if k not in pieces and _WHOLE_NUMBER.match(t.text) and not (
        k + 1 < len(tokens) and tokens[k + 1].row == t.row and not tokens[k + 1].text[:1].isdigit()))
    lead = printed if whole <= WHOLE_SHARE * numbers else None  # (digits alone may head a number)
    out = list(tokens)
    for chain in reversed(cut):  # (from the end: joining a chain moves no token before it)
        texts = [tokens[j].text for j in chain]
        if not any(_cut(a, b, lead) for a, b in itertools.pairwise(texts)):
            continue
        for first, last in reversed(_segments(texts, printed, lead)):
            if last > first:
                j = chain[first]
                out[j] = out[j]._replace(text="".join(texts[first:last + 1]))
                del out[j + 1:chain[last] + 1]
    return out


def _printed(tokens: list[Token], unsure: set[int]) -> tuple[int | None, int]:
    """The decimals the document's numbers print, nine in ten of them and three at least (else None), and how
    many print decimals: the tokens `unsure` (pieces, numbers that may be cut) left out."""
    decimals = Counter(len(m.group(1)) for k, t in enumerate(tokens)
                       if k not in unsure and (m := DECIMALS.match(t.text)))
    if not decimals:
        return None, 0
    printed, count = decimals.most_common(1)[0]
    total = decimals.total()
    return (printed if count >= MIN_DECIMALS and count >= DECIMALS_SHARE * total else None), total


def _stacked(tokens: list[Token], last: int, per_row: Counter[int]) -> bool:
    """The line ending at token `last` is short pieces only, two or more, right below a line of cells holding
    numbers: the rests of numbers cut in several columns side by side (pdfplumber), a piece below it going on one
    of them by its column, not the last (`joined_stacks`). (A row's values alone on their line below its label's
    or a rest's, as text in drawing order prints them, stand below no such line.)"""
    first = last - per_row[tokens[last].row] + 1
    if not all(len(tokens[j].text) <= MAX_STACK_PIECE and _PIECE.match(tokens[j].text) for j in range(first, last + 1)):
        return False
    above = first - 1
    if above < 0 or tokens[above].line + 1 != tokens[first].line or per_row[tokens[above].row] < 2:
        return False
    return any(_PIECE.match(tokens[j].text) for j in range(above - per_row[tokens[above].row] + 1, above + 1))


def _could_join(piece: str, after: str) -> bool:
    """Two pieces that could be one number: the second goes on the first as on a number cut, and they make (the
    start of) a number. Digits alone before digits alone are two numbers ('1' / '1', a 分值 and its 得分)."""
    return (_cut(piece, after, None) or "." in piece or _head(piece, after, None)) and bool(
        _NUMBER_START.match(piece + after))


def _cut(piece: str, after: str, lead: int | None) -> bool:
    """A number certainly cut between two pieces: after its point or in a thousands group, or before a piece
    with a leading zero; or, where the document prints no bare whole numbers (`lead`: the decimals it prints),
    after digits alone before a piece not yet whole (`１` / `０．` / `００`, `１０` / `０．０` / `０`)."""
    return bool(CUT.search(piece) or LEADING_ZERO.match(after)) or (lead is not None and _head(piece, after, lead))


def _head(piece: str, after: str, printed: int | None) -> bool:
    """Digits alone that start the number the next piece goes on, that piece not yet whole (cut on its point,
    or printing fewer decimals than the document's numbers). A column fills a line before it breaks one: the
    digits are no longer than a piece cut on its point (`１` / `０．` / `００`, `１０` / `０．` / `００`), or a
    character shorter than one going on after its point, that character gone down with the point (no line starts
    with one: `１０` / `０．０` / `０`). Digits longer may be a value before a number cut on its own (`１０００` then
    `１０．０` / `０`, `３００` then `５．００`): they stay apart."""
    if not piece.isdigit() or "." not in after:
        return False
    if after.endswith("."):
        return len(piece) <= len(after)
    return (len(after) == len(piece) + 1 and after[1] == "."
            and (printed is None or len(after.partition(".")[2].rstrip("%")) < printed))


def _segments(texts: list[str], printed: int, lead: int | None) -> list[tuple[int, int]]:
    """(first, last) pieces of each number of the best reading: each number printing the document's decimals
    counts one, each printing others one against, a piece no number can be much against."""
    best: list[tuple[float, list[tuple[int, int]]]] = [(0.0, [])]
    for end in range(1, len(texts) + 1):
        options = []
        for start in range(max(0, end - MAX_PIECES), end):
            pieces = texts[start:end]
            # (each piece goes on the number so far: after its point, any digits are its decimals; a column one
            # character wide prints a number a character a line, its point alone: `１` / `０` / `０` / `．` / `０`)
            if len(pieces) > 1 and not all(_joins("".join(pieces[:m]), pieces[m], lead)
                                           for m in range(1, len(pieces))) and not (
                    "." in pieces and all(len(piece) == 1 for piece in pieces)):
                continue
            m = _NUMBER.match("".join(pieces))
            if m is None and len(pieces) > 1:
                continue
            value = BROKEN if m is None else 1.0 if len(m.group(1) or "") == printed else -1.0
            score, cuts = best[start]
            options.append((score + value - JOIN * (len(pieces) - 1), [*cuts, (start, end - 1)]))
        best.append(max(options, key=lambda o: o[0]))
    return best[-1][1]


def _joins(piece: str, after: str, lead: int | None) -> bool:
    """A piece (or the number so far) the next may go on: one with a point (its decimals go on), or one cut
    before it for certain."""
    return "." in piece or _cut(piece, after, lead)


def joined_stacks(tokens: list[Token]) -> list[Token]:
    """The tokens with the pieces of numbers cut in several columns side by side joined to their numbers.

    Text that keeps a row's printed line together (pdfplumber's `extract_text()`) prints the pieces of every
    number a narrow column cut on the next lines, side by side and in the columns' order, after the rests of the
    row's wrapped words (`… ２９．８ １０． １０ １０．００` / `７ ００ ０．` / `０` / `０％`). The numbers still open
    on the row's line take the next line's pieces in order where they are as many: those open for certain (ending on
    their point or in a thousands group, or printing fewer decimals than the document) or, where these are too
    few and the document prints its numbers alike, with the bare digits among them; the lines below go on the
    numbers still open. A stack is kept only where it holds a cut for certain and every number it made is whole,
    printing the document's decimals where it shows them."""
    rows: list[list[int]] = []
    for k, tok in enumerate(tokens):
        if rows and tokens[rows[-1][-1]].row == tok.row:
            rows[-1].append(k)
        else:
            rows.append([k])
    starts = [r for r in range(1, len(rows)) if len(_stack_pieces(tokens, rows[r])) >= 2
              and tokens[rows[r][0]].line == tokens[rows[r - 1][-1]].line + 1
              and any(CUT.search(tokens[k].text) or LEADING_ZERO.match(tokens[k].text) for k in rows[r - 1] + rows[r])]
    if not starts:
        return tokens
    # (no evidence of the decimals printed: a stack's rows and the row above it, a line's last number above a
    # piece alone)
    unsure = {k for r in starts for k in rows[r - 1] + rows[r]}
    unsure.update(row[-1] for row, below in itertools.pairwise(rows) if len(below) == 1 and _PIECE.match(
        tokens[below[0]].text) and tokens[below[0]].line == tokens[row[-1]].line + 1)
    known = _printed(tokens, unsure)[0]
    texts = [t.text for t in tokens]
    joins: dict[int, int] = {}  # piece -> the number it goes on
    for r in starts:
        if any(k in joins for k in rows[r]) or not any(
                len(texts[k]) >= MIN_WORDS and not _PIECE.match(texts[k]) for k in rows[r - 1]):
            continue  # (a line of a stack already joined; a row's line prints its name or a value with words,
            # a line of pieces at most the rest of a wrapped label: `额 ０ ８ ０． ２．`)
        trial = list(texts)
        made: dict[int, int] = {}
        base = [k for k in rows[r - 1] if tokens[k].col is None and _PIECE.match(texts[k])]
        # (the decimals the document prints; else those its row's whole numbers print most)
        printed = known if known is not None else _alike([texts[k] for k in base])
        at = r
        # (a stack is as deep as a number has pieces: no line of a long run is walked again and again)
        while at < min(len(rows), r + MAX_PIECES) and tokens[rows[at][0]].line == tokens[rows[at - 1][-1]].line + 1:
            pieces = _stack_pieces(tokens, rows[at])
            pairs = _pairs(base, pieces, trial, printed, at > r) if pieces else None
            if not pairs:
                break
            for head, piece in pairs:
                trial[head] += trial[piece]
                made[piece] = head
            at += 1
        heads = set(made.values())
        if made and all((m := _NUMBER.match(trial[h])) and (printed is None or len(m.group(1) or "") == printed)
                        for h in heads):
            joins.update(made)
            texts = trial
            known = printed if known is None else known
    if not joins:
        return tokens
    return [t._replace(text=texts[k]) for k, t in enumerate(tokens) if k not in joins]


def _stack_pieces(tokens: list[Token], row: list[int]) -> list[int]:
    """The row's pieces, in order."""
    return [k for k in row if tokens[k].col is None and _PIECE.match(tokens[k].text)]




def _alike(texts: list[str]) -> int | None:
    """The decimals these numbers print most, where no other count is printed as often."""
    counts = Counter(len(m.group(1)) for t in texts if (m := DECIMALS.match(t))).most_common(2)
    if not counts or len(counts) > 1 and counts[1][1] == counts[0][1]:
        return None
    return counts[0][0]


def _pairs(base: list[int], pieces: list[int], texts: list[str], printed: int | None, going_on: bool
           ) -> list[tuple[int, int]] | None:
    """The base's open numbers paired in order with the pieces, or None: each piece no wider than its number's
    line and one character (a column fills a line before it breaks one), a cut for certain among them on the
    stack's first line (the lines below go on numbers already cut)."""
    open_ = [k for k in base if _open(texts[k], printed)]
    heads = open_
    if len(open_) != len(pieces) and printed is not None:
        heads = [k for k in base if k in open_ or texts[k].isdigit()]
    if len(heads) != len(pieces):
        return None
    pairs = list(zip(heads, pieces, strict=True))
    if not all(_NUMBER_START.match(texts[h] + texts[p]) and len(texts[p]) <= len(texts[h]) + 1
               for h, p in pairs):
        return None
    if not going_on and not any(CUT.search(texts[h]) or CUT.search(texts[p]) or LEADING_ZERO.match(texts[p])
                                for h, p in pairs):
        return None
    return pairs


def _open(text: str, printed: int | None) -> bool:
    """A number not yet whole: ending on its point or inside a thousands group, or printing fewer decimals than
    the document's numbers."""
    if CUT.search(text):
        return True
    return printed is not None and "." in text and len(text.partition(".")[2].rstrip("%")) < printed

