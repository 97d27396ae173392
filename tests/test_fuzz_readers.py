"""A fuzz target per reader (text, HTML, Word, Excel .xlsx and .xls, PDF): mutants of real documents of that
format never raise anything but the project's read error. Brief here (JIXIAO_FUZZ_EXAMPLES per reader, default
8, so the file takes seconds); `bench/fuzz.py N` runs the same mutations at length, isolated in subprocesses."""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.fuzz_inputs import KINDS, SUFFIX, mutate, read_one, seeds

EXAMPLES = int(os.environ.get("JIXIAO_FUZZ_EXAMPLES", "8"))


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


@pytest.mark.parametrize("kind", KINDS)
def test_reader_survives_mutants(kind, folder):
    corpus = seeds(kind, folder)
    if not corpus:
        pytest.skip(f"no {kind} seed here (needs LibreOffice)")
    path = folder / f"mutant{SUFFIX[kind]}"

    @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
              suppress_health_check=[HealthCheck.too_slow])
    @given(seed=st.sampled_from(corpus), rng=st.randoms(use_true_random=False))
    def target(seed: bytes, rng: random.Random) -> None:
        path.write_bytes(mutate(kind, seed, rng))
        read_one(path)  # a form, nothing or InputError; anything else fails the test

    target()
