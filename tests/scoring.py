"""Scoring a reading against its answer key, field by field (the grid, the format round trips)."""

from __future__ import annotations

from tests.conftest import load_compare

COMPARE = load_compare()


def _key(form: dict) -> str:
    return COMPARE.norm_text(form.get("project_name")) + "|" + COMPARE.norm_text(form.get("implementing_unit"))


def score(gold: list[dict], got: list[dict]) -> tuple[int, int, list[str], int, int]:
    """(fields, matched, mismatch lines, missing forms, extra forms), pairing forms as tests/test_golden.py does."""
    mapping = COMPARE.pair([_key(f) for f in gold], [_key(f) for f in got])
    total = matched = 0
    wrong: list[str] = []
    for i, g in enumerate(gold):
        out: list = []
        COMPARE.compare_form(g, got[mapping[i]] if i in mapping else None, out)
        for path, ok, want, have in out:
            if not path.startswith("indicators.extra"):
                total += 1
                matched += ok
            if not ok:
                wrong.append(f"form {i} {path}: want {want!r:.60} got {have!r:.60}")
    return total, matched, wrong, len(gold) - len(mapping), len(got) - len(mapping)
