"""Ingest: idempotent, versioned, one transaction per document, resumable after an interruption, and a bad file
never stops the batch."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from jixiao.ingest import Outcome, ingest
from jixiao.store.database import open_engine
from jixiao.store.query import Filter, form_ids
from jixiao.store.tables import Document, FormRow, IngestFailure

from .conftest import SEEDS

documents = Document.__table__


def copy_samples(folder: Path, copies: int = 1) -> list[Path]:
    """The sample documents, `copies` times with distinct content (trailing newlines differ)."""
    folder.mkdir(parents=True, exist_ok=True)
    made = []
    for k in range(copies):
        for seed in SEEDS:
            target = folder / f"{seed.stem}_{k}.txt"
            target.write_text(seed.read_text(encoding="utf-8") + "\n" * k, encoding="utf-8")
            made.append(target)
    return made


def count(engine: Engine, table, *where) -> int:  # noqa: ANN001
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(table).where(*where)).scalar()


def current_forms(engine: Engine) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(form_ids(Filter()).subquery())).scalar()


@pytest.fixture
def engine(tmp_path: Path) -> Engine:
    engine = open_engine(str(tmp_path / "corpus.db"))
    yield engine
    engine.dispose()


def test_reingest_is_a_no_op(engine: Engine, tmp_path: Path) -> None:
    copy_samples(tmp_path / "docs")
    first = ingest(engine, [tmp_path / "docs"], jobs=1)
    assert first.outcomes == {Outcome.added: 5} and first.forms == 58
    assert first.findings["error"] == 7
    with engine.connect() as conn:  # the per-form counts agree with the findings stored
        sums = conn.execute(select(func.sum(FormRow.errors), func.sum(FormRow.warnings), func.sum(FormRow.infos))).one()
    stored = first.findings + first.corpus_findings  # the files' own findings, then the corpus rule's (RF10)
    assert first.corpus_findings == {"warning": 9}
    assert tuple(sums) == (stored["error"], stored["warning"], stored["info"])
    second = ingest(engine, [tmp_path / "docs"], jobs=1)
    assert second.outcomes == {Outcome.unchanged: 5} and second.forms == 0
    assert count(engine, documents) == 5 and current_forms(engine) == 58


def test_database_inside_the_ingested_folder_is_not_a_document(engine: Engine, tmp_path: Path) -> None:
    copy_samples(tmp_path)  # the fixture's corpus.db (and its WAL files) lie in the same folder
    first = ingest(engine, [tmp_path], jobs=1)
    assert first.files == 5 and first.outcomes == {Outcome.added: 5}
    second = ingest(engine, [tmp_path], jobs=1)
    assert second.files == 5 and second.outcomes == {Outcome.unchanged: 5}
    assert count(engine, IngestFailure.__table__) == 0


def test_changed_file_becomes_a_new_version(engine: Engine, tmp_path: Path) -> None:
    doc = copy_samples(tmp_path / "docs")[3]
    ingest(engine, [tmp_path / "docs"], jobs=1)
    original = doc.read_text(encoding="utf-8")
    doc.write_text(original + "\n", encoding="utf-8")
    summary = ingest(engine, [tmp_path / "docs"], jobs=1)
    assert summary.outcomes == {Outcome.new_version: 1, Outcome.unchanged: 4}
    with engine.connect() as conn:
        versions = conn.execute(select(documents.c.version, documents.c.is_current)
                                .where(documents.c.path == str(doc.resolve())).order_by(documents.c.version)).all()
    assert versions == [(1, False), (2, True)]
    assert current_forms(engine) == 58  # the old version's forms are kept but not counted
    assert count(engine, FormRow.__table__) == 58 + summary.forms
    doc.write_text(original, encoding="utf-8")
    assert ingest(engine, [doc], jobs=1).outcomes == {Outcome.restored: 1}
    assert current_forms(engine) == 58


def test_same_content_elsewhere_is_stored_once(engine: Engine, tmp_path: Path) -> None:
    copy_samples(tmp_path / "a")
    shutil.copytree(tmp_path / "a", tmp_path / "b")
    summary = ingest(engine, [tmp_path / "a", tmp_path / "b"], jobs=1)
    assert summary.outcomes == {Outcome.added: 5, Outcome.duplicate: 5}
    assert {Path(stored).parent.name for _, stored in summary.duplicates} == {"a"}


def test_bad_file_is_reported_and_skipped(engine: Engine, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    copy_samples(docs)
    (docs / "0_binary.txt").write_bytes(b"\x00\x01\x02 not text")
    (docs / "1_no_form.txt").write_text("这是一份普通的通知，没有自评表。\n", encoding="utf-8")
    summary = ingest(engine, [docs], jobs=1)
    assert summary.outcomes == {Outcome.added: 5, Outcome.failed: 2}
    assert {Path(f.path).name for f in summary.failures} == {"0_binary.txt", "1_no_form.txt"}
    assert all(f.message for f in summary.failures)
    assert count(engine, IngestFailure.__table__) == 2
    (docs / "1_no_form.txt").write_text(SEEDS[0].read_text(encoding="utf-8") + "\n\n\n\n\n", encoding="utf-8")
    again = ingest(engine, [docs], jobs=1)
    assert again.outcomes == {Outcome.unchanged: 5, Outcome.added: 1, Outcome.failed: 1}
    assert count(engine, IngestFailure.__table__) == 1


def test_interrupted_batch_resumes(engine: Engine, tmp_path: Path) -> None:
    copy_samples(tmp_path / "docs", copies=3)
    seen: list[str] = []

    def stop_after_six(name: str, outcome: Outcome) -> None:
        seen.append(name)
        if len(seen) == 6:
            raise KeyboardInterrupt

    summary = ingest(engine, [tmp_path / "docs"], jobs=2, on_file=stop_after_six)
    assert summary.interrupted and summary.stored == 6
    assert count(engine, documents) == 6
    resumed = ingest(engine, [tmp_path / "docs"], jobs=2)
    assert resumed.outcomes == {Outcome.unchanged: 6, Outcome.added: 9}
    assert count(engine, documents) == 15 and current_forms(engine) == 15 / 5 * 58


def test_parallel_and_serial_store_the_same(tmp_path: Path) -> None:
    copy_samples(tmp_path / "docs", copies=2)
    tables = {}
    for jobs in (1, 2):
        engine = open_engine(str(tmp_path / f"j{jobs}.db"))
        ingest(engine, [tmp_path / "docs"], jobs=jobs)
        with engine.connect() as conn:
            tables[jobs] = conn.execute(select(FormRow.__table__).order_by(FormRow.__table__.c.id)).all()
        engine.dispose()
    assert tables[1] == tables[2] and len(tables[1]) == 116


def test_ctrl_c_in_the_cli_keeps_what_was_stored(tmp_path: Path) -> None:
    """A real SIGINT to `jixiao ingest` mid-batch: exit 130, no traceback, and a re-run completes the corpus."""
    copy_samples(tmp_path / "docs", copies=40)
    db = tmp_path / "corpus.db"
    command = [sys.executable, "-m", "jixiao", "ingest", str(tmp_path / "docs"), "--db", str(db), "--jobs", "2"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    engine = open_engine(str(db))
    deadline = time.monotonic() + 60
    while count(engine, documents) < 5 and time.monotonic() < deadline:
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    stored = count(engine, documents)
    if process.returncode == 0:  # the batch finished before the signal arrived
        assert stored == 200
    else:
        assert process.returncode == 130, stderr
        assert "Traceback" not in stderr and "已中断" in stderr
        assert 5 <= stored < 200
    result = subprocess.run(command, capture_output=True, text=True, env={**os.environ, "COLUMNS": "200"})
    assert result.returncode == 0, result.stderr
    assert count(engine, documents) == 200 and current_forms(engine) == 40 * 58
    engine.dispose()
