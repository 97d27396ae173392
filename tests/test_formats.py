"""Which reader a file goes to (by its content, not its name) and the limits every untrusted file is held to:
each bad file gets a clear Chinese message and the other files of the batch are still read."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from jixiao.parse import parse_file
from jixiao.read.sniff import OLE
from tests.conftest import EXAMPLES, GOLDEN
from tests.fuzz_inputs import mhtml
from tests.layout_render import expected, render
from tests.scoring import score

SAMPLE = EXAMPLES / "003_a203d4b834672a09.txt"


def test_text_sample_still_reads():
    result = parse_file(SAMPLE)
    assert result.error is None and len(result.forms) == 6


def test_zip_that_is_no_office_document(tmp_path):
    archive_path = tmp_path / "forms.zip"
    with zipfile.ZipFile(archive_path, "w") as archive:
        archive.writestr("a.txt", "项目名称")
    result = parse_file(archive_path)
    assert result.error is not None and "解压" in result.error.message


def test_old_format_without_libreoffice(tmp_path, monkeypatch):
    monkeypatch.setattr("jixiao.read.convert.soffice", lambda: None)
    doc = tmp_path / "form.doc"
    doc.write_bytes(OLE + bytes(504) + "WordDocument".encode("utf-16-le") + bytes(1024))
    result = parse_file(doc)
    assert result.error is not None and "LibreOffice" in result.error.message and ".doc" in result.error.message


def test_rtf_goes_to_libreoffice(tmp_path, monkeypatch):
    monkeypatch.setattr("jixiao.read.convert.soffice", lambda: None)
    rtf = tmp_path / "form.txt"
    rtf.write_bytes(b"{\\rtf1\\ansi form}")
    result = parse_file(rtf)
    assert result.error is not None and "LibreOffice" in result.error.message


def test_pdf_reader_is_chosen_by_content(tmp_path):
    path = tmp_path / "report.doc"
    path.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    result = parse_file(path)
    assert result.error is not None and "PDF" in result.error.message


def test_kinds_by_content(tmp_path):
    from jixiao.read.sniff import kind_of

    def kind(name: str, data: bytes) -> str:
        path = tmp_path / name
        path.write_bytes(data)
        return kind_of(path, data[:4096], name)

    assert kind("a.xls", b"<html><table><tr><td>x</td></tr></table></html>") == "text"
    assert kind("a.txt", b"%PDF-1.7\n") == "pdf"
    docx_path = tmp_path / "real.xls"
    with zipfile.ZipFile(docx_path, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    assert kind_of(docx_path, docx_path.read_bytes()[:4096], "real.xls") == "xlsx"
    assert kind("b.xls", OLE + bytes(504) + "Workbook".encode("utf-16-le")) == "xls"
    assert kind("b.wps", OLE + bytes(504) + "WordDocument".encode("utf-16-le")) == "office"
    assert kind("c.doc", b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=x\r\n") == "mhtml"


def test_cli_names_paths_in_messages(tmp_path):
    missing = Path(tmp_path / "nope.pdf")
    result = parse_file(missing)
    assert result.error is not None and result.error.file.endswith("nope.pdf")


@pytest.mark.parametrize("charset,encoding", [("utf-8", "quoted-printable"), ("gb18030", "base64")])
def test_a_web_archive_reads_as_its_page(tmp_path, charset, encoding):
    """An MHTML web archive (`.mht`, or a `.doc` saved as a single-file web page) is read as the HTML page it
    holds: the same forms as the page itself, whatever its name says."""
    forms = json.loads((GOLDEN / "003_a203d4b834672a09.json").read_text(encoding="utf-8"))["forms"]
    path = tmp_path / "自评表.doc"
    path.write_bytes(mhtml(render(forms, "html"), charset, encoding))
    result = parse_file(path)
    assert result.error is None
    fields, matched, wrong, missing, extra = score([expected(f) for f in forms], [f.record() for f in result.forms])
    assert (matched, missing, extra) == (fields, 0, 0), wrong[:5]


def test_a_web_archive_without_a_page(tmp_path):
    path = tmp_path / "a.mht"
    path.write_bytes(b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"b\"\r\n\r\n--b\r\n"
                     b"Content-Type: image/png\r\n\r\nxx\r\n--b--\r\n")
    result = parse_file(path)
    assert result.error is not None and "MHTML" in result.error.message
