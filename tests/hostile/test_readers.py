"""Bad-input catalogue, readers: documents built to hurt a reader — zip bombs, entity expansion ('billion
laughs'), a PDF claiming 100,000 pages or inflating to gigabytes, encrypted files, broken and truncated
containers, binary noise, damaged bytes. All of them, beside a good document, go through one `jixiao parse` run
under a 1.5 GiB address-space limit: each gets its own Chinese message, the good one is read, nothing is killed.

Reader-level unit cases stay with their readers (tests/test_docx.py, tests/test_xlsx.py, tests/test_pdf.py:
broken XML parts, damaged compressed data, DTDs, encrypted PDFs from LibreOffice); this file holds what an
attacker or an unlucky publisher would send.
"""

from __future__ import annotations

import json
import random
import shutil
import zipfile
import zlib
from pathlib import Path

import openpyxl
import pytest

from jixiao.parse import parse_file
from jixiao.read.sniff import OLE
from tests.conftest import GOLDEN, SEEDS
from tests.docx_render import render_docx
from tests.hostile.limited import SAMPLE_FORMS, GiB, clean, good_file, parsed, run, shared_dir

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
LAUGHS = '<!ENTITY a0 "哈哈哈哈哈哈哈哈">' + "".join(f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10))


def minimal_pdf(objects: list[bytes], trailer: bytes = b"") -> bytes:
    """A PDF of the given objects (1 is the catalogue), with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, trailer, xref)
    return bytes(out)


def pdf_stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n%s\nendstream" % (len(data), extra, data)


CATALOGUE = b"<< /Type /Catalog /Pages 2 0 R >>"
PAGE = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 5 0 R >>")
FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
TEXT = b"BT /F1 12 Tf 72 720 Td (Hello) Tj ET"


def pdf_pages(count: int) -> bytes:
    """A PDF whose page tree lists one page `count` times (600 KB for 100,000 pages)."""
    kids = b" ".join([b"3 0 R"] * count)
    return minimal_pdf([CATALOGUE, b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, count), PAGE, FONT,
                        pdf_stream(TEXT)])


def pdf_bomb(megabytes: int) -> bytes:
    """A one-page PDF whose content stream inflates to `megabytes` MB of spaces (~1 KB per MB packed)."""
    packer = zlib.compressobj(9)
    block = b" " * (1 << 20)
    packed = b"".join(packer.compress(block) for _ in range(megabytes)) + packer.compress(TEXT) + packer.flush()
    return minimal_pdf([CATALOGUE, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", PAGE, FONT,
                        pdf_stream(packed, b"/Filter /FlateDecode ")])


def pdf_encrypted() -> bytes:
    """A PDF under the standard security handler with a user password (not the empty one)."""
    security = b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P -4 >>" % (b"11" * 32, b"22" * 32)
    file_id = b"<00112233445566778899aabbccddeeff>"
    return minimal_pdf([CATALOGUE, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", PAGE, FONT, pdf_stream(TEXT),
                        security], b"/Encrypt 6 0 R /ID [%s %s] " % (file_id, file_id))


def zip_of(path: Path, members: dict[str, bytes | str]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def small_xlsx(path: Path) -> Path:
    book = openpyxl.Workbook()
    book.active["A1"], book.active["B1"] = "项目名称", "某项目"
    book.save(path)
    return path


def with_member(path: Path, member: str, change) -> Path:
    with zipfile.ZipFile(path) as archive:
        members = {info.filename: archive.read(info) for info in archive.infolist()}
    members[member] = change(members[member])
    return zip_of(path, members)


def bad_member_name(path: Path) -> Path:
    """A zip whose member name is flagged UTF-8 but is not (found by bench/fuzz.py: zipfile raised
    UnicodeDecodeError instead of BadZipFile)."""
    zip_of(path, {"xl/workbook.xml": "<workbook/>", "xl/ü.xml": "<x/>"})
    path.write_bytes(path.read_bytes().replace("ü".encode(), b"\xbd\xbd"))
    return path


def real_docx(path: Path) -> Path:
    forms = json.loads((GOLDEN / "001_b9ea70bf1d9aee39.json").read_text(encoding="utf-8"))["forms"]
    render_docx(forms, path)
    return path


def word_document(body: str) -> str:
    return f'<w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>'


# file name → (how to make it in a folder, what its message says)
CASES = {
    "garbage.txt": (lambda f: f.write_bytes(bytes(range(256)) * 64), "不是文本文件"),
    "bomb.docx": (lambda f: zip_of(f, {"word/document.xml": b"\0" * (64 << 20)}), "疑为“压缩炸弹”"),
    "bomb.xlsx": (lambda f: zip_of(f, {"xl/workbook.xml": "<workbook/>",
                                       "xl/worksheets/sheet1.xml": b" " * (64 << 20)}), "疑为“压缩炸弹”"),
    "laughs.docx": (lambda f: zip_of(f, {"word/document.xml": f'<?xml version="1.0"?><!DOCTYPE w:document '
                                         f'[{LAUGHS}]>' + word_document("<w:p><w:r><w:t>&a9;</w:t></w:r></w:p>")}),
                    "DTD"),
    "laughs.xlsx": (lambda f: with_member(small_xlsx(f), "xl/worksheets/sheet1.xml", lambda xml: (
        f"<!DOCTYPE t [{LAUGHS}]>".encode() + xml.replace(b"<v>0</v>", b"<v>&a9;</v>"))), "被禁止的 XML 实体"),
    "broken.docx": (lambda f: zip_of(f, {"word/document.xml": f"<w:document xmlns:w='{W}'><w:body><w:p>"}),
                    "已损坏"),
    "truncated.docx": (lambda f: f.write_bytes(real_docx(f).read_bytes()[:6000]), "损坏"),
    "truncated.xlsx": (lambda f: f.write_bytes(small_xlsx(f).read_bytes()[:600]), "损坏"),
    "pages.pdf": (lambda f: f.write_bytes(pdf_pages(100_000)), "PDF 页数过多（100000 页，上限 2000 页）"),
    "bomb.pdf": (lambda f: f.write_bytes(pdf_bomb(1024)), "疑为“压缩炸弹”"),
    "encrypted.pdf": (lambda f: f.write_bytes(pdf_encrypted()), "PDF 已加密（需要密码）"),
    "encrypted.xlsx": (lambda f: f.write_bytes(OLE + bytes(504) + "EncryptedPackage".encode("utf-16-le") + bytes(1024)),
                       "Office 文档已加密"),
    "fake.pdf": (lambda f: f.write_bytes(b"%PDF-1.7\nnot really"), "PDF"),
    "fake.xlsx": (lambda f: f.write_bytes(b"PK\x03\x04broken"), "损坏的 ZIP 容器"),
    "badname.xlsx": (lambda f: bad_member_name(f), "损坏的 ZIP 容器"),
}


@pytest.fixture(scope="module")
def hostile_folder():
    folder = shared_dir()
    good_file(folder)
    for name, (make, _) in CASES.items():
        make(folder / name)
    yield folder
    shutil.rmtree(folder)


def test_every_hostile_document_gets_its_message_and_the_good_one_is_read(hostile_folder):
    result = run("parse", str(hostile_folder), "-f", "json", memory=3 * GiB // 2, cpu=120)
    clean(result)
    assert result.returncode == 2
    doc = parsed(result)
    assert len(doc["forms"]) == SAMPLE_FORMS
    errors = {Path(e["file"]).name: e["message"] for e in doc["errors"]}
    assert set(errors) == set(CASES)
    for name, (_, expected) in CASES.items():
        assert expected in errors[name], (name, errors[name])
        assert f"{hostile_folder / name}：" in result.stderr


def test_check_goes_through_the_same_folder(hostile_folder):
    result = run("check", str(hostile_folder), "-f", "json", memory=3 * GiB // 2, cpu=120)
    clean(result)
    assert result.returncode == 2
    doc = json.loads(result.stdout)
    assert doc["summary"]["forms"] == SAMPLE_FORMS and doc["summary"]["unreadable"] == len(CASES)


@pytest.mark.parametrize("seed", range(len(SEEDS)))
def test_single_bit_flips_never_reject_a_document(tmp_path, seed):
    """150 flips over the samples (30 each): none is refused as "无法识别文本编码"; every one still gives its
    forms, and a byte that could not be decoded is a warning at its line."""
    data = SEEDS[seed].read_bytes()
    rng = random.Random(seed)
    path = tmp_path / "flipped.txt"
    warned = 0
    for _ in range(30):
        flipped = bytearray(data)
        flipped[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
        path.write_bytes(bytes(flipped))
        result = parse_file(path)
        assert result.error is None and result.forms, result.error
        notes = [w for form in result.forms for w in form.warnings if w.code == "P050"]
        for note in notes:
            assert note.line and note.message.startswith(f"第 {note.line} 行有")
        warned += bool(notes)
    assert warned  # some flips hit a multi-byte character


def test_damaged_bytes_are_replaced_and_warned_at_their_line(tmp_path):
    lines = SEEDS[3].read_bytes().split(b"\n")
    lines[9] = lines[9].replace("项目".encode(), b"\xff\xfe", 1) if "项目".encode() in lines[9] else lines[9] + b"\xff"
    lines[14] += b"\x00"
    path = tmp_path / "damaged.txt"
    path.write_bytes(b"\n".join(lines))
    result = parse_file(path)
    assert result.error is None and len(result.forms) == SAMPLE_FORMS
    notes = {(w.line, w.message) for form in result.forms for w in form.warnings if w.code == "P050"}
    assert (10, "第 10 行有无法按 UTF-8 解码的字节，已替换为 �；该处文字可能不完整") in notes
    assert (15, "第 15 行有空字符（NUL，文件可能受损），已替换为 �；该处文字可能不完整") in notes


def test_gbk_document_is_still_gbk(tmp_path):
    path = tmp_path / "gbk.txt"
    path.write_bytes(SEEDS[3].read_text(encoding="utf-8").encode("gbk"))
    result = parse_file(path)
    assert result.error is None and len(result.forms) == SAMPLE_FORMS
    assert not [w for form in result.forms for w in form.warnings if w.code == "P050"]


def test_an_exact_reader_gets_an_error_at_the_line_not_a_repair():
    """Interchange records (`decode`) must be read exactly: a damaged byte is an error naming its line."""
    from jixiao.errors import InputError
    from jixiao.read.decode import decode

    data = '{"forms": [\n{"project_name": "中文'.encode() + b"\xe4\xb8" + b'"}]}' + "中文".encode() * 100
    with pytest.raises(InputError) as caught:
        decode(data, "a.json")
    assert caught.value.line == 2 and "第 2 行有无法解码的字节" in caught.value.message


def test_a_damaged_fund_header_of_many_columns_is_read_in_bounded_work():
    """Found by bench/fuzz.py (text #6158, seed 1): a sample whose fund header the damage made 30 columns wide
    made the fit of each row's values try every placement (minutes of CPU); now a row is placed as printed
    when the placements would be too many."""
    source = Path(__file__).parent.parent / "data" / "fuzz" / "fund_header_many_columns.txt"
    result = run("parse", str(source), "-f", "json", cpu=20)
    assert result.returncode == 0, result.stderr[-500:]
    assert len(json.loads(result.stdout)["forms"]) == 6


def test_a_damaged_indicator_table_of_many_columns_is_read_in_bounded_work():
    """Found by bench/fuzz.py (text #445, seed 46): damage that gave the indicator header many columns made
    the fit of a short row's cells to its slots try every order-preserving choice (over a minute of CPU); the
    fit is now a dynamic program over (slot, cell), the same choice in bounded work."""
    source = Path(__file__).parent.parent / "data" / "fuzz" / "indicator_row_many_placements.txt"
    result = run("parse", str(source), "-f", "json", cpu=20)
    assert result.returncode == 0, result.stderr[-500:]
    assert len(json.loads(result.stdout)["forms"]) == 12
