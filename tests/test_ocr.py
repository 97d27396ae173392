"""Scanned forms read by OCR (the `ocr` extra): golden forms rendered to PDF, rasterised, degraded as scanners and
phones degrade them, and read back through the same layout and assembler as a text-layer PDF. Without the
extra, a scan gets a message naming it. The OCR runs are few pages (a page is ~10–35 s on a shared CPU); the
figures for every condition and resolution come from bench/ocr.py."""

from __future__ import annotations

import io
import struct
import sys
import zlib
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image

from jixiao.model import Form
from jixiao.parse import parse_file
from jixiao.read import ocr
from jixiao.read.sniff import kind_of
from jixiao.read.tokens import Document, Gap, Token
from jixiao.render import RenderFormat, render_forms
from tests.scan_render import (
    CONDITIONS,
    LIGHT,
    Condition,
    answer,
    degrade,
    golden,
    outlined_pdf,
    pages,
    pictured_pdf,
    scanned_pdf,
    searchable_pdf,
    word_with_pictures,
)
from tests.scoring import score

needs_ocr = pytest.mark.skipif(not ocr.available(), reason='the OCR extra is not installed (pip install "jixiao[ocr]")')
DPI = 300
HARD = CONDITIONS[-1]  # rotated, noisy, JPEG q60 and stamped at once
HARD_FLOOR = 95.0  # measured 98.5–100% (bench/ocr.py); a margin for other CPUs' float differences


def _accuracy(path: Path, gold: list[dict]) -> tuple[float, str]:
    result = parse_file(path)
    assert result.error is None, result.error.message
    fields, matched, wrong, missing, extra = score(gold, [f.record() for f in result.forms])
    assert (missing, extra) == (0, 0), wrong[:10]
    return 100.0 * matched / fields, "\n".join(wrong[:20])


@pytest.fixture(scope="module")
def forms() -> list[dict]:
    return golden(0, 2)


@pytest.fixture(scope="module")
def clean(forms, tmp_path_factory) -> list[Image.Image]:
    return pages(forms, DPI, tmp_path_factory.mktemp("scan"))


@needs_ocr
def test_a_scanned_pdf_with_light_noise_reads_at_98_percent(forms, clean, tmp_path):
    pdf = scanned_pdf([degrade(im, LIGHT, seed=k) for k, im in enumerate(clean)], tmp_path / "scan.pdf", DPI)
    accuracy, wrong = _accuracy(pdf, answer(forms))
    assert accuracy >= 98.0, wrong


@needs_ocr
def test_a_photo_turned_noisy_compressed_and_stamped_reads_above_its_floor(forms, clean, tmp_path):
    image = degrade(clean[0], HARD, seed=7)
    path = tmp_path / "photo.jpg"
    image.save(path, "JPEG", quality=HARD.jpeg)
    accuracy, wrong = _accuracy(path, answer(forms[:1]))
    assert accuracy >= HARD_FLOOR, wrong


@needs_ocr
@pytest.mark.parametrize("turn", [90, 180])
def test_a_page_scanned_sideways_or_upside_down_is_turned_upright(forms, clean, tmp_path, turn):
    """A landscape form fed in portrait, a sheet the wrong way round: the page is turned before it is read (90°
    counter-clockwise lies on its side and, turned back the other way first, is upside down as well)."""
    image = degrade(clean[0], LIGHT, seed=3).rotate(turn, expand=True)
    pdf = scanned_pdf([image], tmp_path / "turned.pdf", DPI)
    accuracy, wrong = _accuracy(pdf, answer(forms[:1]))
    assert accuracy >= 98.0, wrong  # measured 100% at every quarter turn, as upright


@needs_ocr
def test_a_large_titles_upright_strokes_are_no_ruling_lines():
    """A title's glyphs set large have upright strokes longer than the vertical kernel: standing free above the
    table, they are no rules (before, they made little tables that cut the title apart)."""
    import numpy as np

    from jixiao.read.scan import rules

    page = np.full((400, 400), 255, np.uint8)
    page[20:45, 200:203] = 0  # a stroke of a title's glyph, 25 points high
    page[100, 50:350] = page[200, 50:350] = page[300, 50:350] = 0  # the table's rows
    page[100:301, 50] = page[100:301, 200] = page[100:301, 349] = 0  # its columns
    horizontal, vertical = rules(page, 1.0)
    assert len(horizontal) == 3
    assert sorted(int(x) for x, _, _ in vertical) == [50, 200, 349]


@needs_ocr
@pytest.mark.parametrize("turn", [0.0, 1.5])
def test_a_searchable_scan_takes_its_rules_from_the_page_image(tmp_path, turn):
    """A scan with the recognised text invisible over it: the text layer is read as it is (no OCR), the table's
    rules are found in the page image, straightened with the text moved along (before: read as a table without
    rules, 93.9% and, turned 1.5°, 83.2% of these three forms' fields)."""
    forms = golden(1, 3)
    text_pdf = render_forms([Form.model_validate(f) for f in forms], RenderFormat.pdf, tmp_path / "text.pdf")
    images = [degrade(im, Condition("turned", rotate=turn, noise=8), seed=k)
              for k, im in enumerate(pages(forms, 200, tmp_path))]
    pdf = searchable_pdf(images, text_pdf, tmp_path / "searchable.pdf", turn)
    accuracy, wrong = _accuracy(pdf, answer(forms))
    assert accuracy >= 99.5, wrong  # measured 100%


@needs_ocr
def test_a_table_pasted_as_a_picture_into_a_text_page_is_read(tmp_path):
    """A scan of the stamped form put into a Word document under its heading: text on the page, none over the
    picture. The picture is read by OCR where it stands, with a warning saying so (before: 未找到绩效自评表)."""
    forms = golden(3, 1)
    images = [degrade(im, LIGHT, seed=k) for k, im in enumerate(pages(forms, 200, tmp_path))]
    pdf = pictured_pdf(images, tmp_path / "pictured.pdf", "附件2：项目支出绩效自评表")
    accuracy, wrong = _accuracy(pdf, answer(forms))
    assert accuracy >= 98.0, wrong  # measured 100%
    [form] = parse_file(pdf).forms
    assert any("图片" in w.message and "OCR" in w.message for w in form.warnings)


@needs_ocr
def test_a_photo_in_a_text_document_is_not_read_as_a_table(forms, tmp_path):
    """A picture with few lines of text (a photo of the project's site) is looked at by the text detector only,
    not read: no OCR text, no warning."""
    photo = Image.effect_noise((1200, 800), 60).convert("RGB")
    pictured_pdf([photo], tmp_path / "photo.pdf", "项目现场照片")
    text_pdf = render_forms([Form.model_validate(forms[0])], RenderFormat.pdf, tmp_path / "text.pdf")
    both = pdfium.PdfDocument(text_pdf)
    both.import_pages(pdfium.PdfDocument(tmp_path / "photo.pdf"))
    both.save(tmp_path / "both.pdf")
    [form] = parse_file(tmp_path / "both.pdf").forms
    assert not any("图片" in w.message for w in form.warnings)


@needs_ocr
def test_a_form_pasted_as_a_picture_into_a_word_document_is_read(tmp_path):
    """The pictures of a .docx read by OCR where they stand, each a page (before: 未找到绩效自评表)."""
    forms = golden(3, 1)
    images = [degrade(im, LIGHT, seed=k) for k, im in enumerate(pages(forms, 200, tmp_path))]
    document = word_with_pictures(images, tmp_path / "pictured.docx")
    accuracy, wrong = _accuracy(document, answer(forms))
    assert accuracy >= 98.0, wrong  # measured 100%
    [form] = parse_file(document).forms
    assert any("第 1 张图片" in w.message and "OCR" in w.message for w in form.warnings)


def test_without_the_extra_a_form_in_a_picture_is_named_as_unread(tmp_path, monkeypatch):
    """Without the extra, the pictures cannot be read: the file's error says that is why no form was found."""
    monkeypatch.setattr(ocr, "available", lambda: False)
    image = Image.new("RGB", (1654, 2339), "white")
    result = parse_file(word_with_pictures([image], tmp_path / "pictured.docx"))
    assert result.error is not None and "未找到绩效自评表" in result.error.message
    assert "1 张大幅图片" in result.error.message and ocr.EXTRA in result.error.message


@needs_ocr
def test_a_picture_that_cannot_be_decoded_is_named(tmp_path):
    """A large picture Pillow cannot draw (a Windows metafile, a broken image) is named as unread."""
    import zipfile

    source = word_with_pictures([Image.new("RGB", (1654, 2339), "white")], tmp_path / "source.docx")
    broken = tmp_path / "broken.docx"
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(broken, "w") as new:
        for item in old.infolist():
            new.writestr(item, b"\x01\x00\x00\x00EMF?" * 20 if item.filename.startswith("word/media/")
                         else old.read(item))
    result = parse_file(broken)
    assert result.error is not None and "第 1 张图片无法解码" in result.error.message


def test_a_box_run_over_a_rule_is_cut_where_the_recogniser_placed_its_characters():
    """'0外埠' of a 得分 and its 偏差原因 recognised as one box: each character ends midway to the next one's place,
    so the rule between '0' and '外' parts them (shared out evenly, '外' would straddle it)."""
    box = ocr.Box(1, (100.0, 10.0, 132.0, 22.0), "0外埠", 0.99, ((100.0, 106.0), (112.0, 122.0), (122.0, 132.0)))
    assert [(c.text, c.x0, c.x1) for c in ocr._chars(box)] == [("0", 100.0, 109.0), ("外", 109.0, 122.0),
                                                               ("埠", 122.0, 132.0)]


def _png(width: int, height: int) -> bytes:
    """A PNG header claiming this size, with one tiny (unreadable) data chunk: a decompression bomb's shape."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b""))


def test_images_are_told_by_their_first_bytes_not_their_name(tmp_path):
    for name, fmt in (("a.txt", "PNG"), ("b.pdf", "JPEG"), ("c.png", "TIFF")):
        path = tmp_path / name
        Image.new("RGB", (8, 8), "white").save(path, fmt)
        assert kind_of(path, path.read_bytes()[:4096], name) == "image"


def test_without_the_extra_a_scan_names_it(tmp_path, monkeypatch):
    monkeypatch.setattr(ocr, "available", lambda: False)
    image = Image.new("RGB", (400, 300), "white")
    image.save(tmp_path / "a.png")
    image.save(tmp_path / "scan.pdf", "PDF")
    for name in ("a.png", "scan.pdf"):
        result = parse_file(tmp_path / name)
        assert result.error is not None and 'pip install "jixiao[ocr]"' in result.error.message
        assert ("扫描件" if name.endswith(".pdf") else "图片") in result.error.message


@needs_ocr
def test_an_image_over_the_pixel_limit_is_refused_before_it_is_decoded(tmp_path, monkeypatch):
    bomb = tmp_path / "bomb.png"
    bomb.write_bytes(_png(100_000, 100_000))  # 10 gigapixels in 100 bytes
    result = parse_file(bomb)
    assert result.error is not None and "解压炸弹" in result.error.message
    monkeypatch.setenv("JIXIAO_MAX_PIXELS", "1000")
    Image.new("RGB", (100, 100), "white").save(tmp_path / "small.png")
    result = parse_file(tmp_path / "small.png")
    assert result.error is not None and "上限 1,000 像素" in result.error.message


@needs_ocr
def test_a_damaged_image_is_a_message(tmp_path):
    path = tmp_path / "cut.png"
    Image.new("RGB", (300, 200), "white").save(path)
    path.write_bytes(path.read_bytes()[:60])
    result = parse_file(path)
    assert result.error is not None and "图像" in result.error.message


def test_a_number_read_with_low_confidence_is_a_warning_at_its_row():
    doc = Document("scan.pdf", [Token("10", Gap.ROW, 7, 6, col=3, page=1, bbox=(100.0, 200.0, 140.0, 220.0)),
                                Token("完成", Gap.CELL, 7, 6, col=4, page=1, bbox=(140.0, 200.0, 200.0, 220.0))])
    ocr.low_confidence(doc, [ocr.Box(1, (110.0, 204.0, 130.0, 216.0), "10", 0.41),
                             ocr.Box(1, (150.0, 204.0, 190.0, 216.0), "完成", 0.52)])
    assert [(n.line, "“10”" in n.message) for n in doc.warnings] == [(7, True)]  # text is not a number: no warning
    assert doc.confidence == {7: 0.41}


def test_a_dash_placeholder_and_a_decimal_comma_are_read_as_printed(monkeypatch):
    quad = [[0, 0], [40, 0], [40, 10], [0, 10]]
    found = [(quad, "一", 0.9), (quad, "1,984,00", 0.95), (quad, "99,44%", 0.97), (quad, "2,270,000", 0.99)]
    monkeypatch.setattr(ocr, "_engine", lambda: lambda image, **options: (found, None))
    boxes = ocr.recognise(None, 0.5, 1)
    assert [b.text for b in boxes] == ["—", "1,984.00", "99.44%", "2,270,000"]
    assert boxes[0].box == (0.0, 0.0, 20.0, 5.0)
    assert [b.confidence < ocr.LOW for b in boxes] == [False, True, True, False]  # a repair is a warning


def test_the_default_install_reads_text_pdfs_without_the_extras_modules(forms, tmp_path, monkeypatch):
    """`pip install -e .` has no OpenCV or RapidOCR: a text PDF reads without importing them (before, every PDF
    was an internal error: the image operations were imported before the reader knew it had a scan), and a PDF
    without a text layer is a message naming the extra."""
    for module in ("cv2", "rapidocr_onnxruntime"):
        monkeypatch.setitem(sys.modules, module, None)  # (an import of it raises ImportError)
    monkeypatch.delitem(sys.modules, "jixiao.read.scan", raising=False)
    text_pdf = render_forms([Form.model_validate(forms[0])], RenderFormat.pdf, tmp_path / "text.pdf")
    result = parse_file(text_pdf)
    assert result.error is None and len(result.forms) == 1
    outlined = parse_file(outlined_pdf(text_pdf, tmp_path / "outlined.pdf"))
    assert outlined.error is not None and ocr.EXTRA in outlined.error.message


@needs_ocr
def test_text_turned_into_outlines_is_read_by_ocr(forms, tmp_path):
    """A PDF whose text was turned into outlines (转曲: every glyph a path, no text layer) is drawn and read like a
    scan (before: 'PDF 中没有文字')."""
    text_pdf = render_forms([Form.model_validate(forms[0])], RenderFormat.pdf, tmp_path / "text.pdf")
    accuracy, wrong = _accuracy(outlined_pdf(text_pdf, tmp_path / "outlined.pdf"), answer(forms[:1]))
    assert accuracy >= 98.0, wrong  # measured 100%


def _text_then_scan(form: dict, tmp_path: Path) -> Path:
    """A PDF of a form's text pages followed by a page that is only an image (a blank scan)."""
    text_pdf = render_forms([Form.model_validate(form)], RenderFormat.pdf, tmp_path / "text.pdf")
    Image.new("RGB", (600, 800), "white").save(tmp_path / "scan.pdf", "PDF")
    mixed = pdfium.PdfDocument(text_pdf)
    mixed.import_pages(pdfium.PdfDocument(tmp_path / "scan.pdf"))
    mixed.save(tmp_path / "mixed.pdf")
    return tmp_path / "mixed.pdf"


def test_without_the_extra_scanned_pages_among_text_pages_are_left_out_saying_so(forms, tmp_path, monkeypatch):
    monkeypatch.setattr(ocr, "available", lambda: False)
    result = parse_file(_text_then_scan(forms[0], tmp_path))
    assert result.error is None and len(result.forms) == 1
    assert any("第 2 页没有文字层" in w.message and "jixiao[ocr]" in w.message for w in result.forms[0].warnings)


@needs_ocr
def test_a_page_the_recogniser_fails_on_costs_that_page_only(forms, tmp_path, monkeypatch):
    """The recogniser failing on a page (ONNX Runtime out of memory, a model it cannot run) leaves that page
    unread with a warning naming it; the document's text pages are read (before: the whole file was an
    internal error, its forms lost)."""
    def fails(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        raise RuntimeError("[ONNXRuntimeError] : 6 : RUNTIME_EXCEPTION : Failed to allocate memory")
    monkeypatch.setattr(ocr, "scan_page", fails)
    result = parse_file(_text_then_scan(forms[0], tmp_path))
    assert result.error is None and len(result.forms) == 1
    assert any("第 2 页的文字识别（OCR）失败" in w.message for w in result.forms[0].warnings)


@needs_ocr
def test_the_recogniser_is_loaded_once():
    """Its models take seconds to load: every page and picture is read by the one engine."""
    assert ocr._engine() is ocr._engine()


@needs_ocr
def test_the_recognisers_own_failure_costs_that_page_only(forms, tmp_path, monkeypatch):
    """RapidOCR wraps ONNX Runtime's failures in its own ONNXRuntimeError, an Exception but no RuntimeError (found
    by `bench/fuzz.py --seed 50` under its memory limit): the page is left unread with a warning naming the error,
    the text pages are read (before: an internal error, the file's forms lost)."""
    from rapidocr_onnxruntime.utils.infer_engine import ONNXRuntimeError

    def engine(image, **options):  # noqa: ANN001, ANN003, ANN202
        raise ONNXRuntimeError("Failed to allocate memory")
    monkeypatch.setattr(ocr, "_engine", lambda: engine)
    result = parse_file(_text_then_scan(forms[0], tmp_path))
    assert result.error is None and len(result.forms) == 1
    assert any("第 2 页的文字识别（OCR）失败（ONNXRuntimeError）" in w.message for w in result.forms[0].warnings)


@needs_ocr
def test_an_image_the_recogniser_fails_on_is_a_message_not_an_internal_error(tmp_path, monkeypatch):
    from rapidocr_onnxruntime.utils.infer_engine import ONNXRuntimeError

    def engine(image, **options):  # noqa: ANN001, ANN003, ANN202
        raise ONNXRuntimeError("Failed to allocate memory")
    monkeypatch.setattr(ocr, "_engine", lambda: engine)
    Image.new("RGB", (600, 800), "white").save(tmp_path / "scan.png")
    result = parse_file(tmp_path / "scan.png")
    assert result.error is not None and "第 1 页的文字识别（OCR）失败（ONNXRuntimeError）" in result.error.message
    assert "内部错误" not in result.error.message


@needs_ocr
def test_a_picture_the_recogniser_fails_on_is_named(tmp_path, monkeypatch):
    """The recogniser failing on a Word document's picture names the picture as unread (before: an internal
    error for the whole file)."""
    def fails(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        raise RuntimeError("[ONNXRuntimeError] : 6 : RUNTIME_EXCEPTION : Failed to allocate memory")
    document = word_with_pictures(pages(golden(3, 1), 100, tmp_path)[:1], tmp_path / "pictured.docx")
    monkeypatch.setattr(ocr, "scan_page", fails)
    result = parse_file(document)
    assert result.error is not None and "第 1 张图片文字识别（OCR）失败" in result.error.message
    assert "内部错误" not in result.error.message


def test_an_image_is_read_as_shown_turned_by_its_exif_and_transparent_on_white():
    clear = Image.new("RGBA", (4, 2), (0, 0, 0, 0))
    assert ocr._upright(clear).getpixel((0, 0)) == (255, 255, 255)
    photo = Image.new("RGB", (4, 2), "white")
    exif = photo.getexif()
    exif[0x0112] = 6  # orientation: turned 90° clockwise when shown
    buffer = io.BytesIO()
    photo.save(buffer, "JPEG", exif=exif.tobytes())
    assert ocr._upright(Image.open(buffer)).size == (2, 4)
