"""Image operations on a scanned page (OpenCV): straighten it, take the ink without a red stamp, and find the
table's ruling lines — what a text-layer PDF gives as path objects, a scan gives only as pixels."""

from __future__ import annotations

import cv2
import numpy as np

MAX_SKEW = 5.0  # degrees: a page fed askew by more is not straightened (a photo at an angle is out of reach)
H_KERNEL = 20.0  # points: a horizontal run of ink this long is a rule (no glyph stroke is)
V_KERNEL = 12.0  # points: a vertical one (rows of a form are 18 pt and more; a CJK glyph is ~10.5 pt)
TOUCH = 3.0  # points: a vertical rule ends this near a horizontal one, or crosses it
THIN = 3.0  # points: a rule is thinner than this (a thicker dark area is a filled block or a photo edge)

Segment = tuple[float, float, float]  # (position, start, end): in pixels, or in points once scaled


def ink(image: np.ndarray) -> np.ndarray:
    """The page as grey levels with a red stamp taken out: the red channel, where red ink is as light as the paper
    and black or blue ink stays dark."""
    return image[:, :, 2].copy() if image.ndim == 3 else image


def _binary(gray: np.ndarray) -> np.ndarray:
    """Ink as 255 on 0; a local threshold, so uneven lighting and a grey header shading are not ink."""
    return cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 31, 25)


def skew(gray: np.ndarray) -> float:
    """The page's skew in degrees: the angle at which the rows of ink (text lines, rules) are sharpest, searched
    on a small copy, coarse then fine."""
    small = cv2.resize(gray, None, fx=800 / gray.shape[1], fy=800 / gray.shape[1], interpolation=cv2.INTER_AREA)
    binary = _binary(small).astype(np.float32)
    h, w = binary.shape
    centre = (w / 2, h / 2)

    def sharpness(angle: float) -> float:
        turned = cv2.warpAffine(binary, cv2.getRotationMatrix2D(centre, angle, 1.0), (w, h))
        return float(np.var(turned.sum(axis=1)))

    best = max(np.arange(-MAX_SKEW, MAX_SKEW + 0.01, 0.25), key=sharpness)
    return float(max(np.arange(best - 0.25, best + 0.26, 0.025), key=sharpness))


def deskew(image: np.ndarray) -> np.ndarray:
    """The page turned upright (white where the turn uncovers the corners)."""
    return straightened(image)[0]


def straightened(image: np.ndarray) -> tuple[np.ndarray, np.ndarray | None]:
    """The page turned upright, and the turn (a 2×3 matrix taking a pixel of the page to its place on the turned
    one; None where the page was straight): a text layer over a scan is moved with it."""
    angle = skew(ink(image))
    if abs(angle) < 0.05:
        return image, None
    h, w = image.shape[:2]
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    turned = cv2.warpAffine(image, matrix, (w, h), flags=cv2.INTER_LINEAR, borderValue=(255, 255, 255))
    return turned, matrix


def _segments(mask: np.ndarray, horizontal: bool, thin: float) -> list[Segment]:
    count, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    out = []
    for x, y, w, h, _ in stats[1:count]:
        if horizontal and h <= thin:
            out.append((y + h / 2, float(x), float(x + w)))
        elif not horizontal and w <= thin:
            out.append((x + w / 2, float(y), float(y + h)))
    return out


def rules(gray: np.ndarray, scale: float) -> tuple[list[Segment], list[Segment]]:
    """Horizontal (y, x0, x1) and vertical (x, y0, y1) ruling lines in points (`scale` points a pixel): ink that
    survives a morphological opening with a long thin kernel, each connected run one segment."""
    pixels_per_point = 1.0 / scale
    binary = _binary(gray)
    found = []
    for horizontal, length in ((True, H_KERNEL), (False, V_KERNEL)):
        size = max(8, round(length * pixels_per_point))
        kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (size, 1) if horizontal else (1, size))
        mask = cv2.morphologyEx(binary, cv2.MORPH_OPEN, kernel)
        # a rule broken by noise or a stamp's edge is closed again along its length
        mask = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, cv2.getStructuringElement(
            cv2.MORPH_RECT, (max(3, size // 4), 1) if horizontal else (1, max(3, size // 4))))
        found.append(_segments(mask, horizontal, max(2.0, THIN * pixels_per_point)))
    horizontal, vertical = found
    vertical = _meeting(vertical, horizontal, TOUCH * pixels_per_point)
    return ([(y * scale, a * scale, b * scale) for y, a, b in horizontal],
            [(x * scale, a * scale, b * scale) for x, a, b in vertical])


def _meeting(vertical: list[Segment], horizontal: list[Segment], slack: float) -> list[Segment]:
    """The vertical segments that meet a horizontal one (a table's rule ends on or crosses another): not the
    long upright strokes of a large title's glyphs, which stand free above the table."""
    return [(x, y0, y1) for x, y0, y1 in vertical
            if any(a - slack <= x <= b + slack and y0 - slack <= y <= y1 + slack for y, a, b in horizontal)]


def rendered(page, dpi: float, turn: int = 0) -> tuple[np.ndarray, float]:  # noqa: ANN001 - a pypdfium2 PdfPage
    """A PDF page drawn as a BGR image, turned `turn` degrees clockwise from how it is shown, at `dpi` or less
    where the page is so large that it would pass the pixel limit (a page may claim 200 inches a side); with the
    points per pixel."""
    from jixiao.read.limits import current

    width, height = page.get_size()
    scale = dpi / 72
    most = current().pixels
    if width * height * scale * scale > most:
        scale = (most / (width * height)) ** 0.5
    bitmap = page.render(scale=scale, rotation=turn, fill_color=(255, 255, 255, 255))
    image = np.array(bitmap.to_numpy()[:, :, :3])  # pdfium draws BGR(A)
    bitmap.close()
    return image, 1 / scale
