"""Old and other office formats (.doc, .wps, .et, .rtf, .odt, .ods) through LibreOffice, when it is installed.

These are still common on Chinese government sites. LibreOffice (`soffice --headless --convert-to`) turns
them into .docx/.xlsx, which the Word and Excel readers read; without it the user is told what to install.
Each conversion runs with its own throwaway profile (parallel runs do not share one) and a time limit.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from jixiao.errors import InputError
from jixiao.read.limits import current
from jixiao.read.sniff import OLE, is_word_binary, kind_of
from jixiao.read.tokens import Document

_SHEET_SUFFIXES = (".et", ".ods", ".xls", ".ett")
MISSING = ("是旧版或其他办公文档格式（.doc/.wps/.et/.rtf/.odt 等），需要 LibreOffice 转换后读取，但本机未找到"
           " soffice/libreoffice 命令；请安装 LibreOffice（如 apt install libreoffice-writer libreoffice-calc），"
           "或将文件另存为 .docx/.xlsx/.pdf 后再读取")


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def _target(path: Path, head: bytes) -> str:
    """The format to convert to: a workbook to .xlsx, anything else to .docx. What the file holds decides, its
    name only where that says nothing (a Word document saved as .xls is a document)."""
    if head.startswith(OLE) and is_word_binary(path):
        return "docx"
    if path.suffix.lower() in _SHEET_SUFFIXES or b"opendocument.spreadsheet" in head:
        return "xlsx"
    return "docx"


def convert(path: Path, file: str, target: str) -> Path:
    """Convert with LibreOffice into a temporary directory; the caller removes the returned file's directory."""
    program = soffice()
    if program is None:
        raise InputError(file, MISSING)
    out = Path(tempfile.mkdtemp(prefix="jixiao-convert-"))
    profile = out / "profile"
    command = [program, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
               "--convert-to", target, "--outdir", str(out), str(path.resolve())]
    seconds = current().seconds
    try:
        subprocess.run(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                       timeout=seconds, check=False)
    except subprocess.TimeoutExpired as exc:
        shutil.rmtree(out, ignore_errors=True)
        raise InputError(file, f"LibreOffice 转换超时（{seconds} 秒）；未读取") from exc
    converted = [p for p in out.iterdir() if p.suffix == f".{target}"]
    if not converted:
        shutil.rmtree(out, ignore_errors=True)
        raise InputError(file, f"LibreOffice 无法将此文件转换为 .{target}（文件可能已损坏或加密）；未读取")
    return converted[0]


def read_converted(path: Path, file: str) -> Document:
    from jixiao.read import reader

    with path.open("rb") as handle:
        head = handle.read(4096)
    target = _target(path, head)
    converted = convert(path, file, target)
    try:
        with converted.open("rb") as handle:
            kind = kind_of(converted, handle.read(4096), file)
        if kind not in ("docx", "xlsx"):
            raise InputError(file, f"LibreOffice 转换结果不是 .{target}；未读取")
        return reader(kind)(converted, file)
    finally:
        shutil.rmtree(converted.parent, ignore_errors=True)
