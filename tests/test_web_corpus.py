"""The corpus pages (/dashboard, /rules, /lowered-targets), their JSON and CSV twins and the forms list's, and the
inbox (待办): each role sees only its units' figures, and they are the analytics services' on the same filter."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

import jixiao
from jixiao import analytics
from jixiao.check.catalogue import load_rules
from jixiao.store.query import Filter
from jixiao.web.twins import json_block

from .web_fixtures import SAMPLE, UNIT_A, UNIT_B, Web, make_web

HOSTILE = "=cmd|' /C calc'!A0 项目"


def _record_file(tmp: Path, name: str, year: int, target: str) -> Path:
    """The sample's first form as filler_b's project `HOSTILE` of `year`, its first indicator's target `target`."""
    record = jixiao.parse(SAMPLE)[0].record()
    record.pop("source")
    record.update(year=year, department=UNIT_B, project_name=HOSTILE)
    record["indicators"][0]["target"] = target
    path = tmp / name
    path.write_text(json.dumps({"forms": [record]}, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def web(tmp_path_factory: pytest.TempPathFactory) -> Web:
    tmp = tmp_path_factory.mktemp("corpus")
    web = make_web(tmp)
    uploads = [("filler_a", SAMPLE), ("filler_b", _record_file(tmp, "y2023.json", 2023, "≥300(次)")),
               ("filler_b", _record_file(tmp, "y2024.json", 2024, "≥200(次)"))]
    for who, path in uploads:
        response = web.client.post("/api/v1/documents", headers=web.auth(who),
                                   files={"file": (path.name, path.read_bytes())})
        assert response.status_code == 201, response.text
    return web


def _engine(web: Web):  # noqa: ANN202 - the app's SQLAlchemy engine
    return web.client.app.state.engine


def _login(web: Web, name: str) -> None:
    web.client.cookies.clear()
    response = web.client.post("/login", data={"username": name, "password": "correct-horse-1"},
                               follow_redirects=False)
    assert response.status_code == 303


VISIBLE = {"filler_a": (UNIT_A,), "filler_b": (UNIT_B,), "reviewer_a": (UNIT_A,), "reviewer_all": None,
           "admin": None}


@pytest.mark.parametrize("who", list(VISIBLE))
def test_dashboard_twin_is_the_analytics_of_what_the_account_sees(web: Web, who: str) -> None:
    data = web.client.get("/dashboard.json", headers=web.auth(who)).json()
    flt = Filter(units=VISIBLE[who])
    with _engine(web).connect() as conn:
        overview = analytics.overview(conn, flt)
        rules = [r.model_dump(mode="json") for r in analytics.findings_by_rule(conn, flt)]
        grades = [g.model_dump(mode="json") for g in analytics.group_stats(conn, flt, "grade")]
    assert data["overview"]["forms"] == overview.forms == {"filler_a": 6, "filler_b": 2, "reviewer_a": 6}.get(who, 8)
    assert data["overview"]["findings"] == overview.findings and data["overview"]["grades"] == overview.grades
    assert data["rules"] == rules and data["by_grade"] == grades
    assert data["points"]["total"] == overview.forms == len(data["points"]["rows"])
    assert ("failures" in data["overview"]) is (who == "admin")  # unreadable files belong to no unit
    departments = {p[data["points"]["columns"].index("department")] for p in data["points"]["rows"]}
    assert departments <= set(VISIBLE[who] or (UNIT_A, UNIT_B))


def test_dashboard_filters_are_the_reports_filters(web: Web) -> None:
    risks = [f["risk"] for f in web.client.get("/api/v1/forms", headers=web.auth("admin")).json()["forms"]]
    middle = sorted(r for r in risks if r is not None)[len(risks) // 2]
    query = {"year": "2024", "min_risk": str(middle), "rule": "sc10", "grade": "", "department": UNIT_A}
    data = web.client.get("/dashboard.json", params=query, headers=web.auth("reviewer_a")).json()
    flt = Filter(year=2024, department=UNIT_A, rule="SC10", min_risk=middle, units=(UNIT_A,))
    with _engine(web).connect() as conn:
        expected = analytics.overview(conn, flt)
    assert 0 < data["overview"]["forms"] == expected.forms < 6
    assert data["filter"] == {k: v for k, v in query.items() if v} and data["problems"] == []
    assert "风险分 ≥" in data["scope"] and "SC10" in data["scope"]


def test_bad_filter_values_are_named_in_chinese_and_left_out(web: Web) -> None:
    data = web.client.get("/dashboard.json", params={"year": "二〇二四", "min_risk": "nan", "rule": "XX99"},
                          headers=web.auth("admin")).json()
    assert len(data["problems"]) == 3 and all("未按" in p for p in data["problems"])
    assert data["overview"]["forms"] == 8


@pytest.mark.parametrize("who", ["filler_a", "reviewer_a", "admin"])
def test_dashboard_page_draws_from_shipped_scripts(web: Web, who: str) -> None:
    _login(web, who)
    page = web.client.get("/dashboard", params={"year": "2024"})
    assert page.status_code == 200 and "default-src 'self'" in page.headers["content-security-policy"]
    html = page.text
    assert '<script src="/static/report/echarts.min.js" defer></script>' in html
    assert "<script>" not in html and 'id="chart-grades"' in html
    assert 'href="/dashboard.json?year=2024"' in html
    assert ("读取失败的文件" in html) is (who == "admin")
    block = re.search(r'<script type="application/json" id="figures">(.*?)</script>', html, re.S)
    assert block and json.loads(block.group(1)) == web.client.get("/dashboard.json?year=2024").json()
    for asset in ("/static/report/echarts.min.js", "/static/dashboard.js"):
        assert web.client.get(asset).status_code == 200
    web.client.cookies.clear()


def test_json_block_cannot_end_its_script() -> None:
    text = str(json_block({"department": "</script><script>alert(1)</script>", "note": "a & b's <x>"}))
    assert "<" not in text and ">" not in text and "&" not in text and "'" not in text
    assert json.loads(text) == {"department": "</script><script>alert(1)</script>", "note": "a & b's <x>"}


@pytest.mark.parametrize("path", ["/dashboard", "/rules", "/rules/EX02", "/lowered-targets", "/inbox"])
def test_pages_need_a_session_and_twins_a_login(web: Web, path: str) -> None:
    web.client.cookies.clear()
    assert web.client.get(path, follow_redirects=False).headers["location"] == "/login"
    twin = web.client.get(path + ".json")
    assert twin.status_code == 401 and "令牌" in twin.json()["detail"]
    assert web.client.get(path + ".json", headers={"Authorization": "Bearer nonsense"}).status_code == 401


def test_rules_pages_and_twins_are_the_catalogue(web: Web) -> None:
    catalogue = load_rules()
    body = web.client.get("/rules.json", headers=web.auth("filler_a")).json()
    assert [r["code"] for r in body["rules"]] == list(catalogue)
    rows = list(csv.reader(io.StringIO(web.client.get("/rules.csv", headers=web.auth("filler_a")).text)))
    assert rows[0][0] == "\ufeffcode" and len(rows) == len(catalogue) + 1
    entry = web.client.get("/rules/ex02.json", headers=web.auth("filler_a")).json()
    assert entry["code"] == "EX02" and entry["explanation"] == catalogue["EX02"].doc()
    _login(web, "filler_a")
    listing = web.client.get("/rules").text
    assert all(f'href="/rules/{code}"' in listing for code in catalogue) and 'href="/rules.csv"' in listing
    page = web.client.get("/rules/EX02")
    assert page.status_code == 200 and catalogue["EX02"].title in page.text
    missing = web.client.get("/rules/XX99")
    assert missing.status_code == 404 and "没有代码为 XX99 的规则" in missing.text
    web.client.cookies.clear()


def test_lowered_targets_for_its_unit_only(web: Web) -> None:
    seen = web.client.get("/lowered-targets.json", headers=web.auth("filler_b")).json()
    with _engine(web).connect() as conn:
        series = analytics.project_history(conn, Filter(units=(UNIT_B,)))
    lowered = [c for s in series for c in s.changes if c.direction == "lowered"]
    assert len(seen["rows"]) == len(lowered) == 1
    row = seen["rows"][0]
    assert (row["from_year"], row["to_year"], row["project"]) == (2023, 2024, HOSTILE)
    assert web.client.get("/lowered-targets.json", headers=web.auth("filler_a")).json()["rows"] == []
    table = list(csv.reader(io.StringIO(web.client.get("/lowered-targets.csv",
                                                        headers=web.auth("filler_b")).text.lstrip("\ufeff"))))
    assert table[0][:2] == ["department", "project"] and table[1][1] == "'" + HOSTILE  # defused


def test_forms_twins_are_the_list_and_csv_is_injection_safe(web: Web) -> None:
    listing = web.client.get("/forms.json", headers=web.auth("filler_b")).json()
    assert listing["total"] == 2 and {f["unit"] for f in listing["forms"]} == {UNIT_B}
    assert web.client.get("/forms.json", headers=web.auth("admin")).json()["total"] == 8
    text = web.client.get("/forms.csv", params={"year": "2024"}, headers=web.auth("filler_b")).text
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert len(rows) == 1 and rows[0]["project_name"] == "'" + HOSTILE
    assert not any(cell.startswith("=") for row in rows for cell in row.values())
    _login(web, "filler_b")
    assert 'href="/forms.csv"' in web.client.get("/forms").text
    web.client.cookies.clear()


def _inbox(web: Web, who: str) -> dict:
    response = web.client.get("/api/v1/inbox", headers=web.auth(who))
    assert response.status_code == 200, response.text
    return response.json()


def test_inbox_per_role_after_submit_and_return(web: Web) -> None:
    assert web.client.get("/api/v1/inbox").status_code == 401
    before = {who: _inbox(web, who)["total"] for who in ("filler_a", "reviewer_a", "reviewer_b", "admin")}
    assert before["filler_a"] == 6 and all(f["status"] == "draft" for f in _inbox(web, "filler_a")["forms"])
    form_id = _inbox(web, "filler_a")["forms"][0]["id"]
    assert web.client.post(f"/api/v1/forms/{form_id}/submit", headers=web.auth("filler_a")).status_code == 200
    after = {who: _inbox(web, who) for who in before}
    assert after["filler_a"]["total"] == before["filler_a"] - 1
    for who in ("reviewer_a", "admin"):
        assert after[who]["total"] == before[who] + 1 and after[who]["forms"][0]["id"] == form_id
    assert after["reviewer_b"]["total"] == before["reviewer_b"]  # another unit's reviewer
    comment = "<b>请补充</b>偏差原因"
    returned = web.client.post(f"/api/v1/forms/{form_id}/return", headers=web.auth("reviewer_a"),
                               json={"comment": comment})
    assert returned.status_code == 200
    first = _inbox(web, "filler_a")["forms"][0]
    assert (first["id"], first["status"], first["comment"], first["returned_by"]) == (
        form_id, "returned", comment, "reviewer_a")
    assert _inbox(web, "reviewer_a")["total"] == before["reviewer_a"]
    _login(web, "filler_a")
    page = web.client.get("/inbox").text
    assert "&lt;b&gt;请补充&lt;/b&gt;偏差原因" in page and "<b>请补充" not in page  # escaped
    assert f'待办 <span class="badge" title="等待您处理的自评表">{before["filler_a"]}</span>' in (
        web.client.get("/forms").text)
    web.client.cookies.clear()


@pytest.mark.parametrize("year", ["①②③④", "²⁰²⁴"])
def test_a_year_of_digits_int_cannot_read_is_said_not_an_error(web: Web, year: str) -> None:
    """Characters Python counts as digits but `int()` cannot read (circled, superscript) in the year: the page
    says the year was not understood (before: an internal error, 500)."""
    _login(web, "admin")
    page = web.client.get("/dashboard", params={"year": year})
    assert page.status_code == 200 and "年度应为四位数字" in page.text
    assert web.client.get("/dashboard.json", params={"year": year}).status_code in (200, 400)
    web.client.cookies.clear()
