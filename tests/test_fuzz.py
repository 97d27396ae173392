"""Whatever the text, reading it never raises: damaged seeds and random text give forms or nothing."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import jixiao
from tests.conftest import SEEDS

LINES = [seed.read_text(encoding="utf-8").split("\n") for seed in SEEDS]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, len(LINES) - 1), data=st.data())
def test_damaged_seed_never_raises(seed, data):
    lines = list(LINES[seed])
    for _ in range(data.draw(st.integers(0, 12))):
        op = data.draw(st.sampled_from(["drop", "dup", "swap", "cut", "noise"]))
        k = data.draw(st.integers(0, len(lines) - 1))
        if op == "drop" and len(lines) > 1:
            del lines[k]
        elif op == "dup":
            lines.insert(k, lines[k])
        elif op == "swap":
            j = data.draw(st.integers(0, len(lines) - 1))
            lines[k], lines[j] = lines[j], lines[k]
        elif op == "cut":
            lines[k] = lines[k][: data.draw(st.integers(0, len(lines[k])))]
        else:
            lines[k] = data.draw(st.text(max_size=40))
    for form in jixiao.parse_text("\n".join(lines)):
        form.record()


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=400))
def test_random_text_never_raises(text):
    jixiao.parse_text("财政项目支出绩效自评表\n" + text)
