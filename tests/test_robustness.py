"""Bad input never shows a traceback: a clear message per file, a non-zero exit, the rest still read."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import jixiao
from tests.conftest import SEEDS

SAMPLE = SEEDS[3]  # 003: six forms, tab-separated, Markdown headings


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "jixiao", *args], capture_output=True, text=True, cwd=cwd)


def reference() -> list[dict]:
    return [f.record() | {"source": None, "warnings": []} for f in jixiao.parse(SAMPLE)]


def same_values(path: Path) -> bool:
    return [f.record() | {"source": None, "warnings": []} for f in jixiao.parse(path)] == reference()


@pytest.mark.parametrize("encoding", ["gb18030", "gbk", "utf-8-sig", "utf-16", "utf-8"])
def test_encodings(tmp_path, encoding):
    path = tmp_path / f"{encoding}.txt"
    path.write_bytes(SAMPLE.read_text(encoding="utf-8").encode(encoding))
    assert same_values(path)


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_a_file_cut_inside_its_last_character(tmp_path, encoding):
    """A page stored to a byte count (about 2 KB) ends with the first bytes of a character: the character is left
    out, with a notice, not read as '�' run onto the last value (a label's beginning then no longer reads as
    one: '满意度指�')."""
    text = SAMPLE.read_text(encoding="utf-8")
    cut = text[:text.index("年终预算执行率") + 5]  # '…年终预算执' then the first byte of 行
    path = tmp_path / f"cut_{encoding}.txt"
    path.write_bytes(cut.encode(encoding) + "行".encode(encoding)[:1])
    [form] = jixiao.parse(path)
    assert form.indicators[-1].name == "年终预算执"
    assert "\ufffd" not in form.indicators[-1].name
    assert any("字符的中间结束" in w.message for w in form.warnings)
    [again] = jixiao.parse_text(cut + "\ufffd", "cut.txt")
    assert again.indicators[-1].name == "年终预算执"


def test_crlf_line_ends(tmp_path):
    path = tmp_path / "crlf.txt"
    path.write_bytes(SAMPLE.read_bytes().replace(b"\n", b"\r\n"))
    assert same_values(path)


def test_full_width_digits_and_unusual_spaces(tmp_path):
    text = SAMPLE.read_text(encoding="utf-8")
    text = "".join(chr(ord(c) + 0xFEE0) if c.isdigit() else c for c in text)  # ０-９
    text = text.replace("项目名称", "项目名称\u00a0").replace("主管部门", "主管\u3000部门")
    text = text.replace("总分", "总\u200b分")
    path = tmp_path / "fullwidth.txt"
    path.write_text(text, encoding="utf-8")
    assert same_values(path)


def test_form_cut_off_mid_table_keeps_what_was_read(tmp_path):
    lines = SAMPLE.read_text(encoding="utf-8").split("\n")
    path = tmp_path / "cut.txt"
    path.write_text("\n".join(lines[:18]), encoding="utf-8")  # stops after the second indicator row
    [form] = jixiao.parse(path)
    assert form.project_name == "市政府办公厅专项工作业务经费"
    assert form.funds.total.executed == 492.92
    assert [i.name for i in form.indicators] == ["保障公务外出次数", "年终预算执行率"]
    assert form.total_score is None
    assert "P013" in {w.code for w in form.warnings}


def test_no_form_is_exit_2_with_message(tmp_path):
    path = tmp_path / "minutes.txt"
    path.write_text("会议纪要\n没有表格。\n", encoding="utf-8")
    result = run("parse", str(path))
    assert result.returncode == 2
    assert "未找到绩效自评表" in result.stderr and str(path) in result.stderr
    assert "Traceback" not in result.stderr


def test_nothing_dropped_silently():
    """Unrecognised rows, a missing year, an unreadable total and what follows the table (填报人, read past in one
    notice, P003) each leave a warning at their line."""
    text = SAMPLE.read_text(encoding="utf-8").split("\n")[:24]
    text[4] = "（年度不详）"
    text[6] = text[6] + "\n备注：本表金额含税"
    text[-1] = "总分\t\t\t\t\t100\t九十四"
    text.append("填报人：张三")
    [form] = jixiao.parse_text("\n".join(text))
    got = {(w.code, w.line) for w in form.warnings}
    assert {("P014", 3), ("P002", 8), ("P015", 25), ("P003", 26)} <= got
    assert (form.year, form.total_weight, form.total_score) == (None, 100.0, None)


def test_title_repeated_as_page_header_does_not_split_a_form():
    lines = SAMPLE.read_text(encoding="utf-8").split("\n")[:24]
    lines.insert(19, "\n# 财政项目支出绩效自评表\n")  # a page break with the title on top, mid-table
    [form] = jixiao.parse_text("\n".join(lines))
    assert len(form.indicators) == 7 and form.total_score == 94.95
