"""Ingest: files in, checked forms in the corpus. Each document is its own transaction, keyed by the SHA-256 of
its bytes, so a re-run skips what is stored and continues where a crash or Ctrl-C stopped; a changed file
becomes a new version. A file that cannot be read is recorded as a failure and the batch goes on.

Parsing and checking run in worker processes (they are CPU-bound); the one writer is this process.
"""

from __future__ import annotations

import hashlib
import os
import signal
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from enum import StrEnum
from itertools import islice
from pathlib import Path

from sqlalchemy import Engine, select

from jixiao.check.profile import DEFAULT_PROFILE, load_profile
from jixiao.corpus_check import departments_of, recheck
from jixiao.parse import iter_files, os_reason
from jixiao.records import read_document
from jixiao.store.rows import Row, checked_rows
from jixiao.store.tables import Document
from jixiao.store.write import insert_document, make_current, record_failure

IN_FLIGHT = 4  # documents queued per worker
SERIAL_BELOW = 8  # fewer new documents than this are parsed in this process: starting workers would not pay


class Outcome(StrEnum):
    added = "added"  # new document
    new_version = "new_version"  # a changed file: stored as its next version
    unchanged = "unchanged"  # this content is stored already for this path
    restored = "restored"  # the file went back to the content of an earlier version
    duplicate = "duplicate"  # the same content is stored under another path
    failed = "failed"


@dataclass
class Failure:
    path: str
    message: str
    line: int | None = None


@dataclass
class IngestSummary:
    """What one ingest run did; `interrupted` when it was stopped before the end (what was stored stays)."""

    files: int = 0
    outcomes: Counter[str] = field(default_factory=Counter)
    forms: int = 0
    findings: Counter[str] = field(default_factory=Counter)  # by severity, new documents only
    failures: list[Failure] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (path, the stored path with that content)
    interrupted: bool = False
    corpus_findings: Counter[str] = field(default_factory=Counter)  # by severity: the corpus rules' (RF10) now stored

    @property
    def stored(self) -> int:
        return self.outcomes[Outcome.added] + self.outcomes[Outcome.new_version]


@dataclass
class _Parsed:
    path: str
    sha256: str
    size: int
    forms: list[Row] | None = None
    failure: Failure | None = None


def _digest(path: Path) -> tuple[str, int]:
    data = path.read_bytes()
    return hashlib.sha256(data).hexdigest(), len(data)


def _parse(task: tuple[str, str, list[str] | None]) -> _Parsed:
    """Worker: hash, read, score and check one file (with the rules `codes`, None: all). Never raises; a failure
    is data."""
    name, profile_name, codes = task
    path = Path(name)
    try:
        sha256, size = _digest(path)
    except OSError as exc:
        return _Parsed(name, "", 0, failure=Failure(name, f"无法读取文件：{os_reason(exc)}"))
    result = read_document(path)
    if result.error:
        return _Parsed(name, sha256, size, failure=Failure(name, result.error.message, result.error.line))
    profile = load_profile(profile_name)
    try:
        forms = [checked_rows(form, profile, index, codes) for index, form in enumerate(result.forms)]
    except Exception as exc:  # noqa: BLE001 - a checking bug must not cost the user the batch
        message = f"检查时发生内部错误（{type(exc).__name__}: {exc}），请报告此问题"
        return _Parsed(name, sha256, size, failure=Failure(name, message))
    return _Parsed(name, sha256, size, forms=forms)


def _ignore_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the writer's to handle; workers just stop


def _parsed(todo: list[str], profile: str, jobs: int, codes: list[str] | None) -> Iterator[_Parsed]:
    """Parsed files in order. At most a few per worker are in flight, so when the writer is the slower side
    (a remote database) parsed rows wait in the workers instead of piling up in this process's memory."""
    tasks = iter([(name, profile, codes) for name in todo])
    if jobs <= 1 or len(todo) < SERIAL_BELOW:
        yield from map(_parse, tasks)
        return
    executor = ProcessPoolExecutor(max_workers=jobs, initializer=_ignore_sigint)
    try:
        pending = deque(executor.submit(_parse, task) for task in islice(tasks, jobs * IN_FLIGHT))
        while pending:
            done = pending.popleft().result()
            for task in islice(tasks, 1):
                pending.append(executor.submit(_parse, task))
            yield done
    finally:
        executor.shutdown(wait=True, cancel_futures=True)


def ingest(engine: Engine, paths: Iterable[Path], *, profile: str = DEFAULT_PROFILE, jobs: int | None = None,
           on_file: Callable[[str, Outcome], None] | None = None, codes: list[str] | None = None) -> IngestSummary:
    """Ingest the files at `paths` (directories recursively), checked with the rules `codes` (None: every rule).
    `on_file` is told each file's outcome as it is settled (for progress bars); raising from it stops the run like
    Ctrl-C does. Then the corpus rules (RF10) are run on the departments whose forms changed."""
    load_profile(profile)  # a bad profile name fails before any work
    files = [str(p.resolve()) for p in iter_files(list(paths))]
    summary = IngestSummary(files=len(files))
    documents = Document.__table__
    with engine.connect() as conn:
        known = {sha: (doc_id, path, current) for doc_id, sha, path, current in conn.execute(
            select(documents.c.id, documents.c.sha256, documents.c.path, documents.c.is_current))}
    current_paths = {path for _, path, current in known.values() if current}

    changed: list[str] = []  # files whose current version changed: their departments get the corpus rules

    def settle(name: str, outcome: Outcome) -> None:
        summary.outcomes[outcome] += 1
        if outcome in (Outcome.added, Outcome.new_version, Outcome.restored):
            changed.append(name)
        if on_file:
            on_file(name, outcome)

    try:
        todo = []
        for name in files:
            try:
                sha256, _ = _digest(Path(name))
            except OSError:
                todo.append(name)  # the worker reports it
                continue
            if sha256 not in known:
                todo.append(name)
                continue
            doc_id, stored_path, current = known[sha256]
            if stored_path != name:
                summary.duplicates.append((name, stored_path))
                settle(name, Outcome.duplicate)
            elif current:
                settle(name, Outcome.unchanged)
            else:
                with engine.begin() as conn:
                    make_current(conn, doc_id, name)
                settle(name, Outcome.restored)
        for parsed in _parsed(todo, profile, jobs or os.cpu_count() or 1, codes):
            _store(engine, parsed, profile, summary, known, current_paths, settle)
    except KeyboardInterrupt:
        summary.interrupted = True
    try:  # also after Ctrl-C: what was stored gets its corpus findings (one transaction: all or none)
        with engine.begin() as conn:
            summary.corpus_findings = recheck(conn, departments_of(conn, changed), codes)
    except KeyboardInterrupt:
        summary.interrupted = True
    return summary


def _store(engine: Engine, parsed: _Parsed, profile: str, summary: IngestSummary,
           known: dict[str, tuple[int, str, bool]], current_paths: set[str],
           settle: Callable[[str, Outcome], None]) -> None:
    name = parsed.path
    if parsed.failure:
        with engine.begin() as conn:
            record_failure(conn, name, parsed.sha256 or None, parsed.failure.message, parsed.failure.line)
        summary.failures.append(parsed.failure)
        settle(name, Outcome.failed)
        return
    if parsed.sha256 in known:  # the same bytes twice in one batch
        summary.duplicates.append((name, known[parsed.sha256][1]))
        settle(name, Outcome.duplicate)
        return
    forms = parsed.forms or []
    with engine.begin() as conn:
        doc_id = insert_document(conn, name, Path(name).name, parsed.sha256, parsed.size, profile, forms)
    known[parsed.sha256] = (doc_id, name, True)
    summary.forms += len(forms)
    for form in forms:
        summary.findings.update(f["severity"] for f in form["findings"] if not f["waived"])
    settle(name, Outcome.new_version if name in current_paths else Outcome.added)
    current_paths.add(name)
