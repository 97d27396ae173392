"""Validation messages in Chinese. pydantic (which checks interchange records, waiver files and, through typer, the
command line's option values) reports in English; users see these instead.

    >>> from pydantic import BaseModel, ValidationError
    >>> class Row(BaseModel):
    ...     year: int
    >>> try:
    ...     Row.model_validate({"year": "二〇二三"})
    ... except ValidationError as exc:
    ...     print(validation_message(exc.errors()[0]))
    应为整数，而不是 "二〇二三"
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from jixiao.safejson import Unreadable

_KIND = {  # error type → what was expected
    "int_parsing": "整数", "int_type": "整数", "int_from_float": "整数（不能有小数）",
    "float_parsing": "数字", "float_type": "数字", "decimal_parsing": "数字", "decimal_type": "数字",
    "string_type": "文字（字符串）", "bool_parsing": "true 或 false", "bool_type": "true 或 false",
    "list_type": "列表 [...]", "tuple_type": "列表 [...]", "set_type": "列表 [...]",
    "dict_type": "对象 {...}", "model_type": "对象 {...}", "model_attributes_type": "对象 {...}",
    "date_parsing": "日期（如 2023-12-31）", "date_type": "日期（如 2023-12-31）",
    "datetime_parsing": "日期时间", "datetime_type": "日期时间", "path_type": "文件路径",
    "none_required": "空值（null）", "enum": "所列的值之一", "literal_error": "所列的值之一",
    "finite_number": "有限的数字（不能是 NaN 或 Infinity）",
}
_BOUND = {"greater_than": "应大于 {gt}", "greater_than_equal": "应不小于 {ge}", "less_than": "应小于 {lt}",
          "less_than_equal": "应不大于 {le}", "multiple_of": "应为 {multiple_of} 的倍数"}
_LENGTH = {"too_short": "至少应有 {min_length} 项", "too_long": "至多只能有 {max_length} 项",
           "string_too_short": "至少应有 {min_length} 个字", "string_too_long": "至多只能有 {max_length} 个字"}


def shown(value: Any, limit: int = 40) -> str:
    """A value as a user would have typed it (JSON-like), cut at `limit` characters."""
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        text = str(value)
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _options(ctx: Mapping[str, Any]) -> str:
    """The allowed values of an enum or literal error, "'元' or '万元'" → "元、万元"."""
    expected = str(ctx.get("expected", ""))
    parts = [p.strip().strip("'\"") for p in expected.replace(" or ", ",").split(",")]
    return "、".join(p for p in parts if p)


def validation_message(error: Mapping[str, Any]) -> str:
    """One pydantic error (an item of `ValidationError.errors()`) in Chinese, without its place."""
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    value = error.get("input")
    if isinstance(value, Unreadable):
        return f"{value.text} 无法读取：{value.reason}"
    if kind == "missing":
        return "缺少这一项（必填）"
    if kind == "extra_forbidden":
        return "不认识这一项（多余的项）"
    if kind in ("enum", "literal_error") and ctx.get("expected"):
        return f"应为 {_options(ctx)} 之一，而不是 {shown(value)}"
    if kind in _BOUND:
        return f"{_BOUND[kind].format(**ctx)}，而不是 {shown(value)}"
    if kind in _LENGTH:
        return _LENGTH[kind].format(**ctx)
    if kind in _KIND:
        return f"应为{_KIND[kind]}，而不是 {shown(value)}"
    if kind == "value_error":
        reason = str(ctx.get("error", "")) or str(error.get("msg", "")).removeprefix("Value error, ")
        return f"值 {shown(value)} 不符合要求：{reason}" if _is_chinese(reason) else f"值 {shown(value)} 不符合要求"
    return f"值 {shown(value)} 不符合要求"


def _is_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def place(loc: tuple[int | str, ...] | list[int | str]) -> str:
    """A pydantic error location as a dotted path ("funds.total.executed"); "（整张表）" for the whole item."""
    return ".".join(str(part) for part in loc) or "（整张表）"
