"""jixiao's PDF reader against pdfplumber's bare table extraction, on the same PDFs, in one run (measured, not
asserted).

The PDFs are the 58 sample forms written as Word documents (tests/docx_render.py) and exported by LibreOffice
Writer, the way most published PDFs are made (forms crossing page breaks, merged 一级/二级 labels split by them).
Each reader runs over every file ROUNDS times; the figures are pages per second of the fastest pass, the peak
traced memory of one pass, and the fields right against the answer keys. pdfplumber's tables are handed to the
same assembler (its cells as table rows, `None` for a merged cell's covered positions), so the field counts
compare the two extractions, not two assemblers.

usage: python bench/pdf.py [ROUNDS] [--pdfs DIR]   (needs LibreOffice unless DIR holds the PDFs; pdfplumber is
the `bench` extra: pip install -e ".[bench]")
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pdfplumber  # noqa: E402

from jixiao.assemble import read_document  # noqa: E402
from jixiao.read.grid import Cell, Emitter, cell_text  # noqa: E402
from jixiao.read.pdf import read_pdf  # noqa: E402
from jixiao.read.tokens import Document  # noqa: E402
from tests.docx_render import render_docx  # noqa: E402
from tests.layout_render import expected  # noqa: E402
from tests.pdf_render import libreoffice_pdf  # noqa: E402
from tests.scoring import score  # noqa: E402

GOLDEN = ROOT / "tests" / "data" / "golden"


def plumber_document(path: Path) -> Document:
    """pdfplumber's `page.extract_tables()` as a token stream: each table's rows, page by page."""
    doc = Document(file=str(path))
    out = Emitter(doc)
    with pdfplumber.open(path) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            out.new_page(number)
            for table in page.extract_tables():
                for row in table:
                    out.table_row([Cell(cell_text((text or "").split("\n")), col) for col, text in enumerate(row)])
                out.end_table()
    return doc


def pages_of(path: Path) -> int:
    import pypdfium2

    pdf = pypdfium2.PdfDocument(path)
    try:
        return len(pdf)
    finally:
        pdf.close()


def run(name: str, read: Callable[[Path], Document], pdfs: list[tuple[Path, list[dict]]], rounds: int) -> dict:
    docs = [read(path) for path, _ in pdfs]  # warm up, and the documents scored below
    fastest = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        for path, _ in pdfs:
            read_document(read(path))
        fastest = min(fastest, time.perf_counter() - start)
    tracemalloc.start()
    for path, _ in pdfs:
        read_document(read(path))
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    fields = matched = 0
    for doc, (_, gold) in zip(docs, pdfs, strict=True):
        t, m, _, _, _ = score([expected(f) for f in gold], [f.record() for f in read_document(doc).forms])
        fields, matched = fields + t, matched + m
    pages = sum(pages_of(path) for path, _ in pdfs)
    return {"reader": name, "pages": pages, "pages_per_s": pages / fastest, "peak_mib": peak,
            "fields": fields, "matched": matched}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("rounds", nargs="?", type=int, default=3)
    parser.add_argument("--pdfs", type=Path, help="a directory of NAME.pdf made from tests/data/golden/NAME.json")
    args = parser.parse_args(argv)
    goldens = sorted(GOLDEN.glob("*.json"))
    forms = {g.stem: json.loads(g.read_text(encoding="utf-8"))["forms"] for g in goldens}
    with tempfile.TemporaryDirectory() as tmp:
        if args.pdfs:
            pdfs = [(args.pdfs / f"{stem}.pdf", gold) for stem, gold in forms.items()]
        else:
            sources = []
            for seed, (stem, gold) in enumerate(forms.items()):
                sources.append(Path(tmp) / f"{stem}.docx")
                render_docx(gold, sources[-1], seed=seed)
            made = libreoffice_pdf(sources, Path(tmp) / "pdf", Path(tmp) / "profile")
            pdfs = list(zip(made, forms.values(), strict=True))
        results = [run("jixiao (pypdfium2, rules → cells)", lambda p: read_pdf(p, str(p)), pdfs, args.rounds),
                   run("pdfplumber extract_tables()", plumber_document, pdfs, args.rounds)]
    print(f"{'reader':36} {'pages':>6} {'pages/s':>8} {'peak MiB':>9} {'fields right':>16}")
    for r in results:
        share = 100.0 * r["matched"] / r["fields"] if r["fields"] else 0.0
        print(f"{r['reader']:36} {r['pages']:>6} {r['pages_per_s']:>8.1f} {r['peak_mib']:>9.1f} "
              f"{r['matched']:>6}/{r['fields']} {share:6.2f}%")
    return 0


if __name__ == "__main__":
    sys.exit(main())
