"""Fuzzing the readers at length: N mutated documents (tests/fuzz_inputs.py: mutants of real text, HTML, Word,
Excel .xlsx/.xls and PDF documents) read as `jixiao parse` reads them, in subprocess-isolated batches.

Each input runs under a CPU limit of its own (a soft RLIMIT_CPU raised before each input: past it the input is a
hang) and the worker under an address-space limit (past it: a memory failure). A worker killed inside a reader
(a signal from a C library, the hard CPU limit) costs only its batch's input at hand: the next worker starts
after it. Reported per reader: inputs, inputs per second, forms read, read errors, crashes (any exception other
than InputError), hangs and memory failures; each failing input is saved to OUT (default $TMPDIR/jixiao-fuzz-failures)
with the command that replays it.

A long run can be stopped and taken up again: with `--log FILE` each finished batch is appended to FILE (one JSON
line), and a run given the same FILE, N and seed skips the batches already there and counts their outcomes. Batches
go round the readers, so a run cut short has covered every reader alike.

usage: python bench/fuzz.py N [--kinds text,html,mhtml,docx,xlsx,xls,pdf] [--batch 200] [--cpu 10] [--memory-mb 2048]
                              [--jobs 2] [--seed 1] [--out DIR] [--log FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor, as_completed
from itertools import zip_longest
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.fuzz_inputs import KINDS, SUFFIX, mutate, read_one, seeds  # noqa: E402


class Hang(Exception):
    pass


def _on_xcpu(signum: int, frame: object) -> None:
    raise Hang


def mutant(kind: str, index: int, seed: int, corpus: list[bytes]) -> bytes:
    """Input `index` of a reader's run: deterministic, so a failure can be made again alone."""
    rng = random.Random(f"{seed}:{kind}:{index}")
    return mutate(kind, corpus[index % len(corpus)], rng)


def load_corpus(seed_dir: Path, kind: str) -> list[bytes]:
    return [p.read_bytes() for p in sorted(seed_dir.glob(f"{kind}-*.bin"))]


def worker(kind: str, start: int, count: int, seed_dir: Path, seed: int, cpu: int) -> None:
    """Read inputs start..start+count-1 of `kind`; one line per input on stdout (begin, then the outcome)."""
    corpus = load_corpus(seed_dir, kind)
    signal.signal(signal.SIGXCPU, _on_xcpu)
    folder = Path(tempfile.mkdtemp(prefix="jixiao-fuzz-"))
    path = folder / f"input{SUFFIX[kind]}"
    hard = resource.getrlimit(resource.RLIMIT_CPU)[1]
    for index in range(start, start + count):
        path.write_bytes(mutant(kind, index, seed, corpus))
        used = resource.getrusage(resource.RUSAGE_SELF)
        spent = int(used.ru_utime + used.ru_stime) + 1
        resource.setrlimit(resource.RLIMIT_CPU, (spent + cpu, hard))  # SIGXCPU past it
        print(f"begin {index}", flush=True)
        try:
            outcome = f"forms {read_one(path)}"
        except Hang:
            outcome = "hang"
        except MemoryError:
            outcome = "memory"
        except Exception as exc:  # noqa: BLE001 - what the run is looking for
            outcome = f"crash {type(exc).__name__}: {str(exc)[:200]!r}"
        print(f"end {index} {outcome}", flush=True)
    path.unlink(missing_ok=True)
    folder.rmdir()


def run_batch(kind: str, start: int, count: int, seed_dir: Path, seed: int, cpu: int,
              memory: int) -> list[tuple[int, str]]:
    """Outcomes of one batch, restarting after an input that killed its worker."""
    outcomes: list[tuple[int, str]] = []
    end = start + count
    while start < end:
        def limit() -> None:
            resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

        command = [sys.executable, __file__, "--worker", kind, str(start), str(end - start), str(seed_dir),
                   str(seed), str(cpu)]
        try:  # a reader stuck inside C code does not see SIGXCPU: the batch's time is the backstop
            done = subprocess.run(command, capture_output=True, text=True, preexec_fn=limit, check=False,
                                  env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
                                  timeout=60 + (end - start) * (cpu + 2))
        except subprocess.TimeoutExpired as exc:
            stdout = exc.stdout.decode() if isinstance(exc.stdout, bytes) else exc.stdout or ""
            done = subprocess.CompletedProcess(command, -signal.SIGKILL, stdout, "")
        current = None
        for line in done.stdout.splitlines():
            word, _, rest = line.partition(" ")
            if word == "begin":
                current = int(rest)
            elif word == "end":
                index, _, outcome = rest.partition(" ")
                outcomes.append((int(index), outcome))
                current = None
        if current is None:
            if done.returncode != 0 and len(outcomes) < count:
                outcomes.append((start, f"crash worker failed to start: {done.stderr[-300:]!r}"))
                break
            start = outcomes[-1][0] + 1 if outcomes else end
            continue
        killed = -done.returncode
        what = "hang" if killed in (signal.SIGKILL, signal.SIGXCPU) else f"crash killed by signal {killed}"
        if done.stderr and "MemoryError" in done.stderr:
            what = "memory"
        outcomes.append((current, what))
        start = current + 1
    return outcomes


def logged(log: Path, n: int, seed: int, results: dict[str, list[tuple[int, str]]]) -> set[tuple[str, int]]:
    """Batches of this run (same N and seed) already in the log, their outcomes added to `results`."""
    done: set[tuple[str, int]] = set()
    if not log.exists():
        return done
    for line in log.read_text(encoding="utf-8").splitlines():
        entry = json.loads(line)
        if entry["n"] == n and entry["seed"] == seed and (entry["kind"], entry["start"]) not in done:
            done.add((entry["kind"], entry["start"]))
            results[entry["kind"]].extend((index, outcome) for index, outcome in entry["outcomes"])
    return done


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, nargs="?", default=1000)
    parser.add_argument("--kinds", default=",".join(KINDS))
    parser.add_argument("--batch", type=int, default=200)
    parser.add_argument("--cpu", type=int, default=10, help="CPU seconds per input")
    parser.add_argument("--memory-mb", type=int, default=2048)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "jixiao-fuzz-failures")
    parser.add_argument("--log", type=Path, help="append each batch here; batches already in it are skipped")
    parser.add_argument("--worker", nargs=6, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        kind, start, count, seed_dir, seed, cpu = args.worker
        worker(kind, int(start), int(count), Path(seed_dir), int(seed), int(cpu))
        return
    kinds = [k for k in args.kinds.split(",") if k]
    seed_dir = Path(tempfile.mkdtemp(prefix="jixiao-fuzz-seeds-"))
    for kind in kinds:
        for k, data in enumerate(seeds(kind, seed_dir)):
            (seed_dir / f"{kind}-{k}.bin").write_bytes(data)
    kinds = [k for k in kinds if load_corpus(seed_dir, k)]
    per_kind = {kind: args.n // len(kinds) + (i < args.n % len(kinds)) for i, kind in enumerate(kinds)}
    by_kind = [[(kind, start, min(args.batch, total - start)) for start in range(0, total, args.batch)]
               for kind, total in per_kind.items()]
    batches = [batch for row in zip_longest(*by_kind) for batch in row if batch]
    results: dict[str, list[tuple[int, str]]] = defaultdict(list)
    done = logged(args.log, args.n, args.seed, results) if args.log else set()
    todo = [batch for batch in batches if (batch[0], batch[1]) not in done]
    began = time.monotonic()
    inputs = 0
    with ThreadPoolExecutor(args.jobs) as pool:
        futures = {pool.submit(run_batch, kind, start, count, seed_dir, args.seed, args.cpu,
                               args.memory_mb << 20): (kind, start) for kind, start, count in todo}
        for finished, future in enumerate(as_completed(futures), 1):
            kind, start = futures[future]
            outcomes = future.result()
            results[kind].extend(outcomes)
            inputs += len(outcomes)
            if args.log:
                with args.log.open("a", encoding="utf-8") as log:
                    log.write(json.dumps({"n": args.n, "seed": args.seed, "kind": kind, "start": start,
                                          "outcomes": outcomes}) + "\n")
            rate = inputs / max(time.monotonic() - began, 1e-9)
            print(f"batch {finished}/{len(todo)} ({kind} {start}): {rate:.1f} inputs/s", file=sys.stderr,
                  flush=True)
    seconds = time.monotonic() - began
    earlier = f", {len(done)} batches taken from {args.log}" if done else ""
    print(f"{sum(len(r) for r in results.values())} inputs, {inputs} in {seconds:.0f} s on {args.jobs} workers"
          f" (seed {args.seed}{earlier})")
    print(f"{'reader':8}{'inputs':>9}{'forms>0':>9}{'refused':>9}{'crashes':>9}{'hangs':>7}{'memory':>8}")
    failures = []
    for kind in kinds:
        kinds_of = Counter()
        for index, outcome in results[kind]:
            word, _, rest = outcome.partition(" ")
            if word == "forms":
                kinds_of["refused" if rest == "-1" else "forms" if rest != "0" else "none"] += 1
            else:
                kinds_of[word] += 1
                failures.append((kind, index, outcome))
        print(f"{kind:8}{len(results[kind]):>9}{kinds_of['forms']:>9}{kinds_of['refused']:>9}"
              f"{kinds_of['crash']:>9}{kinds_of['hang']:>7}{kinds_of['memory']:>8}")
    if failures:
        args.out.mkdir(parents=True, exist_ok=True)
        for kind, index, outcome in failures:
            data = mutant(kind, index, args.seed, load_corpus(seed_dir, kind))
            (args.out / f"{kind}-{index}{SUFFIX[kind]}").write_bytes(data)
            print(f"{kind} #{index}: {outcome}")
        print(f"failing inputs saved in {args.out}")
    shutil.rmtree(seed_dir, ignore_errors=True)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
