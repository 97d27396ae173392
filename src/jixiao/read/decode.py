"""Bytes to text: UTF-8 (with or without BOM), UTF-16/32 with BOM, GB18030 (which covers GBK/GB2312).

Chinese government files come in all of these; a strict attempt in a fixed order is more predictable
than statistical detection, which often mistakes short GBK text for other codepages.
"""

from __future__ import annotations

import codecs

from jixiao.errors import InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# control bytes, but for tab, line ends, form feed and ESC, which text files hold
_CONTROLS = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control bytes in the first block: not a text document."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = len(head) - len(head.translate(None, _CONTROLS))
    return controls > max(4, len(head) // 50)


def decode(data: bytes, file: str) -> tuple[str, str]:
    """Return (text, encoding name) or raise InputError with a message for the user."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError as exc:
                message = f"文件以 {name} 字节序标记开头，但第 {exc.start} 字节处无法按 {name} 解码"
                raise InputError(file, message) from exc
    if looks_binary(data):
        raise InputError(file, "不是文本文件（含二进制内容）；应为 UTF-8 或 GB18030/GBK 编码的文本")
    for name in ("utf-8", "gb18030"):
        try:
            return data.decode(name), name
        except UnicodeDecodeError:
            continue
    raise InputError(file, "无法识别文本编码；应为 UTF-8 或 GB18030/GBK")
