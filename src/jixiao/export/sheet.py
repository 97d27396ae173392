"""Worksheet XML for the data sheets of the workbook, written fast.

On 100,000 forms the workbook holds about 45 million cells (指标 alone 1.1 million rows). openpyxl's write-only
mode spends several microseconds of Python on every cell, minutes for that workbook, so the rows of the data
sheets are rendered here a chunk at a time with C-level string operations: the chunk's values are joined into one
string, escaped with three str.replace calls, split again and interleaved with the constant markup of their
cells. Rows and cells carry no `r` reference (it is optional: each follows the previous one), so the sheet is
the concatenation of its chunks. openpyxl still writes the workbook around these sheets: styles, the sheet list
and the 概览 sheet (see `jixiao.report.workbook`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from itertools import chain, cycle, islice

from openpyxl.utils import get_column_letter

MAX_ROWS = 1_048_576  # Excel's rows per sheet, the header row included
MAX_CELL = 32_767  # Excel's characters per cell
NAMESPACE = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_SEP, _NULL = "\x00", "\x01"  # XML forbids both, so no value that is written can hold them
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_CONTROL = bytes([*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20)])
_TEXT = ('<c t="inlineStr"{style}><is><t>', "</t></is></c>")
_NUMBER = ("<c{style}><v>", "</v></c>")
_NON_FINITE = ("<v>nan</v>", "<v>inf</v>", "<v>-inf</v>")
_NULLS = {None: _NULL}.get  # map(_NULLS, values, values): None → _NULL, any other value itself
MIN_WIDTH, MAX_WIDTH = 6, 60
PORTRAIT_WIDTH = 95  # column width units an A4 page holds upright at 100%; a wider sheet prints landscape
A4 = 9  # paperSize code
MARGINS = {"left": 0.4, "right": 0.4, "top": 0.6, "bottom": 0.6, "header": 0.3, "footer": 0.3}  # inches
PAGE_HEADER = "&L&A&R财政项目支出绩效自评核查"  # sheet name on the left, the report on the right
PAGE_FOOTER = "&C第 &P 页，共 &N 页"


class RowFormat:
    """Renders rows of one table as <row> elements. `styles[i]` is the cellXfs index of column i (0: none),
    `numeric[i]` whether it holds numbers (else text)."""

    def __init__(self, styles: Sequence[int], numeric: Sequence[bool]) -> None:
        cells = [(_NUMBER if n else _TEXT) for n in numeric]
        opens = [cell[0].format(style=f' s="{s}"' if s else "") for cell, s in zip(cells, styles, strict=True)]
        closes = [cell[1] for cell in cells]
        # The markup before each value; a row's first piece also ends the previous row, except in a chunk's first.
        self._first = "<row>" + opens[0]
        self._end = closes[-1] + "</row>"
        self._pieces = [self._end + self._first, *(c + o for c, o in zip(closes, opens[1:], strict=False))]
        self._blanks = [(f"{o}{_NULL}{c}".encode(), (o.split(">")[0].replace(' t="inlineStr"', "") + "/>").encode())
                        for o, c, n in set(zip(opens, closes, numeric, strict=True)) if not n]
        self._blanks.append((f"<v>{_NULL}</v>".encode(), b""))  # a null number: the cell stays, styled and empty

    def render(self, rows: Sequence[Sequence]) -> bytes:
        """The UTF-8 XML of `rows` (tuples in column order)."""
        data = self._render(rows)
        if data is None:  # a value holds a character XML forbids or is too long for a cell: fix and render again
            data = self._render([[fit_cell(v) for v in row] for row in rows], fitted=True)
            assert data is not None
        return data

    def _render(self, rows: Sequence[Sequence], fitted: bool = False) -> bytes | None:
        if not rows:
            return b""
        flat = list(chain.from_iterable(rows))
        values = _SEP.join(map(str, map(_NULLS, flat, flat)))
        values = values.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        parts = values.split(_SEP)
        if len(parts) != len(flat) or (not fitted and max(map(len, parts)) > MAX_CELL):
            return None
        pieces = chain((self._first,), islice(cycle(self._pieces), 1, None))
        text = "".join(chain(chain.from_iterable(zip(pieces, parts, strict=False)), (self._end,)))
        if "nan" in values or "inf" in values:  # NaN and infinities are no numbers in SpreadsheetML
            for bad in _NON_FINITE:
                text = text.replace(bad, "")
        data = text.encode("utf-8")
        for null, blank in self._blanks:
            data = data.replace(null, blank)
        if _NULL.encode() in data or len(data.translate(None, _CONTROL)) != len(data):
            return None
        return data


def fit_cell(value: object) -> object:
    """A text without the characters XML forbids, cut to what a cell holds."""
    return _ILLEGAL.sub("", value)[:MAX_CELL] if isinstance(value, str) else value


def text_width(value: object) -> int:
    """Display width of a value as text: East Asian wide characters count double."""
    text = value if isinstance(value, str) else f"{value:,.2f}" if isinstance(value, float) else str(value)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def column_widths(headers: Sequence[str], sample: Sequence[Sequence]) -> list[float]:
    """Column widths that fit the header and the sample rows' values, within MIN_WIDTH and MAX_WIDTH."""
    widths = [text_width(h) for h in headers]
    for row in sample:
        for i, value in enumerate(row):
            if value is not None:
                widths[i] = max(widths[i], text_width(value))
    return [min(MAX_WIDTH, max(MIN_WIDTH, w + 2)) for w in widths]


def is_wide(widths: Sequence[float]) -> bool:
    """Whether a sheet of these column widths prints landscape (it does not fit an upright A4 page)."""
    return sum(widths) > PORTRAIT_WIDTH


def head(widths: Sequence[float], header: bytes) -> bytes:
    """A worksheet up to and including its header row: the header row frozen, column widths set, printed fitted to
    the page width (see `tail` for the rest of the page setup)."""
    cols = "".join(f'<col min="{i}" max="{i}" width="{w:g}" customWidth="1"/>' for i, w in enumerate(widths, 1))
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{NAMESPACE}">'
            '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>'
            '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft"'
            ' state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>'
            f'<sheetFormatPr defaultRowHeight="15"/><cols>{cols}</cols><sheetData>').encode() + header


def area(columns: int, top: int, bottom: int) -> str:
    """The range of `columns` columns from row `top` to row `bottom`: "A3:H9"."""
    return f"A{top}:{get_column_letter(columns)}{bottom}"


def filter_ref(columns: int, rows: int) -> str:
    """The autofilter range of a sheet with a header row and `rows` data rows."""
    return area(columns, 1, rows + 1)


def page_setup(landscape: bool) -> str:
    """Print settings of a data sheet: A4, `landscape` or upright, fitted to one page wide and as many tall as it
    takes, narrow margins, the sheet's name in the page header and page numbers in the footer. (The header row is
    repeated on every page by the workbook's print titles, which `Package.close` sets.)"""
    margins = " ".join(f'{side}="{inches:g}"' for side, inches in MARGINS.items())
    orientation = "landscape" if landscape else "portrait"
    return (f'<pageMargins {margins}/><pageSetup paperSize="{A4}" orientation="{orientation}" fitToWidth="1"'
            f' fitToHeight="0"/><headerFooter><oddHeader>{_xml(PAGE_HEADER)}</oddHeader>'
            f'<oddFooter>{_xml(PAGE_FOOTER)}</oddFooter></headerFooter>')


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def tail(columns: int, rows: int, landscape: bool = True) -> bytes:
    """The rest of a worksheet after its last data row: the autofilter over header and rows, the page setup."""
    return (f'</sheetData><autoFilter ref="{filter_ref(columns, rows)}"/>{page_setup(landscape)}'
            '</worksheet>').encode()
