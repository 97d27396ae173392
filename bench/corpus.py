"""Corpus benchmark (measured, not asserted): generate N varied forms from the seed documents, ingest them into
SQLite (and PostgreSQL), re-ingest them unchanged, build the HTML and Excel reports; wall time, forms/s and peak
memory per step. Each step runs in its own process, so its peak memory is its own; ingest's worker processes are
measured apart from the writer.

usage: python bench/corpus.py --forms 100000 --out /tmp/bench [--postgres URL] [--jobs N] [--profile]
Writes OUT/docs (the corpus; reused by a run with the same --forms and --seed: delete it after changing the
generator), OUT/corpus.db, the reports and OUT/results.md.
"""

from __future__ import annotations

import argparse
import cProfile
import importlib
import json
import os
import platform
import pstats
import re
import resource
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import generate
from sqlalchemy import Engine, create_engine, func, select, text

from jixiao.store.database import database_url, open_engine
from jixiao.store.query import form_ids
from jixiao.store.tables import Base

MARKER = ".corpus.json"  # hidden, so ingest skips it
REPORTS = {"html": ("jixiao.report.html", "write_html"), "xlsx": ("jixiao.report.workbook", "write_workbook")}


def _slug(label: str) -> str:
    return re.sub(r"[^0-9A-Za-z]+", "-", label).strip("-").lower()


def _mib(kib: int) -> str:
    return f"{kib / 1024:,.0f}"


# --- the step process -------------------------------------------------------------------------------------------

def _fresh(db: str) -> None:
    """An empty database: the SQLite file removed, or the PostgreSQL schema dropped (tables and Alembic's)."""
    url = database_url(db)
    if url.startswith("sqlite"):
        for suffix in ("", "-wal", "-shm"):
            Path(db + suffix).unlink(missing_ok=True)
        return
    engine = create_engine(url)
    Base.metadata.drop_all(engine)
    with engine.begin() as conn:
        conn.execute(text("DROP TABLE IF EXISTS alembic_version"))
    engine.dispose()


def _current_forms(engine: Engine) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(form_ids().subquery())).scalar_one()


def _db_size(engine: Engine, db: str) -> int:
    if engine.dialect.name == "sqlite":
        return sum(Path(db + s).stat().st_size for s in ("", "-wal") if Path(db + s).exists())
    with engine.connect() as conn:
        return conn.execute(text("SELECT pg_database_size(current_database())")).scalar_one()


def _server_cpu(engine: Engine) -> float | None:
    """CPU seconds of the PostgreSQL backends now connected to the database, when the server runs on this machine:
    the server's share of ingest, whose writer's pooled connections are among them (backends of connections
    already closed, such as a report's worker processes', are not counted)."""
    if engine.dialect.name != "postgresql" or engine.url.host not in ("127.0.0.1", "localhost", "::1", None):
        return None
    with engine.connect() as conn:
        pids = conn.execute(text("SELECT pid FROM pg_stat_activity WHERE datname = current_database()")).scalars()
        ticks = 0
        for pid in pids:
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                return None
            ticks += int(fields[11]) + int(fields[12])  # utime, stime
    return ticks / os.sysconf("SC_CLK_TCK")


def _ingest(engine: Engine, args: argparse.Namespace) -> tuple[int, str]:
    from jixiao.ingest import ingest

    summary = ingest(engine, [args.docs], jobs=args.jobs)
    outcomes = ", ".join(f"{k} {v}" for k, v in sorted(summary.outcomes.items()))
    findings = ", ".join(f"{k} {v:,}" for k, v in sorted(summary.findings.items()))
    note = f"{summary.files:,} files: {outcomes}" + (f"; findings {findings}" if findings else "")
    if summary.failures:
        note += f"; {len(summary.failures)} failures, first: {summary.failures[0].message}"
    forms = summary.forms if summary.stored else _current_forms(engine)
    return forms, note


def _report(kind: str) -> Callable[[Engine, argparse.Namespace], tuple[int, str]]:
    module, name = REPORTS[kind]

    def build(engine: Engine, args: argparse.Namespace) -> tuple[int, str]:
        write = getattr(importlib.import_module(module), name)
        path = args.out / f"{_slug(args.label)}.{kind}"  # report-html-sqlite.html
        write(engine, path)
        files = [p for p in path.rglob("*") if p.is_file()] if path.is_dir() else [path]
        return _current_forms(engine), f"{path.name}: {sum(p.stat().st_size for p in files) / 2**20:,.1f} MB"

    return build


def _generate(_: Engine | None, args: argparse.Namespace) -> tuple[int, str]:
    documents = generate.generate(args.docs, args.forms, args.seed)
    (args.docs / MARKER).write_text(json.dumps({"forms": args.forms, "seed": args.seed, "documents": documents}))
    size = sum(p.stat().st_size for p in args.docs.rglob("*.txt"))
    return args.forms, f"{documents:,} documents, {size / 2**20:,.0f} MB"


ACTIONS = {"generate": _generate, "ingest": _ingest, "html": _report("html"), "xlsx": _report("xlsx")}


def run_step(args: argparse.Namespace) -> None:
    """In the step process: do one step, timed, and write what it measured to `args.result` as JSON."""
    action = ACTIONS[args.step]
    engine = None
    if args.step != "generate":
        if args.fresh:
            _fresh(args.db)
        engine = open_engine(args.db)  # migrating an empty database is not what is measured
    profiler = cProfile.Profile() if args.profile else None
    load = os.getloadavg()[0]
    before = resource.getrusage(resource.RUSAGE_SELF)
    cpu_before = before.ru_utime + before.ru_stime  # not counting imports and migrations
    start = time.perf_counter()
    if profiler:
        profiler.enable()
    forms, note = action(engine, args)
    seconds = time.perf_counter() - start
    if profiler:
        profiler.disable()
        _write_profile(profiler, args.out / f"profile-{_slug(args.label)}.txt")
    if args.step == "ingest" and (server := _server_cpu(engine)) is not None:  # only the writer connects
        note += f"; PostgreSQL server CPU {server:,.1f} s"
    if engine is not None and args.step == "ingest":
        engine.dispose()  # SQLite folds its write-ahead log into the file when the last connection closes
        note += f"; database {_db_size(engine, args.db) / 2**20:,.0f} MB"
    own, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    result = {"forms": forms, "seconds": seconds, "note": note, "load": load,
              "self_cpu": own.ru_utime + own.ru_stime - cpu_before, "self_kib": own.ru_maxrss,
              "workers_cpu": workers.ru_utime + workers.ru_stime, "workers_kib": workers.ru_maxrss}
    args.result.write_text(json.dumps(result), encoding="utf-8")


def _write_profile(profiler: cProfile.Profile, path: Path) -> None:
    with path.open("w", encoding="utf-8") as out:
        for key in ("cumulative", "tottime"):
            pstats.Stats(profiler, stream=out).sort_stats(key).print_stats(35)


# --- the driver ---------------------------------------------------------------------------------------------------

def _spawn(step: str, label: str, args: argparse.Namespace, db: str | None = None, fresh: bool = False) -> dict:
    """Run one step in its own process, so the peak memory it reports is the step's alone."""
    result = args.out / f".{_slug(label)}.json"
    result.unlink(missing_ok=True)
    cmd = [sys.executable, __file__, "--step", step, "--label", label, "--result", str(result),
           "--out", str(args.out), "--docs", str(args.docs), "--forms", str(args.forms), "--seed", str(args.seed)]
    cmd += ["--db", db] if db else []
    cmd += ["--fresh"] if fresh else []
    cmd += ["--jobs", str(args.jobs)] if args.jobs else []
    cmd += ["--profile"] if args.profile else []
    print(f"… {label}", flush=True)
    status = subprocess.run(cmd, check=False).returncode
    if status or not result.exists():
        return {"label": label, "failed": f"exit status {status}"}
    measured = json.loads(result.read_text(encoding="utf-8"))
    result.unlink()
    measured["label"] = label
    print(f"  {measured['seconds']:.1f} s, {measured['note']}", flush=True)
    return measured


def _reuse(args: argparse.Namespace) -> bool:
    marker = args.docs / MARKER
    if not marker.exists():
        return False
    stored = json.loads(marker.read_text())
    return stored["forms"] == args.forms and stored["seed"] == args.seed


def _available(kind: str) -> bool:
    module, name = REPORTS[kind]
    try:
        return hasattr(importlib.import_module(module), name)
    except ImportError:
        return False


def _machine(postgres: str | None) -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    parts = [f"{os.cpu_count()} cores ({cpu})", f"{memory:.0f} GB RAM", f"Python {platform.python_version()}",
             f"SQLite {sqlite3.sqlite_version}"]
    if postgres:
        engine = create_engine(database_url(postgres))
        with engine.connect() as conn:
            parts.append("PostgreSQL " + conn.execute(text("SHOW server_version")).scalar_one().split()[0])
        engine.dispose()
    return ", ".join(parts)


def table(rows: list[dict]) -> str:
    """The Markdown table; "a / b" cells are the step's own process / its worker processes."""
    lines = ["| step | forms | seconds | forms/s | CPU s (step / workers) | peak MB (step / workers) | load | notes |",
             "|---|---:|---:|---:|---:|---:|---:|---|"]
    for row in rows:
        if "failed" in row:
            lines.append(f"| {row['label']} | | | | | | | failed: {row['failed']} |")
            continue
        rate = row["forms"] / row["seconds"] if row["seconds"] else 0
        workers = bool(row["workers_kib"])
        cpu = f"{row['self_cpu']:,.1f}" + (f" / {row['workers_cpu']:,.1f}" if workers else "")
        peak = _mib(row["self_kib"]) + (f" / {_mib(row['workers_kib'])}" if workers else "")
        lines.append(f"| {row['label']} | {row['forms']:,} | {row['seconds']:,.1f} | {rate:,.0f} | {cpu} | {peak} | "
                     f"{row['load']:.1f} | {row['note']} |")
    return "\n".join(lines)


def drive(args: argparse.Namespace) -> None:
    args.out.mkdir(parents=True, exist_ok=True)
    rows, notes = [], []
    if _reuse(args):
        notes.append(f"corpus reused from {args.docs}")
    else:
        rows.append(_spawn("generate", "generate", args))
    start = time.perf_counter()
    sample = min(args.verify, len(generate.plan(generate.load_seeds(), args.forms)))
    problems = generate.verify(args.docs, args.forms, sample, args.seed)
    notes.append(f"{sample} generated documents parsed back in {time.perf_counter() - start:.0f} s: "
                 + (f"{len(problems)} problems, first: {problems[0]}" if problems else "as written"))
    databases = [("SQLite", str(args.out / "corpus.db"))] + ([("PostgreSQL", args.postgres)] if args.postgres else [])
    for name, db in databases:
        rows.append(_spawn("ingest", f"ingest {name}", args, db, fresh=True))
        rows.append(_spawn("ingest", f"re-ingest {name} (unchanged)", args, db))
        for kind in REPORTS:
            if _available(kind):
                rows.append(_spawn(kind, f"report {kind} {name}", args, db))
            elif name == "SQLite":
                notes.append(f"report {kind} skipped: {'.'.join(REPORTS[kind])} does not exist yet")
    summary = "\n\n".join([f"# Corpus benchmark: {args.forms:,} forms", f"Machine: {_machine(args.postgres)}; "
                         f"ingest jobs: {args.jobs or os.cpu_count()}. Load: the 1-minute load average when the "
                         "step started (other work on the machine slows the wall times).", table(rows),
                         "\n".join(f"- {note}" for note in notes)]) + "\n"
    (args.out / "results.md").write_text(summary, encoding="utf-8")
    print("\n" + summary)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--forms", type=int, default=2000)
    parser.add_argument("--out", type=Path, default=Path("/tmp/jixiao-bench"))
    parser.add_argument("--postgres", metavar="URL", help="also ingest into this database (its tables are dropped)")
    parser.add_argument("--jobs", type=int, help="ingest worker processes (default: one per core)")
    parser.add_argument("--seed", type=int, default=1, help="random seed of the generated corpus")
    parser.add_argument("--verify", type=int, default=300, metavar="DOCS", help="generated documents to parse back")
    parser.add_argument("--profile", action="store_true",
                        help="cProfile each step process (OUT/profile-STEP.txt; slows the measured times)")
    parser.add_argument("--step", choices=sorted(ACTIONS), help=argparse.SUPPRESS)  # the step process
    for hidden in ("--label", "--db"):
        parser.add_argument(hidden, help=argparse.SUPPRESS)
    parser.add_argument("--docs", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--result", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--fresh", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    args.docs = args.docs or args.out / "docs"
    if args.step:
        run_step(args)
    else:
        drive(args)


if __name__ == "__main__":
    main()
