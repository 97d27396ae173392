"""Every seed form reads exactly as its answer key says, field by field."""

from __future__ import annotations

import pytest

import jixiao
from tests.conftest import SEEDS, golden_forms


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_seed_reads_exactly(seed, compare):
    got = [f.record() for f in jixiao.parse(seed)]
    gold = golden_forms(seed)
    key = lambda f: compare.norm_text(f.get("project_name")) + "|" + compare.norm_text(f.get("implementing_unit"))  # noqa: E731
    mapping = compare.pair([key(f) for f in gold], [key(f) for f in got])
    assert len(got) == len(gold), "every form found, no extra form"
    wrong = []
    for i, g in enumerate(gold):
        out: list = []
        compare.compare_form(g, got[mapping[i]] if i in mapping else None, out)
        wrong += [f"form {i} {path}: want {want!r} got {have!r}" for path, ok, want, have in out if not ok]
    assert not wrong, "\n".join(wrong[:20])


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_source_lines_match_answer_key(seed):
    for form, gold in zip(jixiao.parse(seed), golden_forms(seed), strict=True):
        assert form.source.form_index == gold["source"]["form_index"]
        assert form.source.first_line == gold["source"]["first_line"]
        assert form.source.last_line == gold["source"]["last_line"]
        assert form.source.file.endswith(gold["source"]["file"])
