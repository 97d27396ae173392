"""Text reader: plain text as forms are published and copied (PDF-to-text, Markdown, web pages, Word exports).

It finds the structure each line really has and says how sure it is: a line with tabs, `|` separators
(Markdown rows, `|||` runs of empty cells) or LaTeX `&` is a table row of certain cells, empty cells kept;
any other line is plain text, split at whitespace, where a single space may be inside a cell and a run of
spaces is probably a column boundary (column-aligned PDF text). Blank lines, form feeds and page-number
lines become gaps. Markup is resolved before splitting — HTML tags (a document with HTML tables, or a whole
HTML page, goes to the HTML reader, so `</td><td>` is a boundary, not glue), Markdown heading marks, LaTeX
math (`$\\geq 90\\%$` → `≥90%`) — so nothing of the format reaches the assembler.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from jixiao.read.decode import decode_text
from jixiao.read.delimited import SHARE, looks_delimited, read_delimited, tab_quoted
from jixiao.read.drawn import drawn_rows
from jixiao.read.grid import Cell
from jixiao.read.limits import current, read_bounded
from jixiao.read.markup import MARKUP, clean_markup
from jixiao.read.normalise import (
    BARE_PAGE_NUMBER,
    INLINE_DASHED_PAGE,
    INLINE_PAGE,
    JUNCTIONS,
    LONG_LINE,
    MIN_RUNNING,
    OPERATOR_SIGNS,
    SITE_CHUNK,
    display_width,
    fold,
    is_page_number,
    is_rule_line,
    join,
    needs_fold,
    normalise,
    site_chunks,
)
from jixiao.read.number_chains import DECIMALS, DECIMALS_SHARE, MIN_DECIMALS, joined_chains, joined_stacks
from jixiao.read.repeats import as_printed
from jixiao.read.tokens import Document, Gap, Notice, Token

_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_EMPHASIS = re.compile(r"^\*{1,3}(.+?)\*{1,3}$")
# a page of HTML: table cells, or a whole page (a table drawn with <div>s is lines of cells, read as blocks)
_HTML_TABLE = re.compile(r"<t[dhr][\s>]|<body[\s>]|<html[\s>]", re.IGNORECASE)
_LATEX_SKIP = re.compile(r"^\s*(\\hline|\\toprule|\\midrule|\\bottomrule|\\begin\{tabular\}.*|\\end\{tabular\})\s*$")
_LATEX_PAGE = re.compile(r"^\s*\\(?:newpage|clearpage|pagebreak)\s*$")
_LATEX_SPLIT = re.compile(r"(?<!\\)&")
_LATEX_SEPARATOR = re.compile(r"(?<!\\)&(?![a-zA-Z]{2,8};|#\d{2,6};)")
_LATEX_SPAN = re.compile(r"^\\(multicolumn|multirow)\{(\d+)\}\{[^{}]*\}\{(.*)\}$", re.DOTALL)
_LATEX_ESCAPE = re.compile(r"\\([%&_#$])")
_LATEX_HLINE = re.compile(r"\\(?:hline|cline\{[^}]*\}|toprule|midrule|bottomrule)")
_WORD = re.compile(r"\S+")
# a word of a line holding markup: its tags and math may hold spaces
_MARKED_WORD = re.compile(r"(?:</?[a-zA-Z][^<>\n]*>|\$[^$\n]{1,200}\$|\S)+")
_LEADING_DIGITS = re.compile(r"\d+")
CELL = Gap.CELL
_PLAIN_IN_CELL = 40  # spaces: a piece between bars holding this many is a line of plain text, not a table cell
_new = tuple.__new__


def _latex_cell(cell: str) -> tuple[str, int]:
    """A LaTeX cell's text and column span: \\multicolumn{3}{|l|}{text}, \\multirow{2}{*}{text}, escapes."""
    span = 1
    match = _LATEX_SPAN.match(cell)
    while match:
        if match.group(1) == "multicolumn":
            span = int(match.group(2))
        cell = match.group(3)
        match = _LATEX_SPAN.match(cell)
    cell = _LATEX_ESCAPE.sub(r"\1", cell.replace("\\%", "%"))
    return cell.strip(), span


def _latex_row(line: str) -> list[tuple[str, int]] | None:
    body = _LATEX_HLINE.sub("", line).strip()
    if not body.endswith("\\\\") and len(_LATEX_SEPARATOR.findall(body)) < 2:
        return None  # '&nbsp;' is an entity, not a cell boundary
    body = body.removesuffix("\\\\")
    return [_latex_cell(c.strip()) for c in _LATEX_SPLIT.split(body)]


def _cells(line: str, terminated: bool = False) -> tuple[list[str], bool]:
    """(pieces, certain): a table row's cells, or a plain line's whitespace-separated fragments. A '|' opening a
    line is a border, but where every cell is ended by '|' (`_terminated`) it ends an empty first cell."""
    if "\t" in line:
        return [c.strip() for c in line.split("\t")], True
    if "|" in line:
        cells = [c.strip() for c in line.split("|")]
        if not line.lstrip().startswith("|") and max(c.count(" ") for c in cells) >= _PLAIN_IN_CELL:
            return [], False  # bars in a line of plain text (a page's '首页|政务公开' run into a document on one line)
        if cells and not cells[0] and not terminated and line.lstrip().startswith("|"):
            cells = cells[1:]
        if cells and not cells[-1]:
            cells = cells[:-1]
        return cells, True
    return [], False


_LONE_SIGNS = frozenset({"≥", "≤", "≧", "≦", "⩾", "⩽", ">=", "<=", "=", "＝", ">", "<", "＞", "＜", "》"})


def _plain_tokens(line: str, number: int, row: int, gap: Gap, marked: bool = False) -> list[Token]:
    """A plain line's whitespace-separated fragments, each at the display column where the line prints it.
    `marked`: the line holds markup, which is printed too (a page that showed its tags): a tag or `$…$` math
    spans its width and the spaces inside it split nothing, each fragment's markup is then resolved (`<p>` and
    `&nbsp;` inside it stay one fragment's text), and a fragment that is markup alone (`</p>`) leaves none."""
    text = line.strip()
    if " " not in text and not marked:  # most plain lines of a copied table: one cell
        indent = len(line) - len(line.lstrip())
        return [_new(Token, (text, gap, number, row, None, indent, None, 1, 1, None))]
    tokens = []
    end = 0
    x = 0  # display column, counted as the line goes (a document printed on one line is long)
    ascii_line = line.isascii()
    for match in (_MARKED_WORD if marked else _WORD).finditer(line):
        start = match.start()
        x += start - end
        raw = match.group(0)
        text = " ".join(clean_markup(raw).split()) if marked else raw
        if text:
            if tokens:
                gap = Gap.WIDE if start - end >= 2 else Gap.SPACE
            if gap == Gap.SPACE and text[0].isdigit() and tokens[-1].text in _LONE_SIGNS and (
                    len(tokens) > 1 or match.end() == len(line.rstrip())):
                # an operator a space before its number ('≥ 95%'), inside a line or a line of its own: one value
                # (not one opening a line of more: an extractor's operator printed apart, before another value,
                # `≧ 99.99(%) ５．００ ５．００`, which the document's other lines place)
                tokens[-1] = tokens[-1]._replace(text=tokens[-1].text + text)
            else:
                tokens.append(_new(Token, (text, gap, number, row, None, x, None, 1, 1, None)))
        x += len(raw) if ascii_line else display_width(raw)
        end = match.end()
    return tokens


def _fold_tokens(tokens: list[Token], start: int) -> None:
    """Fold the forms of characters in the tokens of one line, their positions measured already."""
    for k in range(start, len(tokens)):
        tok = tokens[k]
        if tok.text:
            tokens[k] = tok._replace(text=fold(tok.text))


def _lone_numbers(lines: list[str]) -> set[int]:
    """Lines of a bare number set apart by blank lines among rows of several cells: a page number where a page
    break was (in a document of a cell per line, such a line is a cell). A running header after it, a line of
    one cell printed the same on page after page, is passed over to the row after it. Where a page broke inside
    a row, the line on one side of its number is a piece of a cell: beside a row of several cells on the other
    side, the number is a page's still when the page before or after is numbered one less or one more the same
    way (`2` … `3` … `4`: the document's own numbering)."""
    out: set[int] = set()
    beside: list[tuple[int, int]] = []  # (line, number) set apart, a row of several cells on one side at least
    repeated: set[str] | None = None
    for i, line in enumerate(lines):
        stripped = line.strip()
        if not stripped or len(stripped) > 7 or not BARE_PAGE_NUMBER.match(stripped):
            continue
        if (i and lines[i - 1].strip()) or (i + 1 < len(lines) and lines[i + 1].strip()):
            continue  # not set apart
        j = _filled_at(lines, i, 1)
        if j >= 0 and not _several_cells(lines[j]):
            if repeated is None:
                counts = Counter(line.strip() for line in lines if line.strip() and not _several_cells(line))
                repeated = {text for text, n in counts.items() if n >= MIN_RUNNING and not text.isdigit()}
            if lines[j].strip() in repeated:
                j = _filled_at(lines, j, 1)
        before, after = _several_cells(_next_filled(lines, i, -1)), j >= 0 and _several_cells(lines[j])
        if before and after:
            out.add(i)
        if before or after:
            beside.append((i, int(_LEADING_DIGITS.match(stripped).group())))  # type: ignore[union-attr]
    for (i, n), (k, m) in zip(beside, beside[1:], strict=False):
        if m == n + 1:
            out.update((i, k))
    return out


def _next_filled(lines: list[str], i: int, step: int) -> str:
    """The nearest line before (step -1) or after (step 1) line `i` that is neither blank nor a drawn rule ('' when
    none)."""
    j = _filled_at(lines, i, step)
    return lines[j] if j >= 0 else ""


def _filled_at(lines: list[str], i: int, step: int) -> int:
    """Where `_next_filled`'s line is (-1: none); walked line by line, not by copying the rest of the document for
    every lone number."""
    j = i + step
    while 0 <= j < len(lines):
        stripped = lines[j].strip()
        if stripped and not is_rule_line(stripped):  # (a drawn rule is no row)
            return j
        j += step
    return -1


def _several_cells(line: str) -> bool:
    return "\t" in line or "|" in line or len(line.split()) >= 3


def _form_feed_lines(lines: list[str]) -> set[int]:
    """Lines next to a form feed whose bare number is the page's number ('3', '3/5'), not a cell's value: it is
    the number of the page the feed ends or starts (counting feeds from page 1), or it runs on by a page from
    such a number at another feed or from a page number printed as one ('- 2 -') beside a feed, on the page it
    would be that one's neighbour. (A page number printed away from every feed is a page break of its own: the
    feeds count no pages then, and `2` before the first feed, the last cell of a row printed a cell per line, is
    no page 2 beside a `第 3 页` further on.) A number that fits neither ('10', the last cell of a row printed a
    cell per line) is a value."""
    found: list[tuple[int, int, int, bool]] = []  # (feed ordinal from 1, line index, the number, after the feed)
    feeds = [i for i, line in enumerate(lines) if "\f" in line]
    # the page numbers printed as such ('- 2 -', '第 2 页') beside a feed, less their page counted by feeds: how
    # the document numbers its pages
    offsets: set[int] = set()
    feed = 0
    for i, line in enumerate(lines):
        if "\f" not in line:
            stripped = line.strip()
            if (stripped and len(stripped) <= 16 and is_page_number(stripped, False)
                    and any(abs(f - i) <= 2 for f in feeds[max(0, feed - 1):feed + 1])):
                offsets.update(int(n) - feed - 1 for n in _LEADING_DIGITS.findall(stripped)[:1])
            continue
        feed += 1
        for j in range(max(0, i - 2), min(len(lines), i + 3)):
            for s, segment in enumerate(lines[j].split("\f")):
                stripped = segment.strip()
                if stripped and len(stripped) <= 7 and BARE_PAGE_NUMBER.match(stripped):
                    after = j > i or j == i and s > 0  # (on the page the feed starts, not the one it ends)
                    found.append((feed, j, int(_LEADING_DIGITS.match(stripped).group(0)), after))  # type: ignore[union-attr]
    pages = {(k, n - after) for k, _, n, after in found}
    return {j for k, j, n, after in found
            if n == k + after or n - k - after in offsets
            or any((k + d, n - after + d) in pages for d in (-2, -1, 1, 2))}


_CELL_END = re.compile(r"\s*\|\s*$")
_ONE_CELL = re.compile(r"^[^|]*\|\s*$")


def _cell_terminated(lines: list[str]) -> bool:
    """A table flattened to a cell per line, each ended by '|' and an empty cell a lone '|' (a web page copied so):
    most lines hold one cell so ended. Such a line is no table row of one cell: the rows are the grammar's to find."""
    filled = [line for line in lines if line.strip()]
    return len(filled) >= 10 and sum(1 for line in filled if _ONE_CELL.match(line)) >= SHARE * len(filled)


# an (indented) line opened by a bar: the row's next cell; a run of bars: the row's empty cells at its end (each
# matched against a line, or looked for in the whole text at once)
_BAR_CELL = {True: re.compile(r"^[ \t]+\|[ \t]?([^|\n]*)$", re.M), False: re.compile(r"^\|[ \t]?([^|\n]*)$", re.M)}
_BAR_END = {True: re.compile(r"^[ \t]+\|[ \t]*(\|+)[ \t]*$", re.M), False: re.compile(r"^\|[ \t]*(\|+)[ \t]*$", re.M)}
MIN_BAR_CELLS = 6  # lines of one cell each opened by a bar: fewer are no table printed so


def _bar_opened_cells(lines: list[str], text: str) -> set[int]:
    """A table printed a cell per line, each but a row's first opened by an indented bar (`项目决策` / `        |
    数量指标` / `        | 宣传次数` / `        | |`: a web page's table taken so by a mirror site), a cell wrapped
    onto an indented line of its own (`社会效益` / `       指标`). Each row's cells are joined into its first
    line, a bar between them, as a table row of bars; the lines joined are returned, to be left out. Where no
    line so opened is indented, each opens at the line's start (`| 数量指标`), and a row's first line is one
    without a bar. `text`: the lines joined (counted at once: most documents with bars hold none such)."""
    indented = len(_BAR_CELL[True].findall(text)) >= MIN_BAR_CELLS
    bar_cell, bar_end = _BAR_CELL[indented], _BAR_END[indented]
    cells = len(bar_cell.findall(text))
    if cells < MIN_BAR_CELLS or not bar_end.search(text) or 2 * cells < sum(1 for line in lines if "|" in line):
        return set()
    out: set[int] = set()
    row: int | None = None  # the line the row being joined opens on
    for k, line in enumerate(lines):
        if (cell := bar_cell.match(line)) or (end := bar_end.match(line)):
            if row is None and k and not lines[k - 1].strip() and k - 1 not in out:
                row = k - 1  # (a row whose first cell is empty: its blank line)
            if row is None:
                continue
            lines[row] = lines[row].rstrip() + (f" | {cell.group(1).strip()}" if cell else f" |{end.group(1)}")
        elif row is not None and line[:1] in (" ", "\t"):
            head = lines[row].rstrip()  # (after a bar alone, the cell's text — blank for an empty cell —; else a
            if line.strip():  # wrapped cell's next line)
                lines[row] = f"{head} {line.strip()}" if head.endswith("|") else join(head, line.strip())
        else:
            row = k if line.strip() else None
            continue
        out.add(k)
        lines[k] = ""
    return out


def _ruled_rows(lines: list[str]) -> tuple[list[str], dict[int, list[Cell]]]:
    """A table drawn with a rule under every row (`+---+---+`, `├──┼──┤`, a Markdown grid table) prints a cell
    that wraps on the lines below its first, each line holding that row's pieces of every cell: the lines between
    two rules are one row, joined column by column. Only in a table ruled so (four rules or more, the last
    closing the table; a table of the document ruled so, continued after a page break, may show fewer): a
    Markdown table, ruled under its header alone, and a console table ruled above and under its header and under
    its body (three rules) keep their body's lines as rows of their own. Lines above a block's first rule are a
    row too (a page break lost the rule above a repeated header, or above a header alone at a page's foot, its
    rows on the next page). The row's later lines become rules (read past).

    A block drawn on a grid (its lines one width, every area it encloses a rectangle: `read/drawn.py`) is read as
    the picture it is instead, merged cells and all: returned are the lines, and for the first line of each of its
    rows, that row's cells (its other lines become rules)."""
    out = list(lines)
    ruled = [is_rule_line(line.strip()) for line in lines]
    blocks: list[tuple[int, list[int]]] = []  # (first line, the rules) of each block of table lines, no blank line
    i = 0
    while i < len(lines):
        if not (ruled[i] or lines[i].lstrip()[:1] in _DRAWN_START):
            i += 1
            continue
        block = i
        while i < len(lines) and (ruled[i] or lines[i].lstrip()[:1] in _DRAWN_START):
            i += 1
        rules = [k for k in range(block, i) if ruled[k]]
        if rules and rules[-1] == i - 1:
            blocks.append((block, rules))
    every_row = any(len(rules) >= 4 for _, rules in blocks)
    drawn: dict[int, list[Cell]] = {}
    for block, rules in blocks:
        if len(rules) >= 4 or every_row and (len(rules) >= 2 or rules[0] - block >= 2):
            if (rows := drawn_rows(lines[block:rules[-1] + 1])) is not None:
                out[block:rules[-1] + 1] = ["---"] * (rules[-1] + 1 - block)
                drawn.update((block + k, cells) for k, cells in rows)
                continue
            if rules[0] - block >= 2:  # a page break lost the rule above the first row (a header repeated)
                _join_rows(out, block, rules[0])
            for a, b in zip(rules, rules[1:], strict=False):
                if b - a > 2:
                    _join_rows(out, a + 1, b)
    return out, drawn


_DRAWN_START = frozenset("|") | JUNCTIONS  # how a line of a drawn table begins (a rule, a bar, a junction)


def _join_rows(out: list[str], start: int, end: int) -> None:
    rows = [_cells(out[k])[0] for k in range(start, end)]
    if any(len(row) != len(rows[0]) for row in rows):
        return  # not one grid: left as printed
    cells = rows[0]
    for row in rows[1:]:
        cells = [join(a, b) for a, b in zip(cells, row, strict=True)]
    out[start] = "| " + " | ".join(cells) + " |"
    for k in range(start + 1, end):
        out[k] = "---"


def _terminated(lines: list[str]) -> bool:
    """Rows whose every cell is ended by '|' (`a | b | |`, a web page copied so), not opened and closed by borders
    (`| a | b |`): many rows start with a cell's text and end with '|', which a bordered table never prints."""
    piped = [line.strip() for line in lines if "|" in line]
    ended = sum(1 for line in piped if line[0] != "|" and line[-1] == "|")
    return ended >= 3 and ended >= 0.2 * len(piped)


MIN_PIPED = 3  # lines with a bar: fewer are no table of bars (a page's menu)


def _aligned_rows(lines: list[str]) -> dict[int, list[tuple[str, int]]]:
    """The rows of the pages of column-aligned text (`pdftotext -layout`), rebuilt (`read/aligned.py`): for the
    line where each row starts, its cells and their columns; the other lines of the page are read past."""
    from jixiao.read.aligned import MIN_LINES, is_aligned, rebuild, running_lines, unaligned_blocks, wide_lines

    out: dict[int, list[tuple[str, int]]] = {}
    ends = [k for k, line in enumerate(lines) if "\f" in line and k] + [len(lines)]
    pages = [(start, [line.replace("\f", "") for line in lines[start:end]])
             for start, end in zip([0, *ends[:-1]], ends, strict=True)]
    aligned = [is_aligned(page) for _, page in pages]
    running = running_lines([page for _, page in pages])
    for (start, page), on_grid, edges in zip(pages, aligned, running, strict=True):
        # (a page too short to tell by itself, of a document whose other pages are so aligned — the table's last
        # rows after a page break — is rebuilt on the same evidence from its few lines)
        if on_grid or any(aligned) and wide_lines(page) < MIN_LINES and is_aligned(page, 1):
            # (text without page breaks is no printed page: its blocks are judged each on its own)
            kept = (unaligned_blocks(page) if len(pages) == 1 else set()) | edges
            rows = rebuild([line if k not in kept else "" for k, line in enumerate(page)])
            out.update({start + k: rows.get(k, []) for k, line in enumerate(page) if line.strip() and k not in kept})
    return out


def _dashed_pages(line: str) -> str:
    """'- 2 -' footers run into a long line, as form feeds: only those numbered in sequence with another (a fund
    row's '- 100 -' is two dashed cells around an execution rate)."""
    found = [(m, int(m.group(1))) for m in INLINE_DASHED_PAGE.finditer(line)]
    numbers = {n for _, n in found}
    for match, n in reversed(found):
        if n - 1 in numbers or n + 1 in numbers:
            line = line[:match.start()] + "\f" + line[match.end():]
    return line


KEPT_EMPTY = 3  # lines ending in an empty cell: the writer keeps every row's empty cells


def _broken_rows(lines: list[str]) -> set[int]:
    """Rows of tab-separated cells cut over lines by line breaks inside their cells (a table extractor's cell
    holds its wrapped lines' breaks, and was written out unquoted). Where the writer keeps empty cells (lines end
    in an empty cell), so each row holds its table's count of cells, the lines of a run each short of the count of
    the row before them, whose cells add up to it with one cell shared at each break (its pieces on both sides),
    are one row. Where more lines are short of the commonest count than such runs take, rows hold counts of their
    own (a merged cell one cell) and nothing is joined. The runs' lines are joined into their first, and the
    others returned, to be left out."""
    if sum(1 for line in lines if line.endswith("\t")) < KEPT_EMPTY:
        return set()
    counts = [line.count("\t") + 1 if "\t" in line else int(bool(line.strip())) for line in lines]
    # cells of the last row read whole (before the first, the document's commonest row)
    width = common = Counter(c for c, line in zip(counts, lines, strict=True) if "\t" in line).most_common(1)[0][0]
    runs: list[tuple[int, int]] = []
    short = 0  # lines of cells short of the commonest row that no run takes
    i = 0
    while i < len(lines):
        j, total = i, counts[i]
        if 2 <= total < width:
            while total - (j - i) < width and j + 1 < len(lines) and 0 < counts[j + 1] < width:
                j += 1
                total += counts[j]
        if j > i and total - (j - i) == width and counts[j] >= 2 and all(
                lines[k].rsplit("\t", 1)[-1].strip() and lines[k + 1].split("\t", 1)[0].strip() for k in range(i, j)):
            runs.append((i, j))
            i = j + 1
            continue
        if "\t" in lines[i]:
            short += counts[i] < common
            width = counts[i]
        i += 1
    if short > sum(j - i + 1 for i, j in runs):
        return set()
    out: set[int] = set()
    for i, j in runs:
        cells: list[str] = []
        for k in range(i, j + 1):
            parts = lines[k].split("\t")
            if cells:
                cells[-1] = join(cells[-1], parts[0])
                parts = parts[1:]
            cells.extend(parts)
        lines[i] = "\t".join(cells)
        out.update(range(i + 1, j + 1))
    return out


MAX_BROKEN = 8  # lines a row between borders is cut over by line breaks inside its cells, at most


def _broken_bar_rows(lines: list[str]) -> set[int]:
    """Rows between borders (`| a | b |`) cut over lines by line breaks inside their cells: where rows are opened
    and closed by borders, a line opened by one and not closed goes on in the lines after it, none opened by a
    border, up to the one that closes it. They are joined into its line, and the others returned, to be left
    out."""
    if sum(1 for line in lines if len(s := line.strip()) > 1 and s[0] == "|" and s[-1] == "|") < MIN_PIPED:
        return set()
    out: set[int] = set()
    i = 0
    while i < len(lines):
        end = _bar_row_end(lines, i)
        if end is None:
            i += 1
            continue
        joined = lines[i].rstrip()
        for k in range(i + 1, end + 1):
            joined = join(joined, lines[k].strip())
        lines[i] = joined
        out.update(range(i + 1, end + 1))
        i = end + 1
    return out


def _bar_row_end(lines: list[str], i: int) -> int | None:
    """The line that closes the row line `i` opens with a border and leaves open, or None."""
    first = lines[i].strip()
    if first[:1] != "|" or first[-1:] == "|":
        return None
    for j in range(i + 1, min(len(lines), i + MAX_BROKEN)):
        rest = lines[j].strip()
        if not rest or rest[0] == "|":
            return None
        if rest[-1] == "|":
            return j
    return None


def read_text(text: str, file: str) -> Document:
    """Turn decoded text into a token stream."""
    text = normalise(text)
    if _HTML_TABLE.search(text):
        from jixiao.read.html import read_html  # lxml only for documents that need it

        return read_html(text, file)
    fallback = None
    quoted = "\t" in text and tab_quoted(text)
    if quoted or "," in text and looks_delimited(text):
        read = read_delimited(text, file, "\t" if quoted else ",")
        if isinstance(read, Document):
            return read
        fallback = Notice(read)
    lines = text.split("\n")
    terminated = False
    drawn: dict[int, list[Cell]] = {}  # a table drawn on a grid: its rows' cells, at each row's first line
    opened = _bar_opened_cells(lines, text) if "|" in text else set()
    if "|" in text:
        if _cell_terminated(lines):
            lines = [_CELL_END.sub("", line) for line in lines]  # each line one cell: read as a cell per line
        else:
            terminated = _terminated(lines)
            lines, drawn = _ruled_rows(lines)
    # (not where rows are set apart by tabs or bars; a web page's menu `首页|收藏` over the form sets none apart)
    broken = _broken_rows(lines) if "\t" in text else set()
    if "|" in text:
        broken |= _broken_bar_rows(lines) | opened
    piped = "|" in text and sum(1 for line in lines if "|" in line) >= MIN_PIPED
    aligned = _aligned_rows(lines) if "  " in text and "\t" not in text and not piped else {}
    near_feed = _form_feed_lines(lines) if "\f" in text else set()
    near_feed |= _lone_numbers(lines)
    chunks = sorted(site_chunks(lines)) if "、" in text else []
    for i in chunks[1:]:  # (cut anywhere, a number's digits too: each chunk goes on the line of the first)
        lines[chunks[0]] += SITE_CHUNK.sub("", lines[i])
        lines[i] = ""
    if chunks:
        lines[chunks[0]] = SITE_CHUNK.sub("", lines[chunks[0]])
    doc = Document(file=file, warnings=[fallback] if fallback else [])
    tokens = doc.tokens
    # what most documents hold nowhere is not looked for on every line: glyphs to fold, markup to resolve
    # (a pattern found nowhere in the text is on none of its lines)
    any_fold = needs_fold(text)
    any_markup = MARKUP.search(text) is not None
    pending = Gap.LINE
    row = -1
    for index, raw in enumerate(lines):
        number = index + 1
        if broken and index in broken:
            continue  # (joined into the row it goes on)
        if aligned and index in aligned:
            if "\f" in raw:
                pending = Gap.PAGE
            cells = aligned[index]
            if cells and not (len(cells) == 1 and is_page_number(cells[0][0].strip(), index in near_feed)):
                row += 1
                tokens.extend(_new(Token, (text, pending if k == 0 else Gap.WIDE, number, row, None, x, None, 1, 1,
                                           None)) for k, (text, x) in enumerate(cells))
                if any_fold:
                    _fold_tokens(tokens, len(tokens) - len(cells))
                pending = Gap.LINE
            elif cells:
                pending = Gap.PAGE
            continue
        if drawn and index in drawn:
            row += 1
            first = pending if pending > Gap.ROW else Gap.ROW
            start = len(tokens)
            for k, cell in enumerate(drawn[index]):
                text = clean_markup(cell.text).strip() if any_markup and MARKUP.search(cell.text) else cell.text
                tokens.append(_new(Token, (text, first if k == 0 else CELL, number, row, cell.col, cell.col, None,
                                           cell.row_span, cell.col_span, None)))
            if any_fold:
                _fold_tokens(tokens, start)
            pending = Gap.LINE
            continue
        if not raw or raw.isspace():
            if "\f" in raw:  # (a form feed is a space to `isspace`)
                pending = Gap.PAGE
            elif pending < Gap.BLANK:
                pending = Gap.BLANK
            continue
        if "\t" not in raw and "|" not in raw:  # a footer run into a printed line is a page join, as \f is
            if "共" in raw and "页" in raw:
                raw = INLINE_PAGE.sub("\f", raw)
            if len(raw) > LONG_LINE:
                raw = _dashed_pages(raw)
        segments = raw.split("\f") if "\f" in raw else (raw,)
        for k, segment in enumerate(segments):
            if k:
                pending = Gap.PAGE
            stripped = segment.strip()
            if not stripped:
                continue
            if len(stripped) <= 16 and is_page_number(stripped, index in near_feed):
                pending = Gap.PAGE
                continue
            if "\\" in stripped and _LATEX_PAGE.match(stripped):
                pending = Gap.PAGE
                continue
            if is_rule_line(stripped) or ("\\" in stripped and _LATEX_SKIP.match(stripped)):
                continue
            line = segment.rstrip(" ")
            if stripped[0] == "#":
                line = _HEADING.sub("", line)
            if stripped[0] == "*" and (emphasis := _EMPHASIS.match(stripped)):
                line = emphasis.group(1)
            row += 1
            folding = any_fold and needs_fold(line)
            first_token = len(tokens)
            latex = _latex_row(line) if "&" in line else None
            if latex is not None:
                first = pending if pending > Gap.ROW else Gap.ROW
                col = 0
                for j, (cell, span) in enumerate(latex):
                    if any_markup and cell and MARKUP.search(cell):
                        cell = clean_markup(cell).strip()
                    tokens.append(Token(cell, first if j == 0 else CELL, number, row, col, col, col_span=span))
                    col += span
                if folding:
                    _fold_tokens(tokens, first_token)
                pending = Gap.LINE
                continue
            cells, certain = _cells(line, terminated)
            if certain:
                first = pending if pending > Gap.ROW else Gap.ROW
                append = tokens.append
                for col, cell in enumerate(cells):
                    if any_markup and cell and MARKUP.search(cell):
                        cell = clean_markup(cell).strip()
                    # tuple.__new__: a row of cells is built many times over, and this is the cheapest way
                    append(_new(Token, (cell, first if col == 0 else CELL, number, row, col, col, None, 1, 1, None)))
            else:
                tokens.extend(_plain_tokens(line, number, row, pending, any_markup and bool(MARKUP.search(line))))
            if folding:
                _fold_tokens(tokens, first_token)
            pending = Gap.LINE
    if "\t" in text or "|" in text:
        as_printed(doc.tokens)
    if _CUT_NUMBER_TEXT.search(text):
        if _SURE_CUT_TEXT.search(text):
            doc.tokens[:] = joined_stacks(doc.tokens)
        doc.tokens[:] = _rejoined_numbers(joined_chains(doc.tokens))
    if _LONE_OPERATOR.search(text):
        doc.tokens[:] = _placed_operators(doc.tokens)
    if _LATE_OPERATOR.search(text):
        doc.tokens[:] = [_operator_in_front(t) if t.text[-1:] in "≥≤" else t for t in doc.tokens]
    if _LONE_PERCENT.search(text):
        doc.tokens[:] = _placed_percents(doc.tokens)
    return doc


# (in the text before its cells are folded) a percent sign alone on a line
_LONE_PERCENT = re.compile(r"\n[ \t]*[%％][ \t]*\n")
MIN_ROW_CELLS = 3  # pieces of a printed line that make it a row of cells, not a cell of its own
ROW_REACH = 40  # pieces looked back over for the line above's (a printed line holds fewer)


def _placed_percents(tokens: list[Token]) -> list[Token]:
    """A rate's percent sign a narrow column wrapped onto a line of its own below a row printed on one line
    (pypdf, `pdftotext -raw`: `年度资金总额 2386436 2386436 83176.03 10 3.49` / `%` / `0.35`) is the rate's: it goes on
    the line's last number. Below a line of one cell (a cell per line, where `%` may be a 度量单位 of its own) it
    stays."""
    out = list(tokens)
    for k in range(len(out) - 2, 0, -1):
        t = out[k]
        if t.text not in ("%", "％") or out[k - 1].row == t.row or out[k + 1].row == t.row:
            continue
        above = out[k - 1]
        cells = sum(1 for u in out[max(0, k - ROW_REACH):k] if u.row == above.row)
        if cells >= MIN_ROW_CELLS and _bare_value(above) and above.text[-1:].isdigit():
            out[k - 1] = above._replace(text=above.text + t.text)
            del out[k]
    return out


# (in the text before its cells are folded) an operator on a line alone; a piece ending with one ('200(≧', '90%≧')
_LONE_OPERATOR = re.compile(r"\n[ \t]*[≥≤≧≦⩾⩽＞＜><][ \t]*\n")
_LATE_OPERATOR = re.compile(r"[≥≤≧≦](?!\S)")


def _operator_in_front(token: Token) -> Token:
    """A value's operator that an extractor printed after the value's number, its font apart (pypdf, pdfminer:
    '90%≧', '200(≧' / '次)' of '≧200(次)'): an operator ends no value, so it goes in front."""
    text = token.text
    if not text[:1].isdigit() or sum(text.count(c) for c in "≥≤") != 1:
        return token
    return token._replace(text=text[-1] + text[:-1])


def _placed_operators(tokens: list[Token]) -> list[Token]:
    """A target's operator printed in a font of its own comes out of some PDF extractors on a line apart, before
    its value (pdfminer: '≧' / '95(%)') or after the value's first line (PyMuPDF: '200.00(' / '≧' / '节点)').
    Which side the document puts them shows where one stands between a line that is no value and a value; the
    operators go on the lines opening with digits and no operator on that side. Where the document does not
    show it, they stay as printed."""
    lone = [k for k in range(1, len(tokens) - 1) if tokens[k].text in OPERATOR_SIGNS
            and tokens[k - 1].row != tokens[k].row != tokens[k + 1].row]
    before = after = 0
    for k in lone:
        value_above, value_below = (_bare_value(tokens[j]) for j in (k - 1, k + 1))
        before += value_below and not value_above
        after += value_above and not value_below
    if after == before:
        return tokens
    side = -1 if after > before else 1
    out = list(tokens)
    for k in reversed(lone):
        value = out[k + side]
        if _bare_value(value) and abs(value.line - out[k].line) == 1:
            out[k + side] = value._replace(text=out[k].text + value.text)
            del out[k]
    return out


def _bare_value(token: Token) -> bool:
    """A line opening with digits and holding no operator."""
    return token.text[:1].isdigit() and not any(c in OPERATOR_SIGNS for c in token.text)


# a number cut by a narrow column (in the text before its cells are folded: `\d` is a full-width digit too, `．`
# a full-width point, `，` a full-width comma): a piece ending after its point or inside a group of its thousands
_CUT_NUMBER_TEXT = re.compile(r"\d[.．]\d?[ \r\n]|\d[,，]\d{1,2}[ \r\n]")  # (a cell a tab ends is whole)
# ... for certain: on its point or inside a group, or a piece opening with a zero before a digit
_SURE_CUT_TEXT = re.compile(r"\d[.．][ \r\n]|\d[,，]\d{0,2}[ \r\n]|\n[0０][0-9０-９]")
_DIGIT = re.compile(r"\d")
# '10.0' of '10.00', '99.4' of '99.49', '100.' of '100.00', '16,221,100.0' of '16,221,100.00'
_CUT_HEAD = re.compile(r"^(?:\d+|\d{1,3}(?:[,，]\d{3})+)\.\d?$")
_POINT_REST = re.compile(r"^(\d{1,2})%?$")  # '0' of '10.00', '00%' of '100.00%'
_CUT_GROUP = re.compile(r"^\d{1,3}(?:[,，]\d{3})*[,，](\d{1,2})$")  # '16,221,1' of '16,221,100.00'
_GROUP_REST = re.compile(r"^(\d{1,2})(?:\.\d+)?$")  # '00.00' of '16,221,100.00'
MAX_NUMBER_REST = 5  # characters of a cut number's rest, at the most ('00.00' of '16,221,100.00')
MAX_TEXT_BETWEEN = 2  # lines of text alone between cut numbers and their rests' line, at the most


def _rejoined_numbers(tokens: list[Token]) -> list[Token]:
    """Numbers a narrow column of a PDF cut over lines, in its text taken out line by line ('… 492.92 10.0' /
    '0' / '99.4' / '9', '16,221,1' / '00.00'), or with a space where its lines were joined (pypdf: '20.0 0'): the
    digits after such a head are its rest.

    A thousands group too short ('16,221,1') is cut wherever it stands, its rest the digits on the next line that
    make the group whole. After a point the digits alone on the next line are the rest of the number cut so at
    the end of the line above, or of the one number cut so on it (pdfplumber: '… 10.0 80.94 8.09' / '0'), where
    the document shows it: at least one such number stands on a line of several cells. After a point the digits
    after a space, and the digits on the next line as many as the numbers cut so on the line above (in their
    order: pdfplumber's '… 20.0 20.0' / '指标 标 0 0', '总分 100. 94.9' / '00 5'), are the rests where the
    document's whole numbers nearly all print as many decimals as the pairs joined would have; so are the digits
    alone on the next line (in a cell per line, '99.4' then a 得分 '9' stays as printed where numbers print one
    decimal or several)."""
    if not any(t.col is None and len(t.text) <= MAX_NUMBER_REST and t.text[:1].isdigit() for t in tokens):
        return tokens  # (no piece a rest: most documents, a table's cells all certain)
    rows: dict[int, list[int]] = {}
    for k, tok in enumerate(tokens):
        rows.setdefault(tok.row, []).append(k)
    joins: dict[int, int] = {}  # rest -> its head
    points: list[tuple[int, int, bool]] = []  # rests after a point: head, rest, alone on the line below
    several = False  # a head with its rest alone below stands on a line of several cells
    for k in range(1, len(tokens)):
        tok, before = tokens[k], tokens[k - 1]
        if tok.row == before.row:
            if tok.gap == Gap.SPACE and len(tok.text) <= 3 and _POINT_REST.match(tok.text) and _CUT_HEAD.match(
                    before.text):
                points.append((k - 1, k, False))  # (pypdf: '20.0 0')
            continue
        if tok.line != before.line + 1:
            continue
        line = rows[tok.row]
        if len(line) == 1:
            if not tok.text[:1].isdigit():
                continue  # (most lines: no rest)
            # (a group cut short anywhere on the line above: the rest stands below it, not after the row's last cell)
            groups = [h for h in rows[before.row] if _CUT_GROUP.match(tokens[h].text) and _fits(tokens[h].text,
                                                                                                 tok.text)]
            if len(groups) == 1 or k - 1 in groups:
                joins[k] = groups[0] if len(groups) == 1 else k - 1
            elif _POINT_REST.match(tok.text):
                if _CUT_HEAD.match(before.text):
                    head: int | None = k - 1
                else:
                    heads = [h for h in rows[before.row] if _CUT_HEAD.match(tokens[h].text)]
                    head = heads[0] if len(heads) == 1 else None
                if head is not None:
                    points.append((head, k, True))
                    several = several or len(rows[before.row]) >= 2
            continue
        rests = [j for j in line if _POINT_REST.match(tokens[j].text) or _GROUP_REST.match(tokens[j].text)]
        if not rests:
            continue
        # numbers cut after their point or in a group, their rests on the next line in their order (a 偏差原因's
        # next line may follow them; a line or two of text alone may stand between, labels centred in their rows:
        # '… 20.0 20.0' / '数量指标' / '0 0'): where a group is cut among them, all join (the line shows the
        # cuts, as does a number ending on its point: '99.' / '68'); else a point's rest joins as the document's
        # decimals show
        above = rows[before.row]
        for _ in range(MAX_TEXT_BETWEEN):
            first = above[0]
            if first == 0 or any(_DIGIT.search(tokens[j].text) for j in above) or (
                    tokens[first - 1].line != tokens[first].line - 1):
                break
            above = rows[tokens[first - 1].row]
        heads = [h for h in above if _CUT_HEAD.match(tokens[h].text) or _CUT_GROUP.match(tokens[h].text)]
        if under := _rests_under(tokens, heads, rests, line):
            joins.update((rest, head) for head, rest in under)
            continue
        if len(rests) == len(heads):
            pairs = list(zip(heads, rests, strict=True))
            if all(_fits(tokens[head].text, tokens[rest].text) for head, rest in pairs):
                if any(_CUT_GROUP.match(tokens[head].text) or tokens[head].text.endswith(".") for head in heads):
                    joins.update((rest, head) for head, rest in pairs)  # (a number never ends on its point)
                else:
                    points.extend((head, rest, False) for head, rest in pairs)
    if several:
        joins.update((k, head) for head, k, alone in points if alone)
    if points:
        cut = {head for head, _, _ in points} | {k for _, k, _ in points} | set(joins) | set(joins.values())
        decimals = Counter(len(m.group(1)) for k, t in enumerate(tokens)
                           if k not in cut and (m := DECIMALS.match(t.text)))
        printed, count = decimals.most_common(1)[0] if decimals else (None, 0)
        if count >= MIN_DECIMALS and count >= DECIMALS_SHARE * decimals.total():
            joins.update((k, head) for head, k, _ in points if _places(tokens[head].text, tokens[k].text) == printed)
    if not joins:
        return tokens
    out = list(tokens)
    for k in sorted(joins, reverse=True):  # (a head stands before its rest: deleting a rest moves no head)
        head = joins[k]
        out[head] = out[head]._replace(text=out[head].text + out[k].text)
        del out[k]
    return out


def _rests_under(tokens: list[Token], heads: list[int], rests: list[int], line: list[int]
                 ) -> list[tuple[int, int]]:
    """(head, rest) pairs of column-aligned text where each rest stands right under a cut number, starting where
    it starts, on a line of nothing but such pieces (`184482.5` / `6`, `86.98` / `%` beside it): their places
    pair them, whatever numbers a rest could finish the line above holds (a score printed `8.7`) and however many
    whole numbers the document prints among its decimals. Empty when any rest stands under none."""
    if any(len(tokens[j].text) > MAX_NUMBER_REST or not _PIECE.match(tokens[j].text) for j in line):
        return []
    at = {tokens[h].x: h for h in heads if tokens[h].x is not None}
    pairs = []
    for r in rests:
        h = at.get(tokens[r].x)
        if h is None or not _fits(tokens[h].text, tokens[r].text):
            return []
        pairs.append((h, r))
    return pairs


_PIECE = re.compile(r"^[\d.,%]+$")  # a number's piece a narrow column put on a line of its own


def _fits(head: str, rest: str) -> bool:
    """A rest that can finish its head: digits after a point, or the digits that make a thousands group whole."""
    if group := _CUT_GROUP.match(head):
        return bool((tail := _GROUP_REST.match(rest)) and len(group.group(1)) + len(tail.group(1)) == 3)
    return bool(_POINT_REST.match(rest))


def _places(head: str, rest: str) -> int:
    """The decimals of a number cut after its point, joined with its rest ('10.0' + '0': 2; '99.4' + '9%': 2)."""
    return len(head.partition(".")[2]) + len(rest.rstrip("%"))


def read_file(path: Path, display: str | None = None) -> Document:
    """Read a text document from disk (raises InputError with a user message when it cannot)."""
    name = display or str(path)
    text, _, notices = decode_text(read_bounded(path, current().text_bytes, name), name)
    doc = read_text(text, name)
    doc.warnings[:0] = notices
    return doc
