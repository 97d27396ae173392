"""The official layout as an Excel workbook (openpyxl): one sheet per form, ready to print.

Title and year are rows merged across the table; every table cell is bordered (a merged range on each of its
cells, as Excel needs); amounts are numbers formatted `#,##0.00`, the execution rate a fraction formatted as a
percentage, so the sheet computes; the page is A4 portrait, fitted to one page wide, with the indicator table's
heading repeated on every printed page.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from jixiao.render.layout import NUMERIC, Cell, Kind, Layout

_THIN = Side(style="thin")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
FONT = Font(name="宋体", size=10)
BOLD = Font(name="宋体", size=10, bold=True)
TITLE_FONT = Font(name="宋体", size=16, bold=True)
TITLE_ROWS = 2  # title, year
CJK_UNITS = 2.0  # Excel column width units a CJK character takes at FONT's size
LINE_HEIGHT = 14.0  # points per printed line at FONT's size
WIDTH_UNITS = 1.45  # Excel column width units per width unit of the layout (A4 portrait at about 90%)
_ALIGN = {Kind.TEXT: "left", Kind.AMOUNT: "right", Kind.RATE: "right", Kind.SCORE: "right"}
_SHEET_NAME = re.compile(r"[\[\]:*?/\\]")


def number_format(cell: Cell) -> str:
    """The Excel format showing the cell's digits: `#,##0.00` for amounts, `0.00%` for rates, `0.##` style."""
    zeros = "0" * cell.decimals
    point = "." if zeros else ""
    if cell.kind is Kind.AMOUNT:
        return f"#,##0{point}{zeros}"
    if cell.kind is Kind.RATE:
        return f"0{point}{zeros}%"
    return f"0{point}{zeros}"


def sheet_name(title: str, taken: set[str]) -> str:
    """A sheet name from a project name: no characters Excel forbids, at most 31 characters, unique."""
    base = _SHEET_NAME.sub("", title).strip("' ") or "自评表"
    name, n = base[:31], 1
    while name.lower() in taken:
        n += 1
        suffix = f"（{n}）"
        name = base[:31 - len(suffix)] + suffix
    taken.add(name.lower())
    return name


def write_layout(sheet: Worksheet, layout: Layout, first_row: int = 1) -> int:
    """`layout` on `sheet` from `first_row`: title, year, table; returns the row after the table."""
    ncols = len(layout.widths)
    for k, width in enumerate(layout.widths):
        sheet.column_dimensions[get_column_letter(k + 1)].width = width * WIDTH_UNITS
    for offset, (text, font) in enumerate(((layout.title, TITLE_FONT), (layout.year, FONT))):
        row = first_row + offset
        cell = sheet.cell(row, 1, text or None)
        cell.font, cell.alignment = font, Alignment(horizontal="center", vertical="center")
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=ncols)
    sheet.row_dimensions[first_row].height = 30
    top = first_row + TITLE_ROWS
    lines = [1] * layout.rows
    for item in layout.cells:
        _put(sheet, item, top, lines)
    for r, count in enumerate(lines):
        sheet.row_dimensions[top + r].height = LINE_HEIGHT * count + 6
    return top + layout.rows


def _put(sheet: Worksheet, item: Cell, top: int, lines: list[int]) -> None:
    row, col = top + item.row, item.col + 1
    for r in range(row, row + item.rowspan):
        for c in range(col, col + item.colspan):
            sheet.cell(r, c).border = BORDER
    if item.rowspan > 1 or item.colspan > 1:
        sheet.merge_cells(start_row=row, start_column=col, end_row=row + item.rowspan - 1,
                          end_column=col + item.colspan - 1)
    cell = sheet.cell(row, col)
    if item.kind in NUMERIC and item.value is not None:
        cell.value = item.value / 100 if item.kind is Kind.RATE else item.value
        cell.number_format = number_format(item)
    elif item.text:
        cell.value = item.text
        cell.data_type = "s"  # a target such as '=2(场)' is text, not a formula
    cell.font = BOLD if item.kind in (Kind.LABEL, Kind.HEAD) else FONT
    cell.alignment = Alignment(horizontal=_ALIGN.get(item.kind, "center"), vertical="center", wrap_text=True)
    if item.rowspan == 1:
        lines[item.row] = max(lines[item.row], _lines(item.text, sheet, col, item.colspan))


def _lines(text: str, sheet: Worksheet, col: int, span: int) -> int:
    """Printed lines of `text` in `span` columns from `col` (Excel sets no row height for a program's file)."""
    width = sum(sheet.column_dimensions[get_column_letter(c)].width for c in range(col, col + span)) / CJK_UNITS
    total = 0
    for part in text.split("\n"):
        wide = sum(1.0 if ord(ch) > 0x2E7F else 0.55 for ch in part)
        total += max(1, -int(-wide // max(width - 0.6, 1.0)))
    return total


def print_setup(sheet: Worksheet, header_row: int | None) -> None:
    """A4 portrait, one page wide, as many pages tall as needed, the indicator heading on every page."""
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "portrait"
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.page_margins.left = sheet.page_margins.right = 0.5
    sheet.page_margins.top = sheet.page_margins.bottom = 0.6
    sheet.print_options.horizontalCentered = True
    if header_row is not None:
        sheet.print_title_rows = f"{header_row}:{header_row}"


def write_xlsx(layouts: Iterable[tuple[str, Layout]], path: Path) -> Path:
    """One sheet per (name, layout) in a workbook at `path`."""
    book = Workbook()
    book.remove(book.active)
    taken: set[str] = set()
    for name, layout in layouts:
        sheet = book.create_sheet(sheet_name(name, taken))
        write_layout(sheet, layout)
        print_setup(sheet, TITLE_ROWS + layout.header_row + 1)
    if not book.worksheets:
        book.create_sheet("自评表")
    book.save(path)
    return path
