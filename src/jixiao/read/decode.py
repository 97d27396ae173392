"""Bytes to text: UTF-8 (with or without BOM), UTF-16/32 with BOM, GB18030 (which covers GBK/GB2312).

Chinese government files come in all of these; a strict attempt in a fixed order is more predictable
than statistical detection, which often mistakes short GBK text for other codepages.

A damaged byte (a bad sector, a bit flipped in transfer, a file cut mid-character) must not cost the whole
document: when an encoding reads all but a few bytes — a share no file in another encoding comes near — those
bytes become U+FFFD and each line that held one gets a warning (`Decoded.notices`). NUL bytes inside text are
replaced the same way (PostgreSQL text cannot hold them).
"""

from __future__ import annotations

import codecs
import threading
from typing import NamedTuple

from jixiao.errors import InputError
from jixiao.read.tokens import Notice

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# control bytes, but for tab, line ends, form feed and ESC, which text files hold
_CONTROLS = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))
MAX_NULS = 4  # NUL bytes in the first block a damaged text may hold; binary files have many more
BAD_SHARE = 0.02  # undecodable share of the non-ASCII bytes up to which a file is read in that encoding, repaired
SHOWN_LINES = 10  # lines named in one warning


class Decoded(NamedTuple):
    text: str
    encoding: str
    notices: list[Notice]


def looks_binary(data: bytes) -> bool:
    """Several NUL bytes or many control bytes in the first block: not a text document."""
    head = data[:8192]
    if head.count(b"\x00") > MAX_NULS:
        return True
    controls = len(head) - len(head.translate(None, _CONTROLS))
    return controls > max(4, len(head) // 50)


def _record(exc: UnicodeError) -> tuple[str, int]:
    """Error handler: an undecodable byte run becomes U+FFFD and its offset is noted (per thread), until there
    are more than the caller allows."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    _seen.offsets.append(exc.start)
    if len(_seen.offsets) > _seen.allowed:
        raise exc
    return "\ufffd", exc.end


_seen = threading.local()
codecs.register_error("jixiao-record", _record)


def _lenient(data: bytes, name: str, allowed: int) -> tuple[str, list[int]] | None:
    """The text with each undecodable byte run as U+FFFD, and the byte offsets of the runs; None when there are
    more than `allowed`."""
    _seen.offsets, _seen.allowed = [], allowed
    try:
        text = data.decode(name, errors="jixiao-record")
    except UnicodeDecodeError:
        return None
    finally:
        bad, _seen.offsets = _seen.offsets, []
    return text, bad


def _lines_of(data: bytes, offsets: list[int]) -> list[int]:
    """1-based line numbers of byte offsets of an ASCII-compatible text (a line end byte is never inside a
    multi-byte character of UTF-8 or GB18030)."""
    lines: list[int] = []
    line, pos = 1, 0
    for offset in offsets:
        line += data.count(b"\n", pos, offset)
        pos = offset
        if not lines or lines[-1] != line:
            lines.append(line)
    return lines


def _text_lines(text: str, char: str) -> list[int]:
    """1-based line numbers where `char` stands in `text`."""
    lines: list[int] = []
    line, pos = 1, 0
    index = text.find(char)
    while index >= 0:
        line += text.count("\n", pos, index)
        pos = index
        if not lines or lines[-1] != line:
            lines.append(line)
        index = text.find(char, index + 1)
    return lines


def _notices(what: str, lines: list[int]) -> list[Notice]:
    """One warning per line (the first few), and one for the lines beyond."""
    notices = [Notice(f"第 {line} 行{what}，已替换为 �；该处文字可能不完整", line) for line in lines[:SHOWN_LINES]]
    if len(lines) > SHOWN_LINES:
        notices.append(Notice(f"另有 {len(lines) - SHOWN_LINES} 行{what}，已替换为 �"))
    return notices


def _repair_nuls(text: str, notices: list[Notice]) -> str:
    if "\x00" not in text:
        return text
    notices.extend(_notices("有空字符（NUL，文件可能受损）", _text_lines(text, "\x00")))
    return text.replace("\x00", "\ufffd")


def _cut_inside_a_character(data: bytes, start: int, name: str) -> str | None:
    """The text of a file cut off inside its last character (a page stored to a byte count: the first bytes of a
    multi-byte character and no more), that character left out; None when the bytes before it are no text in
    this encoding either, or more than a character's bytes are left over."""
    if len(data) - start >= 4:
        return None
    try:
        return data[:start].decode(name)
    except UnicodeDecodeError:
        return None


def decode_text(data: bytes, file: str) -> Decoded:
    """The text, its encoding and what had to be repaired; raises InputError with a message for the user when the
    bytes are no text in a supported encoding."""
    notices: list[Notice] = []
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(name)
            except UnicodeDecodeError:
                text = data.decode(name, errors="replace")
                notices.extend(_notices(f"有无法按 {name} 解码的字节", _text_lines(text, "\ufffd")))
            return Decoded(_repair_nuls(text, notices), name, notices)
    if looks_binary(data):
        raise InputError(file, "不是文本文件（含二进制内容）；应为 UTF-8 或 GB18030/GBK 编码的文本")
    wide = max(1, len(data.translate(None, bytes(range(128)))))  # the non-ASCII bytes
    for name in ("utf-8", "gb18030"):
        try:
            return Decoded(_repair_nuls(data.decode(name), notices), name, notices)
        except UnicodeDecodeError as exc:
            if exc.end == len(data) and (whole := _cut_inside_a_character(data, exc.start, name)) is not None:
                left = len(data) - exc.start
                notices.append(Notice(f"文件在一个字符的中间结束（存档截断），最后 {left} 个字节未读入"))
                return Decoded(_repair_nuls(whole, notices), name, notices)
        repaired = _lenient(data, name, int(BAD_SHARE * wide))
        if repaired:
            text, bad = repaired
            notices.extend(_notices(f"有无法按 {name.upper()} 解码的字节", _lines_of(data, bad)))
            return Decoded(_repair_nuls(text, notices), name, notices)
    raise InputError(file, "无法识别文本编码；应为 UTF-8 或 GB18030/GBK")


def decode(data: bytes, file: str) -> tuple[str, str]:
    """(text, encoding name) of a file that must be read exactly (an interchange record): a damaged byte is an
    error at its line, not a repair."""
    text, name, notices = decode_text(data, file)
    if notices:
        line = notices[0].line
        raise InputError(file, f"第 {line} 行有无法解码的字节或空字符；应为 UTF-8 或 GB18030/GBK 编码的文本", line)
    return text, name
