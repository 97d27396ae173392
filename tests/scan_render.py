"""Scans made from golden forms: rendered to PDF by the product's renderer, rasterised with pypdfium2 and
degraded as a scanner or a phone degrades a page — turned a little, noisy, JPEG-compressed, stamped in red."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageChops, ImageDraw

from jixiao.model import Form
from jixiao.render import RenderFormat, render_forms
from tests.conftest import GOLDEN
from tests.layout_render import expected


@dataclass(frozen=True)
class Condition:
    """How a page is degraded."""

    name: str
    rotate: float = 0.0  # degrees
    noise: float = 0.0  # standard deviation of Gaussian grey noise (0–255)
    jpeg: int | None = None  # JPEG quality
    stamp: bool = False  # a red seal over the right part of the funds block


LIGHT = Condition("light", noise=8)
CONDITIONS = [
    LIGHT,
    Condition("rotated 1.5°", rotate=1.5, noise=8),
    Condition("JPEG q60", noise=8, jpeg=60),
    Condition("red stamp", noise=8, stamp=True),
    Condition("all four", rotate=-1.5, noise=12, jpeg=60, stamp=True),
]


def golden(index: int = 0, count: int = 2) -> list[dict]:
    """The first `count` forms of golden file `index`."""
    path = sorted(GOLDEN.glob("*.json"))[index]
    return json.loads(path.read_text(encoding="utf-8"))["forms"][:count]


def answer(forms: list[dict]) -> list[dict]:
    return [expected(f) for f in forms]


def pages(forms: list[dict], dpi: int, folder: Path) -> list[Image.Image]:
    """The forms as rendered pages, rasterised at `dpi`."""
    pdf_path = render_forms([Form.model_validate(f) for f in forms], RenderFormat.pdf, folder / "forms.pdf")
    pdf = pdfium.PdfDocument(pdf_path)
    try:
        return [pdf[k].render(scale=dpi / 72).to_pil().convert("RGB") for k in range(len(pdf))]
    finally:
        pdf.close()


def _stamp(image: Image.Image) -> Image.Image:
    """A red seal (ring, star, a band of text-like strokes) multiplied over the page, as ink over print."""
    w, h = image.size
    r = w // 9
    cx, cy = int(w * 0.72), int(h * 0.2)
    seal = Image.new("RGB", image.size, "white")
    draw = ImageDraw.Draw(seal)
    red = (215, 40, 40)
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=red, width=max(4, r // 14))
    arm = [r * 0.3 * (1 if k % 2 == 0 else 0.4) for k in range(10)]
    star = [(cx + a * np.cos(t), cy - a * np.sin(t)) for a, t in zip(arm, np.pi / 2 + np.arange(10) * np.pi / 5,
                                                                      strict=True)]
    draw.polygon(star, fill=red)
    for k in range(7):
        y = cy + r * 0.45 + (k % 2) * 6
        draw.rectangle((cx - r * 0.6 + k * r * 0.17, y, cx - r * 0.5 + k * r * 0.17, y + r * 0.15), fill=red)
    return ImageChops.multiply(image, seal)


def degrade(image: Image.Image, condition: Condition, seed: int = 0) -> Image.Image:
    if condition.stamp:
        image = _stamp(image)
    if condition.rotate:
        image = image.rotate(condition.rotate, resample=Image.BICUBIC, expand=False, fillcolor="white")
    if condition.noise:
        rng = np.random.default_rng(seed)
        pixels = np.asarray(image, dtype=np.float32)
        pixels += rng.normal(0, condition.noise, pixels.shape[:2])[:, :, None]
        image = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))
    if condition.jpeg:
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=condition.jpeg)
        image = Image.open(io.BytesIO(buffer.getvalue())).convert("RGB")
    return image


def scanned_pdf(images: list[Image.Image], path: Path, dpi: int) -> Path:
    """Page images as a PDF without a text layer, as a scanner saves one."""
    images[0].save(path, "PDF", save_all=True, append_images=images[1:], resolution=dpi)
    return path


def searchable_pdf(images: list[Image.Image], text_pdf: Path, path: Path, turn: float = 0.0) -> Path:
    """A "searchable PDF" as scanners and phone apps make one: each page image with the text recognised on it set
    invisibly over it (render mode 3), no rules drawn. The text is `text_pdf`'s characters, each where it is
    printed there, turned `turn` degrees counter-clockwise about the page's centre as the image was."""
    import math

    from reportlab.lib.utils import ImageReader
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    from jixiao.read.limits import Deadline
    from jixiao.read.pdf import extract

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    cos, sin = math.cos(math.radians(turn)), math.sin(math.radians(turn))
    out = canvas.Canvas(str(path))
    for image, page in zip(images, extract(text_pdf, text_pdf.name, Deadline(text_pdf.name)), strict=True):
        width, height = page.width, page.height
        out.setPageSize((width, height))
        out.drawImage(ImageReader(image), 0, 0, width=width, height=height)
        text = out.beginText()
        text.setTextRenderMode(3)
        for ch in page.chars:
            size = max(ch.bottom - ch.top, 1.0) * 0.95
            dx, dy = ch.x0 - width / 2, ch.bottom - height / 2  # (y down: turned as the image is shown)
            x, y = width / 2 + dx * cos + dy * sin, height / 2 - dx * sin + dy * cos
            text.setFont("STSong-Light", size)
            text.setTextOrigin(x, height - y + 0.15 * size)
            text.textOut(ch.text)
        out.drawText(text)
        out.showPage()
    out.save()
    return path


def outlined_pdf(text_pdf: Path, path: Path) -> Path:
    """`text_pdf` with its text turned into outlines (转曲, as prepress tools and some PDF printers do): each
    character drawn as its glyph's filled path, the rules drawn as lines; no text layer, no image."""
    from fontTools.pens.basePen import BasePen
    from fontTools.ttLib import TTFont
    from reportlab.pdfgen import canvas

    from jixiao.read.limits import Deadline
    from jixiao.read.pdf import extract
    from jixiao.render.fonts import find_font

    font = find_font()
    face = TTFont(str(font.path), fontNumber=font.index, lazy=True)
    glyphs, cmap, em = face.getGlyphSet(), face.getBestCmap(), face["head"].unitsPerEm

    class Pen(BasePen):  # a glyph's outline as a canvas path, scaled to `size` points at (x, y)
        def __init__(self, drawn, x: float, y: float, size: float) -> None:  # noqa: ANN001
            super().__init__(glyphs)
            self.drawn, self.x, self.y, self.k = drawn, x, y, size / em

        def _at(self, p):  # noqa: ANN001, ANN202
            return self.x + p[0] * self.k, self.y + p[1] * self.k

        def _moveTo(self, p):  # noqa: ANN001, ANN202, N802 - fontTools' names
            self.drawn.moveTo(*self._at(p))

        def _lineTo(self, p):  # noqa: ANN001, ANN202, N802
            self.drawn.lineTo(*self._at(p))

        def _curveToOne(self, a, b, c):  # noqa: ANN001, ANN202, N802
            self.drawn.curveTo(*self._at(a), *self._at(b), *self._at(c))

        def _closePath(self):  # noqa: ANN202, N802
            self.drawn.close()

    out = canvas.Canvas(str(path))
    for page in extract(text_pdf, text_pdf.name, Deadline(text_pdf.name)):
        width, height = page.width, page.height
        out.setPageSize((width, height))
        out.setLineWidth(0.5)
        for y, x0, x1 in page.horizontal:
            out.line(x0, height - y, x1, height - y)
        for x, y0, y1 in page.vertical:
            out.line(x, height - y0, x, height - y1)
        for ch in page.chars:
            name = cmap.get(ord(ch.text))
            if name is None:
                continue
            size = ch.bottom - ch.top
            drawn = out.beginPath()
            glyphs[name].draw(Pen(drawn, ch.x0, height - ch.bottom + 0.12 * size, size * 0.88))
            out.drawPath(drawn, stroke=0, fill=1)
        out.showPage()
    out.save()
    return path


def pictured_pdf(images: list[Image.Image], path: Path, heading: str) -> Path:
    """Each page image pasted as a picture under a heading and a line of text (a scan of the stamped form put
    into a Word document, then exported): text on the page, none over the picture."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    width, height = A4
    out = canvas.Canvas(str(path), pagesize=A4)
    for image in images:
        out.setFont("STSong-Light", 14)
        out.drawString(60, height - 60, heading)
        out.setFont("STSong-Light", 10.5)
        out.drawString(60, height - 82, "以下为本单位盖章后的自评表扫描件，原件存档备查，如有疑问请与财务科联系。")
        shown = width - 120
        out.drawImage(ImageReader(image), 60, 40, width=shown, height=shown * image.height / image.width)
        out.showPage()
    out.save()
    return path


def word_with_pictures(images: list[Image.Image], path: Path) -> Path:
    """A Word document holding each page image as a picture under a heading (a stamped form's scan pasted in)."""
    import docx
    from docx.shared import Cm

    document = docx.Document()
    document.add_paragraph("附件2：项目支出绩效自评表（盖章扫描件）")
    for k, image in enumerate(images):
        image.save(path.with_name(f"page{k}.png"))
        document.add_picture(str(path.with_name(f"page{k}.png")), width=Cm(16))
    document.save(path)
    return path
