"""Reading the interchange record (`{"forms": [...]}`, as `jixiao parse --format json` writes it), so forms
exported by other systems can be checked. A form that does not validate is reported by place; the others are kept.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import ValidationError

from jixiao.errors import InputError
from jixiao.model import Form
from jixiao.parse import FileResult, os_reason
from jixiao.read.decode import decode


def _where(loc: tuple[int | str, ...]) -> str:
    return ".".join(str(part) for part in loc) or "（整张表）"


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
            form = Form.model_validate(item)
        except ValidationError as exc:
            first = exc.errors()[0]
            problems.append(f"forms.{i}.{_where(first['loc'])}：{first['msg']}"
                            f"（共 {exc.error_count()} 处不符合交换记录格式）")
            continue
        result.forms.append(form)
    if problems:
        kept = f"；其余 {len(result.forms)} 张表照常检查" if result.forms else ""
        result.error = InputError(name, f"{len(problems)} 张表无法读取：{'；'.join(problems[:3])}{kept}")
    elif not result.forms:
        result.error = InputError(name, "交换记录中没有表（forms 为空）")
    return result
