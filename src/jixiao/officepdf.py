"""PDF from a Word document jixiao wrote, through LibreOffice (`soffice --headless --convert-to pdf`) when it is
installed: the fonts the document uses (a CJK font such as Noto CJK for Chinese) are embedded and the text stays
selectable. Each conversion has its own throwaway LibreOffice profile, so parallel runs do not share one, and a
time limit."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from jixiao.export.files import replacing
from jixiao.read.convert import soffice

SECONDS = 180
MISSING = ("写 PDF 需要 LibreOffice，但本机未找到 soffice/libreoffice 命令；请安装 LibreOffice"
           "（如 apt install libreoffice-writer-nogui fonts-noto-cjk），或改用 .docx / .xlsx 输出")


class PdfError(Exception):
    """The PDF could not be made; the message (Chinese) says why."""


def docx_to_pdf(document: Path, pdf: Path) -> Path:
    """Convert `document` (.docx) to `pdf`; the PDF appears complete or not at all."""
    program = soffice()
    if program is None:
        raise PdfError(MISSING)
    work = Path(tempfile.mkdtemp(prefix="jixiao-pdf-"))
    try:
        command = [program, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless", "--norestore",
                   "--convert-to", "pdf", "--outdir", str(work), str(document.resolve())]
        try:
            subprocess.run(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                           timeout=SECONDS, check=False)
        except subprocess.TimeoutExpired:
            raise PdfError(f"LibreOffice 转换为 PDF 超时（{SECONDS} 秒）") from None
        made = work / f"{document.stem}.pdf"
        if not made.is_file():
            raise PdfError("LibreOffice 没有生成 PDF")
        with replacing(Path(pdf)) as partial:
            shutil.copyfile(made, partial)
        return Path(pdf)
    finally:
        shutil.rmtree(work, ignore_errors=True)
