"""The corpus rule RF10 (a target lower than the same project's last year) in a SQLite corpus: run at ingest against
the store, whichever year comes first, stored like every finding (findings table, counts, risk), and gone again
when the earlier year is corrected."""

from __future__ import annotations

import copy
import json
from pathlib import Path

from sqlalchemy import Engine, select

from jixiao import analytics
from jixiao.ingest import ingest
from jixiao.store.database import open_engine
from jixiao.store.query import documents_t, findings_t, forms_t
from tests.test_rules import BASE


def _write(folder: Path, name: str, year: int, target: str, project: str = "2020年干部培训项目") -> Path:
    record = copy.deepcopy(BASE)
    record.update(year=year, project_name=project)
    record["indicators"][0]["target"] = target
    record["source"]["file"] = name
    path = folder / name
    path.write_text(json.dumps({"forms": [record]}, ensure_ascii=False), encoding="utf-8")
    return path


def _state(engine: Engine) -> list[tuple]:
    """Per current form: year, counts by severity, risk, and its RF10 findings (path, severity, message)."""
    with engine.connect() as conn:
        forms = conn.execute(select(forms_t.c.id, forms_t.c.year, forms_t.c.errors, forms_t.c.warnings,
                                    forms_t.c.infos, forms_t.c.risk)
                             .join(documents_t, documents_t.c.id == forms_t.c.document_id)
                             .where(documents_t.c.is_current.is_(True)).order_by(forms_t.c.year)).all()
        out = []
        for form in forms:
            found = conn.execute(select(findings_t.c.path, findings_t.c.severity, findings_t.c.message)
                                 .where(findings_t.c.form_id == form.id, findings_t.c.code == "RF10")).all()
            out.append((form.year, form.errors, form.warnings, form.infos, form.risk, [tuple(f) for f in found]))
    return out


def test_a_lowered_target_is_found_against_the_stored_earlier_year(tmp_path: Path) -> None:
    engine = open_engine(str(tmp_path / "corpus.db"))
    docs = tmp_path / "docs"
    docs.mkdir()
    later = _write(docs, "2021.json", 2021, "≥8(场)", project="干部培训项目（2021年）")
    first = ingest(engine, [later], jobs=1)
    assert first.corpus_findings == {}  # one year alone: nothing to compare with
    (alone,) = _state(engine)
    assert alone[5] == []
    earlier = _write(docs, "2020.json", 2020, "≥10(场)")
    second = ingest(engine, [earlier], jobs=1)  # the earlier year arrives second: the later form is rechecked
    assert second.corpus_findings == {"warning": 1}
    before, after = _state(engine)
    assert before[5] == []
    assert after[5] == [("indicators.0.target", "warning",
                         "“培训场次”的年度指标值由 2020 年的“≥10(场)”调低为“≥8(场)”，2020 年实际完成“12(场)”")]
    assert after[2] == alone[2] + 1 and after[4] > alone[4]  # counted, and in the risk score
    with engine.connect() as conn:
        (rule,) = [r for r in analytics.findings_by_rule(conn) if r.code == "RF10"]
    assert (rule.warnings, rule.forms) == (1, 1)  # the report's rule counts see it
    _write(docs, "2020.json", 2020, "≥8(场)")  # the earlier year corrected: a new version, the finding goes
    ingest(engine, [earlier], jobs=1)
    corrected, again = _state(engine)
    assert corrected[5] == [] and again == alone  # counts and risk back to what they were
    engine.dispose()


def test_rf10_left_out_by_the_selection_is_not_run(tmp_path: Path) -> None:
    engine = open_engine(str(tmp_path / "corpus.db"))
    paths = [_write(tmp_path, "2020.json", 2020, "≥10(场)"), _write(tmp_path, "2021.json", 2021, "≥8(场)")]
    summary = ingest(engine, paths, jobs=1, codes=["AR01", "SC08"])
    assert summary.corpus_findings == {}
    assert all(state[5] == [] for state in _state(engine))
    engine.dispose()
