"""Reading the interchange record (`{"forms": [...]}`, as `jixiao parse --format json` writes it), so forms
exported by other systems can be checked. A form that does not validate is reported by place; the others are kept.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import ValidationError

from jixiao.check.values import parse_amount
from jixiao.errors import InputError
from jixiao.messages import place, validation_message
from jixiao.model import FUND_COLUMNS, Form
from jixiao.parse import FileResult, os_reason, parse_file
from jixiao.read.decode import decode

_YUAN = {"元": 1.0, "千元": 1e3, "万元": 1e4, "万": 1e4, "亿元": 1e8, "亿": 1e8}


def _amounts(item: dict) -> dict:
    """Fund cells other systems export as text ("1,234.50", "12.3万元") become numbers in the form's unit."""
    funds = item.get("funds")
    if not isinstance(funds, dict):
        return item
    unit = item.get("fund_unit")
    for row in funds.values():
        if not isinstance(row, dict):
            continue
        for column in FUND_COLUMNS:
            value = row.get(column)
            if not isinstance(value, str):
                continue
            number, printed = parse_amount(value)
            if number is None:
                continue  # left as text: validation names the cell
            if printed and unit is None and printed in ("元", "万元"):
                unit = item["fund_unit"] = printed
            if printed and unit in _YUAN and column in ("initial_budget", "annual_budget", "executed"):
                number = number * _YUAN[printed] / _YUAN[unit]
            row[column] = number
    return item


def load_records(path: Path) -> FileResult:
    """The forms of one interchange-record file; never raises (a bad file or form becomes an error)."""
    name = str(path)
    try:
        text, _ = decode(path.read_bytes(), name)
    except InputError as exc:
        return FileResult(name, error=exc)
    except OSError as exc:
        return FileResult(name, error=InputError(name, f"无法读取文件：{os_reason(exc)}"))
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        message = f"不是有效的 JSON：{exc.msg}（第 {exc.lineno} 行第 {exc.colno} 列）"
        return FileResult(name, error=InputError(name, message, exc.lineno))
    items = data.get("forms") if isinstance(data, dict) else data if isinstance(data, list) else None
    if not isinstance(items, list):
        message = "应为交换记录 {\"forms\": [...]}（jixiao parse --format json 的输出）"
        return FileResult(name, error=InputError(name, message))
    result = FileResult(name)
    problems = []
    for i, item in enumerate(items):
        try:
            form = Form.model_validate(_amounts(item) if isinstance(item, dict) else item)
        except ValidationError as exc:
            first = exc.errors()[0]
            problems.append(f"forms.{i}.{place(first['loc'])}：{validation_message(first)}"
                            f"（共 {exc.error_count()} 处不符合交换记录格式）")
            continue
        result.forms.append(form)
    if problems:
        kept = f"；其余 {len(result.forms)} 张表照常检查" if result.forms else ""
        result.error = InputError(name, f"{len(problems)} 张表无法读取：{'；'.join(problems[:3])}{kept}")
    elif not result.forms:
        result.error = InputError(name, "交换记录中没有表（forms 为空）")
    return result


def read_document(path: Path) -> FileResult:
    """Forms from a file of either kind: interchange records (`.json`) or a published document."""
    return load_records(path) if path.suffix.lower() == ".json" else parse_file(path)
