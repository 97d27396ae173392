"""The corpus commands as a user runs them: ingest → report / export, with clear Chinese errors and exit codes."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jixiao.cli import app

from .conftest import EXAMPLES

runner = CliRunner()


def run(*args: str):  # noqa: ANN201
    return runner.invoke(app, list(args), env={"COLUMNS": "200"})


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("cli") / "corpus.db"
    result = run("ingest", str(EXAMPLES), "--db", str(db))
    assert result.exit_code == 0, result.output
    return db


def test_ingest_summary(corpus: Path, tmp_path: Path) -> None:
    again = run("ingest", str(EXAMPLES), "--db", str(corpus))
    assert again.exit_code == 0
    assert "未变（跳过）" in again.output
    assert re.search(r"新入库的自评表\s*│\s*0\s", again.output)


def test_ingest_reports_bad_files_and_exits_2(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    shutil.copytree(EXAMPLES, docs)
    (docs / "broken.txt").write_bytes(b"\x00\x00\x00")
    result = run("ingest", str(docs), str(tmp_path / "missing"), "--db", str(tmp_path / "c.db"))
    assert result.exit_code == 2
    assert "broken.txt" in result.output and "失败" in result.output
    assert "missing 不存在" in result.output
    assert "新增" in result.output and "58" in result.output


def test_ingest_bad_profile_and_bad_database(tmp_path: Path) -> None:
    assert run("ingest", str(EXAMPLES), "--profile", "nope", "--db", str(tmp_path / "c.db")).exit_code == 2
    result = run("ingest", str(EXAMPLES), "--db", "postgresql://u:secret@127.0.0.1:1/x")
    assert result.exit_code == 2 and "无法打开数据库" in result.output and "secret" not in result.output
    assert "Traceback" not in result.output


def test_db_info(corpus: Path) -> None:
    result = run("db", "--db", str(corpus))
    assert result.exit_code == 0 and "forms" in result.output and "58" in result.output


def test_reading_commands_need_an_existing_corpus(tmp_path: Path) -> None:
    for command in (["report", "-o", str(tmp_path / "r")], ["export", "-f", "csv", "-o", str(tmp_path / "e")], ["db"]):
        result = run(*command, "--db", str(tmp_path / "none.db"))
        assert result.exit_code == 2 and "不存在" in result.output and "jixiao ingest" in result.output
        assert not (tmp_path / "none.db").exists()


def test_report_writes_html_and_workbook(corpus: Path, tmp_path: Path) -> None:
    result = run("report", "-o", str(tmp_path / "out"), "--db", str(corpus))
    assert result.exit_code == 0, result.output
    html, workbook = tmp_path / "out" / "jixiao-report.html", tmp_path / "out" / "jixiao-report.xlsx"
    assert html.stat().st_size > 100_000 and workbook.stat().st_size > 10_000
    assert "58 张自评表" in result.output


def test_filters_and_empty_selection(corpus: Path, tmp_path: Path) -> None:
    result = run("export", "-f", "json", "-o", str(tmp_path / "2023.json"), "--db", str(corpus), "--year", "2023")
    assert result.exit_code == 0, result.output
    assert "35 张自评表" in result.output
    none = run("report", "-o", str(tmp_path / "r"), "--db", str(corpus), "--department", "没有这个部门")
    assert none.exit_code == 2 and "没有符合条件" in none.output


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json", "parquet", "fdp"])
def test_export_formats(corpus: Path, tmp_path: Path, fmt: str) -> None:
    target = tmp_path / (f"out.{fmt}" if fmt in ("json", "xlsx") else "out")
    result = run("export", "-f", fmt, "-o", str(target), "--db", str(corpus), "--rule", "ex06")
    assert result.exit_code == 0, result.output
    assert target.exists() and "4 张自评表" in result.output


def test_ingest_honours_the_project_file_and_runs_the_corpus_rule(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """jixiao.toml's [check] profile, select and ignore decide what ingest stores, as they decide what check
    reports; after the files are stored, the 2023 forms are compared with the 2021 ones (RF10)."""
    from sqlalchemy import create_engine, func, select

    from jixiao.store.query import documents_t, findings_t

    monkeypatch.chdir(tmp_path)
    (tmp_path / "jixiao.toml").write_text('[check]\nprofile = "shanghai"\nignore = ["DS", "RF01"]\n',
                                          encoding="utf-8")
    files = [str(EXAMPLES / "000_cf1bceb3fa2c9cc3.txt"), str(EXAMPLES / "001_b9ea70bf1d9aee39.txt")]
    result = run("ingest", *files, "--db", "c.db")
    assert result.exit_code == 0, result.output
    assert "与同一项目上一年度对照（RF10）：警告 9 条" in result.output
    engine = create_engine(f"sqlite:///{tmp_path / 'c.db'}")
    with engine.connect() as conn:
        codes = dict(conn.execute(select(findings_t.c.code, func.count()).group_by(findings_t.c.code)).all())
        profiles = set(conn.execute(select(documents_t.c.profile)).scalars())
    engine.dispose()
    assert codes["RF10"] == 9 and not any(code.startswith("DS") or code == "RF01" for code in codes)
    assert profiles == {"shanghai"}
    (tmp_path / "jixiao.toml").write_text('[check]\nignore = ["RF10"]\n', encoding="utf-8")
    quiet = run("ingest", *files, "--db", "other.db", "--profile", "national")
    assert quiet.exit_code == 0 and "上一年度对照" not in quiet.output
    (tmp_path / "jixiao.toml").write_text('[check]\nselect = ["XX"]\n', encoding="utf-8")
    bad = run("ingest", *files, "--db", "third.db")
    assert bad.exit_code == 2 and "jixiao.toml" in bad.output and "XX" in bad.output
