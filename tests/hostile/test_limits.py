"""Bad-input catalogue, limits: big files are refused by their size in bounded memory (measured by running the CLI
under an address-space limit), and every limit is a setting (`JIXIAO_MAX_*`) whose hit is a read error or a
warning, never a crash."""

from __future__ import annotations

import json
import shutil
import zipfile

import pytest

from jixiao.errors import InputError
from jixiao.parse import parse_file
from jixiao.read import limits
from tests.hostile.limited import SAMPLE, SAMPLE_FORMS, GiB, clean, good_file, run, shared_dir

MiB = 1 << 20


def test_big_files_are_refused_in_bounded_memory():
    """1 GB (a text page, then NUL bytes: sparse, so the test costs no disk) and 100 MB of real text, beside a
    good document, under a 1 GiB address-space limit: both refused by size, the good one read."""
    folder = shared_dir()
    huge = folder / "huge.txt"
    with huge.open("wb") as handle:
        handle.write(SAMPLE.read_bytes())
        handle.truncate(1 << 30)
    text = folder / "text.txt"
    with text.open("wb") as handle:
        block = SAMPLE.read_bytes() * 100
        while handle.tell() < 100 * MiB:
            handle.write(block)
    good_file(folder)
    result = run("parse", str(folder), "-f", "json", memory=GiB, cpu=60)
    clean(result)
    assert result.returncode == 2
    errors = {e["file"]: e["message"] for e in json.loads(result.stdout)["errors"]}
    assert errors[str(huge)] == "文件过大（1024.0 MB），超过文本文件的上限 10.0 MB；未读取"
    assert errors[str(text)].startswith("文件过大（100.") and "上限 10.0 MB" in errors[str(text)]
    assert len(json.loads(result.stdout)["forms"]) == SAMPLE_FORMS
    shutil.rmtree(folder)


def test_defaults_and_settings(monkeypatch):
    assert limits.current() == limits.Limits()
    monkeypatch.setenv("JIXIAO_MAX_TEXT_BYTES", "20M")
    monkeypatch.setenv("JIXIAO_MAX_PAGES", "5000")
    monkeypatch.setenv("JIXIAO_MAX_FILE_BYTES", "1g")
    chosen = limits.current()
    assert (chosen.text_bytes, chosen.pages, chosen.file_bytes) == (20 * MiB, 5000, GiB)
    assert set(limits.SETTINGS.values()) == {f"JIXIAO_MAX_{name.upper()}" for name in vars(limits.Limits())}


@pytest.mark.parametrize("value", ["lots", "-1", "0", "1.5", "12X"])
def test_a_wrong_setting_is_a_message_naming_the_variable(monkeypatch, tmp_path, value):
    monkeypatch.setenv("JIXIAO_MAX_CELLS", value)
    with pytest.raises(InputError) as caught:
        limits.current()
    assert caught.value.file == "环境变量 JIXIAO_MAX_CELLS" and "应为正整数" in caught.value.message
    result = parse_file(good_file(tmp_path))
    assert result.error is not None and "JIXIAO_MAX_CELLS" in result.error.where() + result.error.message


def test_wrong_setting_through_the_cli():
    folder = shared_dir()
    result = run("parse", str(good_file(folder)), env={"JIXIAO_MAX_PAGES": "many"})
    shutil.rmtree(folder)
    clean(result)
    assert result.returncode == 2 and "环境变量 JIXIAO_MAX_PAGES：应为正整数，而不是 'many'" in result.stderr


def test_text_size_limit(monkeypatch, tmp_path):
    monkeypatch.setenv("JIXIAO_MAX_TEXT_BYTES", "1000")
    result = parse_file(good_file(tmp_path))
    assert result.error is not None
    size = SAMPLE.stat().st_size / MiB
    assert result.error.message == f"文件过大（{size:.1f} MB），超过文本文件的上限 0.0 MB；未读取"


def test_read_is_bounded_even_when_the_size_lies(tmp_path):
    path = good_file(tmp_path)
    with pytest.raises(InputError, match="文件过大"):
        limits.read_bounded(path, 100, "x.txt")  # as if the file grew after its size was looked at


def test_page_limit(monkeypatch, tmp_path):
    from tests.hostile.test_readers import pdf_pages

    (path := tmp_path / "three.pdf").write_bytes(pdf_pages(3))
    monkeypatch.setenv("JIXIAO_MAX_PAGES", "2")
    result = parse_file(path)
    assert result.error is not None and result.error.message == "PDF 页数过多（3 页，上限 2 页）；未读取"


def test_cell_count_limit(monkeypatch, tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    for row in range(1, 21):
        book.active.append([f"项目名称{row}", "某项目", "说明"])
    book.save(path := tmp_path / "cells.xlsx")
    monkeypatch.setenv("JIXIAO_MAX_CELLS", "30")
    result = parse_file(path)
    assert result.error is not None and result.error.message == "表格单元格过多（超过 30 个）；未读取"


def test_zip_member_limit(monkeypatch, tmp_path):
    with zipfile.ZipFile(path := tmp_path / "many.docx", "w") as archive:
        for k in range(6):
            archive.writestr(f"word/part{k}.xml", "<x/>")
    monkeypatch.setenv("JIXIAO_MAX_ZIP_MEMBERS", "5")
    result = parse_file(path)
    assert result.error is not None and "压缩容器内文件过多（6 个，上限 5）" in result.error.message


def test_long_cell_is_cut_with_a_warning(monkeypatch, tmp_path):
    lines = SAMPLE.read_text(encoding="utf-8").split("\n")
    lines.insert(3, "备注\t" + "很长" * 3000)
    (path := tmp_path / "long.txt").write_text("\n".join(lines), encoding="utf-8")
    monkeypatch.setenv("JIXIAO_MAX_CELL_CHARS", "5000")
    result = parse_file(path)
    assert result.error is None and len(result.forms) == SAMPLE_FORMS
    notes = [w for w in result.forms[0].warnings if w.code == "P050"]
    assert [(w.line, w.message) for w in notes] == [
        (4, "第 4 行的单元格有 6000 个字，超过上限 5000，只读取了前面部分")]


def test_deadline_message(monkeypatch):
    monkeypatch.setenv("JIXIAO_MAX_SECONDS", "30")
    deadline = limits.Deadline("slow.pdf")
    deadline.end = 0
    with pytest.raises(InputError, match="读取超时：超过每个文件 30 秒的上限（停在第 3 页）"):
        deadline.check("第 3 页")


def test_number_magnitude_is_bounded():
    from jixiao.assemble.text import number

    assert number("9" * limits.MAX_NUMBER_DIGITS) == float("9" * limits.MAX_NUMBER_DIGITS)
    assert number("9" * (limits.MAX_NUMBER_DIGITS + 1)) is None
    assert number("1" * 400) is None
