"""Parsing throughput on the shipped samples (measured, not asserted).

usage: python bench/parse.py [ROUNDS]
"""

from __future__ import annotations

import sys
import time
import tracemalloc
from pathlib import Path

import jixiao

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def main(rounds: int = 20) -> None:
    texts = [(p.name, p.read_text(encoding="utf-8")) for p in sorted(EXAMPLES.glob("*.txt"))]
    for name, text in texts:  # warm caches
        jixiao.parse_text(text, name)
    start = time.perf_counter()
    forms = sum(len(jixiao.parse_text(text, name)) for _ in range(rounds) for name, text in texts)
    elapsed = time.perf_counter() - start
    tracemalloc.start()  # a separate pass: tracing slows parsing down several times
    for name, text in texts:
        jixiao.parse_text(text, name)
    peak = tracemalloc.get_traced_memory()[1]
    print(f"{forms} forms in {elapsed:.2f} s: {forms / elapsed:,.0f} forms/s on one core; "
          f"peak traced memory {peak / 2**20:.1f} MiB")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
