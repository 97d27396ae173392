"""Which reader a file goes to (by its content, not its name) and the limits every untrusted file is held to:
each bad file gets a clear Chinese message and the other files of the batch are still read."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest

from jixiao.parse import parse_file
from jixiao.read import limits
from jixiao.read.sniff import OLE
from tests.conftest import EXAMPLES

SAMPLE = EXAMPLES / "003_a203d4b834672a09.txt"


def test_text_sample_still_reads():
    result = parse_file(SAMPLE)
    assert result.error is None and len(result.forms) == 6


def test_zip_bomb_is_refused(tmp_path):
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"\0" * (64 << 20))  # 64 MB of zeros: ~1000× compression
    result = parse_file(bomb)
    assert result.error is not None and "压缩" in result.error.message
    assert bomb.stat().st_size < 1 << 20


def test_zip_that_is_no_office_document(tmp_path):
    archive_path = tmp_path / "forms.zip"
    with zipfile.ZipFile(archive_path, "w") as archive:
        archive.writestr("a.txt", "项目名称")
    result = parse_file(archive_path)
    assert result.error is not None and "解压" in result.error.message


def test_encrypted_office_file_says_so(tmp_path):
    """An encrypted .docx/.xlsx is an OLE file holding an EncryptedPackage stream."""
    path = tmp_path / "form.xlsx"
    path.write_bytes(OLE + bytes(504) + "EncryptedPackage".encode("utf-16-le") + bytes(1024))
    result = parse_file(path)
    assert result.error is not None and "加密" in result.error.message


def test_file_over_the_size_limit(tmp_path, monkeypatch):
    monkeypatch.setattr("jixiao.read.MAX_TEXT_BYTES", 1000)
    path = tmp_path / "big.txt"
    path.write_text("项目名称\n" * 500, encoding="utf-8")
    result = parse_file(path)
    assert result.error is not None and "过大" in result.error.message and "上限" in result.error.message


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_named_pipe_does_not_hang(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    result = parse_file(fifo)
    assert result.error is not None and "不是普通文件" in result.error.message


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


def test_deadline_message():
    deadline = limits.Deadline("slow.pdf", seconds=-1)
    with pytest.raises(Exception, match="读取超时"):
        deadline.check("第 3 页")


def test_bad_files_leave_the_batch_running(tmp_path):
    """One command over good and bad files: the good ones are read, each bad one gets its message."""
    from typer.testing import CliRunner

    from jixiao.cli import app

    (tmp_path / "good.txt").write_bytes(SAMPLE.read_bytes())
    (tmp_path / "bad.pdf").write_bytes(b"%PDF-1.7\nnot really")
    (tmp_path / "bad.xlsx").write_bytes(b"PK\x03\x04broken")
    result = CliRunner().invoke(app, ["parse", str(tmp_path), "--format", "json"])
    assert result.exit_code == 2
    assert '"project_name"' in result.stdout
    assert "bad.pdf" in result.stderr and "bad.xlsx" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr


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


def test_cli_names_paths_in_messages(tmp_path):
    missing = Path(tmp_path / "nope.pdf")
    result = parse_file(missing)
    assert result.error is not None and result.error.file.endswith("nope.pdf")


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads every directory")
def test_unreadable_directory_is_reported(tmp_path):
    from jixiao.parse import iter_files

    (tmp_path / "good.txt").write_bytes(SAMPLE.read_bytes())
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0)
    try:
        files = list(iter_files([tmp_path]))
        assert locked in files
        result = parse_file(locked)
        assert result.error is not None and "无法读取目录" in result.error.message
    finally:
        locked.chmod(0o755)


def test_directory_given_where_a_file_is_read(tmp_path):
    result = parse_file(tmp_path)
    assert result.error is not None and "目录" in result.error.message
