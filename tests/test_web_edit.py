"""Filling in, correcting and waiving through the API: new drafts and saving them, next year's form, the indicator
table from Excel, corrections kept with the original reading, waivers, several files in one upload, and users."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

import jixiao

from .web_fixtures import PASSWORD, SAMPLE, UNIT_A, UNIT_B, Web, make_web, record_file


@pytest.fixture(scope="module")
def web(tmp_path_factory: pytest.TempPathFactory) -> Web:
    return make_web(tmp_path_factory.mktemp("web"))


def _record(**changes: object) -> dict:
    record = jixiao.parse(SAMPLE)[0].record()
    record.pop("source")
    record.update(changes)
    return record


def _new(web: Web, who: str = "filler_a", **changes: object) -> dict:
    response = web.client.post("/api/v1/forms", headers=web.auth(who), json=_record(**changes))
    assert response.status_code == 201, response.text
    return response.json()


def test_a_filler_creates_and_saves_a_draft_of_its_unit(web: Web) -> None:
    form = _new(web, department=UNIT_B)  # a filler's form is its unit's, whatever it states
    assert form["unit"] == UNIT_A and form["status"] == "draft" and form["source"]["file"] == "网页填报"
    assert form["recomputed"]["total_score_recomputed"] is not None and form["findings"]
    changed = _record(project_name="改过的名称", total_score=1.0)
    saved = web.client.put(f"/api/v1/forms/{form['id']}", headers=web.auth("filler_a"), json=changed)
    assert saved.status_code == 200 and saved.json()["project_name"] == "改过的名称"
    assert saved.json()["id"] == form["id"] and saved.json()["total_score"] == 1.0
    history = web.client.get(f"/api/v1/forms/{form['id']}/history", headers=web.auth("filler_a")).json()
    assert [h["comment"] for h in history] == ["新建（网页填报）"]


def test_who_may_create_and_save(web: Web) -> None:
    assert web.client.post("/api/v1/forms", headers=web.auth("reviewer_a"), json=_record()).status_code == 403
    assert web.client.post("/api/v1/forms", headers=web.auth("admin"), json=_record()).status_code == 201
    bad = web.client.post("/api/v1/forms", headers=web.auth("filler_a"), json=_record(year="明年"))
    assert bad.status_code == 422 and "year" in bad.json()["detail"]
    form = _new(web)
    assert web.client.put(f"/api/v1/forms/{form['id']}", headers=web.auth("filler_b"),
                          json=_record()).status_code == 404  # another unit's
    assert web.client.put(f"/api/v1/forms/{form['id']}", headers=web.auth("reviewer_a"),
                          json=_record()).status_code == 403
    web.client.post(f"/api/v1/forms/{form['id']}/submit", headers=web.auth("filler_a"))
    late = web.client.put(f"/api/v1/forms/{form['id']}", headers=web.auth("filler_a"), json=_record())
    assert late.status_code == 409 and "草稿" in late.json()["detail"]


def test_next_year_keeps_the_indicators_and_empties_the_results(web: Web) -> None:
    form = _new(web)
    following = web.client.get(f"/api/v1/forms/{form['id']}/next-year", headers=web.auth("filler_a")).json()
    assert following["year"] == form["year"] + 1 and following["project_name"] == form["project_name"]
    assert [i["name"] for i in following["indicators"]] == [i["name"] for i in form["indicators"]]
    assert all(i["actual"] is None and i["score"] is None for i in following["indicators"])
    assert following["total_score"] is None and following["funds"]["total"]["executed"] is None
    assert web.client.get(f"/api/v1/forms/{form['id']}/next-year", headers=web.auth("filler_b")).status_code == 404


def test_scoring_from_a_page_needs_the_sessions_csrf_token(web: Web) -> None:
    login = web.client.post("/login", data={"username": "filler_a", "password": PASSWORD}, follow_redirects=False)
    session = login.cookies["jixiao_session"]
    page = web.client.get("/forms/new")
    csrf = page.text.split('name="csrf" content="')[1].split('"')[0]
    assert web.client.post("/api/v1/score", json=_record()).status_code == 401  # the cookie alone is not enough
    assert web.client.post("/api/v1/score", json=_record(), headers={"X-CSRF-Token": "x" * 64}).status_code == 401
    scored = web.client.post("/api/v1/score", json=_record(), headers={"X-CSRF-Token": csrf})
    assert scored.status_code == 200 and scored.json()["recomputed"]["grade_recomputed"]
    web.client.post("/logout", data={"csrf": csrf})
    assert session and web.client.post("/api/v1/score", json=_record(),
                                       headers={"X-CSRF-Token": csrf}).status_code == 401


def test_the_indicator_template_and_its_import(web: Web) -> None:
    template = web.client.get("/api/v1/indicator-template.xlsx", headers=web.auth("filler_a"))
    assert template.status_code == 200 and "spreadsheetml" in template.headers["content-type"]
    book = load_workbook(io.BytesIO(template.content))
    sheet = book["绩效指标"]
    assert [c.value for c in sheet[1]][:3] == ["一级指标", "二级指标", "三级指标"]
    sheet.append(["产出指标", "数量指标", "培训人次", "≥100人次", "120人次", 10, 10, None])
    sheet.append([None, None, "覆盖率", "≥90%", "95%", "十分", 9, ""])
    out = io.BytesIO()
    book.save(out)
    imported = web.client.post("/api/v1/indicators/import", headers=web.auth("filler_a"),
                               files={"file": ("指标.xlsx", out.getvalue())}).json()
    assert [i["name"] for i in imported["indicators"]] == ["培训人次", "覆盖率"]
    assert imported["indicators"][1]["level2"] == "数量指标"  # carried down
    assert imported["indicators"][1]["weight"] is None and "十分" in imported["warnings"][0]


@pytest.mark.parametrize("content", [b"not a workbook", b"PK\x03\x04broken", b""])
def test_a_bad_indicator_file_is_a_clean_422(web: Web, content: bytes) -> None:
    response = web.client.post("/api/v1/indicators/import", headers=web.auth("filler_a"),
                               files={"file": ("x.xlsx", content)})
    assert response.status_code == 422 and "x.xlsx" in response.json()["detail"]


def test_a_sheet_without_the_header_is_refused(web: Web) -> None:
    book = Workbook()
    book.active.append(["名称", "数量"])
    out = io.BytesIO()
    book.save(out)
    response = web.client.post("/api/v1/indicators/import", headers=web.auth("filler_a"),
                               files={"file": ("y.xlsx", out.getvalue())})
    assert response.status_code == 422 and "表头" in response.json()["detail"]


def test_a_correction_keeps_the_original_and_rechecks(web: Web) -> None:
    form = _new(web)
    path = "funds.total.executed"
    before = form["funds"]["total"]["executed"]
    response = web.client.post(f"/api/v1/forms/{form['id']}/corrections", headers=web.auth("filler_a"),
                               json={"path": path, "value": str(before * 2)})
    assert response.status_code == 201, response.text
    corrected = response.json()
    assert corrected["funds"]["total"]["executed"] == before * 2
    assert corrected["recomputed"]["execution_rate_recomputed"] != form["recomputed"]["execution_rate_recomputed"]
    kept = web.client.get(f"/api/v1/forms/{form['id']}/corrections", headers=web.auth("reviewer_a")).json()
    assert kept[0]["path"] == path and kept[0]["before"] == before and kept[0]["user"] == "filler_a"
    assert corrected["source"] is None or corrected["source"]["confidence"].get(path) == 1.0
    for body, status in (({"path": "source.file", "value": "x"}, 422), ({"path": "year", "value": "明年"}, 422),
                         ({"path": path, "value": before * 2}, 422), ({"path": "indicators.999.name"}, 422)):
        answer = web.client.post(f"/api/v1/forms/{form['id']}/corrections", headers=web.auth("filler_a"), json=body)
        assert answer.status_code == status, body
    assert web.client.post(f"/api/v1/forms/{form['id']}/corrections", headers=web.auth("filler_b"),
                           json={"path": "year", "value": 2020}).status_code == 404


def test_corrections_follow_the_status(web: Web) -> None:
    form = _new(web)
    web.client.post(f"/api/v1/forms/{form['id']}/submit", headers=web.auth("filler_a"))
    body = {"path": "project_name", "value": "更正后的名称"}
    assert web.client.post(f"/api/v1/forms/{form['id']}/corrections", headers=web.auth("filler_a"),
                           json=body).status_code == 409
    assert web.client.post(f"/api/v1/forms/{form['id']}/corrections", headers=web.auth("reviewer_a"),
                           json=body).status_code == 201
    web.client.post(f"/api/v1/forms/{form['id']}/approve", headers=web.auth("reviewer_a"))
    assert web.client.post(f"/api/v1/forms/{form['id']}/corrections", headers=web.auth("admin"),
                           json={"path": "project_name", "value": "再改"}).status_code == 409


def test_a_reviewer_waives_a_finding_with_a_reason(web: Web) -> None:
    form = _new(web)
    finding = next(f for f in form["findings"] if not f["waived"])
    body = {"code": finding["code"], "path": finding["path"], "reason": "原表如此，已与单位核实"}
    assert web.client.post(f"/api/v1/forms/{form['id']}/waivers", headers=web.auth("filler_a"),
                           json=body).status_code == 403
    assert web.client.post(f"/api/v1/forms/{form['id']}/waivers", headers=web.auth("reviewer_a"),
                           json={**body, "reason": " "}).status_code == 422
    assert web.client.post(f"/api/v1/forms/{form['id']}/waivers", headers=web.auth("reviewer_a"),
                           json={**body, "code": "ZZ99"}).status_code == 422
    waived = web.client.post(f"/api/v1/forms/{form['id']}/waivers", headers=web.auth("reviewer_a"), json=body)
    assert waived.status_code == 201
    after = waived.json()
    assert any(f["code"] == finding["code"] and f["path"] == finding["path"] and f["waived"] == body["reason"]
               for f in after["findings"])
    assert after["waivers"][-1]["reason"] == body["reason"]
    history = web.client.get(f"/api/v1/forms/{form['id']}/history", headers=web.auth("filler_a")).json()
    assert history[-1]["user"] == "reviewer_a" and finding["code"] in history[-1]["comment"]


def test_several_files_in_one_upload(web: Web, tmp_path: Path) -> None:
    one = record_file(tmp_path, "one.json", project_name="甲项目")
    two = record_file(tmp_path, "two.json", project_name="乙项目")
    response = web.client.post("/api/v1/documents", headers=web.auth("filler_b"), files=[
        ("file", (one.name, one.read_bytes())), ("file", ("bad.pdf", b"%PDF-1.4 broken")),
        ("file", (two.name, two.read_bytes()))])
    assert response.status_code == 201, response.text
    body = response.json()
    assert [d["status"] for d in body["documents"]] == [201, 422, 201]
    assert {f["project_name"] for f in body["forms"]} == {"甲项目", "乙项目"}
    assert "bad.pdf" in body["problem"]
    none = web.client.post("/api/v1/documents", headers=web.auth("filler_b"),
                           files=[("file", ("a.pdf", b"%PDF broken")), ("file", ("b.txt", b""))])
    assert none.status_code == 422 and "a.pdf" in none.json()["detail"] and "b.txt" in none.json()["detail"]


def test_users_are_managed_by_an_admin(web: Web) -> None:
    assert web.client.get("/api/v1/users", headers=web.auth("reviewer_all")).status_code == 403
    made = web.client.post("/api/v1/users", headers=web.auth("admin"), json={
        "name": "new_filler", "role": "filler", "password": PASSWORD, "units": [UNIT_B]})
    assert made.status_code == 201 and made.json()["units"] == [UNIT_B]
    again = web.client.post("/api/v1/users", headers=web.auth("admin"), json={
        "name": "new_filler", "role": "filler", "password": PASSWORD, "units": [UNIT_B]})
    assert again.status_code == 422 and "已存在" in again.json()["detail"]
    token = web.auth("new_filler")
    user_id = made.json()["id"]
    assert web.client.patch(f"/api/v1/users/{user_id}", headers=web.auth("admin"),
                            json={"units": [UNIT_A, UNIT_B]}).status_code == 422  # a filler has one unit
    off = web.client.patch(f"/api/v1/users/{user_id}", headers=web.auth("admin"), json={"disabled": True})
    assert off.status_code == 200 and off.json()["disabled"] is True
    assert web.client.get("/api/v1/forms", headers=token).status_code == 401  # its tokens are gone
    assert web.client.post("/api/v1/token", data={"username": "new_filler",
                                                  "password": PASSWORD}).status_code == 401
    admin_id = next(u["id"] for u in web.client.get("/api/v1/users", headers=web.auth("admin")).json()
                    if u["name"] == "admin")
    last = web.client.patch(f"/api/v1/users/{admin_id}", headers=web.auth("admin"), json={"disabled": True})
    assert last.status_code == 422 and "唯一" in last.json()["detail"]
    assert web.client.patch("/api/v1/users/99999", headers=web.auth("admin"), json={}).status_code == 404


def test_postgres_drafts_corrections_and_waivers(postgres_url: str, tmp_path: Path) -> None:
    from .test_store import fresh_postgres

    engine = fresh_postgres(postgres_url)
    web = make_web(tmp_path, engine)
    form = _new(web)
    base = f"/api/v1/forms/{form['id']}"
    assert web.client.put(base, headers=web.auth("filler_a"), json=_record(year=2030)).json()["year"] == 2030
    fixed = web.client.post(f"{base}/corrections", headers=web.auth("filler_a"),
                            json={"path": "implementing_unit", "value": None})
    assert fixed.status_code == 201 and fixed.json()["implementing_unit"] is None
    kept = web.client.get(f"{base}/corrections", headers=web.auth("admin")).json()
    assert kept[0]["before"] == form["implementing_unit"] and kept[0]["after"] is None
    finding = next(f for f in fixed.json()["findings"] if not f["waived"])
    waived = web.client.post(f"{base}/waivers", headers=web.auth("reviewer_a"),
                             json={"code": finding["code"], "path": finding["path"], "reason": "核实"})
    assert waived.status_code == 201
    engine.dispose()


def test_bodies_over_the_limits_are_refused_with_or_without_a_length(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from jixiao.read.limits import SETTINGS

    monkeypatch.setenv(SETTINGS["text_bytes"], "64K")  # a JSON body's limit; uploads keep theirs (2 MB here)
    web = make_web(tmp_path)
    big = b'{"project_name": "' + b"x" * (100 << 10) + b'"}'
    headers = {**web.auth("filler_a"), "Content-Type": "application/json"}
    declared = web.client.post("/api/v1/score", headers=headers, content=big)
    chunked = web.client.post("/api/v1/forms", headers=headers, content=iter([big[:50_000], big[50_000:]]))
    for response in (declared, chunked):
        assert response.status_code == 413 and "请求过大" in response.json()["detail"]
    assert web.client.post("/api/v1/score", headers=headers,
                           content=iter([json.dumps(_record()).encode()])).status_code == 200
    boundary = b"jixiaoboundary"
    envelope = [b"--" + boundary + b'\r\nContent-Disposition: form-data; name="file"; filename="big.txt"\r\n\r\n',
                *(b"y" * (1 << 20) for _ in range(4)), b"\r\n--" + boundary + b"--\r\n"]
    upload = web.client.post("/api/v1/documents", content=iter(envelope), headers={
        **web.auth("filler_a"), "Content-Type": f"multipart/form-data; boundary={boundary.decode()}"})
    assert upload.status_code == 413 and "请求过大" in upload.json()["detail"]
