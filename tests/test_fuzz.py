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
        jixiao.check(form)  # whatever the parser yields, the checker takes


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=400))
def test_random_text_never_raises(text):
    jixiao.parse_text("财政项目支出绩效自评表\n" + text)


NUMBERS = st.one_of(st.none(), st.sampled_from([0.0, -1.0, 1e-9, 1e12]), st.floats(-1e6, 1e6, allow_nan=False))
TEXTS = st.one_of(st.none(), st.sampled_from(["", "-", "≥0%", "=0", "<0", "前零名", "1:0", "0:0", "达成指标", "未"]),
                  st.text(max_size=12))


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_check_never_raises_on_odd_values(data):
    from tests.test_rules import build

    fund_fields = ["initial_budget", "annual_budget", "executed", "weight", "execution_rate", "score"]
    changes = {f"funds.{row}.{field}": data.draw(NUMBERS) for row in ("total", "current_year")
               for field in data.draw(st.lists(st.sampled_from(fund_fields), max_size=3))}
    for i in data.draw(st.lists(st.integers(0, 5), max_size=3)):
        for field in ("target", "actual", "deviation", "name", "level1"):
            changes[f"indicators.{i}.{field}"] = data.draw(TEXTS)
        for field in ("weight", "score"):
            changes[f"indicators.{i}.{field}"] = data.draw(NUMBERS)
    changes["total_score"] = data.draw(NUMBERS)
    changes["grade"] = data.draw(TEXTS)
    form = build({"set": changes})
    for profile in ("national", "strict"):
        report = jixiao.check(form, profile)
        assert all(f.message for f in report.findings)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_damaged_glued_text_never_raises(data):
    """Cells glued with nothing between them (`assemble/glued.py`), damaged: runs of digits put in (the cutting of
    glued numbers is bounded), pieces cut out or repeated — never raises."""
    from tests.test_real_shapes import small_form

    text = small_form("").replace("\n", "")
    for _ in range(data.draw(st.integers(1, 8))):
        k = data.draw(st.integers(0, len(text)))
        op = data.draw(st.sampled_from(["digits", "cut", "dup"]))
        if op == "digits":
            text = text[:k] + data.draw(st.text(alphabet="0123456789.,%-", min_size=1, max_size=80)) + text[k:]
        elif op == "cut":
            text = text[:k] + text[k + data.draw(st.integers(1, 30)):]
        else:
            text = text[:k] + text[max(0, k - 40):k] + text[k:]
    for form in jixiao.parse_text(text):
        form.record()
        jixiao.check(form)
