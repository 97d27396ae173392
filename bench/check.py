"""Scoring and checking throughput on the shipped samples (measured, not asserted): `checked_rows` (score, the
rule catalogue, the table rows ingest stores) on parsed forms, parse + `checked_rows` as ingest's workers run it, and
what `jixiao check` does after reading: score once, check, and the risk score from the same scorecards.

Rounds after the first find the caches of repeated texts warm, as a worker does after its first documents.

usage: python bench/check.py [ROUNDS] [PROFILE]
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

import jixiao
from jixiao.check import check_forms, score
from jixiao.check.profile import DEFAULT_PROFILE, load_profile
from jixiao.check.risk import assess
from jixiao.store.rows import checked_rows

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def _rate(label: str, rounds: int, run: Callable[[], int]) -> None:
    run()  # warm caches
    start = time.perf_counter()
    forms = sum(run() for _ in range(rounds))
    elapsed = time.perf_counter() - start
    print(f"{label}: {forms} forms in {elapsed:.2f} s: {forms / elapsed:,.0f} forms/s on one core")


def main(rounds: int = 20, profile_name: str = DEFAULT_PROFILE) -> None:
    profile = load_profile(profile_name)
    texts = [(p.name, p.read_text(encoding="utf-8")) for p in sorted(EXAMPLES.glob("*.txt"))]
    forms = [form for name, text in texts for form in jixiao.parse_text(text, name)]

    def check_only() -> int:
        for index, form in enumerate(forms):
            checked_rows(form, profile, index)
        return len(forms)

    def parse_and_check() -> int:
        count = 0
        for name, text in texts:
            for index, form in enumerate(jixiao.parse_text(text, name)):
                checked_rows(form, profile, index)
                count += 1
        return count

    def check_command() -> int:
        cards = [score(form, profile) for form in forms]
        assess(forms, check_forms(forms, profile, cards=cards), profile, cards)
        return len(forms)

    _rate(f"score + check ({profile_name})", rounds, check_only)
    _rate(f"jixiao check: score, check, risk ({profile_name})", rounds, check_command)
    _rate(f"parse + score + check ({profile_name})", rounds, parse_and_check)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20, sys.argv[2] if len(sys.argv) > 2 else DEFAULT_PROFILE)
