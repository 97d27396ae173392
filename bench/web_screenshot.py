"""Screenshot of the web app's fill-in page (填报) for the docs (docs/web-screenshot-fill.png): the first sample form
uploaded by a filler into a temporary corpus, opened on the fill-in page, its funds' executed amount changed so the
live scores and findings show the change. With `--page dashboard`: every sample uploaded by an admin and the
dashboard (统计) once its charts are drawn (docs/web-screenshot-dashboard.png). With `--page returned`: the sample
submitted by the filler, opened for review and returned by the reviewer with a comment and comments on two cells
picked by clicking them, then the form's page as the filler sees it (docs/web-screenshot-returned.png).

    .venv/bin/python bench/web_screenshot.py [--page fill|dashboard|returned] [--out PNG]

Serves the app under uvicorn on 127.0.0.1 in a thread of this process. Needs Chromium (Debian: /usr/bin/chromium)
and the playwright package.
"""

from __future__ import annotations

import argparse
import shutil
import socket
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "003_a203d4b834672a09.txt"
UNIT = "上海市人民政府办公厅"
PASSWORD = "screenshot-pw-1"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--page", choices=("fill", "dashboard", "returned"), default="fill")
    parser.add_argument("--out", type=Path)
    parser.add_argument("--width", type=int, default=1300)
    parser.add_argument("--height", type=int, default=1500)
    args = parser.parse_args()
    args.out = args.out or ROOT / "docs" / f"web-screenshot-{args.page}.png"
    chromium = shutil.which("chromium")
    if chromium is None:
        print("chromium not found", file=sys.stderr)
        return 1

    import uvicorn
    from playwright.sync_api import expect, sync_playwright

    from jixiao.store.accounts import Role, add_user
    from jixiao.store.database import open_engine
    from jixiao.web.app import create_app

    with tempfile.TemporaryDirectory() as tmp:
        engine = open_engine(str(Path(tmp) / "web.db"))
        with engine.begin() as conn:
            add_user(conn, "张三", Role.filler, PASSWORD, [UNIT])
            add_user(conn, "管理员", Role.admin, PASSWORD)
            add_user(conn, "李四", Role.reviewer, PASSWORD, [UNIT])
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        server = uvicorn.Server(uvicorn.Config(create_app(engine, Path(tmp) / "uploads"), host="127.0.0.1",
                                               port=port, log_level="warning"))
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        while not server.started and thread.is_alive():
            threading.Event().wait(0.05)
        base = f"http://127.0.0.1:{port}"
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page(viewport={"width": args.width, "height": args.height})
            _log_in(page, base, "管理员" if args.page == "dashboard" else "张三")
            {"dashboard": _dashboard, "fill": _fill, "returned": _returned}[args.page](page, base, expect)
            page.screenshot(path=str(args.out))
            browser.close()
        server.should_exit = True
        thread.join()
    print(args.out)
    return 0


def _log_in(page, base: str, name: str) -> None:  # noqa: ANN001 - Playwright's page
    page.context.clear_cookies()
    page.goto(f"{base}/login")
    page.fill('input[name="username"]', name)
    page.fill('input[name="password"]', PASSWORD)
    page.click('button[type="submit"]')
    page.wait_for_load_state()


def _returned(page, base: str, expect) -> None:  # noqa: ANN001 - Playwright's page and expect
    """The sample submitted, reviewed and returned with comments on two cells; its page as the filler sees it."""
    page.goto(f"{base}/upload")
    page.set_input_files('input[name="file"]', str(SAMPLE))
    page.click('button:has-text("上传并检查")')
    page.wait_for_url(f"{base}/forms/1")
    page.click('form.workflow button:has-text("提交")')
    page.wait_for_load_state()
    _log_in(page, base, "李四")
    page.goto(f"{base}/forms/1")
    page.click('form.workflow button:has-text("开始审核")')
    page.wait_for_load_state()
    for path, comment in (("funds.total.executed", "执行数与部门决算不一致，请核对"),
                          ("indicators.0.actual", "实际完成值请附佐证材料")):
        page.click(f'#sheet td[data-path="{path}"]')
        page.keyboard.type(comment)
    page.fill('textarea[name="comment"]', "请按逐项意见修改后重新提交")
    page.click('form.workflow button:has-text("退回")')
    page.wait_for_load_state()
    _log_in(page, base, "张三")
    page.goto(f"{base}/forms/1")
    expect(page.locator("#review-notes")).to_be_visible()


def _dashboard(page, base: str, expect) -> None:  # noqa: ANN001 - Playwright's page and expect
    """Every sample uploaded, then the dashboard once its charts are drawn."""
    page.goto(f"{base}/upload")
    page.set_input_files('input[name="file"]', [str(p) for p in sorted(SAMPLE.parent.glob("*.txt"))])
    page.click('button:has-text("上传并检查")')
    page.wait_for_load_state()
    page.goto(f"{base}/dashboard")
    expect(page.locator("#charts")).to_have_attribute("data-state", "drawn", timeout=60_000)


def _fill(page, base: str, expect) -> None:  # noqa: ANN001 - Playwright's page and expect
    """The first sample uploaded and opened on the fill-in page, its executed amount changed."""
    page.goto(f"{base}/upload")
    page.set_input_files('input[name="file"]', str(SAMPLE))
    page.click('button:has-text("上传并检查")')
    page.wait_for_url(f"{base}/forms/1")
    page.goto(f"{base}/forms/1/edit")
    total = page.locator('output[data-out="total"]')
    expect(total).not_to_have_text("—", timeout=60_000)
    before = total.text_content() or ""
    page.fill('input[data-path="funds.total.executed"]', "20")
    expect(total).not_to_have_text(before, timeout=60_000)


if __name__ == "__main__":
    sys.exit(main())
