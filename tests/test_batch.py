"""`jixiao check` over many documents: forms spilled between the two passes give the same reports as checking
them all in memory (the corpus rule RF10 included), and a spill that cannot be written is a clear error."""

from __future__ import annotations

from pathlib import Path

import pytest

from jixiao.check import _profile, check_forms, score
from jixiao.check.batch import Spill, SpillError, check_batch, read_batch
from jixiao.check.risk import assess
from jixiao.check.select import Selection
from jixiao.parse import iter_files, parse_file

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.fixture(scope="module")
def results():
    return [parse_file(path) for path in iter_files([EXAMPLES])]


def test_spill_gives_back_each_form(results):
    forms = [form for result in results for form in result.forms]
    with Spill() as spill:
        numbers = [spill.add(form) for form in forms]
        assert numbers == list(range(len(forms)))
        assert [spill.get(n) for n in reversed(numbers)] == forms[::-1]


def test_batch_checks_as_in_memory(results):
    profile = _profile(None)
    forms = [form for result in results for form in result.forms]
    cards = [score(form, profile) for form in forms]
    expected = check_forms(forms, profile, cards=cards)
    risks = assess(forms, expected, profile, cards)
    with Spill() as spill:
        batch = read_batch(results, [], spill)
        got = list(check_batch(batch, profile, Selection()))
    assert [report for report, _ in got] == expected.forms
    assert [risk for _, risk in got] == risks
    assert any(f.code == "RF10" for report, _ in got for f in report.findings)  # an earlier year was compared


def test_unwritable_spill_is_an_error(monkeypatch, tmp_path):
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path / "missing"))
    with pytest.raises(SpillError, match="无法写入临时文件"):
        Spill()
