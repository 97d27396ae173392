"""Parsing throughput on the shipped samples and on the layout grid (measured, not asserted).

Each of the 58 sample forms is also written in every layout of the test grid (`tests/layout_render.py`) and
read back; the figures are forms per second on one core in the fastest of ROUNDS passes, reading only
(rendering is done beforehand), and the peak traced memory of one pass.

usage: python bench/parse.py [ROUNDS] [LAYOUT ...]
"""

from __future__ import annotations

import json
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import jixiao  # noqa: E402
from tests.layout_render import LAYOUTS, render  # noqa: E402

EXAMPLES = ROOT / "examples"
GOLDEN = ROOT / "tests" / "data" / "golden"


def measure(texts: list[tuple[str, str]], rounds: int) -> tuple[int, float, float]:
    """(forms per pass, forms per second in the fastest of `rounds` passes, peak traced MiB). The fastest pass:
    on a shared machine the others measure the neighbours too."""
    for name, text in texts:  # warm caches
        jixiao.parse_text(text, name)
    fastest = float("inf")
    forms = 0
    for _ in range(rounds):
        start = time.perf_counter()
        forms = sum(len(jixiao.parse_text(text, name)) for name, text in texts)
        fastest = min(fastest, time.perf_counter() - start)
    tracemalloc.start()  # a separate pass: tracing slows parsing down several times
    for name, text in texts:
        jixiao.parse_text(text, name)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return forms, forms / fastest, peak / 2**20


def main(rounds: int = 10, layouts: list[str] | None = None) -> None:
    samples = [(p.name, p.read_text(encoding="utf-8")) for p in sorted(EXAMPLES.glob("*.txt"))]
    goldens = [(p.stem, json.loads(p.read_text(encoding="utf-8"))["forms"]) for p in sorted(GOLDEN.glob("*.json"))]
    print(f"{'layout':18} {'forms':>6} {'forms/s':>9} {'peak MiB':>9}")
    if not layouts:
        n, rate, peak = measure(samples, rounds)
        print(f"{'samples (as shipped)':18} {n:6} {rate:9,.0f} {peak:9.1f}")
    for layout in layouts or LAYOUTS:
        texts = [(name, render(forms, layout)) for name, forms in goldens]
        n, rate, peak = measure(texts, rounds)
        print(f"{layout:18} {n:6} {rate:9,.0f} {peak:9.1f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10, sys.argv[2:])
