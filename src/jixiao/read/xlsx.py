"""Excel 2007+ reader (.xlsx, and .et/.ods converted by LibreOffice): every worksheet, in tab order, as a table.

openpyxl reads the whole workbook (its read-only mode has no merged cells, and the merged ranges are the form's
label spans), with the values Excel cached for formulas (`data_only`) — and, where the sheets hold formulas, once
more with the formulas, so a target a person typed that Excel took for one ('=100%') reads as typed. openpyxl parses
the XML with defusedxml when it is installed (it is a dependency; `openpyxl.DEFUSEDXML`), so entity expansion and
external entities are refused. A merged range is expanded by openpyxl into one object per covered cell when the
sheet loads, so the sheets' cells and merged areas are counted in the raw XML first: a range of a million rows is
refused before it costs memory.
"""

from __future__ import annotations

import re
import shutil
import warnings
import zipfile
from pathlib import Path

from defusedxml import DefusedXmlException
from openpyxl import load_workbook
from openpyxl.utils.cell import range_boundaries

from jixiao.errors import InputError
from jixiao.read.convert import convert, soffice
from jixiao.read.grid import Emitter
from jixiao.read.limits import ZIP_ERRORS, CellBudget, Deadline
from jixiao.read.repeats import as_printed
from jixiao.read.tokens import Document, Notice
from jixiao.read.workbook import display, emit_sheet, unreadable

_CELL_OR_MERGE = re.compile(rb'<(?:\w+:)?c[\s/>]|<(?:\w+:)?mergeCell\s[^>]*?ref="([A-Z]+[0-9]+:[A-Z]+[0-9]+)"')
_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>]")
# what a person typed that Excel took for a formula: '=200', '=100%' (a target with its operator); any formula
# whose result is an error and that names no cell ('=1年度', '=100.00(%)' give #NAME?, #VALUE!)
# a target typed with its operator: '=100', '=100%', '=100.00(%)' (a unit in brackets: no formula Excel computes)
_TYPED_NUMBER = re.compile(r"^=\s*[-+]?\d[\d,]*(\.\d+)?\s*(%|[(（][^()（）]{1,4}[)）])?$")
_CELL_REFERENCE = re.compile(r"\$?[A-Za-z]{1,3}\$?\d+|!")
_ERRORS = frozenset({"#NAME?", "#VALUE!", "#DIV/0!", "#REF!", "#NUM!", "#N/A", "#NULL!"})
_CHUNK = 1 << 20
FORBIDDEN = "Excel 文件（.xlsx）中含有被禁止的 XML 实体或外部引用（疑为恶意文件）；未读取"


def read_xlsx(path: Path, file: str, recalculated: bool = False) -> Document:
    """Read an .xlsx workbook: each worksheet a page, each row a table row; chart sheets have no cells.

    A workbook written by a program that computes no formulas keeps no value for them (an office system's
    export, a script's): where LibreOffice is installed it computes them and the workbook it saves is read;
    else those cells are named in a warning, their values left unread."""
    deadline = Deadline(file)
    formulas = _count_cells(path, file)
    book = _load(path, file, data_only=True)
    # (the formulas themselves only where the sheets have any: a second load)
    typed = _load(path, file, data_only=False).worksheets if formulas else [None] * len(book.worksheets)
    doc = Document(file=file)
    out = Emitter(doc)
    budget = CellBudget(file)
    uncalculated: list[str] = []
    for index, (sheet, written) in enumerate(zip(book.worksheets, typed, strict=True)):
        deadline.check(f"工作表“{sheet.title}”")
        # the cells the file has (iter_rows would create every position of the claimed range)
        cells = ((row - 1, col - 1, text) for (row, col), cell in sheet._cells.items()
                 if (text := _text(cell, written, row, col)) is not None)
        merges = ((r.min_row - 1, r.max_row, r.min_col - 1, r.max_col) for r in sheet.merged_cells.ranges)
        emit_sheet(out, index + 1, cells, merges, budget, deadline)
        if written is not None:
            uncalculated += [f"“{sheet.title}”{cell.coordinate}" for (row, col), cell in written._cells.items()
                             if _uncalculated(cell.value, sheet._cells.get((row, col)))]
    as_printed(doc.tokens)
    if not uncalculated:
        return doc
    why = "LibreOffice 也未能算出" if recalculated else "需要 LibreOffice 重新计算，本机未找到 soffice 命令"
    if not recalculated and soffice() is not None:
        try:
            converted = convert(path, file, "xlsx")
        except InputError as exc:  # (the workbook as read, its uncalculated cells empty)
            why = f"LibreOffice 重新计算失败（{exc.message}）"
        else:
            try:
                recalculated_doc = read_xlsx(converted, file, recalculated=True)
            finally:
                shutil.rmtree(converted.parent, ignore_errors=True)
            recalculated_doc.warnings.append(Notice(f"工作簿中 {len(uncalculated)} 个公式单元格没有保存计算结果"
                                                    "（生成它的程序不计算公式），已用 LibreOffice 重新计算后读取"))
            return recalculated_doc
    where = "、".join(uncalculated[:5]) + ("等" if len(uncalculated) > 5 else "")
    doc.warnings.append(Notice(f"工作簿中 {len(uncalculated)} 个公式单元格（{where}）没有保存计算结果，{why}，"
                               "其值按空值处理"))
    return doc


def _uncalculated(formula: object, cached) -> bool:  # noqa: ANN001 - openpyxl's cell
    """A formula over other cells of which the file keeps no value."""
    return (isinstance(formula, str) and formula.startswith("=") and bool(_CELL_REFERENCE.search(formula[1:]))
            and (cached is None or cached.value is None))


def _load(path: Path, file: str, data_only: bool):  # noqa: ANN202 - openpyxl's Workbook
    """The workbook with the values Excel cached for formulas (`data_only`), or with the formulas."""
    try:
        # a file object: openpyxl refuses a path whose suffix is not .xlsx/.xlsm (a misnamed file is common);
        # it warns of features it drops (data validation, slicers), which the user can do nothing about
        with path.open("rb") as handle, warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return load_workbook(handle, read_only=False, data_only=data_only)
    except OSError:
        raise
    except Exception as exc:  # noqa: BLE001 - openpyxl fails on a broken file with any of a dozen types
        if isinstance(exc, DefusedXmlException) or isinstance(exc.__context__, DefusedXmlException):
            raise InputError(file, FORBIDDEN) from exc  # openpyxl wraps the parser's error once
        raise unreadable(file, ".xlsx", exc) from exc


def _text(cell, written, row: int, col: int) -> str | None:  # noqa: ANN001 - openpyxl's cell and worksheet
    """A cell's text as displayed (None: an empty cell); but what a person typed that Excel took for a formula
    ('=100%' displayed 100.00%, '=1年度' displayed #NAME?) as typed — a target with its operator —, also where
    the file keeps no value for it (written by a program that computes no formulas)."""
    shown = display(cell.value, cell.number_format) if cell.value is not None else None
    if written is None:
        return shown
    formula = written._cells.get((row, col))
    formula = formula.value if formula is not None else None
    if not isinstance(formula, str) or not formula.startswith("="):
        return shown
    if _TYPED_NUMBER.match(formula) or not _CELL_REFERENCE.search(formula[1:]) and (
            shown in _ERRORS or shown is None and not formula.isascii()):  # ('=1+1' never calculated: empty)
        return formula.strip()
    return shown


def _count_cells(path: Path, file: str) -> bool:
    """The cells openpyxl would build, counted in the XML before it loads: the `<c>` elements of the sheets and
    the area of their merged ranges, against the workbook's cell budget. Returns whether any cell holds a
    formula."""
    budget = CellBudget(file)
    formulas = False
    try:
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                if info.filename.endswith(".xml"):
                    with archive.open(info) as member:
                        formulas = _count_member(member, budget) or formulas
    except ZIP_ERRORS as exc:
        raise unreadable(file, ".xlsx", exc) from exc
    return formulas


def _count_member(member: zipfile.ZipExtFile, budget: CellBudget) -> bool:
    carry = b""
    formulas = False
    while chunk := member.read(_CHUNK):
        data = carry + chunk
        formulas = formulas or _FORMULA.search(data) is not None
        cut = data.rfind(b">") + 1  # the matches end at a '>' or inside a tag: whole tags only
        cells = 0
        for match in _CELL_OR_MERGE.finditer(data, 0, cut):
            if match.group(1):
                min_col, min_row, max_col, max_row = range_boundaries(match.group(1).decode())
                cells += (abs(max_row - min_row) + 1) * (abs(max_col - min_col) + 1)
            else:
                cells += 1
        budget.take(cells)
        carry = data[cut:][-4096:]  # a tag cut by the chunk (text without '>' is kept short: tags are)
    return formulas
