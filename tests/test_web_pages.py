"""The pages as a browser sees them: login and its throttling, secure headers, CSRF, escaping of a stranger's text,
upload and the workflow buttons."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from jixiao.web.security import CSP, MAX_ADDRESS_FAILURES, MAX_FAILURES, WINDOW, Throttle

from .web_fixtures import PASSWORD, SAMPLE, Clock, Web, make_web, record_file

XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.fixture(scope="module")
def web(tmp_path_factory: pytest.TempPathFactory) -> Web:
    return make_web(tmp_path_factory.mktemp("pages"))


def log_in(web: Web, name: str) -> None:
    web.client.cookies.clear()
    response = web.client.post("/login", data={"username": name, "password": PASSWORD}, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/forms"
    cookie = response.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie


def csrf_of(html: str) -> str:
    match = re.search(r'name="csrf" value="([0-9a-f]{64})"', html)
    assert match, html
    return match.group(1)


def upload(web: Web, path: Path) -> str:
    """Upload through the page as the logged-in user; the form page it leads to."""
    token = csrf_of(web.client.get("/upload").text)
    response = web.client.post("/upload", data={"csrf": token}, files={"file": (path.name, path.read_bytes())},
                               follow_redirects=False)
    assert response.status_code == 303, response.text
    return response.headers["location"]


def test_pages_need_a_login_and_send_secure_headers(web: Web) -> None:
    web.client.cookies.clear()
    for path in ("/forms", "/upload", "/forms/1", "/"):
        response = web.client.get(path, follow_redirects=False)
        assert response.status_code == 303 and response.headers["location"] in ("/login", "/forms")
    page = web.client.get("/login")
    assert page.status_code == 200 and "登录" in page.text
    assert page.headers["content-security-policy"] == CSP and "script-src 'self'" in CSP and "unsafe" not in CSP
    assert page.headers["x-frame-options"] == "DENY" and page.headers["x-content-type-options"] == "nosniff"
    assert "<script" not in page.text and " style=" not in page.text
    assert web.client.get("/static/app.css").status_code == 200


def test_login_throttling(web: Web) -> None:
    web.client.cookies.clear()
    for _ in range(MAX_FAILURES):
        wrong = web.client.post("/login", data={"username": "reviewer_b", "password": "nope-nope"})
        assert wrong.status_code == 401 and "用户名或密码错误" in wrong.text
    blocked = web.client.post("/login", data={"username": "reviewer_b", "password": PASSWORD})
    assert blocked.status_code == 429 and "分钟后再试" in blocked.text
    api = web.client.post("/api/v1/token", data={"username": "reviewer_b", "password": PASSWORD})
    assert api.status_code == 429 and "retry-after" in api.headers
    web.clock.now += WINDOW + 1
    log_in(web, "reviewer_b")


def test_throttle_by_name_and_by_address() -> None:
    clock = Clock()
    throttle = Throttle(clock=clock)
    for i in range(MAX_ADDRESS_FAILURES - 1):
        throttle.failed(f"user{i}", "10.0.0.1")
    assert throttle.wait("someone", "10.0.0.1") == 0  # many names from one office: not yet
    throttle.failed("user0", "10.0.0.1")
    assert throttle.wait("someone", "10.0.0.1") > 0 and throttle.wait("someone", "10.0.0.2") == 0
    assert throttle.wait("user0", "10.0.0.2") == 0  # user0 failed only twice
    for _ in range(MAX_FAILURES):
        throttle.failed("target", "10.0.0.3")
    assert 0 < throttle.wait("target", "10.0.0.9") <= WINDOW + 1  # the name, from any address
    clock.now += WINDOW
    assert throttle.wait("target", "10.0.0.9") == throttle.wait("someone", "10.0.0.1") == 0


def test_xss_in_a_document_is_escaped(web: Web, tmp_path: Path) -> None:
    log_in(web, "filler_a")
    path = record_file(tmp_path, "xss.json", project_name=XSS, goal_actual=XSS)
    html = web.client.get(upload(web, path)).text
    assert XSS not in html and "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
    listing = web.client.get("/forms").text
    assert "<script>" not in listing and "&lt;script&gt;" in listing


def test_csrf_is_required(web: Web) -> None:
    log_in(web, "filler_a")
    form_url = upload(web, SAMPLE)
    for data in ({}, {"csrf": "0" * 64}):
        response = web.client.post(f"{form_url}/submit", data=data, follow_redirects=False)
        assert response.status_code == 403 and "CSRF" in response.text
        rejected = web.client.post("/upload", data=data, files={"file": ("a.txt", b"x")}, follow_redirects=False)
        assert rejected.status_code == 403
    assert "草稿" in web.client.get(form_url).text
    web.client.cookies.clear()
    assert web.client.post(f"{form_url}/submit", data={"csrf": "0" * 64}, follow_redirects=False).status_code == 303


def test_workflow_through_the_pages(web: Web) -> None:
    log_in(web, "filler_a")
    form_url = upload(web, SAMPLE)
    page = web.client.get(form_url).text
    assert "市政府办公厅专项工作业务经费" in page and "SC10" in page and "flag sev-" in page
    assert 'formaction="' + form_url + '/submit"' in page and "/approve" not in page
    web.client.post(f"{form_url}/submit", data={"csrf": csrf_of(page)})
    log_in(web, "reviewer_b")  # another unit's reviewer
    assert web.client.get(form_url).status_code == 404
    log_in(web, "reviewer_a")
    page = web.client.get(form_url).text
    assert "已提交" in page and "/review" in page and "/return" in page and "/approve" in page
    assert 'name="note_path"' in page and 'data-path="indicators.0.actual"' in page
    web.client.post(f"{form_url}/review", data={"csrf": csrf_of(page)})
    page = web.client.get(form_url).text
    assert "审核中" in page and "/review" not in page.split("<h2>流转</h2>")[1].split("</form>")[0]
    missing = web.client.post(f"{form_url}/return", data={"csrf": csrf_of(page), "comment": ""})
    assert missing.status_code == 422 and "意见" in missing.text and "审核中" in missing.text
    half = web.client.post(f"{form_url}/return", data={"csrf": csrf_of(page), "comment": "改",
                                                       "note_path": ["indicators.0.actual", ""],
                                                       "note_comment": ["", "x"]})
    assert half.status_code == 422 and "逐项意见第 1 行" in half.text
    web.client.post(f"{form_url}/return", data={
        "csrf": csrf_of(page), "comment": "请补充偏差原因<b>",
        "note_path": ["indicators.0.actual", "", "funds.total.executed"],
        "note_comment": ["实际完成值无依据<i>", "", "执行数与决算不符"]})
    page = web.client.get(form_url).text
    assert "已退回" in page and "请补充偏差原因&lt;b&gt;" in page and "实际完成值无依据&lt;i&gt;" in page
    assert 'data-path="indicators.0.actual" class="' in page and page.count(" noted") == 2
    assert "绩效指标第 1 行" in page and "项目资金 年度资金总额 · 全年执行数" in page
    log_in(web, "filler_a")
    page = web.client.get(form_url).text
    edit = web.client.get(f"{form_url}/edit").text
    assert "审核人的逐项意见" in edit and "执行数与决算不符" in edit and '"funds.total.executed"' in edit
    web.client.post(f"{form_url}/submit", data={"csrf": csrf_of(page)})
    log_in(web, "reviewer_a")
    page = web.client.get(form_url).text
    assert "已重新提交" in page and page.count(" noted") == 2  # the comments stay in sight for the second look
    web.client.post(f"{form_url}/approve", data={"csrf": csrf_of(page)})
    assert " noted" not in web.client.get(form_url).text
    assert "已通过" in web.client.get(form_url).text
    listing = web.client.get("/forms?status=approved").text
    assert form_url in listing
    assert f'href="{form_url}/files/worksheet"' in web.client.get(form_url).text  # the 复核表 for the reviewer
    sheet = web.client.get(f"{form_url}/files/worksheet")
    assert sheet.status_code == 200 and sheet.content[:2] == b"PK"
    log_in(web, "reviewer_b")
    assert web.client.get(f"{form_url}/files/xlsx").status_code == 404


def test_bad_upload_through_the_page(web: Web) -> None:
    log_in(web, "filler_a")
    token = csrf_of(web.client.get("/upload").text)
    response = web.client.post("/upload", data={"csrf": token}, files={"file": ("broken.pdf", b"%PDF-1.4 junk")})
    assert response.status_code == 422 and "broken.pdf" in response.text and "Traceback" not in response.text


def test_logout_ends_the_session(web: Web) -> None:
    log_in(web, "admin")
    token = csrf_of(web.client.get("/forms").text)
    cookie = web.client.cookies.get("jixiao_session")
    assert web.client.post("/logout", data={"csrf": token}, follow_redirects=False).status_code == 303
    web.client.cookies.set("jixiao_session", cookie)
    assert web.client.get("/forms", follow_redirects=False).status_code == 303
