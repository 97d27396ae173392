"""JSON from strangers in, valid JSON out.

In: an interchange record is somebody else's file. Python's `json` accepts NaN and Infinity, turns 1e400 into an
infinite float, stops with a traceback on an integer of more than 4,300 digits or on nesting a thousand levels
deep, and passes lone surrogates ("\\ud800") that no output can encode. `loads` reads such a file into plain data
in which every value a form cannot hold is an `Unreadable` (so validation rejects that form by place, keeping
the others) and every string with a lone surrogate or a NUL (which PostgreSQL cannot store) is null with a note
(the form keeps the rest).

Out: `dumps` never writes NaN or Infinity (which are not JSON); a non-finite number becomes null.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from typing import Any

from jixiao.read.limits import MAX_NUMBER_DIGITS as MAX_DIGITS
from jixiao.read.limits import current

_LIMIT = 10.0 ** MAX_DIGITS  # as the text reader: no form holds an amount of more than 15 integer digits


class Unreadable:
    """A JSON value no form field can hold; it fails validation wherever it stands, and says why."""

    def __init__(self, text: str, reason: str) -> None:
        self.text = text if len(text) <= 24 else f"{text[:20]}…（{len(text)} 个字符）"
        self.reason = reason

    def __repr__(self) -> str:
        return self.text


@dataclass
class Loaded:
    """A JSON document as plain data, and the notes on what was set to null, as (dotted path, message)."""

    data: Any
    notes: list[tuple[str, str]] = field(default_factory=list)


class JsonError(ValueError):
    """A file that is not JSON at all, or nests deeper than Python's parser goes; `line` where it was found."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


def _int(text: str) -> int | Unreadable:
    digits = len(text.lstrip("-"))
    if digits > MAX_DIGITS:
        return Unreadable(text, f"数字有 {digits} 位，超出可读取的范围（整数部分至多 {MAX_DIGITS} 位）")
    return int(text)


def _float(text: str) -> float | Unreadable:
    value = float(text)
    if not abs(value) < _LIMIT:  # also inf from 1e400
        return Unreadable(text, f"数字超出可读取的范围（整数部分至多 {MAX_DIGITS} 位）")
    return value


def _constant(text: str) -> Unreadable:
    return Unreadable(text, "JSON 中没有 NaN 和 Infinity，应为数字或 null")


def _has_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _clean_key(key: str) -> str:
    return key.encode("utf-8", "replace").decode("utf-8") if _has_surrogate(key) else key


def _clean(value: Any, path: str, depth: int, notes: list[tuple[str, str]], limit: int) -> Any:
    """`value` with strings holding lone surrogates set to null (noted) and nesting deeper than `limit` (the
    `json_depth` setting of `jixiao.read.limits`; a form record nests 4 levels) unreadable."""
    if isinstance(value, str):
        if _has_surrogate(value):
            notes.append((path, "含有无效的 Unicode 字符（孤立的代理项，如 \\ud800），按空值处理"))
            return None
        if "\x00" in value:
            notes.append((path, "含有 NUL 字符（\\u0000），按空值处理"))
            return None
        return value
    if isinstance(value, dict | list) and depth >= limit:
        return Unreadable("[…]" if isinstance(value, list) else "{…}", f"嵌套过深（超过 {limit} 层）")
    if isinstance(value, dict):
        cleaned = {}
        for key, item in value.items():
            key = _clean_key(key)
            cleaned[key] = _clean(item, f"{path}.{key}" if path else key, depth + 1, notes, limit)
        return cleaned
    if isinstance(value, list):
        return [_clean(item, f"{path}.{i}" if path else str(i), depth + 1, notes, limit)
                for i, item in enumerate(value)]
    return value


def loads(text: str) -> Loaded:
    """Plain data from JSON text (see the module's docstring); JsonError when the text is not JSON."""
    limit = current().json_depth
    try:
        data = json.loads(text, parse_int=_int, parse_float=_float, parse_constant=_constant)
    except json.JSONDecodeError as exc:
        raise JsonError(f"不是有效的 JSON：{exc.msg}（第 {exc.lineno} 行第 {exc.colno} 列）", exc.lineno) from None
    except RecursionError:
        raise JsonError(f"JSON 嵌套过深（远超 {limit} 层），不是交换记录") from None
    notes: list[tuple[str, str]] = []
    return Loaded(_clean(data, "", 0, notes, limit), notes)


def finite(value: Any) -> Any:
    """`value` with every NaN and infinity (in lists and dicts too) replaced by None."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {key: finite(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [finite(item) for item in value]
    return value


def dumps(value: Any, **options: Any) -> str:
    """JSON text of `value`, always valid: NaN and infinities (which JSON has not) are written as null."""
    try:
        return json.dumps(value, allow_nan=False, **options)
    except ValueError:  # rare: only a value that should not have been stored pays for the second pass
        return json.dumps(finite(value), allow_nan=False, **options)
