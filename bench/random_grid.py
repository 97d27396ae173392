"""Random forms read back in every layout and variation of the test grid (measured, not asserted).

The property test (`tests/test_layouts.py::test_random_form_reads_back`) asks 50 random forms (`tests/random_forms.py`)
of the grid's layouts that must read exactly, printed plainly. This reads N random forms in every layout (tab, pipe, a
cell per line, one line, flowed and column-aligned PDF text, HTML, LaTeX, drawn …) and every variation (page breaks,
merged labels printed in the middle or at the bottom of their span, vertical labels, chrome, markup, province
variants, traditional characters, points first, narrow columns, captions, no labels), and prints per pair the share
of fields read right and how many forms read any field wrong, worst first. The goldens say how the shipped samples
read; this says how forms nobody printed before do. Failing forms are written to OUT.json with the fields they read
wrong, to replay with `tests.layout_render.render(form, layout, seed=seed, **COMBOS[variation])`.

usage: python bench/random_grid.py [N] [--layouts tab,aligned] [--out OUT] [--seed S]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.layout_render import COMBOS, LAYOUTS, render  # noqa: E402
from tests.random_forms import forms  # noqa: E402
from tests.test_layouts import read_back  # noqa: E402

KEPT = 3  # failing forms kept per layout and variation


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", nargs="?", type=int, default=40, help="random forms (default 40)")
    parser.add_argument("--layouts", default=",".join(LAYOUTS), help="comma-separated layouts (default: all)")
    parser.add_argument("--out", type=Path, default=Path("random_grid_failures.json"))
    parser.add_argument("--seed", type=int, default=0, help="hypothesis seed (the same forms for the same seed)")
    args = parser.parse_args(argv)
    pairs = [(layout, variation) for layout in args.layouts.split(",") for variation in [None, *COMBOS]]
    fields: Counter[str] = Counter()
    right: Counter[str] = Counter()
    failing: Counter[str] = Counter()
    examples: dict[str, list[dict]] = defaultdict(list)
    unprintable: dict[str, str] = {}

    @seed(args.seed)
    @settings(max_examples=args.n, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    @given(form=forms(), render_seed=st.integers(0, 1000))
    def read_all(form: dict, render_seed: int) -> None:
        for layout, variation in pairs:
            key = f"{layout}:{variation or '-'}"
            options = COMBOS.get(variation or "", {})
            try:
                total, matched, wrong, missing, extra = read_back([form], layout, seed=render_seed, **options)
            except Exception as exc:
                try:
                    render([form], layout, seed=render_seed, **options)
                except Exception as failed:  # (the test renderer cannot print this pair: no reading to measure)
                    unprintable[key] = repr(failed)
                    continue
                total, matched, wrong, missing, extra = 1, 0, [repr(exc)], 1, 0  # (the reader's: a form read wrong)
            fields[key] += total
            right[key] += matched
            if missing or extra or matched != total:
                failing[key] += 1
                if len(examples[key]) < KEPT:
                    examples[key].append({"seed": render_seed, "wrong": wrong[:8], "missing": missing,
                                          "extra": extra, "form": form})

    read_all()
    print(f"{'layout:variation':30} {'fields right':>13} {'forms wrong':>12}")
    for key in sorted(fields, key=lambda k: (right[k] / fields[k], k)):
        print(f"{key:30} {100 * right[key] / fields[key]:12.2f}% {failing[key]:6}/{args.n}")
    for key, error in sorted(unprintable.items()):
        print(f"{key:30} not printed: the test renderer fails ({error})")
    args.out.write_text(json.dumps(examples, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"failing forms: {args.out}")


if __name__ == "__main__":
    main()
