"""Layout regressions of the official outputs: the first page of a rendered PDF and of a rendered Word document
(printed by LibreOffice) compared with stored images within a tolerance, so a change that moves the layout shows.

After an intended change of the layout: `JIXIAO_UPDATE_IMAGES=1 pytest tests/test_render_images.py` rewrites the
stored images (tests/data/render/); look at them before committing.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageStat

from jixiao.model import Form
from jixiao.render import RenderFormat, render_forms
from jixiao.render.fonts import FontError, find_font
from tests.conftest import GOLDEN

STORED = Path(__file__).parent / "data" / "render"
DPI = 40  # coarse: the layout, not the glyphs' anti-aliasing
TOLERANCE = 2.0  # mean absolute difference of the grey levels (0–255) over the page


def _forms() -> list[Form]:
    raw = json.loads(sorted(GOLDEN.glob("*.json"))[1].read_text(encoding="utf-8"))["forms"]
    return [Form.model_validate(f) for f in raw[:2]]


def _first_page(pdf: Path, out: Path) -> Image.Image:
    subprocess.run(["pdftoppm", "-gray", "-png", "-r", str(DPI), "-f", "1", "-l", "1", "-singlefile", str(pdf),
                    str(out)], check=True, capture_output=True, timeout=60)
    return Image.open(out.with_suffix(".png")).convert("L")


def _compare(page: Image.Image, name: str) -> None:
    stored = STORED / name
    if os.environ.get("JIXIAO_UPDATE_IMAGES"):
        page.save(stored)
    expected = Image.open(stored).convert("L")
    assert page.size == expected.size
    difference = ImageStat.Stat(ImageChops.difference(page, expected)).mean[0]
    assert difference < TOLERANCE, f"{name}: the page differs from the stored image by {difference:.2f} grey levels"


@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="pdftoppm (poppler-utils) is not installed")
def test_pdf_page_looks_as_stored(tmp_path):
    try:
        find_font()
    except FontError:
        pytest.skip("no Chinese font installed")
    pdf = render_forms(_forms(), RenderFormat.pdf, tmp_path / "forms.pdf")
    _compare(_first_page(pdf, tmp_path / "page"), "pdf-page1.png")


@pytest.mark.skipif(not (shutil.which("pdftoppm") and shutil.which("soffice")), reason="LibreOffice is not installed")
def test_docx_page_looks_as_stored(tmp_path):
    document = render_forms(_forms(), RenderFormat.docx, tmp_path / "forms.docx")
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/profile", "--convert-to",
                    "pdf", "--outdir", str(tmp_path / "pdf"), str(document)], check=True, capture_output=True,
                   timeout=120)
    _compare(_first_page(tmp_path / "pdf" / "forms.pdf", tmp_path / "page"), "docx-page1.png")
