"""Analytics on the sample corpus: the numbers are counted by hand from examples/ (and checked with SQL), filters
narrow every result, an empty corpus gives zeros, and PostgreSQL gives what SQLite gives."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from jixiao import analytics as A
from jixiao.ingest import ingest
from jixiao.names import fuzzy_groups, match_names, project_key
from jixiao.store.database import open_engine
from jixiao.store.query import Filter, forms_t, indicators_t

from .conftest import EXAMPLES
from .test_store import fresh_postgres

JXW = "上海市经济和信息化委员会"  # 经信委: 23 forms in 2023 (000_…), 5 in 2021 (001_…)
DATA_BUREAU = "上海市数据局"


@pytest.fixture
def conn(sample_engine: Engine):
    with sample_engine.connect() as connection:
        yield connection


def test_overview(conn) -> None:
    view = A.overview(conn)
    assert (view.documents, view.forms, view.departments, view.years) == (5, 58, 4, [2021, 2023, 2024])
    assert view.failures == 0
    assert view.findings == {"error": 7, "warning": 194, "info": 258}  # 9 warnings are RF10 (2023 < 2021)
    assert view.forms_with_errors == 6  # forms 12, 23, 25, 28, 39, 57
    assert view.grades == {"优": 44, "优秀": 1, "未填": 13}  # 优 before its spelling 优秀, ungraded last
    assert view.mean_self_score == pytest.approx(conn.execute(select(func.avg(forms_t.c.total_score))).scalar())
    assert view.mean_self_score == pytest.approx(97.695)
    assert view.mean_execution_rate == pytest.approx(90.2608, abs=1e-4)


def test_group_stats(conn) -> None:
    years = A.group_stats(conn, by="year")
    assert [(g.key, g.forms) for g in years] == [(2021, 5), (2023, 35), (2024, 18)]
    assert years[0].grades == {"未填": 5}  # the 2021 forms print no grade
    assert (years[0].errors, years[0].warnings, years[0].infos) == (3, 15, 22)
    departments = A.group_stats(conn)
    assert [(g.key, g.forms) for g in departments] == [
        (JXW, 28), (DATA_BUREAU, 12), ("上海市普陀区科学技术委员会", 12), ("上海市人民政府办公厅", 6)]
    assert sum(g.errors for g in departments) == 7
    grades = A.group_stats(conn, by="grade")
    assert [(g.key, g.forms) for g in grades] == [("优", 44), ("优秀", 1), (None, 13)]
    with pytest.raises(ValueError):
        A.group_stats(conn, by="unit")  # type: ignore[arg-type]


def test_execution_vs_score_is_one_point_per_form(conn) -> None:
    points = A.execution_vs_score(conn)
    assert [p.form_id for p in points] == list(range(1, 59))
    first = points[0]  # 产业转型升级重点工作 2023: 1984 / 1995.03 executed
    assert (first.project_name, first.self_score, first.grade) == ("产业转型升级重点工作", 99.94, "优")
    assert first.execution_rate == pytest.approx(99.447, abs=1e-3)
    assert first.document == "000_cf1bceb3fa2c9cc3.txt" and first.line == 3
    stable = next(p for p in points if p.project_name == "综治稳定工作")  # printed 94.4, recomputes to 92.4
    assert stable.inflation == 2.0
    assert sum(p.outlier for p in points) == 8


def test_outliers(conn) -> None:
    found = A.outliers(conn)
    assert [p.form_id for p in found] == [5, 4, 23, 19, 3, 16, 47, 14]  # lowest execution rate first
    assert found[0].project_name == "纪检专项工作经费"
    assert found[0].reason == "自评为优，但预算执行率仅 2.2%"
    assert all(p.outlier and p.grade == "优" and p.execution_rate < 80 for p in found)
    inflated = A.outliers(conn, max_rate=0, min_inflation=2)
    assert [p.form_id for p in inflated] == [23]
    assert inflated[0].reason == "自评得分 94.40 比重算得分 92.40 高 2.00 分"
    assert [p.form_id for p in A.outliers(conn, max_rate=30)] == [5, 4]


def test_deductions(conn) -> None:
    found = A.deductions(conn)
    assert len(found) == 20 + 46  # indicators below their weight + 年度资金总额 rows scored below 10
    top = found[0]  # 市城运中心工作经费, 年中预算执行率 ≥50%, actual 26%: 13 of 25
    assert (top.form_id, top.name, top.weight, top.score, top.lost) == (46, "年中预算执行率", 25.0, 13.0, 12.0)
    assert top.reason == "培训、成果发布等工作于下半年开展。"
    assert [d.lost for d in found] == sorted((d.lost for d in found), reverse=True)
    funds = [d for d in found if d.level1 == "项目资金"]
    assert len(funds) == 46 and all(d.reason is None for d in funds)
    assert next(d for d in funds if d.form_id == 5).lost == pytest.approx(9.78)  # executed 2.2%
    assert A.deductions(conn, limit=5) == found[:5]


def test_deductions_by_level(conn) -> None:
    groups = {(g.level1, g.level2): g for g in A.deductions_by_level(conn)}
    funds = groups[("项目资金", "预算执行率")]
    assert (funds.indicators, funds.deducted, funds.points_lost, funds.with_reason) == (58, 46, 62.69, 0)
    timing = groups[("产出指标", "时效指标")]
    assert (timing.indicators, timing.deducted, timing.points_lost, timing.with_reason) == (80, 6, 41.5, 6)
    total = conn.execute(select(func.count()).select_from(indicators_t)).scalar()
    assert sum(g.indicators for key, g in groups.items() if key[0] != "项目资金") == total == 495
    assert list(groups)[0] == ("项目资金", "预算执行率")  # most points lost first


def test_findings_by_rule(conn) -> None:
    rules = {r.code: r for r in A.findings_by_rule(conn)}
    assert (rules["EX01"].findings, rules["EX01"].forms, rules["EX01"].severity) == (1, 1, "error")
    assert rules["EX01"].title == "执行率与执行数、预算数不符"
    assert (rules["RF01"].findings, rules["RF01"].forms, rules["RF01"].infos) == (37, 37, 37)  # one per form
    assert sum(r.findings for r in rules.values()) == 7 + 194 + 258
    order = [r.severity for r in rules.values()]
    assert order == sorted(order, key=["error", "warning", "info"].index)


def test_findings_by_department(conn) -> None:
    found = A.findings_by_department(conn)
    assert [d.department for d in found][0] == JXW  # most errors
    jxw = found[0]
    assert (jxw.forms, jxw.errors, jxw.warnings, jxw.infos) == (28, 5, 123, 117)
    assert jxw.top_rules == ["DS07", "DS12", "DS03"]


def test_project_history_finds_the_lowered_report_target(conn) -> None:
    series = A.project_history(conn)
    assert [(s.department, s.name, s.years) for s in series] == [
        (JXW, "产业转型升级重点工作", [2021, 2023]), (JXW, "信息化发展重点工作", [2021, 2023]),
        (JXW, "综合部门重点工作", [2021, 2023])]
    upgrade = series[0]
    assert [(p.year, p.form_id) for p in upgrade.points] == [(2021, 26), (2023, 1)]
    report = next(c for c in upgrade.changes if c.name == "产业投资年报")
    assert (report.from_year, report.to_year, report.target_from, report.target_to) == (2021, 2023, 200, 160)
    assert (report.direction, report.unit, report.from_form, report.to_form) == ("lowered", "份", 26, 1)
    assert report.note == "目标由 2021 年的“=200”调低为 2023 年的“=160(份)”（2021 年实际完成“200份”）"
    assert upgrade.lowered == 5
    # the same target with another operator is a change, not a lowering: ≥100 → =100.00(次)
    checks = next(c for c in series[1].changes if c.name == "政府网站安全检查")
    assert (checks.direction, checks.target_from, checks.target_to) == ("changed", 100, 100)


def test_indicator_library(conn) -> None:
    library = A.indicator_library(conn)
    assert len(library) == 426
    entry = next(e for e in library if e.name == "产业投资年报")
    assert (entry.level1, entry.level2, entry.forms) == ("产出指标", "数量指标", 2)
    assert (entry.target_min, entry.target_median, entry.target_max) == (160, 180, 200)
    assert entry.units == ["份"] and (entry.weight_min, entry.weight_max) == (6, 10)
    common = A.indicator_library(conn, min_forms=5)
    assert common and all(e.forms >= 5 for e in common)
    assert sum(e.forms for e in library) == 495  # every indicator is in one entry


def test_filters_narrow_every_result(conn) -> None:
    year = Filter(year=2021)
    assert A.overview(conn, year).forms == 5
    assert {p.year for p in A.execution_vs_score(conn, year)} == {2021}
    assert {d.year for d in A.deductions(conn, year)} == {2021}
    assert A.project_history(conn, year) == []  # one year cannot make a series
    bureau = Filter(department=DATA_BUREAU)
    assert [d.department for d in A.findings_by_department(conn, bureau)] == [DATA_BUREAU]
    assert [g.key for g in A.group_stats(conn, bureau)] == [DATA_BUREAU]
    assert A.outliers(conn, bureau)[0].form_id == 47
    assert sum(e.forms for e in A.indicator_library(conn, bureau)) < 495
    rule = Filter(rule="AR04")
    assert A.overview(conn, rule).forms == 2
    assert A.overview(conn, Filter(grade="优")).grades == {"优": 44}
    assert sum(g.indicators for g in A.deductions_by_level(conn, Filter(year=1999))) == 0


def test_results_are_json(conn) -> None:
    for result in (A.overview(conn), A.group_stats(conn), A.execution_vs_score(conn), A.outliers(conn),
                   A.deductions(conn), A.deductions_by_level(conn), A.findings_by_rule(conn),
                   A.findings_by_department(conn), A.project_history(conn), A.indicator_library(conn)):
        items = result if isinstance(result, list) else [result]
        json.dumps([item.model_dump(mode="json") for item in items], ensure_ascii=False)


def test_empty_corpus(tmp_path: Path) -> None:
    engine = open_engine(str(tmp_path / "empty.db"))
    with engine.connect() as empty:
        view = A.overview(empty)
        assert (view.forms, view.documents, view.years, view.mean_self_score) == (0, 0, [], None)
        assert view.findings == {"error": 0, "warning": 0, "info": 0} and view.grades == {}
        for function in (A.execution_vs_score, A.outliers, A.deductions, A.deductions_by_level, A.findings_by_rule,
                         A.findings_by_department, A.project_history, A.indicator_library):
            assert function(empty) == []
        assert all(A.group_stats(empty, by=by) == [] for by in ("department", "year", "grade"))
    engine.dispose()


def test_project_names_match_across_small_changes() -> None:
    key = project_key("产业转型升级重点工作")
    assert project_key("2021年度产业转型升级重点工作项目") == key
    assert project_key("产业转型升级 重点工作（延续）") == key
    assert project_key("产业转型升级重点工作专项资金") == key
    assert project_key("2024年数据综合管理支撑经费") == "数据综合管理支撑"
    groups = fuzzy_groups(["城市数字化转型推进工作", "城市数字化转型推动工作", "纪检其他工作"], 0.85)
    assert groups["城市数字化转型推进工作"] == groups["城市数字化转型推动工作"] != groups["纪检其他工作"]
    assert match_names(["服务满意度", "产业投资年报", "节能量审核"], ["节能量审核（次）", "产业投资年报"], 0.85) == [
        (1, 1), (2, 0)]


def _plain(value):
    """A result as JSON data with floats rounded, so SQLite and PostgreSQL sums compare equal."""
    if isinstance(value, float):
        return round(value, 6) + 0.0 if math.isfinite(value) else value
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _results(engine: Engine) -> dict[str, object]:
    with engine.connect() as connection:
        calls = {
            "overview": A.overview(connection), "departments": A.group_stats(connection),
            "grades": A.group_stats(connection, by="grade"), "outliers": A.outliers(connection),
            "deductions": A.deductions(connection, limit=15), "levels": A.deductions_by_level(connection),
            "rules": A.findings_by_rule(connection), "by_department": A.findings_by_department(connection),
            "history": A.project_history(connection), "library": A.indicator_library(connection, min_forms=2),
            "filtered": A.execution_vs_score(connection, Filter(year=2024, department=DATA_BUREAU)),
        }
    return {name: _plain([r.model_dump(mode="json") for r in (v if isinstance(v, list) else [v])])
            for name, v in calls.items()}


def test_postgres_gives_the_sqlite_results(postgres_url: str, sample_engine: Engine) -> None:
    engine = fresh_postgres(postgres_url)
    ingest(engine, [EXAMPLES], jobs=1)  # one worker, so form ids are those of the SQLite sample
    pg, lite = _results(engine), _results(sample_engine)
    engine.dispose()
    for name in lite:
        assert pg[name] == lite[name], name
