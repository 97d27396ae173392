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


def turned_pdf(source: Path, path: Path, turn: int, upright: bool = True) -> Path:
    """`source` with each page's content drawn turned `turn` degrees clockwise (the page's box turned with it),
    and, when `upright`, shown upright again by the page's /Rotate — as some PDF printers store a landscape form;
    else shown on its side."""
    import ctypes

    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    pdf = pdfium.PdfDocument(source)
    try:
        for k in range(len(pdf)):
            page = pdf[k]
            w, h = page.get_size()
            a, b, c, d, e, f = {90: (0, -1, 1, 0, 0, w), 180: (-1, 0, 0, -1, w, h), 270: (0, 1, -1, 0, h, 0)}[turn]
            clip = raw.FS_RECTF(-1e5, 1e5, 1e5, -1e5)
            raw.FPDFPage_TransFormWithClip(page.raw, ctypes.byref(raw.FS_MATRIX(a, b, c, d, e, f)), ctypes.byref(clip))
            width, height = (h, w) if turn in (90, 270) else (w, h)
            raw.FPDFPage_SetMediaBox(page.raw, 0, 0, width, height)
            raw.FPDFPage_SetCropBox(page.raw, 0, 0, width, height)
            if upright:
                page.set_rotation((360 - turn) % 360)
            page.close()
        pdf.save(path)
    finally:
        pdf.close()
    return path
