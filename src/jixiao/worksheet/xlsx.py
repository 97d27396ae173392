"""The 复核表 as an Excel workbook: 汇总 first (one row per form), then one sheet per form — its checked numbers
(表上 / 重算 / 差额 / 是否一致 / 重算依据), its findings, and the reviewer's blank fields. Printed on A4 landscape,
fitted to the page width, with borders and wrapped text."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from jixiao.export import sheet
from jixiao.export.files import replacing
from jixiao.worksheet import TITLE, Batch, FormSheet, Item

SUMMARY = "汇总"
WIDTHS = (30, 12, 12, 10, 10, 62)  # 复核项 / 表上 / 重算 / 差额 / 是否一致 / 重算依据 (a finding spreads over them)
SUMMARY_COLUMNS = (("序号", 6), ("项目名称", 30), ("主管部门", 18), ("年度", 7), ("自评得分", 9), ("重算得分", 9),
                   ("差额", 8), ("自评等级", 8), ("重算等级", 8), ("错误", 6), ("警告", 6), ("提示", 6),
                   ("风险分", 8), ("来源", 36))
LINE_HEIGHT = 13.5  # points per line of 11-point text
THIN = Side(style="thin", color="808080")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
DIFFERS_FILL = PatternFill("solid", fgColor="FCE4D6")
WRAP = Alignment(wrap_text=True, vertical="top")
CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)
BOLD = Font(bold=True)
AGREES_ZH = {True: "一致", False: "不一致", None: "—"}
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\']")


def write_xlsx(batch: Batch, path: Path) -> Path:
    """Write the batch's worksheets to `path` (.xlsx); the file appears complete or not at all."""
    book = Workbook()
    summary = book.active
    summary.title = SUMMARY
    _summary(summary, batch)
    for form in batch.sheets:
        _form_sheet(book.create_sheet(_sheet_name(form)), form)
    with replacing(Path(path)) as partial:
        book.save(partial)
    return Path(path)


def _sheet_name(form: FormSheet) -> str:
    """"3 项目名称…": numbered, so unique, within Excel's 31 characters and without the characters it forbids."""
    name = _SHEET_FORBIDDEN.sub("", sheet.fit_cell(form.project_name or "") or "").strip()
    return f"{form.number} {name}"[:31].strip()


def _put(ws: Worksheet, row: int, column: int, value: object, *, bold: bool = False, fill: PatternFill | None = None,
         align: Alignment = WRAP, number_format: str | None = None) -> None:
    """One bordered cell. Text stays text: a "=…" from a document is no formula."""
    cell = ws.cell(row, column, sheet.fit_cell(value))
    if isinstance(value, str):
        cell.data_type = "s"
    cell.border, cell.alignment = BORDER, align
    if bold:
        cell.font = BOLD
    if fill is not None:
        cell.fill = fill
    if number_format:
        cell.number_format = number_format


def _merged(ws: Worksheet, row: int, first: int, last: int, value: object, **style: object) -> None:
    for column in range(first, last + 1):
        _put(ws, row, column, value if column == first else None, **style)  # type: ignore[arg-type]
    if last > first:
        ws.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)


def _fit_rows(ws: Worksheet, widths: Sequence[float]) -> None:
    """Row heights that show all of each cell's wrapped text (Excel and LibreOffice do not grow a row for wrapped
    text written by a program): the lines each cell needs at its column's (or merged range's) width."""
    spans = {(r.min_row, r.min_col): sum(widths[c - 1] for c in range(r.min_col, r.max_col + 1))
             for r in ws.merged_cells.ranges}
    for cells in ws.iter_rows():
        if ws.row_dimensions[cells[0].row].height is not None:
            continue
        lines = 1
        for cell in cells:
            if cell.value is None or cell.column > len(widths):
                continue
            width = spans.get((cell.row, cell.column), widths[cell.column - 1]) - 1
            text = f"{cell.value:.2f}" if isinstance(cell.value, float) else str(cell.value)
            lines = max(lines, sum(max(1, math.ceil(sheet.text_width(part) / max(width, 1)))
                                   for part in text.split("\n")))
        if lines > 1:
            ws.row_dimensions[cells[0].row].height = LINE_HEIGHT * lines + 3


def _print_setup(ws: Worksheet, widths: Sequence[float], title_rows: str | None = None) -> None:
    _fit_rows(ws, widths)
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.page_setup.paperSize = sheet.A4
    ws.page_setup.orientation = "landscape" if sheet.is_wide(list(widths)) else "portrait"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    for side, inches in sheet.MARGINS.items():
        setattr(ws.page_margins, side, inches)
    if title_rows:
        ws.print_title_rows = title_rows
    ws.oddFooter.center.text = sheet.PAGE_FOOTER.removeprefix("&C")
    ws.oddHeader.right.text = TITLE


def _summary(ws: Worksheet, batch: Batch) -> None:
    last = len(SUMMARY_COLUMNS)
    ws.cell(1, 1, f"{TITLE} · 汇总").font = Font(bold=True, size=14)
    ws.row_dimensions[1].height = 24
    scope = ws.cell(2, 1, sheet.fit_cell(f"范围：{batch.scope}；评分配置：{batch.profile}；"
                                         f"生成时间：{datetime.now():%Y-%m-%d %H:%M}；共 {len(batch.sheets)} 张表"))
    scope.data_type, scope.alignment = "s", WRAP
    for row in (1, 2):
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last)
    for column, (header, _) in enumerate(SUMMARY_COLUMNS, start=1):
        _put(ws, 4, column, header, bold=True, fill=HEADER_FILL, align=CENTRE)
    row = 4
    for form in batch.sheets:
        row += 1
        values = (form.number, form.project_name, form.department, form.year, form.self_score, form.recomputed_score,
                  form.difference, form.grade, form.grade_recomputed, form.count("error"), form.count("warning"),
                  form.count("info"), form.risk.score if form.risk else None, form.source)
        for column, value in enumerate(values, start=1):
            fmt = "0.00" if column in (5, 6, 7) else "0.0" if column == 13 else None
            _put(ws, row, column, value, number_format=fmt)
    if batch.sheets:
        ws.auto_filter.ref = f"A4:{get_column_letter(last)}{row}"
    row += 1
    totals = ("合计", f"{len(batch.sheets)} 张表", *[None] * 7, *(sum(f.count(s) for f in batch.sheets)
                                                               for s in ("error", "warning", "info")), None, None)
    for column, value in enumerate(totals, start=1):
        _put(ws, row, column, value, bold=True)
    if batch.failures:
        row += 2
        ws.cell(row, 1, f"读取失败的文件（{len(batch.failures)} 个，未列入复核表）").font = BOLD
        for file, message in batch.failures:
            row += 1
            _put(ws, row, 1, file)
            _merged(ws, row, 2, last, message)
    ws.freeze_panes = "C5"
    _print_setup(ws, [w for _, w in SUMMARY_COLUMNS], "4:4")


def _number_format(item: Item) -> str:
    return '0.00"%"' if item.percent else "0.00"


def _form_sheet(ws: Worksheet, form: FormSheet) -> None:
    last = len(WIDTHS)
    _merged(ws, 1, 1, last, TITLE, bold=True, align=CENTRE)
    ws.cell(1, 1).font = Font(bold=True, size=14)
    ws.row_dimensions[1].height = 24
    head = [("项目名称", form.project_name), ("主管部门", form.department), ("实施单位", form.implementing_unit),
            ("年度", form.year), ("来源", form.source)]
    if form.risk is not None:
        head.append(("风险分", form.risk.explain()))
    row = 1
    for label, value in head:
        row += 1
        _put(ws, row, 1, label, bold=True, fill=HEADER_FILL)
        _merged(ws, row, 2, last, "—" if value is None else value)
    row += 2
    _merged(ws, row, 1, last, "一、数字复核（表上填写的数与 jixiao 按评分规则重算的数）", bold=True)
    row += 1
    for column, header in enumerate(("复核项", "表上", "重算", "差额", "是否一致", "重算依据"), start=1):
        _put(ws, row, column, header, bold=True, fill=HEADER_FILL, align=CENTRE)
    for item in form.items:
        row += 1
        fill = DIFFERS_FILL if item.agrees is False else None
        fmt = None if isinstance(item.printed, str) or isinstance(item.recomputed, str) else _number_format(item)
        values = (item.label, item.printed, item.recomputed, item.difference, AGREES_ZH[item.agrees], item.formula)
        for column, value in enumerate(values, start=1):
            _put(ws, row, column, value, fill=fill, number_format=fmt if column in (2, 3, 4) else None,
                 align=CENTRE if column == 5 else WRAP)
    row += 2
    waived = f"；另有已豁免的问题 {form.waived} 条，未列出" if form.waived else ""
    _merged(ws, row, 1, last, f"二、核查发现（{len(form.findings)} 条：错误 {form.count('error')}、"
            f"警告 {form.count('warning')}、提示 {form.count('info')}{waived}）", bold=True)
    row += 1
    for column, header in enumerate(("位置", "规则", "级别", "表上", "应为", "问题及说明"), start=1):
        _put(ws, row, column, header, bold=True, fill=HEADER_FILL, align=CENTRE)
    for number, entry in enumerate(form.findings, start=1):
        row += 1
        where = f"{number}. {entry.where}"
        notes = [entry.message]
        if entry.explanation:
            notes.append(f"重算：{entry.explanation}")
        notes.append(f"规则说明：{entry.rule_doc}" if entry.rule_doc else "")
        values = (where, f"{entry.code}\n{entry.title}", entry.severity_zh, entry.provided, entry.expected,
                  "\n".join(n for n in notes if n))
        for column, value in enumerate(values, start=1):
            _put(ws, row, column, value, align=CENTRE if column == 3 else WRAP)
    if not form.findings:
        row += 1
        _merged(ws, row, 1, last, "未发现问题")
    row += 2
    _merged(ws, row, 1, last, "三、复核意见", bold=True)
    row += 1
    _put(ws, row, 1, "复核意见", bold=True, fill=HEADER_FILL)
    _merged(ws, row, 2, last, None)
    ws.row_dimensions[row].height = 90
    row += 1
    _put(ws, row, 1, "复核人", bold=True, fill=HEADER_FILL)
    _merged(ws, row, 2, 3, None)
    _put(ws, row, 4, "日期", bold=True, fill=HEADER_FILL)
    _merged(ws, row, 5, last, None)
    ws.row_dimensions[row].height = 30
    _print_setup(ws, WIDTHS)
