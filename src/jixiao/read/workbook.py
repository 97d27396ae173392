"""Workbooks (.xlsx, .xls, and the .et/.ods that LibreOffice converts): a sheet's cells and merged ranges as
table rows for the grid emitter, and cell values as Excel displays them.

A sheet is one table. Each sheet row that shows text is a table row of its cells; a merged range is one cell at
its top-left with its spans, and the positions it covers are not cells (a merged 一级指标 label is one label).
What a row is — a title merged across the sheet, a heading, a fund line — is the assembler's to decide, as for
any table. A row with no text is a blank line (forms stacked on one sheet are separated by empty rows); each
sheet is a page, so forms on different sheets are separated.

Values are shown as Excel shows them, because that is what the form printed: an amount of 1234.5 formatted
`#,##0.00` is `1,234.50`, a rate of 0.8619 formatted `0.00%` is `86.19%`, and a float of the General format is
rounded to 10 significant digits (Excel never prints `0.30000000000000004`).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Context, Decimal

from jixiao.errors import InputError
from jixiao.read.grid import Cell, Emitter, cell_text
from jixiao.read.limits import CellBudget, Deadline

Merge = tuple[int, int, int, int]  # (first row, last row + 1, first column, last column + 1), 0-based, as xlrd

_EXACT = Context(prec=400)  # every digit of a double (up to 1.8e308) and its decimals, for quantize
GENERAL_DIGITS = 10  # significant digits of a General float (Excel shows at most 11 characters)
# one piece of a number-format section: a quoted literal, an escaped character, padding (_x) or fill (*x),
# a currency in brackets ([$¥-804]), another bracket (colour, condition, locale, [DBNum1]), General, one character
_PIECE = re.compile(r'"([^"]*)"|\\(.)|[_*].|\[\$([^\]-]*)[^\]]*\]|\[[^\]]*\]|(general)|(.)', re.S | re.I)
_SECTION = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|;|[^"\\\[;]+', re.S)


def emit_sheet(out: Emitter, page: int, cells: Iterable[tuple[int, int, str]], merges: Iterable[Merge],
               budget: CellBudget, deadline: Deadline) -> None:
    """One sheet as a table on `page`: `cells` are (row, column, displayed text), 0-based, in any order.

    Only the rows and columns that hold text are scanned, not the range the file claims: a formatted empty
    sheet may claim a million rows. Hidden rows and columns are read like the others: hiding is how the sheet
    was displayed, not a deletion, and a hidden column may hold the form's values (a template's column hidden
    by whoever filled it in); an extra cell costs at most a warning, a lost value a wrong field."""
    texts: dict[tuple[int, int], str] = {(r, c): text for r, c, text in cells if text}
    if not texts:
        return
    out.new_page(page)
    last_row = max(r for r, _ in texts)
    first_col = min(c for _, c in texts)
    last_col = max(c for _, c in texts)
    spans = sorted((r0, r1, max(c0, first_col), c1)  # a range left of the used columns is empty: cut there
                   for r0, r1, c0, c1 in merges if r0 <= last_row and c0 <= last_col and c1 > first_col and r1 > r0)
    by_row: dict[int, int] = {}  # row -> its last column with text
    for r, c in texts:
        by_row[r] = max(c, by_row.get(r, c))
    active: list[Merge] = []
    k = 0
    last_emitted = -1
    reach = 0  # rows below this one are inside a merged cell of a row already emitted
    for r in sorted(by_row):
        deadline.check(f"第 {page} 个工作表第 {r + 1} 行")
        while k < len(spans) and spans[k][0] <= r:
            active.append(spans[k])
            k += 1
        active = [m for m in active if m[1] > r]
        row = _row(r, first_col, by_row[r], texts, {m[2]: m for m in active}, budget)
        if not row:  # its text is only under merged cells (a malformed file): nothing shows
            continue
        if r > last_emitted + 1 and reach < r:
            out.blank()
        out.table_row(row, r + 1)
        last_emitted = r
        reach = max([reach] + [m[1] for m in active if m[0] == r])
    out.end_table()


def _row(r: int, first_col: int, end: int, texts: dict[tuple[int, int], str], spans: dict[int, Merge],
         budget: CellBudget) -> list[Cell]:
    """The cells of row `r` from the sheet's first used column to its last text: a merged range once, at its
    top-left, the positions it covers skipped; trailing empty cells dropped."""
    budget.take(end - first_col + 1)
    row: list[Cell] = []
    c = first_col
    while c <= end:
        merge = spans.get(c)
        if merge is None:
            row.append(Cell(texts.get((r, c), ""), c - first_col))
            c += 1
            continue
        r0, r1, c0, c1 = merge
        if r0 == r:
            row.append(Cell(texts.get((r, c), ""), c - first_col, r1 - r0, c1 - c0))
        c = c1
    while row and not row[-1].text:
        row.pop()
    return row


def unreadable(file: str, kind: str, exc: BaseException) -> InputError:
    """The error for a workbook its library cannot open, with the innermost reason on one line (the libraries
    wrap the parser's error in long messages of their own)."""
    while (inner := exc.__cause__ or exc.__context__) is not None:
        exc = inner
    reason = " ".join(f"{type(exc).__name__}: {exc}".split())
    return InputError(file, f"Excel 文件（{kind}）已损坏或已加密，无法打开：{reason[:200]}")


# ----------------------------------------------------------------------------------------------- values


def display(value: object, number_format: str = "General") -> str:
    """A cell's value as Excel displays it, as cell text (line breaks kept as lines)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time():
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, (int, float)):
        return number(value, number_format)
    return cell_text(str(value).split("\n"))


def number(value: float, number_format: str) -> str:
    """A number in an Excel number format: the section for its sign, percent, thousands separators, decimals
    and the literal text around the digits. Fractions and exotic codes fall back to General."""
    if isinstance(value, float) and not math.isfinite(value):
        return "#NUM!"
    sections = _sections(number_format)
    section, signed = sections[0], True
    if value < 0 and len(sections) > 1:
        section, value, signed = sections[1], -value, False  # the section prints its own sign: (1.00)
    elif value == 0 and len(sections) > 2:
        section = sections[2]
    prefix, digits, suffix, general, percent = _parse(section)
    if general:
        return (prefix + _general(value) + suffix).strip()
    if not digits:  # text only ('-' for zero in accounting formats), or an empty section that hides the value
        return (prefix + suffix).strip()
    exact = Decimal(value) if isinstance(value, int) else Decimal(repr(value))
    shown = _digits(abs(exact) * 100**percent, digits.upper())
    negative = signed and value < 0 and any(ch in "123456789" for ch in shown)
    return (("-" if negative else "") + prefix + shown + suffix).strip()


def _sections(number_format: str) -> list[str]:
    """A format's sections (positive;negative;zero;text), split at the semicolons outside quotes and brackets."""
    sections = [""]
    for piece in _SECTION.findall(number_format or "General"):
        if piece == ";":
            sections.append("")
        else:
            sections[-1] += piece
    return sections


def _parse(section: str) -> tuple[str, str, str, bool, int]:
    """(literal text before the digits, the digit placeholders with their . , E, literal text after, whether
    the number is shown as General (General, @), the number of percent signs)."""
    before: list[str] = []
    digits: list[str] = []
    after: list[str] = []
    general = False
    percent = 0
    for quoted, escaped, currency, word, char in _PIECE.findall(section):
        if char and (char in "0#?" or (digits and not after and char in ".,Ee+-")):
            digits.append(char)
            continue
        if char == "/" and digits:  # a fraction (# ?/?): shown as General
            return "", "", "", True, 0
        general = general or bool(word) or char == "@"
        percent += char == "%"
        literal = quoted or escaped or currency or ("" if char == "@" else char)
        (after if digits or general else before).append(literal)
    return "".join(before), "".join(digits), "".join(after), general, percent


def _digits(value: Decimal, digits: str) -> str:
    """A non-negative value in digit placeholders such as `#,##0.00`, `0.0#`, `0.00E+00` (commas after the last
    integer digit divide by a thousand each)."""
    numeric, _, exponent = digits.partition("E")
    whole, point, frac = numeric.partition(".")
    value /= Decimal(1000) ** (len(whole) - len(whole.rstrip(",")))
    places = sum(ch in "0#?" for ch in frac)
    if exponent:
        lead, _, power = f"{value:.{places}E}".partition("E")
        width = max(1, exponent.count("0"))
        return f"{lead}E{power[0]}{int(power[1:]):0{width}d}"
    rounded = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP, context=_EXACT)
    head, _, tail = f"{rounded:f}".partition(".")
    head = head.lstrip("0").rjust(whole.count("0"), "0")
    if head and "," in whole.rstrip(","):
        head = f"{int(head):,}"
    tail = tail.rstrip("0").ljust(frac.count("0"), "0")
    return head + point + tail


def _general(value: float) -> str:
    """A number in the General format: integers as integers, floats to 10 significant digits, no exponent."""
    if isinstance(value, int) or (value == int(value) and abs(value) < 1e15):
        return str(int(value))
    exact = Decimal(repr(value))
    rounded = exact.quantize(Decimal(1).scaleb(exact.adjusted() - GENERAL_DIGITS + 1), rounding=ROUND_HALF_UP)
    return f"{rounded.normalize():f}"
