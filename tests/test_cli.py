"""The command line as a user runs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, SEEDS


def run(*args: str) -> subprocess.CompletedProcess:
    # a fixed terminal width: a CliRunner run earlier in the process may leave COLUMNS changed in os.environ
    env = {**os.environ, "COLUMNS": "80"}
    return subprocess.run([sys.executable, "-m", "jixiao", *args], capture_output=True, text=True, env=env)


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


COMMANDS = ("parse", "check", "rules", "profiles", "schema", "ingest", "report", "export", "db")
ENGLISH = ("Usage", "Options", "Arguments", "Commands", "Show this message", "Error", "Try ", "[default",
           "required", "Missing", "Invalid", "No such")


def test_version():
    import jixiao

    for flag in ("--version", "-V"):
        result = run(flag)
        assert result.returncode == 0 and result.stdout == f"jixiao {jixiao.__version__}\n"


def test_help_is_chinese_with_examples_for_every_command():
    top = run("--help")
    assert top.returncode == 0 and top.stdout.startswith("用法：jixiao [选项] 命令 [参数]...")
    for heading in ("选项", "命令", "示例"):
        assert f"\n{heading}\n" in top.stdout
    assert all(f"  {name} " in top.stdout for name in COMMANDS)
    for name in COMMANDS:
        page = run(name, "-h")
        assert page.returncode == 0, name
        assert page.stdout.startswith(f"用法：jixiao {name} [选项]"), name
        assert "\n示例\n  jixiao " + name in page.stdout, name
        assert "显示本帮助并退出" in page.stdout, name
        assert not any(word in page.stdout for word in ENGLISH), (name, page.stdout)
    check = run("check", "--help").stdout
    assert "--select 代码" in check and "-l, --level error|warning|info" in check and "［默认：table］" in check
    assert "[[waiver]]" in check  # brackets in help texts are text, not markup
    assert run().stdout.startswith("用法：jixiao")  # no command: the help page


@pytest.mark.parametrize(("args", "message"), [
    (("check", "--bogus", "x"), "错误：没有 --bogus 这个选项"),
    (("check", "x", "--lvel", "info"), "错误：没有 --lvel 这个选项；是不是要用 --level"),
    (("check",), "错误：缺少参数 路径：文档、交换记录（.json）或目录"),
    (("check", "x", "--level", "loud"), '错误：选项 -l, --level 的值 "loud" 不是可选的值；可选：error、warning、info'),
    (("check", "x", "--format", "xml"), "可选：table、grouped、json"),
    (("report", "--year", "二〇二三"), '错误：选项 --year 的值不对：应为整数，而不是 "二〇二三"'),
    (("ingest", "x", "--jobs", "0"), '错误：选项 -j, --jobs 的值不对：应不小于 1，而不是 "0"'),
    (("chek", "x"), "错误：没有 chek 这个命令；是不是要用 check"),
    (("rules", "EX01", "EX02"), "错误：多余的参数：EX02"),
    (("check", "x", "-o"), "错误：选项 -o 后面缺少它的值"),
    (("check", "x", "--explain=yes"), "错误：选项 --explain 是开关，后面不带值"),
    (("export", "-o", "x"), "错误：缺少选项 -f, --format"),
])
def test_command_line_mistakes_are_explained_in_chinese(args, message):
    result = run(*args)
    assert result.returncode == 2
    assert message in result.stderr, result.stderr
    assert "运行 jixiao" in result.stderr and "--help 查看说明和示例" in result.stderr
    assert not any(word in result.stderr for word in ENGLISH), result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""
