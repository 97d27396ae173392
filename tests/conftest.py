"""Shared test data: the shipped sample documents and their answer keys."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
GOLDEN = Path(__file__).resolve().parent / "data" / "golden"
SEEDS = sorted(EXAMPLES.glob("*.txt"))


def load_compare():
    """The field-by-field comparer shipped with the answer keys (tests/compare_golden.py)."""
    spec = importlib.util.spec_from_file_location("compare_golden", Path(__file__).parent / "compare_golden.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def golden_forms(seed: Path) -> list[dict]:
    return json.loads((GOLDEN / f"{seed.stem}.json").read_text(encoding="utf-8"))["forms"]


@pytest.fixture(scope="session")
def compare():
    return load_compare()
