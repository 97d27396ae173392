"""The risk score of a form (docs/risk.md): its parts, the money factor with units normalised, the forms it puts
first, and the copy the corpus stores (also for forms stored before the score existed)."""

from __future__ import annotations

import copy
import math
from pathlib import Path

import pytest
from sqlalchemy import Engine, select, text

from jixiao.check import check, score
from jixiao.check.profile import load_profile
from jixiao.check.risk import form_risk, money_factor, risk_of
from jixiao.ingest import ingest
from jixiao.model import Form
from jixiao.store.database import open_engine, upgrade
from jixiao.store.query import forms_t
from tests.conftest import EXAMPLES
from tests.test_rules import BASE

NATIONAL = load_profile("national")


def risk_of_record(record: dict):
    form = Form.model_validate(record)
    card = score(form, NATIONAL)
    return form_risk(form, check(form, NATIONAL, card=card).findings, card, NATIONAL)


def test_parts_and_formula():
    r = risk_of(errors=2, warnings=13, self_score=96.0, recomputed_score=93.5, execution_rate=40.0, grade="优",
                grade_floor=90.0, budget_wan=1000.0)
    assert r.findings == 2 * 10 + 10 * 2  # warnings count up to ten
    assert r.inflation == 5.0 and r.execution == 25.0
    assert r.factor == pytest.approx(1 + math.log10(11), abs=1e-4)
    assert r.score == round((40 + 5 + 25) * (1 + math.log10(11)), 1)
    parts = r.parts()
    assert parts[0] == "问题 40（错误 2 × 10 + 警告 13（计 10 条） × 2）"
    assert parts[1].startswith("虚高 5（自评 96.00 − 重算 93.50") and parts[2].startswith("执行 25（自评优，下限 90")
    assert parts[-1] == "金额系数 2.04（全年预算 1,000.00 万元）"
    assert r.explain().startswith(f"风险分 {r.score:g} = 问题 40")


def test_nothing_wrong_is_zero_and_money_factor_is_log_scaled():
    assert risk_of().score == 0 and risk_of(self_score=90, recomputed_score=95).inflation == 0
    assert risk_of(execution_rate=120, grade_floor=90).execution == 0
    assert money_factor(None) == money_factor(0) == money_factor(-5) == money_factor(float("nan")) == 1
    assert [round(money_factor(b), 2) for b in (10, 100, 1_000, 10_000)] == [1.04, 1.3, 2.04, 3.0]


def test_low_execution_graded_top_outranks_a_rounding_slip():
    slip = copy.deepcopy(BASE)
    slip["funds"]["total"]["execution_rate"] = 95.01  # one EX01 error, nothing else
    low = copy.deepcopy(BASE)
    low["funds"]["total"].update(executed=2.2, execution_rate=2.2, score=0.22)
    low["funds"]["current_year"].update(executed=2.2, execution_rate=2.2)
    low["total_score"] = round(99.2 - 9.5 + 0.22, 2)
    clean = risk_of_record(BASE)
    assert clean.score == 0 and clean.budget_wan == 100
    assert risk_of_record(slip).errors == 1
    assert risk_of_record(low).execution == pytest.approx(0.5 * (90 - 2.2))
    assert risk_of_record(low).score > risk_of_record(slip).score


def test_amounts_in_yuan_are_normalised():
    in_yuan = copy.deepcopy(BASE)
    in_yuan["fund_unit"] = "元"
    for row in in_yuan["funds"].values():
        for key in ("initial_budget", "annual_budget", "executed"):
            row[key] *= 10_000
    assert risk_of_record(in_yuan).budget_wan == 100
    assert risk_of_record(in_yuan).factor == risk_of_record(BASE).factor


def test_an_unstated_unit_is_assumed_out_loud():
    """A form that prints no unit is taken to be in 万元; the risk's parts and AR06 say so, never silently."""
    unstated = copy.deepcopy(BASE)
    unstated["fund_unit"] = None
    risk = risk_of_record(unstated)
    assert risk.unit_assumed and risk.factor == risk_of_record(BASE).factor
    assert risk.parts()[-1] == "金额系数 1.30（全年预算 100.00 万元，原表未注明单位，按万元计）"
    assert not risk_of_record(BASE).unit_assumed
    form = Form.model_validate(unstated)
    (finding,) = [f for f in check(form, NATIONAL).findings if f.code == "AR06"]
    assert "按万元" in finding.message
    assert finding.explanation == "全年预算数 100 按 100 万元计；若原表以元计，应为 0.01 万元"


def test_a_grade_not_printed_is_the_grade_of_the_printed_total():
    record = copy.deepcopy(BASE)
    record["grade"] = None
    record["funds"]["total"].update(executed=50.0, execution_rate=50.0, score=5.0)
    record["funds"]["current_year"].update(executed=50.0, execution_rate=50.0)
    record["total_score"] = 99.2 - 4.5
    r = risk_of_record(record)
    assert r.grade == "优" and r.grade_floor == 90 and r.execution == 20


def test_the_corpus_stores_the_score(sample_engine: Engine):
    with sample_engine.connect() as conn:
        rows = conn.execute(select(forms_t.c.id, forms_t.c.risk, forms_t.c.risk_parts)
                            .order_by(forms_t.c.risk.desc())).all()
    assert len(rows) == 58 and all(r.risk is not None for r in rows)
    top = rows[0]
    assert top.risk == risk_of(**{k: top.risk_parts[k] for k in (
        "errors", "warnings", "self_score", "recomputed_score", "execution_rate", "grade", "grade_floor",
        "budget_wan")}).score
    # 执行率 2.20% 自评优 (纪检专项工作经费, no error) is among the five riskiest forms of the samples
    with sample_engine.connect() as conn:
        low = conn.execute(select(forms_t.c.id).where(forms_t.c.project_name == "纪检专项工作经费")).scalar_one()
    assert low in [r.id for r in rows[:5]]


def test_forms_stored_before_the_score_get_it_when_the_corpus_is_upgraded(tmp_path: Path):
    engine = open_engine(str(tmp_path / "old.db"))
    ingest(engine, [EXAMPLES / "000_cf1bceb3fa2c9cc3.txt"], jobs=1)
    query = text("SELECT id, risk, risk_parts FROM forms ORDER BY id")
    with engine.connect() as conn:
        stored = conn.execute(query).all()
    with engine.begin() as conn:  # the corpus as revision 0002 left it
        conn.execute(text("DROP INDEX ix_forms_risk"))
        conn.execute(text("ALTER TABLE forms DROP COLUMN risk"))
        conn.execute(text("ALTER TABLE forms DROP COLUMN risk_parts"))
        for table in ("review_notes", "corrections", "form_history", "form_status", "tokens", "users"):  # 0004–0006
            conn.execute(text(f"DROP TABLE {table}"))
        conn.execute(text("UPDATE alembic_version SET version_num = '0002'"))
    upgrade(engine)
    with engine.connect() as conn:
        assert conn.execute(query).all() == stored
    engine.dispose()


def test_a_checked_form_is_scored_once(monkeypatch):
    """`jixiao check` scores each form once and hands the scorecard to both the rules and the risk score."""
    import sys

    from jixiao.check import check_forms
    from jixiao.check.risk import assess

    forms = [Form.model_validate(BASE), Form.model_validate(BASE)]
    cards = [score(form, NATIONAL) for form in forms]
    calls = []

    def counted(*args, **kwargs):
        calls.append(args)
        return score(*args, **kwargs)

    monkeypatch.setattr(sys.modules["jixiao.check"], "score", counted)  # `jixiao.check` is also a function
    monkeypatch.setattr(sys.modules["jixiao.check.risk"], "score", counted)
    report = check_forms(forms, NATIONAL, cards=cards)
    assert [r.score for r in assess(forms, report, NATIONAL, cards)] == [0.0, 0.0]
    assert calls == []
    assess(forms, check_forms(forms, NATIONAL), NATIONAL)
    assert len(calls) == 4  # without cards: once to check, once for the risk
