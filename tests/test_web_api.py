"""The REST API as a client uses it: tokens, upload, forms, scoring, the workflow, and the rights of each role."""

from __future__ import annotations

from pathlib import Path

import pytest

import jixiao

from .test_store import fresh_postgres
from .web_fixtures import PASSWORD, SAMPLE, UNIT_A, Web, make_web, record_file


@pytest.fixture(scope="module")
def web(tmp_path_factory: pytest.TempPathFactory) -> Web:
    return make_web(tmp_path_factory.mktemp("web"))


@pytest.fixture(scope="module")
def uploaded(web: Web) -> dict:
    """The sample document uploaded by the filler of its unit."""
    response = web.client.post("/api/v1/documents", headers=web.auth("filler_a"),
                               files={"file": (SAMPLE.name, SAMPLE.read_bytes(), "text/plain")})
    assert response.status_code == 201, response.text
    return response.json()


def test_token_and_401(web: Web) -> None:
    assert web.client.post("/api/v1/token", data={"username": "admin", "password": "wrong-password"}).status_code == 401
    for headers in ({}, {"Authorization": "Bearer nonsense"}, {"Authorization": "Basic YWRtaW46eA=="}):
        response = web.client.get("/api/v1/forms", headers=headers)
        assert response.status_code == 401 and "令牌" in response.json()["detail"]
        assert response.headers["www-authenticate"] == "Bearer"
    body = web.client.post("/api/v1/token", data={"username": "admin", "password": PASSWORD}).json()
    assert body["token_type"] == "bearer" and len(body["access_token"]) > 30


def test_upload_is_checked_stored_and_belongs_to_the_unit(web: Web, uploaded: dict) -> None:
    forms = uploaded["forms"]
    assert len(forms) == len(jixiao.parse(SAMPLE)) == 6
    first = forms[0]
    assert first["unit"] == UNIT_A and first["status"] == "draft"
    assert first["project_name"] == "市政府办公厅专项工作业务经费"
    assert first["source"]["file"] == SAMPLE.name  # not the server's path
    codes = {f["code"] for f in first["findings"]}
    assert {"DS03", "SC10"} <= codes  # the same findings as `jixiao check` (see jixiao.check's doctest)
    assert first["recomputed"]["total_score_recomputed"] is not None
    again = web.client.post("/api/v1/documents", headers=web.auth("filler_a"),
                            files={"file": (SAMPLE.name, SAMPLE.read_bytes())})
    assert again.status_code == 201 and again.json()["document_id"] == uploaded["document_id"]


def test_same_bytes_from_another_unit_are_refused(web: Web, uploaded: dict) -> None:
    response = web.client.post("/api/v1/documents", headers=web.auth("filler_b"),
                               files={"file": (SAMPLE.name, SAMPLE.read_bytes())})
    assert response.status_code == 409 and "其他单位" in response.json()["detail"]


def test_a_fillers_upload_belongs_to_its_unit_whatever_it_prints(web: Web, tmp_path: Path) -> None:
    path = record_file(tmp_path, department="别的部门")
    response = web.client.post("/api/v1/documents", headers=web.auth("filler_b"),
                               files={"file": (path.name, path.read_bytes())})
    assert response.status_code == 201, response.text
    form = response.json()["forms"][0]
    assert form["unit"] == "上海市经济和信息化委员会" and form["department"] == "别的部门"


@pytest.mark.parametrize("content,name,status", [
    (b"\x00\x01\x02binary", "x.txt", 422),
    (b"PK\x03\x04not a zip", "x.docx", 422),
    (b"%PDF-1.7\n garbage", "x.pdf", 422),
    (b"", "empty.txt", 422),
    (b"{\"forms\": [{\"year\": \"\xe4\xba\x8c\"}]}", "bad.json", 422),
])
def test_hostile_uploads_are_clean_chinese_4xx(web: Web, content: bytes, name: str, status: int) -> None:
    response = web.client.post("/api/v1/documents", headers=web.auth("filler_a"), files={"file": (name, content)})
    assert response.status_code == status, response.text
    detail = response.json()["detail"]
    assert isinstance(detail, str) and any("\u4e00" <= ch <= "\u9fff" for ch in detail)
    assert "Traceback" not in response.text


def test_upload_limits_and_names(web: Web) -> None:
    big = b"x" * (3 << 20)
    response = web.client.post("/api/v1/documents", headers=web.auth("filler_a"), files={"file": ("big.txt", big)})
    assert response.status_code == 413 and "上限" in response.json()["detail"]
    sneaky = web.client.post("/api/v1/documents", headers=web.auth("filler_a"),
                             files={"file": ("../../etc/passwd", b"\x00\x01")})
    assert sneaky.status_code == 422 and "passwd" in sneaky.json()["detail"]
    missing = web.client.post("/api/v1/documents", headers=web.auth("filler_a"))
    assert missing.status_code == 422 and "file" in missing.json()["detail"]


def test_forms_list_filters_and_pagination(web: Web, uploaded: dict) -> None:
    client = web.client
    mine = client.get("/api/v1/forms", headers=web.auth("filler_a")).json()
    assert mine["total"] == 6 and {f["unit"] for f in mine["forms"]} == {UNIT_A}
    page = client.get("/api/v1/forms?limit=2&offset=2", headers=web.auth("filler_a")).json()
    assert len(page["forms"]) == 2 and page["forms"][0]["id"] == mine["forms"][2]["id"]
    assert client.get("/api/v1/forms?year=1999", headers=web.auth("admin")).json()["total"] == 0
    everything = client.get("/api/v1/forms", headers=web.auth("admin")).json()["total"]
    assert client.get(f"/api/v1/forms?department={UNIT_A}", headers=web.auth("admin")).json()["total"] == 6
    assert client.get("/api/v1/forms", headers=web.auth("reviewer_all")).json()["total"] == everything
    assert client.get("/api/v1/forms", headers=web.auth("reviewer_b")).json()["total"] == everything - 6
    assert client.get("/api/v1/forms?limit=0", headers=web.auth("admin")).status_code == 422
    bad = client.get("/api/v1/forms?status=done", headers=web.auth("admin"))
    assert bad.status_code == 422 and "status" in bad.json()["detail"]


def test_another_units_form_is_not_found(web: Web, uploaded: dict) -> None:
    form_id = uploaded["forms"][0]["id"]
    assert web.client.get(f"/api/v1/forms/{form_id}", headers=web.auth("filler_a")).status_code == 200
    for name in ("filler_b", "reviewer_b"):
        for path in (f"/api/v1/forms/{form_id}", f"/api/v1/forms/{form_id}/history"):
            assert web.client.get(path, headers=web.auth(name)).status_code == 404
        assert web.client.post(f"/api/v1/forms/{form_id}/submit", headers=web.auth(name)).status_code == 404
    assert web.client.get("/api/v1/forms/999999", headers=web.auth("admin")).status_code == 404


def test_workflow_submit_review_return_resubmit_approve(web: Web, uploaded: dict) -> None:
    client = web.client
    form_id = uploaded["forms"][1]["id"]
    base = f"/api/v1/forms/{form_id}"
    assert client.post(f"{base}/approve", headers=web.auth("reviewer_a")).status_code == 409  # a draft
    assert client.post(f"{base}/review", headers=web.auth("reviewer_a")).status_code == 409
    assert client.post(f"{base}/submit", headers=web.auth("reviewer_a")).status_code == 403  # not a filler's step
    submitted = client.post(f"{base}/submit", headers=web.auth("filler_a"), json={"comment": "请审核"})
    assert submitted.status_code == 200 and submitted.json()["status"] == "submitted"
    assert client.post(f"{base}/submit", headers=web.auth("filler_a")).status_code == 409
    assert client.post(f"{base}/approve", headers=web.auth("filler_a")).status_code == 403
    assert client.post(f"{base}/review", headers=web.auth("filler_a")).status_code == 403
    assert client.post(f"{base}/review", headers=web.auth("reviewer_a")).json()["status"] == "in_review"
    assert client.post(f"{base}/review", headers=web.auth("reviewer_a")).status_code == 409
    no_comment = client.post(f"{base}/return", headers=web.auth("reviewer_a"), json={"comment": "  "})
    assert no_comment.status_code == 422 and "意见" in no_comment.json()["detail"]
    not_a_cell = client.post(f"{base}/return", headers=web.auth("reviewer_a"),
                             json={"fields": [{"path": "indicators.999.actual", "comment": "?"}]})
    assert not_a_cell.status_code == 422 and "indicators.999.actual" in not_a_cell.json()["detail"]
    fields = [{"path": "indicators.0.deviation", "comment": "未达成，须写偏差原因"},
              {"path": "funds.total.executed", "comment": "与决算数不符"}]
    returned = client.post(f"{base}/return", headers=web.auth("reviewer_a"),
                           json={"comment": "偏差原因未填写", "fields": fields})
    assert returned.json()["status"] == "returned"
    assert client.get("/api/v1/forms?status=returned", headers=web.auth("filler_a")).json()["total"] == 1
    waiting = client.get("/api/v1/inbox", headers=web.auth("filler_a")).json()["forms"]
    assert [f["comment"] for f in waiting if f["id"] == form_id] == ["偏差原因未填写"]
    comments_on_a_submit = client.post(f"{base}/submit", headers=web.auth("filler_a"), json={"fields": fields})
    assert comments_on_a_submit.status_code == 422 and "退回" in comments_on_a_submit.json()["detail"]
    assert client.post(f"{base}/submit", headers=web.auth("filler_a")).json()["status"] == "resubmitted"
    assert form_id in [f["id"] for f in client.get("/api/v1/inbox", headers=web.auth("reviewer_a")).json()["forms"]]
    approved = client.post(f"{base}/approve", headers=web.auth("reviewer_all"))
    assert approved.status_code == 200 and approved.json()["status"] == "approved"
    steps = client.get(f"{base}/history", headers=web.auth("filler_a")).json()
    assert [(s["from"], s["to"]) for s in steps] == [
        (None, "draft"), ("draft", "submitted"), ("submitted", "in_review"), ("in_review", "returned"),
        ("returned", "resubmitted"), ("resubmitted", "approved")]
    assert steps[3]["user"] == "reviewer_a" and steps[3]["comment"] == "偏差原因未填写"
    assert steps[3]["fields"] == fields and all(s["fields"] == [] for s in steps if s is not steps[3])
    assert steps[5]["user"] == "reviewer_all" and steps[0]["user"] == "filler_a"


def test_a_return_with_cell_comments_only(web: Web, uploaded: dict) -> None:
    base = f"/api/v1/forms/{uploaded['forms'][3]['id']}"
    web.client.post(f"{base}/submit", headers=web.auth("filler_a"))
    returned = web.client.post(f"{base}/return", headers=web.auth("reviewer_a"),
                               json={"fields": [{"path": "grade", "comment": "等级与总分不符"}]})
    assert returned.status_code == 200 and returned.json()["status"] == "returned"
    step = web.client.get(f"{base}/history", headers=web.auth("filler_a")).json()[-1]
    assert step["comment"] is None and step["fields"] == [{"path": "grade", "comment": "等级与总分不符"}]


def test_admin_takes_every_step(web: Web, uploaded: dict) -> None:
    base = f"/api/v1/forms/{uploaded['forms'][2]['id']}"
    assert web.client.post(f"{base}/submit", headers=web.auth("admin")).json()["status"] == "submitted"
    assert web.client.post(f"{base}/approve", headers=web.auth("admin")).json()["status"] == "approved"


def test_score_without_saving(web: Web) -> None:
    record = jixiao.parse(SAMPLE)[0].record()
    before = web.client.get("/api/v1/forms", headers=web.auth("admin")).json()["total"]
    response = web.client.post("/api/v1/score", headers=web.auth("filler_b"), json=record)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["recomputed"]["total_score_recomputed"] is not None
    assert {f["code"] for f in body["findings"]} >= {"DS03", "SC10"}
    assert len(body["indicators"]) == len(record["indicators"])
    record["funds"]["total"]["executed"] = record["funds"]["total"]["annual_budget"] / 2
    halved = web.client.post("/api/v1/score", headers=web.auth("filler_b"), json=record).json()
    assert halved["recomputed"]["execution_rate_recomputed"] == pytest.approx(50)
    assert web.client.get("/api/v1/forms", headers=web.auth("admin")).json()["total"] == before
    wrong = web.client.post("/api/v1/score", headers=web.auth("admin"), json={"year": "二〇二三"})
    assert wrong.status_code == 422 and wrong.json()["detail"].startswith("year：应为整数")
    assert web.client.post("/api/v1/score", json=record).status_code == 401


def test_openapi_and_no_cdn_docs(web: Web) -> None:
    schema = web.client.get("/openapi.json").json()
    assert {"/api/v1/token", "/api/v1/documents", "/api/v1/forms", "/api/v1/forms/{form_id}", "/api/v1/score",
            "/api/v1/forms/{form_id}/submit", "/api/v1/forms/{form_id}/return", "/api/v1/forms/{form_id}/approve",
            "/api/v1/forms/{form_id}/history"} <= set(schema["paths"])
    docs = web.client.get("/docs")  # Swagger UI from the package, no CDN, no inline script
    assert docs.status_code == 200 and "http" not in docs.text.split("<body>", 1)[1] and "<script>" not in docs.text
    assert '<script src="/docs/assets/swagger-ui-bundle.js">' in docs.text
    assert web.client.get("/docs/assets/swagger-ui-bundle.js").status_code == 200


def test_postgres_upload_and_workflow(postgres_url: str, tmp_path: Path) -> None:
    engine = fresh_postgres(postgres_url)
    web = make_web(tmp_path, engine)
    uploaded = web.client.post("/api/v1/documents", headers=web.auth("filler_a"),
                               files={"file": (SAMPLE.name, SAMPLE.read_bytes())})
    assert uploaded.status_code == 201, uploaded.text
    form_id = uploaded.json()["forms"][0]["id"]
    assert web.client.get(f"/api/v1/forms?department={UNIT_A}&status=draft",
                          headers=web.auth("reviewer_a")).json()["total"] == 6
    assert web.client.get("/api/v1/forms", headers=web.auth("reviewer_b")).json()["total"] == 0
    base = f"/api/v1/forms/{form_id}"
    assert web.client.post(f"{base}/submit", headers=web.auth("filler_a")).json()["status"] == "submitted"
    returned = web.client.post(f"{base}/return", headers=web.auth("reviewer_a"), json={"comment": "改"})
    assert returned.json()["status"] == "returned"
    assert len(web.client.get(f"{base}/history", headers=web.auth("admin")).json()) == 3
    engine.dispose()


def test_form_files_are_the_official_outputs(web: Web, uploaded: dict, tmp_path: Path) -> None:
    import openpyxl

    form = uploaded["forms"][0]
    path = f"/api/v1/forms/{form['id']}/files"
    answer = web.client.get(f"{path}/xlsx", headers=web.auth("filler_a"))
    assert answer.status_code == 200 and "filename*=UTF-8''" in answer.headers["content-disposition"]
    (tmp_path / "form.xlsx").write_bytes(answer.content)
    back = jixiao.parse(tmp_path / "form.xlsx")  # the official layout reads back to the stored record
    assert len(back) == 1 and back[0].project_name == form["project_name"]
    assert back[0].funds.total.executed == form["funds"]["total"]["executed"]
    worksheet = web.client.get(f"{path}/worksheet", headers=web.auth("filler_a"))
    (tmp_path / "sheet.xlsx").write_bytes(worksheet.content)
    assert openpyxl.load_workbook(tmp_path / "sheet.xlsx").sheetnames[0] == "汇总"
    assert web.client.get(f"{path}/docx", headers=web.auth("filler_a")).content[:2] == b"PK"
    assert web.client.get(f"{path}/xlsx", headers=web.auth("filler_b")).status_code == 404  # another unit's
    assert web.client.get(f"{path}/exe", headers=web.auth("filler_a")).status_code == 404
