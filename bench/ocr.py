"""OCR of scanned forms: share of fields read right, seconds per page and peak memory, for each way a scan is
degraded and at 150/200/300 dpi; then, at 200 dpi with light noise, for each shape of file that needs OCR or the
scan's image operations (a page turned a quarter or upside down, a searchable scan, text turned into outlines, a
broken ToUnicode map, a form pasted as a picture into a PDF page or a Word document).

Golden forms are rendered to PDF by the product's renderer, rasterised, degraded (tests/scan_render.py) and saved
as a PDF without a text layer, as a scanner saves one; each is read in a fresh process (`jixiao parse`), whose
peak resident memory is its own. RapidOCR 1.x has no table output of its own to compare with (its table model is
another package); the cells here come from the page's ruling lines.

    PYTHONPATH=src:. python bench/ocr.py [--files 2] [--dpi 150 200 300] [--shapes-only] [--out bench/ocr.json]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

from jixiao.model import Form  # noqa: E402
from jixiao.render import RenderFormat, render_forms  # noqa: E402
from tests.scan_render import (  # noqa: E402
    CONDITIONS,
    LIGHT,
    Condition,
    answer,
    degrade,
    golden,
    outlined_pdf,
    pages,
    pictured_pdf,
    scanned_pdf,
    searchable_pdf,
    word_with_pictures,
)
from tests.scoring import score  # noqa: E402

CHILD = """
import json, resource, sys
from pathlib import Path
from jixiao.parse import parse_file
result = parse_file(Path(sys.argv[1]))
print(json.dumps({"error": result.error.message if result.error else None,
                  "forms": [f.record() for f in result.forms],
                  "warnings": sum(len(f.warnings) for f in result.forms),
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}, ensure_ascii=False))
"""


def run(pdf: Path) -> dict:
    start = time.perf_counter()
    env = {"PYTHONPATH": f"{ROOT / 'src'}", "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-c", CHILD, str(pdf)], capture_output=True, text=True, env=env,
                          check=True, preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_CPU, (1200, 1200)))
    out = json.loads(done.stdout)
    out["seconds"] = time.perf_counter() - start
    return out


def shapes(forms: list[dict], folder: Path) -> dict:
    """Each shape of file: name -> (path, pages)."""
    text_pdf = render_forms([Form.model_validate(f) for f in forms], RenderFormat.pdf, folder / "text.pdf")
    clean = pages(forms, 200, folder)
    light = [degrade(im, LIGHT, seed=k) for k, im in enumerate(clean)]
    out = {}
    for turn in (90, 180, 270):
        out[f"scan turned {turn}°"] = scanned_pdf([im.rotate(turn, expand=True) for im in light],
                                                  folder / f"turned{turn}.pdf", 200)
    out["searchable scan"] = searchable_pdf(light, text_pdf, folder / "searchable.pdf")
    turned = [degrade(im, Condition("turned", rotate=1.5, noise=8), seed=k) for k, im in enumerate(clean)]
    out["searchable scan, turned 1.5°"] = searchable_pdf(turned, text_pdf, folder / "searchable15.pdf", 1.5)
    out["text turned into outlines"] = outlined_pdf(text_pdf, folder / "outlined.pdf")
    broken = folder / "broken.pdf"
    broken.write_bytes(text_pdf.read_bytes().replace(b"/ToUnicode", b"/ToUnicodX"))
    out["ToUnicode maps broken"] = broken
    out["picture in a PDF page"] = pictured_pdf(light, folder / "pictured.pdf", "附件2：项目支出绩效自评表")
    out["picture in a Word document"] = word_with_pictures(light, folder / "pictured.docx")
    return {name: (path, len(clean)) for name, path in out.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=2, help="the first form of this many golden files (a page each)")
    parser.add_argument("--dpi", type=int, nargs="+", default=[150, 200, 300])
    parser.add_argument("--shapes-only", action="store_true", help="only the shapes of file, not the conditions")
    parser.add_argument("--out", type=Path, help="write the figures as JSON")
    args = parser.parse_args()
    forms = [golden(k, 1)[0] for k in range(args.files)]
    gold = answer(forms)
    rows = []
    if not args.shapes_only:
        print("| dpi | condition | fields right | s / page | peak MB | warnings |")
        print("|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for dpi in [] if args.shapes_only else args.dpi:
            clean = pages(forms, dpi, folder)
            for condition in CONDITIONS:
                images = [degrade(im, condition, seed=k) for k, im in enumerate(clean)]
                got = run(scanned_pdf(images, folder / "scan.pdf", dpi))
                fields, matched, _, missing, extra = score(gold, got["forms"])
                row = {"dpi": dpi, "condition": condition.name, "fields": fields, "matched": matched,
                       "missing": missing, "extra": extra, "seconds_per_page": got["seconds"] / len(images),
                       "peak_mb": got["peak_mb"], "warnings": got["warnings"], "error": got["error"]}
                rows.append(row)
                print(f"| {dpi} | {condition.name} | {matched}/{fields} ({100 * matched / fields:.1f}%) | "
                      f"{row['seconds_per_page']:.1f} | {row['peak_mb']:.0f} | {row['warnings']} |", flush=True)
        print("\n| shape of file (200 dpi, light noise) | fields right | s / page | peak MB | warnings |")
        print("|---|---|---|---|---|")
        for name, (path, count) in shapes(forms, folder).items():
            got = run(path)
            fields, matched, _, missing, extra = score(gold, got["forms"])
            row = {"shape": name, "fields": fields, "matched": matched, "missing": missing, "extra": extra,
                   "seconds_per_page": got["seconds"] / count, "peak_mb": got["peak_mb"], "warnings": got["warnings"],
                   "error": got["error"]}
            rows.append(row)
            print(f"| {name} | {matched}/{fields} ({100 * matched / fields:.1f}%) | {row['seconds_per_page']:.1f} | "
                  f"{row['peak_mb']:.0f} | {row['warnings']} |", flush=True)
    if args.out:
        args.out.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
