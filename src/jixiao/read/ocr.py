"""Scanned forms: a PDF page without a text layer, or a photo or scan saved as PNG/JPEG/TIFF, read by OCR.

A scan becomes what the PDF reader builds from a text layer — a `pdf.Page` of characters and ruling lines in
points — and goes through the same `pdf.layout`: the table's grid, merged cells with their spans, tables
continued over pages, and so the same cell stream and the same assembler. No table model is needed: the ruling
lines are found with image operations (`read/scan.py`), the text boxes are recognised by RapidOCR (PP-OCR models
shipped inside its wheel, run by ONNX Runtime on the CPU, offline), and each box lands in the cell holding its
centre. The OCR's confidence of each cell is kept: a number read with low confidence is a warning at its row.

The extra is optional (`pip install "jixiao[ocr]"`): without it a scan is a clear message naming the extra.
"""

from __future__ import annotations

import io
import re
import unicodedata
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from jixiao.errors import InputError
from jixiao.read.limits import Deadline, check_pages, check_pixels, current
from jixiao.read.tokens import Document, Notice

if TYPE_CHECKING:  # numpy comes with the extra; pdf imports this module when it meets a scan
    import numpy as np

    from jixiao.read.pdf import Page
    from jixiao.read.pdf_text import Char

EXTRA = 'pip install "jixiao[ocr]"'
RENDER_DPI = 200  # scanned PDF pages are drawn at this resolution (the OCR works on at most 2000 px a side)
A4_WIDTH = 595.0  # points: an image has no page size, so its width is taken as an A4 page's
LOW = 0.6  # a number recognised with less confidence than this is a warning (a lone digit reads at 0.5–0.9)
TEXT_SCORE = 0.3  # boxes recognised with less confidence are dropped (RapidOCR's default, 0.5, drops lone digits)
ORIENT_SIDE = 1200  # pixels: a page's longer side in the small copy its orientation is found on
MIN_LINES = 5  # text lines it takes to turn a page
VOTES = 20  # the longest lines whose direction is classified
TABLE_LINES = 10  # a picture with fewer text lines is no table's (a photo, a logo, a seal): not read
_DIGIT = set("0123456789")
_DASH = re.compile(r"^[一_—－–-]+$")  # a cell's dash placeholder, which the recogniser reads as 一 or -
# an amount whose decimal point was read as a comma (1,984,00; 99,44%): a thousands group has three digits
_COMMA_POINT = re.compile(r"^([-+]?\d{1,3}(?:,\d{3})*),(\d{1,2}%?)$")


class Box(NamedTuple):
    """One recognised text box on a page, in points."""

    page: int
    box: tuple[float, float, float, float]  # x0, top, x1, bottom
    text: str
    confidence: float
    chars: tuple[tuple[float, float], ...] = ()  # each character's x0, x1, where the recogniser placed them


def available() -> bool:
    """The OCR extra is installed."""
    try:
        import cv2  # noqa: F401
        import rapidocr_onnxruntime  # noqa: F401
    except ImportError:
        return False
    return True


def require(file: str, what: str) -> None:
    if not available():
        raise InputError(file, f"{what}需要文字识别（OCR）才能读取，但未安装 OCR 组件；请安装：{EXTRA}")


class RecogniserFailed(RuntimeError):
    """The recogniser failed on one image (ONNX Runtime out of memory under a limit, a model that will not run):
    a RuntimeError, as ONNX Runtime's own, so the readers that catch those lose that page or picture only."""


FAILURES = (RuntimeError, MemoryError)  # what the recogniser raises on an image it cannot take (`_recognising`)


def failed_pages(failed: dict[int, BaseException]) -> str:
    """'第 2、3 页的文字识别（OCR）失败（ONNXRuntimeError）': the pages (from 1) the recogniser failed on, and why —
    the library's own error where `RecogniserFailed` wraps one."""
    why = sorted({type(exc.__cause__ or exc).__name__ for exc in failed.values()})
    return f"第 {'、'.join(map(str, sorted(failed)))} 页的文字识别（OCR）失败（{'、'.join(why)}）"


@contextmanager
def _recognising() -> Iterator[None]:
    """Around a call of the recogniser: its failures as `RecogniserFailed` (RapidOCR wraps ONNX Runtime's in its
    own ONNXRuntimeError, an Exception but no RuntimeError)."""
    try:
        yield
    except (MemoryError, RuntimeError):
        raise
    except Exception as exc:
        raise RecogniserFailed(str(exc)) from exc


@lru_cache(maxsize=1)
def _engine():  # noqa: ANN202 - RapidOCR's own type, imported only here
    from rapidocr_onnxruntime import RapidOCR

    return RapidOCR(text_score=TEXT_SCORE, use_cls=False)  # the page is upright once deskewed


def _lines(image: np.ndarray) -> list[tuple[int, int, int, int]]:
    """The text lines the detector finds on a small copy of a page, as boxes (x0, y0, x1, y1) in its pixels."""
    import numpy as np

    with _recognising():
        found, _ = _engine()(image, use_det=True, use_cls=False, use_rec=False)
    boxes = []
    for quad in found or []:
        q = np.asarray(quad)
        boxes.append((int(q[:, 0].min()), int(q[:, 1].min()), int(q[:, 0].max()), int(q[:, 1].max())))
    return boxes


def _small(image: np.ndarray) -> np.ndarray:
    """A copy of a page ORIENT_SIDE pixels on its longer side."""
    import cv2

    k = ORIENT_SIDE / max(image.shape[:2])
    return cv2.resize(image, None, fx=k, fy=k, interpolation=cv2.INTER_AREA)


def has_text(image: np.ndarray) -> bool:
    """A picture holding lines of text enough to be a table's (a photo of a site or a logo does not): found by
    the detector alone on a small copy, a fraction of reading it."""
    return len(_lines(_small(image))) >= TABLE_LINES


def upright(image: np.ndarray) -> np.ndarray:
    """A page turned so its text reads across and the right way up: a form scanned sideways or upside down (a
    landscape form fed in portrait, a sheet the wrong way round). On a small copy: text lines standing taller than
    wide say the page lies on its side; the text-line direction classifier's votes on the longest lines say
    whether it is upside down."""
    import numpy as np

    small = _small(image)
    lines = _lines(small)
    wide = sum(1 for x0, y0, x1, y1 in lines if x1 - x0 > 1.5 * (y1 - y0))
    tall = sum(1 for x0, y0, x1, y1 in lines if y1 - y0 > 1.5 * (x1 - x0))
    if tall >= MIN_LINES and tall > 2 * wide:
        image, small = np.ascontiguousarray(np.rot90(image)), np.ascontiguousarray(np.rot90(small))
        lines = _lines(small)
    longest = sorted(lines, key=lambda b: b[0] - b[2])[:VOTES]
    crops = [small[y0:y1, x0:x1] for x0, y0, x1, y1 in longest if x1 - x0 > 1.5 * (y1 - y0)]
    if len(crops) < MIN_LINES:
        return image
    with _recognising():
        _, votes, _ = _engine().text_cls(crops)
    turned = sum(1 for label, score in votes if "180" in label and score > 0.9)
    return np.ascontiguousarray(np.rot90(image, 2)) if turned > len(crops) / 2 else image


def recognise(image: np.ndarray, scale: float, page: int) -> list[Box]:
    """Text boxes of a page image (BGR, deskewed) with their text, confidence and, where the recogniser placed
    them, their characters; `scale` is points per pixel."""
    # (any keyword resets RapidOCR's thresholds to its defaults: they are passed again, ours)
    with _recognising():
        found, _ = _engine()(image, return_word_box=True, text_score=TEXT_SCORE, box_thresh=0.5, unclip_ratio=1.6)
    boxes = []
    for quad, raw, score, *placed in found or []:
        xs = [p[0] for p in quad]
        ys = [p[1] for p in quad]
        text = unicodedata.normalize("NFC", str(raw)).strip()
        text = "—" if _DASH.match(text) else text
        score = float(score)
        if _COMMA_POINT.match(text):  # repaired, and so below the warning threshold: the user checks it
            text, score = _COMMA_POINT.sub(r"\1.\2", text), min(score, LOW - 0.01)
        chars: tuple[tuple[float, float], ...] = ()
        if len(placed) >= 2 and "".join(map(str, placed[1])) == text and len(placed[0]) == len(text):
            chars = tuple((min(p[0] for p in q) * scale, max(p[0] for p in q) * scale) for q in placed[0])
        if text:
            boxes.append(Box(page, (min(xs) * scale, min(ys) * scale, max(xs) * scale, max(ys) * scale),
                             text, score, chars))
    return boxes


def _chars(box: Box) -> list[Char]:
    """A text box as characters: cut where the recogniser placed each (so a box run over a cell's rule,
    '0外埠出差增多。' of a 得分 and its 偏差原因, is cut by the rule), else its width shared out as Chinese fonts
    print them (CJK one em, others half); its height narrowed to the glyphs (the detector's box is padded), so
    lines of a cell stay apart."""
    from jixiao.read.pdf_text import Char

    x0, top, x1, bottom = box.box
    pad = (bottom - top) * 0.12
    top, bottom = top + pad, bottom - pad
    if box.chars:  # (each character to the middle of the gap to the next: the line's text has no false gaps)
        cuts = [x0, *((a[1] + b[0]) / 2 for a, b in zip(box.chars, box.chars[1:], strict=False)), x1]
        return [Char(ch, cuts[k], cuts[k + 1], top, bottom) for k, ch in enumerate(box.text) if not ch.isspace()]
    weights = [1.0 if unicodedata.east_asian_width(c) in "WF" else 0.55 for c in box.text]
    step = (x1 - x0) / (sum(weights) or 1.0)
    out, x = [], x0
    for ch, w in zip(box.text, weights, strict=True):
        if not ch.isspace():
            out.append(Char(ch, x, x + w * step, top, bottom))
        x += w * step
    return out


def scan_page(image: np.ndarray, number: int, scale: float, deadline: Deadline) -> tuple[Page, list[Box]]:
    """One page image (BGR) read: deskewed, its ruling lines found, its text recognised. Returns the `pdf.Page`
    (characters and rules in points) and the recognised boxes."""
    import numpy as np

    from jixiao.read.pdf import Page
    from jixiao.read.scan import deskew, ink, rules

    deadline.allow(current().scan_seconds)
    deadline.check(f"第 {number} 页")
    image = deskew(upright(image))
    clean = ink(image)
    height, width = image.shape[:2]
    page = Page(number, width * scale, height * scale)
    page.horizontal, page.vertical = rules(clean, scale)
    boxes = recognise(np.dstack([clean] * 3), scale, number)
    for box in boxes:
        page.chars.extend(_chars(box))
    return page, boxes


def low_confidence(doc: Document, boxes: list[Box]) -> None:
    """A warning for each cell holding a number the OCR was not sure of (at the cell's row), and a note of the
    lowest confidence of every row in `doc.confidence`."""
    by_page: dict[int, list[Box]] = {}
    for box in boxes:
        by_page.setdefault(box.page, []).append(box)
    for token in doc.tokens:
        if token.bbox is None or token.page not in by_page or not token.text:
            continue
        x0, top, x1, bottom = token.bbox
        inside = [b for b in by_page[token.page] if x0 - 1 <= (b.box[0] + b.box[2]) / 2 <= x1 + 1
                  and top - 1 <= (b.box[1] + b.box[3]) / 2 <= bottom + 1]
        if not inside:
            continue
        least = min(b.confidence for b in inside)
        doc.confidence[token.line] = min(doc.confidence.get(token.line, 1.0), round(least, 3))
        if least < LOW and _DIGIT & set(token.text):
            doc.warnings.append(Notice(f"第 {token.page} 页：文字识别（OCR）对“{token.text}”把握较低"
                                       f"（{least:.2f}），请与原件核对", token.line))


def _upright(frame):  # noqa: ANN001, ANN202 - PIL images
    """A frame as RGB the way it is shown: turned as its EXIF orientation says (a phone photo), transparency on
    white paper."""
    from PIL import Image, ImageOps

    frame = ImageOps.exif_transpose(frame)
    if "A" in frame.getbands() or "transparency" in frame.info:
        rgba = frame.convert("RGBA")
        return Image.alpha_composite(Image.new("RGBA", rgba.size, "white"), rgba).convert("RGB")
    return frame.convert("RGB")


def _frames(path: Path | io.BytesIO, file: str) -> list[np.ndarray]:
    """The pages of an image file (a TIFF may hold several) as BGR arrays, each checked against the pixel limit
    before it is decoded."""
    import numpy as np
    from PIL import Image, ImageSequence, UnidentifiedImageError

    limits = current()
    before, Image.MAX_IMAGE_PIXELS = Image.MAX_IMAGE_PIXELS, limits.pixels  # Pillow's own check, at open
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as im:
                frames = []
                for k, frame in enumerate(ImageSequence.Iterator(im)):
                    check_pages(k + 1, file, "图像")
                    check_pixels(frame.width, frame.height, file, f"第 {k + 1} 页")
                    rgb = np.asarray(_upright(frame))
                    frames.append(np.ascontiguousarray(rgb[:, :, ::-1]))
                return frames
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise InputError(file, f"图像的像素过多（超过上限 {limits.pixels:,} 像素），"
                               "疑为“解压炸弹”；未读取") from exc
    except UnidentifiedImageError as exc:
        raise InputError(file, "图像文件无法识别（已损坏或不是 PNG/JPEG/TIFF）；未读取") from exc
    except (OSError, ValueError, SyntaxError) as exc:
        raise InputError(file, f"图像文件已损坏，无法解码（{exc}）") from exc
    finally:
        Image.MAX_IMAGE_PIXELS = before


def read_image(path: Path, file: str) -> Document:
    """A photo or scan of a form (PNG, JPEG, TIFF): each frame a page, read as a scanned PDF page is."""
    from jixiao.read.pdf import layout

    require(file, "这是图片：")
    deadline = Deadline(file)
    pages, boxes = [], []
    failed: dict[int, BaseException] = {}  # frame -> the recogniser's failure on it (the other frames are read)
    for k, frame in enumerate(_frames(path, file)):
        try:
            page, found = scan_page(frame, k + 1, A4_WIDTH / frame.shape[1], deadline)
        except FAILURES as exc:
            failed[k + 1] = exc
            continue
        pages.append(page)
        boxes.extend(found)
    said = failed_pages(failed) if failed else ""
    if not boxes:
        raise InputError(file, f"{said}，未读取" if said else "图片中没有识别出文字")
    doc = layout(pages, file)
    if said:
        doc.warnings.append(Notice(f"{said}，该页未读取；其余页面已读取"))
    low_confidence(doc, boxes)
    return doc


def picture(data: bytes, file: str) -> np.ndarray | None:
    """A picture inside a document (its first frame, BGR); None where it cannot be decoded (a Windows metafile,
    a broken image)."""
    try:
        frames = _frames(io.BytesIO(data), file)
    except InputError:
        return None
    return frames[0] if frames else None


def read_picture(image: np.ndarray, file: str, where: str, deadline: Deadline) -> Document | None:
    """A picture inside a document (a scan of the form pasted into a Word file) read as an image is; None where
    it holds too few lines of text to be a table (a photo, a logo)."""
    from jixiao.read.pdf import layout

    deadline.check(where)
    if not has_text(image):
        return None
    page, boxes = scan_page(image, 1, A4_WIDTH / image.shape[1], deadline)
    doc = layout([page], file)
    low_confidence(doc, boxes)
    return doc
