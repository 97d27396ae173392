"""Render form records as real workbooks: the document model of tests/layout_render.py written with openpyxl.

The title, year and page chrome are single cells merged across the form's 8 columns; each table row is a sheet
row, with merged cells for column spans and for the merged 一级/二级 labels (the label in the top-left cell of
its range, as Excel keeps it; a segment continued after a page break is an empty merged range). Amounts, rates,
weights and scores are numbers with number formats, so the reader's number display is exercised: `#,##0.00`,
`0.00` or General, the execution rate as a fraction formatted `0.00%` or as a number; every format shows all
the digits of the record, so the displayed value reads back equal. A page break is a few empty rows (with a
printed page break) or, in a variation, a new sheet; forms are stacked on one sheet or one per sheet. The table
starts in column A or, in a variation, B. `render_xls` converts the workbook with LibreOffice, as real .xls
files are made.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import unicodedata
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break as RowBreak
from openpyxl.worksheet.worksheet import Worksheet

from tests.layout_render import COL_WIDTH, NCOLS, Break, FormSep, Line, Row, _build, _s2t

_THIN = Side(style="thin")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
WRAP = Alignment(wrap_text=True, vertical="center")


def _cjk_width(text: str) -> float:
    """Printed width in CJK characters (a half-width character counts half)."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.5 for ch in text)
AMOUNT_FORMATS = ("#,##0.00", "0.00", "General")


class _Writer:
    """Places the document's items on sheets: the current sheet, its next row and its pending merges."""

    def __init__(self, book: Workbook, offset: int, amount_format: str, traditional: bool) -> None:
        self.book = book
        self.offset = offset
        self.amount_format = amount_format
        self.convert = _s2t().convert if traditional else str
        self.sheet: Worksheet = book.active
        self.row = 1
        self.merges: list[tuple[int, int, int, int]] = []
        self._setup(self.sheet)

    def _setup(self, sheet: Worksheet) -> None:
        sheet.title = f"表{len(self.book.worksheets)}"
        for k, width in enumerate(COL_WIDTH):
            sheet.column_dimensions[get_column_letter(self.offset + k + 1)].width = width * 2 + 2
        # printed as a unit prints it: A4 landscape, all columns on one page width
        sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
        sheet.page_setup.orientation = "landscape"
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0

    def new_sheet(self) -> None:
        self.finish()
        self.sheet = self.book.create_sheet()
        self._setup(self.sheet)
        self.row = 1

    def finish(self) -> None:
        for r0, c0, r1, c1 in self.merges:
            self.sheet.merge_cells(start_row=r0, start_column=c0, end_row=r1, end_column=c1)
        self.merges = []

    def line(self, item: Line) -> None:
        if not item.text:
            return
        col = self.offset + 1
        cell = self.sheet.cell(self.row, col, self.convert(item.text))
        cell.alignment = Alignment(horizontal="center")
        if item.kind == "title":
            cell.font = Font(bold=True, size=14)
        self.merges.append((self.row, col, self.row, col + NCOLS - 1))
        self.row += 1

    def table_row(self, item: Row) -> None:
        for k in range(NCOLS):
            self.sheet.cell(self.row, self.offset + k + 1).border = BORDER
        col = self.offset + 1
        for c in item.cells:
            if c.merge is not None:
                if c.merge.index == 0:
                    text = c.merge.text if c.merge.label_at is not None else ""
                    self._put(col, text, "text")
                    if c.merge.length > 1:
                        self.merges.append((self.row, col, self.row + c.merge.length - 1, col))
            else:
                self._put(col, c.text, c.kind)
                if c.span > 1:
                    self.merges.append((self.row, col, self.row, col + c.span - 1))
            col += c.span
        self._fit_height(item)
        self.row += 1

    def _fit_height(self, item: Row) -> None:
        """Row height for the wrapped text, as Excel's autofit sets it when a unit types the form in (a sheet
        written by a program has none, and LibreOffice prints it at one line per row, text running over)."""
        lines = 1
        col = 0
        for c in item.cells:
            text = c.merge.text if c.merge is not None and c.merge.index == 0 and c.merge.length == 1 else (
                c.text if c.merge is None else "")
            width = sum(COL_WIDTH[col:col + c.span]) * 2 + 2 * c.span  # column width in Excel's character units
            lines = max(lines, -(-int(2 * _cjk_width(text) + 2) // max(int(width), 1)))
            col += c.span
        self.sheet.row_dimensions[self.row].height = 15 * lines

    def _put(self, col: int, text: str, kind: str) -> None:
        if not text:
            return
        cell = self.sheet.cell(self.row, col)
        cell.alignment = WRAP
        value = _number(text) if kind == "num" else None
        if value is None:
            cell.value = self.convert(text)
            cell.data_type = "s"  # a target such as '=2(场)' is text, not a formula
            return
        shown, decimals, percent = value
        if percent:
            cell.value = shown / 100
            cell.number_format = f"0.{'0' * max(decimals, 2)}%"
        else:
            cell.value = shown
            cell.number_format = self.amount_format if decimals <= 2 else "General"


def _number(text: str) -> tuple[float, int, bool] | None:
    """(value, decimals, printed with %) of a number cell's text, None for a dash or a full-width number."""
    plain = text.replace(",", "")
    percent = plain.endswith("%")
    if not plain.isascii():
        return None
    try:
        exact = Decimal(plain.rstrip("%"))
    except ArithmeticError:
        return None
    return float(exact), max(0, -exact.as_tuple().exponent), percent


def render_xlsx(
    forms: list[dict],
    path: Path,
    *,
    seed: int = 0,
    page_breaks: bool = False,
    repeat_header: bool = False,
    label_position: str = "top",
    chrome: bool = False,
    markup: bool = False,
    variants: bool = False,
    traditional: bool = False,
    sheet_per_form: bool | None = None,
    sheet_per_page: bool | None = None,
) -> Path:
    """`forms` written as a workbook at `path`, with the options of `layout_render.render`; whether each form
    and each printed page starts a new sheet is drawn from the seed unless given."""
    doc, _, rng = _build(forms, seed=seed, page_breaks=page_breaks, repeat_header=repeat_header,
                         label_position=label_position, chrome=chrome, markup=markup, variants=variants)
    if sheet_per_form is None:
        sheet_per_form = rng.random() < 0.5
    if sheet_per_page is None:
        sheet_per_page = rng.random() < 0.3
    book = Workbook()
    out = _Writer(book, rng.choice([0, 0, 1]), rng.choice(AMOUNT_FORMATS), traditional)
    for item in doc:
        if isinstance(item, Line):
            out.line(item)
        elif isinstance(item, Row):
            out.table_row(item)
        elif isinstance(item, FormSep) and sheet_per_form or isinstance(item, Break) and sheet_per_page:
            out.new_sheet()
        else:
            if isinstance(item, Break):
                out.sheet.row_breaks.append(RowBreak(id=out.row - 1))
            out.row += rng.randint(1, 3)
    out.finish()
    book.save(path)
    return path


def convert(files: list[Path], target: str, outdir: Path) -> list[Path]:
    """Convert files with LibreOffice in ONE run (its start-up is most of the time), with a private profile so
    that parallel runs do not share one; the converted paths, in the order of `files`."""
    program = shutil.which("soffice") or shutil.which("libreoffice")
    if program is None:
        raise RuntimeError("LibreOffice (soffice) is not installed")
    with tempfile.TemporaryDirectory(prefix="jixiao-test-soffice-") as profile:
        subprocess.run([program, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--norestore",
                        "--convert-to", target, "--outdir", str(outdir), *map(str, files)],
                       stdin=subprocess.DEVNULL, capture_output=True, timeout=300, check=True)
    converted = [outdir / f"{f.stem}.{target}" for f in files]
    missing = [p.name for p in converted if not p.exists()]
    if missing:
        raise RuntimeError(f"LibreOffice did not write {', '.join(missing)}")
    return converted


def render_xls(forms: list[dict], path: Path, **options) -> Path:
    """`forms` written as an .xlsx (`render_xlsx`, same options) and converted to .xls by LibreOffice."""
    with tempfile.TemporaryDirectory(prefix="jixiao-test-xls-") as tmp:
        source = render_xlsx(forms, Path(tmp) / f"{path.stem}.xlsx", **options)
        [converted] = convert([source], "xls", Path(tmp))
        shutil.move(converted, path)
    return path

