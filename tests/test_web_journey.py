"""The whole journey of the web app's "done when", through the REST API alone, as a script would drive it: a corpus
with only the admin made by `jixiao user add`; the admin makes a filler and a reviewer; the filler scores a form
without saving it, saves it as a draft and submits it; the reviewer opens it for review and returns it with a
comment and a comment on a cell; the filler finds it in its inbox, fixes the cell and resubmits; the reviewer
approves it. The rights are tried at each step."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient
from typer.testing import CliRunner

import jixiao
from jixiao.cli import app as cli
from jixiao.store.database import open_engine
from jixiao.web.app import create_app

from .web_fixtures import SAMPLE, UNIT_A, UNIT_B

PASSWORD = "journey-pass-1"


def _token(client: TestClient, name: str) -> dict[str, str]:
    answer = client.post("/api/v1/token", data={"username": name, "password": PASSWORD})
    assert answer.status_code == 200, answer.text
    return {"Authorization": f"Bearer {answer.json()['access_token']}"}


def test_admin_filler_reviewer_through_the_api(tmp_path: Path) -> None:
    db = str(tmp_path / "jixiao.db")
    made = CliRunner().invoke(cli, ["user", "add", "管理员", "--role", "admin", "--password-stdin", "--db", db],
                              input=PASSWORD + "\n")
    assert made.exit_code == 0, made.output
    client = TestClient(create_app(open_engine(db), tmp_path / "uploads"), raise_server_exceptions=False)
    admin = _token(client, "管理员")
    for name, role, units in (("填报人甲", "filler", [UNIT_A]), ("审核人甲", "reviewer", [UNIT_A]),
                              ("审核人乙", "reviewer", [UNIT_B])):
        answer = client.post("/api/v1/users", headers=admin, json={"name": name, "role": role,
                                                                   "password": PASSWORD, "units": units})
        assert answer.status_code == 201, answer.text
    filler, reviewer, other = _token(client, "填报人甲"), _token(client, "审核人甲"), _token(client, "审核人乙")
    assert client.post("/api/v1/users", headers=filler, json={"name": "x", "role": "admin",
                                                              "password": PASSWORD}).status_code == 403

    record = jixiao.parse(SAMPLE)[0].record()
    record.pop("source")
    record["funds"]["total"]["executed"] = 1.0  # a tiny execution: live scoring sees the fund score fall
    scored = client.post("/api/v1/score", headers=filler, json=record)
    assert scored.status_code == 200
    assert scored.json()["recomputed"]["funds_score_recomputed"] < 1 and scored.json()["findings"]
    assert client.get("/api/v1/forms", headers=filler).json()["total"] == 0  # scoring saved nothing

    created = client.post("/api/v1/forms", headers=filler, json=record)
    assert created.status_code == 201, created.text
    form_id = created.json()["id"]
    base = f"/api/v1/forms/{form_id}"
    assert client.get(base, headers=other).status_code == 404  # another unit's reviewer does not see it
    assert client.post(f"{base}/submit", headers=filler).json()["status"] == "submitted"
    assert [f["id"] for f in client.get("/api/v1/inbox", headers=reviewer).json()["forms"]] == [form_id]
    assert client.get("/api/v1/inbox", headers=other).json()["total"] == 0

    assert client.post(f"{base}/review", headers=filler).status_code == 403
    assert client.post(f"{base}/review", headers=reviewer).json()["status"] == "in_review"
    assert client.put(base, headers=filler, json=record).status_code == 409  # not the filler's while in review
    cell = {"path": "funds.total.executed", "comment": "执行数与决算不符"}
    returned = client.post(f"{base}/return", headers=reviewer, json={"comment": "请核对资金", "fields": [cell]})
    assert returned.status_code == 200 and returned.json()["status"] == "returned"

    waiting = client.get("/api/v1/inbox", headers=filler).json()["forms"]
    assert [(f["id"], f["comment"]) for f in waiting] == [(form_id, "请核对资金")]
    assert client.get(f"{base}/history", headers=filler).json()[-1]["fields"] == [cell]
    record["funds"]["total"]["executed"] = record["funds"]["total"]["annual_budget"]
    fixed = client.put(base, headers=filler, json=record)
    assert fixed.status_code == 200 and fixed.json()["funds"]["total"]["executed"] == record["funds"]["total"][
        "annual_budget"]
    assert client.post(f"{base}/submit", headers=filler).json()["status"] == "resubmitted"

    assert client.post(f"{base}/approve", headers=other).status_code == 404
    assert client.post(f"{base}/approve", headers=filler).status_code == 403
    approved = client.post(f"{base}/approve", headers=reviewer, json={"comment": "同意"})
    assert approved.status_code == 200 and approved.json()["status"] == "approved"
    assert client.put(base, headers=filler, json=record).status_code == 409
    steps = client.get(f"{base}/history", headers=admin).json()
    assert [(s["from"], s["to"], s["user"]) for s in steps] == [
        (None, "draft", "填报人甲"), ("draft", "submitted", "填报人甲"), ("submitted", "in_review", "审核人甲"),
        ("in_review", "returned", "审核人甲"), ("returned", "resubmitted", "填报人甲"),
        ("resubmitted", "approved", "审核人甲")]
    assert client.get("/api/v1/inbox", headers=reviewer).json()["total"] == 0
