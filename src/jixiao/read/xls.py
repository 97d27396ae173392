"""Excel 97–2003 reader (.xls, and WPS 表格 .et saved in the same BIFF format): every worksheet as a table.

xlrd reads merged ranges and number formats only with `formatting_info`; a file that xlrd cannot read that way
(some generators write records it rejects) is read again without it — its values are worth more than its spans —
and with xlrd's tolerance of a damaged compound-file directory, which such files often have too.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path

import xlrd
from xlrd.book import Book
from xlrd.sheet import Sheet

from jixiao.read.grid import Emitter
from jixiao.read.limits import CellBudget, Deadline
from jixiao.read.repeats import as_printed
from jixiao.read.tokens import Document
from jixiao.read.workbook import display, emit_sheet, number, unreadable

_SKIP = (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK)


def read_xls(path: Path, file: str) -> Document:
    """Read an .xls workbook: each worksheet a page, each row a table row."""
    deadline = Deadline(file)
    book = _open(path, file)
    doc = Document(file=file)
    out = Emitter(doc)
    budget = CellBudget(file)
    for index, sheet in enumerate(book.sheets()):
        deadline.check(f"工作表“{sheet.name}”")
        emit_sheet(out, index + 1, _cells(book, sheet, deadline), sheet.merged_cells, budget, deadline)
    as_printed(doc.tokens)
    return doc


def _open(path: Path, file: str) -> Book:
    """The workbook with its formatting, or without it when xlrd cannot read that; xlrd's diagnostics, which it
    prints to stdout by default, are dropped."""
    try:
        return xlrd.open_workbook(str(path), formatting_info=True, ragged_rows=True, logfile=io.StringIO())
    except OSError:
        raise
    except Exception:  # noqa: BLE001 - xlrd fails on a file it cannot read with any of many types
        pass
    try:
        return xlrd.open_workbook(str(path), ragged_rows=True, ignore_workbook_corruption=True,
                                  logfile=io.StringIO())
    except OSError:
        raise
    except Exception as exc:  # noqa: BLE001
        raise unreadable(file, ".xls", exc) from exc


def _cells(book: Book, sheet: Sheet, deadline: Deadline) -> Iterator[tuple[int, int, str]]:
    """(row, column, displayed text) of the cells with a value. Rows are ragged (only the cells the file has),
    and the formatted blank cells of a bordered area are passed over by their type, without a cell object;
    xlrd holds the sheet in memory already, so time, not a cell count, is what bounds this."""
    for r in range(sheet.nrows):
        deadline.check(f"工作表“{sheet.name}”第 {r + 1} 行")
        for c, ctype in enumerate(sheet.row_types(r)):
            if ctype not in _SKIP:
                yield r, c, _text(book, sheet.cell(r, c))


def _text(book: Book, cell: xlrd.sheet.Cell) -> str:
    if cell.ctype == xlrd.XL_CELL_TEXT:
        return display(cell.value)
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return display(bool(cell.value))
    if cell.ctype == xlrd.XL_CELL_ERROR:
        return xlrd.error_text_from_code.get(cell.value, "#VALUE!")
    if cell.ctype == xlrd.XL_CELL_DATE:
        try:
            parts = xlrd.xldate_as_tuple(cell.value, book.datemode)
        except xlrd.xldate.XLDateError:  # out of the calendar: shown as the number it is
            return number(cell.value, "General")
        return display(dt.time(*parts[3:]) if parts[:3] == (0, 0, 0) else dt.datetime(*parts))
    return number(cell.value, _format(book, cell.xf_index))


def _format(book: Book, xf_index: int | None) -> str:
    """The number format of a cell's XF record ('General' without formatting information or for a bad index)."""
    if xf_index is None or not 0 <= xf_index < len(book.xf_list):
        return "General"
    fmt = book.format_map.get(book.xf_list[xf_index].format_key)
    return fmt.format_str if fmt is not None else "General"
