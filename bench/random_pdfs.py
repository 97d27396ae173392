"""Random forms as Word documents and workbooks printed to PDF by LibreOffice, read back (measured, not asserted).

The random grid (`random_grid.py`) reads random forms in the text layouts other programs make of them; this reads
them from the files most forms are published as: N random forms (`tests/random_forms.py`) written as Word
documents (`tests/docx_render.py`) in variations — as written, page breaks with and without a repeated header,
labels in the middle or at the bottom of their spans, page furniture, a web page's chrome, province variants,
labels set 分散对齐, tables without borders (plain, with page breaks, with labels in the middle) — and as
workbooks (`tests/xlsx_render.py`: as written, page breaks, labels in the middle, set vertically), converted to
PDF by LibreOffice in batches, and read back with jixiao's PDF reader. Prints per variation the fields read right
and the forms read with any field wrong, worst first; writes the failing forms (their PDF, render seed and wrong
fields) to OUT, and every PDF made with its variation, form and render seed to OUT.manifest (to read the same PDFs again
with other code: `--manifest OUT.manifest`). Needs LibreOffice (`soffice`).

With `--direct` the Word documents and workbooks are read as written (jixiao's Word and Excel readers), no PDF
made: what a .docx or .xlsx attachment gives. With `--text EXTRACTOR` the PDFs' text is taken out by another
program and read as text (what a form copied out of a PDF gives): `pdfplumber` (`page.extract_text()`),
`pdfplumber-layout` (`extract_text(layout=True)`), `pdfium` (pypdfium2's text page) or `pdftotext-layout`
(`pdftotext -layout`, when poppler-utils is installed); pages joined by a line break, as most scripts join them
(`pdftotext` prints its form feeds).

usage: python bench/random_pdfs.py [N] [--seed S] [--out OUT] [--manifest FILE] [--direct] [--text EXTRACTOR]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from jixiao.parse import parse_file, parse_text  # noqa: E402
from tests.docx_render import render_docx  # noqa: E402
from tests.layout_render import expected  # noqa: E402
from tests.random_forms import forms  # noqa: E402
from tests.scoring import score  # noqa: E402
from tests.xlsx_render import convert, render_xlsx  # noqa: E402

WORD = {
    "-": {},
    "breaks": {"page_breaks": True, "repeat_header": True},
    "breaks_no_header": {"page_breaks": True},
    "middle": {"label_position": "middle"},
    "bottom": {"label_position": "bottom"},
    "furniture": {"furniture": True, "page_breaks": True},
    "chrome": {"chrome": True},
    "variants": {"variants": True},
    "distributed": {"distributed": True},
    "unruled": {"ruled": False},
    "unruled_breaks": {"ruled": False, "page_breaks": True, "repeat_header": True},
    "unruled_middle": {"ruled": False, "label_position": "middle"},
}
SHEETS = {
    "sheet": {},
    "sheet_breaks": {"page_breaks": True, "repeat_header": True},
    "sheet_middle": {"label_position": "middle"},
    "sheet_vertical": {"label_position": "vertical"},
}
BATCH = 40  # documents per LibreOffice run (its start-up is most of the time; a run has a time limit)
KEPT = 3  # failing forms kept per variation


def _make(n: int, seed_: int, folder: Path, direct: bool = False) -> list[tuple[Path, str, dict, int]]:
    """The N random forms written in every variation: (document, variation, form, render seed); `direct`: the Word
    documents and workbooks themselves, not printed to PDF."""
    made: list[tuple[Path, str, dict, int]] = []

    @seed(seed_)
    @settings(max_examples=n, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    @given(form=forms(), render_seed=st.integers(0, 1000))
    def write(form: dict, render_seed: int) -> None:
        k = len(made) // (len(WORD) + len(SHEETS))
        for name, options in WORD.items():
            path = folder / f"{k}.{name}.docx"
            render_docx([form], path, seed=render_seed, **options)
            made.append((path, name, form, render_seed))
        for name, options in SHEETS.items():
            path = folder / f"{k}.{name}.xlsx"
            render_xlsx([form], path, seed=render_seed, **options)
            made.append((path, name, form, render_seed))

    write()
    if direct:
        return made
    pdfs: list[Path] = []
    for start in range(0, len(made), BATCH):
        pdfs += convert([made_[0] for made_ in made[start:start + BATCH]], "pdf", folder)
    return [(pdf, name, form, at) for pdf, (_, name, form, at) in zip(pdfs, made, strict=True)]


def _plumber(pdf: Path, layout: bool) -> str:
    import pdfplumber

    with pdfplumber.open(pdf) as doc:
        return "\n".join(page.extract_text(layout=layout) or "" for page in doc.pages)


def _pdfium(pdf: Path) -> str:
    import pypdfium2

    doc = pypdfium2.PdfDocument(pdf)
    try:
        return "\n".join(doc[k].get_textpage().get_text_range() for k in range(len(doc)))
    finally:
        doc.close()


def _pdftotext(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True,
                          check=True, timeout=120).stdout


EXTRACTORS = {"pdfplumber": lambda pdf: _plumber(pdf, False), "pdfplumber-layout": lambda pdf: _plumber(pdf, True),
              "pdfium": _pdfium, "pdftotext-layout": _pdftotext}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", nargs="?", type=int, default=20, help="random forms (default 20)")
    parser.add_argument("--seed", type=int, default=0, help="hypothesis seed (the same forms for the same seed)")
    parser.add_argument("--out", type=Path, default=Path("random_pdfs_failures.json"))
    parser.add_argument("--manifest", type=Path, help="read the PDFs a run listed instead of making new ones")
    parser.add_argument("--direct", action="store_true",
                        help="read the Word documents and workbooks as written, not printed to PDF")
    parser.add_argument("--text", choices=sorted(EXTRACTORS), help="read the PDFs' text as this program takes it out")
    args = parser.parse_args(argv)
    if args.text == "pdftotext-layout" and shutil.which("pdftotext") is None:
        parser.error("--text pdftotext-layout needs pdftotext (apt install poppler-utils)")
    if args.manifest:
        listed = json.loads(args.manifest.read_text(encoding="utf-8"))
        items = [(Path(pdf), name, form, at) for pdf, name, form, at in listed]
    else:
        folder = Path(tempfile.mkdtemp(prefix="jixiao-random-pdfs-"))
        items = _make(args.n, args.seed, folder, args.direct)
        manifest = args.out.with_name(args.out.name + ".manifest")
        manifest.write_text(json.dumps([[str(p), name, form, at] for p, name, form, at in items], ensure_ascii=False),
                            encoding="utf-8")
        print(f"PDFs in {folder}, listed in {manifest}")
    fields: Counter[str] = Counter()
    right: Counter[str] = Counter()
    failing: Counter[str] = Counter()
    examples: dict[str, list[dict]] = defaultdict(list)
    for pdf, name, form, at in items:
        if args.text:
            read = parse_text(EXTRACTORS[args.text](pdf), pdf.with_suffix(".txt").name)
        else:
            read = parse_file(pdf).forms
        total, matched, wrong, missing, extra = score([expected(form)], [f.record() for f in read])
        fields[name] += total
        right[name] += matched
        if wrong or missing or extra:
            failing[name] += 1
            if len(examples[name]) < KEPT:
                examples[name].append({"pdf": str(pdf), "seed": at, "wrong": wrong[:10], "missing": missing,
                                       "extra": extra, "form": form})
    forms_per = Counter(item[1] for item in items)
    print(f"{'variation':18} {'fields right':>12} {'forms wrong':>12}")
    for name in sorted(fields, key=lambda k: right[k] / max(1, fields[k])):
        print(f"{name:18} {100 * right[name] / max(1, fields[name]):11.2f}% {failing[name]:>6}/{forms_per[name]}")
    print(f"{'all':18} {100 * sum(right.values()) / max(1, sum(fields.values())):11.2f}% "
          f"{sum(failing.values()):>6}/{len(items)}")
    args.out.write_text(json.dumps(examples, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"failing forms: {args.out}")


if __name__ == "__main__":
    main()
