"""The pages of the second slice as a browser sees them: the fill-in page (its script shipped, no inline script),
next year's form, corrections and low-confidence cells, waivers, several files in one upload, the users page."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from sqlalchemy import update

from jixiao.store.tables import FormRow
from jixiao.web.security import CSP

from .test_web_pages import csrf_of, log_in, upload
from .web_fixtures import PASSWORD, SAMPLE, UNIT_A, Web, make_web, record_file

XSS = '<script>alert("x")</script>'


@pytest.fixture(scope="module")
def web(tmp_path_factory: pytest.TempPathFactory) -> Web:
    return make_web(tmp_path_factory.mktemp("fill"))


def test_the_fill_in_page_ships_its_script_and_no_inline_one(web: Web) -> None:
    log_in(web, "filler_a")
    page = web.client.get("/forms/new")
    assert page.status_code == 200 and page.headers["content-security-policy"] == CSP
    assert '<script src="/static/fill.js" defer></script>' in page.text
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", page.text, re.S)
    assert all("src=" in attrs or 'type="application/json"' in attrs for attrs, _ in scripts)
    record = json.loads(re.search(r'id="record">(.*?)</script>', page.text, re.S).group(1))
    assert record["department"] == UNIT_A  # a filler's new form is its unit's
    script = web.client.get("/static/fill.js")
    assert script.status_code == 200 and "/api/v1/score" in script.text and "innerHTML" not in script.text
    template = web.client.get("/indicator-template.xlsx")
    assert template.status_code == 200 and template.content[:2] == b"PK"
    log_in(web, "reviewer_a")
    assert web.client.get("/forms/new").status_code == 403


def test_the_record_block_cannot_end_the_script(web: Web, tmp_path: Path) -> None:
    log_in(web, "filler_a")
    location = upload(web, record_file(tmp_path, "xss.json", project_name=XSS + "</script><b>"))
    edit = web.client.get(location + "/edit")
    assert edit.status_code == 200 and XSS not in edit.text and "</script><b>" not in edit.text
    following = web.client.get("/forms/new?from=" + location.rsplit("/", 1)[-1])
    record = json.loads(re.search(r'id="record">(.*?)</script>', following.text, re.S).group(1))
    assert record["project_name"].startswith("<script>") and record["year"] is not None


def test_correcting_a_cell_from_the_form_page(web: Web, tmp_path: Path) -> None:
    log_in(web, "filler_a")
    location = upload(web, record_file(tmp_path, "fix.json", project_name="待更正"))
    form_id = int(location.rsplit("/", 1)[-1])
    with web.client.app.state.engine.begin() as conn:  # as if the reader had been unsure of the year
        conn.execute(update(FormRow.__table__).where(FormRow.__table__.c.id == form_id)
                     .values(field_confidence={"year": 0.42}))
    page = web.client.get(location)
    assert "low-conf" in page.text and "识别把握 42%" in page.text
    response = web.client.post(location + "/correct", data={"csrf": csrf_of(page.text), "path": "year",
                                                           "value": "2021"}, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == location
    after = web.client.get(location).text
    assert "识别把握 42%" not in after and "<code>year</code>" in after and "filler_a" in after
    refused = web.client.post(location + "/correct", data={"csrf": csrf_of(after), "path": "year",
                                                          "value": "明年"})
    assert refused.status_code == 422 and "year" in refused.text and "message error" in refused.text
    assert web.client.post(location + "/correct", data={"path": "year", "value": "2022"}).status_code == 403


def test_waiving_a_finding_from_the_review_page(web: Web, tmp_path: Path) -> None:
    log_in(web, "filler_a")
    location = upload(web, SAMPLE)
    assert 'action="' + location + '/waive"' not in web.client.get(location).text  # a filler cannot waive
    log_in(web, "reviewer_a")
    page = web.client.get(location)
    match = re.search(r'name="code" value="(\w+)">\s*<input type="hidden" name="path" value="([^"]*)"', page.text)
    assert match
    response = web.client.post(location + "/waive", data={"csrf": csrf_of(page.text), "code": match.group(1),
                                                         "path": match.group(2), "reason": "已与单位核实"},
                               follow_redirects=False)
    assert response.status_code == 303
    assert "已豁免：已与单位核实" in web.client.get(location).text


def test_several_files_from_the_upload_page(web: Web, tmp_path: Path) -> None:
    log_in(web, "filler_a")
    one = record_file(tmp_path, "p1.json", project_name="多文件甲")
    token = csrf_of(web.client.get("/upload").text)
    response = web.client.post("/upload", data={"csrf": token}, files=[
        ("file", (one.name, one.read_bytes())), ("file", ("broken.docx", b"PK\x03\x04 no zip"))])
    assert response.status_code == 201 and "多文件甲" in response.text and "broken.docx" in response.text


def test_an_admin_manages_users_in_the_browser(web: Web) -> None:
    log_in(web, "filler_a")
    assert web.client.get("/users").status_code == 403
    log_in(web, "admin")
    page = web.client.get("/users")
    assert page.status_code == 200 and "reviewer_all" in page.text
    token = csrf_of(page.text)
    made = web.client.post("/users", data={"csrf": token, "name": "page_reviewer", "role": "reviewer",
                                           "password": PASSWORD, "units": f"{UNIT_A}、上海市财政局"},
                           follow_redirects=False)
    assert made.status_code == 303
    page = web.client.get("/users").text
    assert "page_reviewer" in page and "上海市财政局" in page
    bad = web.client.post("/users", data={"csrf": token, "name": "x y", "role": "filler", "password": "short"})
    assert bad.status_code == 422 and "账户未建立" in bad.text
    user_id = re.search(r'<td>page_reviewer</td>.*?action="/users/(\d+)"', page, re.S).group(1)
    assert web.client.post(f"/users/{user_id}", data={"csrf": token, "disabled": "1"},
                           follow_redirects=False).status_code == 303
    web.client.cookies.clear()
    refused = web.client.post("/login", data={"username": "page_reviewer", "password": PASSWORD})
    assert refused.status_code == 401


def test_the_login_page_of_a_store_without_accounts_says_how_to_begin(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from jixiao.store.database import open_engine
    from jixiao.web.app import create_app

    client = TestClient(create_app(open_engine(str(tmp_path / "empty.db")), tmp_path / "up"))
    page = client.get("/login")
    assert page.status_code == 200 and "jixiao user add 管理员 --role admin" in page.text
