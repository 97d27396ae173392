"""Limits for untrusted files: a published document is a stranger's file, so what it may cost is bounded
before it is read. A file over a limit gets a message saying which limit and by how much; the other files of
the batch are still read."""

from __future__ import annotations

import time
import zipfile

from jixiao.errors import InputError

MB = 1 << 20
MAX_TEXT_BYTES = 50 * MB  # a text or HTML page (a form is a few KB; a whole year's report a few MB)
MAX_FILE_BYTES = 200 * MB  # PDF, Word, Excel
MAX_PAGES = 2000  # PDF pages
MAX_UNZIPPED_BYTES = 500 * MB  # all members of a .docx/.xlsx together
MAX_ZIP_RATIO = 200  # uncompressed / compressed size of one member (XML compresses ~10–50×; bombs ~1000×)
MAX_ZIP_MEMBERS = 10_000
MAX_CELLS = 2_000_000  # cells of all tables of a workbook or document
SECONDS_PER_FILE = 120.0


def _mb(size: int) -> str:
    return f"{size / MB:.1f} MB"


def check_size(size: int, limit: int, file: str, what: str) -> None:
    if size > limit:
        raise InputError(file, f"文件过大（{_mb(size)}），超过{what}的上限 {_mb(limit)}；未读取")


def check_zip(archive: zipfile.ZipFile, file: str) -> None:
    """A zip container (.docx, .xlsx) whose members would unpack to too much, or too many members: a zip bomb."""
    infos = archive.infolist()
    if len(infos) > MAX_ZIP_MEMBERS:
        raise InputError(file, f"压缩容器内文件过多（{len(infos)} 个，上限 {MAX_ZIP_MEMBERS}），疑为恶意文件；未读取")
    total = 0
    for info in infos:
        total += info.file_size
        ratio = info.file_size // max(info.compress_size, 1)
        if info.file_size > 1 * MB and ratio > MAX_ZIP_RATIO:
            raise InputError(file, f"压缩容器内的 {info.filename} 压缩比异常（{ratio} 倍，上限 {MAX_ZIP_RATIO} 倍），"
                                   "疑为“压缩炸弹”；未读取")
    if total > MAX_UNZIPPED_BYTES:
        raise InputError(file, f"压缩容器解压后过大（{_mb(total)}，上限 {_mb(MAX_UNZIPPED_BYTES)}）；未读取")


class Deadline:
    """Time allowed for reading one file, checked between pages, tables and rows (a reader never hangs)."""

    def __init__(self, file: str, seconds: float = SECONDS_PER_FILE) -> None:
        self.file = file
        self.seconds = seconds
        self.end = time.monotonic() + seconds

    def check(self, where: str) -> None:
        if time.monotonic() > self.end:
            raise InputError(self.file, f"读取超时：超过每个文件 {self.seconds:.0f} 秒的上限（停在{where}）；未读取")


class CellBudget:
    """Cells a document may hold (a sheet claiming a million merged rows is an attack, not a form)."""

    def __init__(self, file: str, limit: int = MAX_CELLS) -> None:
        self.file = file
        self.left = limit
        self.limit = limit

    def take(self, n: int) -> None:
        self.left -= n
        if self.left < 0:
            raise InputError(self.file, f"表格单元格过多（超过 {self.limit} 个）；未读取")
