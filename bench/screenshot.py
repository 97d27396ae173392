"""Screenshot of the HTML report's overview on the shipped samples, for the docs (docs/report-screenshot.png).

    .venv/bin/python bench/screenshot.py [--db CORPUS] [--out docs/report-screenshot.png] [--form ID]

Without --db the samples in examples/ are ingested into a temporary corpus. --form also saves that form's page
beside the overview (NAME-form.png). Needs Chromium (Debian: /usr/bin/chromium) and the playwright package.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="corpus to report on (default: the samples, ingested into a temporary one)")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "report-screenshot.png")
    parser.add_argument("--form", type=int, help="also save the page of this form id")
    parser.add_argument("--width", type=int, default=1400)
    parser.add_argument("--height", type=int, default=1450, help="the overview is the top of the page, this tall")
    args = parser.parse_args()
    chromium = shutil.which("chromium")
    if chromium is None:
        print("chromium not found", file=sys.stderr)
        return 1

    from playwright.sync_api import sync_playwright

    from jixiao.ingest import ingest
    from jixiao.report.html import write_html
    from jixiao.store.database import open_engine

    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or str(Path(tmp) / "samples.db")
        engine = open_engine(db)
        if not args.db:
            ingest(engine, [ROOT / "examples"], jobs=1)
        report = write_html(engine, Path(tmp) / "report.html")
        engine.dispose()
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=ARGS)
            page = browser.new_page(viewport={"width": args.width, "height": args.height})
            page.goto(report.as_uri())
            page.wait_for_function("document.body.dataset.ready === '1'", timeout=120_000)
            page.screenshot(path=str(args.out))
            if args.form is not None:
                page.evaluate("id => { location.hash = 'form/' + id; }", args.form)
                page.wait_for_selector("table.jxform")
                page.screenshot(path=str(args.out.with_name(args.out.stem + "-form.png")), full_page=True)
            browser.close()
    print(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
