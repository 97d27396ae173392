"""The 绩效指标 table as an Excel sheet: the template the fill-in page offers for download, and the indicators read
back from a filled-in copy (or from any sheet with the table's header row).

A sheet is read by jixiao's own .xlsx reader (`read_xlsx`), so the hostile-file limits of uploads apply (zip
bombs, cell counts, entity expansion, time). The header row is the first row with 三级指标 and 分值; each later
row with text is an indicator, its 一级/二级指标 carried down from the row above when left empty (a merged label).
A 分值 or 得分 that is not a number is read as null with a warning that names the row.
"""

from __future__ import annotations

import io
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

from jixiao.assemble.text import number
from jixiao.errors import InputError
from jixiao.model import Indicator
from jixiao.read.xlsx import read_xlsx

HEADERS = {"level1": "一级指标", "level2": "二级指标", "name": "三级指标", "target": "年度指标值",
           "actual": "实际完成值", "weight": "分值", "score": "得分", "deviation": "偏差原因分析及改进措施"}
WIDTHS = (12, 14, 28, 16, 16, 8, 8, 36)
MAX_INDICATORS = 500
NOTES = ("每行一个三级指标；一级、二级指标与上一行相同时可留空。",
         "分值、得分填数字；年度指标值、实际完成值照原表填写，如“≥100人次”“≥90%”“达成”。",
         "填好后在网页的“填报”页面选择“从 Excel 导入指标”。")


def template() -> bytes:
    """The .xlsx template of the 绩效指标 table: the header row, and a sheet of notes."""
    book = Workbook()
    sheet = book.active
    sheet.title = "绩效指标"
    sheet.append(list(HEADERS.values()))
    for cell, width in zip(sheet[1], WIDTHS, strict=True):
        cell.font = Font(bold=True)
        sheet.column_dimensions[cell.column_letter].width = width
    sheet.freeze_panes = "A2"
    notes = book.create_sheet("说明")
    for line in NOTES:
        notes.append([line])
    notes.column_dimensions["A"].width = 90
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@dataclass
class Imported:
    indicators: list[Indicator]
    warnings: list[str] = field(default_factory=list)


def _columns(row: dict[int, str]) -> dict[str, int] | None:
    """The columns of the header row's labels, or None when `row` is not the table's header."""
    found = {key: col for col, text in row.items() for key, label in HEADERS.items()
             if "".join(text.split()).startswith(label)}
    return found if "name" in found and "weight" in found else None


def read_indicators(path: Path, name: str) -> Imported:
    """The indicators of the .xlsx at `path` (shown as `name`); InputError when it cannot be read or has no
    header row, or has more than MAX_INDICATORS rows."""
    rows: dict[tuple[int, int], dict[int, str]] = defaultdict(dict)
    for token in read_xlsx(path, name).tokens:
        if token.col is not None and token.text.strip():
            rows[(token.page or 1, token.row)][token.col] = token.text.strip()
    columns = None
    header_page = 0
    imported = Imported([])
    carried: dict[str, str | None] = {"level1": None, "level2": None}
    for (page, row_index), row in sorted(rows.items()):
        if columns is None:
            columns = _columns(row)
            header_page = page
            continue
        if page != header_page:
            break
        values = {key: row.get(col) for key, col in columns.items()}
        if not values.get("name"):
            continue
        if len(imported.indicators) == MAX_INDICATORS:
            raise InputError(name, f"指标超过 {MAX_INDICATORS} 行；未导入")
        for key in carried:
            values[key] = carried[key] = values.get(key) or carried[key]
        for key in ("weight", "score"):
            text = values.get(key)
            values[key] = number(text) if text else None
            if text and values[key] is None:
                imported.warnings.append(
                    f"{name}：第 {row_index + 1} 行的{HEADERS[key]}“{text[:20]}”不是数字，按空值处理")
        imported.indicators.append(Indicator(**values))
    if columns is None:
        raise InputError(name, "没有找到指标表的表头（应有“三级指标”和“分值”两列）；请用下载的模板填写")
    return imported
