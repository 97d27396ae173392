"""The corpus under faults and contention: two ingests at once, a damaged, read-only or busy database, a full disk,
an ingest killed with -9. One clear Chinese message each, exit 2, no traceback, the data consistent."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from jixiao.store import faults
from tests.conftest import EXAMPLES

from .common import no_traceback, run


def _consistent(db: Path) -> tuple[int, int]:
    """(documents, forms) of a corpus whose every document has the forms it says, each form once."""
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        documents, claimed = conn.execute("SELECT count(*), coalesce(sum(form_count), 0) FROM documents").fetchone()
        forms = conn.execute("SELECT count(*) FROM forms").fetchone()[0]
        assert (conn.execute("SELECT count(*) FROM (SELECT sha256 FROM documents GROUP BY sha256 HAVING count(*) > 1)")
                .fetchone()[0]) == 0
    assert forms == claimed
    return documents, forms


def _concurrently(*commands: list[str]) -> list[subprocess.CompletedProcess]:
    procs = [subprocess.Popen([sys.executable, "-m", "jixiao", *c], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True) for c in commands]
    outs = [p.communicate() for p in procs]
    return [subprocess.CompletedProcess(p.args, p.returncode, out, err) for p, (out, err) in zip(procs, outs,
                                                                                                   strict=True)]


@pytest.mark.parametrize("existing", [False, True], ids=["new-file", "existing-file"])
def test_two_ingests_at_once(existing: bool, tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    if existing:
        assert run("ingest", str(EXAMPLES / "000_cf1bceb3fa2c9cc3.txt"), "--db", str(db)).returncode == 0
    results = _concurrently(["ingest", str(EXAMPLES), "--db", str(db), "-j", "1"],
                            ["ingest", str(EXAMPLES), "--db", str(db), "-j", "1"])
    for result in results:
        assert result.returncode == 0 and no_traceback(result), result.stderr
    assert _consistent(db) == (5, 58)


def test_damaged_database_is_one_message_and_left_alone(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    damage = b"SQLite format 3\x00" + bytes(range(256)) * 16
    db.write_bytes(damage)
    for command in (["ingest", str(EXAMPLES)], ["report", "-o", str(tmp_path / "r")], ["export", "-f", "json", "-o",
                                                                                          str(tmp_path / "e.json")]):
        result = run(*command, "--db", str(db))
        assert result.returncode == 2 and no_traceback(result)
        assert result.stderr.strip() == f"错误：sqlite:///{db}：无法打开数据库：{faults.DAMAGED}"
    assert db.read_bytes() == damage
    assert not (tmp_path / "e.json").exists()


def test_read_only_database_is_one_message(tmp_path: Path) -> None:
    """Opened read-only (as on a read-only mount, or without write permission, which root has anyway)."""
    db = tmp_path / "c.db"
    assert run("ingest", str(EXAMPLES / "000_cf1bceb3fa2c9cc3.txt"), "--db", str(db)).returncode == 0
    before = _consistent(db)
    read_only = f"sqlite:///file:{db}?mode=ro&uri=true"
    result = run("ingest", str(EXAMPLES), "--db", read_only)
    assert result.returncode == 2 and no_traceback(result)
    assert f"{faults.READ_ONLY}；已导入的文件都已保存" in result.stderr
    assert _consistent(db) == before


def test_full_disk_during_ingest_keeps_what_was_committed(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    result = run("ingest", str(EXAMPLES), "--db", str(db), "-j", "1", fsize=600_000)
    assert result.returncode == 2 and no_traceback(result)
    assert "错误 sqlite:///" in result.stderr
    assert (faults.IO in result.stderr or faults.FULL in result.stderr)
    assert "已导入的文件都已保存，问题解决后再次运行同一命令会从中断处继续" in result.stderr
    documents, _ = _consistent(db)
    assert documents < 5
    again = run("ingest", str(EXAMPLES), "--db", str(db))
    assert again.returncode == 0 and _consistent(db) == (5, 58)


def test_full_disk_during_report_and_export_leaves_nothing_half_written(sample_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "report"
    out.mkdir()
    result = run("report", "--db", str(sample_db), "-o", str(out), fsize=50_000)
    assert result.returncode == 2 and no_traceback(result)
    assert result.stderr.strip() == f"错误 {out}：{faults.FULL}"
    assert list(out.iterdir()) == []
    exported = run("export", "--db", str(sample_db), "-f", "json", "-o", str(tmp_path / "e.json"), fsize=50_000)
    assert exported.returncode == 2 and exported.stderr.strip() == f"错误 {tmp_path / 'e.json'}：{faults.FULL}"
    assert [p.name for p in tmp_path.iterdir()] == ["report"]


def test_busy_corpus_is_one_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Another process holds the write lock longer than a writer waits: the ingest says the corpus is busy."""
    from typer.testing import CliRunner

    from jixiao.cli import app
    from jixiao.store import database

    db = tmp_path / "c.db"
    assert run("ingest", str(EXAMPLES / "000_cf1bceb3fa2c9cc3.txt"), "--db", str(db)).returncode == 0
    monkeypatch.setattr(database, "BUSY_SECONDS", 1)
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        result = CliRunner().invoke(app, ["ingest", str(EXAMPLES), "--db", str(db), "-j", "1"])
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.exit_code == 2
    assert f"{faults.BUSY}；已导入的文件都已保存" in result.output
    assert _consistent(db) == (1, 23)


def test_a_quick_busy_refusal_while_the_corpus_is_created_is_retried(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """SQLite may refuse at once, without waiting, while another process creates the same corpus: opening retries
    such a quick refusal a few times before it gives up with the message."""
    from sqlalchemy.exc import OperationalError

    from jixiao.errors import InputError
    from jixiao.store import database

    upgrade = database.upgrade
    refusals = []

    def refused_twice(engine):  # noqa: ANN001, ANN202
        if len(refusals) < 2:
            refusals.append(1)
            raise OperationalError("PRAGMA journal_mode=WAL", {}, sqlite3.OperationalError("database is locked"))
        upgrade(engine)

    monkeypatch.setattr(database, "QUICK_BUSY_PAUSE", 0.01)
    monkeypatch.setattr(database, "upgrade", refused_twice)
    database.open_engine(str(tmp_path / "c.db")).dispose()
    assert len(refusals) == 2

    def always(engine):  # noqa: ANN001, ANN202
        refusals.append(1)
        raise OperationalError("BEGIN IMMEDIATE", {}, sqlite3.OperationalError("database is locked"))

    monkeypatch.setattr(database, "upgrade", always)
    with pytest.raises(InputError, match=faults.BUSY):
        database.open_engine(str(tmp_path / "d.db"))
    assert len(refusals) == 2 + 1 + database.QUICK_BUSY_RETRIES


def _children(pid: int) -> set[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return {int(p) for p in path.read_text().split()} if path.exists() else set()


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, IndexError):
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs /proc (Linux)")
def test_workers_die_with_a_killed_ingest(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    for copy in range(12):  # distinct content, enough for worker processes (ingest.SERIAL_BELOW)
        for sample in EXAMPLES.glob("*.txt"):
            shutil.copy(sample, docs / f"{copy}_{sample.name}")
            with (docs / f"{copy}_{sample.name}").open("a", encoding="utf-8") as f:
                f.write(f"\n{copy}\n")
    ingest = subprocess.Popen([sys.executable, "-m", "jixiao", "ingest", str(docs), "--db", str(tmp_path / "c.db"),
                               "-j", "2"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers: set[int] = set()
    for _ in range(600):  # until the pool has started
        workers = {pid for pid in _children(ingest.pid) if _alive(pid)}
        if len(workers) >= 2 or ingest.poll() is not None:
            break
        time.sleep(0.05)
    assert len(workers) >= 2, "the ingest ended before its workers were seen"
    os.kill(ingest.pid, signal.SIGKILL)
    ingest.wait()
    for _ in range(200):
        if not any(_alive(pid) for pid in workers):
            break
        time.sleep(0.05)
    survivors = [pid for pid in workers if _alive(pid)]
    for pid in survivors:  # do not leave them to the machine when the test fails
        os.kill(pid, signal.SIGKILL)
    assert survivors == []


def test_fault_messages() -> None:
    from sqlalchemy.exc import DatabaseError, OperationalError

    def op(message: str) -> OperationalError:
        return OperationalError("INSERT", {}, sqlite3.OperationalError(message))

    assert faults.fault_message(op("database is locked")) == faults.BUSY
    assert faults.fault_message(op("attempt to write a readonly database")) == faults.READ_ONLY
    assert faults.fault_message(op("database or disk is full")) == faults.FULL
    assert faults.fault_message(DatabaseError("x", {}, sqlite3.DatabaseError("file is not a database"))) == (
        faults.DAMAGED)
    assert faults.fault_message(OSError(28, "No space left on device")) == faults.FULL
    assert faults.fault_message(op("something new")) == "数据库出错：something new"


def test_two_ingests_at_once_into_postgresql(postgres_url: str, tmp_path: Path) -> None:
    from jixiao.store.database import open_engine

    engine = open_engine(postgres_url, migrate=False)
    with engine.begin() as conn:  # a fresh schema: both ingests race to create it
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    results = _concurrently(["ingest", str(EXAMPLES), "--db", postgres_url, "-j", "1"],
                            ["ingest", str(EXAMPLES), "--db", postgres_url, "-j", "1"])
    for result in results:
        assert result.returncode == 0 and no_traceback(result), result.stderr
    engine = open_engine(postgres_url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM documents")).scalar() == 5
        assert conn.execute(text("SELECT count(*) FROM forms")).scalar() == 58
    engine.dispose()
