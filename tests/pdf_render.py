"""PDF fixtures made by the programs that really make published PDFs: LibreOffice (Writer from Word or web
pages, Calc from workbooks) and Chromium (a web page printed to PDF). Each takes documents written by
tests/layout_render.py (HTML) or tests/docx_render.py / tests/xlsx_render.py, so every golden form can be read
back from a PDF. Both programs are optional: `soffice()`/`chromium()` say whether they are installed.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-pdf-header-footer"]
# the PDF export filter of each LibreOffice module (a web page opens in Writer/Web)
_FILTERS = {".html": "pdf:writer_web_pdf_Export", ".docx": "pdf:writer_pdf_Export", ".xlsx": "pdf:calc_pdf_Export"}


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def libreoffice_pdf(sources: list[Path], outdir: Path, profile: Path) -> list[Path]:
    """Convert documents to PDF with LibreOffice (one call per kind of source, so it starts once)."""
    program = soffice()
    assert program, "LibreOffice is not installed"
    outdir.mkdir(parents=True, exist_ok=True)
    for suffix, export in _FILTERS.items():
        batch = [str(p) for p in sources if p.suffix == suffix]
        if batch:
            subprocess.run([program, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to",
                            export, "--outdir", str(outdir), *batch], check=True, capture_output=True, timeout=600)
    return [outdir / f"{p.stem}.pdf" for p in sources]


def chromium_pdf(page: Path, pdf: Path, profile: Path, header_footer: bool = False) -> Path:
    """Print a web page to PDF as a browser user would (A4 default; without the browser's header and footer
    unless `header_footer`)."""
    program = chromium()
    assert program, "Chromium is not installed"
    flags = [f for f in CHROMIUM_FLAGS if f != "--no-pdf-header-footer"] if header_footer else CHROMIUM_FLAGS
    subprocess.run([program, *flags, f"--user-data-dir={profile}", f"--print-to-pdf={pdf}",
                    page.resolve().as_uri()], check=True, capture_output=True, timeout=300)
    return pdf
