"""Limits for untrusted files: a published document is a stranger's file, so what it may cost is bounded
before it is read. A file over a limit gets a message saying which limit and by how much; the other files of
the batch are still read.

Every limit has a default that no real 自评表 comes near and can be changed with an environment variable
`JIXIAO_MAX_<NAME>` (e.g. `JIXIAO_MAX_PAGES=5000`; byte sizes take K/M/G: `JIXIAO_MAX_TEXT_BYTES=20M`).
Environment variables, not jixiao.toml: they reach every command (parse, check, ingest) and the ingest worker
processes alike, and the limits belong to the machine the reader runs on more than to a team's rules.
"""

from __future__ import annotations

import errno
import os
import stat
import time
import zipfile
import zlib
from dataclasses import dataclass, fields
from pathlib import Path
from typing import BinaryIO

from jixiao.errors import InputError

MB = 1 << 20
MAX_NUMBER_DIGITS = 15  # integer digits of a number jixiao reads: 10^15 元 is far beyond any budget, and a float
# holds it exactly (not a setting: more digits would not be exact, fewer would refuse real amounts)
ENV_PREFIX = "JIXIAO_MAX_"
NOT_REGULAR = "不是普通文件（可能是管道、设备或套接字）；未读取"
_UNITS = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}


@dataclass(frozen=True)
class Limits:
    """The limits in force. Field names are the settings' names: `pages` is `JIXIAO_MAX_PAGES`."""

    text_bytes: int = 10 * MB  # a text or HTML page (a form is a few KB; reading costs ~60× the file in memory)
    file_bytes: int = 200 * MB  # PDF, Word, Excel
    pages: int = 2000  # PDF pages
    cells: int = 2_000_000  # cells of all tables of a workbook or document
    cell_chars: int = 100_000  # characters of one cell or line; longer text is cut, with a warning
    unzipped_bytes: int = 500 * MB  # all members of a .docx/.xlsx together
    zip_ratio: int = 200  # uncompressed / compressed size of one member (XML compresses ~10–50×; bombs ~1000×)
    zip_members: int = 10_000
    json_depth: int = 64  # nesting of an interchange record (a form is 4 deep)
    seconds: int = 120  # reading one file (checked between pages, tables and rows; LibreOffice's conversion)
    scan_seconds: int = 90  # added to `seconds` for each scanned page or image read by OCR (~5–40 s a page on CPU)
    pixels: int = 60_000_000  # pixels of one image or rendered scan page (an A4 page at 300 dpi is 8.7 million)


SETTINGS: dict[str, str] = {f.name: ENV_PREFIX + f.name.upper() for f in fields(Limits)}


def _value(name: str, text: str) -> int:
    raw = text.strip().upper().removesuffix("B").removesuffix("I")
    factor = _UNITS.get(raw[-1:], 1) if name.endswith("bytes") else 1
    digits = raw[:-1] if factor > 1 else raw
    if not digits.isdecimal() or int(digits) <= 0:
        unit = "（可带 K/M/G，如 20M）" if name.endswith("bytes") else ""
        raise InputError(f"环境变量 {SETTINGS[name]}", f"应为正整数{unit}，而不是 {text!r}")
    return int(digits) * factor


def current() -> Limits:
    """The limits in force: the defaults, each replaced by its environment variable when that is set.
    Raises InputError (naming the variable) for a value that is not a positive number."""
    given = {name: os.environ.get(var) for name, var in SETTINGS.items()}
    return Limits(**{name: _value(name, text) for name, text in given.items() if text})


def _mb(size: int) -> str:
    return f"{size / MB:.1f} MB"


def check_size(size: int, limit: int, file: str, what: str) -> None:
    if size > limit:
        raise InputError(file, f"文件过大（{_mb(size)}），超过{what}的上限 {_mb(limit)}；未读取")


def open_regular(path: Path, file: str) -> BinaryIO:
    """The file opened for reading, when it is a regular file. A FIFO, a device (/dev/zero) or a socket would
    block or never end: it is refused, and opened without blocking so that even the open cannot hang.
    Raises InputError, or OSError (IsADirectoryError for a directory) as `open` does."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        if exc.errno == errno.ENXIO:  # a socket, or a FIFO no one writes to
            raise InputError(file, NOT_REGULAR) from None
        raise
    handle = os.fdopen(fd, "rb")
    mode = os.fstat(fd).st_mode
    if stat.S_ISREG(mode):
        return handle
    handle.close()
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(errno.EISDIR, "Is a directory", str(path))
    raise InputError(file, NOT_REGULAR)


def read_bounded(path: Path, limit: int, file: str, what: str = "文本文件") -> bytes:
    """The bytes of a regular file, read no further than `limit` (a file growing while read, or one whose size
    the system does not report, cannot make the reader take more)."""
    with open_regular(path, file) as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise InputError(file, f"文件过大（超过{what}的上限 {_mb(limit)}）；未读取")
    return data


# what the standard library's zipfile raises on a damaged container: a bad structure, a broken deflate stream, a
# truncated member, an unknown compression or an encrypted member, and a member name that is not the UTF-8 its
# flag says (UnicodeDecodeError, a ValueError)
ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError, ValueError)


def check_zip(archive: zipfile.ZipFile, file: str) -> None:
    """A zip container (.docx, .xlsx) whose members would unpack to too much, or too many members: a zip bomb."""
    limits = current()
    infos = archive.infolist()
    if len(infos) > limits.zip_members:
        raise InputError(file, f"压缩容器内文件过多（{len(infos)} 个，上限 {limits.zip_members}），"
                               "疑为恶意文件；未读取")
    total = 0
    for info in infos:
        total += info.file_size
        ratio = info.file_size // max(info.compress_size, 1)
        if info.file_size > 1 * MB and ratio > limits.zip_ratio:
            raise InputError(file, f"压缩容器内的 {info.filename} 压缩比异常（{ratio} 倍，"
                                   f"上限 {limits.zip_ratio} 倍），疑为“压缩炸弹”；未读取")
    if total > limits.unzipped_bytes:
        raise InputError(file, f"压缩容器解压后过大（{_mb(total)}，上限 {_mb(limits.unzipped_bytes)}）；未读取")


def check_pages(count: int, file: str, what: str = "PDF") -> None:
    limit = current().pages
    if count > limit:
        raise InputError(file, f"{what} 页数过多（{count} 页，上限 {limit} 页）；未读取")


def check_pixels(width: int, height: int, file: str, where: str) -> None:
    """An image claiming more pixels than the limit (a decompression bomb: a few KB that unpack to gigabytes)."""
    limit = current().pixels
    if width * height > limit:
        raise InputError(file, f"{where}的图像过大（{width}×{height} 像素，上限 {limit:,} 像素），"
                               "疑为“解压炸弹”；未读取")


class Deadline:
    """Time allowed for reading one file, checked between pages, tables and rows (a reader never hangs)."""

    def __init__(self, file: str, seconds: float | None = None) -> None:
        self.file = file
        self.seconds = current().seconds if seconds is None else seconds
        self.end = time.monotonic() + self.seconds

    def allow(self, seconds: float) -> None:
        """More time for work known to be slow (OCR of a scanned page)."""
        self.seconds += seconds
        self.end += seconds

    def check(self, where: str) -> None:
        if time.monotonic() > self.end:
            raise InputError(self.file, f"读取超时：超过每个文件 {self.seconds:.0f} 秒的上限（停在{where}）；未读取")


class CellBudget:
    """Cells a document may hold (a sheet claiming a million merged rows is an attack, not a form)."""

    def __init__(self, file: str, limit: int | None = None) -> None:
        self.file = file
        self.limit = current().cells if limit is None else limit
        self.left = self.limit

    def take(self, n: int) -> None:
        self.left -= n
        if self.left < 0:
            raise InputError(self.file, f"表格单元格过多（超过 {self.limit} 个）；未读取")
