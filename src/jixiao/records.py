"""Reading the interchange record (`{"forms": [...]}`, as `jixiao parse --format json` writes it), so forms
exported by other systems can be checked. A form that does not validate is reported by place; the others are kept.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from jixiao import safejson
from jixiao.check.values import parse_amount
from jixiao.errors import InputError
from jixiao.messages import place, validation_message
from jixiao.model import FUND_COLUMNS, Form, ReadWarning
from jixiao.parse import FileResult, os_reason, parse_file
from jixiao.read.decode import decode
from jixiao.read.limits import current, read_bounded

_YUAN = {"元": 1.0, "千元": 1e3, "万元": 1e4, "万": 1e4, "亿元": 1e8, "亿": 1e8}


def _amounts(item: dict) -> dict:
    """Fund cells other systems export as text ("1,234.50", "12.3万元") become numbers in the form's unit."""
    funds = item.get("funds")
    if not isinstance(funds, dict):
        return item
    unit = item.get("fund_unit") if isinstance(item.get("fund_unit"), str) else None  # else validation says why
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
            if printed and item.get("fund_unit") is None and printed in ("元", "万元"):
                unit = item["fund_unit"] = printed
            if printed and unit in _YUAN and column in ("initial_budget", "annual_budget", "executed"):
                number = number * _YUAN[printed] / _YUAN[unit]
            row[column] = number
    return item


def _bytes(path: Path, name: str) -> bytes:
    """The file's bytes, refused before reading when it is no regular file (a FIFO would never end) or bigger than
    an office file may be (a record of many forms is larger than a text page)."""
    return read_bounded(path, current().file_bytes, name, "交换记录")


def _rejected(index: int, item: object, exc: ValidationError) -> str:
    """Which form was rejected and the first reason: "forms.1.year：应为整数……（第 2 张表“项目”，共 1 处……）"."""
    name = item.get("project_name") if isinstance(item, dict) else None
    named = f"“{name[:30]}”" if isinstance(name, str) and name else ""
    first = exc.errors()[0]
    where = f"forms.{index}.{place(first['loc'])}" if first["loc"] else f"forms.{index}"
    return (f"{where}：{validation_message(first)}"
            f"（第 {index + 1} 张表{named}，共 {exc.error_count()} 处不符合交换记录格式）")


def load_records(path: Path) -> FileResult:
    """The forms of one interchange-record file; never raises (a bad file or form becomes an error). A form that
    does not validate is left out and named in the error; the file's other forms are kept."""
    name = str(path)
    try:
        text, _ = decode(_bytes(path, name), name)
        loaded = safejson.loads(text)
    except InputError as exc:
        return FileResult(name, error=exc)
    except safejson.JsonError as exc:
        return FileResult(name, error=InputError(name, exc.message, exc.line))
    except OSError as exc:
        return FileResult(name, error=InputError(name, f"无法读取文件：{os_reason(exc)}"))
    data = loaded.data
    items = data.get("forms") if isinstance(data, dict) else data if isinstance(data, list) else None
    if not isinstance(items, list):
        message = "应为交换记录 {\"forms\": [...]}（jixiao parse --format json 的输出）"
        return FileResult(name, error=InputError(name, message))
    prefix = "forms." if isinstance(data, dict) else ""
    result = FileResult(name)
    problems = []
    for i, item in enumerate(items):
        try:
            form = Form.model_validate(_amounts(item) if isinstance(item, dict) else item)
        except ValidationError as exc:
            problems.append(_rejected(i, item, exc))
            continue
        here = f"{prefix}{i}."
        form.warnings.extend(ReadWarning(code="P060", message=message, path=path.removeprefix(here))
                             for path, message in loaded.notes if path.startswith(here))
        result.forms.append(form)
    if problems:
        kept = f"；其余 {len(result.forms)} 张表已读入" if result.forms else ""
        shown = "；".join(problems[:3]) + (f"；另有 {len(problems) - 3} 张" if len(problems) > 3 else "")
        result.error = InputError(name, f"{len(problems)} 张表无法读取，未读入：{shown}{kept}")
    elif not result.forms:
        result.error = InputError(name, "交换记录中没有表（forms 为空）")
    return result


def read_document(path: Path) -> FileResult:
    """Forms from a file of either kind: interchange records (`.json`) or a published document."""
    return load_records(path) if path.suffix.lower() == ".json" else parse_file(path)
