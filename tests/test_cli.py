"""The command line as a user runs it."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib import resources
from pathlib import Path

from tests.conftest import EXAMPLES, SEEDS


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "jixiao", *args], capture_output=True, text=True)


def test_parse_json_to_stdout():
    result = run("parse", str(SEEDS[0]), "--format", "json")
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert len(doc["forms"]) == 23 and doc["errors"] == []
    src = doc["forms"][1]["source"]
    assert (src["form_index"], src["first_line"], src["last_line"]) == (1, 31, 51)
    assert src["file"] == str(SEEDS[0])


def test_parse_directory_to_file(tmp_path):
    out = tmp_path / "forms.json"
    result = run("parse", str(EXAMPLES), "--format", "json", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert len(json.loads(out.read_text(encoding="utf-8"))["forms"]) == 58


def test_parse_table_summary():
    result = run("parse", str(SEEDS[4]))
    assert result.returncode == 0
    assert "数据发展管理专项工作经费" in result.stdout
    assert "评分等级 优秀" in result.stdout
    assert "共读取 1 个文件、12 张自评表" in result.stdout


def test_schema_command_prints_packaged_schema():
    result = run("schema")
    assert result.returncode == 0
    packaged = resources.files("jixiao").joinpath("schema/form.schema.json").read_text(encoding="utf-8")
    assert json.loads(result.stdout) == json.loads(packaged)


def test_console_script_installed():
    script = Path(sys.executable).with_name("jixiao")
    result = subprocess.run([str(script), "--help"], capture_output=True, text=True)
    assert result.returncode == 0 and "parse" in result.stdout
