"""Ingest: files in, checked forms in the corpus. Each document is its own transaction, keyed by the SHA-256 of
its bytes, so a re-run skips what is stored and continues where a crash or Ctrl-C stopped; a changed file
becomes a new version. A file that cannot be read is recorded as a failure and the batch goes on.

Parsing and checking run in worker processes (they are CPU-bound); the one writer is this process. Workers die
with it, even when it is killed (`_worker_start`). Another ingest may write the same corpus at the same time: a
document it stored first is taken as stored, not written twice.
"""

from __future__ import annotations

import ctypes
import hashlib
import os
import signal
import sys
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from enum import StrEnum
from itertools import islice
from pathlib import Path

from sqlalchemy import Connection, Engine, select
from sqlalchemy.exc import IntegrityError

from jixiao.check.profile import DEFAULT_PROFILE, load_profile
from jixiao.corpus_check import departments_of, recheck
from jixiao.errors import InputError
from jixiao.parse import iter_files, os_reason
from jixiao.read.limits import open_regular
from jixiao.records import read_document
from jixiao.store.database import own_files
from jixiao.store.rows import Row, checked_rows
from jixiao.store.tables import Document
from jixiao.store.write import Unstorable, check_storable, insert_document, make_current, record_failure

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


def _absolute(path: Path) -> str:
    """The path the corpus keeps for a file: resolved, or as given (made absolute) when it cannot be (a link
    loop, a name too long): the worker then reports why it cannot be read."""
    try:
        return str(path.resolve())
    except (OSError, RuntimeError):
        return os.path.abspath(path)


def _digest(path: Path) -> tuple[str, int]:
    """The file's hash and size, read a block at a time (a big file costs no memory); a FIFO or a device is
    refused, not waited on (InputError)."""
    digest = hashlib.sha256()
    size = 0
    with open_regular(path, str(path)) as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
            size += len(block)
    return digest.hexdigest(), size


def _parse(task: tuple[str, str, list[str] | None]) -> _Parsed:
    """Worker: hash, read, score and check one file (with the rules `codes`, None: all). Never raises; a failure
    is data."""
    name, profile_name, codes = task
    path = Path(name)
    try:
        sha256, size = _digest(path)
    except OSError as exc:
        return _Parsed(name, "", 0, failure=Failure(name, f"无法读取文件：{os_reason(exc)}"))
    except InputError as exc:
        return _Parsed(name, "", 0, failure=Failure(name, exc.message))
    result = read_document(path)
    failure = Failure(name, result.error.message, result.error.line) if result.error else None
    if not result.forms:
        return _Parsed(name, sha256, size, failure=failure or Failure(name, "未读到自评表"))
    profile = load_profile(profile_name)
    try:
        forms = [checked_rows(form, profile, index, codes) for index, form in enumerate(result.forms)]
        check_storable(forms)
    except Unstorable as exc:
        return _Parsed(name, sha256, size, failure=Failure(name, exc.message))
    except Exception as exc:  # noqa: BLE001 - a checking bug must not cost the user the batch
        message = f"检查时发生内部错误（{type(exc).__name__}: {exc}），请报告此问题"
        return _Parsed(name, sha256, size, failure=Failure(name, message))
    return _Parsed(name, sha256, size, forms=forms, failure=failure)  # failure: forms of the file left out


PR_SET_PDEATHSIG = 1  # prctl option (linux/prctl.h)


def _worker_start(parent: int) -> None:
    """A worker ignores Ctrl-C (the writer's to handle) and dies with the writer: on Linux the kernel kills it
    (PR_SET_PDEATHSIG), elsewhere a thread notices the parent is gone. Else a killed ingest leaves them running."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass  # no prctl: the watching thread below still ends the worker
        else:
            if os.getppid() != parent:  # the parent died before prctl: no signal will come
                os._exit(1)
            return
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(1)


def _parsed(todo: list[str], profile: str, jobs: int, codes: list[str] | None) -> Iterator[_Parsed]:
    """Parsed files in order. At most a few per worker are in flight, so when the writer is the slower side
    (a remote database) parsed rows wait in the workers instead of piling up in this process's memory."""
    tasks = iter([(name, profile, codes) for name in todo])
    if jobs <= 1 or len(todo) < SERIAL_BELOW:
        yield from map(_parse, tasks)
        return
    executor = ProcessPoolExecutor(max_workers=jobs, initializer=_worker_start, initargs=(os.getpid(),))
    try:
        pending = deque(executor.submit(_parse, task) for task in islice(tasks, jobs * IN_FLIGHT))
        while pending:
            done = pending.popleft().result()
            for task in islice(tasks, 1):
                pending.append(executor.submit(_parse, task))
            yield done
    finally:
        executor.shutdown(wait=True, cancel_futures=True)


def documents_to_ingest(engine: Engine, paths: Iterable[Path]) -> list[str]:
    """The files at `paths` (directories recursively), as the corpus keeps their paths, without the store's own
    files (a SQLite database kept in the folder it holds)."""
    own = own_files(engine)
    return [name for name in map(_absolute, iter_files(list(paths))) if name not in own]


def ingest(engine: Engine, paths: Iterable[Path], *, profile: str = DEFAULT_PROFILE, jobs: int | None = None,
           on_file: Callable[[str, Outcome], None] | None = None, codes: list[str] | None = None) -> IngestSummary:
    """Ingest the files at `paths` (directories recursively), checked with the rules `codes` (None: every rule).
    `on_file` is told each file's outcome as it is settled (for progress bars); raising from it stops the run like
    Ctrl-C does. Then the corpus rules (RF10) are run on the departments whose forms changed."""
    load_profile(profile)  # a bad profile name fails before any work
    files = documents_to_ingest(engine, paths)
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
            except (OSError, InputError):
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
    """Write one parsed file: its forms as a new document (what could be read of it), then its failure if any."""
    name = parsed.path
    if parsed.forms is None:
        _record_failure(engine, parsed)
        summary.failures.append(parsed.failure)
        settle(name, Outcome.failed)
        return
    if parsed.sha256 in known:  # the same bytes twice in one batch
        summary.duplicates.append((name, known[parsed.sha256][1]))
        settle(name, Outcome.duplicate)
        return
    forms = parsed.forms
    try:
        with engine.begin() as conn:
            doc_id = insert_document(conn, name, Path(name).name, parsed.sha256, parsed.size, profile, forms)
    except IntegrityError:  # another ingest stored these bytes since this one looked
        with engine.connect() as conn:
            stored = _stored(conn, parsed.sha256)
        if stored is None:
            raise
        known[parsed.sha256] = stored
        if stored[1] == name:
            settle(name, Outcome.unchanged)
        else:
            summary.duplicates.append((name, stored[1]))
            settle(name, Outcome.duplicate)
        return
    known[parsed.sha256] = (doc_id, name, True)
    summary.forms += len(forms)
    for form in forms:
        summary.findings.update(f["severity"] for f in form["findings"] if not f["waived"])
    if parsed.failure:  # some forms of the file could not be read: the others are stored, the failure says which
        _record_failure(engine, parsed)
        summary.failures.append(parsed.failure)
    settle(name, Outcome.new_version if name in current_paths else Outcome.added)
    current_paths.add(name)


def _stored(conn: Connection, sha256: str) -> tuple[int, str, bool] | None:
    documents = Document.__table__
    row = conn.execute(select(documents.c.id, documents.c.path, documents.c.is_current)
                       .where(documents.c.sha256 == sha256)).first()
    return (row[0], row[1], row[2]) if row else None


def _record_failure(engine: Engine, parsed: _Parsed) -> None:
    failure = parsed.failure
    assert failure is not None  # _parse gives every file without forms a failure
    for attempt in (1, 2):
        try:
            with engine.begin() as conn:
                record_failure(conn, parsed.path, parsed.sha256 or None, failure.message, failure.line)
            return
        except IntegrityError:  # another ingest recorded the same file's failure at the same moment
            if attempt == 2:
                raise
