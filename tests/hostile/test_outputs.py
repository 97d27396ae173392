"""Outputs attacked through document text: spreadsheet formulas in CSV and XLSX cells, terminal escape sequences,
Rich markup. Text is written as text everywhere, and nothing from a document can drive the terminal."""

from __future__ import annotations

import csv
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from jixiao.console import clean
from jixiao.export.csv import defused

from .common import good_record, no_traceback, run, write_json

FORMULA = "=cmd|' /C calc'!A0"
ESCAPES = "\x1b]0;pwned\x07\x1b[2J\x1b]52;c;aGk=\x07\x9b31m\x08\r"  # title, clear screen, OSC 52 clipboard, C1 CSI
IN_NAME = "[red]\x1b]0;t\x07"  # in a file name (which holds no "/")


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A corpus of one form whose 主管部门 is a formula, an indicator a negative text and its name markup."""
    record = good_record()
    record["department"] = FORMULA
    record["implementing_unit"] = "@SUM(1+1)*cmd|' /C calc'!A0"
    record["indicators"][0]["target"] = "-5%"
    record["indicators"][1]["name"] = "[/red][link=file:///etc/passwd]点我[/link]"
    root = tmp_path_factory.mktemp("outputs")
    db = root / "c.db"
    result = run("ingest", str(write_json(root / "hostile.json", {"forms": [record]})), "--db", str(db))
    assert result.returncode == 0, result.stderr
    return db


def test_csv_cells_that_look_like_formulas_are_text(hostile_db: Path, tmp_path: Path) -> None:
    assert run("export", "--db", str(hostile_db), "-f", "csv", "-o", str(tmp_path)).returncode == 0
    with (tmp_path / "forms.csv").open(encoding="utf-8-sig", newline="") as f:
        form = next(csv.DictReader(f))
    assert form["department"] == "'" + FORMULA
    assert form["implementing_unit"] == "'@SUM(1+1)*cmd|' /C calc'!A0"
    with (tmp_path / "indicators.csv").open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert rows[0]["target"] == "'-5%"
    assert rows[0]["weight"] == "10.0"  # numbers untouched


@pytest.mark.parametrize(("value", "written"), [
    ("=1+1", "'=1+1"), ("+1", "'+1"), ("-1", "'-1"), ("@A1", "'@A1"), ("\t=1", "'\t=1"), ("\r=1", "'\r=1"),
    ("1=1", "1=1"), ("项目", "项目"), (-1.5, -1.5), (None, None),
])
def test_defused(value: object, written: object) -> None:
    assert defused(value) == written


def test_workbook_has_no_formula(hostile_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "report"
    result = run("report", "--db", str(hostile_db), "-o", str(out))
    assert result.returncode == 0, result.stderr
    book = out / "jixiao-report.xlsx"
    with zipfile.ZipFile(book) as z:
        sheets = [z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/")]
    assert not any("<f>" in sheet or "<f " in sheet for sheet in sheets)
    summary = load_workbook(book, read_only=True)["概览"]
    departments = [row[0] for row in summary.iter_rows(values_only=True) if row and row[0] == FORMULA]
    assert departments == [FORMULA]  # the 按主管部门 table shows the name as text
    exported = tmp_path / "e.xlsx"
    assert run("export", "--db", str(hostile_db), "-f", "xlsx", "-o", str(exported)).returncode == 0
    with zipfile.ZipFile(exported) as z:
        assert not any("<f>" in z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/"))


def test_terminal_gets_no_control_characters_and_no_markup(tmp_path: Path) -> None:
    record = good_record()
    record["project_name"] = f"项目{ESCAPES}[bold red]假[/bold red]"
    record["indicators"][0]["name"] = f"[/red]{ESCAPES}"
    record["indicators"][0]["score"] = 0.0  # a finding that quotes the indicator
    path = write_json(tmp_path / f"a{IN_NAME}.json", {"forms": [record]})
    broken = tmp_path / f"b{IN_NAME}.json"
    broken.write_text("{", encoding="utf-8")
    for fmt in ("table", "grouped"):
        result = run("check", str(path), str(broken), "--level", "info", "--format", fmt)
        assert result.returncode == 2 and no_traceback(result)
        for stream in (result.stdout, result.stderr):
            assert not any(ch in stream for ch in "\x1b\x07\x9b\x08\r")
        assert "项目]0;pwned[2J]52;c;aGk=31m[bold red]假[/bold red]" in result.stdout  # shown, not obeyed
        assert "b[red]]0;t.json:1：不是有效的 JSON" in result.stderr


def test_ingest_summary_and_progress_are_clean(tmp_path: Path) -> None:
    broken = tmp_path / f"x{IN_NAME}.json"
    broken.write_text('{"forms": [1]}', encoding="utf-8")
    result = run("ingest", str(broken), "--db", str(tmp_path / "c.db"))
    assert result.returncode == 2 and no_traceback(result)
    assert "失败 " in result.stderr
    assert "x[red]]0;t.json：1 张表无法读取，未读入：forms.0：应为对象 {...}，而不是 1" in result.stderr
    assert "\x1b]0" not in result.stderr and "\x07" not in result.stderr


def test_clean_keeps_text_and_layout() -> None:
    assert clean("项目\t名称\n第二行") == "项目\t名称\n第二行"
    assert clean("a\x1b[31mb\x9bc\u202ed\x00e\x7f") == "a[31mbcde"
