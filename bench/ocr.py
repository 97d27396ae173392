"""OCR of scanned forms: share of fields read right, seconds per page and peak memory, for each way a scan is
degraded and at 150/200/300 dpi.

Golden forms are rendered to PDF by the product's renderer, rasterised, degraded (tests/scan_render.py) and saved
as a PDF without a text layer, as a scanner saves one; each is read in a fresh process (`jixiao parse`), whose
peak resident memory is its own. RapidOCR 1.x has no table output of its own to compare with (its table model is
another package); the cells here come from the page's ruling lines.

    PYTHONPATH=src:. python bench/ocr.py [--files 2] [--dpi 150 200 300] [--out bench/ocr.json]
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

from tests.scan_render import CONDITIONS, answer, degrade, golden, pages, scanned_pdf  # noqa: E402
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=2, help="the first form of this many golden files (a page each)")
    parser.add_argument("--dpi", type=int, nargs="+", default=[150, 200, 300])
    parser.add_argument("--out", type=Path, help="write the figures as JSON")
    args = parser.parse_args()
    forms = [golden(k, 1)[0] for k in range(args.files)]
    gold = answer(forms)
    rows = []
    print("| dpi | condition | fields right | s / page | peak MB | warnings |")
    print("|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for dpi in args.dpi:
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
    if args.out:
        args.out.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
