"""The web app in headless Chromium (Playwright): log in, upload a sample and see a finding on its cell, fill in next
year's form and watch the total change as one types, save and submit it, and the reviewer's review, return with a
comment picked on a cell, the resubmission and the approval. Skipped without Chromium or Playwright."""

from __future__ import annotations

import re
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from .pdf_render import chromium
from .web_fixtures import PASSWORD, SAMPLE, UNIT_A, make_web

sync_api = pytest.importorskip("playwright.sync_api")
FORM_PAGE = re.compile(r"/forms/\d+$")
pytestmark = pytest.mark.skipif(chromium() is None, reason="Chromium is not installed")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app under uvicorn on a free port of 127.0.0.1, in a thread of this process."""
    web = make_web(tmp_path_factory.mktemp("browser"))
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(web.client.app, host="127.0.0.1", port=port, log_level="warning")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    started = threading.Event()
    while not started.wait(0.05):  # until the server listens (or its thread died)
        if running.started or not thread.is_alive():
            started.set()
    assert running.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium(), args=["--no-sandbox"])
        yield launched
        launched.close()


def _log_in(browser: object, server: str, name: str) -> object:
    page = browser.new_page()  # type: ignore[attr-defined]
    page.set_default_timeout(20_000)
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.errors = errors
    page.goto(f"{server}/login")
    page.fill('input[name="username"]', name)
    page.fill('input[name="password"]', PASSWORD)
    page.click('button[type="submit"]')
    page.wait_for_url(f"{server}/forms")
    return page


def _step(page: object, label: str, comment: str = "") -> None:
    if comment:
        page.fill('textarea[name="comment"]', comment)  # type: ignore[attr-defined]
    page.click(f'form.workflow button:has-text("{label}")')  # type: ignore[attr-defined]
    page.wait_for_load_state()  # type: ignore[attr-defined]


def _add_user(admin: object, server: str, name: str, role: str, units: str) -> None:
    """An account made by the admin on the 用户 page."""
    admin.goto(f"{server}/users")  # type: ignore[attr-defined]
    form = admin.locator('form[action="/users"]')  # type: ignore[attr-defined]
    form.locator('input[name="name"]').fill(name)
    form.locator('select[name="role"]').select_option(role)
    form.locator('textarea[name="units"]').fill(units)
    form.locator('input[name="password"]').fill(PASSWORD)
    form.locator('button[type="submit"]').click()
    sync_api.expect(admin.locator("table").first).to_contain_text(name)  # type: ignore[attr-defined]


def test_fill_in_submit_return_resubmit_approve(server: str, browser: object, tmp_path: Path) -> None:
    admin = _log_in(browser, server, "admin")  # the admin makes the filler and the reviewer
    _add_user(admin, server, "王填报", "filler", UNIT_A)
    _add_user(admin, server, "赵审核", "reviewer", UNIT_A)
    filler = _log_in(browser, server, "王填报")
    filler.goto(f"{server}/upload")
    filler.set_input_files('input[name="file"]', str(SAMPLE))
    filler.click('button:has-text("上传并检查")')
    filler.wait_for_url(FORM_PAGE)
    assert filler.locator("td.flag").count() > 0  # a finding on its cell
    uploaded = filler.url.rsplit("/", 1)[-1]

    filler.goto(f"{server}/forms/{uploaded}/edit")  # the fill-in page of the uploaded draft
    total = filler.locator('output[data-out="total"]')
    sync_api.expect(total).not_to_have_text("—")  # scored as the page opened (CSP: no eval, no wait_for_function)
    before = total.text_content()
    filler.locator('input[data-path="funds.total.executed"]').fill("1")  # a tiny execution: the fund score falls
    sync_api.expect(total).not_to_have_text(before or "")
    sync_api.expect(filler.locator("#findings tr").first).to_be_visible()
    filler.click("#save")
    filler.wait_for_url(f"{server}/forms/{uploaded}")
    assert "草稿" in filler.text_content(".meta")

    filler.goto(f"{server}/forms/new?from={uploaded}")  # next year's, from this one
    assert filler.locator("#indicators tbody tr").count() > 0
    filler.locator('input[data-path="funds.total.annual_budget"]').fill("200")
    filler.locator('input[data-path="funds.total.executed"]').fill("150")
    sync_api.expect(filler.locator('output[data-out="rate"]')).to_have_text("75.00%")
    filler.click("#save")
    filler.wait_for_url(FORM_PAGE)
    created = filler.url.rsplit("/", 1)[-1]
    assert created != uploaded and "草稿" in filler.text_content(".meta")
    _step(filler, "提交")
    assert "已提交" in filler.text_content(".meta")

    reviewer = _log_in(browser, server, "赵审核")
    reviewer.goto(f"{server}/forms/{created}")
    _step(reviewer, "开始审核")
    assert "审核中" in reviewer.text_content(".meta")
    reviewer.click('#sheet td[data-path="funds.total.executed"]')  # picks the cell for a comment on it
    sync_api.expect(reviewer.locator('input[name="note_path"]').first).to_have_value("funds.total.executed")
    reviewer.keyboard.type("执行数与决算不符")  # the comment box of that row has the focus
    _step(reviewer, "退回", "请补充偏差原因")
    assert "已退回" in reviewer.text_content(".meta")
    assert reviewer.locator('#sheet td.noted[data-path="funds.total.executed"]').count() == 1

    filler.goto(f"{server}/forms/{created}")
    assert "请补充偏差原因" in filler.text_content("body") and "执行数与决算不符" in filler.text_content("body")
    filler.goto(f"{server}/forms/{created}/edit")  # the comment is on its cell of the fill-in page too
    sync_api.expect(filler.locator("#fill td.noted")).to_have_count(1)
    filler.goto(f"{server}/forms/{created}")
    _step(filler, "提交", "已补充")
    reviewer.goto(f"{server}/forms/{created}")
    assert "已重新提交" in reviewer.text_content(".meta")
    _step(reviewer, "通过")
    assert "已通过" in reviewer.text_content(".meta")
    assert not [e for e in admin.errors + filler.errors + reviewer.errors if "Content Security Policy" in e]


def test_api_docs_work_offline_under_the_csp(server: str, browser: object) -> None:
    page = browser.new_page()  # type: ignore[attr-defined]
    page.set_default_timeout(20_000)
    refused: list[str] = []
    page.on("console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text
            else None)
    outside: list[str] = []
    page.on("request", lambda request: outside.append(request.url) if not request.url.startswith(server) else None)
    page.goto(f"{server}/docs")
    sync_api.expect(page.locator(".opblock-summary-path").first).to_be_visible()  # Swagger UI drew the API
    assert page.locator(".opblock").count() >= 20
    assert refused == [] and outside == []
    page.close()


def test_dashboard_charts_draw_under_the_csp(server: str, browser: object) -> None:
    page = _log_in(browser, server, "filler_a")
    outside: list[str] = []
    page.on("request", lambda request: outside.append(request.url) if not request.url.startswith(server) else None)
    page.goto(f"{server}/upload")  # the sample (again: the same bytes give the same document)
    page.set_input_files('input[name="file"]', str(SAMPLE))
    page.click('button:has-text("上传并检查")')
    page.wait_for_url(FORM_PAGE)
    page.goto(f"{server}/dashboard")
    sync_api.expect(page.locator("#charts")).to_have_attribute("data-state", "drawn")
    assert page.locator("#charts canvas").count() >= 5  # every chart with data drew (deductions may have none)
    assert not [e for e in page.errors if "Content Security Policy" in e] and outside == []
    page.close()
